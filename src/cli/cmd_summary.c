/* cmd_summary.c: `benchtop summary`: the aggregates of spec section 4.3. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/cli.h"
#include "benchtop/summary.h"

int
cmd_summary(int argc, char **argv)
{
	struct bt_error err = {0};
	struct cli_args a;
	struct store *st = NULL;
	int64_t *ids = NULL;
	size_t n_ids;
	int c, rc = BT_OK, by = -1;
	enum task_kind kind = TASK_GENERATION;
	bool upstream = false, exclude_limits = false;

	cli_args_init(&a, "summary");
	while ((c = cli_getopt(&a, argc, argv)) > 0) {
		switch (c) {
		case 'b':
			if ((by = metrics_agg_parse(optarg)) < 0) {
				rc = cli_usage_error("summary", "unknown --by '%s' (level, framework, "
						     "framework,level, runtime, runtime,level, global, "
						     "constraint, framework,constraint)", optarg);
				goto out;
			}
			break;
		case 'k':
			if (strcmp(optarg, "feature") == 0)
				kind = TASK_FEATURE;
			else if (strcmp(optarg, "generation") != 0) {
				rc = cli_usage_error("summary", "--kind is generation or feature");
				goto out;
			}
			break;
		case 'u': upstream = true; break;
		case 'x': exclude_limits = true; break;
		}
	}
	if (c == CLI_EXIT) {
		rc = a.status;
		goto out;
	}
	if (optind < argc) {
		rc = cli_usage_error("summary", "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (upstream && (a.format != FMT_CSV || kind != TASK_GENERATION || by >= 0)) {
		rc = cli_usage_error("summary", "--upstream goes with --format csv alone "
				     "(generation tasks, every granularity)");
		goto out;
	}
	if ((rc = cli_open_read(a.store, &st, NULL, &err)) ||
	    (rc = cli_select_runs(st, a.runs, a.n_runs, &ids, &n_ids, &err))) {
		rc = cli_fail(rc, "%s", err.msg);
		goto out;
	}
	if (upstream) {
		size_t excluded;
		if ((rc = summary_upstream_csv(st, ids, n_ids, exclude_limits, stdout, &excluded,
					       &err)))
			cli_fail(rc, "%s", err.msg);
		else if (exclude_limits) /* the CSV stays upstream's: the count goes aside */
			fprintf(stderr, "benchtop: --exclude-limits: %zu attempt%s that ended in "
				"LimitsExceeded left out\n", excluded, excluded == 1 ? "" : "s");
	} else {
		struct report_table *t = summary_by(st, ids, n_ids, by, kind, exclude_limits, &err);
		if (!t) {
			rc = cli_fail(err.code, "%s", err.msg);
			goto out;
		}
		report_write(&t, 1, (enum report_format)a.format, cli_report_flags(stdout), stdout);
		report_table_free(t);
	}
out:
	free(ids);
	store_close(st);
	return rc;
}
