/* plot.h: the decay plot (A% against constraint count, one line per
 * framework) as data, as a grid of character cells, and as SVG.
 *
 * Curses-free: the TUI draws a plot_canvas cell by cell, `benchtop plot
 * --format text` prints the same canvas, `--format svg` writes a standalone
 * SVG.  Everything here is unit-tested.
 */
#ifndef BENCHTOP_PLOT_H
#define BENCHTOP_PLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "benchtop/metrics.h"

#define PLOT_LEVELS 4       /* constraint counts 0..3 */
#define PLOT_MAX_SERIES 16  /* 8 frameworks, twice for an overlay of two runs */

enum plot_metric { PLOT_STRICT, PLOT_RAW, PLOT_PASS1, PLOT_METRIC_COUNT };

struct plot_series {
	char framework[16];   /* canonical token: "flask" */
	char label[48];       /* legend text: "Flask", or "Flask (B)" in an overlay */
	int color;            /* 0..7: the framework's index in task_frameworks */
	int style;            /* 0: run A (solid line), 1: run B (dashed line) */
	bool have[PLOT_LEVELS];
	double y[PLOT_LEVELS];   /* the metric, a fraction 0..1 */
	double sem[PLOT_LEVELS]; /* standard error over the cell's tasks */
	int n[PLOT_LEVELS];      /* tasks in the cell */
};

struct plot_data {
	enum plot_metric metric;
	char title[160];
	struct plot_series s[PLOT_MAX_SERIES];
	int n;
};

const char *plot_metric_name(enum plot_metric m);   /* "strict A%", "raw A%", "pass@1" */
const char *plot_metric_key(enum plot_metric m);    /* "strict", "raw", "pass1" */
int plot_metric_parse(const char *s);               /* -1 when unknown */

/* One series per framework present in rows (a run's generation tasks),
 * values of d->metric from metrics_aggregate(AGG_FRAMEWORK_LEVEL), sem =
 * sd / sqrt(n_tasks); appended to d (at most PLOT_MAX_SERIES) with the given
 * style (so two runs can share one plot) and label display name + suffix
 * (may be NULL).  Frameworks keep their index in task_frameworks as colour,
 * whatever is present; rows of other frameworks are ignored. */
void plot_data_add_run(struct plot_data *d, const struct task_row *rows, size_t n, int style,
		       const char *suffix);

/* ---------------------------------------------------------------- canvas */

/* One character cell.  text is a UTF-8 glyph (or ASCII), role says how to
 * colour it. */
enum plot_role { PR_BLANK, PR_AXIS, PR_LABEL, PR_SERIES, PR_MARKER, PR_ERROR, PR_CURSOR, PR_TITLE };
struct plot_cell {
	char text[8];
	enum plot_role role;
	int series;   /* PR_SERIES/PR_MARKER/PR_ERROR/PR_CURSOR, and PR_LABEL of a legend
		       * entry or a small multiple's name: index into plot_data.s
		       * (so the TUI can colour or dim it), else -1 */
};

struct plot_canvas {
	int w, h;
	struct plot_cell *cells; /* h rows of w cells */
};

struct plot_opts {
	int w, h;                   /* canvas size in cells */
	bool ascii;                 /* ASCII lines and markers; else braille lines */
	bool error_bars;            /* +/-1 SEM whiskers */
	bool legend;                /* legend on the right when wide enough, else below */
	unsigned hidden;            /* bit i: hide series i */
	int highlight;              /* series drawn on top and emphasised, -1 none */
	int cursor_series, cursor_level; /* the selected point, -1 none */
	bool small_multiples;       /* plot_point_cell/near: the layout of
				     * plot_render_multiples, not plot_render's */
};

/* Lay out axes (y 0..100%, x 0..3 constraints), lines, markers, error bars,
 * legend and title into a new canvas (free with plot_canvas_free).  Tiny
 * sizes degrade (no legend, then no labels) and never write out of bounds.
 * In the plot area (pw x ph cells) level l is column round(l (pw-1) / 3)
 * and a value v row round((1 - v) (ph - 1)): y = 1 is the top row, y = 0
 * the bottom one.  Drawn in order: lines (braille, or ASCII chosen by the
 * slope; ':' / every other braille cell for style 1), error bars, markers
 * (the highlighted series last), the cursor (role PR_CURSOR).  Markers by
 * colour index: ● ■ ▲ ◆ ✚ ✖ ★ ▼, style 1 ○ □ △ ◇ ✙ ✕ ☆ ▽; ASCII
 * o x + * # @ % &, style 1 O X = ~ H A S V.  A hidden series keeps its
 * legend label (role PR_LABEL, its index) without the marker. */
void plot_render(const struct plot_data *d, const struct plot_opts *o, struct plot_canvas *out);
/* Small multiples: one mini-plot per visible series in a grid (columns of at
 * least 18 cells: 4x2 for eight series at 80 columns), each with its marker
 * and name on top and an L-shaped axis. */
void plot_render_multiples(const struct plot_data *d, const struct plot_opts *o,
			   struct plot_canvas *out);
void plot_canvas_free(struct plot_canvas *c);
/* Print the canvas as text lines (trailing blanks trimmed). */
void plot_canvas_print(const struct plot_canvas *c, FILE *out);

/* Where a series' point at a level is drawn (for mouse clicks and the
 * cursor); false when hidden, absent or off a too small canvas. */
bool plot_point_cell(const struct plot_data *d, const struct plot_opts *o, int series, int level,
		     int *x, int *y);
/* The point nearest to a cell, within 4 columns and 2 rows; false when none.
 * On a cell shared by several points it is the one drawn on top. */
bool plot_point_near(const struct plot_data *d, const struct plot_opts *o, int x, int y,
		     int *series, int *level);

/* ---------------------------------------------------------------- SVG */

/* A standalone SVG 1.1 document (640x400): axes, ticks, gridlines, legend,
 * +/-1 SEM error bars, one colour (the colour-blind-safe Okabe-Ito palette)
 * and marker shape per framework, dashed lines and hollow markers for
 * style 1.  Every series is drawn (there are no opts).  Text is escaped;
 * numbers are formatted without the locale, so the output is the same
 * byte for byte everywhere. */
void plot_svg(const struct plot_data *d, bool error_bars, FILE *out);

/* ---------------------------------------------------------------- RQ2 */

/* The framework-sensitivity figure (plot_framework_sensitivity.py): for
 * each framework and configuration the run-level strict A% (every attempt
 * at the framework's tasks) as mean +/- SEM.  sensitivity.h builds it. */
#define SENS_MAX_CONFIGS 8
struct sens_cell {
	bool have;
	double mean, sem; /* fractions */
	size_t n;         /* attempts */
};
struct sens_plot {
	char title[160];
	int n_cfg;
	char cfg[SENS_MAX_CONFIGS][96]; /* legend labels */
	int n_fw;
	char fw[TASK_N_FRAMEWORKS][16]; /* display names, in the figure's order */
	struct sens_cell c[TASK_N_FRAMEWORKS][SENS_MAX_CONFIGS];
};
/* A standalone SVG (640x400) in the style of plot_svg(): one group of
 * markers with +/-1 SEM bars per framework, one colour and marker shape per
 * configuration, and a legend. */
void plot_svg_sensitivity(const struct sens_plot *p, FILE *out);

#endif
