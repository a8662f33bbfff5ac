/* The decay plot: series from task rows, the character-cell layout (exact
 * positions of markers, axes and labels), its inverse mapping, tiny sizes,
 * small multiples, goldens, and the SVG document.
 *
 * Goldens live in tests/fixtures/plot/; after an intended change regenerate
 * them with
 *   BENCHTOP_REGEN_GOLDEN=1 abs_top_srcdir=/path/to/source ./tests/unit/test_plot
 * and review the diff before committing. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchtop/plot.h"
#include "benchtop/utf8.h"
#include "benchtop/util.h"
#include "tap.h"

/* ------------------------------------------------------------ helpers */

static struct task_row
row(const char *fw, int level, int k, double strict, double raw, double pass1)
{
	struct task_row t;

	memset(&t, 0, sizeof(t));
	snprintf(t.framework, sizeof(t.framework), "%s", fw);
	snprintf(t.name, sizeof(t.name), "%s-task-%d-%d", fw, level, k);
	t.kind = TASK_GENERATION;
	t.level = level;
	t.s.strict = strict;
	t.s.raw = raw;
	t.s.pass1 = pass1;
	t.s.n_executed = 3;
	return t;
}

static void
series(struct plot_data *d, const char *fw, int color, int style, const double y[4])
{
	struct plot_series *s = &d->s[d->n++];

	memset(s, 0, sizeof(*s));
	snprintf(s->framework, sizeof(s->framework), "%s", fw);
	snprintf(s->label, sizeof(s->label), "%s%s", task_framework_display(fw),
		 style ? " (B)" : "");
	s->color = color;
	s->style = style;
	for (int l = 0; l < 4; l++) {
		s->have[l] = y[l] >= 0;
		s->y[l] = y[l] >= 0 ? y[l] : 0;
		s->sem[l] = s->have[l] ? 0.05 : 0;
		s->n[l] = 4;
	}
}

/* No series yet; a title, so the plot area is rows 1..18 at 78x22. */
static void
blank(struct plot_data *d)
{
	memset(d, 0, sizeof(*d));
	d->metric = PLOT_STRICT;
	snprintf(d->title, sizeof(d->title), "test");
}

/* Eight frameworks decaying with the constraint count; koa lacks level 2. */
static void
sample(struct plot_data *d)
{
	static const double y[8][4] = {
		{0.92, 0.74, 0.55, 0.41}, {1.00, 0.81, 0.66, 0.52}, {0.85, 0.62, 0.47, 0.30},
		{0.97, 0.90, 0.71, 0.63}, {0.78, 0.58, 0.36, 0.22}, {0.88, 0.70, 0.60, 0.35},
		{0.70, 0.45, 0.28, 0.12}, {0.66, 0.40, -1, 0.00},
	};

	blank(d);
	snprintf(d->title, sizeof(d->title), "strict A%% by number of constraints: demo run");
	for (int i = 0; i < 8; i++)
		series(d, task_frameworks[i], i, 0, y[i]);
}

static struct plot_opts
opts(int w, int h, bool ascii)
{
	struct plot_opts o = {
		.w = w, .h = h, .ascii = ascii, .legend = true, .highlight = -1,
		.cursor_series = -1, .cursor_level = -1,
	};
	return o;
}

static const struct plot_cell *
at(const struct plot_canvas *c, int x, int y)
{
	return x >= 0 && y >= 0 && x < c->w && y < c->h ? &c->cells[y * c->w + x] : NULL;
}

static const char *
text_at(const struct plot_canvas *c, int x, int y)
{
	const struct plot_cell *p = at(c, x, y);
	return p ? p->text : "(off the canvas)";
}

/* The cells x..x+n-1 of row y, concatenated. */
static const char *
span(const struct plot_canvas *c, int x, int y, int n)
{
	static char out[512];
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < n && at(c, x + i, y); i++) {
		const char *t = at(c, x + i, y)->text;
		if (len + strlen(t) + 1 < sizeof(out)) {
			memcpy(out + len, t, strlen(t) + 1);
			len += strlen(t);
		}
	}
	return out;
}

/* The dots of a braille cell, 0 for anything else. */
static unsigned
braille_bits(const struct plot_cell *p)
{
	uint32_t cp;

	utf8_decode(p->text, strlen(p->text), &cp);
	return p->role == PR_SERIES && cp >= 0x2800 && cp <= 0x28FF ? cp - 0x2800 : 0;
}

static char *
canvas_text(const struct plot_canvas *c)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);

	plot_canvas_print(c, f);
	fclose(f);
	return data;
}

/* ------------------------------------------------------------ data */

