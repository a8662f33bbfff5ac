/* model_heat.h: the framework x level table behind the decay plot
 * (curses-free). */
#ifndef BENCHTOP_MODEL_HEAT_H
#define BENCHTOP_MODEL_HEAT_H

#include <stdbool.h>
#include <stdint.h>

#include "benchtop/plot.h"
#include "benchtop/store.h"
#include "benchtop/task.h"
#include "benchtop/util.h"

#define HEAT_COLS 5 /* L0..L3 and all levels */

struct heat_cell {
	bool have;
	double strict, raw, pass1;
	int n; /* tasks */
};

/* A run's generation tasks as a table: rows are the frameworks present (in
 * task_frameworks order), then "all"; columns L0..L3, then all levels. */
struct heat_model {
	char run_name[128];
	char fw[TASK_N_FRAMEWORKS + 1][16];
	struct heat_cell cell[TASK_N_FRAMEWORKS + 1][HEAT_COLS];
	/* per row: the decay L3 - L0 of strict A% (a fraction), as Table 1's
	 * ΔA% has it; have_decay when the row has both levels */
	double decay[TASK_N_FRAMEWORKS + 1];
	bool have_decay[TASK_N_FRAMEWORKS + 1];
	int rows;
};

/* Fill m (no memory to free) from the store's task rows of run_id. */
/* exclude_limits: without the attempts that ended in LimitsExceeded. */
int heat_model_load(struct heat_model *m, struct store *st, int64_t run_id, bool exclude_limits,
		    struct bt_error *err);
/* The cell's value for a metric (a fraction). */
double heat_cell_value(const struct heat_cell *c, enum plot_metric metric);

#endif /* BENCHTOP_MODEL_HEAT_H */
