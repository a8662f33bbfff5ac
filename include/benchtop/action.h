/* action.h: every action the TUI knows, in one list.
 *
 * ACTION_INFO is the single source of truth: it generates the action enum,
 * the name <-> action lookup used by the config file and the command line,
 * the default key bindings, the help screen (which walks the live keymap)
 * and the KEYS section of benchtop(1) (`benchtop --man-keys`).
 *
 * Each entry: _(ID, "name", scope, "default keys", "help")
 *   scope: ANY_VIEW, or the views it applies to: SCOPE(PLOT) | SCOPE(HEAT)
 *   keys:  space-separated key names (see keys_parse()): a letter, <Enter>,
 *          <C-d>, <Up>, <PgDn>, <F1> ...
 * Curses-free: the keymap model is unit-tested.
 */
#ifndef BENCHTOP_ACTION_H
#define BENCHTOP_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "benchtop/util.h"

/* Every view of the explorer, in one list: its id and its name (the keymap
 * scope, the config file's `bind VIEW`, the help screen's title).  A view's
 * struct view_ops names its id; action scopes are masks of these ids, so a
 * misspelt view is a compile error, not a silently unbound key. */
#define VIEW_INFO(_)                                                                          \
	_(RUNS, "runs")                                                                       \
	_(PLOT, "plot")                                                                       \
	_(HEAT, "heat")                                                                       \
	_(TASKS, "tasks")                                                                     \
	_(ATTEMPT, "attempt")                                                                 \
	_(TEXT, "text")                                                                       \
	_(DIFF, "diff")                                                                       \
	_(LOG, "log")                                                                         \
	_(TRAJECTORY, "trajectory")                                                           \
	_(TRAJDIFF, "trajdiff")                                                               \
	_(COMPARE, "compare")                                                                 \
	_(PAIR, "pair")                                                                       \
	_(LABEL, "label")                                                                     \
	_(HELP, "help")                                                                       \
	_(FAILURES, "failures")                                                               \
	_(GREP, "grep")

enum view_id {
#define VIEW_ENUM(id, name) VIEW_##id,
	VIEW_INFO(VIEW_ENUM)
#undef VIEW_ENUM
	VIEW_COUNT
};

/* An action's scope: a mask of views, ANY_VIEW for every view. */
#define SCOPE(id) (1u << VIEW_##id)
#define ANY_VIEW 0u
/* The views whose rows can be sorted and taken away (a table op). */
#define LIST_VIEWS (SCOPE(RUNS) | SCOPE(TASKS) | SCOPE(COMPARE) | SCOPE(FAILURES))
/* The views whose cursor is on something with an address (address.h). */
#define ADDRESS_VIEWS (SCOPE(RUNS) | SCOPE(TASKS) | SCOPE(ATTEMPT) | SCOPE(TEXT) | SCOPE(DIFF) | \
		       SCOPE(LOG) | SCOPE(TRAJECTORY) | SCOPE(GREP))

const char *view_name(enum view_id v);
/* The view named name, or -1. */
int view_from_name(const char *name);

