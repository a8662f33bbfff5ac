/* view_plot.c: the decay plot of one run: A% against the number of
 * constraints, one line per framework.  open() takes a pointer to the run id. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/model_runs.h"
#include "benchtop/model_tasks.h"
#include "benchtop/plot.h"
#include "benchtop/tui.h"

struct plot_view {
	int64_t run_id;
	char run_name[128];
	struct task_row *rows;
	size_t n_rows;
	struct plot_data data;
	struct plot_opts opts;
	bool multiples;
	int cur_series, cur_level;
};

static void
rebuild(struct plot_view *pv, enum plot_metric metric)
{
	memset(&pv->data, 0, sizeof(pv->data));
	pv->data.metric = metric;
	snprintf(pv->data.title, sizeof(pv->data.title), "%s: %s by number of constraints",
		 pv->run_name, plot_metric_name(metric));
	plot_data_add_run(&pv->data, pv->rows, pv->n_rows, 0, NULL);
	if (pv->cur_series >= pv->data.n)
		pv->cur_series = pv->data.n ? pv->data.n - 1 : 0;
}

static int
plotview_load(struct app *app, struct plot_view *pv, struct bt_error *err)
{
	int rc;

	free(pv->rows);
	pv->rows = NULL;
	if ((rc = store_run_name(app->st, pv->run_id, pv->run_name, sizeof(pv->run_name), err)) ||
	    (rc = runs_model_task_rows(app->st, pv->run_id, app->exclude_limits, &pv->rows,
					&pv->n_rows, err)))
		return rc;
	rebuild(pv, pv->data.metric);
	return BT_OK;
}

static int
plotview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	struct plot_view *pv = v->priv;

	pv->run_id = *(const int64_t *)arg;
	pv->data.metric = PLOT_STRICT;
	pv->opts.highlight = -1;
	pv->opts.legend = true;
	return plotview_load(app, pv, err);
}

static void
plotview_close(struct view *v)
{
	struct plot_view *pv = v->priv;
	free(pv->rows);
}

static enum color_elem
role_color(const struct plot_view *pv, const struct plot_cell *c)
{
	switch (c->role) {
	case PR_SERIES:
	case PR_MARKER:
	case PR_ERROR:
		if (c->series >= 0 && c->series < pv->data.n)
			return colors_series(pv->data.s[c->series].color);
		return COL_TEXT;
	case PR_CURSOR: return COL_CURSOR;
	case PR_AXIS: return COL_AXIS;
	case PR_TITLE: return COL_HEADER;
	default: return COL_TEXT;
	}
}

static void
plotview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	struct plot_view *pv = v->priv;
	struct plot_canvas cv;

	if (pv->data.n == 0) {
		ui_attr(app, COL_DIM);
		ui_str(app, y0 + 1, 2, w - 2, "This run has no generation tasks to plot.");
		return;
	}
	pv->opts.w = w;
	pv->opts.h = h;
	pv->opts.ascii = app->ascii;
	pv->opts.small_multiples = pv->multiples;
	pv->opts.cursor_series = pv->cur_series;
	pv->opts.cursor_level = pv->cur_level;
	if (pv->multiples)
		plot_render_multiples(&pv->data, &pv->opts, &cv);
	else
		plot_render(&pv->data, &pv->opts, &cv);
	for (int y = 0; y < cv.h && y < h; y++)
		for (int x = 0; x < cv.w && x < w; x++) {
			const struct plot_cell *c = &cv.cells[y * cv.w + x];
			if (c->role == PR_BLANK || !c->text[0])
				continue;
			ui_attr(app, role_color(pv, c));
			ui_str(app, y0 + y, x, 1, c->text);
		}
	plot_canvas_free(&cv);
}

/* The visible series with a point at the cursor's level, ordered by value. */
static int
neighbour(const struct plot_view *pv, int dir)
{
	const struct plot_data *d = &pv->data;
	int lv = pv->cur_level, best = -1;
	double cur = pv->cur_series < d->n && d->s[pv->cur_series].have[lv]
			     ? d->s[pv->cur_series].y[lv] : 0;

	for (int i = 0; i < d->n; i++) {
		if (i == pv->cur_series || !d->s[i].have[lv] || (pv->opts.hidden & (1u << i)))
			continue;
		double y = d->s[i].y[lv];
		bool beyond = dir > 0 ? (y > cur || (y == cur && i > pv->cur_series))
				      : (y < cur || (y == cur && i < pv->cur_series));
		if (!beyond)
			continue;
		if (best < 0 || (dir > 0 ? y < d->s[best].y[lv] : y > d->s[best].y[lv]))
			best = i;
	}
	return best;
}

static void
toggle_series(struct plot_view *pv, int i)
{
	if (i < 0 || i >= pv->data.n)
		return;
	pv->opts.hidden ^= 1u << i;
}

