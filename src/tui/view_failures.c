/* view_failures.c: the failure board: what fails most across a run (or two
 * runs, or every run), ranked by request, assertion, judge category,
 * subcategory or first failure.  Enter lists the attempts behind a row;
 * Enter again opens the attempt at that request.  open() takes a struct
 * failures_target *. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/model_failures.h"
#include "benchtop/model_label.h"
#include "benchtop/sort.h"
#include "benchtop/tui.h"

struct failures_view {
	struct failures_model m;
	struct listnav nav;
	int width;                    /* the columns were made for it */
	/* the attempts behind a row (Enter), or none */
	bool behind;
	struct failure_ref *refs;
	size_t n_refs;
	size_t row;                   /* the board row they are behind */
	struct listnav bnav;
};

static int
failuresview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	const struct failures_target *t = arg;
	struct failures_view *fv = v->priv;

	fv->width = -2;
	return failures_model_load(&fv->m, app->st, t->run_a, t->run_b, &t->filter, FAIL_BY_REQUEST,
				   err);
}

static void
close_behind(struct failures_view *fv)
{
	free(fv->refs);
	fv->refs = NULL;
	fv->n_refs = 0;
	fv->behind = false;
}

static void
failuresview_close(struct view *v)
{
	struct failures_view *fv = v->priv;

	close_behind(fv);
	failures_model_free(&fv->m);
}

static const struct failure_attempt *
ref_attempt(const struct failures_view *fv, size_t i)
{
	return &fv->m.set[fv->refs[i].side].v[fv->refs[i].i];
}

/* ------------------------------------------------------------ the attempts behind a row */

static const struct ui_column behind_columns[] = {
	{"Run", 16, false, false, true, "run", 0},
	{"Task", 24, true, false, true, "task", 0},
	{"Attempt", 7, false, false, false, "attempt", 0},
	{"Out", 3, false, false, false, "outcome", 0},
	{"A%", 5, false, true, false, "a_pct", 0},
};
#define N_BEHIND (sizeof(behind_columns) / sizeof(behind_columns[0]))

/* The Run column only when the attempts are of several runs. */
static size_t
behind_skip(const struct failures_view *fv)
{
	return fv->m.sides == 1 && fv->m.run[0] != 0;
}

static void
behind_cell(struct app *app, void *ctx, size_t row, size_t col, struct ui_cell *c)
{
	struct failures_view *fv = ctx;
	const struct failure_attempt *a = ref_attempt(fv, row);
	static char strip[2];
	(void)app;

	switch (col + behind_skip(fv)) {
	case 0:
		/* A or B over two runs */
		snprintf(c->text, sizeof(c->text), "%s%s", fv->m.sides == 2 ? (fv->refs[row].side ? "B " : "A ")
			 : "", failures_run_name(&fv->m, a->run_id));
		break;
	case 1:
		snprintf(c->text, sizeof(c->text), "%s", failures_task_name(&fv->m, a->task_id));
		break;
	case 2:
		snprintf(c->text, sizeof(c->text), "run_%d", a->number);
		break;
	case 3:
		strip[0] = a->outcome;
		c->glyphs = strip;
		break;
	case 4:
		snprintf(c->text, sizeof(c->text), "%.1f", a->strict * 100);
		break;
	}
}

/* By side, run, task name, then attempt number: a task's attempts together. */
static int
cmp_refs(const void *pa, const void *pb, const void *ctx)
{
	const struct failure_ref *a = pa, *b = pb;
	const struct failures_model *m = ctx;
	const struct failure_attempt *x = &m->set[a->side].v[a->i], *y = &m->set[b->side].v[b->i];
	int c = a->side - b->side;

	if (!c)
		c = (x->run_id > y->run_id) - (x->run_id < y->run_id);
	if (!c)
		c = strcmp(failures_task_name(m, x->task_id), failures_task_name(m, y->task_id));
	if (!c)
		c = x->number - y->number;
	return c;
}

