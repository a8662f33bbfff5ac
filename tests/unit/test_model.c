/* The explorer's curses-free models: the task filter language and the
 * attempt document (cascades, verdicts, the judge). */
#include "config.h"

#include <string.h>

#include "benchtop/model_attempt.h"
#include "benchtop/model_runs.h"
#include "benchtop/model_tasks.h"
#include "benchtop/utf8.h"
#include "tap.h"

static struct request *
req(struct attempt *a, const char *name, const char *method, const char *url, int code,
    int failed, int total)
{
	struct request *r = attempt_add_request(a);
	r->name = xstrdup(name);
	r->method = xstrdup(method);
	r->url = xstrdup(url);
	r->status = xstrdup(code < 0 ? "" : "X");
	r->code = code;
	r->n_total = total;
	r->n_failed = failed;
	r->n_passed = total - failed;
	for (int i = 0; i < failed; i++)
		strv_push(&r->failed, "Article has \"slug\" property");
	return r;
}

static bool
doc_has(const struct attempt_doc *d, const char *needle, enum doc_role role)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].text, needle) && (role == (enum doc_role)-1 || d->v[i].role == role))
			return true;
	return false;
}

static void
test_filter(void)
{
	struct task_filter f = {.level = -1};
	char why[160];
	struct buf b;

	tap_ok(tasks_filter_parse("framework=flask level=2 outcome=flaky has=no-report", &f, why,
				  sizeof(why)), "a filter with keys");
	tap_ok(strcmp(f.framework, "flask") == 0 && f.level == 2 && f.outcome == TASK_FLAKY &&
	       f.has == TASK_HAS_NO_REPORT, "its values");
	f = (struct task_filter){.level = -1};
	tap_ok(tasks_filter_parse("honojs L3 sqlite no-server never-passed", &f, why, sizeof(why)),
	       "bare words");
	tap_ok(strcmp(f.framework, "hono") == 0 && f.level == 3 && f.constraint == TC_SQLITE &&
	       f.has == TASK_HAS_NO_SERVER && f.outcome == TASK_NEVER_PASSED,
	       "bare words mean framework, level, constraint, has and outcome");
	f = (struct task_filter){.level = -1};
	tap_ok(tasks_filter_parse("outcome=failed", &f, why, sizeof(why)) &&
	       f.outcome == TASK_NOT_ALL_PASSED, "the first lists' outcome=failed: not all passed");
	tap_ok(!tasks_filter_parse("outcome=no-server", &f, why, sizeof(why)), "an unknown outcome");
	tap_is_str(why, "outcome=no-server? all-passed|flaky|never-passed|not-all-passed",
		   "lists the outcomes");
	tap_ok(!tasks_filter_parse("has=flaky", &f, why, sizeof(why)), "an unknown has= value");
	tap_is_str(why, "has=flaky? no-server|verifier-failed|assertions-failed|no-report|note",
		   "lists the values");
	tap_ok(tasks_filter_parse("tag=needs-migration has=note", &f, why, sizeof(why)) &&
	       strcmp(f.tag, "needs-migration") == 0 && f.has == TASK_HAS_NOTE, "tag=WORD and has=note");
	tap_ok(!tasks_filter_parse("tag=a:b", &f, why, sizeof(why)), "a tag is a word");
	tap_ok(tasks_filter_parse("orm-heavy", &f, why, sizeof(why)) && strcmp(f.text, "orm-heavy") == 0,
	       "other words search the name");
	tap_ok(!tasks_filter_parse("level=7", &f, why, sizeof(why)), "a bad level");
	tap_is_str(why, "level=7? 0|1|2|3", "explained");
	tap_ok(!tasks_filter_parse("framework=rails", &f, why, sizeof(why)), "an unknown framework");
	tap_ok(!tasks_filter_parse("colour=red", &f, why, sizeof(why)), "an unknown key");
	f = (struct task_filter){.level = -1};
	tasks_filter_parse("fw=koa constraint=sequelize category=logic_error", &f, why, sizeof(why));
	buf_init(&b);
	tasks_filter_describe(&f, &b);
	tap_is_str(b.data, "framework=Koa constraint=sequelize category=logic",
		   "a filter describes itself as the list shows its values");

	/* values as displayed, in any case; unknown ones listed */
	f = (struct task_filter){.level = -1};
	tap_ok(tasks_filter_parse("framework=Django category=logic", &f, why, sizeof(why)),
	       "framework=Django category=logic, as the list shows them");
	tap_ok(strcmp(f.framework, "django") == 0 && strcmp(f.category, "logic_error") == 0,
	       "match the stored django and logic_error");
	f = (struct task_filter){.level = -1};
	tap_ok(tasks_filter_parse("FRAMEWORK=fastapi Category=STARTUP constraint=SQLite", &f, why,
				  sizeof(why)) && strcmp(f.framework, "fastapi") == 0 &&
	       strcmp(f.category, "server_startup_failure") == 0 && f.constraint == TC_SQLITE,
	       "keys and values without regard to case");
	tap_ok(!tasks_filter_parse("category=bogus", &f, why, sizeof(why)),
	       "category=bogus is an error, not an empty list");
	tap_is_str(why, "category=bogus? logic|startup|incomplete|schema|stuck|constraint|"
		   "premature|other", "which lists the valid values");
	tap_ok(!tasks_filter_parse("framework=rails", &f, why, sizeof(why)), "framework=rails");
	tap_is_str(why, "framework=rails? aiohttp|Django|Express|FastAPI|Fastify|Flask|Hono|Koa",
		   "lists the frameworks as shown");
	tap_ok(tasks_filter_parse("category=any", &f, why, sizeof(why)) && !f.category[0],
	       "category=any clears it");

	/* Tab completes keys, then values */
	struct buf out, ch;
	buf_init(&out);
	buf_init(&ch);
	tasks_filter_complete("fr", &out, &ch);
	tap_is_str(out.data, "framework=", "fr<Tab> -> framework=");
	tasks_filter_complete("framework=dj", &out, &ch);
	tap_is_str(out.data, "framework=Django ", "framework=dj<Tab> -> framework=Django");
	tasks_filter_complete("level=2 framework=fa", &out, &ch);
	tap_is_str(out.data, "level=2 framework=Fast", "an ambiguous value: as far as they agree");
	tap_is_str(ch.data, "FastAPI Fastify", "and the candidates left");
	tasks_filter_complete("c", &out, &ch);
	tap_is_str(out.data, "c", "c<Tab>: constraint or category, nothing to add");
	tap_is_str(ch.data, "constraint category", "both offered");
	tasks_filter_complete("category=lo", &out, &ch);
	tap_is_str(out.data, "category=logic ", "category values as displayed");
	tasks_filter_complete("colour=", &out, &ch);
	tap_is_str(out.data, "colour=", "no key, no completion");
	buf_free(&out);
	buf_free(&ch);
	buf_free(&b);
}

