/* cmd_failures.c: `benchtop failures`: the failure board's rows (the same
 * model and cells as the explorer's) for a run, two runs or every run. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/cli.h"
#include "benchtop/model_failures.h"
#include "benchtop/report.h"

int
cmd_failures(int argc, char **argv)
{
	static const struct option opts[] = {
		{"store", required_argument, NULL, 's'},
		{"run", required_argument, NULL, 'r'},
		{"by", required_argument, NULL, 'b'},
		{"filter", required_argument, NULL, 'F'},
		{"kind", required_argument, NULL, 'k'},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		CLI_OPT_LONG_JOURNAL,
		CLI_OPT_LONG_IMMUTABLE,
		{0, 0, 0, 0},
	};
	const char *store_path = NULL, *filter = "", *runs[2] = {NULL, NULL};
	struct task_filter f = {.level = -1};
	struct failures_model m;
	struct list_table lt;
	struct bt_error err = {0};
	struct report_table *t;
	struct store *st = NULL;
	int64_t ids[2] = {0, 0};
	int c, rc, fmt = FMT_TEXT, by = FAIL_BY_REQUEST, n_runs = 0;
	char why[256];

	while ((c = getopt_long(argc, argv, "s:r:b:F:k:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 's': store_path = optarg; break;
		case 'r':
			if (n_runs == 2)
				return cli_usage_error("failures", "--run at most twice (A, then B)");
			runs[n_runs++] = optarg;
			break;
		case 'b':
			if ((by = failures_by_parse(optarg)) < 0)
				return cli_usage_error("failures", "unknown --by '%s' (request, assertion, "
						       "category, subcategory, first-failure)", optarg);
			break;
		case 'F': filter = optarg; break;
		case 'k':
			if (strcmp(optarg, "feature") == 0)
				f.kind = TASK_FEATURE;
			else if (strcmp(optarg, "generation") != 0)
				return cli_usage_error("failures", "--kind is generation or feature");
			break;
		case 'f':
			if ((fmt = cli_parse_format("failures", optarg)) < 0)
				return BT_EUSAGE;
			break;
		case 'h': return cli_help("failures");
		case CLI_OPT_JOURNAL:
		case CLI_OPT_IMMUTABLE:
			if (cli_store_option("failures", c, optarg))
				return BT_EUSAGE;
			break;
		default: return cli_usage_error("failures", "bad option");
		}
	}
	if (optind < argc)
		return cli_usage_error("failures", "unexpected argument '%s'", argv[optind]);
	{
		enum task_kind kind = f.kind;
		if (!tasks_filter_parse(filter, &f, why, sizeof(why)))
			return cli_usage_error("failures", "--filter: %s", why);
		f.kind = kind;
	}
	if ((rc = cli_open_read(store_path, &st, NULL, &err)))
		return cli_fail(rc, "%s", err.msg);
	for (int i = 0; i < n_runs; i++)
		if ((rc = store_find_run(st, runs[i], &ids[i], &err))) {
			store_close(st);
			return cli_fail(rc, "%s", err.msg);
		}
	if ((rc = failures_model_load(&m, st, ids[0], ids[1], &f, (enum failure_by)by, &err))) {
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
	report_write(&t, 1, (enum report_format)fmt, cli_report_flags(stdout), stdout);
	report_table_free(t);
	failures_model_free(&m);
	return BT_OK;
}
