/* model_failures.c: the failure board: counting, sorting, columns and the
 * attempts behind a row. */
#include "config.h"

#include "benchtop/model_failures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/sort.h"

static const char *const by_names[FAIL_BY_COUNT][2] = {
	{"request", "request"}, {"assertion", "assertion"}, {"category", "category"},
	{"subcategory", "subcategory"}, {"first-failure", "first_failure"},
};

const char *
failures_by_name(enum failure_by by)
{
	return by < FAIL_BY_COUNT ? by_names[by][0] : "?";
}

const char *
failures_by_key(enum failure_by by)
{
	return by < FAIL_BY_COUNT ? by_names[by][1] : "?";
}

int
failures_by_parse(const char *s)
{
	for (int b = 0; b < FAIL_BY_COUNT; b++)
		if (strcmp(s, by_names[b][0]) == 0 || strcmp(s, by_names[b][1]) == 0)
			return b;
	return -1;
}

const char *
failures_sort_name(enum failures_sort s)
{
	static const char *const names[FAIL_SORT_COUNT] = {"attempts", "change", "tasks", "name"};
	return s < FAIL_SORT_COUNT ? names[s] : "?";
}

static unsigned
load_flags(enum failure_by by)
{
	if (by == FAIL_BY_ASSERTION)
		return FAILURE_LOAD_ASSERTIONS;
	if (by == FAIL_BY_CATEGORY || by == FAIL_BY_SUBCATEGORY)
		return FAILURE_LOAD_JUDGEMENTS;
	return 0;
}

/* ------------------------------------------------------------ loading */

struct pair {
	int64_t run_id, task_id;
};

static int
cmp_pair(const void *pa, const void *pb)
{
	const struct pair *a = pa, *b = pb;
	if (a->run_id != b->run_id)
		return a->run_id < b->run_id ? -1 : 1;
	return (a->task_id > b->task_id) - (a->task_id < b->task_id);
}

/* Note a task's framework and level, by id. */
static void
note_task(struct failures_model *m, const struct task_row *r)
{
	if (r->task_id >= m->n_task_ids) {
		int64_t n = r->task_id + 64;
		m->task_name = xreallocarray(m->task_name, (size_t)n, sizeof(*m->task_name));
		memset(m->task_name + m->n_task_ids, 0,
		       (size_t)(n - m->n_task_ids) * sizeof(*m->task_name));
		m->task_fw = xreallocarray(m->task_fw, (size_t)n, sizeof(*m->task_fw));
		m->task_level = xreallocarray(m->task_level, (size_t)n, sizeof(*m->task_level));
		memset(m->task_fw + m->n_task_ids, 0, (size_t)(n - m->n_task_ids) * sizeof(*m->task_fw));
		memset(m->task_level + m->n_task_ids, 0,
		       (size_t)(n - m->n_task_ids) * sizeof(*m->task_level));
		m->n_task_ids = n;
	}
	snprintf(m->task_name[r->task_id], sizeof(m->task_name[0]), "%s", r->name);
	snprintf(m->task_fw[r->task_id], sizeof(m->task_fw[0]), "%s", r->framework);
	m->task_level[r->task_id] = r->level;
}

/* One side: the selected tasks (through the task list's own filter) and
 * every attempt of the side's run(s). */
static int
load_side(struct failures_model *m, struct store *st, int side, struct bt_error *err)
{
	struct task_filter tf = m->filter;
	struct tasks_model tm;
	struct pair *pairs;
	int rc;

	tf.run_id = m->run[side];
	if ((rc = tasks_model_load(&tm, st, &tf, err)))
		return rc;
	pairs = xcalloc(tm.n_shown ? tm.n_shown : 1, sizeof(*pairs));
	for (size_t i = 0; i < tm.n_shown; i++) {
		const struct task_row *r = tm.all[tm.shown[i]].row;
		pairs[i] = (struct pair){r->run_id, r->task_id};
		note_task(m, r);
	}
	qsort(pairs, tm.n_shown, sizeof(*pairs), cmp_pair);
	rc = store_failure_attempts(st, m->run[side], m->filter.kind, m->loaded, &m->set[side], err);
	if (!rc) {
		m->selected[side] = xcalloc(m->set[side].n ? m->set[side].n : 1, sizeof(bool));
		for (size_t i = 0; i < m->set[side].n; i++) {
			struct pair key = {m->set[side].v[i].run_id, m->set[side].v[i].task_id};
			m->selected[side][i] = bsearch(&key, pairs, tm.n_shown, sizeof(*pairs),
						       cmp_pair) != NULL;
		}
	}
	free(pairs);
	tasks_model_free(&tm);
	return rc;
}

