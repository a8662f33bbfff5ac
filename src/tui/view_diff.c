/* view_diff.c: the patch viewer.  A file list (path, +/- counts, the layer
 * the architecture verifier gave, marks for files with findings) beside
 * the diff on wide terminals and above it otherwise; old and new line
 * numbers; unified or side-by-side; wrap or sideways scrolling; search;
 * the verifier's findings under the lines they came from; and, for a
 * feature task, the task's reference patch beside the agent's.
 * open() takes a struct text_target * (attempt_id 0: a task's reference). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/model_diff.h"
#include "benchtop/sanitize.h"
#include "benchtop/tui.h"
#include "pager.h"

/* Narrower than this, the file list goes above the diff. */
#define LIST_BESIDE_MIN 120
/* Side by side needs this many columns for the diff. */
#define SBS_MIN 90
/* The reference patch goes beside the agent's from this width. */
#define COMPARE_MIN 100

struct diff_view;

struct cell {
	bool has;
	size_t line;
	enum diff_kind kind;
	char prefix;       /* '+', '-', ' ' for hunk lines, else 0 */
	struct buf text;   /* the content, tabs expanded */
	size_t *segs;      /* wrapped screen lines */
	size_t n_segs, cap_segs;
};

struct pane {
	struct diff_view *dv;
	struct diff_model m;
	bool open;
	const char *name;  /* "agent's patch", "reference patch" */
	struct pager pg;
	bool sbs;          /* rows are side-by-side pairs */
	long hscroll;
	long match;        /* the line of the last search match, or -1 */
	long note_at;      /* the line of the finding jumped to last, or -1 */
	size_t list_top;
	int tw, cw;        /* widths of the text area and of a line's content */
	int dw;            /* digits of a line number */
	bool two;          /* the row loaded last has two cells (side by side) */
	/* where the last draw put things (for mouse clicks) */
	int list_y, list_x, list_w, list_h, area_x, area_w;
};

struct diff_view {
	struct app *app;
	struct text_target target;
	struct attempt a;
	bool have_attempt;
	struct pane pane[2];   /* the agent's patch, the task's reference */
	bool show_ref;         /* the reference beside (wide) or instead (narrow) */
	bool both;             /* the last draw showed both patches */
	int focus;
	bool sbs, wrap;
	bool cut_shown;        /* a line on the screen is longer than TEXT_LINE_CAP */
	struct buf line;
	struct cell cell[2];
};