static void
test_add_run(void)
{
	struct task_row rows[] = {
		/* flask L0: strict 1.0, 0.8 -> mean 0.9, sd 0.1414, sem 0.1 */
		row("flask", 0, 0, 1.0, 1.0, 1.0),
		row("flask", 0, 1, 0.8, 0.9, 0.0),
		/* flask L1: 0.6, 0.5, 0.4 -> mean 0.5, sd 0.1, sem 0.1/sqrt(3) */
		row("flask", 1, 0, 0.6, 0.7, 1.0),
		row("flask", 1, 1, 0.5, 0.7, 0.0),
		row("flask", 1, 2, 0.4, 0.7, 0.5),
		/* express L0 and L3 only; one task each: sem 0 */
		row("express", 0, 0, 0.3, 0.6, 0.0),
		row("express", 3, 0, 0.1, 0.2, 1.0),
	};
	struct plot_data d;

	memset(&d, 0, sizeof(d));
	d.metric = PLOT_STRICT;
	plot_data_add_run(&d, rows, 7, 0, NULL);
	tap_is_int(d.n, 2, "add_run: one series per framework present");
	tap_is_str(d.s[0].framework, "express",
		   "add_run: series in task_frameworks order (express first)");
	tap_is_str(d.s[1].framework, "flask", "add_run: then flask");
	tap_is_int(d.s[0].color, 2, "add_run: express keeps colour 2 (its framework index)");
	tap_is_int(d.s[1].color, 5, "add_run: flask keeps colour 5");
	tap_is_str(d.s[1].label, "Flask", "add_run: label is the display name");
	tap_is_int(d.s[1].style, 0, "add_run: style 0");
	tap_is_double(d.s[1].y[0], 0.9, 1e-12, "add_run: flask L0 strict mean 0.9");
	tap_is_double(d.s[1].sem[0], 0.1, 1e-12, "add_run: flask L0 sem 0.1414/sqrt(2) = 0.1");
	tap_is_int(d.s[1].n[0], 2, "add_run: flask L0 n 2");
	tap_is_double(d.s[1].y[1], 0.5, 1e-12, "add_run: flask L1 strict mean 0.5");
	tap_is_double(d.s[1].sem[1], 0.1 / sqrt(3.0), 1e-12, "add_run: flask L1 sem 0.1/sqrt(3)");
	tap_is_int(d.s[1].n[1], 3, "add_run: flask L1 n 3");
	tap_ok(!d.s[1].have[2] && !d.s[1].have[3], "add_run: flask has no L2, L3");
	tap_ok(d.s[0].have[0] && !d.s[0].have[1] && !d.s[0].have[2] && d.s[0].have[3],
	       "add_run: express has L0 and L3 only");
	tap_is_double(d.s[0].y[3], 0.1, 1e-12, "add_run: express L3 strict 0.1");
	tap_is_double(d.s[0].sem[3], 0.0, 0, "add_run: a single task has sem 0");

	/* the same rows as run B, raw A% */
	d.metric = PLOT_RAW;
	plot_data_add_run(&d, rows, 7, 1, " (B)");
	tap_is_int(d.n, 4, "add_run: a second run appends");
	tap_is_str(d.s[3].label, "Flask (B)", "add_run: suffix appended");
	tap_is_int(d.s[3].style, 1, "add_run: style 1");
	tap_is_double(d.s[3].y[0], 0.95, 1e-12, "add_run raw: flask L0 mean 0.95");
	tap_is_double(d.s[3].sem[0], 0.05, 1e-12, "add_run raw: flask L0 sem 0.05");
	tap_is_double(d.s[3].y[1], 0.7, 1e-12, "add_run raw: flask L1 mean 0.7");
	tap_is_double(d.s[3].sem[1], 0.0, 1e-12, "add_run raw: identical values, sem 0");

	memset(&d, 0, sizeof(d));
	d.metric = PLOT_PASS1;
	plot_data_add_run(&d, rows, 7, 0, NULL);
	tap_is_double(d.s[1].y[1], 0.5, 1e-12, "add_run pass1: flask L1 mean of 1, 0, .5");
	tap_is_double(d.s[1].sem[1], 0.5 / sqrt(3.0), 1e-12,
		      "add_run pass1: flask L1 sem .5/sqrt(3)");
	tap_is_double(d.s[1].y[0], 0.5, 1e-12, "add_run pass1: flask L0 mean 0.5");

	/* overflow: never more than PLOT_MAX_SERIES */
	memset(&d, 0, sizeof(d));
	for (int i = 0; i < 10; i++)
		plot_data_add_run(&d, rows, 7, i % 2, NULL);
	tap_is_int(d.n, PLOT_MAX_SERIES, "add_run: stops at PLOT_MAX_SERIES");

	tap_is_int(plot_metric_parse("pass1"), PLOT_PASS1, "metric_parse pass1");
	tap_is_int(plot_metric_parse("raw"), PLOT_RAW, "metric_parse raw");
	tap_is_int(plot_metric_parse("bogus"), -1, "metric_parse unknown is -1");
	tap_is_str(plot_metric_name(PLOT_STRICT), "strict A%", "metric_name strict");
	tap_is_str(plot_metric_key(PLOT_PASS1), "pass1", "metric_key pass1");
}

/* ------------------------------------------------------------ layout */

/* At 78x22 with a title and a right legend (labels of 7 columns):
 * title row 0, plot rows 1..18, x axis row 19, level labels row 20, axis
 * name row 21; y labels in columns 0..3, the axis in column 4, plot columns
 * 6..66 (61 wide: levels at 6, 26, 46, 66), legend markers at column 69. */
