/* model_heat.c: the framework x level table behind the decay plot: strict
 * A%, raw A% and pass@1 per framework and level, per framework over all
 * levels, and per level over all frameworks (curses-free). */
#include "config.h"

#include "benchtop/model_heat.h"
#include "benchtop/model_runs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/metrics.h"

static void
fill(struct heat_cell *c, const struct agg_row *g)
{
	c->have = true;
	c->strict = g->strict;
	c->raw = g->raw;
	c->pass1 = g->pass1;
	c->n = g->n_tasks;
}

int
heat_model_load(struct heat_model *m, struct store *st, int64_t run_id, bool exclude_limits,
		struct bt_error *err)
{
	struct task_row *rows;
	struct agg_row *g;
	size_t n, ng;
	int rc;

	memset(m, 0, sizeof(*m));
	if ((rc = store_run_name(st, run_id, m->run_name, sizeof(m->run_name), err)) ||
	    (rc = runs_model_task_rows(st, run_id, exclude_limits, &rows, &n, err)))
		return rc;
	for (int f = 0; f < TASK_N_FRAMEWORKS; f++)
		for (size_t i = 0; i < n; i++)
			if (strcmp(rows[i].framework, task_frameworks[f]) == 0) {
				snprintf(m->fw[m->rows++], sizeof(m->fw[0]), "%s", task_frameworks[f]);
				break;
			}
	snprintf(m->fw[m->rows++], sizeof(m->fw[0]), "all");
	ng = metrics_aggregate(rows, n, AGG_FRAMEWORK_LEVEL, &g);
	for (size_t j = 0; j < ng; j++)
		for (int r = 0; r < m->rows - 1; r++)
			if (strcmp(m->fw[r], g[j].group) == 0 && g[j].level >= 0 && g[j].level < 4)
				fill(&m->cell[r][g[j].level], &g[j]);
	free(g);
	ng = metrics_aggregate(rows, n, AGG_FRAMEWORK, &g);
	for (size_t j = 0; j < ng; j++)
		for (int r = 0; r < m->rows - 1; r++)
			if (strcmp(m->fw[r], g[j].group) == 0)
				fill(&m->cell[r][4], &g[j]);
	free(g);
	ng = metrics_aggregate(rows, n, AGG_LEVEL, &g);
	for (size_t j = 0; j < ng; j++)
		if (g[j].level >= 0 && g[j].level < 4)
			fill(&m->cell[m->rows - 1][g[j].level], &g[j]);
	free(g);
	if (metrics_aggregate(rows, n, AGG_GLOBAL, &g))
		fill(&m->cell[m->rows - 1][4], &g[0]);
	free(g);
	free(rows);
	for (int r = 0; r < m->rows; r++) {
		m->have_decay[r] = m->cell[r][0].have && m->cell[r][3].have;
		m->decay[r] = m->have_decay[r] ? m->cell[r][3].strict - m->cell[r][0].strict : 0;
	}
	return BT_OK;
}

double
heat_cell_value(const struct heat_cell *c, enum plot_metric metric)
{
	return metric == PLOT_RAW ? c->raw : metric == PLOT_PASS1 ? c->pass1 : c->strict;
}
