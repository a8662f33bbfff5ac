/* view_compare.c: two runs side by side, in four tabs: Summary (both runs'
 * Table 1 rows over the common tasks, B - A with its confidence interval,
 * coverage), Plot (view_compare_plot.c), Table (B - A by framework and
 * level) and Tasks (every task sorted by change and marked by CMP_RULE).
 * Enter on a task opens its attempt pair (view_compare_pair.c).  open()
 * takes a struct compare_target * (task_id unused). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/plot.h"
#include "view_compare.h"

enum tab { TAB_SUMMARY, TAB_PLOT, TAB_TABLE, TAB_TASKS, TAB_COUNT };
static const char *const tab_names[TAB_COUNT] = {"Summary", "Plot", "Table", "Tasks"};

struct compare_view {
	struct compare_model m;
	enum tab tab;
	enum cmp_metric metric;       /* of the plot and the table */
	struct listnav nav;           /* the task list */
	int rows[TASK_N_FRAMEWORKS + 1], n_rows; /* the table's frameworks, then CMP_ALL_FW */
	int cur_row, cur_col;         /* the table's cursor */
	int scroll;                   /* summary lines scrolled off the top */
};

static void
table_rows(struct compare_view *cv)
{
	cv->n_rows = 0;
	for (int f = 0; f < TASK_N_FRAMEWORKS; f++)
		if (cv->m.cell[f][CMP_ALL_LV].n > 0)
			cv->rows[cv->n_rows++] = f;
	cv->rows[cv->n_rows++] = CMP_ALL_FW;
	if (cv->cur_row >= cv->n_rows)
		cv->cur_row = cv->n_rows - 1;
}

static int
compareview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	const struct compare_target *t = arg;
	struct compare_view *cv = v->priv;
	int rc;

	if ((rc = compare_model_load(&cv->m, app->st, t->run_a, t->run_b, err)))
		return rc;
	table_rows(cv);
	return BT_OK;
}

static void
compareview_close(struct view *v)
{
	struct compare_view *cv = v->priv;
	compare_model_free(&cv->m);
}

static const struct cmp_task *
shown(const struct compare_view *cv, size_t i)
{
	return &cv->m.tasks[cv->m.shown[i]];
}

/* ------------------------------------------------------------ summary */

#define LABEL_W 8
#define CELL_W 13 /* "-100.0/-100.0" */
#define DELTA_W 7

/* The screen row of summary line r, or -1 when scrolled off (drawing
 * helpers ignore rows off the screen). */
static int
line_y(const struct compare_view *cv, int y0, int h, int r)
{
	int y = r - cv->scroll;
	return y >= 0 && y < h ? y0 + y : -1;
}

/* Text ending at column `end` of the summary's level `lv` (5: the ΔA% column). */
static void
right(struct app *app, int y, int lv, const char *text)
{
	int end = lv < 5 ? LABEL_W + (lv + 1) * CELL_W : LABEL_W + 5 * CELL_W + DELTA_W;
	int tw = (int)ui_width(app, text);

	ui_str(app, y, end - tw, tw, text);
}

static void
level_header(struct app *app, int y)
{
	static const char *const heads[] = {"L0", "L1", "L2", "L3", "All"};

	ui_attr(app, COL_HEADER);
	ui_str(app, y, 0, LABEL_W + CELL_W - 4, "A% / pass@1");
	for (int lv = 0; lv <= CMP_ALL_LV; lv++)
		right(app, y, lv, heads[lv]);
	right(app, y, 5, "ΔA%");
}

/* One run's row: strict A% / pass@1 per level, all, and L3 - L0. */
static void
run_row(struct app *app, int y, const char *label, const struct cmp_mean *v)
{
	char text[32];

	ui_attr(app, COL_TEXT);
	ui_str(app, y, 0, LABEL_W, label);
	for (int lv = 0; lv <= CMP_ALL_LV; lv++) {
		snprintf(text, sizeof(text), v[lv].n ? "%.1f/%.1f" : "-", v[lv].v[CMP_STRICT] * 100,
			 v[lv].v[CMP_PASS1] * 100);
		right(app, y, lv, text);
	}
	if (v[0].n && v[3].n) {
		snprintf(text, sizeof(text), "%+.1f", (v[3].v[CMP_STRICT] - v[0].v[CMP_STRICT]) * 100);
		right(app, y, 5, text);
	}
}