static void
test_layout_78x22(bool ascii)
{
	const char *mode = ascii ? "ascii" : "utf8";
	struct plot_data d;
	struct plot_canvas c;
	struct plot_opts o = opts(78, 22, ascii);
	int x, y;

	sample(&d);
	plot_render(&d, &o, &c);
	tap_is_int(c.w, 78, "78x22: canvas width");
	tap_is_int(c.h, 22, "78x22: canvas height");

	/* django: 1.00 at level 0 -> the top plot row, column 6 */
	tap_is_str(text_at(&c, 6, 1), ascii ? "x" : "\u25a0",
		   "78x22: y=1.0 at L0 on the top plot row");
	tap_is_int(at(&c, 6, 1)->role, PR_MARKER, "78x22: that cell is a marker");
	tap_is_int(at(&c, 6, 1)->series, 1, "78x22: of series 1 (django)");
	/* koa: 0.00 at level 3 -> the bottom plot row, column 66 */
	tap_is_str(text_at(&c, 66, 18), ascii ? "&" : "\u25bc",
		   "78x22: y=0 at L3 on the bottom plot row");
	tap_is_int(at(&c, 66, 18)->series, 7, "78x22: of series 7 (koa)");
	/* fastapi .90 at L1: row 1 + round(.1*17) = 3, column 26 */
	tap_is_str(text_at(&c, 26, 3), ascii ? "*" : "\u25c6",
		   "78x22: fastapi .90 at L1 -> (26, 3)");
	/* hono .28 at L2: row 1 + round(.72*17 = 12.24) = 13, column 46 */
	tap_is_str(text_at(&c, 46, 13), ascii ? "%" : "\u2605",
		   "78x22: hono .28 at L2 -> (46, 13)");
	tap_ok(plot_point_cell(&d, &o, 1, 0, &x, &y) && x == 6 && y == 1,
	       "78x22: point_cell(django, 0) = (6, 1)");
	tap_ok(plot_point_cell(&d, &o, 7, 3, &x, &y) && x == 66 && y == 18,
	       "78x22: point_cell(koa, 3) = (66, 18)");
	tap_ok(!plot_point_cell(&d, &o, 7, 2, &x, &y), "78x22: koa has no L2 point");

	/* y axis labels at the rows of 100, 75, 50, 25, 0 % */
	tap_is_str(span(&c, 0, 1, 5), ascii ? "100%+" : "100%\u2524", "78x22: 100% on row 1");
	tap_is_str(span(&c, 0, 5, 5), ascii ? " 75%+" : " 75%\u2524", "78x22: 75% on row 5");
	tap_is_str(span(&c, 0, 10, 5), ascii ? " 50%+" : " 50%\u2524", "78x22: 50% on row 10");
	tap_is_str(span(&c, 0, 14, 5), ascii ? " 25%+" : " 25%\u2524", "78x22: 25% on row 14");
	tap_is_str(span(&c, 0, 18, 5), ascii ? "  0%+" : "  0%\u2524", "78x22: 0% on row 18");
	tap_is_str(text_at(&c, 4, 2), ascii ? "|" : "\u2502", "78x22: y axis line");
	tap_is_int(at(&c, 4, 2)->role, PR_AXIS, "78x22: y axis role");
	/* x axis, ticks and labels */
	tap_is_str(text_at(&c, 4, 19), ascii ? "+" : "\u2514", "78x22: axis corner");
	tap_is_str(text_at(&c, 7, 19), ascii ? "-" : "\u2500", "78x22: x axis line");
	for (int l = 0; l < 4; l++) {
		char name[64], lab[2] = {(char)('0' + l), 0};
		int col = 6 + 20 * l;
		snprintf(name, sizeof(name), "78x22: tick of level %d at column %d", l, col);
		tap_is_str(text_at(&c, col, 19), ascii ? "+" : "\u252c", name);
		snprintf(name, sizeof(name), "78x22: label of level %d under its tick", l);
		tap_is_str(text_at(&c, col, 20), lab, name);
	}
	tap_is_str(span(&c, 31, 21, 11), "constraints", "78x22: axis name centred under the plot");
	/* title centred on row 0 */
	tap_is_str(span(&c, 17, 0, 44), "strict A% by number of constraints: demo run",
		   "78x22: title on row 0");
	tap_is_int(at(&c, 17, 0)->role, PR_TITLE, "78x22: title role");
	tap_is_str(text_at(&c, 16, 0), " ", "78x22: title centred ((78 - 44) / 2 = 17)");
	/* legend: marker at 69, label at 71, one row per series from row 1 */
	tap_is_str(text_at(&c, 69, 1), ascii ? "o" : "\u25cf", "78x22: legend marker of aiohttp");
	tap_is_str(span(&c, 71, 1, 7), "aiohttp", "78x22: legend label of aiohttp");
	tap_is_str(span(&c, 71, 4, 7), "FastAPI", "78x22: legend label of fastapi (row 4)");
	tap_is_int(at(&c, 71, 4)->role, PR_LABEL, "78x22: legend label role");
	tap_is_int(at(&c, 71, 4)->series, 3, "78x22: legend label carries its series");
	tap_is_str(span(&c, 71, 8, 3), "Koa", "78x22: legend label of koa (row 8)");

	/* every cell written, blank or not; no empty text outside wide glyphs */
	int empty = 0, lines = 0;
	for (int i = 0; i < c.w * c.h; i++) {
		empty += c.cells[i].text[0] == '\0';
		lines += c.cells[i].role == PR_SERIES;
	}
	tap_is_int(empty, 0, "78x22: every cell holds a glyph");
	tap_ok(lines > 100, "78x22: %s lines drawn (%d cells)", mode, lines);
	if (!ascii) {
		int braille = 0;
		for (int i = 0; i < c.w * c.h; i++) {
			uint32_t cp;
			if (c.cells[i].role != PR_SERIES)
				continue;
			utf8_decode(c.cells[i].text, strlen(c.cells[i].text), &cp);
			braille += cp >= 0x2800 && cp <= 0x28FF;
		}
		tap_is_int(braille, lines, "78x22 utf8: every line cell is braille");
	}
	plot_canvas_free(&c);
}

static void
test_ascii_slopes(void)
{
	struct plot_data d;
	struct plot_canvas c;
	struct plot_opts o = opts(78, 22, true);
	static const double flat[4] = {0.5, 0.5, 1.0, 0.0};

	blank(&d);
	series(&d, "flask", 5, 0, flat);
	o.legend = false;
	plot_render(&d, &o, &c);
	/* no legend: plot columns 6..77, levels at 6, 30, 53, 77;
	 * .5 is row 1 + round(8.5) = 10 */
	tap_is_str(text_at(&c, 30, 10), "@", "slopes: L1 at column 30 without a legend");
	tap_is_str(span(&c, 7, 10, 23), "-----------------------", "slopes: a flat line is '-'");
	/* between L1 (30) and L2 (53) the line rises 9 rows: '-' and '/' only;
	 * between L2 and L3 (77) it falls 17: '-' and '\\' only */
	{
		int up = 0, down = 0, other = 0;
		for (int x = 31; x < 77; x++)
			for (int y = 1; y <= 18; y++) {
				const char *t = text_at(&c, x, y);
				if (x == 53 || !strcmp(t, " "))
					continue;
				up += !strcmp(t, "/") && x < 53;
				down += !strcmp(t, "\\") && x > 53;
				other += strcmp(t, "-") && !(!strcmp(t, "/") && x < 53) &&
					 !(!strcmp(t, "\\") && x > 53);
			}
		tap_ok(up >= 5 && down >= 10 && other == 0,
		       "slopes: rising '/' (%d), falling '\\' (%d), nothing else (%d)", up, down,
		       other);
	}
	/* one cell per column for a gentle line */
	{
		int per_col = 1;
		for (int x = 31; x < 53; x++) {
			int n = 0;
			for (int y = 1; y <= 18; y++)
				n += strcmp(text_at(&c, x, y), " ") != 0;
			per_col &= n == 1;
		}
		tap_ok(per_col, "slopes: a gentle line takes one cell per column");
	}
	plot_canvas_free(&c);

	/* steep: level columns 1 apart need '|' */
	o = opts(12, 22, true);
	o.legend = false;
	blank(&d);
	static const double steep[4] = {1.0, 0.0, -1, -1};
	series(&d, "aiohttp", 0, 0, steep);
	plot_render(&d, &o, &c);
	/* w 12: axis at 0, plot columns 1..11, L0 at 1, L1 at 1 + round(10/3) = 4 */
	tap_is_str(text_at(&c, 2, 5), "|", "slopes: a steep line is '|'");
	tap_is_str(text_at(&c, 3, 14), "|", "slopes: all the way down");
	plot_canvas_free(&c);

	/* style 1 in ASCII: ':' */
	o = opts(78, 22, true);
	o.legend = false;
	blank(&d);
	series(&d, "flask", 5, 1, flat);
	plot_render(&d, &o, &c);
	tap_is_str(span(&c, 7, 10, 5), ":::::", "slopes: style 1 draws ':'");
	tap_is_str(text_at(&c, 30, 10), "A", "slopes: style 1 flask marker 'A'");
	plot_canvas_free(&c);
}

