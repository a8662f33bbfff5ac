/* view_label.c: a labelling session (benchtop label): one failed attempt at
 * a time, its evidence one key away, a key per category of the taxonomy,
 * the judge's label hidden until the labeller has chosen (blind), undo and
 * progress.  model_label.c keeps the session and stores each choice at
 * once, so a session can be left and resumed.  open() takes a struct
 * label_start *. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/model_label.h"
#include "benchtop/task.h"
#include "benchtop/tui.h"

/* The label actions, in label_keys order. */
static const enum action label_actions[LABEL_N_KEYS] = {
	ACT_LABEL_1, ACT_LABEL_2, ACT_LABEL_3, ACT_LABEL_4, ACT_LABEL_5, ACT_LABEL_6,
	ACT_LABEL_S, ACT_LABEL_I, ACT_LABEL_F, ACT_LABEL_O, ACT_LABEL_C, ACT_LABEL_P, ACT_LABEL_X,
};
#define LEGEND_ROWS 3

struct label_view {
	struct label_session s;
	struct attempt a;   /* the current item's attempt, when the store has it */
	bool have_attempt;
	size_t loaded;      /* the item a and doc are for */
	enum label_pane pane;
	struct attempt_doc doc;
	struct listnav nav;
};

static void
rebuild(struct app *app, struct label_view *lv)
{
	const struct label_item *it = lv->s.cur < lv->s.n ? &lv->s.items[lv->s.cur] : NULL;
	struct bt_error err = {0};

	if (lv->loaded != lv->s.cur || !lv->doc.v) {
		if (lv->have_attempt)
			attempt_free(&lv->a);
		lv->have_attempt = false;
		lv->pane = LABEL_PANE_REQUESTS;
		if (it && it->attempt_id) {
			if (store_load_attempt(app->st, it->attempt_id, &lv->a, &err) == BT_OK)
				lv->have_attempt = true;
			else
				app_message(app, true, "%s", err.msg);
		}
		lv->nav.cur = lv->nav.top = 0;
	}
	lv->loaded = lv->s.cur;
	attempt_doc_free(&lv->doc);
	label_doc_build(&lv->s, lv->s.cur, lv->have_attempt ? &lv->a : NULL, lv->pane, &lv->doc);
	lv->nav.n = lv->doc.n;
	listnav_clamp(&lv->nav);
}

/* The session writes through its own connection: what it wrote is no
 * other process's import, so the explorer need not offer to reload. */
static void
own_writes(struct app *app)
{
	app->data_version = store_data_version(app->st);
}

static int
labelview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	struct label_view *lv = v->priv;
	int rc = label_session_open(&lv->s, arg, err);

	if (rc)
		return rc;
	own_writes(app);
	lv->loaded = (size_t)-1;
	rebuild(app, lv);
	return BT_OK;
}

static void
labelview_close(struct view *v)
{
	struct label_view *lv = v->priv;

	if (lv->have_attempt)
		attempt_free(&lv->a);
	attempt_doc_free(&lv->doc);
	label_session_close(&lv->s);
}

static const enum color_elem role_colors[] = {
	[DOC_TEXT] = COL_TEXT, [DOC_HEADING] = COL_HEADER, [DOC_GOOD] = COL_GOOD,
	[DOC_BAD] = COL_BAD, [DOC_WARN] = COL_WARN, [DOC_DIM] = COL_DIM,
	[DOC_REQUEST_FAIL] = COL_BAD, [DOC_CASCADE] = COL_WARN, [DOC_ARTIFACT] = COL_MARK,
};

/* The keys of the choices, under the document: the logic subcategories,
 * then the other coarse categories, then the other keys. */
static void
legend_draw(struct app *app, int y, int w)
{
	static const char *const heads[] = {"logic: ", "other: "};

	for (int row = 0; row < 2; row++) {
		int x = (int)strlen(heads[row]);
		ui_attr(app, COL_DIM);
		ui_blank(app, y + row, 0, w);
		ui_str(app, y + row, 0, w, heads[row]);
		for (size_t i = row ? 6 : 0; i < (row ? LABEL_N_KEYS : 6u); i++) {
			const char *name = label_keys[i].subcategory ? label_keys[i].subcategory
								      : label_keys[i].category;
			const char *brief = taxonomy_brief(name);
			if (x + 2 + (int)strlen(brief) > w)
				break;
			ui_attr(app, COL_MARK);
			ui_printf(app, y + row, x, w - x, "%c", label_keys[i].key);
			ui_attr(app, COL_DIM);
			ui_str(app, y + row, x + 2, w - x - 2, brief);
			x += 2 + (int)strlen(brief) + (row ? 1 : 2);
		}
	}
	ui_blank(app, y + 2, 0, w);
	ui_str(app, y + 2, 0, w, "u undo  ] [ next, previous item  d L J evidence  ? help");
}

static void
labelview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	struct label_view *lv = v->priv;
	int body = h - LEGEND_ROWS;

	if (body < 1) {
		body = h;
	} else {
		legend_draw(app, y0 + body, w);
	}
	listnav_set(&lv->nav, lv->doc.n, (size_t)(body > 0 ? body : 1));
	for (int r = 0; r < body; r++) {
		size_t i = lv->nav.top + (size_t)r;
		const struct doc_line *l;

		if (i >= lv->doc.n)
			break;
		l = &lv->doc.v[i];
		ui_attr(app, i == lv->nav.cur ? COL_CURSOR : role_colors[l->role]);
		ui_blank(app, y0 + r, 0, w);
		ui_text(app, y0 + r, l->indent, w - l->indent, l->text, strlen(l->text), 0);
	}
}