static int
digits(long n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static struct pane *
focused(struct diff_view *dv)
{
	return &dv->pane[dv->focus];
}

/* ------------------------------------------------------------ rows */

static size_t
row_line(const struct pane *p, size_t row)
{
	if (!p->sbs)
		return row;
	if (row >= p->m.n_pairs)
		return p->m.d.n_lines;
	const struct diff_pair *pr = &p->m.pairs[row];
	return pr->left != DIFF_NO_LINE ? pr->left : pr->right;
}

static size_t
line_row(const struct pane *p, size_t line)
{
	return p->sbs ? diff_model_pair_of(&p->m, line) : line;
}

static bool
is_body(enum diff_kind k)
{
	return k == DIFF_CONTEXT || k == DIFF_ADD || k == DIFF_DEL;
}

/* Read a line into a cell: its prefix, and its content expanded and cut
 * into screen lines (one line, cut, when not wrapping): hunk lines and
 * "\ No newline" have p->cw columns, others `wide` (they have no gutter). */
static void
cell_load(struct pane *p, struct cell *c, size_t line, int wide)
{
	struct diff_view *dv = p->dv;
	struct bt_error err;
	bool cut;
	const char *s;
	size_t n;

	c->has = true;
	c->line = line;
	c->kind = (enum diff_kind)p->m.d.kinds[line];
	if (text_model_line(&p->m.text, line, &dv->line, &cut, &err))
		buf_reset(&dv->line);
	dv->cut_shown |= cut;
	s = dv->line.data ? dv->line.data : "";
	n = dv->line.len;
	int cw = is_body(c->kind) || c->kind == DIFF_NO_NEWLINE ? p->cw : wide;
	c->prefix = 0;
	if (is_body(c->kind)) {
		c->prefix = n ? s[0] : ' ';
		s += n ? 1 : 0;
		n -= n ? 1 : 0;
	}
	pager_expand(dv->app, s, n, dv->wrap ? 0 : p->hscroll + cw + 1, &c->text);
	if (dv->wrap) {
		c->n_segs = pager_wrap(dv->app, c->text.data, c->text.len, cw, false, &c->segs,
				       &c->cap_segs);
	} else {
		BT_GROW(c->segs, c->cap_segs, 1);
		c->segs[0] = 0;
		c->n_segs = 1;
	}
}

static size_t
notes_of(const struct pane *p, const struct cell *c, size_t *first)
{
	*first = 0;
	return c->has ? diff_model_notes_at(&p->m, c->line, first) : 0;
}

/* The note's words: why a verifier counted this line. */
static void
note_text(const struct diff_view *dv, const struct diff_note *n, struct buf *out)
{
	unsigned c = dv->a.task.constraints;
	const char *want = c & TC_POSTGRES ? "postgres" : "sqlite";
	const char *other = c & TC_POSTGRES ? "sqlite" : "postgres";

	buf_reset(out);
	if (strcmp(n->label, "violation") == 0) {
		size_t rule = strcspn(n->detail, ":");
		buf_printf(out, "violation: the architecture check failed: %.*s (imports must "
			   "point down: routes > services > repositories > models)", (int)rule,
			   n->detail);
	} else if (n->bad) {
		buf_printf(out, "%s: why the %s check failed: %s evidence in a %s task", n->label,
			   verifier_name(n->verifier), other, want);
	} else {
		buf_printf(out, "%s: %s evidence", n->label, verifier_name(n->verifier));
	}
	buf_cstr(out);
}

/* The verifier's notes on a cell's line, wrapped under it (under the right
 * column for the right cell of a side-by-side row): counts their screen
 * lines, and draws those from `skip` on (at most `max`) when y >= 0.
 * Returns the lines counted or drawn. */
static long
notes_render(struct pane *p, const struct cell *c, bool right, long skip, int y, int x, int max)
{
	struct app *app = p->dv->app;
	int ind = p->sbs ? p->dw + 1 : 2 * p->dw + 2, w = p->tw;

	if (right) {
		x += (p->tw - 1) / 2 + 1;
		w -= (p->tw - 1) / 2 + 1;
	}
	size_t f, n = notes_of(p, c, &f), *starts = NULL, cap = 0;
	long lines = 0, drawn = 0;
	struct buf t;

	if (ind + 12 > w)
		ind = 0;
	buf_init(&t);
	for (size_t k = 0; k < n && (y < 0 || drawn < max); k++) {
		const struct diff_note *note = &p->m.notes[f + k];
		note_text(p->dv, note, &t);
		size_t segs = pager_wrap(app, t.data, t.len, w - ind - 2, true, &starts, &cap);
		for (size_t s = 0; s < segs; s++, lines++) {
			if (y < 0 || lines < skip || drawn >= max)
				continue;
			size_t a = starts[s], b = s + 1 < segs ? starts[s + 1] : t.len;
			ui_attr(app, note->bad ? COL_BAD : COL_MARK);
			if (s == 0)
				ui_glyph(app, y + (int)drawn, x + ind, note->bad ? G_FAIL : G_MARK);
			ui_text(app, y + (int)drawn, x + ind + 2, w - ind - 2, t.data + a, b - a, 0);
			drawn++;
		}
	}
	free(starts);
	buf_free(&t);
	return y < 0 ? lines : drawn;
}

/* Load the cells of a row; returns the screen lines it takes. */
static long
row_load(struct pane *p, size_t row)
{
	struct diff_view *dv = p->dv;
	struct cell *l = &dv->cell[0], *r = &dv->cell[1];
	size_t nl, nr;

	l->has = r->has = false;
	p->two = false;
	if (!p->sbs) {
		cell_load(p, l, row, p->tw);
		return (long)l->n_segs + notes_render(p, l, false, 0, -1, 0, 0);
	}
	const struct diff_pair *pr = &p->m.pairs[row];
	if (pr->left == pr->right && !is_body((enum diff_kind)p->m.d.kinds[pr->left])) {
		cell_load(p, l, pr->left, p->tw);
		return (long)l->n_segs + notes_render(p, l, false, 0, -1, 0, 0);
	}
	p->two = true;
	if (pr->left != DIFF_NO_LINE)
		cell_load(p, l, pr->left, p->cw);
	if (pr->right != DIFF_NO_LINE)
		cell_load(p, r, pr->right, p->cw);
	nl = l->has ? l->n_segs : 0;
	nr = r->has ? r->n_segs : 0;
	long notes = notes_render(p, l, false, 0, -1, 0, 0);
	if (pr->left != pr->right)
		notes += notes_render(p, r, true, 0, -1, 0, 0);
	return (long)(nl > nr ? nl : nr) + notes;
}

static long
row_height(void *ctx, size_t row)
{
	struct pane *p = ctx;

	if (!p->dv->wrap) {
		/* one screen line plus the notes: no need to read the text */
		struct cell c = {.has = true, .line = row};
		if (!p->sbs)
			return 1 + notes_render(p, &c, false, 0, -1, 0, 0);
		const struct diff_pair *pr = &p->m.pairs[row];
		long n = 1;
		if ((c.line = pr->left) != DIFF_NO_LINE)
			n += notes_render(p, &c, false, 0, -1, 0, 0);
		if (pr->right != DIFF_NO_LINE && pr->right != pr->left) {
			c.line = pr->right;
			n += notes_render(p, &c, true, 0, -1, 0, 0);
		}
		return n;
	}
	return row_load(p, row);
}

/* Switch between unified and side-by-side rows, keeping the top line. */
static void
set_mode(struct pane *p, bool sbs)
{
	size_t line = row_line(p, p->pg.top.row);

	if (sbs == p->sbs)
		return;
	if (sbs)
		diff_model_pairs(&p->m);
	p->sbs = sbs;
	p->pg.n_rows = sbs ? p->m.n_pairs : p->m.d.n_lines;
	p->pg.top = (struct pager_pos){line < p->m.d.n_lines ? line_row(p, line) : 0, 0};
}

/* ------------------------------------------------------------ drawing */

static enum color_elem
kind_color(enum diff_kind k)
{
	switch (k) {
	case DIFF_HEADER:
	case DIFF_OLD_PATH:
	case DIFF_NEW_PATH: return COL_DIFF_FILE;
	case DIFF_HUNK: return COL_DIFF_HUNK;
	case DIFF_ADD: return COL_DIFF_ADD;
	case DIFF_DEL: return COL_DIFF_DEL;
	case DIFF_NO_NEWLINE: return COL_DIM;
	case DIFF_BINARY: return COL_WARN;
	default: return COL_TEXT;
	}
}

/* Draw one screen line of a cell (segment `seg`), numbers and mark first. */
static void
cell_draw(struct pane *p, const struct cell *c, int y, int x, int w, size_t seg, bool left)
{
	struct diff_view *dv = p->dv;
	struct app *app = dv->app;
	const char *needle = p->match >= 0 ? app->search : NULL;
	int dw = p->dw, gx = x;
	size_t f;

	if (!c->has || w <= 0)
		return;
	if (seg == 0 && is_body(c->kind)) {
		long o, n;
		diff_model_line_numbers(&p->m, c->line, &o, &n);
		ui_attr(app, (long)c->line == p->match ? COL_MATCH : COL_DIM);
		if (left && !p->sbs) {
			if (o)
				ui_printf(app, y, gx, dw, "%*ld", dw, o);
			gx += dw + 1;
			if (n)
				ui_printf(app, y, gx, dw, "%*ld", dw, n);
		} else if (left ? o : n) {
			ui_printf(app, y, gx, dw, "%*ld", dw, left ? o : n);
		}
	}
	gx = x + (p->sbs ? dw + 1 : 2 * dw + 2);
	if (!is_body(c->kind) && (p->sbs || c->kind != DIFF_NO_NEWLINE))
		gx = x;
	if (gx - x >= w)
		return;
	if (seg == 0 && diff_model_notes_at(&p->m, c->line, &f)) {
		bool bad = false;
		for (size_t k = f; k < p->m.n_notes && p->m.notes[k].line == c->line; k++)
			bad |= p->m.notes[k].bad;
		ui_attr(app, bad ? COL_BAD : COL_MARK);
		ui_glyph(app, y, gx > x ? gx - 1 : gx, bad ? G_FAIL : G_MARK);
	}
	if (c->prefix && gx + 1 < x + w) {
		char pre[2] = {c->prefix, 0};
		ui_attr(app, kind_color(c->kind));
		if (seg == 0)
			ui_text(app, y, gx, 1, pre, 1, 0);
		gx++;
	}
	size_t a = c->segs[seg], b = seg + 1 < c->n_segs ? c->segs[seg + 1] : c->text.len;
	pager_text(app, y, gx, x + w - gx, c->text.data + a, b - a, dv->wrap ? 0 : p->hscroll,
		   needle, kind_color(c->kind));
}

/* The file header line names the layer the verifier gave the file. */
static void
layer_tag(struct pane *p, size_t line, int y, int x, int w)
{
	struct app *app = p->dv->app;
	long f = diff_model_file_at(&p->m, line);
	char tag[40];
	int n;

	/* "none" (outside every layer) is what most files are: not worth a tag */
	if (f < 0 || p->m.d.files[f].line != line || !p->m.info[f].layer[0] ||
	    strcmp(p->m.info[f].layer, "none") == 0)
		return;
	n = snprintf(tag, sizeof(tag), " [layer %s]", p->m.info[f].layer);
	if (n + 20 > w)
		return;
	ui_attr(app, COL_DIM);
	ui_str(app, y, x + w - n, n, tag);
}

/* Draw screen lines [sub, sub + lines) of a row; returns how many. */
static int
row_draw(struct pane *p, size_t row, long sub, int y, int x, int w, int lines)
{
	struct diff_view *dv = p->dv;
	struct cell *l = &dv->cell[0], *r = &dv->cell[1];
	int drawn = 0, half = (w - 1) / 2;

	row_load(p, row);
	size_t nl = l->has ? l->n_segs : 0, nr = r->has ? r->n_segs : 0;
	long body = (long)(nl > nr ? nl : nr), s = sub;
	for (; s < body && drawn < lines; s++, drawn++) {
		int yy = y + drawn;
		ui_attr(dv->app, COL_TEXT);
		ui_blank(dv->app, yy, x, w);
		if (!p->two) {
			cell_draw(p, l, yy, x, w, (size_t)s, true);
			if (s == 0 && l->kind == DIFF_HEADER)
				layer_tag(p, l->line, yy, x, w);
			continue;
		}
		if ((size_t)s < nl)
			cell_draw(p, l, yy, x, half, (size_t)s, true);
		ui_attr(dv->app, COL_DIM);
		ui_glyph(dv->app, yy, x + half, G_VLINE);
		if ((size_t)s < nr)
			cell_draw(p, r, yy, x + half + 1, w - half - 1, (size_t)s, false);
	}
	/* the notes: the left line's, then the right line's */
	long skip = s - body, n = notes_render(p, l, false, 0, -1, 0, 0);
	if (drawn < lines && skip < n)
		drawn += (int)notes_render(p, l, false, skip, y + drawn, x, lines - drawn);
	skip = skip > n ? skip - n : 0;
	if (drawn < lines && p->two && r->has && (!l->has || r->line != l->line))
		drawn += (int)notes_render(p, r, true, skip, y + drawn, x, lines - drawn);
	return drawn;
}

/* The file list: marks, status letter, path (its end when cut), counts,
 * layer.  The current file is highlighted. */
static void
list_draw(struct pane *p, int y, int x, int w, int h)
{
	struct app *app = p->dv->app;
	const struct diff *d = &p->m.d;
	struct san_opts so = {.utf8 = !app->ascii};
	long cur = diff_model_file_at(&p->m, row_line(p, p->pg.top.row));
	int lay = 0, cnt = 0;
	char buf[64];

	p->list_y = y, p->list_x = x, p->list_w = w, p->list_h = h;
	if (h < 1 || w < 8)
		return;
	if (cur < 0)
		cur = 0;
	for (size_t i = 0; i < d->n_files; i++) {
		int n = snprintf(buf, sizeof(buf), "+%ld -%ld", d->files[i].adds, d->files[i].dels);
		cnt = n > cnt ? n : cnt;
		int ln = (int)strlen(p->m.info[i].layer);
		lay = ln > lay ? ln : lay;
	}
	if (w < 40)
		lay = 0;
	if (w < 24)
		cnt = 0;
	ui_attr(app, COL_HEADER);
	ui_blank(app, y, x, w);
	ui_printf(app, y, x, w, "%s: %zu file%s  +%ld -%ld", p->name, d->n_files,
		  d->n_files == 1 ? "" : "s", d->adds, d->dels);
	if (h < 2)
		return;
	size_t rows = (size_t)(h - 1);
	if ((size_t)cur < p->list_top)
		p->list_top = (size_t)cur;
	if ((size_t)cur >= p->list_top + rows)
		p->list_top = (size_t)cur - rows + 1;
	for (size_t r = 0; r < rows && p->list_top + r < d->n_files; r++) {
		size_t i = p->list_top + r;
		const struct diff_file *df = &d->files[i];
		const struct diff_file_info *fi = &p->m.info[i];
		int yy = y + 1 + (int)r, pw = w - 3 - (cnt ? cnt + 1 : 0) - (lay ? lay + 1 : 0);
		bool is_cur = (long)i == cur;
		const char *path = fi->path;
		size_t plen = strlen(path);
		char letter[2] = {fi->letter, 0};

		ui_attr(app, is_cur ? COL_CURSOR : COL_TEXT);
		ui_blank(app, yy, x, w);
		if (fi->notes) {
			ui_attr(app, is_cur ? COL_CURSOR : fi->bad ? COL_BAD : COL_MARK);
			ui_glyph(app, yy, x, fi->bad ? G_FAIL : G_MARK);
		}
		ui_attr(app, is_cur ? COL_CURSOR : COL_DIM);
		ui_str(app, yy, x + 1, 1, letter);
		ui_attr(app, is_cur ? COL_CURSOR : COL_TEXT);
		if (pw > 2 && sanitize_width(path, plen, &so) > pw) {
			size_t keep = sanitize_fit_tail(path, plen, &so, pw - 1);
			ui_glyph(app, yy, x + 3, G_ELLIPSIS);
			ui_text(app, yy, x + 4, pw - 1, path + plen - keep, keep, 0);
		} else if (pw > 0) {
			ui_text(app, yy, x + 3, pw, path, plen, 0);
		}
		int cx = x + 3 + (pw > 0 ? pw : 0) + 1;
		if (cnt) {
			if (df->binary)
				snprintf(buf, sizeof(buf), "binary");
			else if (fi->letter == 'T')
				snprintf(buf, sizeof(buf), "mode");
			else
				snprintf(buf, sizeof(buf), "+%ld -%ld", df->adds, df->dels);
			ui_attr(app, is_cur ? COL_CURSOR : COL_DIM);
			ui_str(app, yy, cx + cnt - (int)strlen(buf), cnt, buf);
			cx += cnt + 1;
		}
		if (lay && fi->layer[0]) {
			ui_attr(app, is_cur ? COL_CURSOR : COL_DIM);
			ui_str(app, yy, cx, lay, strcmp(fi->layer, "none") ? fi->layer : "-");
		}
	}
}

static void
pane_draw(struct pane *p, int y, int x, int w, int h)
{
	struct diff_view *dv = p->dv;
	struct app *app = dv->app;
	int ty = y, tx = x, tw = w, th = h;

	if (w < 4 || h < 1)
		return;
	p->dw = digits(p->m.d.max_line_no > 0 ? p->m.d.max_line_no : 1);
	if (p->m.d.n_files && w >= LIST_BESIDE_MIN) {
		int lw = w * 3 / 10 < 30 ? 30 : w * 3 / 10 > 48 ? 48 : w * 3 / 10;
		list_draw(p, y, x, lw, h);
		ui_attr(app, COL_DIM);
		for (int i = 0; i < h; i++)
			ui_glyph(app, y + i, x + lw, G_VLINE);
		tx = x + lw + 1;
		tw = w - lw - 1;
	} else if (p->m.d.n_files && h >= 6) {
		int lh = (int)p->m.d.n_files + 1;
		int most = h / 4 > 2 ? h / 4 : 2;
		lh = lh < most ? lh : most;
		list_draw(p, y, x, w, lh);
		ty = y + lh;
		th = h - lh;
	} else {
		p->list_h = 0;
	}
	p->area_x = tx, p->area_w = tw;
	set_mode(p, dv->sbs && tw >= SBS_MIN);
	p->tw = tw;
	p->cw = p->sbs ? (tw - 1) / 2 - p->dw - 2 : tw - 2 * p->dw - 3;
	if (p->cw < 1)
		p->cw = 1;
	p->pg.page = th > 0 ? th : 1;
	if (p->m.text.size == 0) {
		ui_attr(app, COL_DIM);
		ui_str(app, ty, tx, tw, "(empty patch)");
		return;
	}
	int used = 0;
	for (size_t row = p->pg.top.row; row < p->pg.n_rows && used < th; row++)
		used += row_draw(p, row, row == p->pg.top.row ? p->pg.top.sub : 0, ty + used, tx, tw,
				 th - used);
}

static void
diffview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	struct diff_view *dv = v->priv;
	bool both = dv->show_ref && dv->pane[1].open && w >= COMPARE_MIN;

	dv->app = app;
	dv->cut_shown = false;
	dv->both = both;
	if (dv->show_ref && !both)
		dv->focus = 1;
	else if (!dv->show_ref)
		dv->focus = 0;
	if (!both) {
		pane_draw(focused(dv), y0, 0, w, h);
		return;
	}
	int half = (w - 1) / 2;
	pane_draw(&dv->pane[0], y0, 0, half, h);
	ui_attr(app, COL_DIM);
	for (int i = 0; i < h; i++)
		ui_glyph(app, y0 + i, half, G_VLINE);
	pane_draw(&dv->pane[1], y0, half + 1, w - half - 1, h);
}

