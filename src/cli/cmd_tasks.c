/* cmd_tasks.c: `benchtop tasks`: the explorer's task list, the same rows
 * (the same model and cells) for the same filter and sort. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/cli.h"
#include "benchtop/model_tasks.h"
#include "benchtop/report.h"

/* Load and filter one kind's list. */
static int
load(struct store *st, struct task_filter f, enum task_kind kind, int sort, bool reverse,
     struct tasks_model *m, struct bt_error *err)
{
	int rc;

	f.kind = kind;
	if ((rc = tasks_model_load(m, st, &f, err)))
		return rc;
	m->sort = (enum tasks_sort)sort;
	m->reverse = reverse;
	tasks_model_apply(m);
	return BT_OK;
}

/* What `benchtop tasks` was asked. */
struct tasks_request {
	const char *store, *run, *filter;
	int format, sort, kinds; /* kinds: 1 generation, 2 feature, 3 all */
	bool reverse;
};

static int
list_tasks(const struct tasks_request *q)
{
	struct task_filter f = {.level = -1};
	struct tasks_model m[2];
	struct bt_error err = {0};
	struct report_table *t = NULL;
	struct store *st = NULL;
	char why[256];
	int rc;

	if (!tasks_filter_parse(q->filter, &f, why, sizeof(why)))
		return cli_usage_error("tasks", "--filter: %s", why);
	if ((rc = cli_open_read(q->store, &st, NULL, &err)) ||
	    (q->run && (rc = store_find_run(st, q->run, &f.run_id, &err)))) {
		store_close(st);
		return cli_fail(rc, "%s", err.msg);
	}
	memset(m, 0, sizeof(m));
	/* --kind all: the generation tasks' rows, then the feature tasks' */
	for (int k = 0; k < 2 && !rc; k++) {
		struct list_table lt;
		if (!(q->kinds & (1 << k)))
			continue;
		if ((rc = load(st, f, k ? TASK_FEATURE : TASK_GENERATION, q->sort, q->reverse, &m[k], &err)))
			break;
		tasks_model_table(&m[k], &lt);
		if (t)
			list_table_append(t, &lt);
		else
			t = list_table_report(&lt);
	}
	if (!rc)
		report_write(&t, 1, (enum report_format)q->format, cli_report_flags(stdout), stdout);
	else
		rc = cli_fail(rc, "%s", err.msg);
	report_table_free(t);
	tasks_model_free(&m[0]);
	tasks_model_free(&m[1]);
	store_close(st);
	return rc;
}

int
cmd_tasks(int argc, char **argv)
{
	struct tasks_request q = {.filter = "", .sort = TASKS_SORT_NAME, .kinds = 1};
	struct cli_args a;
	int c = 0, rc = BT_OK;

	cli_args_init(&a, "tasks");
	while (!rc && (c = cli_getopt(&a, argc, argv)) > 0) {
		switch (c) {
		case 'F': q.filter = optarg; break;
		case 'o':
			if ((q.sort = tasks_sort_parse(optarg)) < 0)
				rc = cli_usage_error("tasks", "unknown --sort '%s' (task, framework, "
						     "level, A%%, raw, pass1, category)", optarg);
			break;
		case 'R': q.reverse = true; break;
		case 'k':
			q.kinds = strcmp(optarg, "generation") == 0 ? 1 : strcmp(optarg, "feature") == 0
				? 2 : strcmp(optarg, "all") == 0 ? 3 : 0;
			if (!q.kinds)
				rc = cli_usage_error("tasks", "--kind is generation, feature or all");
			break;
		}
	}
	q.store = a.store;
	q.run = a.n_runs ? a.runs[a.n_runs - 1] : NULL; /* the last --run given */
	q.format = a.format;
	if (!rc) /* (else said) */
		rc = c == CLI_EXIT      ? a.status
		     : optind < argc ? cli_usage_error("tasks", "unexpected argument '%s'", argv[optind])
				     : list_tasks(&q);
	return rc;
}