#define ACTION_INFO(_)                                                                        \
	/* Moving */                                                                          \
	_(UP, "move-up", ANY_VIEW, "k <Up>", "Move up one line (one series in the plot)")           \
	_(DOWN, "move-down", ANY_VIEW, "j <Down>", "Move down one line (one series in the plot)")   \
	_(LEFT, "move-left", ANY_VIEW, "h <Left>", "Move left: scroll left, previous level or attempt") \
	_(RIGHT, "move-right", ANY_VIEW, "l <Right>", "Move right: scroll right, next level or attempt") \
	_(PAGE_UP, "page-up", ANY_VIEW, "<PgUp> <C-b>", "Move up one page")                         \
	_(PAGE_DOWN, "page-down", ANY_VIEW, "<PgDn> <C-f>", "Move down one page")                   \
	_(HALF_UP, "half-page-up", ANY_VIEW, "<C-u>", "Move up half a page")                        \
	_(HALF_DOWN, "half-page-down", ANY_VIEW, "<C-d>", "Move down half a page")                  \
	_(FIRST, "move-first", ANY_VIEW, "g <Home>", "Move to the first line")                      \
	_(LAST, "move-last", ANY_VIEW, "G <End>", "Move to the last line")                          \
	/* Views */                                                                           \
	_(ENTER, "enter", ANY_VIEW, "<Enter>", "Open what is under the cursor (drill down)")         \
	_(BACK, "back", ANY_VIEW, "q", "Go back to the previous view (on the first view: quit)")    \
	_(ESCAPE, "escape", ANY_VIEW, "<Esc>",                                                \
	  "Go back to the previous view; never quits (a mis-read key starts with Esc)")       \
	_(QUIT, "quit", ANY_VIEW, "Q", "Quit benchtop from anywhere")                               \
	_(HELP, "help", ANY_VIEW, "? <F1>", "Show the keys of this view")                           \
	_(PLOT, "view-plot", SCOPE(RUNS) | SCOPE(HEAT) | SCOPE(TASKS), "p", "Open the decay plot of the current run") \
	_(HEAT, "view-heat", SCOPE(RUNS) | SCOPE(PLOT) | SCOPE(TASKS), "t", "Open the framework x level table")      \
	_(TASKS, "view-tasks", SCOPE(RUNS) | SCOPE(PLOT) | SCOPE(HEAT), "T", "Open the task list of the current selection") \
	_(TASKS_ALL, "view-all-tasks", SCOPE(RUNS), "A", "Open the task list of every run")            \
	_(FAILURES, "view-failures", SCOPE(RUNS) | SCOPE(PLOT) | SCOPE(TASKS) | SCOPE(COMPARE), "b", \
	  "Open the failure board: what fails most (of the marked runs A and B in the runs view)") \
	_(REDRAW, "redraw", ANY_VIEW, "<C-l>", "Redraw the screen")                                 \
	_(RELOAD, "reload", ANY_VIEW, "R", "Reload the data from the store (after an import)")      \
	_(PROMPT, "prompt", ANY_VIEW, ":", "Type a command (see COMMAND LINE)")                     \
	/* Searching and filtering */                                                         \
	_(SEARCH, "search", ANY_VIEW, "/", "Search forward")                                        \
	_(SEARCH_BACK, "search-back", ANY_VIEW, "", "Search backward")                              \
	_(FIND_NEXT, "find-next", ANY_VIEW, "n", "Go to the next match")                            \
	_(FIND_PREV, "find-prev", ANY_VIEW, "N", "Go to the previous match")                        \
	_(FILTER, "filter", SCOPE(TASKS) | SCOPE(FAILURES), "f", "Filter the list (e.g. framework=Flask level=2 category=logic; Tab completes)") \
	_(CLEAR_FILTER, "clear-filter", SCOPE(TASKS) | SCOPE(FAILURES), "F", "Remove every filter")                  \
	_(TOGGLE_KIND, "toggle-task-kind", SCOPE(TASKS), "K", "Switch between generation and feature tasks") \
	_(OUTCOME, "cycle-outcome", SCOPE(TASKS), "o", "Cycle the outcome filter: any, all-passed, flaky, never-passed, not-all-passed") \
	_(SORT, "sort", LIST_VIEWS, "s", "Sort by the next column")                          \
	_(SORT_REVERSE, "sort-reverse", LIST_VIEWS, "S", "Reverse the sort order")           \
	_(FAILURE_BY, "cycle-failure-key", SCOPE(FAILURES), "<Tab>",                          \
	  "Rank by the next key: request, assertion, category, subcategory, first failure")   \
	/* Lists you can take away */                                                         \
	_(EXPORT, "export", LIST_VIEWS, "e",                                                  \
	  "Write the rows shown to a file: CSV, Markdown (.md) or JSON (.json)")              \
	_(PIPE_ROWS, "pipe-rows", LIST_VIEWS, "|", "Pipe the rows shown, as CSV, to a command") \
	_(COPY, "copy", LIST_VIEWS, "y",                                                      \
	  "Copy the current row's name to the clipboard (OSC 52; set clipboard = osc52)")     \
	/* Triage memory */                                                                   \
	_(ADDRESS, "show-address", ADDRESS_VIEWS, "@",                                        \
	  "Show the address of what the cursor is on (copied too with set clipboard = osc52)") \
	_(TAGS, "edit-tags", ADDRESS_VIEWS, "+",                                              \
	  "Add tags to the run, task or attempt (-WORD removes one; Tab completes)")          \
	_(NOTE, "write-note", ADDRESS_VIEWS, "M",                                             \
	  "Write your note on the run, task or attempt (empty removes it; Tab: in $EDITOR)")  \
	/* Plot and table */                                                                  \
	_(EXCLUDE_LIMITS, "toggle-exclude-limits", SCOPE(RUNS) | SCOPE(PLOT) | SCOPE(HEAT), "X", \
	  "Leave out the attempts that hit their limits (LimitsExceeded), or count them again") \
	_(METRIC, "cycle-metric", SCOPE(PLOT) | SCOPE(HEAT) | SCOPE(COMPARE), "m", "Cycle the metric: strict A%, raw A%, pass@1") \
	_(ERROR_BARS, "toggle-error-bars", SCOPE(PLOT), "e", "Show or hide +/-1 standard-error bars") \
	_(SMALL_MULTIPLES, "toggle-small-multiples", SCOPE(PLOT), "v", "Switch between one plot and one small plot per framework") \
	_(HIGHLIGHT, "highlight", SCOPE(PLOT), "x", "Highlight the series under the cursor (again: all)") \
	_(TOGGLE_SERIES, "toggle-series", SCOPE(PLOT), "<Space>", "Hide or show the series under the cursor") \
	_(ALL_SERIES, "show-all-series", SCOPE(PLOT), "a", "Show every series")                      \
	_(SERIES_1, "toggle-series-1", SCOPE(PLOT), "1", "Hide or show the 1st framework")           \
	_(SERIES_2, "toggle-series-2", SCOPE(PLOT), "2", "Hide or show the 2nd framework")           \
	_(SERIES_3, "toggle-series-3", SCOPE(PLOT), "3", "Hide or show the 3rd framework")           \
	_(SERIES_4, "toggle-series-4", SCOPE(PLOT), "4", "Hide or show the 4th framework")           \
	_(SERIES_5, "toggle-series-5", SCOPE(PLOT), "5", "Hide or show the 5th framework")           \
	_(SERIES_6, "toggle-series-6", SCOPE(PLOT), "6", "Hide or show the 6th framework")           \
	_(SERIES_7, "toggle-series-7", SCOPE(PLOT), "7", "Hide or show the 7th framework")           \
	_(SERIES_8, "toggle-series-8", SCOPE(PLOT), "8", "Hide or show the 8th framework")           \
	/* Attempts and artifacts */                                                          \
	_(PREV_ATTEMPT, "prev-attempt", SCOPE(ATTEMPT), "[", "Show the previous attempt of the task") \
	_(NEXT_ATTEMPT, "next-attempt", SCOPE(ATTEMPT), "]", "Show the next attempt of the task")    \
	_(OPEN_PATCH, "open-patch", SCOPE(ATTEMPT) | SCOPE(LABEL), "d", "Open the agent's patch")                   \
	_(OPEN_LOG, "open-log", SCOPE(ATTEMPT) | SCOPE(LABEL), "L", "Open the server log (conduit.log)")            \
	_(OPEN_SETUP_LOG, "open-setup-log", SCOPE(ATTEMPT), "I", "Open the setup log")               \
	_(OPEN_TRAJECTORY, "open-trajectory", SCOPE(ATTEMPT) | SCOPE(LABEL), "J", "Open the agent's trajectory")    \
	_(DIFF_TRAJECTORIES, "diff-trajectories", SCOPE(PAIR) | SCOPE(TRAJECTORY), "J",       \
	  "Diff two trajectories step by step: A's and B's, or this one and another attempt's") \
	_(WRAP, "toggle-wrap", SCOPE(TEXT) | SCOPE(DIFF) | SCOPE(LOG) | SCOPE(TRAJECTORY), "w",                               \
	  "Wrap long lines, or scroll them sideways")                                         \
	_(PAGER, "pager", SCOPE(TEXT) | SCOPE(DIFF) | SCOPE(LOG) | SCOPE(TRAJECTORY), "|", "Hand the artifact to $PAGER")     \
	_(EDITOR, "editor", SCOPE(TEXT) | SCOPE(DIFF) | SCOPE(LOG) | SCOPE(TRAJECTORY), "E", "Open the artifact in $EDITOR")  \
	/* Comparing two runs */                                                              \
	_(MARK, "toggle-mark", SCOPE(RUNS), "<Space>", "Mark or unmark the run to compare (two at most)") \
	_(COMPARE, "compare", SCOPE(RUNS), "c", "Compare the marked runs (A, B), or A with the current run") \
	_(NEXT_TAB, "next-tab", SCOPE(COMPARE), "<Tab>", "Next comparison: summary, plot, table, tasks") \
	_(PREV_TAB, "prev-tab", SCOPE(COMPARE), "<BTab>", "Previous comparison")                     \
	_(TAB_SUMMARY, "compare-summary", SCOPE(COMPARE), "1", "Summary: Table 1 rows, B - A, coverage")  \
	_(TAB_PLOT, "compare-plot", SCOPE(COMPARE), "2", "Both runs' decay curves and B - A by level") \
	_(TAB_TABLE, "compare-table", SCOPE(COMPARE), "3", "B - A by framework and level")           \
	_(TAB_TASKS, "compare-tasks", SCOPE(COMPARE), "4", "Every task, sorted by change")           \
	_(CHANGE_FILTER, "cycle-change", SCOPE(COMPARE), "o", "Cycle the tasks shown by their change")  \
	_(NEXT_ATTEMPT_A, "next-attempt-a", SCOPE(PAIR), "a", "Show the next attempt of run A")       \
	_(NEXT_ATTEMPT_B, "next-attempt-b", SCOPE(PAIR), "b", "Show the next attempt of run B") \
	/* Labelling failures (benchtop label) */                                              \
	_(LABEL_1, "label-query", SCOPE(LABEL), "1", "Label it: incorrect query logic (a logic error)") \
	_(LABEL_2, "label-db-runtime", SCOPE(LABEL), "2", "Label it: DB / ORM runtime error (a logic error)") \
	_(LABEL_3, "label-auth", SCOPE(LABEL), "3", "Label it: auth misconfiguration (a logic error)") \
	_(LABEL_4, "label-framework", SCOPE(LABEL), "4", "Label it: framework idiosyncrasy (a logic error)") \
	_(LABEL_5, "label-business", SCOPE(LABEL), "5", "Label it: business logic defect (a logic error)") \
	_(LABEL_6, "label-state", SCOPE(LABEL), "6", "Label it: state propagation failure (a logic error)") \
	_(LABEL_S, "label-startup", SCOPE(LABEL), "s", "Label it: server startup failure") \
	_(LABEL_I, "label-incomplete", SCOPE(LABEL), "i", "Label it: incomplete implementation") \
	_(LABEL_F, "label-schema", SCOPE(LABEL), "f", "Label it: schema / format error") \
	_(LABEL_O, "label-stuck", SCOPE(LABEL), "o", "Label it: stuck in loop") \
	_(LABEL_C, "label-constraint", SCOPE(LABEL), "c", "Label it: constraint violation") \
	_(LABEL_P, "label-premature", SCOPE(LABEL), "p", "Label it: premature termination") \
	_(LABEL_X, "label-other", SCOPE(LABEL), "x", "Label it: other") \
	_(LABEL_RUN, "label-run", SCOPE(FAILURES), "B",                                       \
	  "Label this run's failures blind (a sample of 20, by the judge's category; as 'benchtop label')") \
	_(LABEL_UNDO, "label-undo", SCOPE(LABEL), "u", "Undo the last label (the item gets back what it had)") \
	_(LABEL_NEXT, "label-next", SCOPE(LABEL), "] <Tab>", "Go to the next item") \
	_(LABEL_PREV, "label-prev", SCOPE(LABEL), "[ <BTab>", "Go to the previous item") \
	/* The viewers: patches, logs, trajectories */                                        \
	_(NEXT_FILE, "next-file", SCOPE(DIFF), "}", "Go to the next file of the patch")            \
	_(PREV_FILE, "prev-file", SCOPE(DIFF), "{", "Go to the previous file (or this file's start)") \
	_(NEXT_HUNK, "next-hunk", SCOPE(DIFF), ")", "Go to the next hunk")                         \
	_(PREV_HUNK, "prev-hunk", SCOPE(DIFF), "(", "Go to the previous hunk")                     \
	_(NEXT_ERROR, "next-error", SCOPE(DIFF) | SCOPE(LOG) | SCOPE(TRAJDIFF), ">",          \
	  "Go to the next error (log), verifier finding (patch) or difference (trajectory diff)") \
	_(PREV_ERROR, "prev-error", SCOPE(DIFF) | SCOPE(LOG) | SCOPE(TRAJDIFF), "<Lt>",       \
	  "Go to the previous error, verifier finding or difference")                         \
	_(SIDE_BY_SIDE, "toggle-side-by-side", SCOPE(DIFF), "V",                                   \
	  "Show old and new side by side (90 columns or more), or unified")                   \
	_(REFERENCE, "toggle-reference", SCOPE(DIFF), "r",                                         \
	  "Show the task's reference patch beside the agent's (feature tasks)")               \
	_(SWITCH_PANE, "switch-pane", SCOPE(DIFF) | SCOPE(TRAJECTORY) | SCOPE(TRAJDIFF), "<C-w>", \
	  "Move the keys to the other pane (patch or reference; steps or step text)")         \
	_(FOLD, "toggle-fold", SCOPE(TRAJECTORY) | SCOPE(TRAJDIFF), "z",                      \
	  "Unfold or fold the selected step's long output")                                   \
	_(OUTPUT_DIFF, "toggle-output-diff", SCOPE(TRAJDIFF), "o",                            \
	  "Show the diff of the two outputs of a matched command, or both outputs")

