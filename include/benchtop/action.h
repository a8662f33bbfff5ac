/* action.h: every action the TUI knows, in one list.
 *
 * ACTION_INFO is the single source of truth: it generates the action enum,
 * the name <-> action lookup used by the config file and the command line,
 * the default key bindings, the help screen (which walks the live keymap)
 * and the KEYS section of benchtop(1) (`benchtop --man-keys`).
 *
 * Each entry: _(ID, "name", "scope", "default keys", "help")
 *   scope: "" for every view, else the view names it applies to ("plot heat")
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

#define ACTION_INFO(_)                                                                        \
	/* Moving */                                                                          \
	_(UP, "move-up", "", "k <Up>", "Move up one line (one series in the plot)")           \
	_(DOWN, "move-down", "", "j <Down>", "Move down one line (one series in the plot)")   \
	_(LEFT, "move-left", "", "h <Left>", "Move left: scroll left, previous level or attempt") \
	_(RIGHT, "move-right", "", "l <Right>", "Move right: scroll right, next level or attempt") \
	_(PAGE_UP, "page-up", "", "<PgUp> <C-b>", "Move up one page")                         \
	_(PAGE_DOWN, "page-down", "", "<PgDn> <C-f>", "Move down one page")                   \
	_(HALF_UP, "half-page-up", "", "<C-u>", "Move up half a page")                        \
	_(HALF_DOWN, "half-page-down", "", "<C-d>", "Move down half a page")                  \
	_(FIRST, "move-first", "", "g <Home>", "Move to the first line")                      \
	_(LAST, "move-last", "", "G <End>", "Move to the last line")                          \
	/* Views */                                                                           \
	_(ENTER, "enter", "", "<Enter>", "Open what is under the cursor (drill down)")         \
	_(BACK, "back", "", "q <Esc>", "Go back to the previous view")                        \
	_(QUIT, "quit", "", "Q", "Quit benchtop from anywhere")                               \
	_(HELP, "help", "", "? <F1>", "Show the keys of this view")                           \
	_(PLOT, "view-plot", "runs heat tasks", "p", "Open the decay plot of the current run") \
	_(HEAT, "view-heat", "runs plot tasks", "t", "Open the framework x level table")      \
	_(TASKS, "view-tasks", "runs plot heat", "T", "Open the task list of the current selection") \
	_(TASKS_ALL, "view-all-tasks", "runs", "A", "Open the task list of every run")            \
	_(REDRAW, "redraw", "", "<C-l>", "Redraw the screen")                                 \
	_(RELOAD, "reload", "", "R", "Reload the data from the store (after an import)")      \
	_(PROMPT, "prompt", "", ":", "Type a command (see COMMAND LINE)")                     \
	/* Searching and filtering */                                                         \
	_(SEARCH, "search", "", "/", "Search forward")                                        \
	_(SEARCH_BACK, "search-back", "", "", "Search backward")                              \
	_(FIND_NEXT, "find-next", "", "n", "Go to the next match")                            \
	_(FIND_PREV, "find-prev", "", "N", "Go to the previous match")                        \
	_(FILTER, "filter", "tasks", "f", "Filter the list (e.g. framework=flask level=2 outcome=failed)") \
	_(CLEAR_FILTER, "clear-filter", "tasks", "F", "Remove every filter")                  \
	_(TOGGLE_KIND, "toggle-task-kind", "tasks", "K", "Switch between generation and feature tasks") \
	_(OUTCOME, "cycle-outcome", "tasks", "o", "Cycle the outcome filter: all, passed, failed, verifier-failed, no-server") \
	_(SORT, "sort", "runs tasks compare", "s", "Sort by the next column")                  \
	_(SORT_REVERSE, "sort-reverse", "runs tasks compare", "S", "Reverse the sort order")   \
	/* Plot and table */                                                                  \
	_(METRIC, "cycle-metric", "plot heat compare", "m", "Cycle the metric: strict A%, raw A%, pass@1") \
	_(ERROR_BARS, "toggle-error-bars", "plot", "e", "Show or hide +/-1 standard-error bars") \
	_(SMALL_MULTIPLES, "toggle-small-multiples", "plot", "v", "Switch between one plot and one small plot per framework") \
	_(HIGHLIGHT, "highlight", "plot", "x", "Highlight the series under the cursor (again: all)") \
	_(TOGGLE_SERIES, "toggle-series", "plot", "<Space>", "Hide or show the series under the cursor") \
	_(ALL_SERIES, "show-all-series", "plot", "a", "Show every series")                      \
	_(SERIES_1, "toggle-series-1", "plot", "1", "Hide or show the 1st framework")           \
	_(SERIES_2, "toggle-series-2", "plot", "2", "Hide or show the 2nd framework")           \
	_(SERIES_3, "toggle-series-3", "plot", "3", "Hide or show the 3rd framework")           \
	_(SERIES_4, "toggle-series-4", "plot", "4", "Hide or show the 4th framework")           \
	_(SERIES_5, "toggle-series-5", "plot", "5", "Hide or show the 5th framework")           \
	_(SERIES_6, "toggle-series-6", "plot", "6", "Hide or show the 6th framework")           \
	_(SERIES_7, "toggle-series-7", "plot", "7", "Hide or show the 7th framework")           \
	_(SERIES_8, "toggle-series-8", "plot", "8", "Hide or show the 8th framework")           \
	/* Attempts and artifacts */                                                          \
	_(PREV_ATTEMPT, "prev-attempt", "attempt", "[", "Show the previous attempt of the task") \
	_(NEXT_ATTEMPT, "next-attempt", "attempt", "]", "Show the next attempt of the task")    \
	_(OPEN_PATCH, "open-patch", "attempt", "d", "Open the agent's patch")                   \
	_(OPEN_LOG, "open-log", "attempt", "L", "Open the server log (conduit.log)")            \
	_(OPEN_SETUP_LOG, "open-setup-log", "attempt", "I", "Open the setup log")               \
	_(OPEN_TRAJECTORY, "open-trajectory", "attempt", "J", "Open the agent's trajectory")    \
	_(WRAP, "toggle-wrap", "text diff log trajectory", "w",                               \
	  "Wrap long lines, or scroll them sideways")                                         \
	_(PAGER, "pager", "text diff log trajectory", "|", "Hand the artifact to $PAGER")     \
	_(EDITOR, "editor", "text diff log trajectory", "E", "Open the artifact in $EDITOR")  \
	/* Comparing two runs */                                                              \
	_(MARK, "toggle-mark", "runs", "<Space>", "Mark or unmark the run to compare (two at most)") \
	_(COMPARE, "compare", "runs", "c", "Compare the marked runs (A, B), or A with the current run") \
	_(NEXT_TAB, "next-tab", "compare", "<Tab>", "Next comparison: summary, plot, table, tasks") \
	_(PREV_TAB, "prev-tab", "compare", "<BTab>", "Previous comparison")                     \
	_(TAB_SUMMARY, "compare-summary", "compare", "1", "Summary: Table 1 rows, B - A, coverage")  \
	_(TAB_PLOT, "compare-plot", "compare", "2", "Both runs' decay curves and B - A by level") \
	_(TAB_TABLE, "compare-table", "compare", "3", "B - A by framework and level")           \
	_(TAB_TASKS, "compare-tasks", "compare", "4", "Every task, sorted by change")           \
	_(CHANGE_FILTER, "cycle-change", "compare", "o", "Cycle the tasks shown by their change")  \
	_(NEXT_ATTEMPT_A, "next-attempt-a", "pair", "a", "Show the next attempt of run A")       \
	_(NEXT_ATTEMPT_B, "next-attempt-b", "pair", "b", "Show the next attempt of run B") \
	/* The viewers: patches, logs, trajectories */                                        \
	_(NEXT_FILE, "next-file", "diff", "}", "Go to the next file of the patch")            \
	_(PREV_FILE, "prev-file", "diff", "{", "Go to the previous file (or this file's start)") \
	_(NEXT_HUNK, "next-hunk", "diff", ")", "Go to the next hunk")                         \
	_(PREV_HUNK, "prev-hunk", "diff", "(", "Go to the previous hunk")                     \
	_(NEXT_ERROR, "next-error", "diff log", ">",                                          \
	  "Go to the next error (log) or verifier finding (patch)")                           \
	_(PREV_ERROR, "prev-error", "diff log", "<Lt>",                                       \
	  "Go to the previous error (log) or verifier finding (patch)")                       \
	_(SIDE_BY_SIDE, "toggle-side-by-side", "diff", "V",                                   \
	  "Show old and new side by side (90 columns or more), or unified")                   \
	_(REFERENCE, "toggle-reference", "diff", "r",                                         \
	  "Show the task's reference patch beside the agent's (feature tasks)")               \
	_(SWITCH_PANE, "switch-pane", "diff trajectory", "<C-w>",                             \
	  "Move the keys to the other pane (patch or reference; steps or step text)")         \
	_(FOLD, "toggle-fold", "trajectory", "z", "Unfold or fold the selected step's long output")

enum action {
	ACT_NONE = 0,
#define ACTION_ENUM(id, name, scope, keys, help) ACT_##id,
	ACTION_INFO(ACTION_ENUM)
#undef ACTION_ENUM
	ACT_COUNT
};

struct action_info {
	enum action action;
	const char *name, *scope, *keys, *help;
};
extern const struct action_info action_table[ACT_COUNT];

const char *action_name(enum action a);
enum action action_from_name(const char *name); /* ACT_NONE when unknown */
/* True when the action applies in the view (scope "" or the view named). */
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
/* The display name of a key ("j", "<Enter>", "<C-d>"). */
void keys_name(int key, char *out, size_t outlen);

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
 *   set ascii true|false
 *   # comments
 * config_apply() applies one file's text; errors name file:line and stop at
 * the first bad line (the lines before it keep their effect). */
struct ui_colors;
int config_apply(struct keymap *km, struct ui_colors *colors, bool *ascii, const char *text,
		 size_t len, const char *file, struct bt_error *err);

/* The KEYS section of benchtop(1), in roff, from the default keymap. */
void action_print_man(FILE *out);

#endif
