/* plot.c: the decay plot as data and as a grid of character cells.
 *
 * Geometry (shared by the renderers and the inverse mapping, so clicks land
 * where the markers are): a `frame` is one plot's share of the canvas.  Its
 * plot area is pw x ph cells; level l sits in column px0 + round(l (pw-1) / 3)
 * and a value v in row py0 + round((1 - v) (ph - 1)), so y = 1 is the top row
 * and y = 0 the bottom row exactly.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/plot.h"
#include "benchtop/utf8.h"
#include "benchtop/util.h"

#define PLOT_MIN_PW 24     /* narrowest plot area that still gets a legend beside it */
#define PLOT_MIN_PH 6      /* shortest plot area that still gets a legend below it */
#define PLOT_LABEL_MAX 20  /* legend label columns at most */
#define PLOT_MINI_W 18     /* narrowest small multiple (4 columns at 80) */

static const char *const metric_names[PLOT_METRIC_COUNT] = {"strict A%", "raw A%", "pass@1"};
static const char *const metric_keys[PLOT_METRIC_COUNT] = {"strict", "raw", "pass1"};

/* Markers by colour index; style 1 (run B) gets the hollow set so the two
 * runs differ without colour. */
static const char *const markers_utf8[2][8] = {
	{"\u25cf", "\u25a0", "\u25b2", "\u25c6", "\u271a", "\u2716", "\u2605", "\u25bc"},
	{"\u25cb", "\u25a1", "\u25b3", "\u25c7", "\u2719", "\u2715", "\u2606", "\u25bd"},
};
static const char *const markers_ascii[2][8] = {
	{"o", "x", "+", "*", "#", "@", "%", "&"},
	{"O", "X", "=", "~", "H", "A", "S", "V"},
};

const char *
plot_metric_name(enum plot_metric m)
{
	return (unsigned)m < PLOT_METRIC_COUNT ? metric_names[m] : "?";
}

const char *
plot_metric_key(enum plot_metric m)
{
	return (unsigned)m < PLOT_METRIC_COUNT ? metric_keys[m] : "?";
}

int
plot_metric_parse(const char *s)
{
	for (int m = 0; m < PLOT_METRIC_COUNT; m++)
		if (strcmp(s, metric_keys[m]) == 0 || strcmp(s, metric_names[m]) == 0)
			return m;
	return -1;
}

/* ---------------------------------------------------------------- data */

void
plot_data_add_run(struct plot_data *d, const struct task_row *rows, size_t n, int style,
		  const char *suffix)
{
	struct agg_row *agg;
	size_t na = metrics_aggregate(rows, n, AGG_FRAMEWORK_LEVEL, &agg);

	for (int f = 0; f < TASK_N_FRAMEWORKS && d->n < PLOT_MAX_SERIES; f++) {
		struct plot_series *s = NULL;

		for (size_t i = 0; i < na; i++) {
			const struct agg_row *a = &agg[i];
			double v, sd;

			if (strcmp(a->group, task_frameworks[f]) != 0 || a->level < 0 ||
			    a->level >= PLOT_LEVELS)
				continue;
			if (!s) {
				s = &d->s[d->n++];
				memset(s, 0, sizeof(*s));
				snprintf(s->framework, sizeof(s->framework), "%s",
					 task_frameworks[f]);
				snprintf(s->label, sizeof(s->label), "%s%s",
					 task_framework_display(task_frameworks[f]),
					 suffix ? suffix : "");
				s->color = f;
				s->style = style;
			}
			switch (d->metric) {
			case PLOT_RAW: v = a->raw; sd = a->raw_sd; break;
			case PLOT_PASS1: v = a->pass1; sd = a->pass1_sd; break;
			default: v = a->strict; sd = a->strict_sd; break;
			}
			s->have[a->level] = true;
			s->y[a->level] = v;
			s->sem[a->level] = metrics_sem(sd, (size_t)a->n_tasks);
			s->n[a->level] = a->n_tasks;
		}
	}
	free(agg);
}

/* ---------------------------------------------------------------- geometry */

