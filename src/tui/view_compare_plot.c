/* view_compare_plot.c: the compare view's Plot tab: the overlay of both
 * runs' decay curves and a bar chart of B - A by level. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/plot.h"
#include "view_compare.h"

#define DIFF_ROWS 5   /* the heading and one row per level */
#define DIFF_LABEL 22 /* "L0  -100.0 ±100.0" and a margin */

static enum color_elem
cell_color(const struct plot_data *d, const struct plot_cell *c)
{
	switch (c->role) {
	case PR_SERIES:
	case PR_MARKER:
	case PR_ERROR:
		return c->series >= 0 && c->series < d->n ? colors_series(d->s[c->series].color)
							  : COL_TEXT;
	case PR_AXIS: return COL_AXIS;
	case PR_TITLE: return COL_HEADER;
	default: return COL_TEXT;
	}
}

static void
draw_overlay(struct app *app, const struct compare_model *m, enum cmp_metric metric, int y0,
	     int h, int w)
{
	struct task_row *ra = xcalloc(m->n_both + 1, sizeof(*ra));
	struct task_row *rb = xcalloc(m->n_both + 1, sizeof(*rb));
	struct plot_data d;
	struct plot_canvas cv;
	size_t n = 0;

	/* only the common tasks, so the curves and the differences agree */
	for (size_t i = 0; i < m->n_tasks; i++)
		if (m->tasks[i].in_a && m->tasks[i].in_b) {
			ra[n] = m->tasks[i].a;
			rb[n++] = m->tasks[i].b;
		}
	memset(&d, 0, sizeof(d));
	d.metric = (enum plot_metric)metric;
	plot_data_add_run(&d, ra, n, 0, " (A)");
	plot_data_add_run(&d, rb, n, 1, " (B)");
	struct plot_opts o = {.w = w, .h = h, .ascii = app->ascii, .legend = true,
			      .highlight = -1, .cursor_series = -1, .cursor_level = -1};
	plot_render(&d, &o, &cv);
	for (int y = 0; y < cv.h && y < h; y++)
		for (int x = 0; x < cv.w && x < w; x++) {
			const struct plot_cell *c = &cv.cells[y * cv.w + x];
			if (c->role == PR_BLANK || !c->text[0])
				continue;
			ui_attr(app, cell_color(&d, c));
			ui_str(app, y0 + y, x, 1, c->text);
		}
	plot_canvas_free(&cv);
	free(ra);
	free(rb);
}

/* The smallest round scale (pp) that holds v. */
static double
nice_scale(double v)
{
	static const double steps[] = {1, 2, 5, 10, 20, 25, 50, 100};

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (v <= steps[i])
			return steps[i];
	return 100;
}

static void
draw_differences(struct app *app, const struct compare_model *m, enum cmp_metric k, int y0,
		 int w)
{
	int bw = w - DIFF_LABEL - 1, c;
	double most = 0, scale;

	if (bw % 2 == 0)
		bw--;
	c = bw / 2;
	for (int lv = 0; lv < 4; lv++) {
		const struct cmp_cell *cell = &m->cell[CMP_ALL_FW][lv];
		if (cell->n && fabs(cell->d[k]) + cell->ci[k] > most)
			most = fabs(cell->d[k]) + cell->ci[k];
	}
	scale = nice_scale(most * 100);
	ui_attr(app, COL_HEADER);
	ui_str(app, y0, 0, DIFF_LABEL, "B - A, 95% CI");
	if (c < 4)
		return;
	ui_attr(app, COL_AXIS);
	ui_printf(app, y0, DIFF_LABEL, 8, "%+.0f", -scale);
	ui_str(app, y0, DIFF_LABEL + c, 1, "0");
	ui_printf(app, y0, DIFF_LABEL + bw - 6, 7, "%+.0f pp", scale);
	for (int lv = 0; lv < 4; lv++) {
		const struct cmp_cell *cell = &m->cell[CMP_ALL_FW][lv];
		int y = y0 + 1 + lv;
		double d = cell->d[k] * 100, ci = cell->ci[k] * 100;

		ui_attr(app, COL_TEXT);
		if (cell->n == 0) {
			ui_attr(app, COL_DIM);
			ui_printf(app, y, 0, w, "L%d  no common task", lv);
			continue;
		}
		if (cell->n < 2) {
			/* one task: a difference, no interval */
			ui_printf(app, y, 0, DIFF_LABEL, "L%d  %+6.1f (1 task)", lv, d);
			ci = 0;
		} else {
			ui_printf(app, y, 0, DIFF_LABEL, "L%d  %+6.1f ±%.1f", lv, d, ci);
		}
		/* the zero axis, the interval as a line, the difference as a bar */
		int at = c + (int)lround(d / scale * c);
		int lo = c + (int)lround(fmax(d - ci, -scale) / scale * c);
		int hi = c + (int)lround(fmin(d + ci, scale) / scale * c);
		for (int x = 0; x <= 2 * c; x++) {
			bool bar = (x > c && x <= at) || (x < c && x >= at);
			if (bar) {
				ui_attr(app, d > 0 ? COL_GOOD : COL_BAD);
				ui_glyph(app, y, DIFF_LABEL + x, G_BLOCK_FULL);
			} else if (x == c) {
				ui_attr(app, COL_AXIS);
				ui_glyph(app, y, DIFF_LABEL + x, G_VLINE);
			} else if (x >= lo && x <= hi) {
				ui_attr(app, COL_DIM);
				ui_glyph(app, y, DIFF_LABEL + x, G_HLINE);
			}
		}
	}
}

void
compare_plot_draw(struct app *app, const struct compare_model *m, enum cmp_metric metric, int y0,
		  int h, int w)
{
	int diff_h = h >= 12 ? DIFF_ROWS : 0;

	if (m->n_both == 0) {
		ui_attr(app, COL_DIM);
		ui_str(app, y0 + 1, 2, w - 2, "No task is in both runs: there is nothing to compare.");
		return;
	}
	draw_overlay(app, m, metric, y0, h - diff_h, w);
	if (diff_h)
		draw_differences(app, m, metric, y0 + h - diff_h, w);
}