/* A cell's B - A: coloured when its 95% interval leaves out zero. */
static void
diff_rows(struct app *app, int y, int yci, const struct compare_model *m)
{
	const struct cmp_cell *c = m->cell[CMP_ALL_FW];
	char text[32];

	ui_attr(app, COL_TEXT);
	ui_str(app, y, 0, LABEL_W, "B - A");
	ui_attr(app, COL_DIM);
	ui_str(app, yci, 0, LABEL_W, "95% CI");
	for (int lv = 0; lv <= CMP_ALL_LV; lv++) {
		bool sure = c[lv].n >= 2 && fabs(c[lv].d[CMP_STRICT]) > c[lv].ci[CMP_STRICT];

		snprintf(text, sizeof(text), c[lv].n ? "%+.1f/%+.1f" : "-", c[lv].d[CMP_STRICT] * 100,
			 c[lv].d[CMP_PASS1] * 100);
		ui_attr(app, !sure ? COL_TEXT : c[lv].d[CMP_STRICT] > 0 ? COL_GOOD : COL_BAD);
		right(app, y, lv, text);
		snprintf(text, sizeof(text), c[lv].n >= 2 ? "±%.1f" : "-",
			 c[lv].ci[CMP_STRICT] * 100);
		ui_attr(app, COL_DIM);
		right(app, yci, lv, text);
	}
	ui_attr(app, COL_TEXT);
	if (c[0].n && c[3].n) {
		snprintf(text, sizeof(text), "%+.1f", (c[3].d[CMP_STRICT] - c[0].d[CMP_STRICT]) * 100);
		right(app, y, 5, text);
	}
}

static void
draw_summary(struct app *app, struct compare_view *cv, int y0, int h, int w)
{
	const struct compare_model *m = &cv->m;
	struct cmp_mean a[CMP_ALL_LV + 1], b[CMP_ALL_LV + 1];
	int r = 0;

	if (cv->scroll > 17 - h)
		cv->scroll = 17 - h > 0 ? 17 - h : 0;
	ui_attr(app, COL_HEADER);
	ui_str(app, line_y(cv, y0, h, r), 0, 3, "A");
	ui_str(app, line_y(cv, y0, h, r + 1), 0, 3, "B");
	ui_attr(app, COL_TEXT);
	ui_str(app, line_y(cv, y0, h, r), 3, w - 3, m->name_a);
	ui_str(app, line_y(cv, y0, h, r + 1), 3, w - 3, m->name_b);
	r += 2;
	ui_printf(app, line_y(cv, y0, h, r++), 0, w,
		  "Coverage: %zu generation task%s in both, %zu only in A, %zu only in B", m->n_both,
		  m->n_both == 1 ? "" : "s", m->n_only_a, m->n_only_b);
	ui_attr(app, COL_DIM);
	ui_str(app, line_y(cv, y0, h, r++), 10, w - 10,
	       "only the tasks in both enter a row below or a difference");
	r++;
	level_header(app, line_y(cv, y0, h, r++));
	for (int lv = 0; lv <= CMP_ALL_LV; lv++) {
		const struct cmp_cell *c = &m->cell[CMP_ALL_FW][lv];
		a[lv].n = b[lv].n = c->n;
		memcpy(a[lv].v, c->a, sizeof(a[lv].v));
		memcpy(b[lv].v, c->b, sizeof(b[lv].v));
	}
	run_row(app, line_y(cv, y0, h, r++), "A", a);
	run_row(app, line_y(cv, y0, h, r++), "B", b);
	diff_rows(app, line_y(cv, y0, h, r), line_y(cv, y0, h, r + 1), m);
	r += 3;
	ui_attr(app, COL_TEXT);
	int y = line_y(cv, y0, h, r++), x = ui_str(app, y, 0, w, "Tasks:    ");
	ui_attr(app, m->n_mark[CMP_REGRESSED] ? COL_BAD : COL_TEXT);
	x += ui_printf(app, y, x, w - x, "%zu regressed", m->n_mark[CMP_REGRESSED]);
	ui_attr(app, COL_TEXT);
	x += ui_str(app, y, x, w - x, ", ");
	ui_attr(app, m->n_mark[CMP_IMPROVED] ? COL_GOOD : COL_TEXT);
	x += ui_printf(app, y, x, w - x, "%zu improved", m->n_mark[CMP_IMPROVED]);
	ui_attr(app, COL_TEXT);
	ui_printf(app, y, x, w - x, ", %zu unchanged", m->n_mark[CMP_UNCHANGED]);
	ui_attr(app, COL_DIM);
	ui_str(app, line_y(cv, y0, h, r++), 10, w - 10,
	       "Welch's t-test on the attempts' strict A%, p < 0.05 (? tells more)");
	if (!m->n_only_a && !m->n_only_b)
		return;
	r++;
	ui_attr(app, COL_HEADER);
	ui_str(app, line_y(cv, y0, h, r++), 0, w, "Each run alone, over all of its tasks");
	run_row(app, line_y(cv, y0, h, r++), "A alone", m->own_a);
	run_row(app, line_y(cv, y0, h, r++), "B alone", m->own_b);
}

