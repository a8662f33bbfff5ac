/* The viewers' models (model_diff.c, model_log.c, model_trajectory.c):
 * log lines classified, access lines matched to failed requests, a patch
 * indexed from the store across chunk boundaries with the verifier's
 * evidence on its lines, side-by-side rows, trajectories searched; an
 * artifact read out of its bounds. */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchtop/model_diff.h"
#include "benchtop/model_log.h"
#include "benchtop/model_trajectory.h"
#include "benchtop/verify.h"
#include "parse_test.h"

static char dir[] = "/tmp/benchtop-test-viewers-XXXXXX";

static void
test_access(void)
{
	static const struct {
		const char *line, *method, *path;
		int status;
	} cases[] = {
		{"127.0.0.1 - - [23/Nov/2026 23:00:17] \"POST /api/users/login HTTP/1.1\" 200 -",
		 "POST", "/api/users/login", 200},
		{"INFO:     172.18.0.4:51200 - \"GET /api/articles?tag=x HTTP/1.1\" 500 Internal "
		 "Server Error", "GET", "/api/articles?tag=x", 500},
		{"INFO:aiohttp.access:172.18.0.4 [10/Mar/2026:15:21:39 +0000] \"PUT /api/user "
		 "HTTP/1.1\" 200 282 \"-\" \"PostmanRuntime/7.39.1\"", "PUT", "/api/user", 200},
		{"[10/Mar/2026 19:46:13] \"DELETE /api/articles/a-b HTTP/1.1\" 204 0", "DELETE",
		 "/api/articles/a-b", 204},
		{"GET /api/articles/null 404 2.180 ms - 16", "GET", "/api/articles/null", 404},
		{"  --> POST /api/users 201 116ms 286b", "POST", "/api/users", 201},
	};
	struct log_access a;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = strlen(cases[i].line);
		char *p = pt_exact(cases[i].line, n);
		bool ok = log_access_parse(p, n, &a);
		tap_ok(ok && strcmp(a.method, cases[i].method) == 0 &&
			       a.path_len == strlen(cases[i].path) &&
			       memcmp(a.path, cases[i].path, a.path_len) == 0 && a.status == cases[i].status,
		       "access line %zu: %s %s %d", i, cases[i].method, cases[i].path, cases[i].status);
		free(p);
	}
	tap_ok(!log_access_parse("  <-- GET /api/users", 20, &a),
	       "a request line without a status is not an access line");
	tap_ok(!log_access_parse("Error: GET /x failed", 20, &a), "no status: not an access line");
	tap_ok(!log_access_parse("xGET /a 200", 11, &a), "a method inside a word does not count");
	tap_ok(!log_access_parse("GET /a 2000", 11, &a), "four digits are not a status");
}

static void
test_classify(void)
{
	static const struct {
		const char *line;
		enum log_class want;
	} lines[] = {
		{" * Serving Flask app 'app'", LOG_PLAIN},
		{"WARNING: This is a development server.", LOG_WARN},
		{"Traceback (most recent call last):", LOG_ERROR},
		{"  File \"/app/main.py\", line 7, in <module>", LOG_TRACE},
		{"    init_db()", LOG_TRACE},
		{"sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) no host", LOG_ERROR},
		{"        Is the server running on that host?", LOG_PLAIN},
		{"", LOG_PLAIN},
		{"TypeError: Cannot read properties of null (reading 'username')", LOG_ERROR},
		{"    at ArticleService.get (/app/src/services/articleService.js:41:22)", LOG_TRACE},
		{"POST /api/articles 500 12.180 ms - 35", LOG_ACCESS_FAIL},
		{"GET /api/errors 200 1.0 ms - 2", LOG_ACCESS},
		{"npm ERR! code ERESOLVE", LOG_ERROR},
		{"npm WARN deprecated inflight@1.0.6", LOG_WARN},
		{"During handling of the above exception, another exception occurred:", LOG_TRACE},
	};
	bool tb = false;

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		size_t n = strlen(lines[i].line);
		char *p = pt_exact(lines[i].line, n);
		enum log_class got = log_classify(p, n, &tb);
		if (!tap_ok(got == lines[i].want, "classify: %.40s", lines[i].line))
			tap_diag("  got %d, want %d", got, lines[i].want);
		free(p);
	}
}