struct frame {
	int x0, y0, w, h;      /* the canvas region this plot owns */
	int px0, py0, pw, ph;  /* the plot area */
	int axis_x, axis_y;    /* y axis column, x axis row; -1 when absent */
	int tick_y, name_y;    /* rows of the level labels and the axis name; -1 none */
	int title_y;           /* main plot: title row; mini: name row; -1 none */
	int ylab_w, n_ylab;    /* y label columns left of the axis; 0, 2, 3 or 5 labels */
	int leg_x, leg_y, leg_slot, leg_per_row, leg_rows; /* legend; leg_rows 0: none */
	bool mini;
};

static double
clamp01(double v)
{
	return v >= 0 ? (v <= 1 ? v : 1) : 0; /* NaN becomes 0 */
}

static int
level_col(const struct frame *f, int level)
{
	return f->px0 + (2 * level * (f->pw - 1) + 3) / 6;
}

/* The value's row within the plot area as a fraction (0 = top row). */
static double
value_fy(const struct frame *f, double v)
{
	return (1.0 - clamp01(v)) * (f->ph - 1);
}

static int
value_row(const struct frame *f, double v)
{
	return f->py0 + (int)lround(value_fy(f, v));
}

static bool
is_hidden(const struct plot_opts *o, int s)
{
	return s < 32 && (o->hidden >> s & 1u);
}

static int
label_width(const struct plot_data *d)
{
	int lw = 0;

	for (int i = 0; i < d->n; i++) {
		int k = (int)utf8_width(d->s[i].label, strlen(d->s[i].label));
		if (k > lw)
			lw = k;
	}
	return lw < PLOT_LABEL_MAX ? lw : PLOT_LABEL_MAX;
}

static void
frame_clear(struct frame *f, int x0, int y0, int w, int h)
{
	memset(f, 0, sizeof(*f));
	f->x0 = x0;
	f->y0 = y0;
	f->w = w > 0 ? w : 0;
	f->h = h > 0 ? h : 0;
	f->axis_x = f->axis_y = f->tick_y = f->name_y = f->title_y = -1;
}

/* The single plot: components are dropped as the canvas shrinks (legend
 * first, then the axis name, tick labels, title and y labels). */
static void
layout_main(const struct plot_data *d, const struct plot_opts *o, struct frame *f)
{
	int top = 0, bottom = 0, left = 0, right = 0, below = 0;
	int lw = label_width(d);

	frame_clear(f, 0, 0, o->w, o->h);
	if (d->title[0] && f->h >= 10)
		f->title_y = top++;
	bottom = (f->h >= 3) + (f->h >= 5) + (f->h >= 12);
	if (f->w >= 16) {
		f->ylab_w = 4;
		f->axis_x = 4;
		left = 6; /* labels, axis, one blank column before level 0 */
	} else if (f->w >= 4) {
		f->axis_x = 0;
		left = 1;
	}
	if (o->legend && d->n > 0) {
		int slot = 4 + lw; /* marker, blank, label, two blanks */
		int per_row = f->w / slot > 0 ? f->w / slot : 1;
		int rows = (d->n + per_row - 1) / per_row;

		if (f->w - left - slot >= PLOT_MIN_PW) {
			right = slot;
			f->leg_x = f->w - slot + 2;
			f->leg_y = top;
			f->leg_slot = slot - 2;
			f->leg_per_row = 1;
			f->leg_rows = d->n < f->h - top ? d->n : f->h - top;
		} else if (f->h - top - bottom - rows >= PLOT_MIN_PH && f->w >= slot) {
			below = rows;
			f->leg_x = 0;
			f->leg_y = f->h - rows;
			f->leg_slot = slot;
			f->leg_per_row = per_row;
			f->leg_rows = rows;
		}
	}
	f->px0 = left;
	f->py0 = top;
	f->pw = f->w - left - right;
	f->ph = f->h - top - bottom - below;
	if (f->pw < 1 || f->ph < 1) {
		f->pw = f->ph = 0;
		return;
	}
	if (bottom >= 1)
		f->axis_y = f->py0 + f->ph;
	if (bottom >= 2)
		f->tick_y = f->axis_y + 1;
	if (bottom >= 3)
		f->name_y = f->axis_y + 2;
	if (f->ylab_w)
		f->n_ylab = f->ph >= 9 ? 5 : f->ph >= 5 ? 3 : f->ph >= 2 ? 2 : 0;
}

/* One small multiple: its name, an L-shaped axis and the plot; with room
 * (12 x 6 cells), y labels 0/50/100 left of the axis and the levels under it,
 * so each one reads alone. */
