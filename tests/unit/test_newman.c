/* The Newman CSV report (newman.c), against upstream-format.md 2.1-2.3 and
 * the four real reports of shared/real-newman. */
#include "config.h"

#include <dirent.h>

#include "benchtop/parse.h"
#include "parse_test.h"

#define HEADER                                                                             \
	"iteration,collectionName,requestName,method,url,status,code,responseTime,"        \
	"responseSize,executed,failed,skipped,totalAssertions,executedCount,failedCount,"  \
	"skippedCount"

/* Three rows as newman-reporter-csv writes them: every present value
 * quoted, missing ones bare, no final newline. */
#define ROW1                                                                               \
	"\"1\",\"Conduit\",\"Register\",\"POST\",\"http://c:8080/api/users\",\"OK\",\"200\","  \
	"\"258\",\"283\",\"Response contains \"\"user\"\" property, User has \"\"email\"\" "   \
	"property\",,,\"2\",\"2\",\"0\",\"0\""
#define ROW2                                                                               \
	"\"1\",\"Conduit\",\"Login\",\"POST\",\"http://c:8080/api/users/login\",,,,,,"          \
	"\"A, B\",,\"2\",\"0\",\"2\",\"0\""
#define ROW3                                                                               \
	"\"1\",\"Conduit\",\"Favorite Article\",\"POST\",\"http://c:8080/api/articles/null/"  \
	"favorite\",\"Unprocessable Entity\",\"422\",\"5\",\"40\",\"Article's 'favorited' "    \
	"property is true\",\"x, y\",,\"3\",\"1\",\"2\",\"0\""
#define REPORT HEADER "\n" ROW1 "\n" ROW2 "\n" ROW3

static int
parse(const char *s, size_t n, const struct assertion_catalogue *cat, struct attempt *a,
      struct bt_error *err)
{
	char *data = pt_exact(s, n);
	int rc;

	attempt_init(a);
	rc = newman_parse(data, n, "r.csv", cat, a, err);
	free(data);
	return rc;
}

static bool
has_problem(const struct attempt *a, const char *what)
{
	return a->problems.data && strstr(a->problems.data, what);
}

static void
test_report(void)
{
	struct attempt a;
	struct bt_error err;
	const struct request *r;

	tap_is_int(parse(REPORT, sizeof(REPORT) - 1, NULL, &a, &err), BT_OK, "report parses");
	tap_ok(a.has_report, "has_report set");
	tap_is_int(a.flags, 0, "no flags");
	tap_is_int(a.problems.len, 0, "no problems");
	tap_is_int(a.n_requests, 3, "three requests");
	tap_is_int(a.total, 7, "total = sum of totalAssertions");
	tap_is_int(a.passed, 3, "passed = sum of executedCount");
	tap_is_int(a.failed, 4, "failed = sum of failedCount");
	r = &a.requests[0];
	tap_is_int(r->position, 1, "position 1");
	tap_is_str(r->name, "Register", "name");
	tap_is_str(r->method, "POST", "method");
	tap_is_str(r->url, "http://c:8080/api/users", "url");
	tap_is_str(r->status, "OK", "status");
	tap_is_int(r->code, 200, "code");
	tap_is_int(r->response_ms, 258, "responseTime");
	tap_is_int(r->response_bytes, 283, "responseSize");
	tap_is_int(r->passed.n, 2, "two passed names from `executed`");
	tap_is_str(r->passed.v[1], "User has \"email\" property", "doubled quotes undone");
	tap_is_int(r->failed.n, 0, "no failed names");
	tap_is_int(r->n_total, 2, "row total");
	r = &a.requests[1];
	tap_is_int(r->position, 2, "position 2");
	tap_is_int(r->code, -1, "empty code: errored request");
	tap_is_str(r->status, "", "errored request has an empty status");
	tap_is_int(r->response_ms, -1, "missing responseTime is -1");
	tap_is_int(r->response_bytes, -1, "missing responseSize is -1");
	tap_is_int(r->n_failed, 2, "its assertions still count as failed");
	tap_is_int(r->failed.n, 2, "two failed names");
	tap_is_str(r->failed.v[0], "A", "split on \", \" without a catalogue");
	r = &a.requests[2];
	tap_is_int(r->code, 422, "code 422");
	tap_is_str(r->status, "Unprocessable Entity", "reason phrase");
	tap_is_str(r->passed.v[0], "Article's 'favorited' property is true", "apostrophes");
	tap_is_int(r->n_passed, 1, "row passed");
	attempt_free(&a);

	/* the 17th column of --reporter-csv-includeBody is tolerated */
	{
		static const char body[] = HEADER ",body\n" ROW1 ",\"{}\"\r\n" ROW2 ",\"\"";
		tap_is_int(parse(body, sizeof(body) - 1, NULL, &a, &err), BT_OK,
			   "17-column report with body parses");
		tap_is_int(a.n_requests, 2, "two rows");
		tap_is_int(a.total, 4, "counts read from the same columns");
		tap_is_int(a.flags, 0, "not broken");
		attempt_free(&a);
	}
	/* blank lines (and a final newline) are skipped, as csv.DictReader does */
	{
		static const char blank[] = HEADER "\n\n" ROW1 "\n\n" ROW2 "\n";
		tap_is_int(parse(blank, sizeof(blank) - 1, NULL, &a, &err), BT_OK, "blank lines");
		tap_is_int(a.n_requests, 2, "blank lines are not rows");
		tap_is_int(a.requests[1].position, 2, "positions count data rows");
		tap_is_int(a.flags, 0, "blank lines are not a problem");
		attempt_free(&a);
	}
}

