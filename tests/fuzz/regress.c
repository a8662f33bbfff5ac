/* regress.c: replays the seed corpus and every input that once crashed a
 * harness (tests/fuzz/corpus/TARGET, tests/fuzz/regressions/TARGET)
 * through the same harness functions as the fuzzers, without libFuzzer,
 * so that a fixed bug stays fixed in every `make check` (and under the
 * sanitizer and valgrind builds).  A crash fails the test, and so does an
 * input that takes more than REPLAY_SECONDS (a hang, or quadratic time
 * come back: the inputs are at most a few ten KB).
 *
 *   regress                      every input, as TAP
 *   regress TARGET FILE...       the given files through one harness
 */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <unistd.h>

#include "benchtop/util.h"
#include "../unit/tap.h"
#include "fuzz.h"

/* Generous: valgrind runs the replay some 50 times slower. */
#define REPLAY_SECONDS 60

struct target {
	const char *name;
	int (*fn)(const uint8_t *data, size_t size);
};

#define FUZZ_ENTRY(name) {#name, fuzz_##name},
static const struct target targets[] = {FUZZ_TARGETS(FUZZ_ENTRY)};
#undef FUZZ_ENTRY
#define N_TARGETS (sizeof(targets) / sizeof(targets[0]))

static const struct target *
target_find(const char *name)
{
	for (size_t i = 0; i < N_TARGETS; i++)
		if (strcmp(targets[i].name, name) == 0)
			return &targets[i];
	return NULL;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of dir (no dot files), sorted; an absent dir gives none. */
static void
list_dir(const char *dir, struct strv *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			strv_push(out, e->d_name);
	closedir(d);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_names);
}

/* Feed one file to a harness (as an exact-length copy, as libFuzzer
 * does); false when it cannot be read. */
static bool
replay(const struct target *t, const char *path)
{
	char *data;
	size_t len;
	bool truncated;
	struct bt_error err;
	uint8_t *exact;

	if (file_read(path, 0, &data, &len, &truncated, &err) != BT_OK) {
		tap_diag("%s", err.msg);
		return false;
	}
	exact = (uint8_t *)fuzz_copy((const uint8_t *)data, len);
	free(data);
	fprintf(stderr, "replaying %s\n", path); /* in the log if it crashes */
	alarm(REPLAY_SECONDS);
	t->fn(exact, len);
	alarm(0);
	free(exact);
	return true;
}

/* Replay every file of base/TARGET; returns how many there were. */
static size_t
replay_dir(const struct target *t, const char *base, const char *kind)
{
	char *dir = path_join(base, t->name);
	struct strv files = {0};
	size_t n;

	list_dir(dir, &files);
	n = files.n;
	for (size_t i = 0; i < files.n; i++) {
		char *path = path_join(dir, files.v[i]);
		tap_ok(replay(t, path), "%s/%s/%s", kind, t->name, files.v[i]);
		free(path);
	}
	free(dir);
	strv_free(&files);
	return n;
}

/* Every folder under base must be a harness's, or its inputs would
 * silently never run. */
static void
check_folders(const char *base, const char *kind)
{
	struct strv names = {0};

	list_dir(base, &names);
	for (size_t i = 0; i < names.n; i++)
		tap_ok(target_find(names.v[i]) != NULL, "%s/%s belongs to a harness", kind,
		       names.v[i]);
	strv_free(&names);
}

int
main(int argc, char **argv)
{
	const char *top = getenv("abs_top_srcdir");
	char *corpus, *regressions;

	if (argc > 2) {
		const struct target *t = target_find(argv[1]);
		if (!t) {
			fprintf(stderr, "regress: no harness '%s'\n", argv[1]);
			return 1;
		}
		for (int i = 2; i < argc; i++)
			if (!replay(t, argv[i]))
				return 1;
		return 0;
	}
	corpus = path_join(top ? top : ".", "tests/fuzz/corpus");
	regressions = path_join(top ? top : ".", "tests/fuzz/regressions");
	for (size_t i = 0; i < N_TARGETS; i++) {
		size_t seeds = replay_dir(&targets[i], corpus, "corpus");
		tap_ok(seeds > 0, "%s has a seed corpus", targets[i].name);
		replay_dir(&targets[i], regressions, "regressions");
	}
	check_folders(corpus, "corpus");
	check_folders(regressions, "regressions");
	free(corpus);
	free(regressions);
	return tap_done();
}
