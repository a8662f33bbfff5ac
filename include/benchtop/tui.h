/* tui.h: the full-screen explorer: the app, its stack of views, drawing.
 *
 * One file per view (view_*.c) fills a struct view_ops.  Views get their
 * data from the store's named queries and the curses-free models, draw
 * through the helpers below (which sanitize every string), and answer
 * actions.  The app owns the stack; a view owns its private state, freed by
 * ops->close().
 *
 * Headless mode (BENCHTOP_SCRIPT=FILE): keys and ":commands" are read from
 * FILE instead of the terminal; with BENCHTOP_NO_DISPLAY=1 nothing is
 * written to a terminal and ":save-display FILE" dumps the virtual screen,
 * for golden-screen tests without sleeps.
 */
#ifndef BENCHTOP_TUI_H
#define BENCHTOP_TUI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "benchtop/action.h"
#include "benchtop/address.h"
#include "benchtop/attempt.h"
#include "benchtop/colors.h"
#include "benchtop/listnav.h"
#include "benchtop/listtable.h"
#include "benchtop/model_tasks.h"
#include "benchtop/store.h"
#include "benchtop/util.h"

#define TUI_MAX_DEPTH 24

struct app;
struct view;
struct label_start;

struct view_ops {
	enum view_id id; /* its keymap scope and help title (view_name()) */
	size_t priv_size; /* the app allocates (zeroed) and frees this much */
	/* Load data.  `arg` is view-specific (documented in each view file). */
	int (*open)(struct app *app, struct view *v, const void *arg, struct bt_error *err);
	void (*close)(struct view *v);
	/* Draw into rows y0 .. y0+h-1, w columns. */
	void (*draw)(struct app *app, struct view *v, int y0, int h, int w);
	/* Handle an action; return ACT_NONE when consumed, else the action
	 * (possibly another one) for the generic handler. */
	enum action (*handle)(struct app *app, struct view *v, enum action a);
	/* The view's part of the title line ("flask", "run_2"). */
	void (*title)(struct app *app, struct view *v, struct buf *out);
	/* The view's part of the status line (counts, filter, sort). */
	void (*status)(struct app *app, struct view *v, struct buf *out);
	/* Move to the next match of needle (dir +1/-1); false when none. */
	bool (*search)(struct app *app, struct view *v, const char *needle, int dir);
	/* A ":command arg" of COMMAND_INFO whose scope has this view. */
	void (*command)(struct app *app, struct view *v, enum command cmd, const char *arg);
	/* A mouse click at screen row/column inside the view's area. */
	void (*click)(struct app *app, struct view *v, int y, int x, bool dbl);
	/* Reload after the store changed, keeping the user's place. */
	int (*reload)(struct app *app, struct view *v, struct bt_error *err);
	/* The address (address.h) of what the cursor is on: a run, a task, an
	 * attempt or a step; false when none. */
	bool (*address)(struct app *app, struct view *v, struct address *out);
	/* A list view: the rows it shows (filtered and sorted as shown) and
	 * the cursor row, for writing them out and copying a row's name. */
	bool (*table)(struct app *app, struct view *v, struct list_table *t, size_t *cur);
};

struct view {
	const struct view_ops *ops;
	void *priv;
	int y0, h, w; /* the area of the last draw (for mouse clicks) */
};

enum glyph {
	G_HLINE, G_VLINE, G_CROSS, G_CHECK, G_FAIL, G_WARN, G_NONE, G_BULLET, G_SEP,
	G_ELLIPSIS, G_UP, G_DOWN, G_MARK, G_BLOCK_FULL, G_BLOCK_LIGHT, G_CORNER_BL, G_TEE_UP,
	G_COUNT
};