static void
layout_mini(struct frame *f, int x0, int y0, int w, int h)
{
	int top = 0, bottom = 0, left = 0;

	frame_clear(f, x0, y0, w, h);
	f->mini = true;
	if (f->h >= 3)
		f->title_y = y0 + top++;
	if (f->h >= 4)
		bottom = f->h >= 6 ? 2 : 1;
	if (f->w >= 12) {
		f->ylab_w = 3;
		f->axis_x = x0 + 3;
		left = 4;
	} else if (f->w >= 4) {
		f->axis_x = x0;
		left = 2;
	}
	f->px0 = x0 + left;
	f->py0 = y0 + top;
	f->pw = f->w - left;
	f->ph = f->h - top - bottom;
	if (f->pw < 1 || f->ph < 1) {
		f->pw = f->ph = 0;
		return;
	}
	if (bottom)
		f->axis_y = f->py0 + f->ph;
	if (bottom == 2)
		f->tick_y = f->axis_y + 1;
	if (f->ylab_w && f->ph >= 3)
		f->n_ylab = 3;
}

static int
visible_series(const struct plot_data *d, const struct plot_opts *o, int *vis)
{
	int nv = 0;

	for (int i = 0; i < d->n && i < PLOT_MAX_SERIES; i++)
		if (!is_hidden(o, i))
			vis[nv++] = i;
	return nv;
}

static void
grid_shape(int nv, int w, int *cols, int *rows)
{
	int c = w / PLOT_MINI_W;

	if (c > nv)
		c = nv;
	if (c < 1)
		c = 1;
	*cols = c;
	*rows = nv > 0 ? (nv + c - 1) / c : 0;
}

/* The frame of the k-th of nv small multiples. */
static void
layout_grid_cell(const struct plot_opts *o, int nv, int k, struct frame *f)
{
	int cols, rows, w = o->w > 0 ? o->w : 0, h = o->h > 0 ? o->h : 0;

	grid_shape(nv, w, &cols, &rows);
	int cw = w / cols, ch = h / rows;
	/* a blank column between neighbours */
	layout_mini(f, k % cols * cw, k / cols * ch, cols > 1 ? cw - 1 : cw, ch);
}

/* Series in drawing order: the highlighted one last, so it stays on top. */
static int
draw_order(const struct plot_data *d, const struct plot_opts *o, int *order)
{
	int n = 0;

	for (int i = 0; i < d->n && i < PLOT_MAX_SERIES; i++)
		if (!is_hidden(o, i) && i != o->highlight)
			order[n++] = i;
	if (o->highlight >= 0 && o->highlight < d->n && o->highlight < PLOT_MAX_SERIES &&
	    !is_hidden(o, o->highlight))
		order[n++] = o->highlight;
	return n;
}

static bool
frame_point(const struct frame *f, const struct plot_series *s, int level, int *x, int *y)
{
	if (f->pw < 1 || f->ph < 1 || !s->have[level])
		return false;
	*x = level_col(f, level);
	*y = value_row(f, s->y[level]);
	return true;
}

/* The frame a series is drawn in: the main plot, or its small multiple. */
static bool
series_frame(const struct plot_data *d, const struct plot_opts *o, int series, struct frame *f)
{
	int vis[PLOT_MAX_SERIES], nv;

	if (series < 0 || series >= d->n || series >= PLOT_MAX_SERIES || is_hidden(o, series))
		return false;
	if (!o->small_multiples) {
		layout_main(d, o, f);
		return true;
	}
	nv = visible_series(d, o, vis);
	for (int k = 0; k < nv; k++)
		if (vis[k] == series) {
			layout_grid_cell(o, nv, k, f);
			return true;
		}
	return false;
}

bool
plot_point_cell(const struct plot_data *d, const struct plot_opts *o, int series, int level,
		int *x, int *y)
{
	struct frame f;

	if (level < 0 || level >= PLOT_LEVELS || !series_frame(d, o, series, &f))
		return false;
	return frame_point(&f, &d->s[series], level, x, y);
}