/* ------------------------------------------------------------ table */

static const char *
fw_name(int fw)
{
	return fw == CMP_ALL_FW ? "All" : task_framework_display(task_frameworks[fw]);
}

static void
draw_table(struct app *app, struct compare_view *cv, int y0, int h, int w)
{
	static const char *const heads[] = {"L0", "L1", "L2", "L3", "all levels"};
	static const char *const legend[] = {"<=-10", "-10..-2", "+-2", "+2..+10", ">=+10 pp"};
	int name_w = 10, cell_w = (w - name_w - 1) / 5, x;

	if (cell_w > 14)
		cell_w = 14;
	if (cell_w < 8 || h < 3) {
		ui_attr(app, COL_DIM);
		ui_str(app, y0, 0, w, "(too small)");
		return;
	}
	ui_attr(app, COL_HEADER);
	ui_printf(app, y0, 0, w, " B - A %s by framework and level (common tasks)",
		  plot_metric_name((enum plot_metric)cv->metric));
	for (int c = 0; c < 5; c++)
		ui_str(app, y0 + 1, name_w + 1 + c * cell_w, cell_w - 1, heads[c]);
	for (int r = 0; r < cv->n_rows && 2 + r * 2 < h; r++) {
		int y = y0 + 2 + r * 2, fw = cv->rows[r];
		ui_attr(app, fw == CMP_ALL_FW ? COL_HEADER : COL_TEXT);
		ui_str(app, y, 1, name_w - 1, fw_name(fw));
		for (int c = 0; c < 5; c++) {
			const struct cmp_cell *cell = &cv->m.cell[fw][c];
			bool cur = r == cv->cur_row && c == cv->cur_col;
			x = name_w + 1 + c * cell_w;
			if (!cell->n) {
				ui_attr(app, cur ? COL_CURSOR : COL_DIM);
				ui_str(app, y, x, cell_w - 1, cur ? "[  -  ]" : "   -");
				continue;
			}
			ui_attr(app, (enum color_elem)(COL_HEAT0 + compare_bucket(cell->d[cv->metric])));
			ui_blank(app, y, x, cell_w - 1);
			ui_printf(app, y, x, cell_w - 1, "%s%+6.1f%s", cur ? "[" : " ",
				  cell->d[cv->metric] * 100, cur ? "]" : "");
		}
	}
	if (2 + cv->n_rows * 2 >= h)
		return;
	x = 1;
	ui_attr(app, COL_DIM);
	x += ui_str(app, y0 + 2 + cv->n_rows * 2, x, w - x, "Colours: ");
	for (int b = 0; b < 5 && x < w; b++) {
		ui_attr(app, (enum color_elem)(COL_HEAT0 + b));
		x += ui_printf(app, y0 + 2 + cv->n_rows * 2, x, w - x, " %s ", legend[b]);
		ui_attr(app, COL_TEXT);
		x += ui_str(app, y0 + 2 + cv->n_rows * 2, x, w - x, " ");
	}
}

static const struct cmp_cell *
table_cell(const struct compare_view *cv)
{
	return &cv->m.cell[cv->rows[cv->cur_row]][cv->cur_col];
}

