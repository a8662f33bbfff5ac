/* draw.c: drawing primitives.  Every string goes through sanitize.c, so no
 * view can put raw bytes on the terminal. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "benchtop/sanitize.h"
#include "benchtop/tui.h"
#include "benchtop/utf8.h"
#include "tui_curses.h"

static int cur_attr;

static const char *const glyph_utf8[G_COUNT] = {
	[G_HLINE] = "─", [G_VLINE] = "│", [G_CROSS] = "┼", [G_CHECK] = "✓", [G_FAIL] = "✗",
	[G_WARN] = "!", [G_NONE] = "·", [G_BULLET] = "●", [G_SEP] = "›", [G_ELLIPSIS] = "…",
	[G_UP] = "▲", [G_DOWN] = "▼", [G_MARK] = "◆", [G_BLOCK_FULL] = "█",
	[G_BLOCK_LIGHT] = "░", [G_CORNER_BL] = "└", [G_TEE_UP] = "┴",
};
static const char *const glyph_ascii[G_COUNT] = {
	[G_HLINE] = "-", [G_VLINE] = "|", [G_CROSS] = "+", [G_CHECK] = "+", [G_FAIL] = "x",
	[G_WARN] = "!", [G_NONE] = ".", [G_BULLET] = "*", [G_SEP] = ">", [G_ELLIPSIS] = "~",
	[G_UP] = "^", [G_DOWN] = "v", [G_MARK] = "*", [G_BLOCK_FULL] = "#",
	[G_BLOCK_LIGHT] = ":", [G_CORNER_BL] = "+", [G_TEE_UP] = "+",
};

static const char *const markers_utf8[8] = {"●", "■", "▲", "◆", "✚", "✖", "★", "▼"};
static const char *const markers_ascii[8] = {"o", "x", "+", "*", "#", "@", "%", "&"};

void
ui_attr(struct app *app, enum color_elem e)
{
	cur_attr = app->color_attr[e];
	attrset(cur_attr);
}

static void
put_cp(int y, int x, uint32_t cp)
{
#ifdef HAVE_WIDE_CURSES
	cchar_t cc;
	wchar_t w[2] = {(wchar_t)cp, 0};
	setcchar(&cc, w, (attr_t)(cur_attr & ~A_COLOR), (short)PAIR_NUMBER(cur_attr), NULL);
	mvadd_wch(y, x, &cc);
#else
	mvaddch(y, x, (chtype)(cp < 0x80 ? cp : '?') | (chtype)cur_attr);
#endif
}

struct text_ctx {
	struct app *app;
	int y, x, maxw, used;
	long skip, col;
	int saved_attr;
	bool cut; /* a piece did not fit */
};

static bool
put_piece(void *vctx, const struct san_piece *p)
{
	struct text_ctx *c = vctx;
	long start = c->col;

	c->col += p->width;
	if (c->col <= c->skip)
		return true;
	if (start < c->skip) {
		/* a piece cut by the left edge: show blanks for its visible part */
		for (long i = c->skip; i < c->col && c->used < c->maxw; i++)
			put_cp(c->y, c->x + c->used++, ' ');
		return c->used < c->maxw;
	}
	if (c->used + p->width > c->maxw) {
		while (c->used < c->maxw)
			put_cp(c->y, c->x + c->used++, ' ');
		c->cut = true;
		return false;
	}
	if (p->kind == SAN_ESCAPE) {
		int keep = cur_attr;
		cur_attr = c->app->color_attr[COL_ESCAPE];
		for (const char *s = p->text; *s; s++)
			put_cp(c->y, c->x + c->used++, (unsigned char)*s);
		cur_attr = keep;
		return true;
	}
	if (p->width == 0) {
		/* a combining mark joins the previous cell: skip in ASCII terms */
#ifdef HAVE_WIDE_CURSES
		if (c->used > 0 && !c->app->ascii) {
			cchar_t cc;
			wchar_t w[CCHARW_MAX + 1];
			attr_t a;
			short pair;
			mvin_wch(c->y, c->x + c->used - 1, &cc);
			getcchar(&cc, w, &a, &pair, NULL);
			size_t n = wcslen(w);
			if (n + 1 < CCHARW_MAX) {
				w[n] = (wchar_t)p->cp;
				w[n + 1] = 0;
				setcchar(&cc, w, a, pair, NULL);
				mvadd_wch(c->y, c->x + c->used - 1, &cc);
			}
		}
#endif
		return true;
	}
	put_cp(c->y, c->x + c->used, p->cp);
	c->used += p->width;
	/* full: go on only to learn whether anything was left out */
	return true;
}