static void
test_braille(void)
{
	struct plot_data d;
	struct plot_canvas c;
	struct plot_opts o = opts(78, 22, false);
	static const double flat[4] = {0.5, 0.5, -1, -1};

	o.legend = false;
	blank(&d);
	series(&d, "flask", 5, 0, flat);
	plot_render(&d, &o, &c);
	/* .5: fy = 8.5 -> row 10 (1 + 9), dot row floor((8.5 - 9 + .5) * 4) = 0:
	 * both dots of the top dot row, U+2809 */
	tap_is_str(text_at(&c, 15, 10), "\u2809", "braille: a flat line on the top dot row");
	tap_is_int(at(&c, 15, 10)->series, 0, "braille: owned by its series");
	plot_canvas_free(&c);

	/* dashed: every other cell empty */
	blank(&d);
	series(&d, "flask", 5, 1, flat);
	plot_render(&d, &o, &c);
	tap_is_str(span(&c, 7, 10, 4), " \u2809 \u2809", "braille: style 1 is dashed");
	tap_is_str(text_at(&c, 6, 10), "\u2715",
		   "braille: style 1 flask marker is the light cross");
	plot_canvas_free(&c);

	/* two series crossing share cells: the dots of both, the colour of the
	 * one drawn last (the later, or the highlighted) */
	static const double up[4] = {0.0, 1.0, -1, -1}, down[4] = {1.0, 0.0, -1, -1};
	unsigned alone[2][22][78];
	for (int k = 0; k < 2; k++) {
		blank(&d);
		series(&d, k ? "django" : "aiohttp", k, 0, k ? down : up);
		plot_render(&d, &o, &c);
		for (int y = 0; y < 22; y++)
			for (int x = 0; x < 78; x++)
				alone[k][y][x] = braille_bits(at(&c, x, y));
		plot_canvas_free(&c);
	}
	blank(&d);
	series(&d, "aiohttp", 0, 0, up);
	series(&d, "django", 1, 0, down);
	for (int hl = -1; hl <= 0; hl++) {
		int bad = 0, shared = 0;
		o.highlight = hl;
		plot_render(&d, &o, &c);
		for (int y = 1; y <= 18; y++)
			for (int x = 7; x < 30; x++) {
				const struct plot_cell *p = at(&c, x, y);
				unsigned a = alone[0][y][x], b = alone[1][y][x];
				int top = hl == 0 ? (a ? 0 : 1) : (b ? 1 : 0);
				shared += a && b;
				bad += braille_bits(p) != (a | b) || ((a | b) && p->series != top);
			}
		tap_ok(shared >= 1 && bad == 0,
		       "braille crossing%s: %d shared cells keep both dot sets, coloured by the "
		       "last drawn (%d wrong)", hl == 0 ? " with highlight" : "", shared, bad);
		plot_canvas_free(&c);
	}
}

static void
test_hidden_cursor_highlight(void)
{
	struct plot_data d;
	struct plot_canvas c;
	struct plot_opts o = opts(78, 22, false);
	int x, y, s, l, n;

	sample(&d);
	o.hidden = 1u << 3;
	o.cursor_series = 2;
	o.cursor_level = 1;
	plot_render(&d, &o, &c);
	n = 0;
	for (int i = 0; i < c.w * c.h; i++)
		n += c.cells[i].series == 3 && c.cells[i].role != PR_LABEL;
	tap_is_int(n, 0, "hidden: no line, marker or bar of series 3 left");
	tap_is_str(text_at(&c, 69, 4), " ", "hidden: legend marker blanked");
	tap_is_str(span(&c, 71, 4, 7), "FastAPI", "hidden: legend label kept");
	tap_ok(!plot_point_cell(&d, &o, 3, 0, &x, &y), "hidden: point_cell false");
	n = 0;
	for (int i = 0; i < c.w * c.h; i++)
		n += c.cells[i].role == PR_CURSOR;
	tap_is_int(n, 1, "cursor: exactly one PR_CURSOR cell");
	tap_ok(plot_point_cell(&d, &o, 2, 1, &x, &y) && at(&c, x, y)->role == PR_CURSOR &&
		       at(&c, x, y)->series == 2,
	       "cursor: at express L1");
	/* express .62 at L1: row 1 + round(.38*17 = 6.46) = 7 */
	tap_ok(x == 26 && y == 7, "cursor: express L1 at (26, 7), got (%d, %d)", x, y);
	tap_ok(plot_point_near(&d, &o, 25, 7, &s, &l) && s == 2 && l == 1,
	       "point_near: a click beside the cursor point finds it");
	tap_ok(!plot_point_near(&d, &o, 40, 20, &s, &l),
	       "point_near: nothing near the tick labels");
	plot_canvas_free(&c);

	/* two series on the same cell: the highlighted one shows */
	static const double same[4] = {0.5, -1, -1, -1};
	blank(&d);
	series(&d, "aiohttp", 0, 0, same);
	series(&d, "django", 1, 0, same);
	o = opts(78, 22, true);
	plot_render(&d, &o, &c);
	tap_is_int(at(&c, 6, 10)->series, 1, "highlight: without it the later series is on top");
	tap_ok(plot_point_near(&d, &o, 6, 10, &s, &l) && s == 1,
	       "point_near: picks the one on top");
	plot_canvas_free(&c);
	o.highlight = 0;
	plot_render(&d, &o, &c);
	tap_is_int(at(&c, 6, 10)->series, 0, "highlight: the highlighted series is on top");
	tap_is_str(text_at(&c, 6, 10), "o", "highlight: its marker shows");
	tap_ok(plot_point_near(&d, &o, 6, 10, &s, &l) && s == 0,
	       "point_near: agrees with highlight");
	plot_canvas_free(&c);
}