/* ------------------------------------------------------------ moving */

static size_t
top_line(const struct pane *p)
{
	return row_line(p, p->pg.top.row);
}

static void
show_line(struct pane *p, size_t line, long context)
{
	pager_show(&p->pg, line_row(p, line), context);
}

/* Move to the next (dir > 0) or previous file, hunk or finding: what the
 * model finds after the top line (or after the finding jumped to last,
 * while it is on the screen). */
static void
jump(struct app *app, struct pane *p, enum action a)
{
	int dir = a == ACT_NEXT_FILE || a == ACT_NEXT_HUNK || a == ACT_NEXT_ERROR ? 1 : -1;
	size_t top = top_line(p);
	long line;

	if (a == ACT_NEXT_FILE || a == ACT_PREV_FILE) {
		line = diff_model_next_file(&p->m, top, dir);
	} else if (a == ACT_NEXT_HUNK || a == ACT_PREV_HUNK) {
		line = diff_model_next_hunk(&p->m, top, dir);
	} else {
		long from = p->note_at >= 0 && pager_visible(&p->pg, line_row(p, (size_t)p->note_at))
				    ? p->note_at : dir > 0 ? (long)top - 1 : (long)top;
		line = diff_model_next_note(&p->m, from, dir);
		if (line >= 0) {
			p->note_at = line;
			show_line(p, (size_t)line, 2);
			return;
		}
		app_message(app, false, "%s", p->m.n_notes ? "no more verifier findings that way"
							: "no verifier findings in this patch");
		return;
	}
	if (line < 0) {
		app_message(app, false, "no %s %s", dir > 0 ? "next" : "previous",
			    a == ACT_NEXT_FILE || a == ACT_PREV_FILE ? "file" : "hunk");
		return;
	}
	show_line(p, (size_t)line, 0);
}