static void
test_outcomes(void)
{
	static const int runs[][2] = {{3, 3}, {3, 1}, {3, 0}, {1, 0}, {1, 1}, {2, 1}};
	static const enum task_outcome want[] = {TASK_ALL_PASSED, TASK_FLAKY, TASK_NEVER_PASSED,
						 TASK_NEVER_PASSED, TASK_ALL_PASSED, TASK_FLAKY};
	struct task_row rows[6];
	struct tasks_model m = {0};
	size_t shown[6];
	struct task_item items[6];
	struct buf b;

	memset(rows, 0, sizeof(rows));
	for (size_t i = 0; i < 6; i++) {
		rows[i].s.n_executed = runs[i][0];
		rows[i].s.n_succeeded = runs[i][1];
		rows[i].task_id = (int64_t)i + 1;
		snprintf(rows[i].name, sizeof(rows[i].name), "flask-openapi-%zu", i);
		snprintf(rows[i].framework, sizeof(rows[i].framework), "%s", i < 3 ? "flask" : "koa");
		rows[i].has = i == 2 ? TASK_HAS_NO_REPORT | TASK_HAS_ASSERTIONS_FAILED : 0;
		items[i] = (struct task_item){&rows[i], (int)i, 0, NULL};
		tap_is_int(tasks_outcome_of(&rows[i]), want[i], "a task's outcome from succeeded/attempts");
	}
	m.all = items;
	/* tags and a note on the 5th task (or on its attempts) */
	/* (arrays: the entry's strings are its own, not literals) */
	char address[] = "r:koa-openapi-4", tags[] = "flaky-db needs-migration";
	struct memory_entry memo = {.address = address, .tags = tags, .note = true};
	items[4].memo = &memo;
	m.n_all = 6;
	m.shown = shown;
	m.filter.level = -1;
	buf_init(&b);
	tasks_filter_counts(&m, &b);
	tap_is_str(b.data, "outcome: all-passed 2, flaky 2, never-passed 2, not-all-passed 4\n"
		   "has: no-server 0, verifier-failed 0, assertions-failed 1, no-report 1, note 1",
		   "every value's count, for the filter prompt");
	snprintf(m.filter.framework, sizeof(m.filter.framework), "flask");
	tasks_filter_counts(&m, &b);
	tap_is_str(b.data, "outcome: all-passed 1, flaky 1, never-passed 1, not-all-passed 2\n"
		   "has: no-server 0, verifier-failed 0, assertions-failed 1, no-report 1, note 0",
		   "counted with the rest of the filter");
	m.filter.outcome = TASK_NOT_ALL_PASSED;
	tasks_model_apply(&m);
	tap_is_int((long)m.n_shown, 2, "outcome=not-all-passed: the flaky and the never-passed flask tasks");
	m.filter.outcome = TASK_OUTCOME_ANY;
	m.filter.framework[0] = '\0';
	m.filter.has = TASK_HAS_NO_REPORT;
	tasks_model_apply(&m);
	tap_ok(m.n_shown == 1 && m.shown[0] == 2, "has=no-report: the task with such an attempt");
	m.filter.has = TASK_HAS_NOTE;
	tasks_model_apply(&m);
	tap_ok(m.n_shown == 1 && m.shown[0] == 4, "has=note: the task with a note");
	m.filter.has = 0;
	snprintf(m.filter.tag, sizeof(m.filter.tag), "needs-migration");
	tasks_model_apply(&m);
	tap_ok(m.n_shown == 1 && m.shown[0] == 4, "tag=WORD: the tagged task");
	snprintf(m.filter.tag, sizeof(m.filter.tag), "needs");
	tasks_model_apply(&m);
	tap_is_int((long)m.n_shown, 0, "tag= matches whole tags, not a part");
	m.filter.tag[0] = '\0';
	tap_is_int(tasks_outcome_next(TASK_NOT_ALL_PASSED), TASK_OUTCOME_ANY, "o cycles back to any");
	buf_free(&b);
}

