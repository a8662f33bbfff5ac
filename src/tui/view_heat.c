/* view_heat.c: the framework x level table behind the decay plot, cells
 * coloured by value.  open() takes a pointer to the run id. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/model_heat.h"
#include "benchtop/model_tasks.h"
#include "benchtop/plot.h"
#include "benchtop/tui.h"

struct heat_view {
	int64_t run_id;
	struct heat_model m;
	int cur_row, cur_col;
	enum plot_metric metric;
};

static int
heatview_load(struct app *app, struct heat_view *hv, struct bt_error *err)
{
	int rc = heat_model_load(&hv->m, app->st, hv->run_id, app->exclude_limits, err);

	if (!rc && hv->cur_row >= hv->m.rows)
		hv->cur_row = hv->m.rows - 1;
	return rc;
}

static int
heatview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	struct heat_view *hv = v->priv;

	hv->run_id = *(const int64_t *)arg;
	return heatview_load(app, hv, err);
}

/* Columns: the framework's name, five cells of "strict/pass@1" (13 at 80
 * columns: "[100.0/100.0]" with the cursor's brackets), then the decay. */
#define HEAT_NAME_W 8
#define HEAT_DECAY_W 6

static int
cell_width(int w)
{
	int cell_w = (w - HEAT_NAME_W - 1 - HEAT_DECAY_W) / HEAT_COLS;
	return cell_w > 16 ? 16 : cell_w;
}

static void
heatview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	struct heat_view *hv = v->priv;
	int name_w = HEAT_NAME_W, cell_w = cell_width(w), decay_x = name_w + 1 + HEAT_COLS * cell_w;
	static const char *const heads[HEAT_COLS] = {"L0", "L1", "L2", "L3", "all levels"};

	if (cell_w < 4 || h < 3) {
		ui_attr(app, COL_DIM);
		ui_str(app, y0, 0, w, "(too small)");
		return;
	}
	ui_attr(app, COL_HEADER);
	ui_blank(app, y0, 0, w);
	ui_printf(app, y0, 0, w, " %s / pass@1 by framework and level", plot_metric_name(hv->metric));
	for (int c = 0; c < HEAT_COLS; c++)
		ui_str(app, y0 + 1, name_w + 1 + c * cell_w, cell_w - 1, heads[c]);
	ui_str(app, y0 + 1, decay_x + 1, w - decay_x - 1, "L3-L0");
	for (int r = 0; r < hv->m.rows && 2 + r * 2 < h; r++) {
		int y = y0 + 2 + r * 2;
		ui_attr(app, r == hv->m.rows - 1 ? COL_HEADER : COL_TEXT);
		ui_str(app, y, 1, name_w - 1, r == hv->m.rows - 1 ? "All" : task_framework_display(hv->m.fw[r]));
		for (int c = 0; c < HEAT_COLS; c++) {
			const struct heat_cell *cell = &hv->m.cell[r][c];
			int x = name_w + 1 + c * cell_w;
			bool cur = r == hv->cur_row && c == hv->cur_col;
			if (!cell->have) {
				ui_attr(app, cur ? COL_CURSOR : COL_DIM);
				ui_str(app, y, x, cell_w - 1, cur ? "[ - ]" : "  -");
				continue;
			}
			ui_attr(app, colors_heat(heat_cell_value(cell, hv->metric)));
			ui_blank(app, y, x, cell_w - 1);
			/* pass@1 to a tenth, as Table 1 and the status line give it; the
			 * cursor's closing bracket takes the gap after the cell */
			ui_printf(app, y, x, cell_w - (cur ? 0 : 1), "%s%5.1f/%-5.1f%s", cur ? "[" : " ",
				  heat_cell_value(cell, hv->metric) * 100, cell->pass1 * 100, cur ? "]" : "");
		}
		/* the decay (strict A%, as Table 1's ΔA%): red beyond -15 points */
		if (hv->m.have_decay[r]) {
			double d = hv->m.decay[r];
			ui_attr(app, d < -0.15 ? COL_BAD : d < 0 ? COL_WARN : COL_GOOD);
			ui_printf(app, y, decay_x, w - decay_x, "%+*.1f", HEAT_DECAY_W, d * 100);
		}
	}
	ui_attr(app, COL_DIM);
	if (h > 2 + hv->m.rows * 2)
		ui_str(app, y0 + 2 + hv->m.rows * 2, 1, w - 1,
		       "Means over tasks. L3-L0: the decay of strict A%. Enter lists a cell's tasks.");
}

