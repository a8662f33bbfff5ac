/* terminal.c: the terminal's setup and restore (on every exit path,
 * crashes included), signals and colour pairs. */
#include "config.h"

#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchtop/sanitize.h"
#include "tui_curses.h"

volatile sig_atomic_t term_signal;
static bool curses_up;
static SCREEN *screen;
static FILE *null_out, *null_in;

/* ------------------------------------------------------------ terminal */

void
term_restore(void)
{
	if (curses_up) {
		curses_up = false;
		endwin();
		if (screen) {
			delscreen(screen);
			screen = NULL;
		}
	}
}

static void
on_exit_signal(int sig)
{
	term_signal = sig;
}

static void
on_crash_signal(int sig)
{
	/* best effort: give the user their terminal back, then die as asked */
	term_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

void
term_install_signals(void)
{
	struct sigaction sa;
	static const int exits[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	static const int crashes[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_exit_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(exits) / sizeof(exits[0]); i++)
		sigaction(exits[i], &sa, NULL);
	sa.sa_handler = on_crash_signal;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof(crashes) / sizeof(crashes[0]); i++)
		sigaction(crashes[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

void
term_colors_apply(struct app *app)
{
	bool color = app->colors.ncolors > 0 && has_colors();

	if (color) {
#ifdef HAVE_USE_DEFAULT_COLORS
		use_default_colors();
#endif
	}
	for (int e = 0; e < COL_COUNT; e++) {
		const struct ui_color *c = &app->colors.c[e];
		int attr = 0;
		if (c->attr & CA_BOLD)
			attr |= A_BOLD;
		if (c->attr & CA_REVERSE)
			attr |= A_REVERSE;
		if (c->attr & CA_UNDERLINE)
			attr |= A_UNDERLINE;
		if (c->attr & CA_DIM)
			attr |= A_DIM;
		if (color && e + 1 < COLOR_PAIRS) {
			short fg = c->fg < COLORS ? c->fg : (short)(c->fg % 8);
			short bg = c->bg < COLORS ? c->bg : (short)(c->bg % 8);
			init_pair((short)(e + 1), fg, bg);
			attr |= COLOR_PAIR(e + 1);
		}
		app->color_attr[e] = attr;
	}
}

void
term_mouse_apply(struct app *app)
{
	/* off by default: tracking takes text selection away from the terminal */
	if (app->headless)
		return;
	mousemask(!app->mouse ? 0 : BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		  | BUTTON5_PRESSED
#endif
		  , NULL);
	mouseinterval(200);
}

int
term_init(struct app *app, struct bt_error *err)
{
	const char *term = getenv("TERM");

	if (!term || !*term)
		term = "vt100";
	if (app->headless) {
		null_out = fopen("/dev/null", "w");
		null_in = fopen("/dev/null", "r");
		screen = newterm(term, null_out, null_in);
	} else {
		if (!isatty(0) || !isatty(1))
			return bt_errorf(err, BT_EUSAGE, "the explorer needs a terminal; for output "
					 "to a file or pipe use 'benchtop summary', 'table' or 'plot'");
		screen = newterm(term, stdout, stdin);
	}
	if (!screen)
		return bt_errorf(err, BT_EIO, "cannot set up the terminal '%s'", term);
	set_term(screen);
	curses_up = true;
	bt_set_die_hook(term_restore);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	term_mouse_apply(app);
	{
		int n = 0;
		/* COLORS is only known once start_color() has run */
		if (has_colors() && !getenv("NO_COLOR") && start_color() == OK)
			n = COLORS;
		if (n > 0 && n < 8)
			n = 0;
		/* keep user colours from the config; re-derive only the palette size */
		if (app->colors.ncolors != n) {
			struct ui_colors user = app->colors;
			colors_default(&app->colors, n);
			for (int e = 0; e < COL_COUNT; e++)
				if (user.c[e].fg != -2)
					app->colors.c[e] = user.c[e];
		}
	}
	term_colors_apply(app);
	getmaxyx(stdscr, app->rows, app->cols);
	return BT_OK;
}

void
term_close(void)
{
	if (null_out)
		fclose(null_out);
	if (null_in)
		fclose(null_in);
	null_out = null_in = NULL;
}
