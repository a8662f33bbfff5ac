/* view_trajectory.c: the trajectory viewer (Mini-SWE messages, OpenHands
 * events): a header with the termination, steps, tokens and cost; the
 * list of steps (role or kind, first line, size); the selected step in
 * full beside the list on wide terminals and under it otherwise, long
 * tool outputs folded; search.  open() takes a struct text_target *; it
 * fails (BT_EINPUT) on a trajectory that is not JSON, which the attempt
 * view then shows as text. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/model_text.h"
#include "benchtop/model_trajectory.h"
#include "benchtop/tui.h"
#include "pager.h"

/* A folded output shows its first FOLD_HEAD lines. */
#define FOLD_MIN 16
#define FOLD_HEAD 10
#define BESIDE_MIN 120

struct traj_view {
	struct app *app;
	struct text_target target;
	struct traj_model m;
	struct attempt a;
	bool have_attempt;
	struct listnav nav;
	bool *unfolded;        /* per step */
	bool detail_focus;
	bool wrap;
	/* the selected step's lines: start offsets into its text */
	size_t shown;          /* the step they belong to, or SIZE_MAX */
	size_t *lines;
	size_t n_lines, cap_lines;
	bool folded;           /* the step is folded: a fold row replaces the rest */
	struct pager pg;
	long hscroll;
	long match_step, match_line;
	int tw;
	struct buf exp;
	size_t *segs;
	size_t cap_segs;
};

static const char *
step_text(const struct traj_view *tv, size_t step)
{
	const char *t = tv->m.t.v[step].text;
	return t ? t : "";
}

/* Index the lines of the selected step (again when it changed). */
static void
index_step(struct traj_view *tv)
{
	size_t step = tv->nav.cur;
	const char *t;

	if (tv->shown == step || step >= tv->m.t.n)
		return;
	tv->shown = step;
	t = step_text(tv, step);
	tv->n_lines = 0;
	BT_GROW(tv->lines, tv->cap_lines, 1);
	tv->lines[tv->n_lines++] = 0;
	for (const char *p = t; (p = strchr(p, '\n')); p++) {
		BT_GROW(tv->lines, tv->cap_lines, tv->n_lines + 1);
		tv->lines[tv->n_lines++] = (size_t)(p + 1 - t);
	}
	tv->pg.top = (struct pager_pos){0, 0};
	tv->hscroll = 0;
}

static void
refold(struct traj_view *tv)
{
	size_t step = tv->nav.cur;

	tv->folded = step < tv->m.t.n && !tv->unfolded[step] && tv->n_lines > FOLD_MIN &&
		     traj_step_is_observation(&tv->m, step);
	tv->pg.n_rows = tv->folded ? FOLD_HEAD + 1 : tv->n_lines;
}

/* Line i of the selected step, tabs expanded; returns its screen lines. */
static long
line_load(struct traj_view *tv, size_t i)
{
	const char *t = step_text(tv, tv->nav.cur);
	size_t a = tv->lines[i], b = i + 1 < tv->n_lines ? tv->lines[i + 1] - 1 : strlen(t + a) + a;

	if (b > a && t[b - 1] == '\r')
		b--;
	pager_expand(tv->app, t + a, b - a, tv->wrap ? 0 : tv->hscroll + tv->tw + 1, &tv->exp);
	if (!tv->wrap) {
		BT_GROW(tv->segs, tv->cap_segs, 1);
		tv->segs[0] = 0;
		return 1;
	}
	return (long)pager_wrap(tv->app, tv->exp.data, tv->exp.len, tv->tw, true, &tv->segs,
				&tv->cap_segs);
}

static long
row_height(void *ctx, size_t row)
{
	struct traj_view *tv = ctx;

	if (!tv->wrap || (tv->folded && row == FOLD_HEAD))
		return 1;
	return line_load(tv, row);
}

/* ------------------------------------------------------------ drawing */