static void
test_attempt_doc(void)
{
	struct attempt a;
	struct attempt_doc d;
	char why[64];

	attempt_init(&a);
	run_ident_set(&a.run, NULL, "mini_swe_sdk", "m", "", "");
	task_parse_generation("flask-openapi-sqlite", &a.task, why, sizeof(why));
	a.has_report = true;
	req(&a, "Login and Remember Token", "POST", "http://conduit:8080/api/users/login", 200, 0, 7);
	req(&a, "Create Article", "POST", "http://conduit:8080/api/articles", 500, 2, 13);
	req(&a, "Single Article by slug", "GET", "http://conduit:8080/api/articles/null", 404, 13, 13);
	req(&a, "All Tags", "GET", "http://conduit:8080/api/tags", 200, 0, 3);
	a.total = 36;
	a.passed = 21;
	a.failed = 15;
	a.verdict[VERIFIER_DB].applicable = true;
	a.verdict[VERIFIER_DB].ok = false;
	a.verdict[VERIFIER_DB].reason = xstrdup("Found sqlite evidence: import:sqlite3; Also found postgres evidence: import:psycopg2");
	struct evidence *e = attempt_add_evidence(&a, VERIFIER_DB);
	e->file = xstrdup("app/db.py");
	e->line = 42;
	e->label = xstrdup("import:psycopg2");
	e->detail = xstrdup("import psycopg2");
	a.category = xstrdup("logic_error");
	a.category_reasoning = xstrdup("the slug is never returned");
	attempt_finish(&a);

	tap_ok(!attempt_request_is_cascade(&a, 1), "Create Article itself is not a cascade");
	tap_ok(attempt_request_is_cascade(&a, 2), "a request to /articles/null is");
	tap_is_int(attempt_first_failure(&a), 1, "the first failure: Create Article, not its cascade");
	tap_is_int(attempt_request_occurrence(&a, 2), 1, "a request's occurrence among its name");
	tap_is_int(attempt_find_request(&a, "All Tags", 1), 3, "a request found by name");
	tap_is_int(attempt_find_request(&a, "All Tags", 2), -1, "and not a second one");
	attempt_doc_build(&a, &d);
	tap_ok(doc_has(&d, "FAILED: assertions failed", DOC_BAD), "the outcome heads the document");
	tap_ok(doc_has(&d, "Create Article failed: later {{slug}} requests cascade", DOC_WARN),
	       "the cascade is explained");
	tap_ok(doc_has(&d, "/api/articles/null", DOC_CASCADE), "and the cascaded request is marked");
	tap_ok(doc_has(&d, "Database      FAILED  Found sqlite evidence", DOC_BAD), "the verdict and reason");
	tap_ok(doc_has(&d, "import:psycopg2  app/db.py (patch line 42)", DOC_WARN), "the evidence behind it");
	tap_ok(doc_has(&d, "logic_error", DOC_WARN) && doc_has(&d, "the slug is never returned", DOC_TEXT),
	       "the judge's category and reasoning");
	tap_ok(!doc_has(&d, "All Tags", (enum doc_role)-1), "requests that passed are not listed");
	/* each failed request's line and its assertions' lines name the request */
	long on_create = -2, on_create_assertion = -2, on_outcome = -2;
	for (size_t i = 0; i < d.n; i++) {
		if (strstr(d.v[i].text, "/api/articles ") && d.v[i].role == DOC_REQUEST_FAIL)
			on_create = d.v[i].request, on_create_assertion = d.v[i + 1].request;
		if (strstr(d.v[i].text, "FAILED: assertions failed"))
			on_outcome = d.v[i].request;
	}
	tap_is_int(on_create, 1, "a failed request's line holds its index");
	tap_is_int(on_create_assertion, 1, "and so do its assertions' lines");
	tap_is_int(on_outcome, -1, "other lines hold none");
	attempt_doc_free(&d);

	/* a server that never answered: no cascade talk */
	for (size_t i = 0; i < a.n_requests; i++)
		a.requests[i].code = -1;
	attempt_doc_build(&a, &d);
	tap_ok(doc_has(&d, "the server never answered", DOC_BAD), "no response at all is said plainly");
	tap_ok(!doc_has(&d, "[cascade]", (enum doc_role)-1), "and nothing is called a cascade");
	tap_ok(attempt_server_down(&a), "the server was down");
	tap_is_int(attempt_first_failure(&a), 1, "down: the first request that failed");
	attempt_doc_free(&d);
	attempt_free(&a);
}

