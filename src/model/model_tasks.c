/* model_tasks.c: the task list: filtering, sorting, attempt strips. */
#include "config.h"

#include "benchtop/model_tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "benchtop/sanitize.h"
#include "benchtop/sort.h"

/* The values of outcome= and has= (also as bare words).  Each value's first
 * entry is its name; later entries are other spellings. */
static const struct filter_value {
	const char *key;  /* "outcome" or "has" */
	const char *name;
	int value;        /* an enum task_outcome, or a TASK_HAS_* bit */
} filter_values[] = {
	{"outcome", "all-passed", TASK_ALL_PASSED},
	{"outcome", "flaky", TASK_FLAKY},
	{"outcome", "never-passed", TASK_NEVER_PASSED},
	{"outcome", "not-all-passed", TASK_NOT_ALL_PASSED},
	{"has", "no-server", TASK_HAS_NO_SERVER},
	{"has", "verifier-failed", TASK_HAS_VERIFIER_FAILED},
	{"has", "assertions-failed", TASK_HAS_ASSERTIONS_FAILED},
	{"has", "no-report", TASK_HAS_NO_REPORT},
	{"has", "note", TASK_HAS_NOTE},
	/* the words of the first task lists */
	{"outcome", "passed", TASK_ALL_PASSED},
	{"outcome", "failed", TASK_NOT_ALL_PASSED},
};
#define N_FILTER_VALUES (sizeof(filter_values) / sizeof(filter_values[0]))

static const struct filter_value *
filter_value_find(const char *key, const char *name)
{
	for (size_t i = 0; i < N_FILTER_VALUES; i++)
		if ((!key || strcmp(filter_values[i].key, key) == 0) &&
		    strcasecmp(filter_values[i].name, name) == 0)
			return &filter_values[i];
	return NULL;
}

/* A value's own name (its first entry); NULL when none. */
static const char *
filter_value_name(const char *key, int value)
{
	for (size_t i = 0; i < N_FILTER_VALUES; i++)
		if (strcmp(filter_values[i].key, key) == 0 && filter_values[i].value == value)
			return filter_values[i].name;
	return NULL;
}

/* Is entry i the value's first (not another spelling)? */
static bool
filter_value_first(size_t i)
{
	return filter_value_name(filter_values[i].key, filter_values[i].value) ==
	       filter_values[i].name;
}

const char *
tasks_outcome_name(enum task_outcome outcome)
{
	const char *name = filter_value_name("outcome", (int)outcome);
	return name ? name : "any";
}

enum task_outcome
tasks_outcome_of(const struct task_row *r)
{
	int n = r->s.n_executed, c = r->s.n_succeeded;

	if (n > 0 && c == n)
		return TASK_ALL_PASSED;
	return n >= 2 && c > 0 ? TASK_FLAKY : TASK_NEVER_PASSED;
}

enum task_outcome
tasks_outcome_next(enum task_outcome o)
{
	return o >= TASK_NOT_ALL_PASSED ? TASK_OUTCOME_ANY : (enum task_outcome)(o + 1);
}

const char *
tasks_sort_name(enum tasks_sort s)
{
	static const char *const names[TASKS_SORT_COUNT] = {
		"task", "framework", "level", "A%", "raw A%", "pass@1", "category",
	};
	return s < TASKS_SORT_COUNT ? names[s] : "?";
}

int
tasks_sort_parse(const char *name)
{
	static const char *const typed[TASKS_SORT_COUNT] = {
		"name", "fw", "constraints", "a", "raw", "pass1", "cat",
	};

	for (int s = 0; s < TASKS_SORT_COUNT; s++)
		if (strcasecmp(name, tasks_sort_name((enum tasks_sort)s)) == 0 ||
		    strcasecmp(name, typed[s]) == 0)
			return s;
	return -1;
}

/* ------------------------------------------------------------ columns */

enum task_col {
	TCOL_RUN, TCOL_TASK, TCOL_FRAMEWORK, TCOL_CONSTRAINTS, TCOL_TAGS, TCOL_LEVEL, TCOL_A,
	TCOL_RAW, TCOL_P1, TCOL_PASSED, TCOL_STRIP, TCOL_LIMITS, TCOL_CATEGORY, TCOL_COUNT
};

