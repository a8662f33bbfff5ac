/* model_runs.c: the runs view's rows, like the paper's Table 1. */
#include "config.h"

#include "benchtop/model_runs.h"
#include "benchtop/task.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "benchtop/sort.h"
#include "benchtop/summary.h"

/* "HH:MM" when `iso` ("YYYY-MM-DDTHH:MM:SS") is on the day `today` is, else "MM-DD". */
static void
last_import(const char *iso, const char *today, char out[8])
{
	if (strlen(iso) < 16)
		snprintf(out, 8, "-");
	else if (strncmp(iso, today, 10) == 0)
		snprintf(out, 8, "%.5s", iso + 11);
	else
		snprintf(out, 8, "%.5s", iso + 5);
}

int
runs_model_task_rows(struct store *st, int64_t run_id, bool exclude_limits,
		     struct task_row **rows, size_t *n, struct bt_error *err)
{
	struct task_row *all;
	size_t na, excluded, first, k;

	if (!exclude_limits)
		return store_task_rows(st, run_id, TASK_GENERATION, rows, n, err);
	if (summary_task_rows(st, &run_id, run_id != 0, TASK_GENERATION, true, &all, &na,
			      &excluded, err))
		return err->code;
	if (run_id == 0) {
		*rows = all;
		*n = na;
		return BT_OK;
	}
	k = metrics_rows_of_run(all, na, run_id, &first);
	*rows = xcalloc(k ? k : 1, sizeof(**rows));
	memcpy(*rows, all + first, k * sizeof(**rows));
	*n = k;
	free(all);
	return BT_OK;
}

int
runs_model_load(struct runs_model *m, struct store *st, bool exclude_limits,
		struct bt_error *err)
{
	char today[32];
	struct run_summary *runs;
	struct task_rows *snap = NULL;
	const struct task_row *rows;
	struct task_row *filtered = NULL;
	size_t nr, nt;
	int rc;

	memset(m, 0, sizeof(*m));
	time_iso_now(today);
	if ((rc = store_runs(st, &runs, &nr, err)))
		return rc;
	/* the store's shared rows, or this model's own without limit hits */
	rc = exclude_limits ? runs_model_task_rows(st, 0, true, &filtered, &nt, err)
			    : store_task_rows_snapshot(st, TASK_GENERATION, &snap, err);
	if (rc) {
		store_runs_free(runs, nr);
		return rc;
	}
	rows = snap ? snap->v : filtered;
	nt = snap ? snap->n : nt;
	m->union_tasks = (long)metrics_distinct_tasks(rows, nt, NULL);

	m->rows = xcalloc(nr ? nr : 1, sizeof(*m->rows));
	m->n = nr;
	for (size_t i = 0; i < nr; i++) {
		struct run_row *r = &m->rows[i];
		struct agg_row *g;
		size_t first, k, ng;
		const struct task_row *mine;

		r->id = runs[i].id;
		snprintf(r->name, sizeof(r->name), "%s", runs[i].name);
		snprintf(r->agent, sizeof(r->agent), "%s", runs[i].agent);
		snprintf(r->model, sizeof(r->model), "%s", runs[i].model);
		snprintf(r->label, sizeof(r->label), "%s", runs[i].label);
		r->attempts = runs[i].n_attempts;
		r->feature_attempts = runs[i].n_feature_attempts;
		r->expected = TASK_N_GENERATION * runs[i].max_task_attempts;
		last_import(runs[i].imported_at, today, r->last);
		/* a watcher killed without its goodbye leaves a mark: not live */
		r->live = process_alive(runs[i].live_pid);
		k = metrics_rows_of_run(rows, nt, r->id, &first);
		mine = rows + first;
		/* the tasks its figures count (fewer when limit hits are left out),
		 * and the mark's one rule: some other run has a task this one lacks */
		r->tasks = (long)k;
		r->missing = m->union_tasks - (long)k;
		ng = metrics_aggregate_means(mine, k, AGG_LEVEL, &g);
		for (size_t j = 0; j < ng; j++)
			if (g[j].level >= 0 && g[j].level <= 3) {
				r->have[g[j].level] = true;
				r->a[g[j].level] = g[j].strict;
				r->p1[g[j].level] = g[j].pass1;
			}
		free(g);
		r->have_delta = r->have[0] && r->have[3];
		r->delta = r->have_delta ? r->a[3] - r->a[0] : 0;
		if (metrics_aggregate_means(mine, k, AGG_GLOBAL, &g)) {
			r->a_all = g[0].strict;
			r->raw_all = g[0].raw;
			r->p1_all = g[0].pass1;
		}
		free(g);
	}
	store_runs_free(runs, nr);
	if (snap)
		task_rows_release(snap);
	free(filtered);
	runs_model_sort(m, RUNS_SORT_NAME, false);
	return BT_OK;
}

static int
cmp_runs(const void *pa, const void *pb, const void *ctx)
{
	const struct run_row *a = pa, *b = pb;
	const struct runs_model *m = ctx;
	double da = 0, db = 0;
	int c;

	switch (m->sort) {
	case RUNS_SORT_A: da = a->a_all, db = b->a_all; break;
	case RUNS_SORT_DELTA: da = a->delta, db = b->delta; break;
	case RUNS_SORT_P1: da = a->p1_all, db = b->p1_all; break;
	case RUNS_SORT_TASKS: da = (double)a->tasks, db = (double)b->tasks; break;
	default: break;
	}
	/* numbers sort best first; ties and names alphabetically */
	c = da != db ? (da > db ? -1 : 1) : strcmp(a->name, b->name);
	return m->reverse ? -c : c;
}

void
runs_model_sort(struct runs_model *m, enum runs_sort sort, bool reverse)
{
	m->sort = sort;
	m->reverse = reverse;
	bt_sort(m->rows, m->n, sizeof(*m->rows), cmp_runs, m);
}

const char *
runs_sort_name(enum runs_sort s)
{
	static const char *const names[RUNS_SORT_COUNT] = {"name", "A%", "ΔA%", "pass@1", "tasks"};
	return s < RUNS_SORT_COUNT ? names[s] : "?";
}

int
runs_sort_parse(const char *name)
{
	/* what can be typed on any keyboard, beside the names shown */
	static const char *const typed[RUNS_SORT_COUNT] = {"run", "a", "delta", "pass1", "n"};

	for (int s = 0; s < RUNS_SORT_COUNT; s++)
		if (strcasecmp(name, runs_sort_name((enum runs_sort)s)) == 0 ||
		    strcasecmp(name, typed[s]) == 0)
			return s;
	return -1;
}

void
runs_model_free(struct runs_model *m)
{
	free(m->rows);
	memset(m, 0, sizeof(*m));
}