/* ------------------------------------------------------------ the store */

static const char psql_patch[] =
	"diff --git a/app/repositories/users.py b/app/repositories/users.py\n"
	"new file mode 100644\n"
	"--- /dev/null\n"
	"+++ b/app/repositories/users.py\n"
	"@@ -0,0 +1,4 @@\n"
	"+import sqlite3\n"
	"+import psycopg2\n"
	"+from app.services.user_service import hash_password\n"
	"+x = 1\n"
	"diff --git a/app/models/user.py b/app/models/user.py\n"
	"--- a/app/models/user.py\n"
	"+++ b/app/models/user.py\n"
	"@@ -1,3 +1,3 @@\n"
	" a\n"
	"-b\n"
	"-c\n"
	"+B\n";

static const char log_text[] =
	" * Serving Flask app 'app'\n"
	"127.0.0.1 - - [23/Nov/2026 23:00:17] \"POST /api/articles HTTP/1.1\" 200 -\n"
	"Traceback (most recent call last):\n"
	"  File \"/app/x.py\", line 1, in f\n"
	"KeyError: 'slug'\n"
	"127.0.0.1 - - [23/Nov/2026 23:00:18] \"POST /api/articles HTTP/1.1\" 500 -\n"
	"127.0.0.1 - - [23/Nov/2026 23:00:18] \"GET /api/articles/null HTTP/1.1\" 404 -\n"
	"npm ERR! missing script\n";

static const char mini_traj[] =
	"{\"status\": \"Submitted\", \"n_calls\": 2, \"cost\": 0.5, \"trajectories\": ["
	"{\"role\": \"system\", \"content\": \"You are a helpful agent.\"},"
	"{\"role\": \"user\", \"content\": \"\\n\\nBuild the Conduit API.\"},"
	"{\"role\": \"assistant\", \"content\": \"THOUGHT: look\\n```bash\\nls\\n```\"},"
	"{\"role\": \"user\", \"content\": \"<output>\\napp\\nrun.sh\\nneedle here\\n</output>\"},"
	"{\"role\": \"assistant\", \"content\": \"done, needle\"}]}";

/* A patch over two chunks of the model's reader: lines straddle the
 * 1 MB boundary, and one line is 3 MB long. */
static char *
big_patch(size_t *len)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "diff --git a/big.txt b/big.txt\n--- a/big.txt\n+++ b/big.txt\n"
		     "@@ -1,40000 +1,40001 @@\n");
	for (int i = 0; i < 40000; i++)
		buf_printf(&b, "%c line %05d %s\n", i % 2 ? '-' : ' ', i,
			   "padding padding padding padding");
	buf_puts(&b, "+");
	buf_reserve(&b, 3u << 20);
	memset(b.data + b.len, 'z', 3u << 20);
	b.len += 3u << 20;
	buf_puts(&b, "\n");
	for (int i = 0; i < 20000; i++)
		buf_printf(&b, "+%05d\r\n", i);
	buf_puts(&b, "diff --git a/\"q\" b/\"q\"\n--- a/q\n+++ b/q\n@@ -1 +1 @@\n-x\n+y");
	*len = b.len;
	return buf_steal(&b);
}

static int64_t
put_attempt(struct store *s, const char *patch, size_t plen, bool verify)
{
	struct attempt a;
	struct bt_error err;
	char why[128];
	int64_t id = 0;

	attempt_init(&a);
	run_ident_set(&a.run, NULL, "mini_swe_sdk", "m", "", "test");
	task_parse_generation(verify ? "flask-openapi-clean_architecture-sqlite"
				     : "flask-openapi-unconstrained", &a.task, why, sizeof(why));
	a.number = verify ? 0 : 1;
	a.has_report = true;
	attempt_set_artifact(&a, ARTIFACT_PATCH, NULL, xstrndup(patch, plen), plen, plen, false);
	attempt_set_artifact(&a, ARTIFACT_SERVER_LOG, NULL, xstrdup(log_text), strlen(log_text),
			     strlen(log_text), false);
	attempt_set_artifact(&a, ARTIFACT_TRAJECTORY, NULL, xstrdup(mini_traj), strlen(mini_traj),
			     strlen(mini_traj), false);
	snprintf(a.artifacts[ARTIFACT_TRAJECTORY].format, 16, "mini");
	if (verify)
		verify_attempt(&a);
	attempt_finish(&a);
	if (store_put_attempt(s, &a, &err) == BT_OK) {
		struct attempt_brief *b;
		size_t n;
		store_attempt_briefs(s, 0, 0, &b, &n, &err);
		for (size_t i = 0; i < n; i++)
			if (b[i].number == a.number)
				id = b[i].id;
		free(b);
	} else {
		tap_diag("put: %s", err.msg);
	}
	attempt_free(&a);
	return id;
}