/* Every ":command" of the explorer's command line, in one list.  It
 * generates the command enum, the parser in tui.c, the help screen's list
 * and the COMMAND LINE section of benchtop(1).  A command with a scope goes
 * to the top view's command() hook when that view is in its scope; the
 * others are the explorer's own.  Hidden ones (help "") exist for scripted
 * tests and are not listed.
 * Each entry: _(ID, "name", "ARGUMENTS", scope, "help") */
#define COMMAND_INFO(_)                                                                       \
	_(FILTER, "filter", "EXPR", SCOPE(TASKS) | SCOPE(FAILURES),                           \
	  "tasks, failures: keep the matching tasks, e.g. framework=Flask level=2 "           \
	  "constraint=sqlite outcome=flaky has=no-report")                                    \
	_(BY, "by", "request|assertion|category|subcategory|first-failure", SCOPE(FAILURES),  \
	  "failures: what to rank")                                                           \
	_(SORT, "sort", "COLUMN", SCOPE(RUNS) | SCOPE(TASKS),                                  \
	  "runs: name, A%, delta, pass1 or tasks; tasks: task, framework, level, A%, raw, "   \
	  "pass1 or category")                                                                \
	_(METRIC, "metric", "strict|raw|pass1", SCOPE(PLOT), "plot: the metric plotted")      \
	_(SEARCH, "search", "TEXT", ANY_VIEW, "search forward for TEXT")                      \
	_(GREP, "grep", "PATTERN", ANY_VIEW,                                                  \
	  "list the lines of every log, patch, trajectory, judge reasoning and failed "       \
	  "assertion that hold PATTERN (as benchtop search); Enter opens one at its line")    \
	_(BIND, "bind", "[VIEW] KEY ACTION", ANY_VIEW,                                        \
	  "bind a key for this session (as in the config file)")                              \
	_(COLOR, "color", "ELEMENT FG [BG [ATTR]]", ANY_VIEW,                                  \
	  "set a colour for this session (as in the config file)")                            \
	_(SET, "set", "OPTION VALUE", ANY_VIEW, "set an option for this session (as in the config file)") \
	_(ASCII, "ascii", "on|off", ANY_VIEW, "ASCII lines and markers")                      \
	_(QUIT, "quit", "", ANY_VIEW, "quit (also :q)")                                       \
	_(SAVE_DISPLAY, "save-display", "FILE", ANY_VIEW, "")                                 \
	_(RESIZE, "resize", "WIDTHxHEIGHT", ANY_VIEW, "")                                     \
	_(CLICK, "click", "ROW COLUMN", ANY_VIEW, "")                                         \
	_(DBLCLICK, "dblclick", "ROW COLUMN", ANY_VIEW, "")                                   \
	_(TICK, "tick", "", ANY_VIEW, "")

