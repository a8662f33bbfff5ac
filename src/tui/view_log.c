/* view_log.c: the log viewer (conduit.log, setup.log): line numbers,
 * tracebacks, stack traces and error lines in colour, access lines dimmed
 * (5xx ones in red), keys to jump from error to error, search, wrap or
 * sideways scrolling, and a marker in the gutter (and the status line) on
 * the access line of a failed request when opened from one.  open() takes
 * a struct text_target *. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/model_log.h"
#include "benchtop/tui.h"
#include "pager.h"

struct log_view {
	struct app *app;
	struct text_target target;
	struct log_model m;
	struct pager pg;
	bool wrap;
	long hscroll;
	long match;       /* the line of the last search match, or -1 */
	long err_from;    /* the error cursor: the line < and > count from (the
			   * marked line, then the error jumped to; g and G
			   * put it before the first line or after the last) */
	long err_k;       /* its place among the error blocks, or -1 */
	long marked;      /* the access line of the request opened on, or -1 */
	bool place;       /* put the marked line in view at the next draw */
	bool cut_shown;   /* a line on the screen is longer than TEXT_LINE_CAP */
	int tw;           /* text width of the last draw */
	struct buf line, exp;
	size_t *segs;
	size_t cap_segs;
};

static enum color_elem
class_color(enum log_class c)
{
	switch (c) {
	case LOG_ACCESS: return COL_DIM;
	case LOG_ACCESS_FAIL: return COL_BAD;
	case LOG_WARN:
	case LOG_TRACE: return COL_WARN;
	case LOG_ERROR: return COL_ERROR_LINE;
	default: return COL_TEXT;
	}
}

/* Read line i, tabs expanded; returns its screen lines. */
static long
line_load(struct log_view *lv, size_t i)
{
	struct bt_error err;
	bool cut;

	if (text_model_line(&lv->m.text, i, &lv->line, &cut, &err))
		buf_reset(&lv->line);
	lv->cut_shown |= cut;
	pager_expand(lv->app, lv->line.data ? lv->line.data : "", lv->line.len,
		     lv->wrap ? 0 : lv->hscroll + lv->tw + 1, &lv->exp);
	if (!lv->wrap) {
		BT_GROW(lv->segs, lv->cap_segs, 1);
		lv->segs[0] = 0;
		return 1;
	}
	return (long)pager_wrap(lv->app, lv->exp.data, lv->exp.len, lv->tw, false, &lv->segs,
				&lv->cap_segs);
}

static long
line_height(void *ctx, size_t row)
{
	struct log_view *lv = ctx;
	return lv->wrap ? line_load(lv, row) : 1;
}

static int
digits(size_t n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static void
logview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	struct log_view *lv = v->priv;
	const char *needle = lv->match >= 0 ? app->search : NULL;
	int gutter = digits(lv->m.text.n_lines) + 2, y = 0;

	lv->app = app;
	if (w <= gutter + 4)
		gutter = 0;
	lv->tw = w - gutter > 1 ? w - gutter : 1;
	lv->pg.page = h > 0 ? h : 1;
	lv->cut_shown = false;
	if (lv->place && lv->marked >= 0) {
		pager_show(&lv->pg, (size_t)lv->marked, h / 3);
		lv->place = false;
	}
	if (lv->m.text.size == 0) {
		ui_attr(app, COL_DIM);
		ui_str(app, y0, 0, w, "(empty)");
		return;
	}
	for (size_t i = lv->pg.top.row; i < lv->m.text.n_lines && y < h; i++) {
		long n = line_load(lv, i);
		enum color_elem c = class_color((enum log_class)lv->m.cls[i]);
		for (long s = i == lv->pg.top.row ? lv->pg.top.sub : 0; s < n && y < h; s++, y++) {
			size_t a = lv->segs[s], b = s + 1 < n ? lv->segs[s + 1] : lv->exp.len;
			if (gutter && s == 0) {
				ui_attr(app, (long)i == lv->match ? COL_MATCH : COL_DIM);
				ui_printf(app, y0 + y, 1, gutter - 2, "%*zu", gutter - 2, i + 1);
				if ((long)i == lv->marked) {
					ui_attr(app, COL_MARK);
					ui_glyph(app, y0 + y, 0, G_MARK);
				}
			}
			pager_text(app, y0 + y, gutter, w - gutter, lv->exp.data + a, b - a,
				   lv->wrap ? 0 : lv->hscroll, needle, c);
		}
	}
}

/* The error cursor: at the marked line (the request the log was opened
 * on) or before the first line. */
static void
error_cursor_reset(struct log_view *lv, long line)
{
	lv->err_from = line;
	lv->err_k = line >= 0 ? log_model_error_at(&lv->m, line) : -1;
}

/* The next or previous error from the error cursor, not from the screen's
 * top line: from the request opened on, < and > go to the errors around it. */
static void
jump_error(struct app *app, struct log_view *lv, int dir)
{
	size_t k;
	bool wrapped;
	long line = log_model_next_error(&lv->m, lv->err_from, dir, &k, &wrapped);

	if (line < 0) {
		app_message(app, false, "no errors in this log");
		return;
	}
	lv->err_from = line;
	lv->err_k = (long)k;
	pager_show(&lv->pg, (size_t)line, 2);
	if (wrapped && lv->m.n_errors > 1)
		app_message(app, false, dir > 0 ? "past the last error: back to the first"
						: "before the first error: on to the last");
}

