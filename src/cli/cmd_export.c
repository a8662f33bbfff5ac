/* cmd_export.c: `benchtop export --upstream DIR`: the benchmark's own CSVs. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "benchtop/cli.h"
#include "benchtop/export.h"

int
cmd_export(int argc, char **argv)
{
	const char *dir = NULL;
	struct bt_error err = {0};
	struct cli_args a;
	struct store *st = NULL;
	int64_t *ids = NULL;
	size_t n_ids;
	int c, rc = BT_OK;

	cli_args_init(&a, "export");
	while ((c = cli_getopt(&a, argc, argv)) > 0) {
		switch (c) {
		case 'u': dir = optarg; break;
		}
	}
	if (c == CLI_EXIT) {
		rc = a.status;
		goto out;
	}
	if (optind < argc) {
		rc = cli_usage_error("export", "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (!dir) {
		rc = cli_usage_error("export", "where to? (--upstream DIR)");
		goto out;
	}
	if ((rc = cli_open_read(a.store, &st, NULL, &err)) ||
	    (rc = cli_select_runs(st, a.runs, a.n_runs, &ids, &n_ids, &err)) ||
	    (rc = export_upstream(st, ids, n_ids, dir, &err)))
		rc = cli_fail(rc, "%s", err.msg);
out:
	free(ids);
	store_close(st);
	return rc;
}