enum command {
	CMD_NONE = -1,
#define COMMAND_ENUM(id, name, args, scope, help) CMD_##id,
	COMMAND_INFO(COMMAND_ENUM)
#undef COMMAND_ENUM
	CMD_COUNT
};

struct command_info {
	const char *name, *args;
	unsigned scope;
	const char *help; /* "" for a hidden command */
};
extern const struct command_info command_table[CMD_COUNT];

/* The command named name ("q" is quit), or CMD_NONE. */
enum command command_from_name(const char *name);
/* How a command is typed, ":sort COLUMN", into out (reset first). */
void command_usage(enum command c, struct buf *out);
/* The views of a scope as words: "runs and tasks views". */
void command_scope_text(unsigned scope, struct buf *out);

enum action {
	ACT_NONE = 0,
#define ACTION_ENUM(id, name, scope, keys, help) ACT_##id,
	ACTION_INFO(ACTION_ENUM)
#undef ACTION_ENUM
	ACT_COUNT
};

struct action_info {
	enum action action;
	const char *name;
	unsigned scope; /* ANY_VIEW or SCOPE(...) | ... */
	const char *keys, *help;
};
extern const struct action_info action_table[ACT_COUNT];

const char *action_name(enum action a);
enum action action_from_name(const char *name); /* ACT_NONE when unknown */
/* True when the action applies in the view named (ANY_VIEW, or the view is in
 * its scope); false for a name that is no view. */