/* :sort names, with what can be typed for ΔA% and pass@1; and the order */
static void
test_sort(void)
{
	struct run_row rows[3] = {0};
	struct runs_model m = {.rows = rows, .n = 3};

	tap_is_int(runs_sort_parse("A%"), RUNS_SORT_A, "runs: A% by its name");
	tap_is_int(runs_sort_parse("delta"), RUNS_SORT_DELTA, "runs: delta for ΔA%");
	tap_is_int(runs_sort_parse("ΔA%"), RUNS_SORT_DELTA, "runs: ΔA% as shown");
	tap_is_int(runs_sort_parse("PASS1"), RUNS_SORT_P1, "runs: case-insensitive");
	tap_is_int(runs_sort_parse("colour"), -1, "runs: an unknown name");
	tap_is_int(tasks_sort_parse("raw"), TASKS_SORT_RAW, "tasks: raw for raw A%");
	tap_is_int(tasks_sort_parse("category"), TASKS_SORT_CATEGORY, "tasks: category");
	tap_is_int(tasks_sort_parse(""), -1, "tasks: nothing is no name");

	snprintf(rows[0].name, sizeof(rows[0].name), "b"), rows[0].delta = -0.30;
	snprintf(rows[1].name, sizeof(rows[1].name), "a"), rows[1].delta = -0.10;
	snprintf(rows[2].name, sizeof(rows[2].name), "c"), rows[2].delta = -0.10;
	runs_model_sort(&m, RUNS_SORT_DELTA, false);
	tap_is_str(rows[0].name, "a", "delta: the smallest drop first, ties by name");
	tap_is_str(rows[1].name, "c", "delta: the tie's second");
	tap_is_str(rows[2].name, "b", "delta: the largest drop last");
	runs_model_sort(&m, RUNS_SORT_DELTA, true);
	tap_is_str(rows[0].name, "b", "reversed: the largest drop first");
	runs_model_sort(&m, RUNS_SORT_NAME, false);
	tap_is_str(rows[0].name, "a", "by name");
}