/* One row whose totalAssertions cell is `cell`: counted or not? */
static bool
counts_total(const char *cell, long *total)
{
	struct attempt a;
	struct bt_error err;
	struct buf b;
	bool counted;

	buf_init(&b);
	buf_printf(&b, HEADER "\n\"1\",\"C\",\"R\",\"GET\",\"u\",\"OK\",\"200\",\"1\",\"1\",,,,"
		       "%s,\"1\",\"0\",\"0\"",
		   cell);
	parse(b.data, b.len, NULL, &a, &err);
	/* a counted total lets executedCount (1) be added after it */
	counted = a.passed == 1;
	*total = a.total;
	attempt_free(&a);
	buf_free(&b);
	return counted;
}

static void
test_quirks(void)
{
	static const char q[] = HEADER "\n"
		"\"1\",\"C\",\"A\",\"GET\",\"u\",\"OK\",\"200\",\"1\",\"1\",,,,\"5\",\"x\",\"2\",\"0\"\n"
		"\"1\",\"C\",\"B\",\"GET\",\"u\",\"OK\",\"200\",\"1\",\"1\",,,,\"bad\",\"3\",\"3\",\"0\"\n"
		"\"1\",\"C\",\"C\",\"GET\",\"u\",\"OK\",\"200\",\"1\",\"1\",,,,\"4\",\"3\",\"1.5\",\"0\"\n"
		"\"1\",\"C\",\"D\",\"GET\",\"u\",\"OK\",\"200\",\"1\",\"1\",,,,,,,\n"
		"\"1\",\"C\",\"E\",\"GET\",\"u\",\"OK\",\"abc\",\"-4\",\"1\",,,,\"1\",\"1\",\"0\",\"z\"";
	struct attempt a;
	struct bt_error err;
	long total;

	tap_is_int(parse(q, sizeof(q) - 1, NULL, &a, &err), BT_OK, "quirk file parses");
	/* A: +5 total, then executedCount fails: passed and failed not added.
	 * B: nothing.  C: +4 +3, failedCount fails.  D: all empty = 0.  E: +1 +1 +0. */
	tap_is_int(a.total, 5 + 4 + 1, "totals added before the bad cell stay");
	tap_is_int(a.passed, 3 + 1, "executedCount only where reached");
	tap_is_int(a.failed, 0, "failedCount never reached in A/B/C");
	tap_is_int(a.n_requests, 5, "abandoned rows are still requests");
	tap_is_int(a.requests[0].n_total, 5, "A keeps the total that was added");
	tap_is_int(a.requests[0].n_passed, 0, "A: passed not added");
	tap_is_int(a.requests[0].n_failed, 0, "A: failed not added either");
	tap_is_int(a.requests[1].n_total, 0, "B: nothing added");
	tap_is_int(a.requests[2].n_passed, 3, "C: passed added");
	tap_is_int(a.requests[3].n_total, 0, "D: empty counts are 0");
	tap_is_int(a.requests[4].code, -1, "E: a code that is not a number is -1");
	tap_is_str(a.requests[4].status, "OK", "E: status kept");
	tap_is_int(a.requests[4].response_ms, -1, "E: negative responseTime is -1");
	tap_ok(a.flags & ATTEMPT_BROKEN_REPORT, "bad cells mark the report broken");
	tap_ok(has_problem(&a, "r.csv:2: executedCount is not an integer ('x')"),
	       "problem names file, line, column and value");
	tap_ok(has_problem(&a, "r.csv:3: totalAssertions"), "B's problem");
	tap_ok(has_problem(&a, "r.csv:4: failedCount"), "C's problem");
	tap_ok(has_problem(&a, "r.csv:6: code is not an HTTP status"), "E's code");
	tap_ok(has_problem(&a, "r.csv:6: skippedCount"), "E's skippedCount");
	tap_ok(!has_problem(&a, "r.csv:5"), "D has no problem");
	attempt_free(&a);

	/* Python's int(): whitespace, sign and digit underscores are fine */
	tap_ok(counts_total("\" 7 \"", &total) && total == 7, "' 7 ' counts as 7");
	tap_ok(counts_total("\"+7\"", &total) && total == 7, "'+7' counts");
	tap_ok(counts_total("\"-2\"", &total) && total == -2, "'-2' counts as -2");
	tap_ok(counts_total("\"1_000\"", &total) && total == 1000, "'1_000' is 1000");
	tap_ok(counts_total("", &total) && total == 0, "empty cell is 0");
	tap_ok(counts_total("\"\"", &total) && total == 0, "quoted empty cell is 0");
	tap_ok(!counts_total("\" \"", &total), "' ' is not an integer");
	tap_ok(!counts_total("\"1__0\"", &total), "'1__0' is not an integer");
	tap_ok(!counts_total("\"_1\"", &total), "'_1' is not an integer");
	tap_ok(!counts_total("\"1_\"", &total), "'1_' is not an integer");
	tap_ok(!counts_total("\"0x10\"", &total), "'0x10' is not an integer");
	tap_ok(!counts_total("\"1.0\"", &total), "'1.0' is not an integer");
	tap_ok(!counts_total("\"99999999999\"", &total), "beyond int range is refused");
}