static void
open_behind(struct failures_view *fv)
{
	if (!fv->m.n_rows)
		return;
	close_behind(fv);
	fv->row = fv->nav.cur;
	fv->n_refs = failures_model_behind(&fv->m, fv->row, &fv->refs);
	bt_sort(fv->refs, fv->n_refs, sizeof(*fv->refs), cmp_refs, &fv->m);
	fv->behind = true;
	listnav_first(&fv->bnav);
	fv->bnav.n = fv->n_refs;
}

/* Enter on an attempt: the attempt view, at the request the row is about. */
static void
open_attempt(struct app *app, struct failures_view *fv)
{
	const struct failure_row *r = &fv->m.rows[fv->row];
	struct attempt_target t = {0};

	if (!fv->n_refs)
		return;
	failures_model_target(&fv->m, fv->refs[fv->bnav.cur], &t.run_id, &t.task_id, &t.prefer);
	switch (fv->m.by) {
	case FAIL_BY_REQUEST:
	case FAIL_BY_FIRST:
		if (r->id) {
			t.request = r->name;
			t.occurrence = r->occurrence;
		}
		break;
	case FAIL_BY_ASSERTION:
		t.assertion = r->name;
		break;
	default:
		break;
	}
	app_push(app, &view_attempt_ops, &t);
}

/* ------------------------------------------------------------ drawing */

static void
failuresview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	struct failures_view *fv = v->priv;

	if (fv->behind) {
		fv->bnav.n = fv->n_refs;
		ui_table_draw(app, y0, h, w, &fv->bnav, behind_columns + behind_skip(fv),
			      N_BEHIND - behind_skip(fv), behind_cell, fv, NULL);
		return;
	}
	if (fv->width != w || fv->m.ascii != app->ascii) {
		fv->width = w;
		fv->m.ascii = app->ascii;
		failures_model_columns(&fv->m, w);
	}
	fv->nav.n = fv->m.n_rows;
	if (!fv->m.n_rows) {
		ui_attr(app, COL_DIM);
		ui_str(app, y0 + 1, 2, w - 2, fv->m.attempts[0] ? "Nothing failed (or nothing was judged)."
				 : "No attempt of the selected tasks (F clears the filter).");
		return;
	}
	ui_table_draw(app, y0, h, w, &fv->nav, fv->m.cols, fv->m.ncols, failures_model_cell, &fv->m,
		      NULL);
}

/* ------------------------------------------------------------ keys */

static void
recount(struct app *app, struct failures_view *fv, enum failure_by by)
{
	struct bt_error err = {0};

	close_behind(fv);
	if (failures_model_set_by(&fv->m, app->st, by, &err))
		app_message(app, true, "%s", err.msg);
	fv->width = -2;
	listnav_first(&fv->nav);
}

static void
set_filter(struct app *app, struct failures_view *fv, const char *text)
{
	struct task_filter f = fv->m.filter;
	struct bt_error err = {0};
	char why[160];
	enum failures_sort sort = fv->m.sort;
	bool reverse = fv->m.reverse;
	struct failures_model next;

	if (!tasks_filter_parse(text, &f, why, sizeof(why))) {
		app_message(app, true, "%s", why);
		return;
	}
	f.kind = fv->m.filter.kind;
	if (failures_model_load(&next, app->st, fv->m.run[0], fv->m.sides == 2 ? fv->m.run[1] : 0,
				&f, fv->m.by, &err)) {
		app_message(app, true, "%s", err.msg);
		return;
	}
	close_behind(fv);
	failures_model_free(&fv->m);
	fv->m = next;
	fv->m.sort = sort;
	fv->m.reverse = reverse;
	failures_model_sort(&fv->m);
	fv->width = -2;
	listnav_first(&fv->nav);
}