bool
plot_point_near(const struct plot_data *d, const struct plot_opts *o, int x, int y, int *series,
		int *level)
{
	int order[PLOT_MAX_SERIES + 1], n = draw_order(d, o, order), best = -1;
	struct frame f;

	/* the cursor is drawn last: on a shared cell it is the point one sees */
	order[n++] = o->cursor_series;
	for (int k = 0; k < n; k++) {
		int s = order[k];
		if (!series_frame(d, o, s, &f))
			continue;
		for (int l = 0; l < PLOT_LEVELS; l++) {
			bool cursor = s == o->cursor_series && l == o->cursor_level;
			int px, py, dist;
			if ((k == n - 1) != cursor || !frame_point(&f, &d->s[s], l, &px, &py))
				continue;
			/* cells are about twice as tall as wide */
			if (abs(px - x) > 4 || abs(py - y) > 2)
				continue;
			dist = (px - x) * (px - x) + 4 * (py - y) * (py - y);
			if (best < 0 || dist <= best) {
				best = dist;
				*series = s;
				*level = l;
			}
		}
	}
	return best >= 0;
}

/* ---------------------------------------------------------------- canvas */

struct ctx {
	struct plot_canvas *c;
	const struct frame *f; /* writes are clipped to its region */
	const struct plot_opts *o;
};

static void
canvas_init(struct plot_canvas *c, int w, int h)
{
	c->w = w > 0 && h > 0 ? w : 0;
	c->h = w > 0 && h > 0 ? h : 0;
	c->cells = c->w ? xcalloc((size_t)c->w * (size_t)c->h, sizeof(*c->cells)) : NULL;
	for (int i = 0; i < c->w * c->h; i++) {
		c->cells[i].text[0] = ' ';
		c->cells[i].series = -1;
	}
}

static struct plot_cell *
cell_at(struct ctx *x, int cx, int cy)
{
	const struct frame *f = x->f;

	if (cx < f->x0 || cy < f->y0 || cx >= f->x0 + f->w || cy >= f->y0 + f->h || cx < 0 ||
	    cy < 0 || cx >= x->c->w || cy >= x->c->h)
		return NULL;
	return &x->c->cells[cy * x->c->w + cx];
}

/* Write one glyph; half of a wide glyph left behind becomes a blank. */
static void
put(struct ctx *x, int cx, int cy, const char *text, enum plot_role role, int series)
{
	struct plot_cell *c = cell_at(x, cx, cy);

	if (!c)
		return;
	if (c->text[0] == '\0' && cx > 0)
		snprintf(c[-1].text, sizeof(c->text), " ");
	if (cx + 1 < x->c->w && c[1].text[0] == '\0')
		snprintf(c[1].text, sizeof(c->text), " ");
	snprintf(c->text, sizeof(c->text), "%s", text);
	c->role = role;
	c->series = series;
}

/* Write text in at most maxw columns; controls and bad bytes show as '?'. */
static void
put_text(struct ctx *x, int cx, int cy, int maxw, const char *s, enum plot_role role, int series)
{
	size_t len = strlen(s);

	for (size_t i = 0; i < len && maxw > 0;) {
		uint32_t cp;
		char g[8] = "?";
		size_t k = utf8_decode(s + i, len - i, &cp);
		int cw = (cp & UTF8_INVALID_BYTE) ? -1 : utf8_cpwidth(cp);

		i += k;
		if (cw == 0)
			continue;
		if (cw > maxw)
			break;
		if (cw > 0)
			g[utf8_encode(cp, g)] = '\0';
		put(x, cx, cy, g, role, series);
		if (cw == 2) {
			struct plot_cell *c = cell_at(x, cx + 1, cy);
			if (c && cell_at(x, cx, cy)) {
				c->text[0] = '\0'; /* the right half of the wide glyph */
				c->role = role;
				c->series = series;
			} else {
				put(x, cx, cy, "?", role, series);
			}
		}
		cx += cw > 0 ? cw : 1;
		maxw -= cw > 0 ? cw : 1;
	}
}

static const char *
marker(const struct plot_series *s, bool ascii)
{
	return (ascii ? markers_ascii : markers_utf8)[s->style ? 1 : 0][(unsigned)s->color % 8];
}

static const char *
glyph(const struct ctx *x, const char *utf8, const char *ascii)
{
	return x->o->ascii ? ascii : utf8;
}