static void
toggle_ref(struct app *app, struct diff_view *dv)
{
	struct bt_error err = {0};
	struct store_blob *blob;

	if (!dv->pane[1].open) {
		if (!dv->have_attempt || dv->a.task.kind != TASK_FEATURE) {
			app_message(app, true, "only feature tasks have a reference patch");
			return;
		}
		if (store_blob_open_reference(app->st, dv->a.task_id, &blob, &err) ||
		    diff_model_open(&dv->pane[1].m, blob, &err)) {
			app_message(app, true, "%s", err.msg);
			return;
		}
		dv->pane[1].open = true;
		dv->pane[1].pg.n_rows = dv->pane[1].m.d.n_lines;
		dv->pane[1].pg.height = row_height;
	}
	dv->show_ref = !dv->show_ref;
	dv->focus = dv->show_ref ? 1 : 0;
}

static enum action
diffview_handle(struct app *app, struct view *v, enum action a)
{
	struct diff_view *dv = v->priv;
	struct pane *p = focused(dv);
	dv->app = app;
	if (pager_move(&p->pg, &p->hscroll, dv->wrap, a))
		return ACT_NONE;
	switch (a) {
	case ACT_NEXT_FILE:
	case ACT_PREV_FILE:
	case ACT_NEXT_HUNK:
	case ACT_PREV_HUNK:
	case ACT_NEXT_ERROR:
	case ACT_PREV_ERROR:
		jump(app, p, a);
		return ACT_NONE;
	case ACT_WRAP:
		dv->wrap = !dv->wrap;
		p->hscroll = 0;
		for (int i = 0; i < 2; i++)
			dv->pane[i].pg.top.sub = 0;
		return ACT_NONE;
	case ACT_SIDE_BY_SIDE:
		dv->sbs = !dv->sbs;
		if (dv->sbs && p->area_w < SBS_MIN)
			app_message(app, false, "side by side needs %d columns for the diff; it "
				    "shows when the window is wider", SBS_MIN);
		return ACT_NONE;
	case ACT_REFERENCE: toggle_ref(app, dv); return ACT_NONE;
	case ACT_SWITCH_PANE:
		if (dv->both)
			dv->focus = 1 - dv->focus;
		return ACT_NONE;
	case ACT_PAGER:
	case ACT_EDITOR:
		pager_hand_off(app, a, &p->m.text);
		return ACT_NONE;
	default:
		return a;
	}
}

