/* The trajectory diff model (model_trajdiff.c): command normalization, the
 * LCS alignment against hand-computed answers, the two fixture
 * trajectories of tests/fixtures/traj, the output diff. */
#include "config.h"

#include "benchtop/model_trajdiff.h"
#include "parse_test.h"

static void
test_normalize(void)
{
	static const struct {
		const char *cmd, *cwd, *want;
	} cases[] = {
		{"  ls   -la \n", NULL, "ls -la"},
		{"cat a\tb\n\nc", NULL, "cat a b c"},
		{"cd /testbed && python  x.py", "/testbed", "python x.py"},
		{"cd /testbed; cd /testbed/ && ls", "/testbed", "ls"},
		{"cd /testbed && ls", NULL, "cd /testbed && ls"},
		{"cd /testbed/django && ls", "/testbed", "cd django && ls"},
		{"cat /testbed/app.py", "/testbed/", "cat app.py"},
		{"cat \"/testbed/a b.py\" >/testbed/out", "/testbed", "cat \"a b.py\" >out"},
		{"ls /testbed", "/testbed", "ls ."},
		{"cat /testbedx/a", "/testbed", "cat /testbedx/a"},
		{"cat ./django/x.py | grep -n ./y", NULL, "cat django/x.py | grep -n y"},
		{"grep -r x ./", NULL, "grep -r x ./"},
		{"cat a/./b", NULL, "cat a/./b"},
		{"ls /", "/", "ls /"},
		{"", "/testbed", ""},
	};
	struct buf b;

	buf_init(&b);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *name = xasprintf("normalize case %zu (-> %s)", i + 1, cases[i].want);

		trajdiff_normalize(cases[i].cmd, cases[i].cwd, &b);
		tap_is_str(buf_cstr(&b), cases[i].want, name);
		free(name);
	}
	buf_free(&b);
}

/* Pairs as "a:b" (absent as -), comma-separated. */
static const char *
pairs_str(const struct lcs_pair *p, size_t n)
{
	static char out[512];
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && used < sizeof(out) - 24; i++) {
		char x[16], y[16];
		snprintf(x, sizeof(x), "%ld", p[i].a);
		snprintf(y, sizeof(y), "%ld", p[i].b);
		used += (size_t)snprintf(out + used, sizeof(out) - used, "%s%s:%s", i ? "," : "",
					 p[i].a < 0 ? "-" : x, p[i].b < 0 ? "-" : y);
	}
	return out;
}

static void
test_lcs(void)
{
	/* LCS {ls, cat a, pytest, pytest}: the earliest matches, A's
	 * unmatched commands before B's (worked out by hand) */
	static const char *const a[] = {"ls", "cat a", "grep x", "pytest", "sed", "pytest", "submit"};
	static const char *const b[] = {"ls", "cat a", "cat m", "pytest", "sed2", "pytest"};
	/* CLRS 15.4: ABCBDAB and BDCABA have an LCS of length 4 */
	static const char *const x[] = {"A", "B", "C", "B", "D", "A", "B"};
	static const char *const y[] = {"B", "D", "C", "A", "B", "A"};
	struct lcs_pair *p;
	size_t n, matched = 0;
	long la = -1, lb = -1;
	bool order = true;

	tap_ok(trajdiff_lcs(a, 7, b, 6, &p, &n), "small lists align exactly");
	tap_is_str(pairs_str(p, n), "0:0,1:1,2:-,-:2,3:3,4:-,-:4,5:5,6:-", "the known alignment");
	free(p);

	trajdiff_lcs(x, 7, y, 6, &p, &n);
	for (size_t i = 0; i < n; i++) {
		if (p[i].a >= 0 && p[i].b >= 0) {
			matched++;
			order &= strcmp(x[p[i].a], y[p[i].b]) == 0;
		}
		if (p[i].a >= 0)
			order &= p[i].a == ++la;
		if (p[i].b >= 0)
			order &= p[i].b == ++lb;
	}
	tap_is_int(matched, 4, "CLRS: an LCS of length 4");
	tap_ok(order && la == 6 && lb == 5, "every item once, in order, pairs equal");
	/* by hand: B D A B, taking A's unmatched item first on ties */
	tap_is_str(pairs_str(p, n), "0:-,1:0,2:-,3:-,4:1,-:2,5:3,6:4,-:5",
		   "CLRS: the LCS B D A B");
	free(p);

	tap_ok(trajdiff_lcs(a, 0, b, 2, &p, &n) && n == 2 && p[0].a == -1 && p[1].b == 1,
	       "an empty side: all only in B");
	free(p);
	tap_ok(trajdiff_lcs(a, 0, b, 0, &p, &n) && n == 0, "both empty");
	free(p);

	/* too big to search: common start and end, the rest apart */
	{
		size_t big = 5000;
		char **u = xcalloc(big, sizeof(*u)), **v = xcalloc(big, sizeof(*v));
		for (size_t i = 0; i < big; i++) {
			u[i] = xasprintf(i == 0 || i == big - 1 ? "same %zu" : "u%zu", i);
			v[i] = xasprintf(i == 0 || i == big - 1 ? "same %zu" : "v%zu", i);
		}
		tap_ok(!trajdiff_lcs((const char *const *)u, big, (const char *const *)v, big, &p, &n),
		       "5000 x 5000 is not searched");
		tap_is_int(n, 2 + 2 * (big - 2), "every item still once");
		tap_ok(n > 2 && p[0].a == 0 && p[0].b == 0 && p[n - 1].a == (long)big - 1 &&
			       p[n - 1].b == (long)big - 1,
		       "the common start and end are paired");
		free(p);
		for (size_t i = 0; i < big; i++) {
			free(u[i]);
			free(v[i]);
		}
		free(u);
		free(v);
	}
}