static void
free_data(struct failures_model *m)
{
	for (int s = 0; s < 2; s++) {
		failure_set_free(&m->set[s]);
		free(m->selected[s]);
		m->selected[s] = NULL;
	}
	name_ids_free(m->names, m->n_names);
	m->names = NULL;
	m->n_names = 0;
}

static void count(struct failures_model *m);

static int
load_data(struct failures_model *m, struct store *st, struct bt_error *err)
{
	int rc = BT_OK;

	free_data(m);
	for (int s = 0; s < m->sides && !rc; s++)
		rc = load_side(m, st, s, err);
	if (!rc && m->by == FAIL_BY_ASSERTION)
		rc = store_assertion_names(st, &m->names, &m->n_names, err);
	else if (!rc)
		rc = store_request_keys(st, &m->names, &m->n_names, err);
	if (!rc)
		count(m);
	return rc;
}

int
failures_model_load(struct failures_model *m, struct store *st, int64_t run_a, int64_t run_b,
		    const struct task_filter *f, enum failure_by by, struct bt_error *err)
{
	int rc;

	memset(m, 0, sizeof(*m));
	m->sides = run_b > 0 ? 2 : 1;
	m->run[0] = run_a;
	m->run[1] = run_b > 0 ? run_b : 0;
	m->filter = *f;
	m->by = by;
	m->loaded = load_flags(by);
	/* over two runs, what changed comes first */
	m->sort = m->sides == 2 ? FAIL_SORT_CHANGE : FAIL_SORT_ATTEMPTS;
	if ((rc = store_runs(st, &m->runs, &m->n_runs, err)))
		return rc;
	for (int s = 0; s < m->sides; s++)
		snprintf(m->run_name[s], sizeof(m->run_name[s]), "%s",
			 m->run[s] ? failures_run_name(m, m->run[s]) : "every run");
	if ((rc = load_data(m, st, err)))
		failures_model_free(m);
	return rc;
}

int
failures_model_set_by(struct failures_model *m, struct store *st, enum failure_by by,
		      struct bt_error *err)
{
	bool names_change = (by == FAIL_BY_ASSERTION) != (m->by == FAIL_BY_ASSERTION);

	m->by = by;
	if ((load_flags(by) & ~m->loaded) || names_change) {
		m->loaded |= load_flags(by);
		return load_data(m, st, err);
	}
	count(m);
	return BT_OK;
}

/* ------------------------------------------------------------ counting */

/* What counts of one attempt: up to n keys into ids (numeric keys) or one
 * label into *label. */
static size_t
attempt_keys(const struct failures_model *m, int side, const struct failure_attempt *a,
	     const int64_t **ids, const char **label)
{
	const struct failure_set *set = &m->set[side];

	*ids = NULL;
	*label = NULL;
	switch (m->by) {
	case FAIL_BY_REQUEST:
		*ids = set->ids + a->req;
		return a->n_req;
	case FAIL_BY_ASSERTION:
		*ids = set->ids + a->asr;
		return a->n_asr;
	case FAIL_BY_FIRST:
		/* a server that answered nothing failed before any request did */
		if (a->has_report && a->outcome == 'N' && a->n_req) {
			*label = FAILURES_NO_RESPONSE;
			return 1;
		}
		*ids = &a->first;
		return a->first != 0;
	case FAIL_BY_CATEGORY:
		if (a->succeeded)
			return 0;
		*label = a->category[0] ? a->category : FAILURES_NO_JUDGEMENT;
		return 1;
	case FAIL_BY_SUBCATEGORY:
		/* subcategories split the logic errors */
		if (a->succeeded || (strcmp(a->category, "logic_error") != 0 && !a->subcategory[0]))
			return 0;
		*label = a->subcategory[0] ? a->subcategory : FAILURES_NO_JUDGEMENT;
		return 1;
	default:
		return 0;
	}
}

