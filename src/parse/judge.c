/* judge.c: the failure-taxonomy CSVs written by upstream's LLM-as-judge
 * scripts (upstream-format.md 6.3): failure_analysis_*.csv (coarse) and
 * logic_subcategories*.csv (logic).  Python-csv quoting, CRLF, UTF-8.
 * Every field is validated; the first bad one fails the whole file with
 * file:line:field and what was expected.
 */
#include "config.h"

#include "benchtop/parse.h"
#include "benchtop/task.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/parse_util.h"

#define JUDGE_COLUMNS 7

/* Column 5 is "category" (coarse) or "subcategory" (logic). */
static const char *const judge_columns[JUDGE_COLUMNS] = {
	"agent", "model", "runtime", "task", "run_id", NULL, "reasoning",
};

static const char *
label_column(enum judge_kind kind)
{
	return kind == JUDGE_COARSE ? "category" : "subcategory";
}

/* The kind a header row announces, or -1. */
static int
header_kind(const struct csv_row *row)
{
	if (row->fields.n != JUDGE_COLUMNS)
		return -1;
	for (int i = 0; i < JUDGE_COLUMNS; i++)
		if (judge_columns[i] && strcmp(row->fields.v[i], judge_columns[i]) != 0)
			return -1;
	if (strcmp(row->fields.v[5], "category") == 0)
		return JUDGE_COARSE;
	if (strcmp(row->fields.v[5], "subcategory") == 0)
		return JUDGE_LOGIC;
	return -1;
}

static size_t
skip_bom(const char *data, size_t len)
{
	return len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

bool
judge_sniff(const char *data, size_t len)
{
	size_t off = skip_bom(data, len), n;
	const char *nl;
	struct csv_reader r;
	struct csv_row row = {0};
	bool ok;

	/* the header is one short unquoted line; look no further than that */
	n = len - off < 512 ? len - off : 512;
	nl = memchr(data + off, '\n', n);
	if (nl)
		n = (size_t)(nl - (data + off));
	csv_reader_init(&r, data + off, n);
	ok = csv_next(&r, &row, NULL) == 1 && header_kind(&row) >= 0;
	csv_row_free(&row);
	return ok;
}

/* "run_N": N without sign or leading zeros (upstream writes run_0, run_12). */
static int
run_number(const char *s)
{
	long v = 0;

	if (strncmp(s, "run_", 4) != 0)
		return -1;
	s += 4;
	if (!*s || (s[0] == '0' && s[1]))
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > INT_MAX)
			return -1;
	}
	return (int)v;
}

static void
row_free(struct judge_row *r)
{
	free(r->agent);
	free(r->model);
	free(r->runtime);
	free(r->task);
	free(r->run_id);
	free(r->label);
	free(r->reasoning);
}

void
judge_file_free(struct judge_file *f)
{
	for (size_t i = 0; i < f->n; i++)
		row_free(&f->rows[i]);
	free(f->rows);
	f->rows = NULL;
	f->n = f->cap = 0;
}

/* Validate one data row; on error fill err with name:line:field. */
static int
check_row(const struct csv_row *row, enum judge_kind kind, const char *name, struct bt_error *err)
{
	char ex[64];

	if (row->fields.n != JUDGE_COLUMNS)
		return bt_errorf(err, BT_EINPUT, "%s:%ld: expected %d fields, got %zu", name,
				 row->line, JUDGE_COLUMNS, row->fields.n);
	for (int i = 0; i < JUDGE_COLUMNS; i++) {
		const char *col = judge_columns[i] ? judge_columns[i] : label_column(kind);
		const char *v = row->fields.v[i];
		size_t bad;

		if (!parse_utf8_valid(v, strlen(v), &bad))
			return bt_errorf(err, BT_EINPUT,
					 "%s:%ld:%s: expected UTF-8 text, invalid byte at offset %zu",
					 name, row->line, col, bad);
		if (i < 4 && !*v)
			return bt_errorf(err, BT_EINPUT, "%s:%ld:%s: expected a non-empty value",
					 name, row->line, col);
	}
	if (run_number(row->fields.v[4]) < 0) {
		parse_excerpt(row->fields.v[4], ex, sizeof(ex));
		return bt_errorf(err, BT_EINPUT,
				 "%s:%ld:run_id: expected run_N (N a non-negative integer), got '%s'",
				 name, row->line, ex);
	}
	const struct taxonomy_label *labels =
		kind == JUDGE_COARSE ? taxonomy_categories : taxonomy_subcategories;
	size_t n_labels = kind == JUDGE_COARSE ? TAXONOMY_N_CATEGORIES : TAXONOMY_N_SUBCATEGORIES;
	if (taxonomy_index(labels, n_labels, row->fields.v[5]) < 0) {
		char keys[512];
		taxonomy_keys(labels, n_labels, keys, sizeof(keys));
		parse_excerpt(row->fields.v[5], ex, sizeof(ex));
		return bt_errorf(err, BT_EINPUT, "%s:%ld:%s: expected one of %s, got '%s'", name,
				 row->line, label_column(kind), keys, ex);
	}
	/* the task must be one the benchmark has, where the row says it is */
	const char *runtime = row->fields.v[2], *task = row->fields.v[3];
	struct task_info ti;
	char why[160];
	bool generation = strcmp(runtime, "uv") == 0 || strcmp(runtime, "node") == 0;
	if (generation ? !task_parse_generation(task, &ti, why, sizeof(why))
		       : !task_parse_feature(runtime, task, &ti, why, sizeof(why)))
		return bt_errorf(err, BT_EINPUT, "%s:%ld:%s: %s", name, row->line,
				 generation ? "task" : "runtime", why);
	if (generation && strcmp(ti.runtime, runtime) != 0)
		return bt_errorf(err, BT_EINPUT, "%s:%ld:runtime: %s is a %s task, not %s", name,
				 row->line, task, ti.runtime, runtime);
	return BT_OK;
}