static enum action
heatview_handle(struct app *app, struct view *v, enum action a)
{
	struct heat_view *hv = v->priv;

	switch (a) {
	case ACT_UP: if (hv->cur_row > 0) hv->cur_row--; return ACT_NONE;
	case ACT_DOWN: if (hv->cur_row + 1 < hv->m.rows) hv->cur_row++; return ACT_NONE;
	case ACT_LEFT: if (hv->cur_col > 0) hv->cur_col--; return ACT_NONE;
	case ACT_RIGHT: if (hv->cur_col + 1 < HEAT_COLS) hv->cur_col++; return ACT_NONE;
	case ACT_FIRST: hv->cur_row = 0; return ACT_NONE;
	case ACT_LAST: hv->cur_row = hv->m.rows - 1; return ACT_NONE;
	case ACT_METRIC:
		hv->metric = (enum plot_metric)((hv->metric + 1) % PLOT_METRIC_COUNT);
		return ACT_NONE;
	case ACT_PLOT:
		app_push(app, &view_plot_ops, &hv->run_id);
		return ACT_NONE;
	case ACT_ENTER:
	case ACT_TASKS: {
		struct task_filter f = {.run_id = hv->run_id, .level = -1};
		if (a == ACT_ENTER) {
			if (hv->cur_row < hv->m.rows - 1)
				snprintf(f.framework, sizeof(f.framework), "%s", hv->m.fw[hv->cur_row]);
			f.level = hv->cur_col < 4 ? hv->cur_col : -1;
		}
		app_push(app, &view_tasks_ops, &f);
		return ACT_NONE;
	}
	default:
		return a;
	}
}

static void
heatview_title(struct app *app, struct view *v, struct buf *out)
{
	struct heat_view *hv = v->priv;
	(void)app;
	buf_printf(out, "%s (framework x level)", hv->m.run_name);
}

static void
heatview_status(struct app *app, struct view *v, struct buf *out)
{
	struct heat_view *hv = v->priv;
	const struct heat_cell *c = &hv->m.cell[hv->cur_row][hv->cur_col];
	(void)app;

	if (!c->have) {
		buf_puts(out, "no tasks in this cell");
		return;
	}
	buf_printf(out, "%s%s%s: strict %.1f  raw %.1f  pass@1 %.1f  (%d task%s)",
		   hv->cur_row == hv->m.rows - 1 ? "all frameworks"
						 : task_framework_display(hv->m.fw[hv->cur_row]),
		   hv->cur_col < 4 ? " " : ", ",
		   hv->cur_col < 4 ? (const char *[]){"L0", "L1", "L2", "L3"}[hv->cur_col]
				   : "all levels",
		   c->strict * 100, c->raw * 100, c->pass1 * 100, c->n, c->n == 1 ? "" : "s");
}

static void
heatview_click(struct app *app, struct view *v, int y, int x, bool dbl)
{
	struct heat_view *hv = v->priv;
	int name_w = HEAT_NAME_W, cell_w = cell_width(v->w);
	int r = (y - v->y0 - 2) / 2, c;

	if (cell_w < 1 || x <= name_w || y < v->y0 + 2 || r >= hv->m.rows)
		return;
	c = (x - name_w - 1) / cell_w;
	if (c >= HEAT_COLS)
		return;
	hv->cur_row = r;
	hv->cur_col = c;
	if (dbl)
		heatview_handle(app, v, ACT_ENTER);
}

static int
heatview_reload(struct app *app, struct view *v, struct bt_error *err)
{
	return heatview_load(app, v->priv, err);
}

const struct view_ops view_heat_ops = {
	.id = VIEW_HEAT,
	.priv_size = sizeof(struct heat_view),
	.open = heatview_open,
	.draw = heatview_draw,
	.handle = heatview_handle,
	.title = heatview_title,
	.status = heatview_status,
	.click = heatview_click,
	.reload = heatview_reload,
};