static void
header_draw(struct traj_view *tv, int y, int w)
{
	struct app *app = tv->app;
	const struct trajectory *t = &tv->m.t;
	long tin = t->tokens_in, tout = t->tokens_out, calls = t->llm_calls;
	double cost = t->cost;
	char a[16], b[16];
	struct buf h;

	/* mini trajectories carry no tokens: the importer may know them */
	if (tv->have_attempt) {
		tin = tin >= 0 ? tin : tv->a.tokens_in;
		tout = tout >= 0 ? tout : tv->a.tokens_out;
		calls = calls >= 0 ? calls : tv->a.llm_calls;
		cost = cost >= 0 ? cost : tv->a.cost;
	}
	buf_init(&h);
	buf_puts(&h, t->termination ? t->termination : "?");
	/* mini-swe-agent's exit status says more than its class */
	if (str_eq(t->format, "mini-swe-agent") && t->status && *t->status &&
	    !str_eq(t->status, t->termination))
		buf_printf(&h, " (%s)", t->status);
	buf_printf(&h, "  %ld step%s  %zu %s", t->steps, t->steps == 1 ? "" : "s", t->n,
		   str_eq(t->format, "mini") ? "messages" : str_eq(t->format, "openhands") ? "events"
											   : "entries");
	if (tin >= 0 || tout >= 0) {
		str_human_count((double)tin, a, sizeof(a));
		str_human_count((double)tout, b, sizeof(b));
		const char *approx = t->tokens_approx ? "~" : "";
		buf_printf(&h, "  tokens %s%s in / %s%s out", approx, tin >= 0 ? a : "?", approx,
			   tout >= 0 ? b : "?");
	}
	if (cost >= 0)
		buf_printf(&h, "  $%.2f", cost);
	if (calls >= 0)
		buf_printf(&h, "  %ld calls", calls);
	buf_printf(&h, "  %s", t->format);
	ui_attr(app, COL_HEADER);
	ui_blank(app, y, 0, w);
	ui_text(app, y, 0, w, h.data, h.len, 0);
	buf_free(&h);
}

static void
step_cell(struct app *app, void *ctx, size_t row, size_t col, struct ui_cell *cell)
{
	struct traj_view *tv = ctx;
	const struct traj_step *s = &tv->m.t.v[row];
	const struct traj_line_info *in = &tv->m.info[row];
	(void)app;

	switch (col) {
	case 0: snprintf(cell->text, sizeof(cell->text), "%zu", row + 1); break;
	case 1: {
		/* OpenHands kinds without their "Event" suffix */
		size_t n = strlen(s->role);
		if (n > 5 && strcmp(s->role + n - 5, "Event") == 0)
			n -= 5;
		snprintf(cell->text, sizeof(cell->text), "%.*s", (int)n, s->role);
		bool obs = traj_step_is_observation(&tv->m, row);
		cell->color = str_eq(s->role, "assistant") || str_eq(s->role, "action") ||
				      str_starts(s->role, "Action")
				      ? COL_GOOD : obs ? COL_DIM : COL_TEXT;
		if (str_eq(s->role, "unreadable") || str_starts(s->role, "AgentError"))
			cell->color = COL_BAD;
		break;
	}
	case 2:
		snprintf(cell->text, sizeof(cell->text), "%.*s",
			 (int)(in->first_len < sizeof(cell->text) - 1 ? in->first_len
								      : sizeof(cell->text) - 1),
			 step_text(tv, row) + in->first);
		break;
	default: str_human_size(in->bytes, cell->text, sizeof(cell->text)); break;
	}
}

static void
detail_draw(struct traj_view *tv, int y, int x, int w, int h)
{
	struct app *app = tv->app;
	const char *needle = tv->match_step == (long)tv->nav.cur ? app->search : NULL;
	size_t step = tv->nav.cur;
	int used = 0;

	if (h < 2 || w < 4 || step >= tv->m.t.n)
		return;
	index_step(tv);
	refold(tv);
	ui_attr(app, tv->detail_focus ? COL_CURSOR : COL_HEADER);
	ui_blank(app, y, x, w);
	{
		const struct traj_step *s = &tv->m.t.v[step];
		char size[16];
		str_human_size(tv->m.info[step].bytes, size, sizeof(size));
		ui_printf(app, y, x, w, "step %zu/%zu  %s%s%s%s%s  %zu line%s, %s%s", step + 1,
			  tv->m.t.n, s->role, *s->source ? " from " : "", s->source,
			  *s->tool ? "  tool " : "", s->tool, tv->n_lines, tv->n_lines == 1 ? "" : "s", size,
			  tv->folded ? "  (folded: z unfolds)" : "");
	}
	tv->tw = w;
	tv->pg.page = h - 1;
	for (size_t r = tv->pg.top.row; r < tv->pg.n_rows && used < h - 1; r++) {
		int yy = y + 1 + used;
		if (tv->folded && r == FOLD_HEAD) {
			ui_attr(app, COL_DIM);
			ui_glyph(app, yy, x, G_ELLIPSIS);
			ui_printf(app, yy, x + 2, w - 2, "%zu more lines (z unfolds)",
				  tv->n_lines - FOLD_HEAD);
			used++;
			continue;
		}
		long n = line_load(tv, r);
		for (long s = r == tv->pg.top.row ? tv->pg.top.sub : 0; s < n && used < h - 1;
		     s++, used++) {
			size_t a = tv->segs[s], b = s + 1 < n ? tv->segs[s + 1] : tv->exp.len;
			pager_text(app, y + 1 + used, x, w, tv->exp.data + a, b - a,
				   tv->wrap ? 0 : tv->hscroll, needle, COL_TEXT);
		}
	}
}