static bool
load(const char *name, struct trajectory *t)
{
	char *rel = xasprintf("traj/%s", name);
	size_t len;
	char *data = pt_fixture(rel, &len);
	struct bt_error err;
	bool ok = data && trajectory_parse("auto", data, len, name, t, &err) == BT_OK;

	if (data && !ok)
		tap_diag("%s: %s", name, err.msg);
	free(data);
	free(rel);
	return ok;
}

static const char *
rows_str(const struct trajdiff *d)
{
	static char out[512];
	static const char kinds[] = "=~-+";
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < d->n && used < sizeof(out) - 24; i++)
		used += (size_t)snprintf(out + used, sizeof(out) - used, "%s%c%ld/%ld", i ? " " : "",
					 kinds[d->rows[i].kind], d->rows[i].na, d->rows[i].nb);
	return out;
}

static void
test_fixtures(void)
{
	struct trajectory a, b;
	struct trajdiff d;
	struct buf counts, ends;

	trajectory_init(&a);
	trajectory_init(&b);
	if (!load("swe-1.1.traj.json", &a) || !load("swe-1.traj.json", &b)) {
		tap_skip("tests/fixtures/traj is missing");
		trajectory_free(&a);
		trajectory_free(&b);
		return;
	}
	trajdiff_build(&d, &a, &b);
	tap_is_int(d.commands_a, 7, "A ran 7 commands (one message held two)");
	tap_is_int(d.commands_b, 6, "B ran 6 (a message with two blocks ran none)");
	/* A: ls -la, cat app.py, grep, pytest;echo, sed 404, pytest, submit
	 * B: ls -la, cat app.py, cat models.py, pytest, sed 410, pytest
	 * "ls   -la" and "cat /testbed/app.py" match once normalized; the
	 * LCS is 3 long, the tests' output differs */
	tap_is_str(rows_str(&d), "=1/1 =2/2 -3/0 -4/0 -5/0 +0/3 ~6/4 -7/0 +0/5 +0/6",
		   "the alignment");
	tap_is_int(d.matched, 3, "3 matched");
	tap_is_int(d.changed, 1, "1 with another output");
	tap_is_int(d.first_div, 2, "diverged at the third row");
	tap_ok(d.exact, "exact");
	if (d.n == 10) {
		tap_is_int(d.rows[0].a, 3, "row 1 is A's step 4");
		tap_is_int(d.rows[0].b, 2, "and B's step 3");
		tap_is_str(trajdiff_command(&d, 0), "ls -la", "A's command as written");
		tap_is_str(trajdiff_command(&d, 5), "cat models.py", "B's for a row only in B");
		tap_ok(strstr(trajdiff_output(&d, 6, 'a'), "2 passed") != NULL, "A's output");
		tap_ok(strstr(trajdiff_output(&d, 6, 'b'), "2 failed") != NULL, "B's output");
		tap_is_str(trajdiff_output(&d, 2, 'b'), "", "no B output on a row only in A");
	}
	tap_is_int(trajdiff_next_change(&d, -1, 1), 2, "first change from the top");
	tap_is_int(trajdiff_next_change(&d, 2, 1), 3, "next change");
	tap_is_int(trajdiff_next_change(&d, 2, -1), -1, "none before");
	buf_init(&counts);
	buf_init(&ends);
	trajdiff_summary(&d, &counts, &ends);
	tap_is_str(buf_cstr(&counts),
		   "A 7 commands, B 6: 3 matched (1 with other output), diverged at A#3/B#3",
		   "summary: counts and divergence");
	tap_is_str(buf_cstr(&ends), "A Submitted, 6 steps, $0.01  B LimitsExceeded, 7 steps, $0.00",
		   "summary: how each ended");
	trajdiff_free(&d);

	/* a trajectory against itself never diverges */
	trajdiff_build(&d, &a, &a);
	tap_is_int(d.matched, 7, "itself: all matched");
	tap_is_int(d.first_div, -1, "itself: no divergence");
	trajdiff_summary(&d, &counts, &ends);
	tap_ok(strstr(buf_cstr(&counts), "never diverged") != NULL, "said so");
	trajdiff_free(&d);
	buf_free(&counts);
	buf_free(&ends);
	trajectory_free(&a);
	trajectory_free(&b);
}