static void
draw_axes(struct ctx *x)
{
	const struct frame *f = x->f;
	int right = f->px0 + f->pw - 1;

	if (f->pw < 1)
		return;
	if (f->axis_x >= 0) {
		for (int r = f->py0; r < f->py0 + f->ph; r++)
			put(x, f->axis_x, r, glyph(x, "\u2502", "|"), PR_AXIS, -1);
		for (int i = 0; i < f->n_ylab; i++) {
			/* 5 labels: every 25%; 3: every 50%; 2: the ends */
			int pct = f->n_ylab == 2 ? 100 * i : 100 * i / (f->n_ylab - 1);
			int r = value_row(f, pct / 100.0);
			char lab[16];
			/* a small multiple's 3 columns hold "100", not "100%" */
			snprintf(lab, sizeof(lab), f->mini ? "%3d" : "%4d%%", pct);
			put_text(x, f->axis_x - f->ylab_w, r, f->ylab_w,
				 lab + strlen(lab) - f->ylab_w, PR_LABEL, -1);
			put(x, f->axis_x, r, glyph(x, "\u2524", "+"), PR_AXIS, -1);
		}
		if (f->mini && !f->n_ylab && f->ph >= 3) {
			put(x, f->axis_x, value_row(f, 1.0), glyph(x, "\u2524", "+"), PR_AXIS, -1);
			put(x, f->axis_x, value_row(f, 0.5), glyph(x, "\u2524", "+"), PR_AXIS, -1);
		}
	}
	if (f->axis_y < 0)
		return;
	for (int c = f->axis_x >= 0 ? f->axis_x : f->px0; c <= right; c++)
		put(x, c, f->axis_y, glyph(x, "\u2500", "-"), PR_AXIS, -1);
	if (f->axis_x >= 0)
		put(x, f->axis_x, f->axis_y, glyph(x, "\u2514", "+"), PR_AXIS, -1);
	for (int l = 0; l < PLOT_LEVELS; l++) {
		int c = level_col(f, l);
		char lab[4];

		put(x, c, f->axis_y, glyph(x, "\u252c", "+"), PR_AXIS, -1);
		if (f->tick_y < 0)
			continue;
		/* without the axis name row the labels say what they count */
		snprintf(lab, sizeof(lab), f->name_y < 0 ? "L%d" : "%d", l);
		int len = (int)strlen(lab);
		put_text(x, c - len + 1, f->tick_y, len, lab, PR_LABEL, -1);
	}
	if (f->name_y >= 0) {
		static const char name[] = "constraints";
		int len = (int)sizeof(name) - 1;
		int c = f->px0 + (f->pw - len) / 2;
		put_text(x, c > 0 ? c : 0, f->name_y, len, name, PR_LABEL, -1);
	}
}

static void
draw_legend(struct ctx *x, const struct plot_data *d)
{
	const struct frame *f = x->f;

	for (int i = 0; i < d->n && f->leg_rows > 0; i++) {
		int row = i / f->leg_per_row, col = i % f->leg_per_row;
		int cx = f->leg_x + col * f->leg_slot, cy = f->leg_y + row;

		if (row >= f->leg_rows)
			break;
		/* a hidden series keeps its label, without the marker */
		if (!is_hidden(x->o, i))
			put(x, cx, cy, marker(&d->s[i], x->o->ascii), PR_MARKER, i);
		put_text(x, cx + 2, cy, f->leg_slot - 2 - (f->leg_per_row > 1 ? 2 : 0),
			 d->s[i].label, PR_LABEL, i);
	}
}

/* ---------------------------------------------------------------- lines */

/* Braille: a 2x4 dot grid per cell over the plot area. */
struct dots {
	uint8_t *bits;
	int *owner;
	int w, h; /* in cells */
};

