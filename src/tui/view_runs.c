/* view_runs.c: the first view: one row per run, like the paper's Table 1.
 * open() takes no argument. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/model_memory.h"
#include "benchtop/model_runs.h"
#include "benchtop/model_tasks.h"
#include "benchtop/tui.h"

struct runs_view {
	struct runs_model m;
	struct listnav nav;
	int64_t marked[2]; /* the runs marked to compare: A, then B */
	int n_marked;
	struct memory_index memory; /* the runs' tags (a Tags column when any) */
};

static const struct ui_column columns[] = {
	{"Run", 22, true, false, true, "run", 0},
	{"Att", 3, false, true, false, "attempts", 0}, /* widened while a run is short */
	{"Tasks", 5, false, true, false, "tasks", 0},
	{"L0 A%", 5, false, true, false, "l0_a_pct", 0},
	{"L1 A%", 5, false, true, false, "l1_a_pct", 0},
	{"L2 A%", 5, false, true, false, "l2_a_pct", 0},
	{"L3 A%", 5, false, true, false, "l3_a_pct", 0},
	{"ΔA%", 6, false, true, false, "delta_a_pct", 0},
	{"p@1", 5, false, true, false, "pass1", 0},
	{"Last", 5, false, true, false, "last_import", 0},
	{"Tags", 8, true, false, false, "tags", 0},
};
/* the last column, Tags, only when the store has tags or notes */
#define N_COLUMNS(rv) (sizeof(columns) / sizeof(columns[0]) - !(rv)->memory.n)

static int
runsview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	struct runs_view *rv = v->priv;
	int rc;
	(void)arg;
	if ((rc = runs_model_load(&rv->m, app->st, app->exclude_limits, err)))
		return rc;
	return memory_index_load(&rv->memory, app->st, err);
}

static void
runsview_close(struct view *v)
{
	struct runs_view *rv = v->priv;
	runs_model_free(&rv->m);
	memory_index_free(&rv->memory);
}

static void
cell(struct app *app, void *ctx, size_t row, size_t col, struct ui_cell *c)
{
	struct runs_view *rv = ctx;
	const struct run_row *r = &rv->m.rows[row];
	(void)app;

	switch (col) {
	case 0: {
		/* with marks, names move right: the mark, then A or B */
		const char *tag = !rv->n_marked ? "" : r->id == rv->marked[0] ? " A " :
				  rv->n_marked > 1 && r->id == rv->marked[1] ? " B " : "   ";
		snprintf(c->text, sizeof(c->text), "%s%s%s%s", tag, r->name, r->missing > 0 ? "*" : "",
			 r->live ? " live" : "");
		if (r->live)
			c->color = COL_GOOD;
		break;
	}
	case 1:
		/* imported / expected while a run is short of its attempts */
		if (r->expected && r->attempts < r->expected)
			snprintf(c->text, sizeof(c->text), "%ld/%ld", r->attempts, r->expected);
		else
			snprintf(c->text, sizeof(c->text), "%ld", r->attempts);
		break;
	case 2:
		snprintf(c->text, sizeof(c->text), "%ld", r->tasks);
		if (r->missing > 0)
			c->color = COL_WARN;
		break;
	case 3: case 4: case 5: case 6: {
		int lv = (int)col - 3;
		if (r->have[lv]) {
			snprintf(c->text, sizeof(c->text), "%.1f", r->a[lv] * 100);
			c->color = colors_heat(r->a[lv]) == COL_HEAT0 ? COL_BAD : COL_TEXT;
		} else {
			snprintf(c->text, sizeof(c->text), "-");
			c->color = COL_DIM;
		}
		break;
	}
	case 7:
		if (r->have_delta) {
			snprintf(c->text, sizeof(c->text), "%+.1f", r->delta * 100);
			c->color = r->delta < -0.15 ? COL_BAD : r->delta < 0 ? COL_WARN : COL_GOOD;
		} else {
			snprintf(c->text, sizeof(c->text), "-");
		}
		break;
	case 8:
		snprintf(c->text, sizeof(c->text), "%.1f", r->p1_all * 100);
		break;
	case 9:
		snprintf(c->text, sizeof(c->text), "%s", r->last);
		c->color = COL_DIM;
		break;
	case 10: {
		const struct memory_entry *e = memory_lookup_parts(&rv->memory, r->name, NULL, -1);
		snprintf(c->text, sizeof(c->text), "%s", e ? e->tags : "");
		break;
	}
	}
}