static bool
diffview_search(struct app *app, struct view *v, const char *needle, int dir)
{
	struct diff_view *dv = v->priv;
	struct pane *p = focused(dv);
	long from, line;

	dv->app = app;
	/* the first search includes the top line; later ones move past the match */
	from = pager_search_from(p->match, top_line(p), dir);
	line = text_model_find(&p->m.text, from, needle, dir);
	if (line < 0)
		return false;
	p->match = line;
	show_line(p, (size_t)line, 2);
	if (!dv->wrap) {
		/* bring a match beyond the right edge into view */
		struct bt_error err;
		bool cut;
		if (!text_model_line(&p->m.text, (size_t)line, &dv->line, &cut, &err)) {
			struct san_opts so = {.utf8 = !app->ascii};
			const char *hit = memmem(dv->line.data, dv->line.len, needle, strlen(needle));
			long col = hit ? sanitize_width(dv->line.data, (size_t)(hit - dv->line.data),
							&so) : 0;
			if (col < p->hscroll || col >= p->hscroll + p->cw)
				p->hscroll = col > p->cw / 2 ? col - p->cw / 2 : 0;
		}
	}
	return true;
}

static void
diffview_title(struct app *app, struct view *v, struct buf *out)
{
	struct diff_view *dv = v->priv;
	(void)app;
	buf_puts(out, dv->target.title);
	if (dv->show_ref)
		buf_puts(out, " + reference");
}