static void
dot_set(struct dots *g, int dx, int dy, int series)
{
	static const uint8_t bit[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
	int cell = dy / 4 * g->w + dx / 2;

	g->bits[cell] |= bit[dy % 4][dx % 2];
	g->owner[cell] = series;
}

/* A point in dots: the left dot column of its cell, and the dot row within
 * the cell that the exact value falls on. */
static void
dot_point(const struct frame *f, int level, double v, int *dx, int *dy)
{
	double fy = value_fy(f, v);
	int row = (int)lround(fy), sub = (int)floor((fy - row + 0.5) * 4);

	*dx = 2 * (level_col(f, level) - f->px0);
	*dy = 4 * row + (sub < 0 ? 0 : sub > 3 ? 3 : sub);
}

static void
braille_segment(struct dots *g, int x0, int y0, int x1, int y1, int series, bool dashed)
{
	int dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
	int dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
	int err = dx + dy, prev = -1, run = 0;

	for (;;) {
		int cell = y0 / 4 * g->w + x0 / 2;
		if (cell != prev) {
			run += prev >= 0;
			prev = cell;
		}
		/* dashed: every other cell the line passes through stays empty */
		if (!dashed || run % 2 == 0)
			dot_set(g, x0, y0, series);
		if (x0 == x1 && y0 == y1)
			break;
		int e2 = 2 * err;
		if (e2 >= dy) {
			err += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

static void
braille_lines(struct ctx *x, const struct plot_data *d, const int *order, int n)
{
	const struct frame *f = x->f;
	struct dots g = {xcalloc((size_t)f->pw * (size_t)f->ph, 1),
			 xcalloc((size_t)f->pw * (size_t)f->ph, sizeof(int)), f->pw, f->ph};

	for (int k = 0; k < n; k++) {
		const struct plot_series *s = &d->s[order[k]];
		int prev = -1;
		for (int l = 0; l < PLOT_LEVELS; l++) {
			int ax, ay, bx, by;
			if (!s->have[l])
				continue;
			if (prev >= 0) {
				dot_point(f, prev, s->y[prev], &ax, &ay);
				dot_point(f, l, s->y[l], &bx, &by);
				braille_segment(&g, ax, ay, bx, by, order[k], s->style == 1);
			}
			prev = l;
		}
	}
	for (int r = 0; r < f->ph; r++)
		for (int c = 0; c < f->pw; c++) {
			int i = r * f->pw + c;
			char text[8];
			if (!g.bits[i])
				continue;
			text[utf8_encode(0x2800u + g.bits[i], text)] = '\0';
			put(x, f->px0 + c, f->py0 + r, text, PR_SERIES, g.owner[i]);
		}
	free(g.bits);
	free(g.owner);
}

/* ASCII: characters between two markers chosen from the slope (rows per
 * column; negative is rising).  A gentle line takes one cell per column,
 * '-' or, where it crosses into the next row, '/' or '\\'; a steep one
 * fills the rows it passes in each column. */
static void
ascii_segment(struct ctx *x, const struct plot_series *s, int series, int l0, int l1)
{
	const struct frame *f = x->f;
	int c0 = level_col(f, l0), c1 = level_col(f, l1);
	double fy0 = value_fy(f, s->y[l0]), fy1 = value_fy(f, s->y[l1]);
	double slope = c1 > c0 ? (fy1 - fy0) / (c1 - c0) : 0;
	const char *tilt = slope < 0 ? "/" : "\\";

	for (int c = c0 + 1; c < c1; c++) {
		double at = fy0 + slope * (c - c0);
		int ra = (int)lround(at - slope / 2), rb = (int)lround(at + slope / 2);
		int lo = ra < rb ? ra : rb, hi = ra < rb ? rb : ra;

		if (fabs(slope) < 1) {
			const char *ch = s->style == 1 ? ":" : lo < hi ? tilt : "-";
			put(x, c, f->py0 + (int)lround(at), ch, PR_SERIES, series);
			continue;
		}
		for (int r = lo; r <= hi; r++)
			put(x, c, f->py0 + r, s->style == 1 ? ":" : fabs(slope) >= 2.5 ? "|" : tilt,
			    PR_SERIES, series);
	}
}

static void
ascii_lines(struct ctx *x, const struct plot_data *d, const int *order, int n)
{
	for (int k = 0; k < n; k++) {
		const struct plot_series *s = &d->s[order[k]];
		int prev = -1;
		for (int l = 0; l < PLOT_LEVELS; l++) {
			if (!s->have[l])
				continue;
			if (prev >= 0)
				ascii_segment(x, s, order[k], prev, l);
			prev = l;
		}
	}
}

static void
error_bar(struct ctx *x, const struct plot_series *s, int series, int l)
{
	const struct frame *f = x->f;
	int c = level_col(f, l), rm = value_row(f, s->y[l]);
	int rt = value_row(f, s->y[l] + s->sem[l]), rb = value_row(f, s->y[l] - s->sem[l]);

	const char *bar = glyph(x, "\u2502", "|");
	const char *top = glyph(x, "\u252c", "-"), *bottom = glyph(x, "\u2534", "-");

	/* caps only where the whisker is long enough to stay a line */
	for (int r = rt; r < rm; r++)
		put(x, c, r, r == rt && rm - rt >= 2 ? top : bar, PR_ERROR, series);
	for (int r = rm + 1; r <= rb; r++)
		put(x, c, r, r == rb && rb - rm >= 2 ? bottom : bar, PR_ERROR, series);
}

/* Lines, then error bars, then markers, then the cursor, each in `order`. */
static void
draw_series(struct ctx *x, const struct plot_data *d, const int *order, int n)
{
	const struct frame *f = x->f;
	const struct plot_opts *o = x->o;
	int cx, cy;

	if (f->pw < 1 || f->ph < 1)
		return;
	if (o->ascii)
		ascii_lines(x, d, order, n);
	else
		braille_lines(x, d, order, n);
	for (int k = 0; k < n && o->error_bars; k++)
		for (int l = 0; l < PLOT_LEVELS; l++)
			if (d->s[order[k]].have[l] && d->s[order[k]].sem[l] > 0)
				error_bar(x, &d->s[order[k]], order[k], l);
	for (int k = 0; k < n; k++) {
		const char *m = marker(&d->s[order[k]], o->ascii);
		for (int l = 0; l < PLOT_LEVELS; l++)
			if (frame_point(f, &d->s[order[k]], l, &cx, &cy))
				put(x, cx, cy, m, PR_MARKER, order[k]);
	}
	for (int k = 0; k < n; k++)
		if (order[k] == o->cursor_series && o->cursor_level >= 0 &&
		    o->cursor_level < PLOT_LEVELS &&
		    frame_point(f, &d->s[order[k]], o->cursor_level, &cx, &cy))
			put(x, cx, cy, marker(&d->s[order[k]], o->ascii), PR_CURSOR, order[k]);
}

void
plot_render(const struct plot_data *d, const struct plot_opts *o, struct plot_canvas *out)
{
	struct frame f;
	struct ctx x = {out, &f, o};
	int order[PLOT_MAX_SERIES], n;

	layout_main(d, o, &f);
	canvas_init(out, f.w, f.h);
	if (f.title_y >= 0) {
		int tw = (int)utf8_width(d->title, strlen(d->title));
		put_text(&x, tw < f.w ? (f.w - tw) / 2 : 0, f.title_y, f.w, d->title, PR_TITLE, -1);
	}
	draw_axes(&x);
	draw_legend(&x, d);
	n = draw_order(d, o, order);
	draw_series(&x, d, order, n);
}

void
plot_render_multiples(const struct plot_data *d, const struct plot_opts *o,
		      struct plot_canvas *out)
{
	struct frame all, f;
	struct ctx x = {out, &all, o};
	int vis[PLOT_MAX_SERIES], nv = visible_series(d, o, vis);

	frame_clear(&all, 0, 0, o->w, o->h);
	canvas_init(out, all.w, all.h);
	if (nv == 0) {
		put_text(&x, 0, 0, all.w, "(no series shown)", PR_LABEL, -1);
		return;
	}
	for (int k = 0; k < nv; k++) {
		const struct plot_series *s = &d->s[vis[k]];

		layout_grid_cell(o, nv, k, &f);
		x.f = &f;
		if (f.title_y >= 0) {
			put(&x, f.x0, f.title_y, marker(s, o->ascii), PR_MARKER, vis[k]);
			put_text(&x, f.x0 + 2, f.title_y, f.w - 2, s->label, PR_LABEL, vis[k]);
		}
		draw_axes(&x);
		draw_series(&x, d, &vis[k], 1);
	}
}

void
plot_canvas_free(struct plot_canvas *c)
{
	free(c->cells);
	c->cells = NULL;
	c->w = c->h = 0;
}

void
plot_canvas_print(const struct plot_canvas *c, FILE *out)
{
	for (int r = 0; r < c->h; r++) {
		const struct plot_cell *row = &c->cells[r * c->w];
		int end = c->w;

		while (end > 0 && strcmp(row[end - 1].text, " ") == 0)
			end--;
		for (int i = 0; i < end; i++)
			fputs(row[i].text, out);
		fputc('\n', out);
	}
}