/* Draw text; with mark_cut, text that does not fit ends in an ellipsis. */
static int
draw_text(struct app *app, int y, int x, int maxw, const char *s, size_t len, long skip,
	  bool mark_cut)
{
	struct san_opts o = {.utf8 = !app->ascii, .tabstop = 8};
	struct text_ctx c = {.app = app, .y = y, .x = x, .maxw = maxw, .skip = skip};

	if (maxw <= 0 || y < 0 || y >= app->rows || x >= app->cols)
		return 0;
	if (x + maxw > app->cols)
		c.maxw = app->cols - x;
	sanitize_feed(s, len, &o, 0, put_piece, &c);
	if (mark_cut && c.cut && c.used > 0)
		ui_glyph(app, y, x + c.used - 1, G_ELLIPSIS);
	return c.used;
}

int
ui_text(struct app *app, int y, int x, int maxw, const char *s, size_t len, long skip)
{
	return draw_text(app, y, x, maxw, s, len, skip, false);
}

int
ui_str(struct app *app, int y, int x, int maxw, const char *s)
{
	return draw_text(app, y, x, maxw, s, strlen(s), 0, true);
}

int
ui_printf(struct app *app, int y, int x, int maxw, const char *fmt, ...)
{
	struct buf b;
	va_list ap;
	int n;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	n = draw_text(app, y, x, maxw, b.data ? b.data : "", b.len, 0, true);
	buf_free(&b);
	return n;
}

long
ui_width(const struct app *app, const char *s)
{
	struct san_opts o = {.utf8 = !app->ascii};

	return sanitize_width(s, strlen(s), &o);
}

void
ui_blank(struct app *app, int y, int x, int w)
{
	if (y < 0 || y >= app->rows)
		return;
	for (int i = 0; i < w && x + i < app->cols; i++)
		mvaddch(y, x + i, ' ' | (chtype)cur_attr);
}

const char *
ui_glyph_str(const struct app *app, enum glyph g)
{
	return app->ascii ? glyph_ascii[g] : glyph_utf8[g];
}

int
ui_glyph(struct app *app, int y, int x, enum glyph g)
{
	return ui_str(app, y, x, 1, ui_glyph_str(app, g));
}

const char *
ui_marker(const struct app *app, int n)
{
	return app->ascii ? markers_ascii[n % 8] : markers_utf8[n % 8];
}

int
ui_strip(struct app *app, int y, int x, const char *strip, size_t n)
{
	int keep = cur_attr, used = 0;

	for (size_t i = 0; i < n && x + used < app->cols; i++) {
		enum glyph g = G_NONE;
		enum color_elem e = COL_DIM;
		switch (strip[i]) {
		case 'P': g = G_CHECK; e = COL_GOOD; break;
		case 'F': g = G_FAIL; e = COL_BAD; break;
		case 'V': g = G_WARN; e = COL_WARN; break;
		default: break;
		}
		cur_attr = app->color_attr[e] | (keep & A_REVERSE);
		attrset(cur_attr);
		used += ui_glyph(app, y, x + used, g);
	}
	cur_attr = keep;
	attrset(cur_attr);
	return used;
}

/* ------------------------------------------------------------ tables */