static void
diffview_status(struct app *app, struct view *v, struct buf *out)
{
	struct diff_view *dv = v->priv;
	struct pane *p = focused(dv);
	size_t line = top_line(p);
	long f = diff_model_file_at(&p->m, line);
	(void)app;

	if (dv->show_ref)
		buf_printf(out, "%s  ", p->name);
	if (p->m.d.n_files)
		buf_printf(out, "file %ld/%zu  ", f < 0 ? 0 : f + 1, p->m.d.n_files);
	buf_printf(out, "line %zu/%zu", p->m.d.n_lines ? line + 1 : 0, p->m.d.n_lines);
	if (p->m.n_notes)
		buf_printf(out, "  %zu finding%s", p->m.n_notes, p->m.n_notes == 1 ? "" : "s");
	if (p->sbs)
		buf_puts(out, "  side by side");
	if (dv->cut_shown)
		buf_printf(out, "  a line cut at %u MB", TEXT_LINE_CAP >> 20);
	if (dv->wrap)
		buf_puts(out, "  wrap");
	if (p->hscroll)
		buf_printf(out, "  >%ld", p->hscroll);
}

static void
diffview_click(struct app *app, struct view *v, int y, int x, bool dbl)
{
	struct diff_view *dv = v->priv;
	(void)dbl;

	dv->app = app;
	/* the panes on the screen: both, or the focused one */
	for (int i = dv->both ? 0 : dv->focus; i <= (dv->both ? 1 : dv->focus); i++) {
		struct pane *p = &dv->pane[i];
		if (p->list_h > 1 && y > p->list_y && y < p->list_y + p->list_h &&
		    x >= p->list_x && x < p->list_x + p->list_w) {
			size_t file = p->list_top + (size_t)(y - p->list_y - 1);
			if (file < p->m.d.n_files)
				show_line(p, p->m.d.files[file].line, 0);
			dv->focus = i;
			return;
		}
		if (x >= p->area_x && x < p->area_x + p->area_w)
			dv->focus = i;
	}
}