static void
runsview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	struct runs_view *rv = v->priv;

	rv->nav.n = rv->m.n;
	if (rv->m.n == 0) {
		ui_attr(app, COL_DIM);
		ui_str(app, y0 + 1, 2, w - 2, "No runs in this store yet.");
		ui_str(app, y0 + 2, 2, w - 2, "Import results with: benchtop import PATH");
		return;
	}
	bool *marked = xcalloc(rv->m.n, sizeof(bool));
	for (size_t i = 0; i < rv->m.n; i++)
		for (int k = 0; k < rv->n_marked; k++)
			marked[i] |= rv->m.rows[i].id == rv->marked[k];
	/* "57/240" needs room only while a run is short of its attempts */
	struct ui_column cols[sizeof(columns) / sizeof(columns[0])];
	memcpy(cols, columns, sizeof(cols));
	cols[1].width = 3;
	for (size_t i = 0; i < rv->m.n; i++) {
		struct ui_cell c = {.color = COL_TEXT};
		cell(app, rv, i, 1, &c);
		if ((int)strlen(c.text) > cols[1].width)
			cols[1].width = (int)strlen(c.text);
	}
	ui_table_draw(app, y0, h, w, &rv->nav, cols, N_COLUMNS(rv), cell, rv, marked);
	free(marked);
}

void
view_runs_select(struct view *v, int64_t run_id)
{
	struct runs_view *rv = v->priv;

	rv->nav.n = rv->m.n;
	for (size_t i = 0; i < rv->m.n; i++)
		if (rv->m.rows[i].id == run_id)
			listnav_goto(&rv->nav, i);
}

static const struct run_row *
current(struct runs_view *rv)
{
	return rv->m.n ? &rv->m.rows[rv->nav.cur] : NULL;
}

static void
toggle_mark(struct app *app, struct runs_view *rv, const struct run_row *r)
{
	for (int k = 0; k < rv->n_marked; k++)
		if (rv->marked[k] == r->id) {
			rv->marked[k] = rv->marked[1];
			rv->n_marked--;
			return;
		}
	if (rv->n_marked == 2) {
		app_message(app, true, "two runs are marked already: Space on one unmarks it");
		return;
	}
	rv->marked[rv->n_marked++] = r->id;
}

/* A is the first run marked; B the second, else the current run. */
static void
compare(struct app *app, struct runs_view *rv, const struct run_row *r)
{
	struct compare_target t = {0};

	if (rv->n_marked == 0 || !r) {
		app_message(app, true, "mark a run with Space first: c compares it with the current "
			    "run, or with a second marked run");
		return;
	}
	t.run_a = rv->marked[0];
	t.run_b = rv->n_marked == 2 ? rv->marked[1] : r->id;
	app_push(app, &view_compare_ops, &t);
}

/* Sort, keeping the cursor on the same run. */
static void
resort(struct runs_view *rv, enum runs_sort s, bool reverse)
{
	int64_t keep = current(rv) ? current(rv)->id : 0;

	runs_model_sort(&rv->m, s, reverse);
	for (size_t i = 0; i < rv->m.n; i++)
		if (rv->m.rows[i].id == keep)
			listnav_goto(&rv->nav, i);
}

static enum action
runsview_handle(struct app *app, struct view *v, enum action a)
{
	struct runs_view *rv = v->priv;
	const struct run_row *r = current(rv);

	if (view_list_move(&rv->nav, a))
		return ACT_NONE;
	switch (a) {
	case ACT_FAILURES:
		/* two marked runs: A's and B's failures and the change */
		if (r || rv->n_marked) {
			struct failures_target t = {.run_a = rv->n_marked ? rv->marked[0] : r->id,
						    .run_b = rv->n_marked == 2 ? rv->marked[1] : 0,
						    .filter = {.level = -1}};
			app_push(app, &view_failures_ops, &t);
		}
		return ACT_NONE;
	case ACT_ENTER:
	case ACT_PLOT:
		if (r)
			app_push(app, &view_plot_ops, &r->id);
		return ACT_NONE;
	case ACT_HEAT:
		if (r)
			app_push(app, &view_heat_ops, &r->id);
		return ACT_NONE;
	case ACT_TASKS:
	case ACT_TASKS_ALL:
		if (r || a == ACT_TASKS_ALL) {
			struct task_filter f = {.run_id = a == ACT_TASKS ? r->id : 0, .level = -1};
			app_push(app, &view_tasks_ops, &f);
		}
		return ACT_NONE;
	case ACT_SORT:
		resort(rv, (enum runs_sort)((rv->m.sort + 1) % RUNS_SORT_COUNT), false);
		return ACT_NONE;
	case ACT_SORT_REVERSE:
		resort(rv, rv->m.sort, !rv->m.reverse);
		return ACT_NONE;
	case ACT_MARK:
		if (r)
			toggle_mark(app, rv, r);
		return ACT_NONE;
	case ACT_COMPARE:
		compare(app, rv, r);
		return ACT_NONE;
	default:
		return a;
	}
}