static const struct ui_column task_columns[TCOL_COUNT] = {
	[TCOL_RUN] = {"Run", TASKS_RUN_COLUMN_W, false, false, true, "run", 0},
	[TCOL_TASK] = {"Task", 0, false, false, false, "task", LIST_HIDDEN},
	[TCOL_FRAMEWORK] = {"Framework", 9, false, false, false, "framework", 0},
	[TCOL_CONSTRAINTS] = {"Constraints", 20, true, false, true, "constraints", 0},
	[TCOL_LEVEL] = {"L", 2, false, true, false, "level", 0},
	[TCOL_A] = {"A%", 5, false, true, false, "a_pct", 0},
	[TCOL_RAW] = {"raw", 5, false, true, false, "raw_pct", 0},
	[TCOL_P1] = {"p@1", 5, false, true, false, "pass1", 0},
	[TCOL_PASSED] = {"Pass", 4, false, false, false, "passed", 0},
	[TCOL_STRIP] = {"Attempts", 8, false, false, false, "attempts", 0},
	[TCOL_LIMITS] = {"Lim", 3, false, true, false, "limit_hits", 0},
	[TCOL_CATEGORY] = {"Category", 10, false, false, false, "category", 0},
	/* beside the task, sharing its spare width: tags are what the user
	 * looks for in a list they tagged */
	[TCOL_TAGS] = {"Tags", 6, true, false, false, "tags", 0},
};

static void
set_columns(struct tasks_model *m)
{
	m->ncols = 0;
	for (int c = 0; c < TCOL_COUNT; c++) {
		if ((c == TCOL_RUN && m->filter.run_id) || (c == TCOL_TAGS && !m->memory.n))
			continue;
		m->col_id[m->ncols] = c;
		m->cols[m->ncols] = task_columns[c];
		/* a feature task has a name, not constraints */
		if (c == TCOL_CONSTRAINTS && m->filter.kind == TASK_FEATURE) {
			m->cols[m->ncols].title = "Task";
			m->cols[m->ncols].key = "name";
		}
		m->ncols++;
	}
}

static int
cmp_hits(const void *pa, const void *pb)
{
	const struct limit_hits *a = pa, *b = pb;

	if (a->run_id != b->run_id)
		return a->run_id < b->run_id ? -1 : 1;
	return a->task_id < b->task_id ? -1 : a->task_id > b->task_id;
}

/* Each task's limit hits (the store counts them from the attempts). */
static int
count_limit_hits(struct tasks_model *m, struct store *st, int64_t run_id, struct bt_error *err)
{
	struct limit_hits *h;
	size_t nh;

	if (store_limit_hits(st, run_id, &h, &nh, err))
		return err->code;
	for (size_t i = 0; i < m->n_all && nh; i++) {
		struct limit_hits key = {m->all[i].row->run_id, m->all[i].row->task_id, 0};
		const struct limit_hits *hit = bsearch(&key, h, nh, sizeof(*h), cmp_hits);
		m->all[i].limits = hit ? hit->n : 0;
	}
	free(h);
	return BT_OK;
}

/* The Run column cuts names in the middle: runs named alike but for a
 * middle part ("x/exp-run1-2026-03-10", "x/exp-run2-2026-03-10") would look
 * the same.  Such a name starts instead where it parts from the run most
 * like it (at a separator, or 4 bytes before), with an ellipsis in front;
 * the status line names the run in full. */
static bool
is_separator(char c)
{
	return c == '/' || c == '-' || c == '_' || c == '.' || c == ' ';
}

static bool
same_when_cut(const char *a, const char *b, long cols)
{
	struct san_opts so = {.utf8 = true};
	size_t la = strlen(a), lb = strlen(b), ha, ta, hb, tb;
	bool ca = sanitize_cut_middle(a, la, &so, cols, &ha, &ta);
	bool cb = sanitize_cut_middle(b, lb, &so, cols, &hb, &tb);

	if (!ca || !cb)
		return ca == cb && strcmp(a, b) == 0;
	return ha == hb && ta == tb && memcmp(a, b, ha) == 0 &&
	       memcmp(a + la - ta, b + lb - tb, ta) == 0;
}