static void
test_error_bars(void)
{
	struct plot_data d;
	struct plot_canvas c;
	int x, y;
	static const double one[4] = {-1, 0.5, -1, -1};

	for (int ascii = 0; ascii < 2; ascii++) {
		struct plot_opts o = opts(78, 22, ascii);
		blank(&d);
		series(&d, "flask", 5, 0, one);
		d.s[0].sem[1] = 0.25;
		o.error_bars = true;
		o.legend = false; /* plot columns 6..77: L1 at 6 + round(71 / 3) = 30 */
		plot_render(&d, &o, &c);
		tap_ok(plot_point_cell(&d, &o, 0, 1, &x, &y) && x == 30 && y == 10,
		       "error bars: the point at (30, 10)");
		/* .5 at row 10; .75 at 5, .25 at 14: caps there, whiskers between */
		tap_is_str(text_at(&c, 30, 5), ascii ? "-" : "\u252c",
			   "error bars: top cap at .75");
		tap_is_str(text_at(&c, 30, 7), ascii ? "|" : "\u2502", "error bars: upper whisker");
		tap_is_int(at(&c, 30, 7)->role, PR_ERROR, "error bars: role PR_ERROR");
		tap_is_str(text_at(&c, 30, 10), ascii ? "@" : "\u2716",
			   "error bars: marker on top");
		tap_is_str(text_at(&c, 30, 12), ascii ? "|" : "\u2502",
			   "error bars: lower whisker");
		tap_is_str(text_at(&c, 30, 14), ascii ? "-" : "\u2534",
			   "error bars: bottom cap at .25");
		tap_is_str(text_at(&c, 30, 4), " ", "error bars: nothing above the cap");
		tap_is_str(text_at(&c, 30, 15), " ", "error bars: nothing below the cap");
		plot_canvas_free(&c);
		o.error_bars = false;
		plot_render(&d, &o, &c);
		tap_is_str(text_at(&c, 30, 7), " ", "error bars: off by default");
		plot_canvas_free(&c);
	}
}

/* Every visible point: point_cell lands on its marker (or on the marker
 * drawn over it, which point_near then names). */
static int
check_agreement(const struct plot_data *d, const struct plot_opts *o, const struct plot_canvas *c,
		char *why, size_t whylen)
{
	for (int s = 0; s < d->n; s++)
		for (int l = 0; l < 4; l++) {
			int x, y, ns, nl, nx, ny;
			const struct plot_cell *p;
			bool shown = d->s[s].have[l] && !(o->hidden >> s & 1);

			if (!plot_point_cell(d, o, s, l, &x, &y)) {
				/* the single plot always has room for a point; a small
				 * multiple needs a row of its own */
				bool room = o->small_multiples ? c->h >= 16 : c->h > 0;
				if (shown && c->w > 0 && room) {
					snprintf(why, whylen, "no cell for %d/%d", s, l);
					return 0;
				}
				continue;
			}
			if (!shown) {
				snprintf(why, whylen, "a cell for hidden or absent %d/%d", s, l);
				return 0;
			}
			p = at(c, x, y);
			if (!p || (p->role != PR_MARKER && p->role != PR_CURSOR)) {
				snprintf(why, whylen, "%d/%d: (%d, %d) is no marker", s, l, x, y);
				return 0;
			}
			if (!plot_point_near(d, o, x, y, &ns, &nl) ||
			    !plot_point_cell(d, o, ns, nl, &nx, &ny) || nx != x || ny != y ||
			    ns != p->series) {
				snprintf(why, whylen,
					 "%d/%d at (%d, %d): near gives %d/%d, cell shows %d",
					 s, l, x, y, ns, nl, p->series);
				return 0;
			}
		}
	return 1;
}

static void
test_agreement_all_sizes(void)
{
	struct plot_data d;
	int bad = 0, checked = 0;
	char why[160] = "";

	sample(&d);
	for (int multiples = 0; multiples < 2; multiples++)
		for (int w = 0; w <= 82; w += (w < 24 ? 1 : 5))
			for (int h = 0; h <= 26; h++) {
				struct plot_opts o = opts(w, h, (w + h) % 2);
				struct plot_canvas c;
				o.small_multiples = multiples;
				o.hidden = h % 3 == 0 ? 1u << 4 : 0;
				o.error_bars = w % 2;
				o.cursor_series = w % 8;
				o.cursor_level = h % 4;
				o.highlight = h % 5 == 0 ? 1 : -1;
				if (multiples)
					plot_render_multiples(&d, &o, &c);
				else
					plot_render(&d, &o, &c);
				char one[120];
				bool some = w > 0 && h > 0;
				checked++;
				if (c.w != (some ? w : 0) || c.h != (some ? h : 0)) {
					if (!bad++)
						snprintf(why, sizeof(why), "%dx%d: canvas %dx%d",
							 w, h, c.w, c.h);
				} else if (!check_agreement(&d, &o, &c, one, sizeof(one)) &&
					   !bad++) {
					snprintf(why, sizeof(why), "%s (%dx%d %s)", one, w, h,
						 multiples ? "multiples" : "single");
				}
				plot_canvas_free(&c);
			}
	tap_ok(!bad, "agreement: point_cell/point_near match the canvas at %d sizes%s%s", checked,
	       bad ? ": " : "", why);
}

