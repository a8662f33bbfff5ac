/* view_text.c: a pager over one artifact paged from the store: line
 * numbers, sideways scrolling or wrapping, search, and colour for diff and
 * log lines.  open() takes a struct text_target *. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/model_text.h"
#include "benchtop/sanitize.h"
#include "benchtop/tui.h"
#include "pager.h"

struct text_view {
	struct text_target target;
	struct text_model m;
	size_t top;     /* first line shown */
	long hscroll;   /* columns scrolled sideways */
	bool wrap;
	int page;       /* lines shown in the last draw */
	size_t match;   /* the line of the last search match, or SIZE_MAX */
	struct buf line;
};

static int
textview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	struct text_view *tv = v->priv;
	struct store_blob *blob;
	int rc;

	tv->target = *(const struct text_target *)arg;
	tv->match = (size_t)-1;
	buf_init(&tv->line);
	rc = tv->target.attempt_id
		     ? store_blob_open(app->st, tv->target.attempt_id, tv->target.kind, &blob, err)
		     : store_blob_open_reference(app->st, tv->target.task_id, &blob, err);
	if (rc || (rc = text_model_open(&tv->m, blob, err)))
		return rc;
	/* from :grep: the line at the top, its number marked */
	if (tv->target.line > 0 && (size_t)tv->target.line <= tv->m.n_lines)
		tv->top = tv->match = (size_t)tv->target.line - 1;
	return BT_OK;
}

static void
textview_close(struct view *v)
{
	struct text_view *tv = v->priv;

	if (tv->m.blob)
		text_model_close(&tv->m);
	buf_free(&tv->line);
}

/* Colour of a line by what the artifact is. */
static enum color_elem
line_color(const struct text_view *tv, const char *s, size_t n)
{
	if (tv->target.kind == ARTIFACT_PATCH) {
		if (n >= 4 && (!strncmp(s, "diff", 4) || !strncmp(s, "+++ ", 4) || !strncmp(s, "--- ", 4)))
			return COL_DIFF_FILE;
		if (n >= 2 && !strncmp(s, "@@", 2))
			return COL_DIFF_HUNK;
		if (n && s[0] == '+')
			return COL_DIFF_ADD;
		if (n && s[0] == '-')
			return COL_DIFF_DEL;
		return COL_TEXT;
	}
	if (tv->target.kind == ARTIFACT_SERVER_LOG || tv->target.kind == ARTIFACT_SETUP_LOG) {
		static const char *const marks[] = {"Traceback", "Error", "ERROR", "Exception",
						    "FATAL", "error:", "npm ERR!", " at "};
		for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
			if (memmem(s, n, marks[i], strlen(marks[i])))
				return COL_ERROR_LINE;
	}
	return COL_TEXT;
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
textview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	struct text_view *tv = v->priv;
	struct san_opts so = {.utf8 = !app->ascii};
	int gutter = digits(tv->m.n_lines) + 1, y = 0;
	size_t i = tv->top;

	if (w <= gutter + 1)
		gutter = 0;
	for (; y < h && i < tv->m.n_lines; i++) {
		struct bt_error err;
		bool cut;
		if (text_model_line(&tv->m, i, &tv->line, &cut, &err)) {
			app_message(app, true, "%s", err.msg);
			break;
		}
		enum color_elem c = line_color(tv, tv->line.data, tv->line.len);
		if (gutter) {
			ui_attr(app, i == tv->match ? COL_MATCH : COL_DIM);
			ui_printf(app, y0 + y, 0, gutter, "%*zu", gutter - 1, i + 1);
		}
		ui_attr(app, c);
		if (!tv->wrap) {
			ui_text(app, y0 + y, gutter, w - gutter, tv->line.data, tv->line.len, tv->hscroll);
			y++;
		} else {
			size_t pos = 0;
			do {
				size_t n = sanitize_fit(tv->line.data + pos, tv->line.len - pos, &so,
							w - gutter, false);
				if (n == 0)
					n = tv->line.len - pos;
				ui_text(app, y0 + y, gutter, w - gutter, tv->line.data + pos, n, 0);
				pos += n;
				y++;
			} while (pos < tv->line.len && y < h);
		}
		if (cut && y - 1 < h) {
			ui_attr(app, COL_WARN);
			ui_str(app, y0 + y - 1, w - 12 > 0 ? w - 12 : 0, 12, "[line cut]");
		}
	}
	tv->page = (int)(i - tv->top);
	if (tv->m.size == 0) {
		ui_attr(app, COL_DIM);
		ui_str(app, y0, 0, w, "(empty)");
	}
}