static void
run_names_apart(struct tasks_model *m)
{
	m->run_skip = xcalloc(m->n_runs ? m->n_runs : 1, sizeof(size_t));
	for (size_t i = 0; i < m->n_runs; i++) {
		const char *a = m->runs[i].name;
		size_t p = 0, start;
		bool clash = false;
		for (size_t j = 0; j < m->n_runs; j++) {
			const char *b = m->runs[j].name;
			size_t k = 0;
			if (j == i)
				continue;
			clash |= same_when_cut(a, b, TASKS_RUN_COLUMN_W);
			while (a[k] && a[k] == b[k])
				k++;
			if (k > p)
				p = k;
		}
		if (!clash)
			continue;
		for (start = p; start > 0 && !is_separator(a[start - 1]) && p - start < 4; start--)
			;
		while (start > 0 && ((unsigned char)a[start] & 0xC0) == 0x80)
			start--; /* never inside a UTF-8 character */
		m->run_skip[i] = start;
	}
}

/* Each row's tags and notes, by its task's address. */
static int
attach_memos(struct tasks_model *m, struct store *st, struct bt_error *err)
{
	char run[256], task[160];
	int64_t run_id = 0;
	int rc;

	for (size_t i = 0; i < m->n_all; i++) {
		const struct task_row *r = m->all[i].row;
		if (r->run_id != run_id) {
			run_id = r->run_id;
			if (m->runs)
				snprintf(run, sizeof(run), "%s", tasks_run_name(m, run_id));
			else if ((rc = store_run_name(st, run_id, run, sizeof(run), err)))
				return rc;
		}
		address_task_token(r->kind, r->framework, r->name, task, sizeof(task));
		m->all[i].memo = memory_lookup_parts(&m->memory, run, task, -1);
	}
	return BT_OK;
}

int
tasks_model_load(struct tasks_model *m, struct store *st, const struct task_filter *f,
		 struct bt_error *err)
{
	struct task_row *rows;
	size_t nr;
	int *rank, rc;

	memset(m, 0, sizeof(*m));
	m->filter = *f;
	m->sort = TASKS_SORT_NAME;
	/* strips and categories are cached per task by the store: the list
	 * never reads the attempts themselves */
	if (f->run_id == 0) {
		/* every run's: shared with the runs view, not copied */
		if ((rc = store_runs(st, &m->runs, &m->n_runs, err)) ||
		    (rc = store_task_rows_snapshot(st, f->kind, &m->snap, err)))
			return rc;
		run_names_apart(m);
		rows = m->snap->v;
		nr = m->snap->n;
	} else {
		if ((rc = store_task_rows(st, f->run_id, f->kind, &rows, &nr, err)))
			return rc;
		m->rows = rows;
	}
	if ((rc = memory_index_load(&m->memory, st, err)))
		return rc;
	set_columns(m);
	m->all = xcalloc(nr ? nr : 1, sizeof(*m->all));
	m->shown = xcalloc(nr ? nr : 1, sizeof(size_t));
	m->n_all = nr;
	metrics_distinct_tasks(rows, nr, &rank);
	for (size_t i = 0; i < nr; i++)
		m->all[i] = (struct task_item){&rows[i], rank[rows[i].task_id], 0, NULL};
	free(rank);
	if ((rc = count_limit_hits(m, st, f->run_id, err)) ||
	    (m->memory.n && (rc = attach_memos(m, st, err))))
		return rc;
	tasks_model_apply(m);
	return BT_OK;
}

static bool
matches(const struct task_item *t, const struct task_filter *f)
{
	if (f->limits && t->limits == 0)
		return false;
	if (f->framework[0] && strcmp(t->row->framework, f->framework) != 0)
		return false;
	if (f->level >= 0 && t->row->level != f->level)
		return false;
	if (f->constraint && !(t->row->constraints & f->constraint))
		return false;
	if (f->outcome == TASK_NOT_ALL_PASSED ? tasks_outcome_of(t->row) == TASK_ALL_PASSED
	    : f->outcome && tasks_outcome_of(t->row) != f->outcome)
		return false;
	if (f->has && !((t->row->has | (t->memo && t->memo->note ? TASK_HAS_NOTE : 0)) & f->has))
		return false;
	if (f->tag[0] && !memory_has_tag(t->memo, f->tag))
		return false;
	if (f->category[0] && strcmp(t->row->category, f->category) != 0)
		return false;
	if (f->text[0] && !strcasestr(t->row->name, f->text))
		return false;
	return true;
}