static void
test_tiny(void)
{
	static const int sizes[][2] = {{20, 6}, {5, 3}, {1, 1}, {0, 0}, {2, 1}, {1, 5}, {-3, 4}};
	struct plot_data d;
	int x, y;

	sample(&d);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (int ascii = 0; ascii < 2; ascii++) {
			struct plot_opts o = opts(sizes[i][0], sizes[i][1], ascii);
			struct plot_canvas c;
			char *txt;
			o.error_bars = true;
			plot_render(&d, &o, &c);
			txt = canvas_text(&c);
			tap_ok(c.h == (sizes[i][0] > 0 ? sizes[i][1] : 0) && txt,
			       "tiny %dx%d %s: rendered", sizes[i][0], sizes[i][1],
			       ascii ? "ascii" : "utf8");
			free(txt);
			plot_canvas_free(&c);
			plot_render_multiples(&d, &o, &c);
			plot_canvas_free(&c);
		}

	/* 20x6: no title, no legend; 2 y labels; L0..L3 tick labels */
	struct plot_opts o = opts(20, 6, true);
	struct plot_canvas c;
	plot_render(&d, &o, &c);
	tap_is_str(span(&c, 0, 0, 5), "100%+", "20x6: 100% on the top row");
	tap_is_str(span(&c, 0, 3, 5), "  0%+", "20x6: 0% on row 3");
	tap_is_str(span(&c, 0, 4, 5), "    +", "20x6: x axis on row 4");
	/* plot columns 6..19, levels at 6, 10, 15, 19 */
	tap_is_str(span(&c, 5, 5, 15), "L0  L1   L2  L3", "20x6: level labels L0..L3");
	/* django 1.0 and flask .88 share (6, 0): round(.12 * 3) = 0; flask is drawn later */
	tap_ok(plot_point_cell(&d, &o, 1, 0, &x, &y) && x == 6 && y == 0,
	       "20x6: django 1.0 at L0 on the top row");
	tap_is_str(text_at(&c, 6, 0), "@", "20x6: flask drawn over it");
	tap_is_str(text_at(&c, 19, 3), "&", "20x6: koa 0 at L3 on the bottom row");
	plot_canvas_free(&c);

	o = opts(5, 3, true);
	plot_render(&d, &o, &c);
	tap_is_str(text_at(&c, 0, 2), "+", "5x3: just an axis corner");
	/* plot columns 1..4, rows 0..1: every L0 >= .5 lands on (1, 0), koa last */
	tap_ok(plot_point_cell(&d, &o, 1, 0, &x, &y) && x == 1 && y == 0,
	       "5x3: django 1.0 at L0 on the top row");
	tap_is_str(text_at(&c, 1, 0), "&", "5x3: koa drawn last over it");
	tap_ok(plot_point_cell(&d, &o, 7, 3, &x, &y) && x == 4 && y == 1,
	       "5x3: koa 0 at L3 on the bottom row");
	plot_canvas_free(&c);

	o = opts(1, 1, false);
	plot_render(&d, &o, &c);
	tap_ok(c.w == 1 && c.h == 1 && at(&c, 0, 0)->role == PR_MARKER, "1x1: one marker cell");
	plot_canvas_free(&c);
	o = opts(0, 0, false);
	plot_render(&d, &o, &c);
	tap_ok(c.w == 0 && c.h == 0 && c.cells == NULL, "0x0: an empty canvas");
	tap_ok(!plot_point_cell(&d, &o, 0, 0, &x, &y), "0x0: no point cells");
	plot_canvas_free(&c);
}

static void
test_legend_below(void)
{
	struct plot_data d;
	struct plot_canvas c;
	struct plot_opts o = opts(40, 24, true);

	sample(&d);
	plot_render(&d, &o, &c);
	/* 40 wide leaves no room beside: slots of 11, 3 per row, 3 rows below */
	tap_is_str(span(&c, 0, 21, 31), "o aiohttp  x Django   + Express",
		   "legend below: first row");
	tap_is_str(span(&c, 0, 23, 16), "% Hono     & Koa", "legend below: last row");
	tap_is_str(span(&c, 0, 17, 5), "  0%+", "legend below: plot ends above it");
	plot_canvas_free(&c);

	o = opts(40, 12, true);
	plot_render(&d, &o, &c);
	int labels = 0;
	for (int i = 0; i < c.w * c.h; i++)
		labels += c.cells[i].role == PR_LABEL && c.cells[i].series >= 0;
	tap_is_int(labels, 0, "legend: dropped when neither beside nor below fits");
	plot_canvas_free(&c);
}

static void
test_multiples(void)
{
	struct plot_data d;
	struct plot_canvas c;
	struct plot_opts o = opts(78, 22, true);
	int x = -1, y = -1; /* printed by a tap_ok that may run before the call sets them */

	sample(&d);
	o.small_multiples = true;
	plot_render_multiples(&d, &o, &c);
	/* 4 columns of 19 (18 + a gap), 2 rows of 11 */
	tap_is_str(span(&c, 0, 0, 9), "o aiohttp", "multiples: aiohttp top left");
	tap_is_str(span(&c, 19, 0, 8), "x Django", "multiples: django second");
	tap_is_str(span(&c, 57, 0, 9), "* FastAPI", "multiples: fastapi fourth in the first row");
	tap_is_str(span(&c, 0, 11, 9), "# Fastify", "multiples: fastify starts the second row");
	tap_is_int(at(&c, 2, 0)->series, 0, "multiples: the name carries its series");
	/* mini: y labels in columns 0..2, the axis in 3, plot columns 4..17
	 * (levels 4, 8, 13, 17), rows 1..8, the x axis in row 9, levels in 10 */
	tap_is_str(text_at(&c, 3, 9), "+", "multiples: axis corner");
	tap_is_str(text_at(&c, 3, 3), "|", "multiples: y axis");
	tap_is_str(span(&c, 0, 1, 4), "100+", "multiples: y label 100 at the top row");
	tap_is_str(span(&c, 0, 5, 4), " 50+", "multiples: y label 50 (row 1 + 3.5, rounded)");
	tap_is_str(span(&c, 0, 8, 4), "  0+", "multiples: y label 0 at the bottom row");
	tap_is_str(span(&c, 3, 10, 15), "L0  L1   L2  L3", "multiples: the levels under the ticks");
	tap_is_str(span(&c, 19, 1, 4), "100+", "multiples: every small plot has its labels");
	tap_ok(plot_point_cell(&d, &o, 1, 0, &x, &y) && x == 23 && y == 1,
	       "multiples: django 1.0 at L0 -> (23, 1), got (%d, %d)", x, y);
	tap_is_str(text_at(&c, 23, 1), "x", "multiples: marker there");
	tap_ok(plot_point_cell(&d, &o, 7, 3, &x, &y) && x == 57 + 17 && y == 11 + 8,
	       "multiples: koa 0 at L3 -> (74, 19), got (%d, %d)", x, y);
	plot_canvas_free(&c);

	o.w = 40;
	o.hidden = 0xF0;
	plot_render_multiples(&d, &o, &c);
	tap_is_str(span(&c, 20, 0, 8), "x Django", "multiples at 40: two columns");
	tap_is_str(span(&c, 0, 11, 9), "+ Express", "multiples at 40: hidden series leave no gap");
	plot_canvas_free(&c);
	o.hidden = 0xFF;
	plot_render_multiples(&d, &o, &c);
	tap_is_str(span(&c, 0, 0, 17), "(no series shown)", "multiples: none visible");
	plot_canvas_free(&c);
}