static void
test_guess_cwd(void)
{
	/* the benchmark's wrapper says no working directory: most commands
	 * cd into one */
	static const char a_doc[] =
		"{\"status\": \"Error\", \"trajectories\": ["
		"{\"role\": \"assistant\", \"content\": \"```bash\\ncd /app && ls\\n```\"},"
		"{\"role\": \"user\", \"content\": \"x\"},"
		"{\"role\": \"assistant\", \"content\": \"```bash\\ncd /app && cat /app/main.py\\n```\"}]}";
	static const char b_doc[] =
		"{\"status\": \"Submitted\", \"trajectories\": ["
		"{\"role\": \"assistant\", \"content\": \"```bash\\nls\\n```\"},"
		"{\"role\": \"user\", \"content\": \"y\"},"
		"{\"role\": \"assistant\", \"content\": \"```bash\\ncat main.py\\n```\"}]}";
	struct trajectory a, b;
	struct trajdiff d;
	struct bt_error err;

	trajectory_init(&a);
	trajectory_init(&b);
	trajectory_parse("mini", a_doc, sizeof(a_doc) - 1, "a", &a, &err);
	trajectory_parse("mini", b_doc, sizeof(b_doc) - 1, "b", &b, &err);
	trajdiff_build(&d, &a, &b);
	tap_is_str(rows_str(&d), "~1/1 =2/2", "cd /app prefixes and /app paths guessed away");
	tap_is_int(d.first_div, 0, "outputs differ at the first");
	trajdiff_free(&d);
	trajectory_free(&a);
	trajectory_free(&b);
}

static void
test_obs_diff(void)
{
	struct obsdiff o;
	char got[128];
	size_t used = 0;

	trajdiff_obs_diff("x\ny\nz\n", "x\nY\nz\nw", &o);
	for (size_t i = 0; i < o.n; i++)
		used += (size_t)snprintf(got + used, sizeof(got) - used, "%c%.*s|", o.v[i].kind,
					 (int)o.v[i].len, o.v[i].s);
	tap_is_str(got, " x|-y|+Y| z|+w|", "line diff");
	tap_is_int(o.removed, 1, "removed");
	tap_is_int(o.added, 2, "added");
	tap_ok(o.exact, "exact");
	obsdiff_free(&o);
	trajdiff_obs_diff("", "", &o);
	tap_is_int(o.n, 0, "two empty outputs: no lines");
	obsdiff_free(&o);
}

int
main(void)
{
	test_normalize();
	test_lcs();
	test_fixtures();
	test_guess_cwd();
	test_obs_diff();
	return tap_done();
}