/* Does the attempt enter the side's denominator? */
static bool
counted(const struct failures_model *m, const struct failure_attempt *a)
{
	switch (m->by) {
	case FAIL_BY_CATEGORY: return !a->succeeded;
	case FAIL_BY_SUBCATEGORY:
		return !a->succeeded && (strcmp(a->category, "logic_error") == 0 || a->subcategory[0]);
	default: return a->has_report;
	}
}

static const struct name_id *
name_of(const struct failures_model *m, int64_t id)
{
	size_t lo = 0, hi = m->n_names;

	/* the store gives them by id */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->names[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n_names && m->names[lo].id == id ? &m->names[lo] : NULL;
}

/* Per row, the last (run, task) counted on each side: tasks are counted once. */
struct last_task {
	struct pair p[2];
};

static size_t
row_for(struct failures_model *m, int64_t id, const char *label, size_t *cap,
	struct last_task **last, size_t *id_row, size_t n_id_row)
{
	struct failure_row *r;

	if (!label && id >= 0 && (size_t)id < n_id_row && id_row[id] != (size_t)-1)
		return id_row[id];
	if (label)
		for (size_t i = 0; i < m->n_rows; i++)
			if (strcmp(m->rows[i].key, label) == 0)
				return i;
	BT_GROW(m->rows, *cap, m->n_rows + 1);
	*last = xreallocarray(*last, *cap, sizeof(**last));
	memset(&(*last)[m->n_rows], 0, sizeof(**last));
	r = &m->rows[m->n_rows];
	memset(r, 0, sizeof(*r));
	if (label) {
		snprintf(r->key, sizeof(r->key), "%s", label);
		snprintf(r->name, sizeof(r->name), "%s", label);
		/* the taxonomy's own order, unlabelled last */
		int t = taxonomy_index(taxonomy_categories, TAXONOMY_N_CATEGORIES, label);
		if (t < 0)
			t = taxonomy_index(taxonomy_subcategories, TAXONOMY_N_SUBCATEGORIES, label);
		r->order = t >= 0 ? t : 1000;
	} else {
		const struct name_id *n = name_of(m, id);
		r->id = id;
		snprintf(r->name, sizeof(r->name), "%s", n ? n->name : "?");
		r->occurrence = n ? n->occurrence : 1;
		r->order = n ? n->position : 0;
		if (r->occurrence > 1)
			snprintf(r->key, sizeof(r->key), "%s (%d)", r->name, r->occurrence);
		else
			snprintf(r->key, sizeof(r->key), "%s", r->name);
		if (id >= 0 && (size_t)id < n_id_row)
			id_row[id] = m->n_rows;
	}
	return m->n_rows++;
}

static void
count(struct failures_model *m)
{
	size_t cap = 0, n_id_row = 0, *id_row;
	struct last_task *last = NULL;

	free(m->rows);
	m->rows = NULL;
	m->n_rows = 0;
	memset(m->attempts, 0, sizeof(m->attempts));
	memset(m->denom, 0, sizeof(m->denom));
	memset(m->fw_denom, 0, sizeof(m->fw_denom));
	memset(m->lv_denom, 0, sizeof(m->lv_denom));
	/* numeric keys straight to their row (ids are small: one per request of
	 * the collection, one per assertion name) */
	for (size_t i = 0; i < m->n_names; i++)
		if (m->names[i].id >= 0 && (size_t)m->names[i].id + 1 > n_id_row)
			n_id_row = (size_t)m->names[i].id + 1;
	if (n_id_row > (1u << 20))
		n_id_row = 1u << 20;
	id_row = xreallocarray(NULL, n_id_row ? n_id_row : 1, sizeof(*id_row));
	memset(id_row, 0xff, (n_id_row ? n_id_row : 1) * sizeof(*id_row));
	for (int s = 0; s < m->sides; s++) {
		for (size_t i = 0; i < m->set[s].n; i++) {
			const struct failure_attempt *a = &m->set[s].v[i];
			const int64_t *ids;
			const char *label;
			struct pair p = {a->run_id, a->task_id};
			int fw = -1, lv = -1;
			size_t n;

			if (!m->selected[s][i])
				continue;
			m->attempts[s]++;
			if (!counted(m, a))
				continue;
			m->denom[s]++;
			if (a->task_id < m->n_task_ids) {
				fw = task_framework_index(m->task_fw[a->task_id]);
				lv = m->task_level[a->task_id];
			}
			if (s == 0 && fw >= 0)
				m->fw_denom[fw]++;
			if (s == 0 && lv >= 0 && lv < 4)
				m->lv_denom[lv]++;
			n = attempt_keys(m, s, a, &ids, &label);
			for (size_t k = 0; k < n; k++) {
				size_t r = row_for(m, ids ? ids[k] : 0, label, &cap, &last, id_row,
						   n_id_row);
				struct failure_row *row = &m->rows[r];
				row->n[s]++;
				if (cmp_pair(&last[r].p[s], &p) != 0) {
					row->tasks[s]++;
					last[r].p[s] = p;
				}
				if (s == 0 && fw >= 0)
					row->fw[fw]++;
				if (s == 0 && lv >= 0 && lv < 4)
					row->lv[lv]++;
			}
		}
	}
	for (size_t r = 0; r < m->n_rows; r++) {
		struct failure_row *row = &m->rows[r];
		for (int s = 0; s < m->sides; s++)
			row->share[s] = m->denom[s] ? (double)row->n[s] / (double)m->denom[s] : 0;
		row->change = row->share[1] - row->share[0];
	}
	free(last);
	free(id_row);
	failures_model_sort(m);
}

static int
cmp_rows(const void *pa, const void *pb, const void *ctx)
{
	const struct failure_row *a = pa, *b = pb;
	const struct failures_model *m = ctx;
	int c = 0;

	switch (m->sort) {
	case FAIL_SORT_ATTEMPTS: {
		/* over two runs: B's count, the run being looked at */
		int s = m->sides - 1;
		c = (a->n[s] < b->n[s]) - (a->n[s] > b->n[s]);
		break;
	}
	case FAIL_SORT_CHANGE: c = (a->change < b->change) - (a->change > b->change); break;
	case FAIL_SORT_TASKS: c = (a->tasks[0] < b->tasks[0]) - (a->tasks[0] > b->tasks[0]); break;
	default: c = strcmp(a->key, b->key); break;
	}
	if (!c)
		c = (a->order > b->order) - (a->order < b->order);
	if (!c)
		c = strcmp(a->key, b->key);
	return m->reverse ? -c : c;
}

void
failures_model_sort(struct failures_model *m)
{
	bt_sort(m->rows, m->n_rows, sizeof(*m->rows), cmp_rows, m);
}

/* ------------------------------------------------------------ columns */

enum fail_col {
	FCOL_KEY, FCOL_ATTEMPTS, FCOL_SHARE, FCOL_TASKS, FCOL_FW_BAR, FCOL_LV_BAR,
	FCOL_A, FCOL_A_SHARE, FCOL_B, FCOL_B_SHARE, FCOL_CHANGE,
	FCOL_FW0, FCOL_LV0 = FCOL_FW0 + TASK_N_FRAMEWORKS, FCOL_END = FCOL_LV0 + 4
};

static void
add_col(struct failures_model *m, int id, struct ui_column c)
{
	if (m->ncols < FAILURES_MAX_COLUMNS) {
		m->col_id[m->ncols] = id;
		m->cols[m->ncols++] = c;
	}
}

void
failures_model_columns(struct failures_model *m, int width)
{
	static const char *const levels[4][2] = {{"L0", "l0"}, {"L1", "l1"}, {"L2", "l2"},
						  {"L3", "l3"}};
	/* per framework and level: numbers on a wide screen and in files,
	 * bars at 80 columns */
	bool numbers = width < 0 || width >= 140;

	m->ncols = 0;
	add_col(m, FCOL_KEY, (struct ui_column){.title = failures_by_name(m->by), .width = 20,
						.flex = true, .key = failures_by_key(m->by)});
	if (m->sides == 2) {
		add_col(m, FCOL_A, (struct ui_column){"A", 5, false, true, false, "a_attempts", 0});
		add_col(m, FCOL_A_SHARE, (struct ui_column){"A%", 5, false, true, false,
							    "a_share_pct", 0});
		add_col(m, FCOL_B, (struct ui_column){"B", 5, false, true, false, "b_attempts", 0});
		add_col(m, FCOL_B_SHARE, (struct ui_column){"B%", 5, false, true, false,
							    "b_share_pct", 0});
		add_col(m, FCOL_CHANGE, (struct ui_column){"ΔB-A", 6, false, true, false,
							   "change_pp", 0});
		return;
	}
	add_col(m, FCOL_ATTEMPTS, (struct ui_column){"Att", 5, false, true, false, "attempts", 0});
	add_col(m, FCOL_SHARE, (struct ui_column){"Share", 5, false, true, false, "share_pct", 0});
	add_col(m, FCOL_TASKS, (struct ui_column){"Tasks", 5, false, true, false, "tasks", 0});
	if (width >= 0 && !numbers) {
		add_col(m, FCOL_FW_BAR, (struct ui_column){"by fw", 8, false, false, false, NULL,
							   LIST_SCREEN_ONLY});
		add_col(m, FCOL_LV_BAR, (struct ui_column){"L0-3", 4, false, false, false, NULL,
							   LIST_SCREEN_ONLY});
	}
	for (int f = 0; f < TASK_N_FRAMEWORKS; f++)
		add_col(m, FCOL_FW0 + f, (struct ui_column){task_framework_display(task_frameworks[f]),
							    7, false, true, false, task_frameworks[f],
							    numbers ? 0u : LIST_HIDDEN});
	for (int l = 0; l < 4; l++)
		add_col(m, FCOL_LV0 + l, (struct ui_column){levels[l][0], 4, false, true, false,
							    levels[l][1], numbers ? 0u : LIST_HIDDEN});
}

/* One bar per group: the share of the group's attempts that failed it, as
 * a block of that height (a digit in ASCII); '.' when none did. */
static void
bars(const struct failures_model *m, const long *n, const long *denom, int k, char *out,
     size_t outlen)
{
	static const char *const blocks[8] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < k && len + 4 < outlen; i++) {
		double f = denom[i] ? (double)n[i] / (double)denom[i] : 0;
		int level = (int)(f * (m->ascii ? 10 : 8) + 0.999999);
		const char *g;
		char digit[2] = {0, 0};
		if (!denom[i])
			g = " ";
		else if (!n[i])
			g = m->ascii ? "." : "·";
		else if (m->ascii)
			g = (digit[0] = level >= 10 ? '#' : (char)('0' + level), digit);
		else
			g = blocks[level > 8 ? 7 : level - 1];
		len += (size_t)snprintf(out + len, outlen - len, "%s", g);
	}
}