/* termination=limits: the tasks with an attempt that hit its limits */
static void
test_termination_filter(void)
{
	struct task_filter f = {.level = -1};
	char why[160];
	struct buf b;

	tap_ok(tasks_filter_parse("termination=limits level=1", &f, why, sizeof(why)) && f.limits &&
	       f.level == 1, "termination=limits parses");
	buf_init(&b);
	tasks_filter_describe(&f, &b);
	tap_is_str(b.data, "level=1 termination=limits", "and is described");
	tap_ok(tasks_filter_parse("termination=any", &f, why, sizeof(why)) && !f.limits,
	       "termination=any drops it");
	tap_ok(!tasks_filter_parse("termination=submitted", &f, why, sizeof(why)), "other values fail");
	tap_is_str(why, "termination=submitted? limits", "explained, as every key's values are");
	buf_free(&b);
}

/* A request line too wide: the URL loses its middle, the rest stays. */
static void
test_doc_fit(void)
{
	struct doc_line l = {.role = DOC_REQUEST_FAIL, .indent = 2};
	struct buf b;
	const char *head = "#2  GET    ", *url = "/api/articles?author=johnjacob&tag=dragons&limit=20";

	l.text = xasprintf("%s%s  -> 500 Internal Server Error  3/3 failed", head, url);
	l.cut_at = strlen(head);
	l.cut_len = strlen(url);
	buf_init(&b);
	attempt_doc_fit(&l, 200, true, &b);
	tap_is_str(b.data, l.text, "a line that fits is left alone");
	attempt_doc_fit(&l, 78, true, &b);
	tap_is_str(b.data, "#2  GET    /api/article\u2026ons&limit=20  -> 500 Internal Server "
		   "Error  3/3 failed", "at 78 columns the URL is cut in the middle");
	tap_is_int(utf8_width(b.data, b.len), 78, "to exactly 78 columns");
	attempt_doc_fit(&l, 40, false, &b);
	tap_is_str(b.data, "#2  GET    /api~=20  -> 500 Internal Server Error  3/3 failed",
		   "narrower: the URL keeps 8 columns (ASCII: ~), the rest is the caller's to cut");
	buf_free(&b);
	free(l.text);
}

int
main(void)
{
	test_filter();
	test_termination_filter();
	test_outcomes();
	test_sort();
	test_attempt_doc();
	test_doc_fit();
	return tap_done();
}