/* ------------------------------------------------------------ tasks */

static const struct ui_column task_columns[] = {
	{"Framework", 9, false, false, false, "framework", 0},
	{"Constraints", 11, true, false, false, "constraints", 0},
	{"L", 1, false, true, false, "level", 0},
	{"A%:A", 5, false, true, false, "a_strict", 0},
	{"A%:B", 5, false, true, false, "b_strict", 0},
	{"ΔA%", 6, false, true, false, "delta_strict", 0},
	{"p@1:A", 5, false, true, false, "a_pass1", 0},
	{"p@1:B", 5, false, true, false, "b_pass1", 0},
	{"p", 5, false, true, false, "p_value", 0},
	{"Change", 9, false, false, false, "change", 0},
};
#define N_TASK_COLUMNS (sizeof(task_columns) / sizeof(task_columns[0]))

static enum color_elem
mark_color(enum cmp_mark m)
{
	switch (m) {
	case CMP_REGRESSED: return COL_BAD;
	case CMP_IMPROVED: return COL_GOOD;
	case CMP_UNCHANGED: return COL_DIM;
	default: return COL_WARN;
	}
}

static void
task_cell(struct app *app, void *ctx, size_t row, size_t col, struct ui_cell *c)
{
	const struct cmp_task *t = shown(ctx, row);
	const struct task_row *r = t->in_a ? &t->a : &t->b;
	bool both = t->in_a && t->in_b;
	const char *p;
	(void)app;

	switch (col) {
	case 0:
		snprintf(c->text, sizeof(c->text), "%s", task_framework_display(r->framework));
		break;
	case 1:
		p = strstr(r->name, "-openapi-");
		snprintf(c->text, sizeof(c->text), "%s", p ? p + strlen("-openapi-") : r->name);
		break;
	case 2:
		snprintf(c->text, sizeof(c->text), "%d", r->level);
		break;
	case 3: case 4: case 6: case 7: {
		bool in = col == 3 || col == 6 ? t->in_a : t->in_b;
		const struct task_row *s = col == 3 || col == 6 ? &t->a : &t->b;
		snprintf(c->text, sizeof(c->text), in ? "%.1f" : "-",
			 (col < 6 ? s->s.strict : s->s.pass1) * 100);
		c->color = in ? COL_TEXT : COL_DIM;
		break;
	}
	case 5:
		snprintf(c->text, sizeof(c->text), both ? "%+.1f" : "-", t->d[CMP_STRICT] * 100);
		c->color = both ? mark_color(t->mark) : COL_DIM;
		break;
	case 8:
		if (!t->test.testable)
			snprintf(c->text, sizeof(c->text), "-");
		else
			snprintf(c->text, sizeof(c->text), t->test.p < 0.001 ? "<.001" : "%.3f",
				 t->test.p);
		c->color = t->test.testable && t->test.p < CMP_ALPHA ? COL_TEXT : COL_DIM;
		break;
	case 9:
		snprintf(c->text, sizeof(c->text), "%s", compare_mark_name(t->mark));
		c->color = mark_color(t->mark);
		break;
	}
}

static void
draw_tasks(struct app *app, struct compare_view *cv, int y0, int h, int w)
{

	cv->nav.n = cv->m.n_shown;
	if (cv->m.n_shown == 0) {
		ui_attr(app, COL_DIM);
		ui_str(app, y0 + 1, 2, w - 2, cv->m.n_tasks ? "No task shows with this filter "
							      "(o cycles it, 4 shows every task)."
							    : "Neither run has generation tasks.");
		return;
	}
	ui_table_draw(app, y0, h, w, &cv->nav, task_columns, N_TASK_COLUMNS, task_cell, cv, NULL);
}

/* Keep the cursor on the same task across a filter or sort change. */
static void
reapply(struct compare_view *cv)
{
	size_t keep = cv->m.n_shown ? cv->m.shown[cv->nav.cur] : (size_t)-1;

	compare_model_apply(&cv->m);
	cv->nav.n = cv->m.n_shown;
	listnav_first(&cv->nav);
	for (size_t i = 0; i < cv->m.n_shown; i++)
		if (cv->m.shown[i] == keep)
			listnav_goto(&cv->nav, i);
}

