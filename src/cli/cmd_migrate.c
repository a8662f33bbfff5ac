/* cmd_migrate.c: `benchtop migrate`: bring a store to this build's schema. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "benchtop/cli.h"

int
cmd_migrate(int argc, char **argv)
{
	static const struct option opts[] = {
		{"store", required_argument, NULL, 's'},
		{"help", no_argument, NULL, 'h'},
		CLI_OPT_LONG_JOURNAL,
		{0, 0, 0, 0},
	};
	struct bt_error err = {0};
	struct store *st;
	char *path = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, "s:h", opts, NULL)) != -1) {
		switch (c) {
		case 's': free(path); path = xstrdup(optarg); break;
		case 'h': free(path); return cli_help("migrate");
		case CLI_OPT_JOURNAL:
			if (cli_store_option("migrate", c, optarg)) {
				free(path);
				return BT_EUSAGE;
			}
			break;
		default: free(path); return cli_usage_error("migrate", "bad option");
		}
	}
	if (optind < argc) {
		/* a store is named with --store; a stray word is a mistake, not a no-op */
		free(path);
		return cli_usage_error("migrate", "unexpected argument '%s'", argv[optind]);
	}
	if (!path)
		path = cli_default_store();
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
