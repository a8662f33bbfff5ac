/* cmd_import.c: `benchtop import PATH...` and `import --watch`. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchtop/cli.h"
#include "benchtop/ingest.h"
#include "benchtop/sanitize.h"

/* Remove a store this import made and left empty (the import failed before
 * anything went in), with its journal files. */
static void
remove_new_store(const char *path)
{
	const char *suffix[] = {"", "-wal", "-shm", "-journal"};

	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		char *p = xasprintf("%s%s", path, suffix[i]);
		unlink(p);
		free(p);
	}
}

/* --watch: until SIGINT or SIGTERM, which end it with status 0 once the unit
 * being imported is in. */
static int
import_watch(struct store *st, char *const *paths, size_t n, const struct import_options *o,
	     struct watch_options *wo)
{
	struct bt_error err = {0};
	struct watch *w;
	const char *how = getenv("BENCHTOP_WATCH");
	int rc;

	/* BENCHTOP_WATCH=poll: scan even where inotify works (tests, odd mounts) */
	wo->force_poll = how && strcmp(how, "poll") == 0;
	wo->utf8 = cli_locale_utf8();
	if ((rc = watch_open(st, paths, n, o, wo, &w, &err)) == BT_OK) {
		rc = watch_run(w, &err);
		int crc = watch_close(w, rc ? NULL : &err);
		rc = rc ? rc : crc;
	}
	store_close(st);
	return rc ? cli_fail(rc, "%s", err.msg) : BT_OK;
}

int
cmd_import(int argc, char **argv)
{
	struct import_options o = {.progress_out = stderr};
	struct import_summary sum = {0};
	struct bt_error err = {0};
	struct store *st;
	struct cli_args a;
	struct watch_options wo = {.quiet_period = 5, .out = stdout};
	char *store_path = NULL, real[PATH_MAX], *end;
	bool portable = false, index_text = false, existed, watch = false;
	int c, rc = BT_OK;

	cli_args_init(&a, "import");
	while ((c = cli_getopt(&a, argc, argv)) > 0) {
		switch (c) {
		case 'k': o.keep_going = true; break;
		case 'n': o.run_name = optarg; break;
		case 'l': o.label = optarg; break;
		case 'c': o.collection = optarg; break;
		case 'q': o.quiet = true; break;
		case 'p': portable = true; break;
		case 'a':
			/* compared with the real paths of artifacts */
			if (!realpath(optarg, real)) {
				rc = cli_fail(BT_ENOINPUT, "--allow-outside %s: %s", optarg,
					      strerror(errno));
				goto out;
			}
			if (!file_is_dir(real)) {
				rc = cli_fail(BT_EUSAGE, "--allow-outside %s: not a folder", optarg);
				goto out;
			}
			strv_push(&o.allow_outside, real);
			break;
		case 'x': index_text = true; break;
		case 'w': watch = true; break;
		case 'v': wo.verbose = true; break;
		case CLI_LONG('q'):
			wo.quiet_period = strtod(optarg, &end);
			if (end == optarg || *end || !(wo.quiet_period >= 0 && wo.quiet_period <= 86400)) {
				rc = cli_usage_error("import", "--quiet-period takes seconds (0 to 86400)");
				goto out;
			}
			break;
		}
	}
	if (c == CLI_EXIT) {
		rc = a.status;
		goto out;
	}
	store_path = a.store ? xstrdup(a.store) : NULL;
	o.judge_run = a.n_runs ? a.runs[a.n_runs - 1] : NULL; /* the last --run given */
	if (watch && portable) {
		rc = cli_usage_error("import", "--portable does not go with --watch: readers need the "
				     "WAL beside a watcher");
		goto out;
	}
	/* --index-text alone indexes what a store holds */
	if (optind >= argc && !(index_text && file_exists(store_path ? store_path : ""))) {
		rc = cli_usage_error("import", "nothing to import: give a results tree, a JSONL "
				     "file or a judge CSV, or - for standard input (or --index-text "
				     "and an existing --store)");
		goto out;
	}
	/* nothing to read: say so before making (or touching) a store */
	for (int i = optind; i < argc && !file_exists(argv[i]) && !ingest_is_stream(argv[i]); i++)
		if (i + 1 == argc) {
			rc = cli_fail(BT_ENOINPUT, "%s: no such file or directory%s", argv[optind],
				      argc - optind > 1 ? " (nor any other input)" : "");
			goto out;
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
			rc = cli_fail(rc, "%s", err.msg);
			goto out;
		}
	}
	o.progress = isatty(2);
	existed = file_exists(store_path);
	if ((rc = cli_open_write(store_path, &st, &err))) {
		rc = cli_fail(rc, "%s", err.msg);
		goto out;
	}
	if (watch) {
		rc = import_watch(st, argv + optind, (size_t)(argc - optind), &o, &wo);
		goto out;
	}
	rc = import_paths(st, argv + optind, (size_t)(argc - optind), &o, &sum, &err);
	/* after the import: a new index is built in one pass over what is
	 * there, and kept up to date by the store from then on */
	if (!rc && index_text)
		rc = store_text_index(st, &err);
	if (!rc && portable)
		rc = store_make_portable(st, &err);
	store_close(st);
	if (rc && !existed && !sum.attempts && !sum.judgements && !sum.task_files)
		remove_new_store(store_path);
	if (rc && sum.failed_inputs.n <= 1) {
		/* one failure: its message once, not again in the list */
		cli_fail(rc, "%s (nothing of it imported)", err.msg);
		strv_free(&sum.failed_inputs);
	}
	if ((!o.quiet || sum.bad_lines.n || sum.unreadable.n) &&
	    (!rc || sum.attempts || sum.judgements || sum.labelled || sum.notes || sum.task_files ||
	     sum.failed_inputs.n)) {
		import_summary_print(&sum, rc ? stderr : stdout, cli_locale_utf8());
		if (!rc) {
			fputs("store: ", stdout);
			sanitize_message(stdout, store_path, cli_locale_utf8());
			fputc('\n', stdout);
		}
	}
	/* unread input is never a result: say so in the status too */
	if (!rc && sum.read_errors)
		rc = cli_fail(BT_EIO, "%ld file%s or folder%s could not be read (listed above); "
			      "nothing of their units was imported", sum.read_errors,
			      sum.read_errors == 1 ? "" : "s", sum.read_errors == 1 ? "" : "s");
	if (!rc && sum.bad_lines.n)
		rc = BT_EINPUT;
out:
	import_summary_free(&sum);
	strv_free(&o.allow_outside);
	free(store_path);
	return rc;
}