static void
test_diff_model(struct store *s, int64_t small, int64_t big, const char *data, size_t len)
{
	struct bt_error err;
	struct store_blob *blob;
	struct diff_model m;
	struct diff ref;
	struct text_model t;
	struct attempt a;
	size_t first;

	store_blob_open(s, small, ARTIFACT_PATCH, &blob, &err);
	tap_is_int(diff_model_open(&m, blob, &err), BT_OK, "the small patch opens");
	tap_is_int(m.d.n_files, 2, "two files");
	tap_is_int(m.text.n_lines, m.d.n_lines, "one text line per diff line");
	store_load_attempt(s, small, &a, &err);
	tap_ok(!a.verdict[VERIFIER_DB].ok, "the database verifier failed (psycopg2 in a sqlite task)");
	diff_model_set_evidence(&m, &a);
	tap_is_str(m.info[0].layer, "repositories", "layer evidence names the first file's layer");
	tap_is_str(m.info[1].layer, "models", "and the second's");
	tap_is_int(diff_model_notes_at(&m, 6, &first), 1, "one finding on the psycopg2 line");
	tap_ok(first < m.n_notes && m.notes[first].bad &&
		       strcmp(m.notes[first].label, "import:psycopg2") == 0,
	       "import:psycopg2 is why the database check failed");
	tap_is_int(diff_model_notes_at(&m, 5, &first), 1, "one finding on the sqlite3 line");
	tap_ok(first < m.n_notes && !m.notes[first].bad, "import:sqlite3 is the wanted evidence");
	tap_is_int(diff_model_notes_at(&m, 7, &first), 1, "the upward import is marked");
	tap_ok(first < m.n_notes && m.notes[first].bad &&
		       strcmp(m.notes[first].label, "violation") == 0 &&
		       strstr(m.notes[first].detail, "repositories imports services"),
	       "as a violation naming the broken rule");
	tap_is_int(m.info[0].bad, 2, "the first file has two bad findings");
	tap_is_int(diff_model_next_file(&m, 0, 1), 9, "next file from the first");
	tap_is_int(diff_model_next_file(&m, 9, 1), -1, "no file after the last");
	tap_is_int(diff_model_next_file(&m, 12, -1), 9, "back: this file's start first");
	tap_is_int(diff_model_next_file(&m, 9, -1), 0, "then the previous file");
	tap_is_int(diff_model_next_file(&m, 0, -1), -1, "nothing before the first");
	tap_is_int(diff_model_next_hunk(&m, 0, 1), 4, "the first hunk");
	tap_is_int(diff_model_next_hunk(&m, 4, 1), 12, "the next hunk is in the next file");
	tap_is_int(diff_model_next_hunk(&m, 12, 1), -1, "no hunk after the last");
	tap_is_int(diff_model_next_hunk(&m, 12, -1), 4, "the previous hunk");
	tap_is_int(diff_model_next_note(&m, -1, 1), 5, "the first finding");
	tap_is_int(diff_model_next_note(&m, 5, 1), 6, "the next finding");
	tap_is_int(diff_model_next_note(&m, 7, 1), -1, "none after the last");
	tap_is_int(diff_model_next_note(&m, 7, -1), 6, "the previous finding");
	diff_model_pairs(&m);
	bool mapped = true;
	for (size_t i = 0; i < m.d.n_lines; i++) {
		size_t r = diff_model_pair_of(&m, i);
		mapped &= m.pairs[r].left == i || m.pairs[r].right == i;
	}
	tap_ok(mapped, "every line is on its side-by-side row");
	size_t r = diff_model_pair_of(&m, 16);
	tap_ok(m.pairs[r].left == 14 && m.pairs[r].right == 16, "\"+B\" sits beside \"-b\"");
	tap_ok(m.pairs[r + 1].left == 15 && m.pairs[r + 1].right == DIFF_NO_LINE,
	       "\"-c\" has nothing beside it");
	attempt_free(&a);
	diff_model_close(&m);

	store_blob_open(s, big, ARTIFACT_PATCH, &blob, &err);
	tap_ok(diff_model_open(&m, blob, &err) == BT_OK, "a patch of %zu MB opens", len >> 20);
	diff_parse(&ref, data, len);
	tap_ok(m.d.n_lines == ref.n_lines && memcmp(m.d.kinds, ref.kinds, ref.n_lines) == 0,
	       "read in chunks from the store, every line has the kind read whole");
	tap_ok(m.d.n_files == 2 && m.d.files[1].new_path && strcmp(m.d.files[1].new_path, "q") == 0,
	       "the file after the long line parses");
	tap_ok(m.d.adds == ref.adds && m.d.dels == ref.dels, "the same counts");
	store_blob_open(s, big, ARTIFACT_PATCH, &blob, &err);
	text_model_open(&t, blob, &err);
	tap_ok(t.n_lines == m.text.n_lines &&
		       memcmp(t.starts, m.text.starts, t.n_lines * sizeof(*t.starts)) == 0,
	       "the same line index as the text model's");
	text_model_close(&t);
	diff_free(&ref);
	diff_model_close(&m);
}