/* ------------------------------------------------------------ life */

static int
load(struct app *app, struct diff_view *dv, struct bt_error *err)
{
	struct store_blob *blob;
	struct pane *p = &dv->pane[0];
	int rc;

	rc = dv->target.attempt_id
		     ? store_blob_open(app->st, dv->target.attempt_id, ARTIFACT_PATCH, &blob, err)
		     : store_blob_open_reference(app->st, dv->target.task_id, &blob, err);
	if (rc || (rc = diff_model_open(&p->m, blob, err)))
		return rc;
	p->open = true;
	p->name = dv->target.attempt_id ? "agent's patch" : "reference patch";
	p->pg.n_rows = p->m.d.n_lines;
	/* the findings come with the attempt; without it the diff still shows */
	if (dv->target.attempt_id) {
		struct bt_error aerr;
		dv->have_attempt = store_load_attempt(app->st, dv->target.attempt_id, &dv->a,
						      &aerr) == BT_OK;
		if (dv->have_attempt)
			diff_model_set_evidence(&p->m, &dv->a);
	}
	return BT_OK;
}

static void
pane_init(struct diff_view *dv, struct pane *p, const char *name)
{
	p->dv = dv;
	p->name = name;
	p->match = p->note_at = -1;
	p->pg.height = row_height;
	p->pg.ctx = p;
	p->pg.page = 1;
}