bool action_in_view(enum action a, const char *view);

/* ------------------------------------------------------------ keys */

/* Key codes: plain characters are their code points; special keys are
 * above 0x110000 so they never collide (curses codes map onto these). */
enum key_special {
	KEY_SPECIAL_BASE = 0x110000,
	K_ENTER, K_ESC, K_UP, K_DOWN, K_LEFT, K_RIGHT, K_PGUP, K_PGDN, K_HOME, K_END,
	K_TAB, K_BTAB, K_BACKSPACE, K_DELETE, K_INSERT, K_RESIZE, K_MOUSE,
	K_F1, K_F2, K_F3, K_F4, K_F5, K_F6, K_F7, K_F8, K_F9, K_F10, K_F11, K_F12,
};
#define KEY_CTRL(c) ((c) & 0x1f)

/* Parse one key name ("j", "<Enter>", "<C-d>", "<Space>", "<F1>") into a
 * code; -1 when not a key name.  *len gets the characters consumed. */
int keys_parse(const char *s, size_t *len);
/* The display name of a key ("j", "<Enter>", "<C-d>", "<"). */
void keys_name(int key, char *out, size_t outlen);
/* The key an escape sequence spells, seq being the bytes after ESC ("[1~",
 * "OH", "[1;5A"): Home and End in every spelling terminals use (xterm, PuTTY,
 * rxvt: [H [F OH OF [1~ [4~ [7~ [8~), whatever $TERM says, and the arrows,
 * page keys, Insert, Delete, Shift-Tab and F1-F4 likewise.  -1 for any
 * other sequence: the caller drops it whole. */
