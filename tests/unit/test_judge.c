/* The failure-taxonomy judge CSVs (judge.c), against upstream-format.md 6.3. */
#include "config.h"

#include "benchtop/parse.h"
#include "parse_test.h"

#define COARSE_HEADER "agent,model,runtime,task,run_id,category,reasoning\r\n"
#define LOGIC_HEADER "agent,model,runtime,task,run_id,subcategory,reasoning\r\n"

static int
parse(const char *s, size_t n, struct judge_file *f, struct bt_error *err)
{
	char *data = pt_exact(s, n);
	int rc = judge_parse(data, n, "f.csv", f, err);
	free(data);
	return rc;
}

static bool
sniff(const char *s, size_t n)
{
	char *data = pt_exact(s, n);
	bool ok = judge_sniff(data, n);
	free(data);
	return ok;
}

static void
test_good(void)
{
	static const char coarse[] =
		COARSE_HEADER
		"mini_swe_sdk,gpt-5.4,uv,flask-openapi-sqlite,run_0,logic_error,"
		"\"Plain, with \"\"quotes\"\" and the handler\xe2\x80\x99s apostrophe\"\r\n"
		"\r\n"
		"mini_swe_sdk,gpt-5.4,node,koa-openapi-unconstrained,run_12,other,\r\n"
		"mini_swe_sdk,gpt-5.4,node,hono-openapi-postgres,run_2,premature_termination,"
		"\"two\nlines\"\r\n"
		"mini_swe_sdk,gpt-5.4,uv,django-openapi-sqlite,run_1,stuck_in_loop,last";
	static const char logic[] =
		LOGIC_HEADER
		"mini_swe_sdk,qwen3-coder-next,uv,fastapi-openapi-postgres,run_1,"
		"database_runtime_error,Sessions misused.\r\n";
	struct judge_file f;
	struct bt_error err;

	tap_is_int(parse(coarse, sizeof(coarse) - 1, &f, &err), BT_OK, "coarse file parses");
	tap_is_int(f.kind, JUDGE_COARSE, "told apart by the header: coarse");
	tap_is_int(f.n, 4, "four rows (blank line skipped)");
	if (f.n == 4) {
		tap_is_str(f.rows[0].agent, "mini_swe_sdk", "agent");
		tap_is_str(f.rows[0].model, "gpt-5.4", "model");
		tap_is_str(f.rows[0].runtime, "uv", "runtime");
		tap_is_str(f.rows[0].task, "flask-openapi-sqlite", "task");
		tap_is_str(f.rows[0].run_id, "run_0", "run_id as written");
		tap_is_int(f.rows[0].number, 0, "run number 0");
		tap_is_str(f.rows[0].label, "logic_error", "category");
		tap_is_str(f.rows[0].reasoning,
			   "Plain, with \"quotes\" and the handler\xe2\x80\x99s apostrophe",
			   "quoted reasoning with commas, quotes and UTF-8");
		tap_is_int(f.rows[0].line, 2, "line of row 1");
		tap_is_int(f.rows[1].number, 12, "run_12 is 12");
		tap_is_str(f.rows[1].reasoning, "", "empty reasoning is allowed");
		tap_is_int(f.rows[1].line, 4, "blank line counted in line numbers");
		tap_is_str(f.rows[2].reasoning, "two\nlines", "embedded newline");
		tap_is_int(f.rows[3].line, 7, "line after a two-line row");
		tap_is_str(f.rows[3].reasoning, "last", "no final newline");
	}
	judge_file_free(&f);
	tap_is_int(f.n, 0, "judge_file_free empties");

	tap_is_int(parse(logic, sizeof(logic) - 1, &f, &err), BT_OK, "logic file parses");
	tap_is_int(f.kind, JUDGE_LOGIC, "logic kind");
	tap_is_str(f.n ? f.rows[0].label : NULL, "database_runtime_error", "subcategory");
	judge_file_free(&f);

	tap_is_int(parse(COARSE_HEADER, sizeof(COARSE_HEADER) - 1, &f, &err), BT_OK,
		   "a header alone is an empty file of rows");
	tap_is_int(f.n, 0, "no rows");
	judge_file_free(&f);

	tap_ok(sniff(COARSE_HEADER, sizeof(COARSE_HEADER) - 1), "sniff: coarse header");
	tap_ok(sniff(LOGIC_HEADER "x", sizeof(LOGIC_HEADER)), "sniff: logic header");
	tap_ok(sniff("\xEF\xBB\xBF" COARSE_HEADER, sizeof(COARSE_HEADER) + 2), "sniff: with BOM");
	tap_ok(!sniff("iteration,collectionName,requestName\n", 37), "sniff: Newman is not judge");
	tap_ok(!sniff("agent,model,runtime,task,run_id,verdict,reasoning\n", 50),
	       "sniff: unknown label column");
	tap_ok(!sniff("", 0), "sniff: empty");
	tap_ok(!sniff("agent,model", 11), "sniff: a prefix of the header");
}