static void
test_log_model(struct store *s, int64_t id)
{
	struct bt_error err;
	struct store_blob *blob;
	struct log_model m;

	store_blob_open(s, id, ARTIFACT_SERVER_LOG, &blob, &err);
	tap_is_int(log_model_open(&m, blob, &err), BT_OK, "the log opens");
	tap_is_int(m.n_errors, 2, "two error blocks: the traceback with its 500, npm ERR!");
	size_t k;
	bool wrapped;
	tap_is_int(log_model_next_error(&m, -1, 1, &k, &wrapped), 2,
		   "the first error is the traceback");
	tap_ok(k == 0 && !wrapped, "error 1 of 2, not wrapped");
	tap_is_int(log_model_next_error(&m, 2, 1, &k, &wrapped), 7, "then npm ERR!");
	tap_ok(k == 1 && !wrapped, "error 2 of 2");
	tap_is_int(log_model_next_error(&m, 7, 1, &k, &wrapped), 2, "and around again");
	tap_ok(k == 0 && wrapped, "error 1 of 2, wrapped round the end");
	tap_is_int(log_model_next_error(&m, 2, -1, &k, &wrapped), 7, "backwards wraps to the last");
	tap_ok(k == 1 && wrapped, "error 2 of 2, wrapped round the start");
	tap_is_int(log_model_next_error(&m, 5, -1, &k, &wrapped), 2,
		   "before line 5: the traceback, counted from the line, not the screen");
	tap_ok(k == 0 && !wrapped, "without wrapping");
	tap_is_int(log_model_error_at(&m, 7), 1, "line 7 starts error 2");
	tap_is_int(log_model_error_at(&m, 6), -1, "line 6 starts none");
	tap_is_int(m.cls[5], LOG_ACCESS_FAIL, "the 500 access line");
	tap_is_int(log_model_find_request(&m, "POST", "http://conduit:8080/api/articles", 1), 5,
		   "the second POST /api/articles is the 500 line");
	tap_is_int(log_model_find_request(&m, "POST", "http://conduit:8080/api/articles", 0), 1,
		   "the first one the 200 line");
	tap_is_int(log_model_find_request(&m, "POST", "http://conduit:8080/api/articles", 5), 5,
		   "a later occurrence than the log has: the last one");
	tap_is_int(log_model_find_request(&m, "GET", "http://conduit:8080/api/articles/null", 0),
		   6, "a cascade's /null request");
	tap_is_int(log_model_find_request(&m, "GET", "http://conduit:8080/api/tags", 0), -1,
		   "a request the server never saw");
	log_model_close(&m);
}