void
failures_model_cell(struct app *app, void *ctx, size_t row, size_t col, struct ui_cell *c)
{
	const struct failures_model *m = ctx;
	const struct failure_row *r = &m->rows[row];
	int id = m->col_id[col];
	(void)app;

	switch (id) {
	case FCOL_KEY:
		snprintf(c->text, sizeof(c->text), "%s", r->key);
		if (strcmp(r->key, FAILURES_NO_JUDGEMENT) == 0)
			c->color = COL_DIM;
		break;
	case FCOL_ATTEMPTS:
	case FCOL_A:
		snprintf(c->text, sizeof(c->text), "%ld", r->n[0]);
		break;
	case FCOL_B:
		snprintf(c->text, sizeof(c->text), "%ld", r->n[1]);
		break;
	case FCOL_SHARE:
	case FCOL_A_SHARE:
	case FCOL_B_SHARE:
		snprintf(c->text, sizeof(c->text), "%.1f", r->share[id == FCOL_B_SHARE] * 100);
		c->color = r->share[id == FCOL_B_SHARE] >= 0.5 ? COL_BAD : COL_TEXT;
		break;
	case FCOL_CHANGE:
		snprintf(c->text, sizeof(c->text), "%+.1f", r->change * 100);
		/* more attempts of B fail it: B broke it */
		c->color = r->change > 0.005 ? COL_BAD : r->change < -0.005 ? COL_GOOD : COL_DIM;
		break;
	case FCOL_TASKS:
		snprintf(c->text, sizeof(c->text), "%ld", r->tasks[0]);
		break;
	case FCOL_FW_BAR:
		bars(m, r->fw, m->fw_denom, TASK_N_FRAMEWORKS, c->text, sizeof(c->text));
		break;
	case FCOL_LV_BAR:
		bars(m, r->lv, m->lv_denom, 4, c->text, sizeof(c->text));
		break;
	default:
		if (id >= FCOL_FW0 && id < FCOL_LV0)
			snprintf(c->text, sizeof(c->text), "%ld", r->fw[id - FCOL_FW0]);
		else if (id >= FCOL_LV0 && id < FCOL_END)
			snprintf(c->text, sizeof(c->text), "%ld", r->lv[id - FCOL_LV0]);
		break;
	}
}