/* Parse COARSE_HEADER + row; expect BT_EINPUT and `want` in the message. */
static void
bad_row(const char *row, const char *want, const char *name)
{
	struct judge_file f;
	struct bt_error err;
	struct buf b;
	int rc;

	buf_init(&b);
	buf_printf(&b, COARSE_HEADER "mini_swe_sdk,m,uv,flask-openapi-sqlite,run_0,other,fine\r\n%s", row);
	rc = parse(b.data, b.len, &f, &err);
	tap_is_int(rc, BT_EINPUT, name);
	if (!tap_ok(rc == BT_EINPUT && strstr(err.msg, want) != NULL, "  message has '%s'", want))
		tap_diag("  message: %s", err.msg);
	tap_ok(f.n == 0 && f.rows == NULL, "  nothing kept");
	buf_free(&b);
}

static void
test_bad(void)
{
	struct judge_file f;
	struct bt_error err;
	static const char nul[] = COARSE_HEADER "a,b,uv,flask-openapi-sqlite,run_0,other,x\0y\r\n";

	bad_row("a,m,uv,flask-openapi-sqlite,run_0,syntax_error,x",
		"f.csv:3:category: expected one of logic_error, server_startup_failure",
		"unknown category");
	bad_row("a,m,uv,flask-openapi-sqlite,run_0,incorrect_query_logic,x", "f.csv:3:category: expected one of",
		"a logic label in a coarse file");
	bad_row("a,m,uv,flask-openapi-sqlite,run_x,other,x",
		"f.csv:3:run_id: expected run_N (N a non-negative integer), got 'run_x'",
		"run_id not a number");
	bad_row("a,m,uv,flask-openapi-sqlite,run_-1,other,x", "f.csv:3:run_id", "negative run number");
	bad_row("a,m,uv,flask-openapi-sqlite,run_01,other,x", "f.csv:3:run_id", "leading zero");
	bad_row("a,m,uv,flask-openapi-sqlite,3,other,x", "got '3'", "bare number");
	bad_row("a,m,uv,flask-openapi-sqlite,run_99999999999,other,x", "f.csv:3:run_id", "run number overflow");
	bad_row(",m,uv,flask-openapi-sqlite,run_0,other,x", "f.csv:3:agent: expected a non-empty value", "empty agent");
	bad_row("a,m,uv,,run_0,other,x", "f.csv:3:task:", "empty task");
	bad_row("a,m,uv,flask-openapi-sqlite,run_0,other", "f.csv:3: expected 7 fields, got 6", "six fields");
	bad_row("a,m,uv,flask-openapi-sqlite,run_0,other,x,y", "f.csv:3: expected 7 fields, got 8", "eight fields");
	bad_row("a,m,uv,flask-openapi-sqlite,run_0,other,\"bad \xc3\x28 byte\"", "f.csv:3:reasoning: expected UTF-8",
		"invalid UTF-8");
	bad_row("a,\xff,uv,flask-openapi-sqlite,run_0,other,x", "f.csv:3:model: expected UTF-8", "invalid UTF-8 model");
	bad_row("a,m,uv,flask-openapi-sqlite,run_0,other,\"never closed", "f.csv: line 3: quoted field not closed",
		"truncated inside quotes");
	bad_row("\r\n\r\na,m,uv,flask-openapi-sqlite,run_0,nope,x", "f.csv:5:category", "line counts blank lines");
	/* the task must exist where the row puts it (issue 12, item 6) */
	bad_row("a,m,python,flask-openapi-sqlite,run_0,other,x",
		"f.csv:3:runtime: unknown feature-task framework folder 'python'", "unknown runtime");
	bad_row("a,m,uv,flask-openapi-mongodb,run_0,other,x",
		"f.csv:3:task: unknown constraint 'mongodb'", "unknown constraint");
	bad_row("a,m,uv,flask-openapi-postgres-sqlite,run_0,other,x",
		"f.csv:3:task: task name 'flask-openapi-postgres-sqlite' asks for both postgres and sqlite",
		"postgres and sqlite");
	bad_row("a,m,node,flask-openapi-sqlite,run_0,other,x",
		"f.csv:3:runtime: flask-openapi-sqlite is a uv task, not node", "the wrong runtime");
	bad_row("mini_swe_sdk,m,uv,flask-openapi-sqlite,run_0,logic_error,fine",
		"f.csv:3: judges mini_swe_sdk/m flask-openapi-sqlite run_0 again, differently from "
		"line 2 (category 'other', then 'logic_error')", "a conflicting duplicate row");
	bad_row("mini_swe_sdk,m,uv,flask-openapi-sqlite,run_0,other,not so fine",
		"f.csv:3: judges mini_swe_sdk/m flask-openapi-sqlite run_0 again, with other "
		"reasoning than line 2", "a duplicate with other reasoning");
	{
		static const char twice[] = COARSE_HEADER
			"a,m,uv,flask-openapi-sqlite,run_0,other,x\r\n"
			"a,m,uv,flask-openapi-sqlite,run_0,other,x\r\n";
		tap_is_int(parse(twice, sizeof(twice) - 1, &f, &err), BT_OK,
			   "the same row twice is no conflict");
		judge_file_free(&f);
	}

	tap_is_int(parse(nul, sizeof(nul) - 1, &f, &err), BT_EINPUT, "NUL byte");
	tap_ok(strstr(err.msg, "NUL") != NULL, "  says NUL (%s)", err.msg);
	tap_is_int(parse("", 0, &f, &err), BT_EINPUT, "empty file");
	tap_ok(strstr(err.msg, "empty file") != NULL, "  says empty (%s)", err.msg);
	tap_is_int(parse("a,b,c\r\n1,2,3\r\n", 14, &f, &err), BT_EINPUT, "wrong header");
	tap_ok(strstr(err.msg, "f.csv:1: not a judge CSV") != NULL, "  says so (%s)", err.msg);
	tap_is_int(parse("agent,model,runtime,task,run_id,category", 40, &f, &err), BT_EINPUT,
		   "truncated header");
}