static void
trajview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	static const struct ui_column cols[] = {
		{"#", 4, false, true, false, "step", 0},
		{"role", 12, false, false, false, "role", 0},
		{"first line", 10, true, false, false, "first_line", 0},
		{"size", 9, false, true, false, "size", 0},
	};
	struct traj_view *tv = v->priv;

	tv->app = app;
	if (h < 3)
		return;
	header_draw(tv, y0, w);
	y0++, h--;
	if (w >= BESIDE_MIN) {
		int lw = w * 2 / 5;
		ui_table_draw(app, y0, h, lw, &tv->nav, cols, 4, step_cell, tv, NULL);
		ui_attr(app, COL_DIM);
		for (int i = 0; i < h; i++)
			ui_glyph(app, y0 + i, lw, G_VLINE);
		detail_draw(tv, y0, lw + 1, w - lw - 1, h);
		return;
	}
	int lh = h * 2 / 5 < 4 ? (h < 4 ? h : 4) : h * 2 / 5;
	ui_table_draw(app, y0, lh, w, &tv->nav, cols, 4, step_cell, tv, NULL);
	detail_draw(tv, y0 + lh, 0, w, h - lh);
}

/* ------------------------------------------------------------ keys */

static void
select_step(struct traj_view *tv, size_t step)
{
	listnav_goto(&tv->nav, step);
	index_step(tv);
	refold(tv);
}

/* Hand the raw artifact to $PAGER or $EDITOR. */
static void
external(struct app *app, struct traj_view *tv, enum action a)
{
	struct bt_error err = {0};
	struct store_blob *blob;
	struct text_model m;

	if (store_blob_open(app->st, tv->target.attempt_id, ARTIFACT_TRAJECTORY, &blob, &err) ||
	    text_model_open(&m, blob, &err)) {
		app_message(app, true, "%s", err.msg);
		return;
	}
	pager_hand_off(app, a, &m);
	text_model_close(&m);
}

static enum action
trajview_handle(struct app *app, struct view *v, enum action a)
{
	struct traj_view *tv = v->priv;
	size_t before = tv->nav.cur;

	tv->app = app;
	switch (a) {
	case ACT_SWITCH_PANE:
	case ACT_ENTER:
		tv->detail_focus = a == ACT_ENTER ? true : !tv->detail_focus;
		return ACT_NONE;
	case ACT_FOLD:
		if (tv->nav.cur < tv->m.t.n) {
			tv->unfolded[tv->nav.cur] = !tv->unfolded[tv->nav.cur];
			refold(tv);
			tv->pg.top = (struct pager_pos){0, 0};
		}
		return ACT_NONE;
	case ACT_WRAP:
		tv->wrap = !tv->wrap;
		tv->hscroll = 0;
		tv->pg.top.sub = 0;
		return ACT_NONE;
	case ACT_PAGER:
	case ACT_EDITOR:
		external(app, tv, a);
		return ACT_NONE;
	case ACT_DIFF_TRAJECTORIES: {
		struct trajdiff_target t = {tv->target.attempt_id, 0};
		app_push(app, &view_trajdiff_ops, &t);
		return ACT_NONE;
	}
	default:
		break;
	}
	if (!tv->detail_focus) {
		if (view_list_move(&tv->nav, a)) {
			if (tv->nav.cur != before)
				select_step(tv, tv->nav.cur);
			return ACT_NONE;
		}
		return a;
	}
	return pager_move(&tv->pg, &tv->hscroll, tv->wrap, a) ? ACT_NONE : a;
}

static bool
trajview_search(struct app *app, struct view *v, const char *needle, int dir)
{
	struct traj_view *tv = v->priv;
	long from = (long)tv->nav.cur, line;
	long at = pager_search_from(tv->match_step == from ? tv->match_line : -1, tv->pg.top.row,
				    dir);
	long step = traj_model_find(&tv->m, from, at, needle, dir, &line);

	tv->app = app;
	if (step < 0)
		return false;
	tv->match_step = step;
	tv->match_line = line;
	select_step(tv, (size_t)step);
	/* a match inside the folded part unfolds the step */
	if (tv->folded && line >= FOLD_HEAD) {
		tv->unfolded[step] = true;
		refold(tv);
	}
	pager_show(&tv->pg, (size_t)line, 2);
	return true;
}

static void
trajview_title(struct app *app, struct view *v, struct buf *out)
{
	struct traj_view *tv = v->priv;
	(void)app;
	buf_puts(out, tv->target.title);
}

