/* tui_internal.h: what the explorer's own files share (tui.c, terminal.c,
 * input.c, command.c).  Not for the views: they use benchtop/tui.h. */
#ifndef BENCHTOP_TUI_INTERNAL_H
#define BENCHTOP_TUI_INTERNAL_H

#include <signal.h>
#include <stdbool.h>

#include "benchtop/tui.h"

/* Input events: a key, or a whole ":command" from a script. */
struct event {
	int key;          /* -1 when cmd is set */
	char cmd[4096];
	int mouse_y, mouse_x;
	bool mouse_double;
};

/* terminal.c: the terminal's setup and restore, signals, colours. */
extern volatile sig_atomic_t term_signal; /* the signal that asked us to quit */
int term_init(struct app *app, struct bt_error *err);
void term_restore(void);
/* After term_restore(), at the end: the headless mode's /dev/null files. */
void term_close(void);
void term_install_signals(void);
/* Mouse tracking on or off as app->mouse says, at start or after ':set'. */
void term_mouse_apply(struct app *app);
/* The colour pairs of app->colors, after a ':color' or at start. */
void term_colors_apply(struct app *app);

/* input.c: the next key or script command; false when input is over. */
bool input_next(struct app *app, struct event *ev);

/* command.c: run one command line (":filter x", "metric raw"). */
void command_run(struct app *app, const char *line);

/* memo.c: @, +, M, :grep and benchtop open ADDR */
void app_show_address(struct app *app, struct view *v);
void app_edit_tags(struct app *app, struct view *v);
void app_edit_note(struct app *app, struct view *v);
void app_grep(struct app *app, const char *pattern);
/* Push the views down to an address (parsed and resolved first) over the
 * runs view; the views above it stay on the stack, as if opened by Enter. */
int app_goto(struct app *app, const char *text, struct bt_error *err);

/* tui.c */
/* Give the terminal to `prog "$BENCHTOP_FILE"` (BENCHTOP_FILE=path) and
 * take it back; true when it exited with status 0, else said why. */
bool app_run_on_file(struct app *app, const char *prog, const char *path);
void app_dispatch(struct app *app, enum action a);
void app_draw_all(struct app *app);
/* The user is idle (no key for a second, or a scripted ":tick"): take in
 * another process's commits, by reloading (keeping the user's place) or,
 * with `set auto_reload no`, by saying so.  True when the screen changed. */
bool app_idle(struct app *app);
/* The virtual screen as UTF-8 text into path (the scripted tests' dumps). */
int app_save_display(struct app *app, const char *path);

#endif /* BENCHTOP_TUI_INTERNAL_H */