static void
test_truncated(void)
{
	static const char full[] = REPORT;
	size_t n = sizeof(full) - 1, hl = sizeof(HEADER) - 1;
	struct attempt a;
	struct bt_error err;
	bool all_ok = true;
	const char *cut_at = strstr(full, "\"A, B\"") + 3; /* inside row 2's quotes */

	/* every prefix: never an error, broken unless cut at a row boundary */
	for (size_t cut = 0; cut <= n; cut++) {
		bool boundary = cut == hl || (cut > hl && (full[cut - 1] == '\n' || cut == n ||
							   full[cut] == '\n'));
		int rc = parse(full, cut, NULL, &a, &err);
		bool broken = (a.flags & ATTEMPT_BROKEN_REPORT) != 0;

		if (rc != BT_OK || !a.has_report || broken == boundary) {
			tap_diag("cut %zu: rc %d broken %d problems '%s'", cut, rc, broken,
				 a.problems.data ? a.problems.data : "");
			all_ok = false;
		}
		attempt_free(&a);
	}
	tap_ok(all_ok, "every prefix of a report parses; broken exactly when cut mid-row");

	parse(full, (size_t)(cut_at - full), NULL, &a, &err);
	tap_is_int(a.n_requests, 2, "cut inside quotes: the partial row is kept");
	tap_is_str(a.requests[1].name, "Login", "with what it has");
	tap_is_int(a.total, 2, "its missing counts are 0");
	tap_ok(has_problem(&a, "line 3") && has_problem(&a, "truncated"),
	       "problem says line 3, truncated (%s)", a.problems.data);
	attempt_free(&a);

	parse(full, n - 4, NULL, &a, &err);
	tap_is_int(a.n_requests, 3, "short last row kept");
	tap_ok(has_problem(&a, "r.csv:4: last row has 15 of 16 fields"), "and reported (%s)",
	       a.problems.data);
	tap_is_int(a.total, 7, "its counts that are present still count");
	attempt_free(&a);

	tap_is_int(parse("", 0, NULL, &a, &err), BT_OK, "empty file: BT_OK");
	tap_ok(a.has_report && (a.flags & ATTEMPT_BROKEN_REPORT), "a broken report");
	tap_ok(has_problem(&a, "empty file"), "says empty");
	attempt_free(&a);
	tap_is_int(parse("iteration,collectionName,requ", 29, NULL, &a, &err), BT_OK,
		   "cut inside the header: BT_OK");
	tap_ok(a.has_report && (a.flags & ATTEMPT_BROKEN_REPORT) && a.n_requests == 0,
	       "broken, no rows");
	attempt_free(&a);
}