static void
open_task(struct app *app, struct compare_view *cv)
{
	const struct cmp_task *t;

	if (!cv->m.n_shown)
		return;
	t = shown(cv, cv->nav.cur);
	if (t->in_a && t->in_b) {
		struct compare_target target = {cv->m.run_a, cv->m.run_b, t->a.task_id};
		app_push(app, &view_pair_ops, &target);
	} else {
		/* a task of one run only: its attempts as usual */
		struct attempt_target target = {.run_id = t->in_a ? cv->m.run_a : cv->m.run_b,
						 .task_id = t->in_a ? t->a.task_id : t->b.task_id};
		app_push(app, &view_attempt_ops, &target);
	}
}

/* ------------------------------------------------------------ the view */

static void
draw_tabs(struct app *app, struct compare_view *cv, int y, int w)
{
	int x = 1;

	ui_attr(app, COL_TEXT);
	ui_blank(app, y, 0, w);
	for (int t = 0; t < TAB_COUNT && x < w; t++) {
		ui_attr(app, t == (int)cv->tab ? COL_CURSOR : COL_TEXT);
		x += ui_printf(app, y, x, w - x, " %d %s ", t + 1, tab_names[t]);
		x += 1;
	}
	ui_attr(app, COL_DIM);
	if (x + 20 < w)
		ui_str(app, y, w - 19, 19, "Tab: next, 1-4: go");
}

static void
compareview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	struct compare_view *cv = v->priv;

	if (h < 2)
		return;
	draw_tabs(app, cv, y0, w);
	switch (cv->tab) {
	case TAB_SUMMARY: draw_summary(app, cv, y0 + 1, h - 1, w); break;
	case TAB_PLOT: compare_plot_draw(app, &cv->m, cv->metric, y0 + 1, h - 1, w); break;
	case TAB_TABLE: draw_table(app, cv, y0 + 1, h - 1, w); break;
	default: draw_tasks(app, cv, y0 + 1, h - 1, w); break;
	}
}

static void
show_tasks(struct compare_view *cv, const char *fw, int level)
{
	snprintf(cv->m.filter_fw, sizeof(cv->m.filter_fw), "%s", fw);
	cv->m.filter_level = level;
	cv->tab = TAB_TASKS;
	reapply(cv);
}

static bool
move(struct compare_view *cv, enum action a)
{
	switch (cv->tab) {
	case TAB_TASKS:
		return view_list_move(&cv->nav, a);
	case TAB_SUMMARY:
		if (a != ACT_UP && a != ACT_DOWN)
			return false;
		cv->scroll += a == ACT_DOWN ? 1 : cv->scroll > 0 ? -1 : 0;
		return true;
	case TAB_TABLE:
		switch (a) {
		case ACT_UP: cv->cur_row -= cv->cur_row > 0; return true;
		case ACT_DOWN: cv->cur_row += cv->cur_row + 1 < cv->n_rows; return true;
		case ACT_LEFT: cv->cur_col -= cv->cur_col > 0; return true;
		case ACT_RIGHT: cv->cur_col += cv->cur_col < CMP_ALL_LV; return true;
		case ACT_FIRST: cv->cur_row = 0; return true;
		case ACT_LAST: cv->cur_row = cv->n_rows - 1; return true;
		default: return false;
		}
	default:
		return false;
	}
}