static int
cmp_tasks(const void *pa, const void *pb, const void *ctx)
{
	const struct tasks_model *m = ctx;
	const struct task_item *a = &m->all[*(const size_t *)pa];
	const struct task_item *b = &m->all[*(const size_t *)pb];
	double da = 0, db = 0;
	int c = 0;

	switch (m->sort) {
	case TASKS_SORT_FRAMEWORK: c = strcmp(a->row->framework, b->row->framework); break;
	case TASKS_SORT_LEVEL: c = a->row->level - b->row->level; break;
	case TASKS_SORT_A: da = a->row->s.strict, db = b->row->s.strict; break;
	case TASKS_SORT_RAW: da = a->row->s.raw, db = b->row->s.raw; break;
	case TASKS_SORT_P1: da = a->row->s.pass1, db = b->row->s.pass1; break;
	case TASKS_SORT_CATEGORY: c = strcmp(a->row->category, b->row->category); break;
	default: break;
	}
	/* worst first for numbers: triage starts with what failed */
	if (!c && da != db)
		c = da < db ? -1 : 1;
	if (!c)
		c = a->name_rank - b->name_rank;
	/* the same task of several runs: in run order; one name in several
	 * runtimes (feature tasks): by runtime */
	if (!c)
		c = (a->row->run_id > b->row->run_id) - (a->row->run_id < b->row->run_id);
	if (!c)
		c = strcmp(a->row->runtime, b->row->runtime);
	return m->reverse ? -c : c;
}

void
tasks_model_apply(struct tasks_model *m)
{
	m->n_shown = 0;
	for (size_t i = 0; i < m->n_all; i++)
		if (matches(&m->all[i], &m->filter))
			m->shown[m->n_shown++] = i;
	bt_sort(m->shown, m->n_shown, sizeof(size_t), cmp_tasks, m);
}

/* The filter keys, and each key's values as the list shows them: what the
 * prompt completes and what an error lists.  Values match without regard
 * to case; a category also matches its judge key (logic_error). */
static const char *const filter_keys[] = {"framework", "level", "constraint", "outcome",
					  "has", "termination", "category", "name", "kind", "tag"};
#define N_FILTER_KEYS (sizeof(filter_keys) / sizeof(filter_keys[0]))
#define MAX_SHOWN_VALUES 16

static bool
is_filter_key(const char *key)
{
	for (size_t i = 0; i < N_FILTER_KEYS; i++)
		if (strcmp(filter_keys[i], key) == 0)
			return true;
	return false;
}

static size_t
shown_values(const char *key, const char **out)
{
	static const char *const levels[] = {"0", "1", "2", "3"};
	static const char *const kinds[] = {"generation", "feature"};
	size_t n = 0;

	/* how the trajectories ended: only limit hits are kept per task */
	if (strcmp(key, "termination") == 0) {
		out[n++] = "limits";
		return n;
	}
	if (strcmp(key, "framework") == 0)
		for (size_t i = 0; i < TASK_N_FRAMEWORKS; i++)
			out[n++] = task_framework_display(task_frameworks[i]);
	else if (strcmp(key, "level") == 0)
		for (size_t i = 0; i < 4; i++)
			out[n++] = levels[i];
	else if (strcmp(key, "constraint") == 0)
		for (size_t i = 0; i < TASK_N_CONSTRAINTS; i++)
			out[n++] = task_constraint_token(task_constraint_order[i]);
	else if (strcmp(key, "category") == 0)
		for (size_t i = 0; i < TAXONOMY_N_CATEGORIES; i++)
			out[n++] = taxonomy_categories[i].brief;
	else if (strcmp(key, "kind") == 0)
		for (size_t i = 0; i < 2; i++)
			out[n++] = kinds[i];
	else
		for (size_t i = 0; i < N_FILTER_VALUES && n < MAX_SHOWN_VALUES; i++)
			if (strcmp(filter_values[i].key, key) == 0 && filter_value_first(i))
				out[n++] = filter_values[i].name;
	return n;
}