static void
test_bad(void)
{
	static const char wrong[] = "a,b,c\n1,2,3";
	static const char order[] = "collectionName,iteration,requestName,method,url,status,code,"
				    "responseTime,responseSize,executed,failed,skipped,"
				    "totalAssertions,executedCount,failedCount,skippedCount\n";
	static const char utf8[] = HEADER "\n\"1\",\"C\",\"Reg\xffister\",\"GET\",\"u\",\"OK\","
				   "\"200\",\"1\",\"1\",\"ok \xc3\",,,\"1\",\"1\",\"0\",\"0\"";
	static const char nul[] = HEADER "\n" ROW1 "\n\"1\",\"C\",\"X\0";
	static const char short_mid[] = HEADER "\n\"1\",\"C\",\"X\"\n" ROW2;
	struct attempt a;
	struct bt_error err;

	tap_is_int(parse(wrong, sizeof(wrong) - 1, NULL, &a, &err), BT_EINPUT,
		   "wrong header: BT_EINPUT");
	tap_is_str(err.msg, "r.csv:1: not a Newman CSV report: column 1 is 'a', expected 'iteration'",
		   "err says where the header differs");
	tap_ok(!a.has_report, "no report");
	tap_ok((a.flags & ATTEMPT_BROKEN_REPORT) && has_problem(&a, "not a Newman CSV"),
	       "flag and problem recorded");
	attempt_free(&a);
	tap_is_int(parse(order, sizeof(order) - 1, NULL, &a, &err), BT_EINPUT,
		   "columns out of order: BT_EINPUT");
	tap_ok(strstr(err.msg, "column 1 is 'collectionName'") != NULL, "  named (%s)", err.msg);
	attempt_free(&a);
	tap_is_int(parse(HEADER ",x\n", sizeof(HEADER) + 2, NULL, &a, &err), BT_EINPUT,
		   "a 17th column other than body: BT_EINPUT");
	tap_ok(strstr(err.msg, "17 columns") != NULL, "  says so (%s)", err.msg);
	attempt_free(&a);
	tap_is_int(parse("\xEF\xBB\xBF" HEADER "\n" ROW1, sizeof(HEADER) + sizeof(ROW1) + 2, NULL,
			 &a, &err),
		   BT_OK, "a byte order mark is tolerated");
	tap_is_int(a.total, 2, "and the rows read");
	attempt_free(&a);

	tap_is_int(parse(utf8, sizeof(utf8) - 1, NULL, &a, &err), BT_OK, "invalid UTF-8: BT_OK");
	tap_is_str(a.requests[0].name, "Reg\xEF\xBF\xBDister", "bad byte becomes U+FFFD");
	tap_is_str(a.requests[0].passed.v[0], "ok \xEF\xBF\xBD", "in names too");
	tap_ok(has_problem(&a, "r.csv:2: invalid UTF-8 in column requestName"), "reported once (%s)",
	       a.problems.data);
	tap_is_int(pt_lines(a.problems.data), 1, "only once");
	tap_is_int(a.total, 1, "counts unaffected");
	attempt_free(&a);

	tap_is_int(parse(nul, sizeof(nul) - 1, NULL, &a, &err), BT_OK, "NUL byte: BT_OK");
	tap_is_int(a.n_requests, 2, "rows before and the partial row kept");
	tap_ok((a.flags & ATTEMPT_BROKEN_REPORT) && has_problem(&a, "NUL"), "broken, says NUL");
	attempt_free(&a);

	tap_is_int(parse(short_mid, sizeof(short_mid) - 1, NULL, &a, &err), BT_OK, "short row");
	tap_ok(has_problem(&a, "r.csv:2: row has 3 fields, expected 16"), "reported (%s)",
	       a.problems.data);
	tap_is_int(a.n_requests, 2, "and kept");
	tap_is_int(a.total, 2, "the next row counts normally");
	attempt_free(&a);
}