static enum action
compareview_handle(struct app *app, struct view *v, enum action a)
{
	struct compare_view *cv = v->priv;

	if (move(cv, a))
		return ACT_NONE;
	switch (a) {
	case ACT_NEXT_TAB:
	case ACT_PREV_TAB:
		cv->tab = (enum tab)((cv->tab + (a == ACT_NEXT_TAB ? 1 : TAB_COUNT - 1)) % TAB_COUNT);
		return ACT_NONE;
	case ACT_TAB_SUMMARY: cv->tab = TAB_SUMMARY; return ACT_NONE;
	case ACT_TAB_PLOT: cv->tab = TAB_PLOT; return ACT_NONE;
	case ACT_TAB_TABLE: cv->tab = TAB_TABLE; return ACT_NONE;
	case ACT_TAB_TASKS:
		show_tasks(cv, "", -1);
		return ACT_NONE;
	case ACT_METRIC:
		cv->metric = (enum cmp_metric)((cv->metric + 1) % CMP_METRICS);
		if (cv->tab != TAB_PLOT && cv->tab != TAB_TABLE)
			app_message(app, false, "the plot and the table now show %s",
				    plot_metric_name((enum plot_metric)cv->metric));
		return ACT_NONE;
	case ACT_FAILURES: {
		/* what broke in B: both runs' failures side by side */
		struct failures_target t = {.run_a = cv->m.run_a, .run_b = cv->m.run_b,
					    .filter = {.level = -1}};
		app_push(app, &view_failures_ops, &t);
		return ACT_NONE;
	}
	case ACT_CHANGE_FILTER:
		/* all, then each mark in turn */
		cv->m.filter_mark = cv->m.filter_mark + 1 < CMP_MARKS ? cv->m.filter_mark + 1 : -1;
		cv->tab = TAB_TASKS;
		reapply(cv);
		return ACT_NONE;
	case ACT_SORT:
	case ACT_SORT_REVERSE:
		if (a == ACT_SORT) {
			cv->m.sort = (enum cmp_sort)((cv->m.sort + 1) % CMP_SORT_COUNT);
			cv->m.reverse = false;
		} else {
			cv->m.reverse = !cv->m.reverse;
		}
		cv->tab = TAB_TASKS;
		reapply(cv);
		return ACT_NONE;
	case ACT_ENTER:
		if (cv->tab == TAB_TABLE) {
			int fw = cv->rows[cv->cur_row];
			show_tasks(cv, fw == CMP_ALL_FW ? "" : task_frameworks[fw],
				   cv->cur_col == CMP_ALL_LV ? -1 : cv->cur_col);
		} else if (cv->tab == TAB_TASKS) {
			open_task(app, cv);
		} else {
			cv->tab = TAB_TASKS;
		}
		return ACT_NONE;
	default:
		return a;
	}
}

static void
compareview_title(struct app *app, struct view *v, struct buf *out)
{
	struct compare_view *cv = v->priv;
	(void)app;
	buf_printf(out, "%s vs %s", cv->m.name_a, cv->m.name_b);
}

static void
compareview_status(struct app *app, struct view *v, struct buf *out)
{
	struct compare_view *cv = v->priv;
	const struct cmp_cell *all = &cv->m.cell[CMP_ALL_FW][CMP_ALL_LV];
	const char *metric = plot_metric_name((enum plot_metric)cv->metric);

	(void)app;
	switch (cv->tab) {
	case TAB_SUMMARY:
		buf_printf(out, "A%% = strict assertion pass rate; B - A over %d common task%s",
			   all->n, all->n == 1 ? "" : "s");
		break;
	case TAB_PLOT:
		buf_printf(out, "%s, %d common tasks: all levels %+.1f ±%.1f pp  m: metric", metric,
			   all->n, all->d[cv->metric] * 100, all->ci[cv->metric] * 100);
		break;
	case TAB_TABLE: {
		const struct cmp_cell *c = table_cell(cv);
		int fw = cv->rows[cv->cur_row];
		buf_puts(out, fw_name(fw));
		if (cv->cur_col == CMP_ALL_LV)
			buf_puts(out, " all levels: ");
		else
			buf_printf(out, " L%d: ", cv->cur_col);
		if (!c->n)
			buf_puts(out, "no common task");
		else if (c->n == 1)
			buf_printf(out, "A %.1f, B %.1f: %+.1f pp (1 task: no interval)",
				   c->a[cv->metric] * 100, c->b[cv->metric] * 100, c->d[cv->metric] * 100);
		else
			buf_printf(out, "A %.1f, B %.1f: %+.1f ±%.1f pp (%d tasks)",
				   c->a[cv->metric] * 100, c->b[cv->metric] * 100,
				   c->d[cv->metric] * 100, c->ci[cv->metric] * 100,
				   c->n);
		break;
	}
	default:
		buf_printf(out, "%zu/%zu tasks  show: %s", cv->m.n_shown, cv->m.n_tasks,
			   cv->m.filter_mark < 0 ? "all"
						 : compare_mark_name((enum cmp_mark)cv->m.filter_mark));
		if (cv->m.filter_fw[0])
			buf_printf(out, " %s", task_framework_display(cv->m.filter_fw));
		if (cv->m.filter_level >= 0)
			buf_printf(out, " L%d", cv->m.filter_level);
		buf_printf(out, "  sort: %s%s", compare_sort_name(cv->m.sort),
			   cv->m.reverse ? " (rev)" : "");
		break;
	}
}

