/* cmd_export.c: `benchtop export --upstream DIR`: the benchmark's own CSVs. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "benchtop/cli.h"
#include "benchtop/export.h"

int
cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{"store", required_argument, NULL, 's'},
		{"run", required_argument, NULL, 'r'},
		{"upstream", required_argument, NULL, 'u'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *store_path = NULL, *dir = NULL;
	struct strv run_names = {0};
	struct bt_error err = {0};
	struct store *st = NULL;
	int64_t *ids = NULL;
	size_t n_ids;
	int c, rc = BT_OK;

	while ((c = getopt_long(argc, argv, "s:r:u:h", opts, NULL)) != -1) {
		switch (c) {
		case 's': store_path = optarg; break;
		case 'r': strv_push(&run_names, optarg); break;
		case 'u': dir = optarg; break;
		case 'h': rc = cli_help("export"); goto out;
		default: rc = cli_usage_error("export", "bad option"); goto out;
		}
	}
	if (optind < argc) {
		rc = cli_usage_error("export", "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (!dir) {
		rc = cli_usage_error("export", "where to? (--upstream DIR)");
		goto out;
	}
	if ((rc = cli_open_read(store_path, &st, NULL, &err)) ||
	    (rc = cli_select_runs(st, run_names.v, run_names.n, &ids, &n_ids, &err)) ||
	    (rc = export_upstream(st, ids, n_ids, dir, &err)))
		rc = cli_fail(rc, "%s", err.msg);
out:
	free(ids);
	store_close(st);
	strv_free(&run_names);
	return rc;
}
