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

#define PATCH_CAP (4u << 20) /* the start of a longer patch is shown */

/* One run's attempts of the task and the patch of the selected one. */
struct side {
	int64_t run;
	char name[128];
	struct attempt *v;
	size_t n, sel;
	char *patch;
	size_t patch_len;
	bool patch_cut;
};

struct pair_view {
	int64_t task_id;
	struct side a, b;
	struct pair_doc doc;
	struct listnav nav;
	long hscroll;
};

static void
side_free(struct side *s)
{
	for (size_t i = 0; i < s->n; i++)
		attempt_free(&s->v[i]);
	free(s->v);
	free(s->patch);
	s->v = NULL;
	s->patch = NULL;
	s->n = 0;
}

static int
side_load(struct app *app, struct side *s, int64_t task, struct bt_error *err)
{
	struct attempt_brief *b;
	size_t n;
	int rc;

	side_free(s);
	if ((rc = store_run_name(app->st, s->run, s->name, sizeof(s->name), err)) ||
	    (rc = store_attempt_briefs(app->st, s->run, task, &b, &n, err)))
		return rc;
	s->v = xcalloc(n ? n : 1, sizeof(*s->v));
	for (; s->n < n; s->n++)
		if ((rc = store_load_attempt(app->st, b[s->n].id, &s->v[s->n], err)))
			break;
	free(b);
	if (s->sel >= s->n)
		s->sel = 0;
	return rc;
}

/* The selected attempt's patch, or none. */
static void
load_patch(struct app *app, struct side *s)
{
	struct store_blob *blob;
	struct bt_error err = {0};
	size_t n;

	free(s->patch);
	s->patch = NULL;
	s->patch_len = 0;
	if (s->sel >= s->n || !s->v[s->sel].artifacts[ARTIFACT_PATCH].present ||
	    store_blob_open(app->st, s->v[s->sel].id, ARTIFACT_PATCH, &blob, &err))
		return;
	n = store_blob_size(blob);
	s->patch_cut = n > PATCH_CAP;
	n = s->patch_cut ? PATCH_CAP : n;
	s->patch = xmalloc(n + 1);
	if (store_blob_read(blob, 0, s->patch, n, &err)) {
		app_message(app, true, "%s", err.msg);
		free(s->patch);
		s->patch = NULL;
	} else {
		s->patch[n] = '\0';
		s->patch_len = n;
	}
	store_blob_close(blob);
}

static void
rebuild(struct app *app, struct pair_view *pv)
{
	struct side *s[2] = {&pv->a, &pv->b};
	struct pair_side ps[2];

	pair_doc_free(&pv->doc);
	for (int i = 0; i < 2; i++) {
		load_patch(app, s[i]);
		ps[i] = (struct pair_side){s[i]->name, s[i]->v, s[i]->n, s[i]->sel, s[i]->patch,
					   s[i]->patch_len, s[i]->patch_cut};
	}
	pair_doc_build(&ps[0], &ps[1], &pv->doc);
	pv->nav.n = pv->doc.n;
	listnav_clamp(&pv->nav);
}

static double
mean_strict(const struct side *s, double *v)
{
	double sum = 0;

	for (size_t i = 0; i < s->n; i++)
		sum += v[i] = s->v[i].strict;
	return s->n ? sum / (double)s->n : 0;
}

static int
pairview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	const struct compare_target *t = arg;
	struct pair_view *pv = v->priv;
	double *va, *vb, d;
	int rc;

	pv->task_id = t->task_id;
	pv->a.run = t->run_a;
	pv->b.run = t->run_b;
	if ((rc = side_load(app, &pv->a, t->task_id, err)) ||
	    (rc = side_load(app, &pv->b, t->task_id, err)))
		return rc;
	if (pv->a.n == 0 && pv->b.n == 0)
		return bt_errorf(err, BT_EINPUT, "neither run has an attempt of this task");
	va = xcalloc(pv->a.n + 1, sizeof(double));
	vb = xcalloc(pv->b.n + 1, sizeof(double));
	d = mean_strict(&pv->b, vb) - mean_strict(&pv->a, va);
	pair_default_selection(va, pv->a.n, vb, pv->b.n, d, &pv->a.sel, &pv->b.sel);
	free(va);
	free(vb);
	rebuild(app, pv);
	return BT_OK;
}

static void
pairview_close(struct view *v)
{
	struct pair_view *pv = v->priv;

	side_free(&pv->a);
	side_free(&pv->b);
	pair_doc_free(&pv->doc);
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

	listnav_set(&pv->nav, pv->doc.n, (size_t)(h > 0 ? h : 1));
	for (int r = 0; r < h; r++) {
		size_t i = pv->nav.top + (size_t)r;
		const struct pair_line *l;
		bool cur = i == pv->nav.cur;
		int y = y0 + r;

		if (i >= pv->doc.n)
			break;
		l = &pv->doc.v[i];
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
next_attempt(struct app *app, struct pair_view *pv, struct side *s)
{
	if (s->n < 2) {
		app_message(app, false, "%s has one attempt of this task at most", s->name);
		return;
	}
	s->sel = (s->sel + 1) % s->n;
	rebuild(app, pv);
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
		next_attempt(app, pv, &pv->a);
		return ACT_NONE;
	case ACT_NEXT_ATTEMPT_B:
		next_attempt(app, pv, &pv->b);
		return ACT_NONE;
	default:
		return a;
	}
}

static void
pairview_title(struct app *app, struct view *v, struct buf *out)
{
	struct pair_view *pv = v->priv;
	const struct side *s = pv->a.n ? &pv->a : &pv->b;
	(void)app;
	buf_printf(out, "%s (attempt pair)", s->n ? s->v[0].task.name : "?");
}

static void
pairview_status(struct app *app, struct view *v, struct buf *out)
{
	struct pair_view *pv = v->priv;
	(void)app;

	if (pv->a.sel < pv->a.n)
		buf_printf(out, "A run_%d ", pv->a.v[pv->a.sel].number);
	if (pv->b.sel < pv->b.n)
		buf_printf(out, "B run_%d ", pv->b.v[pv->b.sel].number);
	buf_printf(out, " flips: %ld lost, %ld gained  a, b: other attempts", pv->doc.lost,
		   pv->doc.gained);
}

static bool
pairview_search(struct app *app, struct view *v, const char *needle, int dir)
{
	struct pair_view *pv = v->priv;
	size_t n = pv->doc.n;
	(void)app;

	for (size_t k = 1; k <= n; k++) {
		size_t i = (pv->nav.cur + (dir > 0 ? k : n * 2 - k)) % n;
		const struct pair_line *l = &pv->doc.v[i];
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

	if (row < pv->doc.n)
		listnav_goto(&pv->nav, row);
}

static int
pairview_reload(struct app *app, struct view *v, struct bt_error *err)
{
	struct pair_view *pv = v->priv;
	struct side *s[2] = {&pv->a, &pv->b};
	int rc;

	for (int i = 0; i < 2; i++) {
		/* keep the selected attempt by its number */
		int number = s[i]->sel < s[i]->n ? s[i]->v[s[i]->sel].number : -1;
		if ((rc = side_load(app, s[i], pv->task_id, err)))
			return rc;
		for (size_t k = 0; k < s[i]->n; k++)
			if (s[i]->v[k].number == number)
				s[i]->sel = k;
	}
	rebuild(app, pv);
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
