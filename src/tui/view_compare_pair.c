/* view_compare_pair.c: the attempt pair of one task: A's and B's attempts
 * side by side, the two selected ones in detail, the assertions that flip
 * between them and their patches file by file (model_compare_pair.c builds
 * the document).  a and b step through the attempts of each run.  open()
 * takes a struct compare_target *. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/model_attempt.h"
#include "benchtop/model_compare_pair.h"
#include "benchtop/tui.h"

struct pair_view {
	struct pair_model m;
	struct listnav nav;
	long hscroll;
};

/* After the model's document changed: the list's length, and a message
 * when a patch could not be read (the rest is shown). */
static void
shown(struct app *app, struct pair_view *pv, int rc, const struct bt_error *err)
{
	if (rc)
		app_message(app, true, "%s", err->msg);
	pv->nav.n = pv->m.doc.n;
	listnav_clamp(&pv->nav);
}

static int
pairview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	const struct compare_target *t = arg;
	struct pair_view *pv = v->priv;
	struct bt_error perr = {0};
	int rc = pair_model_load(&pv->m, app->st, t->run_a, t->run_b, t->task_id, &perr);

	if (rc && !pv->m.doc.v) {
		*err = perr;
		return rc;
	}
	shown(app, pv, rc, &perr);
	return BT_OK;
}

static void
pairview_close(struct view *v)
{
	struct pair_view *pv = v->priv;

	pair_model_free(&pv->m);
}

static const enum color_elem role_colors[] = {
	[DOC_TEXT] = COL_TEXT, [DOC_HEADING] = COL_HEADER, [DOC_GOOD] = COL_GOOD,
	[DOC_BAD] = COL_BAD, [DOC_WARN] = COL_WARN, [DOC_DIM] = COL_DIM,
	[DOC_REQUEST_FAIL] = COL_BAD, [DOC_CASCADE] = COL_WARN, [DOC_ARTIFACT] = COL_MARK,
};

static void
pairview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	struct pair_view *pv = v->priv;
	int half = (w - 3) / 2;

	listnav_set(&pv->nav, pv->m.doc.n, (size_t)(h > 0 ? h : 1));
	for (int r = 0; r < h; r++) {
		size_t i = pv->nav.top + (size_t)r;
		const struct pair_line *l;
		bool cur = i == pv->nav.cur;
		int y = y0 + r;

		if (i >= pv->m.doc.n)
			break;
		l = &pv->m.doc.v[i];
		ui_attr(app, cur ? COL_CURSOR : role_colors[l->role]);
		if (cur)
			ui_blank(app, y, 0, w);
		if (!l->right) {
			ui_text(app, y, 0, w, l->left, strlen(l->left), pv->hscroll);
			continue;
		}
		ui_text(app, y, 0, half, l->left, strlen(l->left), pv->hscroll);
		ui_attr(app, cur ? COL_CURSOR : COL_DIM);
		ui_glyph(app, y, half + 1, G_VLINE);
		ui_attr(app, cur ? COL_CURSOR : role_colors[l->right_role]);
		ui_text(app, y, half + 3, half, l->right, strlen(l->right), pv->hscroll);
	}
}

static void
next_attempt(struct app *app, struct pair_view *pv, struct pair_run *s)
{
	struct bt_error err = {0};

	if (s->n < 2) {
		app_message(app, false, "%s has one attempt of this task at most", s->name);
		return;
	}
	shown(app, pv, pair_model_select(&pv->m, app->st, s, (s->sel + 1) % s->n, &err), &err);
}

static enum action
pairview_handle(struct app *app, struct view *v, enum action a)
{
	struct pair_view *pv = v->priv;

	if (view_list_move(&pv->nav, a))
		return ACT_NONE;
	switch (a) {
	case ACT_LEFT:
		pv->hscroll = pv->hscroll > 8 ? pv->hscroll - 8 : 0;
		return ACT_NONE;
	case ACT_RIGHT:
		pv->hscroll += 8;
		return ACT_NONE;
	case ACT_NEXT_ATTEMPT_A:
		next_attempt(app, pv, &pv->m.a);
		return ACT_NONE;
	case ACT_NEXT_ATTEMPT_B:
		next_attempt(app, pv, &pv->m.b);
		return ACT_NONE;
	case ACT_DIFF_TRAJECTORIES:
		if (pv->m.a.sel < pv->m.a.n && pv->m.b.sel < pv->m.b.n) {
			struct trajdiff_target t = {pv->m.a.v[pv->m.a.sel].id, pv->m.b.v[pv->m.b.sel].id};
			app_push(app, &view_trajdiff_ops, &t);
		} else {
			app_message(app, true, "one run has no attempt of this task");
		}
		return ACT_NONE;
	default:
		return a;
	}
}

static void
pairview_title(struct app *app, struct view *v, struct buf *out)
{
	struct pair_view *pv = v->priv;
	const struct pair_run *s = pv->m.a.n ? &pv->m.a : &pv->m.b;
	(void)app;
	buf_printf(out, "%s (attempt pair)", s->n ? s->v[0].task.name : "?");
}

static void
pairview_status(struct app *app, struct view *v, struct buf *out)
{
	struct pair_view *pv = v->priv;
	(void)app;

	if (pv->m.a.sel < pv->m.a.n)
		buf_printf(out, "A run_%d ", pv->m.a.v[pv->m.a.sel].number);
	if (pv->m.b.sel < pv->m.b.n)
		buf_printf(out, "B run_%d ", pv->m.b.v[pv->m.b.sel].number);
	buf_printf(out, " flips: %ld lost, %ld gained  a, b: other attempts", pv->m.doc.lost,
		   pv->m.doc.gained);
}

static bool
pairview_search(struct app *app, struct view *v, const char *needle, int dir)
{
	struct pair_view *pv = v->priv;
	size_t n = pv->m.doc.n;
	(void)app;

	for (size_t k = 1; k <= n; k++) {
		size_t i = (pv->nav.cur + (dir > 0 ? k : n * 2 - k)) % n;
		const struct pair_line *l = &pv->m.doc.v[i];
		if (strstr(l->left, needle) || (l->right && strstr(l->right, needle))) {
			listnav_goto(&pv->nav, i);
			return true;
		}
	}
	return false;
}

static void
pairview_click(struct app *app, struct view *v, int y, int x, bool dbl)
{
	struct pair_view *pv = v->priv;
	size_t row = pv->nav.top + (size_t)(y - v->y0);
	(void)app;
	(void)x;
	(void)dbl;

	if (row < pv->m.doc.n)
		listnav_goto(&pv->nav, row);
}

static int
pairview_reload(struct app *app, struct view *v, struct bt_error *err)
{
	struct pair_view *pv = v->priv;
	struct bt_error perr = {0};
	int rc = pair_model_reload(&pv->m, app->st, &perr);

	if (rc && !pv->m.doc.v) {
		*err = perr;
		return rc;
	}
	shown(app, pv, rc, &perr);
	return BT_OK;
}

const struct view_ops view_pair_ops = {
	.id = VIEW_PAIR,
	.priv_size = sizeof(struct pair_view),
	.open = pairview_open,
	.close = pairview_close,
	.draw = pairview_draw,
	.handle = pairview_handle,
	.title = pairview_title,
	.status = pairview_status,
	.search = pairview_search,
	.click = pairview_click,
	.reload = pairview_reload,
};
