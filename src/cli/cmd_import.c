/* cmd_import.c: `benchtop import PATH...`. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "benchtop/cli.h"
#include "benchtop/ingest.h"

int
cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{"store", required_argument, NULL, 's'},
		{"keep-going", no_argument, NULL, 'k'},
		{"name", required_argument, NULL, 'n'},
		{"label", required_argument, NULL, 'l'},
		{"collection", required_argument, NULL, 'c'},
		{"quiet", no_argument, NULL, 'q'},
		{"portable", no_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		CLI_OPT_LONG_JOURNAL,
		{0, 0, 0, 0},
	};
	struct import_options o = {.progress_out = stderr};
	struct import_summary sum = {0};
	struct bt_error err = {0};
	struct store *st;
	char *store_path = NULL;
	bool portable = false;
	int c, rc;

	while ((c = getopt_long(argc, argv, "s:kn:l:c:qph", opts, NULL)) != -1) {
		switch (c) {
		case 's': free(store_path); store_path = xstrdup(optarg); break;
		case 'k': o.keep_going = true; break;
		case 'n': o.run_name = optarg; break;
		case 'l': o.label = optarg; break;
		case 'c': o.collection = optarg; break;
		case 'q': o.quiet = true; break;
		case 'p': portable = true; break;
		case 'h': free(store_path); return cli_help("import");
		case CLI_OPT_JOURNAL:
			if (cli_store_option("import", c, optarg)) {
				free(store_path);
				return BT_EUSAGE;
			}
			break;
		default: free(store_path); return cli_usage_error("import", "bad option");
		}
	}
	if (optind >= argc) {
		free(store_path);
		return cli_usage_error("import", "nothing to import: give a results tree, a JSONL "
				       "file or a judge CSV");
	}
	/* nothing to read: say so before making (or touching) a store */
	for (int i = optind; i < argc && !file_exists(argv[i]); i++)
		if (i + 1 == argc) {
			free(store_path);
			return cli_fail(BT_ENOINPUT, "%s: no such file or directory%s", argv[optind],
					argc - optind > 1 ? " (nor any other input)" : "");
		}
	if (!store_path) {
		/* the default store's directory is ours to make; a path the
		 * user gave is taken as it is */
		char *dir;
		store_path = cli_default_store();
		dir = path_dirname(store_path);
		rc = path_mkdirs(dir, &err);
		free(dir);
		if (rc) {
			free(store_path);
			return cli_fail(rc, "%s", err.msg);
		}
	}
	o.progress = isatty(2);
	if ((rc = cli_open_write(store_path, &st, &err))) {
		free(store_path);
		return cli_fail(rc, "%s", err.msg);
	}
	rc = import_paths(st, argv + optind, (size_t)(argc - optind), &o, &sum, &err);
	if (!rc && portable)
		rc = store_make_portable(st, &err);
	store_close(st);
	if (rc && sum.failed_inputs.n <= 1) {
		/* one failure: its message once, not again in the list */
		cli_fail(rc, "%s (nothing of it imported)", err.msg);
		strv_free(&sum.failed_inputs);
	}
	if ((!o.quiet || sum.bad_lines.n || sum.unreadable.n) &&
	    (!rc || sum.attempts || sum.judgements || sum.task_files || sum.failed_inputs.n)) {
		import_summary_print(&sum, rc ? stderr : stdout);
		if (!rc)
			printf("store: %s\n", store_path);
	}
	if (!rc && sum.bad_lines.n)
		rc = BT_EINPUT;
	import_summary_free(&sum);
	free(store_path);
	return rc;
}