static void
test_catalogue_split(void)
{
	static const char s[] = HEADER "\n\"1\",\"C\",\"R\",\"GET\",\"u\",\"OK\",\"200\",\"1\","
				"\"1\",\"x, y, z\",,,\"2\",\"2\",\"0\",\"0\"";
	struct assertion_catalogue cat;
	struct attempt a;
	struct bt_error err;

	memset(&cat, 0, sizeof(cat));
	strv_push(&cat.all, "x, y");
	strv_push(&cat.all, "z");
	parse(s, sizeof(s) - 1, &cat, &a, &err);
	tap_is_int(a.requests[0].passed.n, 2, "with a catalogue a name may contain \", \"");
	tap_is_str(a.requests[0].passed.v[0], "x, y", "the known name");
	attempt_free(&a);
	parse(s, sizeof(s) - 1, NULL, &a, &err);
	tap_is_int(a.requests[0].passed.n, 3, "without one it is split");
	attempt_free(&a);
	strv_free(&cat.all);
}

static void
test_big(void)
{
	const size_t n = 50u * 1024 * 1024, rows = 100010;
	static const char alphabet[] = "abc,,,\"\"\n\r 0123456789\xc3\xa9\xff";
	char *g = xmalloc(n);
	unsigned seed = 12345;
	size_t hl = sizeof(HEADER) - 1;
	struct attempt a;
	struct bt_error err;
	struct buf b;
	double t0;
	int rc;

	/* 50 MB of garbage after a valid header */
	memcpy(g, HEADER "\n", hl + 1);
	for (size_t i = hl + 1; i < n; i++)
		g[i] = alphabet[pt_rand(&seed) % (sizeof(alphabet) - 1)];
	t0 = clock_now();
	attempt_init(&a);
	rc = newman_parse(g, n, "g.csv", NULL, &a, &err);
	tap_diag("50 MB of garbage after a header: %.2f s, %zu requests kept", clock_now() - t0,
		 a.n_requests);
	tap_is_int(rc, BT_OK, "50 MB garbage after a header: parsed");
	tap_ok(a.flags & ATTEMPT_BROKEN_REPORT, "and broken");
	tap_ok(pt_lines(a.problems.data) <= 21, "problems are capped (%zu lines)",
	       pt_lines(a.problems.data));
	tap_ok(has_problem(&a, "more problems not shown"), "with a count of the rest");
	tap_ok(a.n_requests <= 100000, "requests are capped");
	attempt_free(&a);

	/* the same without a header: refused at once */
	g[0] = 'x';
	t0 = clock_now();
	attempt_init(&a);
	tap_is_int(newman_parse(g, n, "g.csv", NULL, &a, &err), BT_EINPUT,
		   "50 MB garbage without a header: BT_EINPUT");
	attempt_free(&a);

	/* a 10 MB single line after the header */
	memcpy(g, HEADER "\n", hl + 1);
	memset(g + hl + 1, 'x', 10u * 1024 * 1024);
	attempt_init(&a);
	rc = newman_parse(g, hl + 1 + 10u * 1024 * 1024, "g.csv", NULL, &a, &err);
	tap_is_int(rc, BT_OK, "10 MB single line: parsed");
	tap_is_int(a.n_requests, 1, "as one short row");
	tap_ok(has_problem(&a, "last row has 1 of 16 fields"), "reported");
	attempt_free(&a);
	free(g);

	/* more rows than are kept: the sums still see every row */
	buf_init(&b);
	buf_puts(&b, HEADER);
	for (size_t i = 0; i < rows; i++)
		buf_puts(&b, "\n\"1\",\"C\",\"R\",\"GET\",\"u\",\"OK\",\"200\",\"1\",\"1\",,,,"
			     "\"1\",\"1\",\"0\",\"0\"");
	attempt_init(&a);
	tap_is_int(newman_parse(b.data, b.len, "many.csv", NULL, &a, &err), BT_OK,
		   "100010 rows parse");
	tap_is_int(a.n_requests, 100000, "100000 requests kept");
	tap_is_int(a.total, (long)rows, "every row counted");
	tap_ok(has_problem(&a, "more than 100000 rows"), "and said");
	attempt_free(&a);
	buf_free(&b);
}