static void
column_widths(const struct ui_column *cols, size_t ncols, int w, int *out)
{
	int fixed = -1, nflex = 0;

	for (size_t i = 0; i < ncols; i++) {
		if (cols[i].flags & LIST_HIDDEN)
			continue;
		fixed += cols[i].width + 1;
		nflex += cols[i].flex;
	}
	for (size_t i = 0; i < ncols; i++) {
		out[i] = cols[i].flags & LIST_HIDDEN ? 0 : cols[i].width;
		if (cols[i].flex && !(cols[i].flags & LIST_HIDDEN) && w > fixed)
			out[i] += (w - fixed) / nflex;
	}
}

/* Draw text too wide for cw columns as its head, an ellipsis and its tail
 * (the tail gets two thirds: names differ at the end).  False when the
 * text fits, to be drawn as usual. */
static bool
cell_cut_middle(struct app *app, int y, int x, int cw, const char *text)
{
	struct san_opts so = {.utf8 = !app->ascii};
	size_t len = strlen(text), head_len, tail_len;
	int head = (cw - 1) / 3;

	if (!sanitize_cut_middle(text, len, &so, cw, &head_len, &tail_len))
		return false;
	ui_text(app, y, x, head, text, len, 0);
	ui_glyph(app, y, x + head, G_ELLIPSIS);
	ui_str(app, y, x + head + 1, cw - 1 - head, text + len - tail_len);
	return true;
}

void
ui_table_draw(struct app *app, int y0, int h, int w, struct listnav *nav,
	      const struct ui_column *cols, size_t ncols, ui_cell_fn cell, void *ctx,
	      const bool *marked)
{
	int *widths = xcalloc(ncols ? ncols : 1, sizeof(int));
	int x;

	if (h < 2) {
		free(widths);
		return;
	}
	column_widths(cols, ncols, w, widths);
	ui_attr(app, COL_HEADER);
	ui_blank(app, y0, 0, w);
	x = 0;
	for (size_t c = 0; c < ncols && x < w; c++) {
		int cw = widths[c] < w - x ? widths[c] : w - x;
		int tw = (int)ui_width(app, cols[c].title);
		if (cols[c].flags & LIST_HIDDEN)
			continue;
		ui_str(app, y0, cols[c].right && tw < cw ? x + cw - tw : x, cw, cols[c].title);
		x += widths[c] + 1;
	}
	listnav_set(nav, nav->n, (size_t)(h - 1));
	for (int r = 0; r < h - 1; r++) {
		size_t row = nav->top + (size_t)r;
		int y = y0 + 1 + r;
		bool is_cur = row == nav->cur && row < nav->n;

		if (row >= nav->n)
			break;
		ui_attr(app, is_cur ? COL_CURSOR : COL_TEXT);
		ui_blank(app, y, 0, w);
		x = 0;
		for (size_t c = 0; c < ncols && x < w; c++) {
			struct ui_cell ce = {.color = COL_TEXT};
			int cw = widths[c] < w - x ? widths[c] : w - x;
			if (cols[c].flags & LIST_HIDDEN)
				continue;
			cell(app, ctx, row, c, &ce);
			if (!is_cur && ce.color != COL_TEXT)
				ui_attr(app, ce.color);
			if (ce.glyphs) {
				ui_strip(app, y, x, ce.glyphs, strlen(ce.glyphs) < (size_t)cw
							       ? strlen(ce.glyphs) : (size_t)cw);
			} else if (cols[c].cut_middle && cw >= 5 &&
				   cell_cut_middle(app, y, x, cw, ce.text)) {
				/* drawn with both ends */
			} else {
				long tw = ui_width(app, ce.text);
				ui_str(app, y, cols[c].right && tw < cw ? x + cw - (int)tw : x, cw, ce.text);
			}
			ui_attr(app, is_cur ? COL_CURSOR : COL_TEXT);
			x += widths[c] + 1;
		}
		if (marked && marked[row]) {
			ui_attr(app, COL_MARK);
			ui_glyph(app, y, 0, G_MARK);
		}
	}
	free(widths);
}
