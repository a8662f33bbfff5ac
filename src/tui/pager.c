/* pager.c: text drawing, wrapping and scrolling shared by the viewers. */
#include "config.h"

#include "pager.h"

#include <assert.h>
#include <string.h>

#include "benchtop/sanitize.h"

static struct san_opts
opts(const struct app *app)
{
	return (struct san_opts){.utf8 = !app->ascii, .tabstop = 8};
}

/* ------------------------------------------------------------ text */

struct expand_ctx {
	const char *s;
	size_t done;   /* bytes of s copied so far */
	size_t stop;   /* where the feed stopped */
	long left;     /* columns still wanted */
	bool limited;
	struct buf *out;
};

static bool
expand_piece(void *vctx, const struct san_piece *p)
{
	struct expand_ctx *e = vctx;

	if (e->limited && e->left <= 0) {
		e->stop = p->offset;
		return false;
	}
	e->left -= p->width;
	if (e->s[p->offset] == '\t') {
		if (e->done <= p->offset) {
			buf_append(e->out, e->s + e->done, p->offset - e->done);
			e->done = p->offset + 1;
		}
		buf_putc(e->out, ' ');
	}
	return true;
}

void
pager_expand(const struct app *app, const char *s, size_t n, long max_cols, struct buf *out)
{
	struct san_opts o = opts(app);
	struct expand_ctx e = {.s = s, .stop = n, .left = max_cols, .limited = max_cols > 0,
			       .out = out};

	buf_reset(out);
	if (e.limited || memchr(s, '\t', n))
		sanitize_feed(s, n, &o, 0, expand_piece, &e);
	if (e.done < e.stop)
		buf_append(out, s + e.done, e.stop - e.done);
	buf_cstr(out);
}

static int
segment(struct app *app, int y, int x, int w, const char *s, size_t n, long *col, long skip,
	bool last)
{
	struct san_opts o = opts(app);
	long width = last ? 0 : sanitize_width(s, n, &o);
	long start = *col;
	int drawn = 0;

	*col += width;
	if (!last && start + width <= skip)
		return 0;
	long at = start > skip ? start - skip : 0;
	if (at < w)
		drawn = ui_text(app, y, x + (int)at, w - (int)at, s, n,
				start < skip ? skip - start : 0);
	return drawn;
}

int
pager_text(struct app *app, int y, int x, int w, const char *s, size_t n, long skip,
	   const char *needle, enum color_elem c)
{
	size_t nlen = needle ? strlen(needle) : 0, pos = 0;
	long col = 0;
	int drawn = 0;

	if (w <= 0)
		return 0;
	for (const char *hit; nlen && pos < n && (hit = memmem(s + pos, n - pos, needle, nlen));) {
		size_t at = (size_t)(hit - s);
		ui_attr(app, c);
		drawn += segment(app, y, x, w, s + pos, at - pos, &col, skip, false);
		ui_attr(app, COL_MATCH);
		drawn += segment(app, y, x, w, s + at, nlen, &col, skip, false);
		pos = at + nlen;
		if (col - skip >= w)
			break;
	}
	ui_attr(app, c);
	if (pos < n && col - skip < w)
		drawn += segment(app, y, x, w, s + pos, n - pos, &col, skip, true);
	return drawn;
}

size_t
pager_wrap(const struct app *app, const char *s, size_t n, int w, bool words, size_t **starts,
	   size_t *cap)
{
	struct san_opts o = opts(app);
	size_t count = 0, pos = 0;

	do {
		size_t k = w > 0 ? sanitize_fit(s + pos, n - pos, &o, w, words) : n - pos;
		if (k == 0)
			k = n - pos;
		BT_GROW(*starts, *cap, count + 1);
		(*starts)[count++] = pos;
		pos += k;
	} while (pos < n);
	return count;
}

/* ------------------------------------------------------------ scrolling */

static long
height(const struct pager *p, size_t row)
{
	long h = p->height ? p->height(p->ctx, row) : 1;
	return h > 0 ? h : 1;
}

static int
pos_cmp(struct pager_pos a, struct pager_pos b)
{
	if (a.row != b.row)
		return a.row < b.row ? -1 : 1;
	return a.sub < b.sub ? -1 : a.sub > b.sub;
}