static void
runsview_title(struct app *app, struct view *v, struct buf *out)
{
	(void)app;
	(void)v;
	buf_puts(out, "runs");
}

static void
runsview_status(struct app *app, struct view *v, struct buf *out)
{
	struct runs_view *rv = v->priv;
	const struct run_row *r = current(rv);
	bool subset = false;

	for (size_t i = 0; i < rv->m.n; i++)
		subset |= rv->m.rows[i].missing > 0;
	buf_printf(out, "%zu run%s, %ld tasks seen", rv->m.n, rv->m.n == 1 ? "" : "s",
		   rv->m.union_tasks);
	/* the mark's one rule: a run lacks a task some other run has */
	if (r && r->missing > 0) /* "3 tasks seen, * lacks 2": this run does */
		buf_printf(out, ", * lacks %ld", r->missing);
	else if (subset)
		buf_puts(out, ", * lacks some");
	buf_printf(out, "  sort: %s%s  ", runs_sort_name(rv->m.sort),
		   rv->m.reverse ? " (reversed)" : "");
	if (rv->n_marked)
		buf_printf(out, "%d marked (c compares)  ", rv->n_marked);
	buf_puts(out, app->store_path ? path_base(app->store_path) : "");
}

static bool
runsview_search(struct app *app, struct view *v, const char *needle, int dir)
{
	struct runs_view *rv = v->priv;
	(void)app;

	for (size_t k = 1; k <= rv->m.n; k++) {
		size_t i = (rv->nav.cur + (dir > 0 ? k : rv->m.n * 2 - k)) % rv->m.n;
		const struct run_row *r = &rv->m.rows[i];
		if (strstr(r->name, needle) || strstr(r->label, needle)) {
			listnav_goto(&rv->nav, i);
			return true;
		}
	}
	return false;
}

static void
runsview_click(struct app *app, struct view *v, int y, int x, bool dbl)
{
	struct runs_view *rv = v->priv;
	size_t row = rv->nav.top + (size_t)(y - v->y0 - 1);
	(void)x;

	if (y <= v->y0 || row >= rv->m.n)
		return;
	listnav_goto(&rv->nav, row);
	if (dbl)
		runsview_handle(app, v, ACT_ENTER);
}

static void
runsview_command(struct app *app, struct view *v, enum command cmd, const char *arg)
{
	int s;

	(void)cmd; /* :sort, the runs view's only command */
	if ((s = runs_sort_parse(arg)) < 0)
		app_message(app, true, "sort by name, A%%, delta, pass1 or tasks");
	else
		resort(v->priv, (enum runs_sort)s, false);
}

static int
runsview_reload(struct app *app, struct view *v, struct bt_error *err)
{
	struct runs_view *rv = v->priv;
	int64_t keep = current(rv) ? current(rv)->id : 0;
	enum runs_sort s = rv->m.sort;
	bool rev = rv->m.reverse;
	int rc;

	runs_model_free(&rv->m);
	memory_index_free(&rv->memory);
	if ((rc = runs_model_load(&rv->m, app->st, app->exclude_limits, err)) ||
	    (rc = memory_index_load(&rv->memory, app->st, err)))
		return rc;
	runs_model_sort(&rv->m, s, rev);
	rv->nav.n = rv->m.n;
	for (size_t i = 0; i < rv->m.n; i++)
		if (rv->m.rows[i].id == keep)
			listnav_keep(&rv->nav, i);
	listnav_clamp(&rv->nav);
	return BT_OK;
}

static bool
runsview_table(struct app *app, struct view *v, struct list_table *t, size_t *cur)
{
	struct runs_view *rv = v->priv;

	*t = (struct list_table){.title = "Runs", .cols = columns, .ncols = N_COLUMNS(rv),
				 .nrows = rv->m.n, .cell = cell, .ctx = rv, .app = app};
	*cur = rv->nav.cur;
	return true;
}

static bool
runsview_address(struct app *app, struct view *v, struct address *out)
{
	struct runs_view *rv = v->priv;
	(void)app;

	if (!current(rv))
		return false;
	address_set(out, current(rv)->name, NULL, -1);
	return true;
}

const struct view_ops view_runs_ops = {
	.id = VIEW_RUNS,
	.priv_size = sizeof(struct runs_view),
	.open = runsview_open,
	.close = runsview_close,
	.draw = runsview_draw,
	.handle = runsview_handle,
	.title = runsview_title,
	.status = runsview_status,
	.search = runsview_search,
	.click = runsview_click,
	.command = runsview_command,
	.reload = runsview_reload,
	.table = runsview_table,
	.address = runsview_address,
};