int keys_decode_escape(const char *seq, size_t len);

/* ------------------------------------------------------------ keymap */

#define KEYMAP_MAX_BINDINGS 512
struct keymap {
	struct binding {
		char view[16]; /* "" generic, else a view name */
		int key;
		enum action action;
	} b[KEYMAP_MAX_BINDINGS];
	size_t n;
};

/* The defaults from ACTION_INFO. */
void keymap_init(struct keymap *km);
/* Bind key to action in view ("" = every view).  ACT_NONE unbinds. */
void keymap_bind(struct keymap *km, const char *view, int key, enum action a);
/* View binding first, then generic; ACT_NONE when unbound or out of scope. */
enum action keymap_lookup(const struct keymap *km, const char *view, int key);
/* Keys bound to an action in a view, as display names joined by ", ". */
void keymap_keys_for(const struct keymap *km, const char *view, enum action a, struct buf *out);

/* ------------------------------------------------------------ config */

/* The configuration file ($XDG_CONFIG_HOME/benchtop/config):
 *   bind [VIEW] KEY ACTION      e.g. "bind j move-down", "bind plot c cycle-metric"
 *   color ELEMENT FG [BG [ATTR...]]
 *   set ascii true|false        (yes|no too)
 *   set journal wal|delete|auto      (also "set NAME = VALUE")
 *   set clipboard osc52|off     (y copies a row's name with OSC 52; off by default)
 *   set mouse true|false        mouse tracking, off by default
 *   set auto_reload yes|no      reload by itself when the store changes (default yes)
 *   # comments
 * config_apply() applies one file's text to set (NULL: checked only);
 * errors name file:line and stop at the first bad line (the lines before it
 * keep their effect). */
struct ui_colors;
struct config_settings {
	bool ascii; /* line drawing and text in ASCII */
	bool osc52; /* y copies over OSC 52 */
	bool mouse; /* mouse tracking (it takes text selection from the terminal) */
	bool auto_reload; /* reload by itself when the store changes */
};
int config_apply(struct keymap *km, struct ui_colors *colors, struct config_settings *set,
		 const char *text, size_t len, const char *file, struct bt_error *err);
/* The value of the last "set NAME VALUE" line of a configuration text into
 * out (the commands read `set journal` without the rest); false when none. */
bool config_setting(const char *text, size_t len, const char *name, char *out, size_t n);

/* The KEYS section of benchtop(1) from the default keymap, then its
 * COMMAND LINE section from COMMAND_INFO. */
void action_print_man(FILE *out);

#endif