static void
add_row(struct judge_file *out, struct csv_row *row)
{
	struct judge_row *r;
	char **v = row->fields.v;

	BT_GROW(out->rows, out->cap, out->n + 1);
	r = &out->rows[out->n++];
	/* take the strings over from the reader's row */
	r->agent = v[0];
	r->model = v[1];
	r->runtime = v[2];
	r->task = v[3];
	r->run_id = v[4];
	r->label = v[5];
	r->reasoning = v[6];
	r->number = run_number(r->run_id);
	r->line = row->line;
	row->fields.n = 0;
}

static int
row_key_cmp(const void *a, const void *b)
{
	const struct judge_row *x = *(const struct judge_row *const *)a;
	const struct judge_row *y = *(const struct judge_row *const *)b;
	int c;

	if ((c = strcmp(x->agent, y->agent)) || (c = strcmp(x->model, y->model)) ||
	    (c = strcmp(x->runtime, y->runtime)) || (c = strcmp(x->task, y->task)))
		return c;
	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Two rows judging one attempt differently: which one counts would depend
 * on the order of the rows, so the file is refused.  Copies are fine. */
static int
check_duplicates(const struct judge_file *f, enum judge_kind kind, const char *name,
		 struct bt_error *err)
{
	const struct judge_row **by_key = xcalloc(f->n ? f->n : 1, sizeof(*by_key));
	int rc = BT_OK;

	for (size_t i = 0; i < f->n; i++)
		by_key[i] = &f->rows[i];
	qsort(by_key, f->n, sizeof(*by_key), row_key_cmp);
	for (size_t i = 1; i < f->n && !rc; i++) {
		const struct judge_row *a = by_key[i - 1], *b = by_key[i];
		if (strcmp(a->agent, b->agent) || strcmp(a->model, b->model) ||
		    strcmp(a->runtime, b->runtime) || strcmp(a->task, b->task) ||
		    a->number != b->number)
			continue;
		if (strcmp(a->label, b->label))
			rc = bt_errorf(err, BT_EINPUT, "%s:%ld: judges %s/%s %s %s again, "
				       "differently from line %ld (%s '%s', then '%s')", name, b->line,
				       a->agent, a->model, a->task, a->run_id, a->line,
				       label_column(kind), a->label, b->label);
		else if (strcmp(a->reasoning, b->reasoning))
			rc = bt_errorf(err, BT_EINPUT, "%s:%ld: judges %s/%s %s %s again, with "
				       "other reasoning than line %ld", name, b->line, a->agent,
				       a->model, a->task, a->run_id, a->line);
	}
	free(by_key);
	return rc;
}

int
judge_parse(const char *data, size_t len, const char *name, struct judge_file *out,
	    struct bt_error *err)
{
	size_t off = skip_bom(data, len);
	struct csv_reader r;
	struct csv_row row = {0};
	struct bt_error cerr;
	int rc, kind;

	memset(out, 0, sizeof(*out));
	csv_reader_init(&r, data + off, len - off);
	rc = csv_next(&r, &row, &cerr);
	if (rc == 0) {
		csv_row_free(&row);
		return bt_errorf(err, BT_EINPUT, "%s: empty file, expected a judge CSV header", name);
	}
	kind = rc == 1 ? header_kind(&row) : -1;
	if (kind < 0) {
		csv_row_free(&row);
		return bt_errorf(err, BT_EINPUT,
				 "%s:1: not a judge CSV: expected the header "
				 "'agent,model,runtime,task,run_id,category,reasoning' or "
				 "'...,subcategory,reasoning'",
				 name);
	}
	out->kind = (enum judge_kind)kind;
	while ((rc = csv_next(&r, &row, &cerr)) != 0) {
		if (rc < 0) {
			rc = bt_errorf(err, BT_EINPUT, "%s: %s", name, cerr.msg);
			goto fail;
		}
		/* csv.DictReader skips blank lines */
		if (row.fields.n == 1 && !row.quoted[0] && !row.fields.v[0][0])
			continue;
		rc = check_row(&row, out->kind, name, err);
		if (rc != BT_OK)
			goto fail;
		add_row(out, &row);
	}
	csv_row_free(&row);
	if ((rc = check_duplicates(out, out->kind, name, err)))
		judge_file_free(out);
	return rc;
fail:
	csv_row_free(&row);
	judge_file_free(out);
	return rc;
}