static enum action
failuresview_handle(struct app *app, struct view *v, enum action a)
{
	struct failures_view *fv = v->priv;
	char text[256];

	if (view_list_move(fv->behind ? &fv->bnav : &fv->nav, a))
		return ACT_NONE;
	switch (a) {
	case ACT_ENTER:
		if (fv->behind)
			open_attempt(app, fv);
		else
			open_behind(fv);
		return ACT_NONE;
	case ACT_BACK:
		if (!fv->behind)
			return a;
		close_behind(fv);
		return ACT_NONE;
	case ACT_FAILURE_BY:
		recount(app, fv, (enum failure_by)((fv->m.by + 1) % FAIL_BY_COUNT));
		return ACT_NONE;
	case ACT_LABEL_RUN: {
		/* the session `benchtop label --run R --sample 20 --stratify
		 * category` opens, so that either way resumes the other */
		const char *user = getenv("USER");
		struct label_start start = {
			.store_path = app->store_path, .run = fv->m.run_name[fv->m.sides - 1],
			.labeller = user && *user ? user : "me", .sample = 20, .seed = 1,
			.stratify = true,
		};
		if (fv->m.sides != 1)
			app_message(app, true, "label one run: open its board alone");
		else
			app_push(app, &view_label_ops, &start);
		return ACT_NONE;
	}
	case ACT_FILTER: {
		/* what each outcome and has value would keep, as in the task list */
		struct task_filter tf = fv->m.filter;
		struct tasks_model tm;
		struct bt_error err = {0};
		struct buf counts;
		bool ok;
		buf_init(&counts);
		tf.run_id = fv->m.run[0];
		if (tasks_model_load(&tm, app->st, &tf, &err) == BT_OK) {
			tasks_filter_counts(&tm, &counts);
			app->prompt_hint = counts.data;
		}
		tasks_model_free(&tm);
		app->prompt_complete = tasks_filter_complete;
		ok = app_prompt(app, "failures of the tasks (Tab completes keys and values): ", text,
				sizeof(text));
		app->prompt_hint = NULL;
		app->prompt_complete = NULL;
		buf_free(&counts);
		if (ok)
			set_filter(app, fv, text);
		return ACT_NONE;
	}
	case ACT_CLEAR_FILTER:
		set_filter(app, fv, "framework=any level=any constraint=any outcome=any has=any "
			   "category=any name=");
		return ACT_NONE;
	case ACT_SORT:
		fv->m.sort = (enum failures_sort)((fv->m.sort + 1) % FAIL_SORT_COUNT);
		/* the change is only there over two runs */
		if (fv->m.sort == FAIL_SORT_CHANGE && fv->m.sides == 1)
			fv->m.sort = FAIL_SORT_TASKS;
		fv->m.reverse = false;
		failures_model_sort(&fv->m);
		return ACT_NONE;
	case ACT_SORT_REVERSE:
		fv->m.reverse = !fv->m.reverse;
		failures_model_sort(&fv->m);
		return ACT_NONE;
	default:
		return a;
	}
}

static void
failuresview_title(struct app *app, struct view *v, struct buf *out)
{
	struct failures_view *fv = v->priv;
	(void)app;

	if (fv->m.sides == 2)
		buf_printf(out, "failures: A %s, B %s", fv->m.run_name[0], fv->m.run_name[1]);
	else
		buf_printf(out, "failures: %s", fv->m.run_name[0]);
	if (fv->behind)
		buf_printf(out, " %s %s", ui_glyph_str(app, G_SEP), fv->m.rows[fv->row].key);
}

static void
failuresview_status(struct app *app, struct view *v, struct buf *out)
{
	struct failures_view *fv = v->priv;
	struct buf filt;
	bool judged = fv->m.by == FAIL_BY_CATEGORY || fv->m.by == FAIL_BY_SUBCATEGORY;
	(void)app;

	if (fv->behind) {
		buf_printf(out, "%zu attempts  Enter opens one at the %s", fv->n_refs,
			   fv->m.by == FAIL_BY_ASSERTION ? "assertion" : judged ? "judgement"
											: "request");
		return;
	}
	buf_init(&filt);
	tasks_filter_describe(&fv->m.filter, &filt);
	buf_printf(out, "by %s  %zu rows  of %ld %s  sort: %s%s%s%s", failures_by_name(fv->m.by),
		   fv->m.n_rows, fv->m.denom[fv->m.sides - 1], judged ? "failed" : "reported",
		   failures_sort_name(fv->m.sort), fv->m.reverse ? " (rev)" : "",
		   filt.len ? "  filter: " : "", filt.len ? filt.data : "");
	buf_free(&filt);
}

