/* model_tasks.c: the task list: filtering, sorting, attempt strips. */
#include "config.h"

#include "benchtop/model_tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const outcome_names[][2] = {
	{"P", "passed"}, {"F", "failed"}, {"V", "verifier-failed"}, {"N", "no-server"},
};

const char *
tasks_outcome_name(char outcome)
{
	for (size_t i = 0; i < 4; i++)
		if (outcome_names[i][0][0] == outcome)
			return outcome_names[i][1];
	return "any";
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
		if ((rc = store_task_rows_snapshot(st, f->kind, &m->snap, err)))
			return rc;
		rows = m->snap->v;
		nr = m->snap->n;
	} else {
		if ((rc = store_task_rows(st, f->run_id, f->kind, &rows, &nr, err)))
			return rc;
		m->rows = rows;
	}
	m->all = xcalloc(nr ? nr : 1, sizeof(*m->all));
	m->shown = xcalloc(nr ? nr : 1, sizeof(size_t));
	m->n_all = nr;
	metrics_distinct_tasks(rows, nr, &rank);
	for (size_t i = 0; i < nr; i++)
		m->all[i] = (struct task_item){&rows[i], rank[rows[i].task_id]};
	free(rank);
	tasks_model_apply(m);
	return BT_OK;
}

static bool
matches(const struct task_item *t, const struct task_filter *f)
{
	if (f->framework[0] && strcmp(t->row->framework, f->framework) != 0)
		return false;
	if (f->level >= 0 && t->row->level != f->level)
		return false;
	if (f->constraint && !(t->row->constraints & f->constraint))
		return false;
	if (f->outcome && !memchr(t->row->strip, f->outcome, strlen(t->row->strip)))
		return false;
	if (f->category[0] && strcmp(t->row->category, f->category) != 0)
		return false;
	if (f->text[0] && !strstr(t->row->name, f->text))
		return false;
	return true;
}

static const struct tasks_model *sort_model;

static int
cmp_tasks(const void *pa, const void *pb)
{
	const struct task_item *a = &sort_model->all[*(const size_t *)pa];
	const struct task_item *b = &sort_model->all[*(const size_t *)pb];
	double da = 0, db = 0;
	int c = 0;

	switch (sort_model->sort) {
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
	return sort_model->reverse ? -c : c;
}

void
tasks_model_apply(struct tasks_model *m)
{
	m->n_shown = 0;
	for (size_t i = 0; i < m->n_all; i++)
		if (matches(&m->all[i], &m->filter))
			m->shown[m->n_shown++] = i;
	sort_model = m;
	if (m->n_shown > 1)
		qsort(m->shown, m->n_shown, sizeof(size_t), cmp_tasks);
	sort_model = NULL;
}

static bool
parse_outcome(const char *v, char *out)
{
	for (size_t i = 0; i < 4; i++)
		if (strcmp(v, outcome_names[i][1]) == 0 || strcmp(v, outcome_names[i][0]) == 0) {
			*out = outcome_names[i][0][0];
			return true;
		}
	if (strcmp(v, "any") == 0 || strcmp(v, "all") == 0) {
		*out = 0;
		return true;
	}
	return false;
}

bool
tasks_filter_parse(const char *text, struct task_filter *f, char *why, size_t whylen)
{
	char *copy = xstrdup(text), *save = NULL;
	bool ok = true;

	for (char *w = strtok_r(copy, " \t", &save); w && ok; w = strtok_r(NULL, " \t", &save)) {
		char *eq = strchr(w, '=');
		const char *key = w, *val = w;
		if (eq) {
			*eq = '\0';
			val = eq + 1;
		} else if (task_framework_canonical(w)) {
			key = "framework";
		} else if ((w[0] == 'L' || w[0] == 'l') && w[1] >= '0' && w[1] <= '3' && !w[2]) {
			key = "level";
			val = w + 1;
		} else if (task_constraint_bit(w)) {
			key = "constraint";
		} else {
			char o;
			key = parse_outcome(w, &o) ? "outcome" : "name";
		}
		if (strcmp(key, "framework") == 0 || strcmp(key, "fw") == 0) {
			const char *fw = task_framework_canonical(val);
			if (!fw && strcmp(val, "any") != 0) {
				snprintf(why, whylen, "unknown framework '%s'", val);
				ok = false;
			} else {
				snprintf(f->framework, sizeof(f->framework), "%s", fw ? fw : "");
			}
		} else if (strcmp(key, "level") == 0) {
			long lv;
			if (strcmp(val, "any") == 0)
				f->level = -1;
			else if (str_to_long(val[0] == 'L' ? val + 1 : val, &lv) && lv >= 0 && lv <= 3)
				f->level = (int)lv;
			else {
				snprintf(why, whylen, "level is 0..3 or any, not '%s'", val);
				ok = false;
			}
		} else if (strcmp(key, "constraint") == 0) {
			unsigned bit = task_constraint_bit(val);
			if (!bit && strcmp(val, "any") != 0) {
				snprintf(why, whylen, "unknown constraint '%s'", val);
				ok = false;
			} else {
				f->constraint = bit;
			}
		} else if (strcmp(key, "outcome") == 0) {
			if (!parse_outcome(val, &f->outcome)) {
				snprintf(why, whylen, "outcome is passed, failed, verifier-failed, "
					 "no-server or any, not '%s'", val);
				ok = false;
			}
		} else if (strcmp(key, "category") == 0) {
			snprintf(f->category, sizeof(f->category), "%s", strcmp(val, "any") ? val : "");
		} else if (strcmp(key, "kind") == 0) {
			if (strcmp(val, "feature") == 0)
				f->kind = TASK_FEATURE;
			else if (strcmp(val, "generation") == 0)
				f->kind = TASK_GENERATION;
			else {
				snprintf(why, whylen, "kind is generation or feature, not '%s'", val);
				ok = false;
			}
		} else if (strcmp(key, "name") == 0) {
			snprintf(f->text, sizeof(f->text), "%s", val);
		} else {
			snprintf(why, whylen, "unknown filter '%s' (framework, level, constraint, "
				 "outcome, category, name, kind)", key);
			ok = false;
		}
	}
	free(copy);
	return ok;
}

void
tasks_filter_describe(const struct task_filter *f, struct buf *out)
{
	buf_reset(out);
	if (f->framework[0])
		buf_printf(out, "framework=%s ", f->framework);
	if (f->level >= 0)
		buf_printf(out, "level=%d ", f->level);
	if (f->constraint)
		buf_printf(out, "constraint=%s ", task_constraint_token(f->constraint));
	if (f->outcome)
		buf_printf(out, "outcome=%s ", tasks_outcome_name(f->outcome));
	if (f->category[0])
		buf_printf(out, "category=%s ", f->category);
	if (f->text[0])
		buf_printf(out, "name=%s ", f->text);
	if (f->kind == TASK_FEATURE)
		buf_puts(out, "kind=feature ");
	if (out->len)
		out->len--;
	buf_cstr(out);
}

void
tasks_model_free(struct tasks_model *m)
{
	free(m->rows);
	task_rows_release(m->snap);
	free(m->all);
	free(m->shown);
	memset(m, 0, sizeof(*m));
}
