/* test_watch.c: import --watch's rules on a clock of its own (no sleeps):
 * the quiet period, a run folder waiting for its Newman CSV, a JSONL line
 * waiting for its newline, and memory that stays flat over 10,000 updates
 * (peak RSS measured after a warm-up and at the end). */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "benchtop/ingest.h"
#include "tap.h"

/* ASan keeps freed memory in quarantine: its RSS says nothing about leaks
 * (LeakSanitizer checks those at exit) */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#define QUIET 100.0 /* seconds on the test's own clock */

static char tmp[512];

static void
put(const char *path, const char *text)
{
	char *dir = path_dirname(path);
	FILE *f;

	path_mkdirs(dir, NULL);
	free(dir);
	if ((f = fopen(path, "w"))) {
		fputs(text, f);
		fclose(f);
	}
}

/* Set a file's times two hours back, as if written long ago. */
static void
age(const char *path)
{
	struct timespec t[2];

	t[0].tv_sec = t[1].tv_sec = time(NULL) - 7200;
	t[0].tv_nsec = t[1].tv_nsec = 0;
	utimensat(AT_FDCWD, path, t, AT_SYMLINK_NOFOLLOW);
}

static long
attempts(struct store *st)
{
	struct store_counts c;
	return store_counts(st, &c, NULL) == BT_OK ? c.attempts : -1;
}

static long
update(struct watch *w, double now)
{
	struct bt_error err = {0};
	long units = -1;

	if (watch_update(w, now, &units, &err))
		tap_diag("watch_update: %s", err.msg);
	return units;
}

static long
peak_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

int
main(void)
{
	struct watch_options wo = {.quiet_period = QUIET, .force_poll = true};
	struct import_options o = {0};
	struct bt_error err = {0};
	struct store *st;
	struct watch *w;
	char *root, *run0, *csv0, *run1, *patch1, *jsonl, *db;
	double now = 1e6;
	long n = getenv("BENCHTOP_WATCH_UPDATES") ? atol(getenv("BENCHTOP_WATCH_UPDATES")) : 10000;

	snprintf(tmp, sizeof(tmp), "%s/test-watch.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmp)) {
		tap_ok(0, "mkdtemp");
		return tap_done();
	}
	root = path_join(tmp, "results");
	run0 = path_join(root, "uv/mini_swe_sdk/m1/flask-openapi-unconstrained/2026-01-01/run_0");
	run1 = path_join(root, "uv/mini_swe_sdk/m1/flask-openapi-unconstrained/2026-01-01/run_1");
	csv0 = path_join(run0, "newman-run-report-2026-01-01-00-00-00-000-0.csv");
	patch1 = path_join(run1, "mini_swe_sdk-flask-openapi-unconstrained.patch");
	jsonl = path_join(tmp, "live.jsonl");
	db = path_join(tmp, "s.db");
	path_mkdirs(root, NULL);
	put(jsonl, "");

	tap_is_int(store_open(db, STORE_WRITE, &st, &err), BT_OK, "a new store");
	tap_is_int(watch_open(st, (char *[]){root, jsonl}, 2, &o, &wo, &w, &err), BT_OK,
		   "watching an empty tree and an empty JSONL file");
	tap_is_int(update(w, now), 0, "nothing to import yet");

	/* the quiet period (polling looks every second) */
	put(csv0, "iteration,collectionName\n");
	tap_is_int(update(w, ++now), 0, "a new task folder waits for the quiet period");
	tap_is_int(update(w, now + QUIET - 1), 0, "still within it");
	tap_is_int(update(w, now + QUIET), 1, "imported once quiet for the period");
	tap_is_int(attempts(st), 1, "its attempt is in the store");
	now += 10 * QUIET;
	tap_is_int(update(w, now), 0, "unchanged: not imported again");

	/* a run folder without its Newman CSV is being written */
	put(patch1, "diff --git a/x b/x\n");
	update(w, ++now);
	tap_is_int(update(w, now + QUIET), 1, "the task folder changed: imported again");
	tap_is_int(attempts(st), 1, "but run_1 has no Newman CSV yet: it waits");
	now += 5 * QUIET;
	tap_is_int(update(w, now), 0, "it waits while it may still be written");
	/* untouched for ten quiet periods: its pipeline died; taken as it is */
	age(patch1);
	age(run1);
	update(w, ++now);
	tap_is_int(update(w, now + QUIET), 1, "an abandoned run folder is taken as it is");
	tap_is_int(attempts(st), 2, "run_1 is in the store");
	now += QUIET;

	/* JSONL: whole lines only */
	FILE *f = fopen(jsonl, "a");
	const char *line = "{\"benchtop\": 1, \"run\": {\"agent\": \"a\", \"model\": \"b\"}, "
			   "\"task\": {\"name\": \"flask-openapi-unconstrained\"}, \"attempt\": 0, "
			   "\"report\": {\"totals\": {\"total\": 2, \"passed\": 1, \"failed\": 1}}}";
	fprintf(f, "%s\n%.30s", line, line);
	fclose(f);
	tap_is_int(update(w, now), 1, "appended lines are imported as they come");
	tap_is_int(attempts(st), 3, "the whole line is in");
	f = fopen(jsonl, "a");
	fprintf(f, "%s\n", line + 30);
	fclose(f);
	tap_is_int(update(w, now), 1, "the half line once it is whole");
	tap_is_int(attempts(st), 3, "(the same attempt again: replaced, not added)");

	/* memory over 10,000 updates of the task folder: one import each */
	long imported = 0, warm = 0, warm_at = n / 10;
	for (long i = 0; i < n; i++) {
		char text[64];
		/* two sizes in turn: a change even within one tick of the file clock */
		snprintf(text, sizeof(text), "iteration,collectionName%s\n", i % 2 ? "," : "");
		put(csv0, text);
		update(w, ++now);
		now += QUIET;
		imported += update(w, now);
		if (i + 1 == warm_at)
			warm = peak_kb();
	}
	long end = peak_kb();
	tap_is_int(imported, n, "every update imported");
	tap_is_int(attempts(st), 3, "and the store holds the same attempts");
	tap_diag("peak RSS: %ld KB after %ld updates, %ld KB after %ld", warm, warm_at, end, n);
#ifdef UNDER_ASAN
	tap_skip("memory: RSS under AddressSanitizer says nothing (LeakSanitizer checks leaks)");
#else
	tap_ok(end - warm <= 512, "memory stays flat: peak RSS grew %ld KB over %ld updates",
	       end - warm, n - warm_at);
#endif

	tap_is_int(watch_close(w, &err), BT_OK, "closes cleanly");
	store_close(st);
	char *cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", tmp);
	free(cmd);
	free(root);
	free(run0);
	free(run1);
	free(csv0);
	free(patch1);
	free(jsonl);
	free(db);
	return tap_done();
}