static bool
failuresview_search(struct app *app, struct view *v, const char *needle, int dir)
{
	struct failures_view *fv = v->priv;
	struct listnav *nav = fv->behind ? &fv->bnav : &fv->nav;
	size_t n = fv->behind ? fv->n_refs : fv->m.n_rows;
	(void)app;

	for (size_t k = 1; k <= n; k++) {
		size_t i = (nav->cur + (dir > 0 ? k : n * 2 - k)) % n;
		const char *text = fv->behind ? failures_task_name(&fv->m, ref_attempt(fv, i)->task_id)
					      : fv->m.rows[i].key;
		if (strstr(text, needle)) {
			listnav_goto(nav, i);
			return true;
		}
	}
	return false;
}

static void
failuresview_command(struct app *app, struct view *v, enum command cmd, const char *arg)
{
	struct failures_view *fv = v->priv;

	if (cmd == CMD_FILTER) {
		set_filter(app, fv, arg);
	} else if (cmd == CMD_BY) {
		int by = failures_by_parse(arg);
		if (by < 0)
			app_message(app, true, "by request, assertion, category, subcategory or "
				    "first-failure");
		else
			recount(app, fv, (enum failure_by)by);
	}
}

static void
failuresview_click(struct app *app, struct view *v, int y, int x, bool dbl)
{
	struct failures_view *fv = v->priv;
	struct listnav *nav = fv->behind ? &fv->bnav : &fv->nav;
	size_t row = nav->top + (size_t)(y - v->y0 - 1);
	(void)x;

	if (y <= v->y0 || row >= nav->n)
		return;
	listnav_goto(nav, row);
	if (dbl)
		failuresview_handle(app, v, ACT_ENTER);
}

static int
failuresview_reload(struct app *app, struct view *v, struct bt_error *err)
{
	struct failures_view *fv = v->priv;
	struct failures_target t = {fv->m.run[0], fv->m.sides == 2 ? fv->m.run[1] : 0, fv->m.filter};
	enum failure_by by = fv->m.by;
	int rc;

	close_behind(fv);
	failures_model_free(&fv->m);
	if ((rc = failures_model_load(&fv->m, app->st, t.run_a, t.run_b, &t.filter, by, err)))
		return rc;
	fv->width = -2;
	listnav_clamp(&fv->nav);
	return BT_OK;
}

static bool
failuresview_table(struct app *app, struct view *v, struct list_table *t, size_t *cur)
{
	struct failures_view *fv = v->priv;

	if (fv->behind) {
		*t = (struct list_table){.title = "Attempts", .cols = behind_columns + behind_skip(fv),
					 .ncols = N_BEHIND - behind_skip(fv), .nrows = fv->n_refs,
					 .cell = behind_cell, .ctx = fv, .app = app,
					 .name_col = 1 - behind_skip(fv)};
		*cur = fv->bnav.cur;
		return true;
	}
	failures_model_table(&fv->m, t);
	t->app = app;
	*cur = fv->nav.cur;
	return true;
}

const struct view_ops view_failures_ops = {
	.id = VIEW_FAILURES,
	.priv_size = sizeof(struct failures_view),
	.open = failuresview_open,
	.close = failuresview_close,
	.draw = failuresview_draw,
	.handle = failuresview_handle,
	.title = failuresview_title,
	.status = failuresview_status,
	.search = failuresview_search,
	.command = failuresview_command,
	.click = failuresview_click,
	.reload = failuresview_reload,
	.table = failuresview_table,
};