static bool
compareview_search(struct app *app, struct view *v, const char *needle, int dir)
{
	struct compare_view *cv = v->priv;
	size_t n = cv->m.n_shown;
	(void)app;

	for (size_t k = 1; k <= n; k++) {
		size_t i = (cv->nav.cur + (dir > 0 ? k : n * 2 - k)) % n;
		const struct cmp_task *t = shown(cv, i);
		if (strstr(t->in_a ? t->a.name : t->b.name, needle)) {
			cv->tab = TAB_TASKS;
			listnav_goto(&cv->nav, i);
			return true;
		}
	}
	return false;
}

static void
compareview_click(struct app *app, struct view *v, int y, int x, bool dbl)
{
	struct compare_view *cv = v->priv;

	if (y == v->y0) {
		/* the tabs: " 1 Summary " and a blank each */
		int pos = 1;
		for (int t = 0; t < TAB_COUNT; t++) {
			int width = (int)strlen(tab_names[t]) + 5;
			if (x >= pos && x < pos + width)
				cv->tab = (enum tab)t;
			pos += width;
		}
		return;
	}
	if (cv->tab == TAB_TASKS) {
		size_t row = cv->nav.top + (size_t)(y - v->y0 - 2);
		if (y < v->y0 + 2 || row >= cv->m.n_shown)
			return;
		listnav_goto(&cv->nav, row);
	} else if (cv->tab == TAB_TABLE) {
		int name_w = 10, cell_w = (v->w - name_w - 1) / 5, r = (y - v->y0 - 3) / 2;
		cell_w = cell_w > 14 ? 14 : cell_w;
		if (cell_w < 1 || x <= name_w || y < v->y0 + 3 || r >= cv->n_rows ||
		    (x - name_w - 1) / cell_w > CMP_ALL_LV)
			return;
		cv->cur_row = r;
		cv->cur_col = (x - name_w - 1) / cell_w;
	} else {
		return;
	}
	if (dbl)
		compareview_handle(app, v, ACT_ENTER);
}

static int
compareview_reload(struct app *app, struct view *v, struct bt_error *err)
{
	struct compare_view *cv = v->priv;
	struct compare_model old = cv->m;
	int rc;

	if ((rc = compare_model_load(&cv->m, app->st, old.run_a, old.run_b, err))) {
		cv->m = old;
		return rc;
	}
	cv->m.filter_mark = old.filter_mark;
	cv->m.filter_level = old.filter_level;
	memcpy(cv->m.filter_fw, old.filter_fw, sizeof(old.filter_fw));
	cv->m.sort = old.sort;
	cv->m.reverse = old.reverse;
	compare_model_free(&old);
	table_rows(cv);
	reapply(cv);
	return BT_OK;
}

/* The task list (tab 4) is the list this view writes out. */
static bool
compareview_table(struct app *app, struct view *v, struct list_table *t, size_t *cur)
{
	struct compare_view *cv = v->priv;

	if (cv->tab != TAB_TASKS) {
		app_message(app, true, "the task list (4) is what this view writes out");
		return false;
	}
	*t = (struct list_table){.title = "Tasks compared", .cols = task_columns,
				 .ncols = N_TASK_COLUMNS, .nrows = cv->m.n_shown, .cell = task_cell,
				 .ctx = cv, .app = app, .name_col = 1};
	*cur = cv->nav.cur;
	return true;
}

const struct view_ops view_compare_ops = {
	.id = VIEW_COMPARE,
	.priv_size = sizeof(struct compare_view),
	.open = compareview_open,
	.close = compareview_close,
	.draw = compareview_draw,
	.handle = compareview_handle,
	.title = compareview_title,
	.status = compareview_status,
	.search = compareview_search,
	.click = compareview_click,
	.reload = compareview_reload,
	.table = compareview_table,
};