void
failures_model_table(struct failures_model *m, struct list_table *t)
{
	*t = (struct list_table){.title = "Failures", .cols = m->cols, .ncols = m->ncols,
				 .nrows = m->n_rows, .cell = failures_model_cell, .ctx = m};
}

/* ------------------------------------------------------------ behind a row */

bool
failures_attempt_has(const struct failures_model *m, const struct failure_attempt *a,
		     const struct failure_row *row)
{
	int side = a >= m->set[0].v && a < m->set[0].v + m->set[0].n ? 0 : 1;
	const int64_t *ids;
	const char *label;
	size_t n = attempt_keys(m, side, a, &ids, &label);

	for (size_t k = 0; k < n; k++)
		if (label ? strcmp(label, row->key) == 0 : ids[k] == row->id)
			return true;
	return false;
}

size_t
failures_model_behind(const struct failures_model *m, size_t r, struct failure_ref **out)
{
	size_t n = 0, cap = 0;

	*out = NULL;
	if (r >= m->n_rows)
		return 0;
	for (int s = 0; s < m->sides; s++)
		for (size_t i = 0; i < m->set[s].n; i++)
			if (m->selected[s][i] && failures_attempt_has(m, &m->set[s].v[i], &m->rows[r])) {
				BT_GROW(*out, cap, n + 1);
				(*out)[n++] = (struct failure_ref){s, i};
			}
	return n;
}

void
failures_model_target(const struct failures_model *m, struct failure_ref ref, int64_t *run_id,
		      int64_t *task_id, int *index)
{
	const struct failure_attempt *v = m->set[ref.side].v, *a = &v[ref.i];
	size_t i = ref.i;

	*run_id = a->run_id;
	*task_id = a->task_id;
	/* the set holds every attempt of a task, in number order */
	while (i > 0 && v[i - 1].run_id == a->run_id && v[i - 1].task_id == a->task_id)
		i--;
	*index = (int)(ref.i - i);
}

const char *
failures_task_name(const struct failures_model *m, int64_t task_id)
{
	return task_id >= 0 && task_id < m->n_task_ids && m->task_name[task_id][0]
		       ? m->task_name[task_id] : "?";
}

const char *
failures_run_name(const struct failures_model *m, int64_t run_id)
{
	for (size_t i = 0; i < m->n_runs; i++)
		if (m->runs[i].id == run_id)
			return m->runs[i].name;
	return "?";
}

void
failures_model_free(struct failures_model *m)
{
	free_data(m);
	store_runs_free(m->runs, m->n_runs);
	free(m->task_name);
	free(m->rows);
	free(m->task_fw);
	free(m->task_level);
	memset(m, 0, sizeof(*m));
}