/* d, L, J: the attempt's own viewers when the store has it (the log at its
 * first error, the trajectory at its last step), else the text kept with
 * the item, in the view. */
static void
evidence(struct app *app, struct label_view *lv, enum action a)
{
	static const struct view_ops *const viewers[] = {&view_diff_ops, &view_log_ops,
							  &view_trajectory_ops};
	static const enum artifact_kind kinds[] = {ARTIFACT_PATCH, ARTIFACT_SERVER_LOG,
						   ARTIFACT_TRAJECTORY};
	static const char *const names[] = {"patch", "server log", "trajectory"};
	int k = a == ACT_OPEN_PATCH ? 0 : a == ACT_OPEN_LOG ? 1 : 2;

	if (!lv->have_attempt) {
		if (k == 0) {
			app_message(app, false, "no patch is kept with a free-standing item");
			return;
		}
		lv->pane = lv->pane == (k == 1 ? LABEL_PANE_LOG : LABEL_PANE_TRAJECTORY)
				   ? LABEL_PANE_REQUESTS : k == 1 ? LABEL_PANE_LOG : LABEL_PANE_TRAJECTORY;
		rebuild(app, lv);
		return;
	}
	if (!lv->a.artifacts[kinds[k]].present) {
		app_message(app, true, "this attempt has no %s", names[k]);
		return;
	}
	struct text_target t = {.attempt_id = lv->a.id, .task_id = lv->a.task_id, .kind = kinds[k]};
	snprintf(t.title, sizeof(t.title), "%s", names[k]);
	if (app_push(app, viewers[k], &t)) {
		struct view *top = app_top(app);
		/* the judge read the log's end and the trajectory's last steps */
		top->ops->handle(app, top, k == 1 ? ACT_NEXT_ERROR : k == 2 ? ACT_LAST : ACT_NONE);
	}
}

static void
step(struct app *app, struct label_view *lv, int dir)
{
	if (!lv->s.n)
		return;
	if ((dir > 0 && lv->s.cur + 1 >= lv->s.n) || (dir < 0 && lv->s.cur == 0)) {
		app_message(app, false, "the %s item", dir > 0 ? "last" : "first");
		return;
	}
	lv->s.cur = dir > 0 ? lv->s.cur + 1 : lv->s.cur - 1;
	rebuild(app, lv);
}

static enum action
labelview_handle(struct app *app, struct view *v, enum action a)
{
	struct label_view *lv = v->priv;
	struct bt_error err = {0};
	int rc;

	for (size_t i = 0; i < LABEL_N_KEYS; i++) {
		if (a != label_actions[i])
			continue;
		size_t was = lv->s.cur;
		if (label_session_choose(&lv->s, &label_keys[i], &err)) {
			app_message(app, true, "%s", err.msg);
			return ACT_NONE;
		}
		own_writes(app);
		/* show the choice beside the judge's before moving on */
		lv->s.cur = was;
		lv->loaded = was;
		rebuild(app, lv);
		if (label_session_done(&lv->s) == lv->s.n)
			app_message(app, false, "every item is labelled: benchtop table 6 --labeller %s",
				    lv->s.labeller);
		return ACT_NONE;
	}
	if (view_list_move(&lv->nav, a))
		return ACT_NONE;
	switch (a) {
	case ACT_LABEL_UNDO:
		if (!label_session_undo(&lv->s, &err, &rc))
			app_message(app, false, "nothing to undo");
		else if (rc)
			app_message(app, true, "%s", err.msg);
		else
			rebuild(app, lv);
		own_writes(app);
		return ACT_NONE;
	case ACT_LABEL_NEXT:
		step(app, lv, 1);
		return ACT_NONE;
	case ACT_LABEL_PREV:
		step(app, lv, -1);
		return ACT_NONE;
	case ACT_OPEN_PATCH:
	case ACT_OPEN_LOG:
	case ACT_OPEN_TRAJECTORY:
		evidence(app, lv, a);
		return ACT_NONE;
	default:
		return a;
	}
}

static void
labelview_title(struct app *app, struct view *v, struct buf *out)
{
	struct label_view *lv = v->priv;
	(void)app;
	buf_printf(out, "label %s", lv->s.run);
}

static void
labelview_status(struct app *app, struct view *v, struct buf *out)
{
	struct label_view *lv = v->priv;
	(void)app;
	buf_printf(out, "item %zu of %zu  labelled %zu  by %s", lv->s.n ? lv->s.cur + 1 : 0, lv->s.n,
		   label_session_done(&lv->s), lv->s.labeller);
}

const struct view_ops view_label_ops = {
	.id = VIEW_LABEL,
	.priv_size = sizeof(struct label_view),
	.open = labelview_open,
	.close = labelview_close,
	.draw = labelview_draw,
	.handle = labelview_handle,
	.title = labelview_title,
	.status = labelview_status,
};