/* The CSV in a real run folder (there is exactly one). */
static char *
real_report(const char *run, size_t *len)
{
	static const char base[] = "real-newman/results/uv/real_server/realworld-flask-c7d865f/"
				   "flask-openapi-unconstrained/2026-11-23T23-00-10/";
	const char *shared = tap_shared_dir();
	char *dir, *rel = NULL, *data;
	DIR *d;
	struct dirent *e;

	if (!shared)
		return NULL;
	dir = xasprintf("%s/%s%s", shared, base, run);
	d = opendir(dir);
	free(dir);
	if (!d)
		return NULL;
	while ((e = readdir(d)) != NULL)
		if (str_ends(e->d_name, ".csv") && !rel)
			rel = xasprintf("%s%s/%s", base, run, e->d_name);
	closedir(d);
	if (!rel)
		return NULL;
	data = pt_shared(rel, len);
	free(rel);
	return data;
}

static void
test_real(void)
{
	static const char *const runs[4] = {"run_0", "run_1", "run_2", "run_3"};
	static const long want_passed[4] = {290, 270, 255, 0};
	struct assertion_catalogue cat;
	struct bt_error err;
	size_t len;
	char *coll = pt_shared("upstream/runtime/newman/Conduit.postman_collection.json", &len);

	if (!coll || catalogue_parse(coll, len, &cat, &err) != BT_OK) {
		free(coll);
		tap_skip("shared upstream collection not available (set BENCHTOP_SHARED)");
		return;
	}
	free(coll);
	for (int k = 0; k < 4; k++) {
		struct attempt a;
		char *data = real_report(runs[k], &len);
		bool names_ok = true, errored = true, match_cat = true;
		long sum = 0;

		if (!data) {
			tap_skip("real Newman report %s not available", runs[k]);
			continue;
		}
		attempt_init(&a);
		tap_is_int(newman_parse(data, len, runs[k], &cat, &a, &err), BT_OK, runs[k]);
		free(data);
		tap_is_int(a.n_requests, 32, "32 requests");
		tap_is_int(a.total, 290, "290 assertions");
		tap_is_int(a.passed, want_passed[k], "passed as the README says");
		tap_is_int(a.failed, 290 - want_passed[k], "failed is the rest");
		tap_is_int(a.flags, 0, "no flags");
		for (size_t i = 0; i < a.n_requests; i++) {
			const struct request *r = &a.requests[i];
			const struct catalogue_request *c = &cat.requests[i];
			size_t np = r->passed.n;

			sum += r->n_total;
			if ((int)r->passed.n != r->n_passed || (int)r->failed.n != r->n_failed ||
			    r->position != (int)i + 1)
				names_ok = false;
			if (r->code != -1 || *r->status || r->response_ms != -1)
				errored = false;
			/* passed then failed names are the catalogue's, each in order */
			if (np + r->failed.n != c->assertions.n || strcmp(r->name, c->name) != 0)
				match_cat = false;
			for (size_t j = 0; match_cat && j < np; j++)
				match_cat = strv_contains(&c->assertions, r->passed.v[j]);
			for (size_t j = 0; match_cat && j < r->failed.n; j++)
				match_cat = strv_contains(&c->assertions, r->failed.v[j]);
		}
		tap_is_int(sum, 290, "request totals sum to the total");
		tap_ok(names_ok, "name lists match counts; positions 1..32");
		tap_ok(match_cat, "every row's names are its catalogue request's names");
		if (k == 3)
			tap_ok(errored, "run_3: every request errored (code -1, no status/time)");
		else
			tap_ok(a.requests[0].code == 200 && a.requests[5].code == 200,
			       "%s: requests answered", runs[k]);
		if (k == 0) {
			bool exact = true;
			for (size_t i = 0; i < a.n_requests; i++)
				for (size_t j = 0; j < a.requests[i].passed.n && exact; j++)
					exact = strcmp(a.requests[i].passed.v[j],
						       cat.requests[i].assertions.v[j]) == 0;
			tap_ok(exact, "run_0: passed names in the catalogue's emission order");
			tap_is_str(a.requests[11].name, "All Articles", "row 12 is All Articles");
			tap_is_str(a.requests[5].name, "All Articles", "so is row 6");
		}
		attempt_free(&a);
	}
	catalogue_free(&cat);
}

int
main(void)
{
	test_report();
	test_quirks();
	test_truncated();
	test_bad();
	test_catalogue_split();
	test_big();
	test_real();
	return tap_done();
}