static int
diffview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	struct diff_view *dv = v->priv;

	dv->app = app;
	dv->target = *(const struct text_target *)arg;
	buf_init(&dv->line);
	for (int i = 0; i < 2; i++)
		buf_init(&dv->cell[i].text);
	pane_init(dv, &dv->pane[0], "agent's patch");
	pane_init(dv, &dv->pane[1], "reference patch");
	return load(app, dv, err);
}

static void
diffview_close(struct view *v)
{
	struct diff_view *dv = v->priv;

	for (int i = 0; i < 2; i++) {
		if (dv->pane[i].open)
			diff_model_close(&dv->pane[i].m);
		buf_free(&dv->cell[i].text);
		free(dv->cell[i].segs);
	}
	if (dv->have_attempt)
		attempt_free(&dv->a);
	buf_free(&dv->line);
}

static int
diffview_reload(struct app *app, struct view *v, struct bt_error *err)
{
	struct diff_view *dv = v->priv;
	size_t line = top_line(&dv->pane[0]);
	int rc;

	for (int i = 0; i < 2; i++) {
		if (dv->pane[i].open)
			diff_model_close(&dv->pane[i].m);
		dv->pane[i].open = false;
		dv->pane[i].sbs = false;
		dv->pane[i].pg.top = (struct pager_pos){0, 0};
	}
	if (dv->have_attempt)
		attempt_free(&dv->a);
	dv->have_attempt = false;
	dv->show_ref = false;
	dv->focus = 0;
	if ((rc = load(app, dv, err)))
		return rc;
	if (line < dv->pane[0].m.d.n_lines)
		dv->pane[0].pg.top.row = line;
	return BT_OK;
}

static bool
diffview_address(struct app *app, struct view *v, struct address *out)
{
	const struct diff_view *x = v->priv;

	return pager_target_address(app, &x->target, out);
}

const struct view_ops view_diff_ops = {
	.id = VIEW_DIFF,
	.priv_size = sizeof(struct diff_view),
	.open = diffview_open,
	.close = diffview_close,
	.draw = diffview_draw,
	.handle = diffview_handle,
	.title = diffview_title,
	.status = diffview_status,
	.search = diffview_search,
	.click = diffview_click,
	.reload = diffview_reload,
	.address = diffview_address,
};
