/* cmd_failures.c: `benchtop failures`: the failure board's rows (the same
 * model and cells as the explorer's) for a run, two runs or every run. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/cli.h"
#include "benchtop/model_failures.h"
#include "benchtop/report.h"

/* What `benchtop failures` was asked. */
struct failures_request {
	const char *store, *filter;
	const char *const *runs; /* A, then B */
	size_t n_runs;
	enum task_kind kind;
	int by, format;
};

static int
rank_failures(const struct failures_request *q)
{
	struct task_filter f = {.level = -1, .kind = q->kind};
	struct failures_model m;
	struct list_table lt;
	struct bt_error err = {0};
	struct report_table *t;
	struct store *st = NULL;
	int64_t ids[2] = {0, 0};
	char why[256];
	int rc;

	{
		enum task_kind kind = f.kind;
		if (!tasks_filter_parse(q->filter, &f, why, sizeof(why)))
			return cli_usage_error("failures", "--filter: %s", why);
		f.kind = kind;
	}
	if ((rc = cli_open_read(q->store, &st, NULL, &err)))
		return cli_fail(rc, "%s", err.msg);
	for (size_t i = 0; i < q->n_runs; i++)
		if ((rc = store_find_run(st, q->runs[i], &ids[i], &err))) {
			store_close(st);
			return cli_fail(rc, "%s", err.msg);
		}
	if ((rc = failures_model_load(&m, st, ids[0], ids[1], &f, (enum failure_by)q->by, &err))) {
		store_close(st);
		return cli_fail(rc, "%s", err.msg);
	}
	store_close(st);
	failures_model_columns(&m, -1);
	failures_model_table(&m, &lt);
	t = list_table_report(&lt);
	free(t->title);
	t->title = m.sides == 2 ? xasprintf("Failures by %s: A = %s, B = %s", failures_by_name(m.by),
					    m.run_name[0], m.run_name[1])
				: xasprintf("Failures by %s: %s", failures_by_name(m.by), m.run_name[0]);
	for (int s = 0; s < m.sides; s++)
		report_note(t, "%s%s: %ld attempts; shares over the %ld %s", m.sides == 2 ? (s ? "B " : "A ") : "",
			    m.run_name[s], m.attempts[s], m.denom[s],
			    m.by == FAIL_BY_CATEGORY || m.by == FAIL_BY_SUBCATEGORY
				    ? "failed attempts" : "attempts with a Newman report");
	report_write(&t, 1, (enum report_format)q->format, cli_report_flags(stdout), stdout);
	report_table_free(t);
	failures_model_free(&m);
	return BT_OK;
}

int
cmd_failures(int argc, char **argv)
{
	struct failures_request q = {.filter = "", .kind = TASK_GENERATION, .by = FAIL_BY_REQUEST};
	struct cli_args a;
	int c = 0, rc = BT_OK;

	cli_args_init(&a, "failures");
	while (!rc && (c = cli_getopt(&a, argc, argv)) > 0) {
		switch (c) {
		case 'b':
			if ((q.by = failures_by_parse(optarg)) < 0)
				rc = cli_usage_error("failures", "unknown --by '%s' (request, assertion, "
						     "category, subcategory, first-failure)", optarg);
			break;
		case 'F': q.filter = optarg; break;
		case 'k':
			if (strcmp(optarg, "feature") == 0)
				q.kind = TASK_FEATURE;
			else if (strcmp(optarg, "generation") != 0)
				rc = cli_usage_error("failures", "--kind is generation or feature");
			break;
		}
	}
	q.store = a.store;
	q.runs = a.runs;
	q.n_runs = a.n_runs;
	q.format = a.format;
	if (!rc) /* (else said) */
		rc = c == CLI_EXIT ? a.status
		     : a.n_runs > 2 ? cli_usage_error("failures", "--run at most twice (A, then B)")
		     : optind < argc ? cli_usage_error("failures", "unexpected argument '%s'",
							 argv[optind])
				     : rank_failures(&q);
	return rc;
}