static void
test_traj_model(struct store *s, int64_t id)
{
	struct bt_error err;
	struct store_blob *blob;
	struct traj_model m;
	long line;

	store_blob_open(s, id, ARTIFACT_TRAJECTORY, &blob, &err);
	tap_is_int(traj_model_open(&m, blob, "mini", &err), BT_OK, "the trajectory opens");
	tap_is_int(m.t.n, 5, "five messages");
	tap_is_str(m.t.termination, "Submitted", "termination");
	tap_ok(m.info[1].first_len && strncmp(m.t.v[1].text + m.info[1].first, "Build", 5) == 0,
	       "the first non-blank line of a message");
	tap_is_int(m.info[3].lines, 5, "the output's lines");
	tap_ok(!traj_step_is_observation(&m, 1), "the task is not an observation");
	tap_ok(traj_step_is_observation(&m, 3), "the output after the agent spoke is");
	tap_is_int(traj_model_find(&m, -1, 0, "needle", 1, &line), 3, "search finds the output");
	tap_is_int(line, 3, "on its 4th line");
	tap_is_int(traj_model_find(&m, 3, 3, "needle", 1, &line), 4, "then the last message");
	tap_is_int(traj_model_find(&m, 4, 0, "needle", 1, &line), 3, "and wraps around");
	tap_is_int(traj_model_find(&m, 3, 3, "needle", -1, &line), 4, "backwards wraps too");
	tap_is_int(traj_model_find(&m, -1, 0, "assistant", 1, &line), 2, "roles are searched");
	tap_is_int(traj_model_find(&m, -1, 0, "absent", 1, &line), -1, "no match");
	traj_model_close(&m);

	/* not JSON: the model refuses it (the viewer shows text instead) */
	store_blob_open(s, id, ARTIFACT_SERVER_LOG, &blob, &err);
	tap_is_int(traj_model_open(&m, blob, "mini", &err), BT_EINPUT,
		   "a log is not a trajectory");
}

/* A read past an artifact's end is a caller's bug: assert() stops a debug
 * build there (as the test builds are), a release build (NDEBUG) returns
 * BT_ESOFTWARE. */
static void
test_blob_bounds(struct store *s, int64_t id)
{
	struct bt_error err;
	struct store_blob *blob;
	int status = 0;
	pid_t pid;
	char c;

	if (store_blob_open(s, id, ARTIFACT_PATCH, &blob, &err)) {
		tap_ok(false, "open the patch: %s", err.msg);
		return;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		/* the assertion's message is expected: not in the test's log */
		dup2(open("/dev/null", O_WRONLY), 2);
		_exit(store_blob_read(blob, store_blob_size(blob), &c, 1, &err));
	}
	waitpid(pid, &status, 0);
#ifdef NDEBUG
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == BT_ESOFTWARE,
	       "a read past an artifact's end fails (release build)");
#else
	tap_ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
	       "a read past an artifact's end stops at an assert() (debug build)");
#endif
	tap_is_int(store_blob_read(blob, 1, &c, 1, &err), BT_OK, "a read inside it works");
	store_blob_close(blob);
}

int
main(void)
{
	struct store *s;
	struct bt_error err;
	size_t len;
	char *big, *path;

	test_access();
	test_classify();
	if (!mkdtemp(dir))
		return 1;
	path = path_join(dir, "v.db");
	big = big_patch(&len);
	if (store_open(path, STORE_WRITE, &s, &err) != BT_OK) {
		tap_ok(0, "create a store: %s", err.msg);
		return tap_done();
	}
	store_begin(s, &err);
	int64_t small = put_attempt(s, psql_patch, sizeof(psql_patch) - 1, true);
	int64_t large = put_attempt(s, big, len, false);
	store_commit(s, &err);
	test_diff_model(s, small, large, big, len);
	test_log_model(s, small);
	test_traj_model(s, small);
	test_blob_bounds(s, small);
	store_close(s);
	free(big);
	unlink(path);
	free(path);
	rmdir(dir);
	return tap_done();
}
