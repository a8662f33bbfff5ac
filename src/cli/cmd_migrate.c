/* cmd_migrate.c: `benchtop migrate`: bring a store to this build's schema. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "benchtop/cli.h"

int
cmd_migrate(int argc, char **argv)
{
	struct bt_error err = {0};
	struct cli_args a;
	struct store *st;
	char *path;
	int rc;

	cli_args_init(&a, "migrate");
	if (cli_getopt(&a, argc, argv) == CLI_EXIT)
		return a.status;
	/* a store is named with --store; a stray word is a mistake, not a no-op */
	if (optind < argc)
		return cli_usage_error("migrate", "unexpected argument '%s'", argv[optind]);
	path = a.store ? xstrdup(a.store) : cli_default_store();
	if (!file_exists(path)) {
		rc = cli_fail(BT_ENOINPUT, "%s: no such store", path);
		free(path);
		return rc;
	}
	/* opening for writing runs the forward migrations */
	if ((rc = cli_open_write(path, &st, &err))) {
		free(path);
		return cli_fail(rc, "%s", err.msg);
	}
	printf("%s: store schema %d\n", path, store_schema_version(st));
	store_close(st);
	free(path);
	return BT_OK;
}