static enum action
logview_handle(struct app *app, struct view *v, enum action a)
{
	struct log_view *lv = v->priv;
	lv->app = app;
	/* g and G also put the error cursor before the first line, after the last */
	if (a == ACT_FIRST)
		error_cursor_reset(lv, -1);
	else if (a == ACT_LAST)
		error_cursor_reset(lv, (long)lv->m.text.n_lines);
	if (pager_move(&lv->pg, &lv->hscroll, lv->wrap, a))
		return ACT_NONE;
	switch (a) {
	case ACT_NEXT_ERROR: jump_error(app, lv, 1); return ACT_NONE;
	case ACT_PREV_ERROR: jump_error(app, lv, -1); return ACT_NONE;
	case ACT_WRAP:
		lv->wrap = !lv->wrap;
		lv->hscroll = 0;
		lv->pg.top.sub = 0;
		return ACT_NONE;
	case ACT_PAGER:
	case ACT_EDITOR:
		pager_hand_off(app, a, &lv->m.text);
		return ACT_NONE;
	default:
		return a;
	}
}

static bool
logview_search(struct app *app, struct view *v, const char *needle, int dir)
{
	struct log_view *lv = v->priv;
	long from, line;

	lv->app = app;
	from = pager_search_from(lv->match, lv->pg.top.row, dir);
	line = text_model_find(&lv->m.text, from, needle, dir);
	if (line < 0)
		return false;
	lv->match = line;
	pager_show(&lv->pg, (size_t)line, 2);
	return true;
}

static void
logview_title(struct app *app, struct view *v, struct buf *out)
{
	struct log_view *lv = v->priv;
	(void)app;
	buf_puts(out, lv->target.title);
}

static void
logview_status(struct app *app, struct view *v, struct buf *out)
{
	struct log_view *lv = v->priv;
	(void)app;

	buf_printf(out, "line %zu/%zu", lv->m.text.size ? lv->pg.top.row + 1 : 0,
		   lv->m.text.size ? lv->m.text.n_lines : 0);
	if (lv->err_k >= 0)
		buf_printf(out, "  error %ld of %zu", lv->err_k + 1, lv->m.n_errors);
	else
		buf_printf(out, "  %zu error%s", lv->m.n_errors, lv->m.n_errors == 1 ? "" : "s");
	if (lv->marked >= 0)
		buf_printf(out, "  request #%d: line %ld", lv->target.position, lv->marked + 1);
	if (lv->cut_shown)
		buf_printf(out, "  a line cut at %u MB", TEXT_LINE_CAP >> 20);
	if (lv->wrap)
		buf_puts(out, "  wrap");
	if (lv->hscroll)
		buf_printf(out, "  >%ld", lv->hscroll);
}

static int
load(struct app *app, struct log_view *lv, struct bt_error *err)
{
	struct store_blob *blob;
	int rc;

	if ((rc = store_blob_open(app->st, lv->target.attempt_id, lv->target.kind, &blob, err)) ||
	    (rc = log_model_open(&lv->m, blob, err)))
		return rc;
	lv->pg.n_rows = lv->m.text.size ? lv->m.text.n_lines : 0;
	return BT_OK;
}

static int
logview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	struct log_view *lv = v->priv;
	int rc;

	lv->app = app;
	lv->target = *(const struct text_target *)arg;
	lv->match = lv->marked = lv->err_from = lv->err_k = -1;
	lv->pg.height = line_height;
	lv->pg.ctx = lv;
	lv->pg.page = 1;
	buf_init(&lv->line);
	buf_init(&lv->exp);
	if ((rc = load(app, lv, err)))
		return rc;
	if (lv->target.method[0]) {
		lv->marked = log_model_find_request(&lv->m, lv->target.method, lv->target.url,
						    lv->target.occurrence);
		lv->place = lv->marked >= 0;
		error_cursor_reset(lv, lv->marked);
		if (lv->marked < 0)
			app_message(app, false, "no access line for request #%d (%s %s) in this log",
				    lv->target.position, lv->target.method, lv->target.url);
	}
	return BT_OK;
}

static void
logview_close(struct view *v)
{
	struct log_view *lv = v->priv;

	log_model_close(&lv->m);
	buf_free(&lv->line);
	buf_free(&lv->exp);
	free(lv->segs);
}

static int
logview_reload(struct app *app, struct view *v, struct bt_error *err)
{
	struct log_view *lv = v->priv;
	size_t top = lv->pg.top.row;
	int rc;

	log_model_close(&lv->m);
	if ((rc = load(app, lv, err)))
		return rc;
	lv->pg.top = (struct pager_pos){top < lv->pg.n_rows ? top : 0, 0};
	lv->match = -1;
	if (lv->target.method[0])
		lv->marked = log_model_find_request(&lv->m, lv->target.method, lv->target.url,
						    lv->target.occurrence);
	error_cursor_reset(lv, lv->marked);
	return BT_OK;
}

static bool
logview_address(struct app *app, struct view *v, struct address *out)
{
	const struct log_view *x = v->priv;

	return pager_target_address(app, &x->target, out);
}

const struct view_ops view_log_ops = {
	.id = VIEW_LOG,
	.priv_size = sizeof(struct log_view),
	.open = logview_open,
	.close = logview_close,
	.draw = logview_draw,
	.handle = logview_handle,
	.title = logview_title,
	.status = logview_status,
	.search = logview_search,
	.reload = logview_reload,
	.address = logview_address,
};