/* The index of val among key's shown values, -1 when it is none of them. */
static int
shown_value_index(const char *key, const char *val)
{
	const char *v[MAX_SHOWN_VALUES];
	size_t n = shown_values(key, v);

	for (size_t i = 0; i < n; i++)
		if (strcasecmp(v[i], val) == 0 ||
		    (strcmp(key, "category") == 0 && strcasecmp(taxonomy_categories[i].key, val) == 0))
			return (int)i;
	/* the benchmark's folder name for Hono */
	if (strcmp(key, "framework") == 0 && strcasecmp(val, "honojs") == 0)
		return shown_value_index(key, "hono");
	/* "L2", as the plot and the heat table write a level */
	if (strcmp(key, "level") == 0 && (val[0] == 'L' || val[0] == 'l') && val[1])
		return shown_value_index(key, val + 1);
	return -1;
}

/* "category=bogus? logic|startup|...": the valid values, short enough for
 * the status line at 80 columns. */
static void
unknown_value(const char *key, const char *val, char *why, size_t whylen)
{
	const char *v[MAX_SHOWN_VALUES];
	size_t n = shown_values(key, v);
	struct buf b;

	buf_init(&b);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "|" : "", v[i]);
	snprintf(why, whylen, "%s=%s? %s", key, val, buf_cstr(&b));
	buf_free(&b);
}

bool
tasks_filter_parse(const char *text, struct task_filter *f, char *why, size_t whylen)
{
	char *copy = xstrdup(text), *save = NULL;
	bool ok = true;

	for (char *w = strtok_r(copy, " \t", &save); w && ok; w = strtok_r(NULL, " \t", &save)) {
		char *eq = strchr(w, '=');
		const char *key = w, *val = w;
		const struct filter_value *fv;
		int k;
		if (eq) {
			*eq = '\0';
			val = eq + 1;
			for (char *p = w; *p; p++)
				*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			if (strcmp(key, "fw") == 0)
				key = "framework";
		} else if (shown_value_index("framework", w) >= 0) {
			key = "framework";
		} else if ((w[0] == 'L' || w[0] == 'l') && shown_value_index("level", w) >= 0) {
			key = "level";
		} else if (shown_value_index("constraint", w) >= 0) {
			key = "constraint";
		} else {
			fv = filter_value_find(NULL, w);
			key = fv ? fv->key : "name";
		}
		if (!is_filter_key(key)) {
			snprintf(why, whylen, "unknown filter '%s' (framework, level, constraint, "
				 "outcome, has, termination, category, name, kind, tag)", key);
			ok = false;
			break;
		}
		if (strcmp(key, "name") == 0) {
			snprintf(f->text, sizeof(f->text), "%s", val);
			continue;
		}
		/* the user's own words: any tag, checked as tags are */
		if (strcmp(key, "tag") == 0) {
			if (strcasecmp(val, "any") == 0) {
				f->tag[0] = '\0';
			} else if (address_tag_valid(val)) {
				snprintf(f->tag, sizeof(f->tag), "%s", val);
			} else {
				snprintf(why, whylen, "tag=%s? a tag is 1 to 32 letters, digits or -_.+/",
					 val);
				ok = false;
			}
			continue;
		}
		/* -2: "any" turns the key's filter off */
		k = strcasecmp(val, "any") == 0 ? -2 : shown_value_index(key, val);
		if (k == -1 && (strcmp(key, "outcome") == 0 || strcmp(key, "has") == 0) &&
		    (fv = filter_value_find(key, val)))
			k = -3; /* another spelling of a value */
		if (k == -1 || (k == -2 && strcmp(key, "kind") == 0)) {
			unknown_value(key, val, why, whylen);
			ok = false;
		} else if (strcmp(key, "framework") == 0) {
			snprintf(f->framework, sizeof(f->framework), "%s",
				 k >= 0 ? task_frameworks[k] : "");
		} else if (strcmp(key, "level") == 0) {
			f->level = k >= 0 ? k : -1;
		} else if (strcmp(key, "constraint") == 0) {
			f->constraint = k >= 0 ? task_constraint_order[k] : 0;
		} else if (strcmp(key, "category") == 0) {
			snprintf(f->category, sizeof(f->category), "%s",
				 k >= 0 ? taxonomy_categories[k].key : "");
		} else if (strcmp(key, "kind") == 0) {
			f->kind = k == 1 ? TASK_FEATURE : TASK_GENERATION;
		} else if (strcmp(key, "termination") == 0) {
			f->limits = k >= 0;
		} else {
			fv = k == -2 ? NULL : filter_value_find(key, val);
			if (key[0] == 'o')
				f->outcome = fv ? (enum task_outcome)fv->value : TASK_OUTCOME_ANY;
			else
				f->has = fv ? (unsigned)fv->value : 0;
		}
	}
	free(copy);
	return ok;
}

