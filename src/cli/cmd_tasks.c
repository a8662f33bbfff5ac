/* cmd_tasks.c: `benchtop tasks`: the explorer's task list, the same rows
 * (the same model and cells) for the same filter and sort. */
#include "config.h"

#include <getopt.h>
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

int
cmd_tasks(int argc, char **argv)
{
	static const struct option opts[] = {
		{"store", required_argument, NULL, 's'},
		{"run", required_argument, NULL, 'r'},
		{"filter", required_argument, NULL, 'F'},
		{"sort", required_argument, NULL, 'o'},
		{"reverse", no_argument, NULL, 'R'},
		{"kind", required_argument, NULL, 'k'},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		CLI_OPT_LONG_JOURNAL,
		CLI_OPT_LONG_IMMUTABLE,
		{0, 0, 0, 0},
	};
	const char *store_path = NULL, *run = NULL, *filter = "";
	struct task_filter f = {.level = -1};
	struct tasks_model m[2];
	struct bt_error err = {0};
	struct report_table *t = NULL;
	struct store *st = NULL;
	int c, rc, fmt = FMT_TEXT, sort = TASKS_SORT_NAME, kinds = 1; /* 1 generation, 2 feature, 3 all */
	bool reverse = false;
	char why[256];

	while ((c = getopt_long(argc, argv, "s:r:F:o:Rk:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 's': store_path = optarg; break;
		case 'r': run = optarg; break;
		case 'F': filter = optarg; break;
		case 'o':
			if ((sort = tasks_sort_parse(optarg)) < 0)
				return cli_usage_error("tasks", "unknown --sort '%s' (task, framework, "
						       "level, A%%, raw, pass1, category)", optarg);
			break;
		case 'R': reverse = true; break;
		case 'k':
			kinds = strcmp(optarg, "generation") == 0 ? 1 : strcmp(optarg, "feature") == 0 ? 2
				: strcmp(optarg, "all") == 0 ? 3 : 0;
			if (!kinds)
				return cli_usage_error("tasks", "--kind is generation, feature or all");
			break;
		case 'f':
			if ((fmt = cli_parse_format("tasks", optarg)) < 0)
				return BT_EUSAGE;
			break;
		case 'h': return cli_help("tasks");
		case CLI_OPT_JOURNAL:
		case CLI_OPT_IMMUTABLE:
			if (cli_store_option("tasks", c, optarg))
				return BT_EUSAGE;
			break;
		default: return cli_usage_error("tasks", "bad option");
		}
	}
	if (optind < argc)
		return cli_usage_error("tasks", "unexpected argument '%s'", argv[optind]);
	if (!tasks_filter_parse(filter, &f, why, sizeof(why)))
		return cli_usage_error("tasks", "--filter: %s", why);
	if ((rc = cli_open_read(store_path, &st, NULL, &err)) ||
	    (run && (rc = store_find_run(st, run, &f.run_id, &err)))) {
		store_close(st);
		return cli_fail(rc, "%s", err.msg);
	}
	memset(m, 0, sizeof(m));
	/* --kind all: the generation tasks' rows, then the feature tasks' */
	for (int k = 0; k < 2 && !rc; k++) {
		struct list_table lt;
		if (!(kinds & (1 << k)))
			continue;
		if ((rc = load(st, f, k ? TASK_FEATURE : TASK_GENERATION, sort, reverse, &m[k], &err)))
			break;
		tasks_model_table(&m[k], &lt);
		if (t)
			list_table_append(t, &lt);
		else
			t = list_table_report(&lt);
	}
	if (!rc)
		report_write(&t, 1, (enum report_format)fmt, cli_report_flags(stdout), stdout);
	else
		rc = cli_fail(rc, "%s", err.msg);
	report_table_free(t);
	tasks_model_free(&m[0]);
	tasks_model_free(&m[1]);
	store_close(st);
	return rc;
}