/* Where the functions below leave the position: on a row (at 0 when there
 * is none), on one of its screen lines, and not past the end, since the
 * views index their rows with it and draw from it. */
static void
check(const struct pager *p)
{
	(void)p; /* (NDEBUG) */
	assert(p->n_rows ? p->top.row < p->n_rows : p->top.row == 0 && p->top.sub == 0);
	assert(p->top.sub >= 0 && (!p->n_rows || p->top.sub < height(p, p->top.row)));
}

/* The position that shows the last screen line at the bottom. */
static struct pager_pos
end_pos(const struct pager *p)
{
	struct pager_pos e = {0, 0};
	long left = p->page > 0 ? p->page : 1;

	if (!p->n_rows)
		return e;
	e.row = p->n_rows - 1;
	for (;;) {
		long h = height(p, e.row);
		if (h >= left) {
			e.sub = h - left;
			return e;
		}
		left -= h;
		if (e.row == 0)
			return (struct pager_pos){0, 0};
		e.row--;
	}
}

void
pager_down(struct pager *p, long lines)
{
	struct pager_pos end = end_pos(p);
	long h = p->top.row < p->n_rows ? height(p, p->top.row) : 1;

	while (lines-- > 0 && pos_cmp(p->top, end) < 0) {
		if (p->top.sub + 1 < h) {
			p->top.sub++;
		} else {
			p->top.row++;
			p->top.sub = 0;
			h = height(p, p->top.row);
		}
	}
	if (pos_cmp(p->top, end) > 0)
		p->top = end;
	check(p);
}

void
pager_up(struct pager *p, long lines)
{
	while (lines-- > 0) {
		if (p->top.sub > 0) {
			p->top.sub--;
		} else if (p->top.row > 0) {
			p->top.row--;
			p->top.sub = height(p, p->top.row) - 1;
		} else {
			break;
		}
	}
}

void
pager_show(struct pager *p, size_t row, long context)
{
	struct pager_pos end = end_pos(p);

	p->top = (struct pager_pos){row < p->n_rows ? row : (p->n_rows ? p->n_rows - 1 : 0), 0};
	if (context > 0 && context < p->page)
		pager_up(p, context);
	if (pos_cmp(p->top, end) > 0)
		p->top = end;
	check(p);
}

void
pager_end(struct pager *p)
{
	p->top = end_pos(p);
	check(p);
}

bool
pager_visible(const struct pager *p, size_t row)
{
	long lines = 0;

	if (row < p->top.row)
		return false;
	for (size_t r = p->top.row; r < p->n_rows && lines < p->page; r++) {
		if (r == row)
			return true;
		lines += height(p, r) - (r == p->top.row ? p->top.sub : 0);
	}
	return false;
}

bool
pager_move(struct pager *p, long *hscroll, bool wrap, enum action a)
{
	long page = p->page > 1 ? p->page : 1;

	switch (a) {
	case ACT_UP: pager_up(p, 1); return true;
	case ACT_DOWN: pager_down(p, 1); return true;
	case ACT_PAGE_UP: pager_up(p, page > 1 ? page - 1 : 1); return true;
	case ACT_PAGE_DOWN: pager_down(p, page > 1 ? page - 1 : 1); return true;
	case ACT_HALF_UP: pager_up(p, page / 2 ? page / 2 : 1); return true;
	case ACT_HALF_DOWN: pager_down(p, page / 2 ? page / 2 : 1); return true;
	case ACT_FIRST: p->top = (struct pager_pos){0, 0}; return true;
	case ACT_LAST: pager_end(p); return true;
	case ACT_LEFT: *hscroll = *hscroll > 8 ? *hscroll - 8 : 0; return true;
	case ACT_RIGHT:
		if (!wrap)
			*hscroll += 8;
		return true;
	default:
		return false;
	}
}

long
pager_search_from(long at, size_t top, int dir)
{
	if (at >= 0)
		return at;
	return dir > 0 ? (long)top - 1 : (long)top;
}

void
pager_hand_off(struct app *app, enum action a, struct text_model *m)
{
	app_external(app, a == ACT_PAGER ? "PAGER" : "EDITOR", a == ACT_PAGER ? "less" : "vi", m);
}

bool
pager_target_address(struct app *app, const struct text_target *t, struct address *out)
{
	return t->attempt_id && store_attempt_address(app->st, t->attempt_id, out, NULL) == BT_OK;
}