static void
test_big(void)
{
	size_t n = 10u * 1024 * 1024;
	struct buf b;
	struct judge_file f;
	struct bt_error err;
	char *line = xmalloc(n + 1);

	memset(line, 'r', n);
	line[n] = '\0';
	buf_init(&b);
	buf_printf(&b, COARSE_HEADER "a,m,uv,flask-openapi-sqlite,run_3,logic_error,%s", line);
	tap_is_int(parse(b.data, b.len, &f, &err), BT_OK, "10 MB reasoning on one line parses");
	tap_is_int(f.n == 1 ? strlen(f.rows[0].reasoning) : 0, n, "kept whole");
	judge_file_free(&f);
	/* 10 MB without any newline is not a header */
	tap_ok(!sniff(line, n), "sniff of 10 MB without a newline is false");
	tap_is_int(parse(line, n, &f, &err), BT_EINPUT, "and it is not a judge CSV");
	free(line);
	buf_free(&b);
}

struct real_file {
	const char *name;
	enum judge_kind kind;
	size_t rows;
	const char *model;
	/* label counts, in the order of the enum lists below */
	int counts[8];
};

static const char *const coarse_labels[8] = {
	"logic_error", "server_startup_failure", "incomplete_implementation",
	"schema_format_error", "stuck_in_loop", "constraint_violation", "premature_termination",
	"other",
};
static const char *const logic_labels[6] = {
	"incorrect_query_logic", "database_runtime_error", "auth_misconfiguration",
	"framework_idiosyncrasy", "business_logic_defect", "state_propagation_failure",
};

