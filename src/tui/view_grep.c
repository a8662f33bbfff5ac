/* view_grep.c: the lines that hold a pattern (:grep PATTERN), from every
 * artifact, judge reasoning and failed assertion, one row each with its
 * address; Enter opens the artifact at the line (the attempt, for judge and
 * assertion lines).  open() takes the pattern (const char *). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/model_search.h"
#include "benchtop/tui.h"

/* What the explorer lists at most: the rest is said, not shown. */
#define GREP_MAX_HITS 10000

struct grep_view {
	char pattern[256];
	struct search_result r;
	struct listnav nav;
	struct buf addr;
};

static const struct ui_column columns[] = {
	{"Address", 30, false, false, true, "address", 0},
	{"Artifact", 10, false, false, false, "artifact", 0},
	{"Line", 5, false, true, false, "line", 0},
	{"Text", 20, true, false, false, "text", 0},
};
#define N_COLUMNS (sizeof(columns) / sizeof(columns[0]))

static int
grepview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	struct grep_view *gv = v->priv;
	struct search_opts o = {.pattern = arg, .max_hits = GREP_MAX_HITS};

	snprintf(gv->pattern, sizeof(gv->pattern), "%s", (const char *)arg);
	buf_init(&gv->addr);
	return search_run(app->st, &o, &gv->r, err);
}

static void
grepview_close(struct view *v)
{
	struct grep_view *gv = v->priv;

	search_result_free(&gv->r);
	buf_free(&gv->addr);
}

static void
cell(struct app *app, void *ctx, size_t row, size_t col, struct ui_cell *c)
{
	struct grep_view *gv = ctx;
	const struct search_hit *h = &gv->r.v[row];
	(void)app;

	switch (col) {
	case 0:
		address_format(&h->addr, &gv->addr);
		snprintf(c->text, sizeof(c->text), "%s", gv->addr.data);
		break;
	case 1:
		snprintf(c->text, sizeof(c->text), "%s", h->source);
		break;
	case 2:
		snprintf(c->text, sizeof(c->text), "%ld", h->line);
		break;
	default:
		/* the drawing helpers sanitize it */
		snprintf(c->text, sizeof(c->text), "%s", h->text);
		break;
	}
}

static void
grepview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	struct grep_view *gv = v->priv;

	gv->nav.n = gv->r.n;
	if (gv->r.n == 0) {
		ui_attr(app, COL_DIM);
		ui_str(app, y0 + 1, 2, w - 2, "No line holds the pattern.");
		return;
	}
	ui_table_draw(app, y0, h, w, &gv->nav, columns, N_COLUMNS, cell, gv, NULL);
}

static void
open_hit(struct app *app, const struct search_hit *h)
{
	int kind = artifact_kind_from_name(h->source);

	if (kind >= 0) {
		struct text_target t = {.attempt_id = h->attempt_id, .kind = (enum artifact_kind)kind,
					.line = h->line};
		snprintf(t.title, sizeof(t.title), "%s", h->source);
		app_push(app, &view_text_ops, &t);
		return;
	}
	/* a judge's or an assertion's line: the attempt shows both */
	struct address_target at;
	struct bt_error err = {0};
	if (store_resolve_address(app->st, &h->addr, &at, &err)) {
		app_message(app, true, "%s", err.msg);
		return;
	}
	struct attempt_brief *b;
	size_t n;
	struct attempt_target t = {.run_id = at.run_id, .task_id = at.task_id};
	if (store_attempt_briefs(app->st, at.run_id, at.task_id, &b, &n, &err) == BT_OK) {
		for (size_t i = 0; i < n; i++)
			if (b[i].id == at.attempt_id)
				t.prefer = (int)i;
		free(b);
	}
	app_push(app, &view_attempt_ops, &t);
}

static enum action
grepview_handle(struct app *app, struct view *v, enum action a)
{
	struct grep_view *gv = v->priv;

	if (view_list_move(&gv->nav, a))
		return ACT_NONE;
	if (a == ACT_ENTER) {
		if (gv->r.n)
			open_hit(app, &gv->r.v[gv->nav.cur]);
		return ACT_NONE;
	}
	return a;
}

static void
grepview_title(struct app *app, struct view *v, struct buf *out)
{
	struct grep_view *gv = v->priv;
	(void)app;

	buf_printf(out, "grep %s", gv->pattern);
}

static void
grepview_status(struct app *app, struct view *v, struct buf *out)
{
	struct grep_view *gv = v->priv;
	(void)app;

	buf_printf(out, "%zu line%s%s in %ld text%s%s  Enter opens", gv->r.n, gv->r.n == 1 ? "" : "s",
		   gv->r.truncated ? " (the first; benchtop search lists all)" : "", gv->r.texts,
		   gv->r.texts == 1 ? "" : "s", gv->r.indexed ? " (indexed)" : "");
}

static bool
grepview_search(struct app *app, struct view *v, const char *needle, int dir)
{
	struct grep_view *gv = v->priv;
	(void)app;

	for (size_t k = 1; k <= gv->r.n; k++) {
		size_t i = (gv->nav.cur + (dir > 0 ? k : gv->r.n * 2 - k)) % gv->r.n;
		if (strstr(gv->r.v[i].text, needle)) {
			listnav_goto(&gv->nav, i);
			return true;
		}
	}
	return false;
}

static bool
grepview_address(struct app *app, struct view *v, struct address *out)
{
	struct grep_view *gv = v->priv;
	(void)app;

	if (!gv->r.n)
		return false;
	*out = gv->r.v[gv->nav.cur].addr;
	return true;
}

const struct view_ops view_grep_ops = {
	.id = VIEW_GREP,
	.priv_size = sizeof(struct grep_view),
	.open = grepview_open,
	.close = grepview_close,
	.draw = grepview_draw,
	.handle = grepview_handle,
	.title = grepview_title,
	.status = grepview_status,
	.search = grepview_search,
	.address = grepview_address,
};