struct app {
	struct store *st;
	char *store_path;
	bool is_demo;
	struct keymap km;
	struct ui_colors colors;
	bool ascii;       /* line drawing and text in ASCII */
	bool osc52;       /* y copies over OSC 52 (set clipboard = osc52) */
	bool mouse;       /* mouse tracking: --mouse or "set mouse yes" */
	bool headless;    /* BENCHTOP_NO_DISPLAY */
	FILE *script;     /* BENCHTOP_SCRIPT, or NULL */
	struct view *stack[TUI_MAX_DEPTH];
	int depth;
	int rows, cols;
	bool quit;
	char message[256];
	bool message_error;
	const char *prompt_hint; /* lines app_prompt() shows above the prompt, or NULL */
	/* Tab in app_prompt(), or NULL: the text with its last word completed into
	 * out and, when several candidates remain, them into choices (shown) */
	void (*prompt_complete)(const char *text, struct buf *out, struct buf *choices);
	char search[256];
	int search_dir;
	long data_version; /* for "new data available" */
	bool new_data;
	bool auto_reload;  /* reload by itself when idle (set auto_reload) */
	bool prompting;    /* a line is being typed: no reload under it */
	int color_attr[COL_COUNT]; /* curses attributes per element */
	bool exclude_limits;       /* X: metrics without the attempts that hit their limits */
};

/* Options from the command line. */
struct tui_options {
	const char *run;        /* open this run's plot directly */
	const char *go;         /* open at this address (benchtop open ADDR, --goto) */
	const char *config;     /* --config FILE, else the default one when it exists */
	bool no_config;
	const char *note;       /* said in the status line at start, or NULL */
	bool ascii;             /* --ascii */
	bool mouse;             /* --mouse */
	bool utf8;              /* the locale's character set is UTF-8 */
	bool is_demo;           /* the store is the bundled demo */
	const struct label_start *label; /* open a labelling session (benchtop label) */
	double start_time;      /* clock_now() at start, for BENCHTOP_TIMING */
};

/* Run the explorer on st (opened read-only by the caller; tui_main closes
 * it).  Returns an exit status: 0, 128 + a signal that ended it, or an
 * error code with err's message, which the caller prints once the terminal
 * is restored. */
int tui_main(const struct tui_options *o, struct store *st, struct bt_error *err);

/* ---------------------------------------------------------------- views */