/* ------------------------------------------------------------ goldens */

static char *
golden_path(const char *name)
{
	const char *top = getenv("abs_top_srcdir");
	return xasprintf("%s/tests/fixtures/plot/%s", top && *top ? top : "..", name);
}

static void
check_golden(const char *name, const struct plot_canvas *c)
{
	char *got = canvas_text(c), *want = NULL, *path = golden_path(name);
	size_t len;
	bool trunc;
	struct bt_error err = {0};

	if (getenv("BENCHTOP_REGEN_GOLDEN")) {
		FILE *f = fopen(path, "w");
		tap_ok(f && fputs(got, f) >= 0 && fclose(f) == 0, "golden %s regenerated", name);
	} else if (file_read(path, 0, &want, &len, &trunc, &err)) {
		tap_ok(0, "golden %s: %s", name, err.msg);
		tap_diag("create it with: BENCHTOP_REGEN_GOLDEN=1 abs_top_srcdir=SRC "
			 "./tests/unit/test_plot");
	} else if (!tap_ok(strcmp(got, want) == 0, "golden %s", name)) {
		int line = 1;
		size_t i = 0;
		while (got[i] && got[i] == want[i])
			line += got[i++] == '\n';
		tap_diag("%s differs from line %d; got:\n%s", path, line, got);
		tap_diag("if the change is intended, regenerate with BENCHTOP_REGEN_GOLDEN=1 "
			 "abs_top_srcdir=SRC ./tests/unit/test_plot and review the diff");
	}
	free(got);
	free(want);
	free(path);
}

static void
test_goldens(void)
{
	struct plot_data d;
	struct plot_canvas c;
	struct plot_opts o;
	static const double b[4][4] = {
		{0.85, 0.60, 0.50, 0.33}, {0.95, 0.85, 0.80, 0.70},
		{0.75, 0.70, 0.40, 0.20}, {0.60, 0.55, 0.62, 0.45},
	};

	sample(&d);
	o = opts(78, 22, true);
	plot_render(&d, &o, &c);
	check_golden("sample-ascii-78x22.txt", &c);
	plot_canvas_free(&c);
	o = opts(78, 22, false);
	plot_render(&d, &o, &c);
	check_golden("sample-utf8-78x22.txt", &c);
	plot_canvas_free(&c);
	o = opts(78, 22, false);
	plot_render_multiples(&d, &o, &c);
	check_golden("sample-multiples-utf8-78x22.txt", &c);
	plot_canvas_free(&c);

	/* an overlay of two runs with error bars, three frameworks each */
	memset(&d, 0, sizeof(d));
	snprintf(d.title, sizeof(d.title), "strict A%%: run A vs run B");
	series(&d, "flask", 5, 0, b[0]);
	series(&d, "hono", 6, 0, b[1]);
	series(&d, "flask", 5, 1, b[2]);
	series(&d, "hono", 6, 1, b[3]);
	o = opts(78, 22, true);
	o.error_bars = true;
	plot_render(&d, &o, &c);
	check_golden("overlay-ascii-78x22.txt", &c);
	plot_canvas_free(&c);
	o.ascii = false;
	plot_render(&d, &o, &c);
	check_golden("overlay-utf8-78x22.txt", &c);
	plot_canvas_free(&c);
}

/* ------------------------------------------------------------ SVG */

/* Balanced tags: every start tag closed in order, nothing after the root;
 * no raw '<' or '&' outside markup and entities. */
static bool
xml_balanced(const char *s, char *why, size_t whylen)
{
	char stack[64][32];
	int depth = 0, roots = 0;

	if (strncmp(s, "<?xml ", 6) == 0)
		s = strstr(s, "?>") + 2;
	while (*s) {
		if (*s == '&') {
			size_t n = strspn(s + 1, "abcdefghijklmnopqrstuvwxyz#0123456789");
			if (s[1 + n] != ';' || n == 0) {
				snprintf(why, whylen, "bare '&' near '%.20s'", s);
				return false;
			}
			s += n + 2;
			continue;
		}
		if (*s != '<') {
			s++;
			continue;
		}
		const char *end = strchr(s, '>');
		char name[32];
		bool closing = s[1] == '/', empty;
		size_t n;
		if (!end) {
			snprintf(why, whylen, "unterminated tag");
			return false;
		}
		empty = end[-1] == '/';
		n = strcspn(s + 1 + closing, " />\n");
		snprintf(name, sizeof(name), "%.*s", (int)n, s + 1 + closing);
		for (const char *q = s + 1; q < end; q++)
			if (*q == '<') {
				snprintf(why, whylen, "'<' inside a tag near '%.20s'", s);
				return false;
			}
		if (closing) {
			if (depth == 0 || strcmp(stack[depth - 1], name) != 0) {
				snprintf(why, whylen, "</%s> does not close <%s>", name,
					 depth ? stack[depth - 1] : "(nothing)");
				return false;
			}
			depth--;
		} else if (!empty) {
			if (depth == 0 && roots++) {
				snprintf(why, whylen, "a second root <%s>", name);
				return false;
			}
			if (depth == 64)
				return false;
			snprintf(stack[depth++], sizeof(stack[0]), "%s", name);
		}
		s = end + 1;
	}
	if (depth) {
		snprintf(why, whylen, "<%s> never closed", stack[depth - 1]);
		return false;
	}
	return roots == 1;
}

