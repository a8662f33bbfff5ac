/* cmd_summary.c: `benchtop summary`: the aggregates of spec section 4.3. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/cli.h"
#include "benchtop/summary.h"

int
cmd_summary(int argc, char **argv)
{
	static const struct option opts[] = {
		{"store", required_argument, NULL, 's'},
		{"run", required_argument, NULL, 'r'},
		{"by", required_argument, NULL, 'b'},
		{"kind", required_argument, NULL, 'k'},
		{"format", required_argument, NULL, 'f'},
		{"upstream", no_argument, NULL, 'u'},
		{"exclude-limits", no_argument, NULL, 'x'},
		{"help", no_argument, NULL, 'h'},
		CLI_OPT_LONG_JOURNAL,
		CLI_OPT_LONG_IMMUTABLE,
		{0, 0, 0, 0},
	};
	const char *store_path = NULL;
	struct strv run_names = {0};
	struct bt_error err = {0};
	struct store *st = NULL;
	int64_t *ids = NULL;
	size_t n_ids;
	int c, rc = BT_OK, fmt = FMT_TEXT, by = -1;
	enum task_kind kind = TASK_GENERATION;
	bool upstream = false, exclude_limits = false;

	while ((c = getopt_long(argc, argv, "s:r:b:k:f:uxh", opts, NULL)) != -1) {
		switch (c) {
		case 's': store_path = optarg; break;
		case 'r': strv_push(&run_names, optarg); break;
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
		case 'f':
			if ((fmt = cli_parse_format("summary", optarg)) < 0) {
				rc = BT_EUSAGE;
				goto out;
			}
			break;
		case 'u': upstream = true; break;
		case 'x': exclude_limits = true; break;
		case 'h': rc = cli_help("summary"); goto out;
		case CLI_OPT_JOURNAL:
		case CLI_OPT_IMMUTABLE:
			if (cli_store_option("summary", c, optarg)) {
				rc = BT_EUSAGE;
				goto out;
			}
			break;
		default: rc = cli_usage_error("summary", "bad option"); goto out;
		}
	}
	if (optind < argc) {
		rc = cli_usage_error("summary", "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (upstream && (fmt != FMT_CSV || kind != TASK_GENERATION || by >= 0)) {
		rc = cli_usage_error("summary", "--upstream goes with --format csv alone "
				     "(generation tasks, every granularity)");
		goto out;
	}
	if ((rc = cli_open_read(store_path, &st, NULL, &err)) ||
	    (rc = cli_select_runs(st, run_names.v, run_names.n, &ids, &n_ids, &err))) {
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
		report_write(&t, 1, (enum report_format)fmt, cli_report_flags(stdout), stdout);
		report_table_free(t);
	}
out:
	free(ids);
	store_close(st);
	strv_free(&run_names);
	return rc;
}