/* Push a view (opening it); on failure the message line shows why. */
bool app_push(struct app *app, const struct view_ops *ops, const void *arg);
void app_pop(struct app *app);
struct view *app_top(struct app *app);
void app_message(struct app *app, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* What the attempt view opens on: a task of a run, showing attempt
 * index `prefer` (0-based in attempt order) first. */
struct attempt_target {
	int64_t run_id, task_id;
	int prefer;
	/* open scrolled to this request (its name and occurrence), or to the
	 * first request where this assertion failed; NULL: the top */
	const char *request;
	int occurrence;
	const char *assertion;
	int position;   /* or at this request's position (#N); 0: none */
};

/* What the failure board opens on: run A (0: every run), against run B
 * when run_b > 0, over the tasks the filter selects. */
struct failures_target {
	int64_t run_a, run_b;
	struct task_filter filter;
};

/* What the text, diff, log and trajectory views open on: an artifact of an
 * attempt, or (task_id set, attempt_id 0) a task's reference patch.  The
 * log view opens at the access line of a request when method is set. */
struct text_target {
	int64_t attempt_id, task_id;
	enum artifact_kind kind;
	char title[256];
	char method[16], url[512];
	int occurrence; /* the request's rank among the report's requests with its method and URL */
	int position;   /* its position in the report (for the marker) */
	long line;      /* the text view opens at this line (1-based; 0: the top) */
	int step;       /* the trajectory view opens at this step (1-based; 0: the first) */
};

extern const struct view_ops view_runs_ops, view_plot_ops, view_heat_ops, view_tasks_ops,
	view_attempt_ops, view_text_ops, view_help_ops;
/* Put the cursor of a runs view on a run, of a tasks view on a task (of
 * the run of the row, in every run's list: the first). */
void view_runs_select(struct view *v, int64_t run_id);
void view_tasks_select(struct view *v, int64_t task_id);
/* The viewers of patches, logs and trajectories (view_diff.c, view_log.c,
 * view_trajectory.c). */
extern const struct view_ops view_diff_ops, view_log_ops, view_trajectory_ops;
/* A labelling session (view_label.c); open() takes a struct label_start *. */
extern const struct view_ops view_label_ops;

/* What the compare views open on: run A (the baseline) against run B (may
 * be the same run); the attempt pair also takes the task. */
struct compare_target {
	int64_t run_a, run_b, task_id;
};
extern const struct view_ops view_compare_ops, view_pair_ops;
extern const struct view_ops view_failures_ops;
/* The lines that hold a pattern (:grep): open() takes the pattern. */
extern const struct view_ops view_grep_ops;

/* What the trajectory diff opens on: attempts A and B, or (b 0) attempt A
 * and a list of the task's other attempts to choose B from. */
struct trajdiff_target {
	int64_t a, b;
};
extern const struct view_ops view_trajdiff_ops;

/* Ask for a line of text on the status line (keys come from the terminal or
 * the script); false when cancelled with Esc. */
bool app_prompt(struct app *app, const char *label, char *out, size_t outlen);
/* app_prompt() starting from the text in out; with tabbed not NULL, Tab
 * ends the prompt with *tabbed set (instead of app->prompt_complete). */
bool app_prompt_ex(struct app *app, const char *label, char *out, size_t outlen, bool *tabbed);

/* Hand a text artifact to $env (else `fallback`, e.g. less or vi): the raw
 * bytes go to a private temporary file, the terminal is given to the
 * program and taken back after. */
struct text_model;
void app_external(struct app *app, const char *env, const char *fallback, struct text_model *m);

/* The lists you can take away (export.c), for a view with a table op:
 * write the rows shown to a file (asking for the path, never overwriting
 * without asking), pipe them as CSV to a command, copy the current row's
 * name with OSC 52. */
void app_export_rows(struct app *app, struct view *v);
void app_pipe_rows(struct app *app, struct view *v);
void app_copy_row(struct app *app, struct view *v);
/* Set the terminal's clipboard to text (sanitized) with OSC 52; false when
 * copying is off (set clipboard = osc52) or the write failed (said). */
bool app_osc52_copy(struct app *app, const char *text);

/* Shared handling of movement actions for list views; true when consumed. */
bool view_list_move(struct listnav *nav, enum action a);

/* ---------------------------------------------------------------- drawing */

void ui_attr(struct app *app, enum color_elem e);
/* Draw untrusted text (sanitized) at y,x within maxw columns, skipping the
 * first `skip` columns (horizontal scroll).  Returns the columns drawn.
 * Artifact text is cut silently at the edge; ui_str and ui_printf (labels,
 * titles, cells) end text that does not fit with an ellipsis. */
int ui_text(struct app *app, int y, int x, int maxw, const char *s, size_t len, long skip);
int ui_str(struct app *app, int y, int x, int maxw, const char *s);
int ui_printf(struct app *app, int y, int x, int maxw, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* The columns s takes once drawn (in ASCII mode "ΔA%" is "dA%", "→" "->"). */
long ui_width(const struct app *app, const char *s);
/* Fill w columns with spaces in the current attribute. */
void ui_blank(struct app *app, int y, int x, int w);
/* A glyph (UTF-8 or its ASCII fallback); returns its width (1). */
int ui_glyph(struct app *app, int y, int x, enum glyph g);
const char *ui_glyph_str(const struct app *app, enum glyph g);
/* The marker of the n-th series (● ■ ▲ ◆ ... or o x + * ...). */
const char *ui_marker(const struct app *app, int n);

/* A table of columns (listtable.h) drawn from a cell callback; hidden
 * columns are skipped. */
/* Draw the header and the visible rows of nav; returns the rows used. */
void ui_table_draw(struct app *app, int y0, int h, int w, struct listnav *nav,
		   const struct ui_column *cols, size_t ncols, ui_cell_fn cell, void *ctx,
		   const bool *marked);

/* A short attempt strip: 'P' passed, 'F' failed tests, 'V' verifier failed,
 * 'N' no server / no report. */
int ui_strip(struct app *app, int y, int x, const char *strip, size_t n);

#endif