/* Whether a candidate starts with the typed prefix, without regard to case. */
static bool
completes(const char *cand, const char *typed)
{
	return strncasecmp(cand, typed, strlen(typed)) == 0;
}

void
tasks_filter_complete(const char *text, struct buf *out, struct buf *choices)
{
	const char *word = strrchr(text, ' ') ? strrchr(text, ' ') + 1 : text;
	const char *eq = strchr(word, '='), *cand[MAX_SHOWN_VALUES], *match[MAX_SHOWN_VALUES];
	const char *typed = eq ? eq + 1 : word;
	size_t n, nm = 0, common;
	char key[16] = "";

	buf_reset(out);
	buf_reset(choices);
	buf_append(out, text, (size_t)(typed - text));
	if (eq) {
		snprintf(key, sizeof(key), "%.*s", (int)(eq - word), word);
		for (char *p = key; *p; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		n = shown_values(strcmp(key, "fw") == 0 ? "framework" : key, cand);
	} else {
		for (n = 0; n < N_FILTER_KEYS; n++)
			cand[n] = filter_keys[n];
	}
	for (size_t i = 0; i < n; i++)
		if (completes(cand[i], typed))
			match[nm++] = cand[i];
	if (nm == 0) {
		buf_puts(out, typed);
		buf_cstr(out);
		buf_cstr(choices);
		return;
	}
	/* the longest prefix every match shares, spelt as the first match */
	common = strlen(match[0]);
	for (size_t i = 1; i < nm; i++) {
		size_t c = 0;
		while (c < common && match[i][c] && (match[i][c] | 0x20) == (match[0][c] | 0x20))
			c++;
		common = c;
	}
	if (common < strlen(typed)) /* keep what was typed when it says more */
		buf_puts(out, typed);
	else
		buf_append(out, match[0], common);
	if (nm == 1)
		buf_puts(out, eq ? " " : "=");
	for (size_t i = 0; nm > 1 && i < nm; i++)
		buf_printf(choices, "%s%s", i ? " " : "", match[i]);
	buf_cstr(out);
	buf_cstr(choices);
}

void
tasks_filter_describe(const struct task_filter *f, struct buf *out)
{
	buf_reset(out);
	if (f->framework[0])
		buf_printf(out, "framework=%s ", task_framework_display(f->framework));
	if (f->level >= 0)
		buf_printf(out, "level=%d ", f->level);
	if (f->constraint)
		buf_printf(out, "constraint=%s ", task_constraint_token(f->constraint));
	if (f->outcome)
		buf_printf(out, "outcome=%s ", tasks_outcome_name(f->outcome));
	if (f->has)
		buf_printf(out, "has=%s ", filter_value_name("has", (int)f->has));
	if (f->limits)
		buf_puts(out, "termination=limits ");
	if (f->category[0])
		buf_printf(out, "category=%s ", taxonomy_brief(f->category));
	if (f->text[0])
		buf_printf(out, "name=%s ", f->text);
	if (f->tag[0])
		buf_printf(out, "tag=%s ", f->tag);
	if (f->kind == TASK_FEATURE)
		buf_puts(out, "kind=feature ");
	if (out->len)
		out->len--;
	buf_cstr(out);
}

void
tasks_filter_counts(const struct tasks_model *m, struct buf *out)
{
	const char *key = "";

	buf_reset(out);
	for (size_t v = 0; v < N_FILTER_VALUES; v++) {
		struct task_filter f = m->filter;
		size_t n = 0;
		if (!filter_value_first(v))
			continue;
		if (filter_values[v].key[0] == 'o')
			f.outcome = (enum task_outcome)filter_values[v].value;
		else
			f.has = (unsigned)filter_values[v].value;
		for (size_t i = 0; i < m->n_all; i++)
			n += matches(&m->all[i], &f);
		if (strcmp(key, filter_values[v].key) != 0)
			buf_printf(out, "%s%s:", *key ? "\n" : "", filter_values[v].key);
		else
			buf_putc(out, ',');
		buf_printf(out, " %s %zu", filter_values[v].name, n);
		key = filter_values[v].key;
	}
	buf_cstr(out);
}

const char *
tasks_run_name(const struct tasks_model *m, int64_t run_id)
{
	for (size_t i = 0; i < m->n_runs; i++)
		if (m->runs[i].id == run_id)
			return m->runs[i].name;
	return "?";
}

void
tasks_model_cell(struct app *app, void *ctx, size_t row, size_t col, struct ui_cell *c)
{
	const struct tasks_model *m = ctx;
	const struct task_row *r = m->all[m->shown[row]].row;
	(void)app;

	switch (m->col_id[col]) {
	case TCOL_RUN: {
		size_t i = 0;
		while (i < m->n_runs && m->runs[i].id != r->run_id)
			i++;
		/* in the explorer, names that a cut would make alike start where
		 * they differ; outside it (`benchtop tasks`, exports), in full */
		if (app && i < m->n_runs && m->run_skip[i])
			snprintf(c->text, sizeof(c->text), "\u2026%s", m->runs[i].name + m->run_skip[i]);
		else
			snprintf(c->text, sizeof(c->text), "%s", tasks_run_name(m, r->run_id));
		break;
	}
	case TCOL_TASK:
		snprintf(c->text, sizeof(c->text), "%s", r->name);
		break;
	case TCOL_FRAMEWORK:
		snprintf(c->text, sizeof(c->text), "%s", task_framework_display(r->framework));
		break;
	case TCOL_CONSTRAINTS:
		if (r->kind == TASK_FEATURE)
			snprintf(c->text, sizeof(c->text), "%s", r->name);
		else if (r->constraints)
			task_constraints_string(r->constraints, c->text, sizeof(c->text));
		else
			snprintf(c->text, sizeof(c->text), "unconstrained");
		break;
	case TCOL_LEVEL:
		snprintf(c->text, sizeof(c->text), "%d", r->level);
		break;
	case TCOL_A:
		snprintf(c->text, sizeof(c->text), "%.1f", r->s.strict * 100);
		c->color = r->s.strict < 0.5 ? COL_BAD : COL_TEXT;
		break;
	case TCOL_RAW:
		snprintf(c->text, sizeof(c->text), "%.1f", r->s.raw * 100);
		break;
	case TCOL_P1:
		snprintf(c->text, sizeof(c->text), "%.1f", r->s.pass1 * 100);
		c->color = r->s.pass1 >= 1 ? COL_GOOD : COL_TEXT;
		break;
	case TCOL_PASSED:
		/* succeeded/attempts, '~' marks a flaky task */
		snprintf(c->text, sizeof(c->text), "%d/%d%s", r->s.n_succeeded, r->s.n_executed,
			 tasks_outcome_of(r) == TASK_FLAKY ? "~" : "");
		c->color = tasks_outcome_of(r) == TASK_FLAKY ? COL_WARN : COL_TEXT;
		break;
	case TCOL_STRIP:
		c->glyphs = r->strip;
		break;
	case TCOL_LIMITS:
		if (m->all[m->shown[row]].limits)
			snprintf(c->text, sizeof(c->text), "%d", m->all[m->shown[row]].limits);
		c->color = COL_WARN;
		break;
	case TCOL_CATEGORY:
		snprintf(c->text, sizeof(c->text), "%s", taxonomy_brief(r->category));
		c->color = COL_DIM;
		break;
	case TCOL_TAGS:
		snprintf(c->text, sizeof(c->text), "%s", m->all[m->shown[row]].memo ?
			 m->all[m->shown[row]].memo->tags : "");
		break;
	}
}

void
tasks_model_table(struct tasks_model *m, struct list_table *t)
{
	*t = (struct list_table){.title = "Tasks", .cols = m->cols, .ncols = m->ncols,
				 .nrows = m->n_shown, .cell = tasks_model_cell, .ctx = m};
	for (size_t c = 0; c < m->ncols; c++)
		if (m->col_id[c] == TCOL_TASK)
			t->name_col = c;
}

void
tasks_model_free(struct tasks_model *m)
{
	free(m->run_skip);
	store_runs_free(m->runs, m->n_runs);
	free(m->rows);
	task_rows_release(m->snap);
	free(m->all);
	free(m->shown);
	memory_index_free(&m->memory);
	memset(m, 0, sizeof(*m));
}