static void
test_real(void)
{
	/* spec 6.3; the logic counts are those of the files (Table 4 percentages
	 * x totals) */
	static const struct real_file files[] = {
		{"failure_analysis_qwen3-coder-next.csv", JUDGE_COARSE, 194, "qwen3-coder-next",
		 {137, 24, 18, 7, 6, 2, 0, 0}},
		{"failure_analysis_gpt-5-mini.csv", JUDGE_COARSE, 200, "gpt-5-mini",
		 {63, 101, 25, 5, 0, 2, 4, 0}},
		{"failure_analysis_minimax-m2.5.csv", JUDGE_COARSE, 145, "minimax-m2.5",
		 {111, 24, 4, 4, 0, 2, 0, 0}},
		{"failure_analysis_gpt-5.4.csv", JUDGE_COARSE, 103, "gpt-5.4",
		 {64, 32, 0, 6, 0, 0, 1, 0}},
		{"logic_subcategories.csv", JUDGE_LOGIC, 193, NULL, {44, 39, 37, 38, 19, 16}},
		{"logic_subcategories_gpt-5-mini.csv", JUDGE_LOGIC, 63, "gpt-5-mini",
		 {10, 13, 10, 16, 12, 2}},
		{"logic_subcategories_minimax-m2.5.csv", JUDGE_LOGIC, 111, "minimax-m2.5",
		 {33, 22, 8, 27, 11, 10}},
		{"logic_subcategories_gpt-5.4.csv", JUDGE_LOGIC, 64, "gpt-5.4",
		 {32, 7, 1, 14, 8, 2}},
	};

	for (size_t k = 0; k < sizeof(files) / sizeof(*files); k++) {
		const struct real_file *rf = &files[k];
		char rel[128], name[160];
		size_t len;
		char *data;
		struct judge_file f;
		struct bt_error err;
		int counts[8] = {0}, qwen = 0, minimax = 0, qwen_counts[6] = {0};
		bool model_ok = true, agent_ok = true, counts_ok = true;
		int nl = rf->kind == JUDGE_COARSE ? 8 : 6;

		snprintf(rel, sizeof(rel), "upstream/data/%s", rf->name);
		data = pt_shared(rel, &len);
		if (!data) {
			tap_skip("shared %s not available (set BENCHTOP_SHARED)", rf->name);
			continue;
		}
		tap_ok(judge_sniff(data, len), "%s: sniffed as a judge CSV", rf->name);
		snprintf(name, sizeof(name), "%s: parses", rf->name);
		tap_is_int(judge_parse(data, len, rf->name, &f, &err), BT_OK, name);
		if (f.n == 0)
			tap_diag("%s", err.msg);
		free(data);
		snprintf(name, sizeof(name), "%s: kind", rf->name);
		tap_is_int(f.kind, rf->kind, name);
		snprintf(name, sizeof(name), "%s: %zu rows", rf->name, rf->rows);
		tap_is_int(f.n, rf->rows, name);
		for (size_t i = 0; i < f.n; i++) {
			const struct judge_row *r = &f.rows[i];
			for (int j = 0; j < nl; j++)
				if (strcmp(r->label, rf->kind == JUDGE_COARSE ? coarse_labels[j]
									      : logic_labels[j]) == 0)
					counts[j]++;
			if (rf->model && strcmp(r->model, rf->model) != 0)
				model_ok = false;
			qwen += str_eq(r->model, "qwen3-coder-next");
			for (int j = 0; j < 6 && str_eq(r->model, "qwen3-coder-next"); j++)
				qwen_counts[j] += str_eq(r->label, logic_labels[j]);
			minimax += str_eq(r->model, "minimax-m2.5");
			if (strcmp(r->agent, "mini_swe_sdk") != 0 ||
			    (strcmp(r->runtime, "uv") != 0 && strcmp(r->runtime, "node") != 0))
				agent_ok = false;
		}
		for (int j = 0; j < nl; j++)
			if (counts[j] != rf->counts[j]) {
				counts_ok = false;
				tap_diag("%s: %s = %d, want %d", rf->name,
					 rf->kind == JUDGE_COARSE ? coarse_labels[j] : logic_labels[j],
					 counts[j], rf->counts[j]);
			}
		tap_ok(counts_ok, "%s: label counts as in spec 6.3", rf->name);
		if (rf->model)
			tap_ok(model_ok, "%s: every row is %s", rf->name, rf->model);
		else {
			/* Table 4, Qwen3-Coder column: 25.5 21.2 22.6 9.5 11.7 9.5 % of 137 */
			static const int want_qwen[6] = {35, 29, 31, 13, 16, 13};
			tap_ok(qwen == 137 && minimax == 56,
			       "%s: 137 qwen3-coder-next + 56 superseded minimax-m2.5 rows", rf->name);
			tap_ok(memcmp(qwen_counts, want_qwen, sizeof(want_qwen)) == 0,
			       "%s: qwen3-coder-next subcategories give Table 4's percentages",
			       rf->name);
		}
		tap_ok(agent_ok, "%s: mini_swe_sdk, runtime uv/node", rf->name);
		judge_file_free(&f);
	}
}

int
main(void)
{
	test_good();
	test_bad();
	test_big();
	test_real();
	return tap_done();
}