static void
trajview_status(struct app *app, struct view *v, struct buf *out)
{
	struct traj_view *tv = v->priv;

	buf_printf(out, "step %zu/%zu", tv->m.t.n ? tv->nav.cur + 1 : 0, tv->m.t.n);
	if (tv->n_lines)
		buf_printf(out, "  line %zu/%zu", tv->pg.top.row + 1, tv->n_lines);
	if (tv->match_step == (long)tv->nav.cur && *app->search)
		buf_printf(out, "  '%s' at line %ld", app->search, tv->match_line + 1);
	buf_puts(out, tv->detail_focus ? "  keys: step text" : "  keys: steps");
	if (tv->wrap)
		buf_puts(out, "  wrap");
}

static void
trajview_click(struct app *app, struct view *v, int y, int x, bool dbl)
{
	struct traj_view *tv = v->priv;
	size_t row = tv->nav.top + (size_t)(y - v->y0 - 2);
	bool beside = v->w >= BESIDE_MIN;
	int lw = beside ? v->w * 2 / 5 : v->w;
	(void)app;

	/* the step list: its rows under the header lines */
	if (y >= v->y0 + 2 && x < lw && row < tv->nav.n && row < tv->nav.top + tv->nav.height) {
		select_step(tv, row);
		tv->detail_focus = dbl;
		return;
	}
	if (y > v->y0)
		tv->detail_focus = true;
}

/* ------------------------------------------------------------ life */

static int
load(struct app *app, struct traj_view *tv, struct bt_error *err)
{
	const struct artifact *art;
	struct store_blob *blob;
	int rc;

	if ((rc = store_load_attempt(app->st, tv->target.attempt_id, &tv->a, err)))
		return rc;
	tv->have_attempt = true;
	art = &tv->a.artifacts[ARTIFACT_TRAJECTORY];
	if (str_eq(art->format, "text"))
		return bt_errorf(err, BT_EINPUT, "the trajectory is text, not a Mini-SWE, "
				 "mini-swe-agent or OpenHands one");
	if ((rc = store_blob_open(app->st, tv->target.attempt_id, ARTIFACT_TRAJECTORY, &blob,
				  err)) ||
	    (rc = traj_model_open(&tv->m, blob, art->format, err)))
		return rc;
	tv->unfolded = xcalloc(tv->m.t.n ? tv->m.t.n : 1, sizeof(bool));
	tv->shown = (size_t)-1;
	listnav_set(&tv->nav, tv->m.t.n, 1);
	select_step(tv, 0);
	return BT_OK;
}

static void
unload(struct traj_view *tv)
{
	if (tv->have_attempt)
		attempt_free(&tv->a);
	tv->have_attempt = false;
	traj_model_close(&tv->m);
	free(tv->unfolded);
	tv->unfolded = NULL;
	tv->n_lines = 0;
}

static int
trajview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	struct traj_view *tv = v->priv;

	tv->app = app;
	tv->target = *(const struct text_target *)arg;
	tv->wrap = true;
	tv->match_step = -1;
	tv->pg.height = row_height;
	tv->pg.ctx = tv;
	tv->pg.page = 1;
	buf_init(&tv->exp);
	int rc = load(app, tv, err);
	/* benchtop open RUN:TASK:N:STEP */
	if (!rc && tv->target.step > 0 && (size_t)tv->target.step <= tv->m.t.n)
		select_step(tv, (size_t)tv->target.step - 1);
	return rc;
}

static void
trajview_close(struct view *v)
{
	struct traj_view *tv = v->priv;

	unload(tv);
	free(tv->lines);
	free(tv->segs);
	buf_free(&tv->exp);
}

static int
trajview_reload(struct app *app, struct view *v, struct bt_error *err)
{
	struct traj_view *tv = v->priv;
	size_t keep = tv->nav.cur;
	int rc;

	unload(tv);
	if ((rc = load(app, tv, err)))
		return rc;
	if (keep < tv->m.t.n)
		select_step(tv, keep);
	tv->match_step = -1;
	return BT_OK;
}

static bool
trajview_address(struct app *app, struct view *v, struct address *out)
{
	struct traj_view *tv = v->priv;

	if (store_attempt_address(app->st, tv->target.attempt_id, out, NULL))
		return false;
	if (tv->m.t.n) {
		out->kind = ADDRESS_STEP;
		out->step = (int)tv->nav.cur + 1;
	}
	return true;
}

const struct view_ops view_trajectory_ops = {
	.id = VIEW_TRAJECTORY,
	.priv_size = sizeof(struct traj_view),
	.open = trajview_open,
	.close = trajview_close,
	.draw = trajview_draw,
	.handle = trajview_handle,
	.title = trajview_title,
	.status = trajview_status,
	.search = trajview_search,
	.click = trajview_click,
	.reload = trajview_reload,
	.address = trajview_address,
};