static void
scroll_to(struct text_view *tv, long line)
{
	long last = (long)tv->m.n_lines - 1;

	if (line > last)
		line = last;
	if (line < 0)
		line = 0;
	tv->top = (size_t)line;
}

static enum action
textview_handle(struct app *app, struct view *v, enum action a)
{
	struct text_view *tv = v->priv;
	long page = tv->page > 1 ? tv->page : 1;

	switch (a) {
	case ACT_UP: scroll_to(tv, (long)tv->top - 1); return ACT_NONE;
	case ACT_DOWN: scroll_to(tv, (long)tv->top + 1); return ACT_NONE;
	case ACT_PAGE_UP: scroll_to(tv, (long)tv->top - page); return ACT_NONE;
	case ACT_PAGE_DOWN: scroll_to(tv, (long)tv->top + page); return ACT_NONE;
	case ACT_HALF_UP: scroll_to(tv, (long)tv->top - page / 2); return ACT_NONE;
	case ACT_HALF_DOWN: scroll_to(tv, (long)tv->top + page / 2); return ACT_NONE;
	case ACT_FIRST: scroll_to(tv, 0); return ACT_NONE;
	case ACT_LAST: scroll_to(tv, (long)tv->m.n_lines - page); return ACT_NONE;
	case ACT_LEFT:
		tv->hscroll = tv->hscroll > 8 ? tv->hscroll - 8 : 0;
		return ACT_NONE;
	case ACT_RIGHT:
		if (!tv->wrap)
			tv->hscroll += 8;
		return ACT_NONE;
	case ACT_WRAP:
		tv->wrap = !tv->wrap;
		tv->hscroll = 0;
		return ACT_NONE;
	case ACT_PAGER:
	case ACT_EDITOR:
		pager_hand_off(app, a, &tv->m);
		return ACT_NONE;
	default:
		return a;
	}
}

static void
textview_title(struct app *app, struct view *v, struct buf *out)
{
	struct text_view *tv = v->priv;
	(void)app;
	buf_puts(out, tv->target.title);
}

static void
textview_status(struct app *app, struct view *v, struct buf *out)
{
	struct text_view *tv = v->priv;
	(void)app;
	buf_printf(out, "line %zu/%zu  %zu bytes%s%s", tv->m.n_lines ? tv->top + 1 : 0,
		   tv->m.n_lines, tv->m.size, tv->wrap ? "  wrap" : "",
		   tv->hscroll ? "  scrolled right" : "");
}

static bool
textview_search(struct app *app, struct view *v, const char *needle, int dir)
{
	struct text_view *tv = v->priv;
	long from, line;
	(void)app;

	/* the first search includes the top line; later ones move past the match */
	if (tv->match != (size_t)-1)
		from = (long)tv->match;
	else
		from = dir > 0 ? (long)tv->top - 1 : (long)tv->top;
	line = text_model_find(&tv->m, from, needle, dir);
	if (line < 0)
		return false;
	tv->match = (size_t)line;
	/* keep a little context above the match */
	scroll_to(tv, line > 2 ? line - 2 : 0);
	return true;
}

static int
textview_reload(struct app *app, struct view *v, struct bt_error *err)
{
	struct text_view *tv = v->priv;
	struct store_blob *blob;
	size_t top = tv->top;
	int rc;

	text_model_close(&tv->m);
	rc = tv->target.attempt_id
		     ? store_blob_open(app->st, tv->target.attempt_id, tv->target.kind, &blob, err)
		     : store_blob_open_reference(app->st, tv->target.task_id, &blob, err);
	if (rc || (rc = text_model_open(&tv->m, blob, err)))
		return rc;
	scroll_to(tv, (long)top);
	return BT_OK;
}

static bool
textview_address(struct app *app, struct view *v, struct address *out)
{
	const struct text_view *x = v->priv;

	return pager_target_address(app, &x->target, out);
}

const struct view_ops view_text_ops = {
	.id = VIEW_TEXT,
	.priv_size = sizeof(struct text_view),
	.open = textview_open,
	.close = textview_close,
	.draw = textview_draw,
	.handle = textview_handle,
	.title = textview_title,
	.status = textview_status,
	.search = textview_search,
	.reload = textview_reload,
	.address = textview_address,
};