static enum action
plotview_handle(struct app *app, struct view *v, enum action a)
{
	struct plot_view *pv = v->priv;
	int n;

	switch (a) {
	case ACT_LEFT:
		if (pv->cur_level > 0)
			pv->cur_level--;
		return ACT_NONE;
	case ACT_RIGHT:
		if (pv->cur_level < PLOT_LEVELS - 1)
			pv->cur_level++;
		return ACT_NONE;
	case ACT_UP:
	case ACT_DOWN:
		n = neighbour(pv, a == ACT_UP ? 1 : -1);
		if (n >= 0)
			pv->cur_series = n;
		else if (pv->cur_series < pv->data.n) /* an edge: say so, not seem deaf */
			app_message(app, false, "%s is the %s series at L%d%s",
				    pv->data.s[pv->cur_series].label, a == ACT_UP ? "top" : "bottom",
				    pv->cur_level, neighbour(pv, a == ACT_UP ? -1 : 1) < 0
				    ? " (the only one shown)" : a == ACT_UP ? ": nothing above"
				    : ": nothing below");
		return ACT_NONE;
	case ACT_FIRST:
		pv->cur_level = 0;
		return ACT_NONE;
	case ACT_LAST:
		pv->cur_level = PLOT_LEVELS - 1;
		return ACT_NONE;
	case ACT_METRIC:
		rebuild(pv, (enum plot_metric)((pv->data.metric + 1) % PLOT_METRIC_COUNT));
		return ACT_NONE;
	case ACT_ERROR_BARS:
		pv->opts.error_bars = !pv->opts.error_bars;
		return ACT_NONE;
	case ACT_SMALL_MULTIPLES:
		pv->multiples = !pv->multiples;
		return ACT_NONE;
	case ACT_HIGHLIGHT:
		pv->opts.highlight = pv->opts.highlight == pv->cur_series ? -1 : pv->cur_series;
		return ACT_NONE;
	case ACT_TOGGLE_SERIES:
		toggle_series(pv, pv->cur_series);
		return ACT_NONE;
	case ACT_ALL_SERIES:
		pv->opts.hidden = 0;
		return ACT_NONE;
	case ACT_SERIES_1: case ACT_SERIES_2: case ACT_SERIES_3: case ACT_SERIES_4:
	case ACT_SERIES_5: case ACT_SERIES_6: case ACT_SERIES_7: case ACT_SERIES_8:
		toggle_series(pv, (int)(a - ACT_SERIES_1));
		return ACT_NONE;
	case ACT_HEAT:
		app_push(app, &view_heat_ops, &pv->run_id);
		return ACT_NONE;
	case ACT_FAILURES: {
		struct failures_target t = {.run_a = pv->run_id, .filter = {.level = -1}};
		app_push(app, &view_failures_ops, &t);
		return ACT_NONE;
	}
	case ACT_ENTER:
	case ACT_TASKS: {
		struct task_filter f = {.run_id = pv->run_id, .level = -1};
		if (a == ACT_ENTER && pv->cur_series < pv->data.n) {
			snprintf(f.framework, sizeof(f.framework), "%s",
				 pv->data.s[pv->cur_series].framework);
			f.level = pv->cur_level;
		}
		app_push(app, &view_tasks_ops, &f);
		return ACT_NONE;
	}
	default:
		return a;
	}
}

static void
plotview_title(struct app *app, struct view *v, struct buf *out)
{
	struct plot_view *pv = v->priv;
	(void)app;
	buf_printf(out, "%s (decay plot)", pv->run_name);
}

static void
plotview_status(struct app *app, struct view *v, struct buf *out)
{
	struct plot_view *pv = v->priv;
	const struct plot_series *s;
	(void)app;

	if (pv->cur_series >= pv->data.n)
		return;
	s = &pv->data.s[pv->cur_series];
	if (!s->have[pv->cur_level]) {
		buf_printf(out, "%s L%d: no tasks", s->label, pv->cur_level);
		return;
	}
	/* the spread named: a bare "+/-" leaves SE, SD or a CI to guess */
	buf_printf(out, "%s L%d: %s %.1f%% (SE %.1f, N=%d task%s)%s%s", s->label, pv->cur_level,
		   plot_metric_name(pv->data.metric), s->y[pv->cur_level] * 100,
		   s->sem[pv->cur_level] * 100, s->n[pv->cur_level],
		   s->n[pv->cur_level] == 1 ? "" : "s", pv->opts.hidden & (1u << pv->cur_series)
		   ? " [hidden]" : "", pv->opts.error_bars ? "  bars: +/-1 SE" : "");
}

static void
plotview_command(struct app *app, struct view *v, enum command cmd, const char *arg)
{
	struct plot_view *pv = v->priv;
	int m;

	(void)cmd; /* :metric, the plot's only command */
	if ((m = plot_metric_parse(arg)) < 0)
		app_message(app, true, "metric is strict, raw or pass1");
	else
		rebuild(pv, (enum plot_metric)m);
}

static void
plotview_click(struct app *app, struct view *v, int y, int x, bool dbl)
{
	struct plot_view *pv = v->priv;
	int s, lv;

	if (!plot_point_near(&pv->data, &pv->opts, x, y - v->y0, &s, &lv))
		return;
	pv->cur_series = s;
	pv->cur_level = lv;
	if (dbl)
		plotview_handle(app, v, ACT_ENTER);
}

static int
plotview_reload(struct app *app, struct view *v, struct bt_error *err)
{
	return plotview_load(app, v->priv, err);
}

const struct view_ops view_plot_ops = {
	.id = VIEW_PLOT,
	.priv_size = sizeof(struct plot_view),
	.open = plotview_open,
	.close = plotview_close,
	.draw = plotview_draw,
	.handle = plotview_handle,
	.title = plotview_title,
	.status = plotview_status,
	.command = plotview_command,
	.click = plotview_click,
	.reload = plotview_reload,
};