static char *
svg_string(const struct plot_data *d, bool error_bars)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);

	plot_svg(d, error_bars, f);
	fclose(f);
	return data;
}

static int
count(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void
test_svg(void)
{
	struct plot_data d;
	char why[160] = "", *svg, *again;
	static const double b[4] = {0.5, 0.4, -1, 0.125};

	sample(&d);
	svg = svg_string(&d, true);
	tap_ok(strncmp(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"", 36) == 0,
	       "svg: XML declaration");
	tap_ok(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
			   "width=\"640\" height=\"400\"") != NULL,
	       "svg: svg 1.1 root with xmlns, 640x400");
	tap_ok(xml_balanced(svg, why, sizeof(why)), "svg: balanced tags %s", why);
	tap_ok(strstr(svg, "<title>strict A% by number of constraints: demo run</title>") != NULL,
	       "svg: title");
	tap_ok(strstr(svg, ">Number of constraints</text>") != NULL, "svg: x axis title");
	tap_ok(strstr(svg, ">strict A%</text>") != NULL, "svg: y axis title");
	tap_ok(strstr(svg, ">100</text>") && strstr(svg, ">75</text>") && strstr(svg, ">3</text>"),
	       "svg: tick labels");
	static const char *const colours[8] = {"#E69F00", "#56B4E9", "#009E73", "#F0E442",
					       "#0072B2", "#D55E00", "#CC79A7", "#000000"};
	int coloured = 0;
	for (int i = 0; i < 8; i++)
		coloured += count(svg, colours[i]) >= 3; /* line, markers, legend */
	tap_is_int(coloured, 8, "svg: every Okabe-Ito colour used by its series");
	tap_is_int(count(svg, "<polyline"), 8, "svg: one line per series");
	tap_is_int(count(svg, "<circle"), 4 + 1, "svg: circles for aiohttp (4 points + legend)");
	tap_is_int(count(svg, "<rect x="), 4 + 1, "svg: squares for django");
	/* y: 340 - v * 290; django 1.0 at L0 (x 94) is at y 50 */
	tap_ok(strstr(svg, "<rect x=\"90.00\" y=\"46.00\" width=\"8.00\"") != NULL,
	       "svg: django 1.0 at L0 drawn at (94, 50)");
	/* koa 0 at L3 (x 446): inverted triangle apex at y 345.5 */
	tap_ok(strstr(svg, "<polygon points=\"446.00,345.50 451.00,336.50 "
			   "441.00,336.50\"/>") != NULL,
	       "svg: koa 0 at L3 drawn at (446, 340)");
	tap_is_int(count(svg, "stroke-dasharray"), 0, "svg: no dashes without style 1");
	/* error bars: 31 points with sem .05 -> 3 lines each */
	tap_ok(count(svg, "<line") > 31 * 3, "svg: error bars drawn");
	again = svg_string(&d, true);
	tap_ok(strcmp(svg, again) == 0, "svg: deterministic");
	free(again);
	again = svg_string(&d, false);
	tap_ok(count(svg, "<line") - count(again, "<line") == 31 * 3,
	       "svg: exactly 3 lines per error bar, none without --error-bars");
	free(again);
	free(svg);

	/* hostile labels and style 1 */
	memset(&d, 0, sizeof(d));
	snprintf(d.title, sizeof(d.title), "a <b> & \"c\" 'd'\x01");
	series(&d, "flask", 5, 1, b);
	snprintf(d.s[0].label, sizeof(d.s[0].label), "<script>&\xff");
	svg = svg_string(&d, false);
	tap_ok(xml_balanced(svg, why, sizeof(why)), "svg hostile: balanced tags %s", why);
	tap_ok(strstr(svg, "<script>") == NULL, "svg hostile: no raw <script>");
	tap_ok(strstr(svg, ">&lt;script&gt;&amp;\xef\xbf\xbd</text>") != NULL,
	       "svg hostile: label escaped, bad byte replaced");
	tap_ok(strstr(svg, "<title>a &lt;b&gt; &amp; &quot;c&quot; "
			   "&apos;d&apos;\xef\xbf\xbd</title>") != NULL,
	       "svg hostile: title escaped, control character replaced");
	tap_is_int(count(svg, "stroke-dasharray=\"6.00 4.00\""), 2,
		   "svg: style 1 dashed (line, legend)");
	tap_ok(strstr(svg, "fill=\"#FFFFFF\" stroke-width=\"1.50\"") != NULL,
	       "svg: style 1 markers hollow");
	tap_ok(strstr(svg, "<polyline points=\"94.00,195.00 211.33,224.00 446.00,303.75\"") != NULL,
	       "svg: the line skips the missing level");

	/* the parse of a real XML parser, when python3 is around */
	char path[] = "/tmp/test_plot_svg_XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f && system("python3 -c 'import xml.dom.minidom' >/dev/null 2>&1") == 0) {
		fputs(svg, f);
		fclose(f);
		char *cmd = xasprintf("python3 -c \"import xml.dom.minidom,sys; "
				      "d=xml.dom.minidom.parse(sys.argv[1]); "
				      "sys.exit(d.documentElement.tagName != 'svg')\" %s", path);
		tap_ok(system(cmd) == 0, "svg hostile: python's minidom parses it");
		free(cmd);
	} else {
		if (f)
			fclose(f);
		tap_skip("python3 not available to parse the SVG");
	}
	if (fd >= 0)
		unlink(path);
	free(svg);
}

int
main(void)
{
	test_add_run();
	test_layout_78x22(true);
	test_layout_78x22(false);
	test_ascii_slopes();
	test_braille();
	test_hidden_cursor_highlight();
	test_error_bars();
	test_agreement_all_sizes();
	test_tiny();
	test_legend_below();
	test_multiples();
	test_goldens();
	test_svg();
	return tap_done();
}
