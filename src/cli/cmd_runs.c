/* cmd_runs.c: `benchtop runs`: the runs in a store. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "benchtop/cli.h"
#include "benchtop/summary.h"

int
cmd_runs(int argc, char **argv)
{
	static const struct option opts[] = {
		{"store", required_argument, NULL, 's'},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		CLI_OPT_LONG_JOURNAL,
		CLI_OPT_LONG_IMMUTABLE,
		{0, 0, 0, 0},
	};
	const char *store_path = NULL;
	struct bt_error err = {0};
	struct report_table *t;
	struct store *st;
	int c, rc, fmt = FMT_TEXT;

	while ((c = getopt_long(argc, argv, "s:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 's': store_path = optarg; break;
		case 'f':
			if ((fmt = cli_parse_format("runs", optarg)) < 0)
				return BT_EUSAGE;
			break;
		case 'h': return cli_help("runs");
		case CLI_OPT_JOURNAL:
		case CLI_OPT_IMMUTABLE:
			if (cli_store_option("runs", c, optarg))
				return BT_EUSAGE;
			break;
		default: return cli_usage_error("runs", "bad option");
		}
	}
	if (optind < argc)
		return cli_usage_error("runs", "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_open_read(store_path, &st, NULL, &err)))
		return cli_fail(rc, "%s", err.msg);
	t = summary_runs(st, &err);
	store_close(st);
	if (!t)
		return cli_fail(err.code, "%s", err.msg);
	report_write(&t, 1, (enum report_format)fmt, cli_report_flags(stdout), stdout);
	report_table_free(t);
	return BT_OK;
}
