/* tui.c: the explorer's life: terminal setup and restore, the view stack,
 * the input loop (terminal or script), the command line and screen dumps. */
#include "config.h"

#ifdef HAVE_MALLOC_H
#include <malloc.h>
#endif

#include "benchtop/tui.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "benchtop/cli.h"
#include "benchtop/model_text.h"
#include "benchtop/sanitize.h"
#include "benchtop/utf8.h"
#include "tui_curses.h"

static volatile sig_atomic_t got_signal;
static bool curses_up;
static SCREEN *screen;
static FILE *null_out, *null_in;

/* ------------------------------------------------------------ terminal */

static void
terminal_restore(void)
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
	got_signal = sig;
}

static void
on_crash_signal(int sig)
{
	/* best effort: give the user their terminal back, then die as asked */
	terminal_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
install_signals(void)
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

static void
colors_apply(struct app *app)
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

static int
terminal_init(struct app *app, struct bt_error *err)
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
	bt_set_die_hook(terminal_restore);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	if (!app->headless) {
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
			  | BUTTON5_PRESSED
#endif
			  , NULL);
		mouseinterval(200);
	}
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
	colors_apply(app);
	getmaxyx(stdscr, app->rows, app->cols);
	return BT_OK;
}

/* ------------------------------------------------------------ views */

struct view *
app_top(struct app *app)
{
	return app->depth ? app->stack[app->depth - 1] : NULL;
}

void
app_message(struct app *app, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->message, sizeof(app->message), fmt, ap);
	va_end(ap);
	app->message_error = error;
}

bool
app_push(struct app *app, const struct view_ops *ops, const void *arg)
{
	struct view *v;
	struct bt_error err = {0};

	if (app->depth >= TUI_MAX_DEPTH) {
		app_message(app, true, "too many views open: go back first");
		return false;
	}
	v = xcalloc(1, sizeof(*v));
	v->ops = ops;
	v->priv = xcalloc(1, ops->priv_size ? ops->priv_size : 1);
	if (ops->open(app, v, arg, &err)) {
		app_message(app, true, "%s", err.msg);
		if (ops->close)
			ops->close(v);
		free(v->priv);
		free(v);
		return false;
	}
	app->stack[app->depth++] = v;
	return true;
}

void
app_pop(struct app *app)
{
	struct view *v = app_top(app);

	if (!v)
		return;
	app->depth--;
	if (v->ops->close)
		v->ops->close(v);
	free(v->priv);
	free(v);
}

bool
view_list_move(struct listnav *nav, enum action a)
{
	switch (a) {
	case ACT_UP: listnav_move(nav, -1); return true;
	case ACT_DOWN: listnav_move(nav, 1); return true;
	case ACT_PAGE_UP: listnav_page(nav, -2); return true;
	case ACT_PAGE_DOWN: listnav_page(nav, 2); return true;
	case ACT_HALF_UP: listnav_page(nav, -1); return true;
	case ACT_HALF_DOWN: listnav_page(nav, 1); return true;
	case ACT_FIRST: listnav_first(nav); return true;
	case ACT_LAST: listnav_last(nav); return true;
	default: return false;
	}
}

/* ------------------------------------------------------------ drawing */

static void
draw_title(struct app *app)
{
	struct buf b, part;
	int x;

	buf_init(&b);
	buf_init(&part);
	buf_puts(&b, " benchtop");
	for (int i = 0; i < app->depth; i++) {
		struct view *v = app->stack[i];
		buf_reset(&part);
		if (v->ops->title)
			v->ops->title(app, v, &part);
		if (part.len)
			buf_printf(&b, " %s %s", ui_glyph_str(app, G_SEP), part.data);
	}
	ui_attr(app, COL_TITLE);
	ui_blank(app, 0, 0, app->cols);
	{
		/* the demo's label keeps its place whatever the title's length */
		static const char demo[] = "[SYNTHETIC DEMO]";
		int tag = app->is_demo && app->cols >= 40 ? (int)sizeof(demo) : 0;
		int avail = app->cols - tag;
		/* too long: keep the end (where the user is), cut the start */
		struct san_opts so = {.utf8 = !app->ascii};
		long tw = sanitize_width(b.data, b.len, &so);
		size_t skip = 0;
		if (tw > avail && avail > 2) {
			skip = b.len - sanitize_fit_tail(b.data, b.len, &so, avail - 1);
			x = ui_glyph(app, 0, 0, G_ELLIPSIS);
			x += ui_text(app, 0, x, avail - x, b.data + skip, b.len - skip, 0);
		} else {
			x = ui_str(app, 0, 0, avail, buf_cstr(&b));
		}
		if (tag)
			ui_str(app, 0, app->cols - tag + 1, tag - 1, demo);
	}
	buf_free(&b);
	buf_free(&part);
}

static void
draw_status(struct app *app)
{
	struct view *v = app_top(app);
	struct buf b, hint;
	int y = app->rows - 1, x = 0;

	buf_init(&b);
	buf_init(&hint);
	ui_attr(app, COL_STATUS);
	ui_blank(app, y, 0, app->cols);
	if (app->message[0]) {
		if (app->message_error)
			ui_attr(app, COL_BAD);
		x = ui_str(app, y, 0, app->cols, app->message);
		ui_attr(app, COL_STATUS);
	} else {
		if (v && v->ops->status)
			v->ops->status(app, v, &b);
		if (app->new_data)
			buf_puts(&b, b.len ? "  [new data: R reloads]" : "[new data: R reloads]");
		x = ui_str(app, y, 0, app->cols, buf_cstr(&b));
	}
	keymap_keys_for(&app->km, v ? view_name(v->ops->id) : "", ACT_HELP, &hint);
	if (hint.len) {
		char h[64];
		/* the first key is enough of a hint */
		snprintf(h, sizeof(h), "%.*s help", (int)strcspn(hint.data, ","), hint.data);
		int hw = (int)strlen(h);
		if (x + hw + 2 <= app->cols)
			ui_str(app, y, app->cols - hw, hw, h);
	}
	buf_free(&b);
	buf_free(&hint);
}

static void
draw_all(struct app *app)
{
	struct view *v = app_top(app);

	getmaxyx(stdscr, app->rows, app->cols);
	ui_attr(app, COL_TEXT);
	erase();
	if (app->rows < 3 || app->cols < 10) {
		/* too small for anything useful: say so and wait for a resize */
		ui_str(app, 0, 0, app->cols, "benchtop: window too small");
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	draw_title(app);
	if (v) {
		v->y0 = 1;
		v->h = app->rows - 2;
		v->w = app->cols;
		v->ops->draw(app, v, 1, app->rows - 2, app->cols);
	}
	draw_status(app);
	wnoutrefresh(stdscr);
	doupdate();
}

/* The virtual screen as UTF-8 text, trailing blanks trimmed. */
static int
save_display(struct app *app, const char *path)
{
	/* written aside and renamed, so a test watching for the file never
	 * reads half a screen */
	char *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	wchar_t *line;

	if (!f) {
		app_message(app, true, "cannot write %s: %s", path, strerror(errno));
		free(tmp);
		return BT_EIO;
	}
	draw_all(app);
	line = xcalloc((size_t)app->cols + 1, sizeof(wchar_t));
	for (int y = 0; y < app->rows; y++) {
		struct buf b;
		int n;
		buf_init(&b);
		n = mvinnwstr(y, 0, line, app->cols);
		for (int i = 0; i < n && line[i]; i++) {
			char enc[4];
			buf_append(&b, enc, utf8_encode((uint32_t)line[i], enc));
		}
		while (b.len && b.data[b.len - 1] == ' ')
			b.len--;
		fwrite(b.data ? b.data : "", 1, b.len, f);
		fputc('\n', f);
		buf_free(&b);
	}
	free(line);
	fclose(f);
	if (rename(tmp, path) != 0)
		app_message(app, true, "cannot write %s: %s", path, strerror(errno));
	free(tmp);
	return BT_OK;
}

/* ------------------------------------------------------------ input */

/* Input events: a key, or a whole ":command" from a script. */
struct event {
	int key;          /* -1 when cmd is set */
	char cmd[4096];
	int mouse_y, mouse_x;
	bool mouse_double;
};

/* Keys pending from the current script line. */
static char script_line[4096];
static size_t script_pos, script_len;

static bool
script_next(struct app *app, struct event *ev)
{
	for (;;) {
		if (script_pos < script_len) {
			size_t len;
			int key = keys_parse(script_line + script_pos, &len);
			script_pos += len ? len : 1;
			if (key < 0)
				continue;
			if (key == '\n')
				key = K_ENTER;
			ev->key = key;
			return true;
		}
		if (!fgets(script_line, sizeof(script_line), app->script))
			return false;
		script_len = strcspn(script_line, "\n");
		script_line[script_len] = '\0';
		script_pos = 0;
		if (script_len == 0 || script_line[0] == '#')
			script_len = 0;
		else if (script_line[0] == ':') {
			ev->key = -1;
			snprintf(ev->cmd, sizeof(ev->cmd), "%s", script_line + 1);
			script_len = 0;
			return true;
		}
	}
}

static int
translate_key(wint_t ch, int kind)
{
	if (kind == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP: return K_UP;
		case KEY_DOWN: return K_DOWN;
		case KEY_LEFT: return K_LEFT;
		case KEY_RIGHT: return K_RIGHT;
		case KEY_PPAGE: return K_PGUP;
		case KEY_NPAGE: return K_PGDN;
		case KEY_HOME: return K_HOME;
		case KEY_END: return K_END;
		case KEY_BTAB: return K_BTAB;
		case KEY_BACKSPACE: return K_BACKSPACE;
		case KEY_DC: return K_DELETE;
		case KEY_IC: return K_INSERT;
		case KEY_ENTER: return K_ENTER;
		case KEY_RESIZE: return K_RESIZE;
		case KEY_MOUSE: return K_MOUSE;
		default:
			if (ch >= KEY_F(1) && ch <= KEY_F(12))
				return K_F1 + (int)(ch - KEY_F(1));
			return -1;
		}
	}
	switch (ch) {
	case 27: return K_ESC;
	case '\r':
	case '\n': return K_ENTER;
	case '\t': return K_TAB;
	case 127:
	case 8: return K_BACKSPACE;
	default: return (int)ch;
	}
}

/* Wait for the next event; false when input is over (script end). */
static bool
next_event(struct app *app, struct event *ev)
{
	memset(ev, 0, sizeof(*ev));
	if (app->script) {
		bool got = script_next(app, ev);
		/* as the idle loop does on a terminal: notice another import */
		if (got && app->st && !app->new_data &&
		    store_data_version(app->st) != app->data_version)
			app->new_data = true;
		return got;
	}
	if (app->headless)
		return false;
	for (;;) {
		wint_t ch;
		int kind;

		if (got_signal)
			return false;
		timeout(1000);
		kind = get_wch(&ch);
		if (kind == ERR) {
			/* idle: notice another process's import */
			if (app->st && store_data_version(app->st) != app->data_version &&
			    !app->new_data) {
				app->new_data = true;
				draw_all(app);
			}
			continue;
		}
		ev->key = translate_key(ch, kind);
		if (ev->key == K_MOUSE) {
			MEVENT me;
			if (getmouse(&me) != OK)
				continue;
			ev->mouse_y = me.y;
			ev->mouse_x = me.x;
			if (me.bstate & BUTTON4_PRESSED)
				ev->key = K_UP, ev->mouse_double = false, ev->mouse_y = -2;
#ifdef BUTTON5_PRESSED
			else if (me.bstate & BUTTON5_PRESSED)
				ev->key = K_DOWN, ev->mouse_y = -2;
#endif
			else
				ev->mouse_double = (me.bstate & BUTTON1_DOUBLE_CLICKED) != 0;
		}
		if (ev->key >= 0)
			return true;
	}
}

/* A one-line editor on the status line.  Returns false on Esc. */
bool
app_prompt(struct app *app, const char *label, char *out, size_t outlen)
{
	size_t len = 0;

	out[0] = '\0';
	for (;;) {
		struct event ev;
		int y = app->rows - 1;

		ui_attr(app, COL_TEXT);
		ui_blank(app, y, 0, app->cols);
		int x = ui_str(app, y, 0, app->cols, label);
		ui_str(app, y, x, app->cols - x, out);
		wnoutrefresh(stdscr);
		doupdate();
		if (!next_event(app, &ev))
			return false;
		if (ev.key == -1) { /* a scripted ":command" ends the prompt */
			snprintf(out, outlen, "%s", ev.cmd);
			return true;
		}
		if (ev.key == K_ENTER)
			return true;
		if (ev.key == K_ESC || ev.key == KEY_CTRL('c') || ev.key == KEY_CTRL('g'))
			return false;
		if (ev.key == K_BACKSPACE) {
			/* drop one UTF-8 character */
			while (len > 0 && ((unsigned char)out[len - 1] & 0xC0) == 0x80)
				len--;
			if (len > 0)
				len--;
			out[len] = '\0';
		} else if (ev.key == KEY_CTRL('u')) {
			len = 0;
			out[0] = '\0';
		} else if (ev.key >= 0x20 && ev.key < KEY_SPECIAL_BASE && len + 5 < outlen) {
			len += utf8_encode((uint32_t)ev.key, out + len);
			out[len] = '\0';
		} else if (ev.key == K_RESIZE) {
			draw_all(app);
		}
	}
}

/* ------------------------------------------------------------ external */

void
app_external(struct app *app, const char *env, const char *fallback, struct text_model *m)
{
	const char *prog = getenv(env);
	char path[] = "/tmp/benchtop-XXXXXX";
	char *chunk;
	int fd, status;

	if (app->headless || app->script) {
		app_message(app, true, "no $%s in a scripted session", env);
		return;
	}
	if (!prog || !*prog)
		prog = fallback;
	if ((fd = mkstemp(path)) < 0) {
		app_message(app, true, "cannot make a temporary file: %s", strerror(errno));
		return;
	}
	chunk = xmalloc(1 << 16);
	for (size_t off = 0; off < m->size; off += 1 << 16) {
		size_t n = m->size - off < (1 << 16) ? m->size - off : 1 << 16;
		if (store_blob_read(m->blob, off, chunk, n, NULL) || write(fd, chunk, n) != (ssize_t)n) {
			app_message(app, true, "cannot write %s", path);
			break;
		}
	}
	free(chunk);
	close(fd);
	def_prog_mode();
	endwin();
	char *cmd = xasprintf("%s \"$BENCHTOP_FILE\"", prog);
	setenv("BENCHTOP_FILE", path, 1);
	status = system(cmd);
	free(cmd);
	unsetenv("BENCHTOP_FILE");
	reset_prog_mode();
	clearok(curscr, TRUE);
	unlink(path);
	if (status == -1)
		app_message(app, true, "cannot run %s: %s", prog, strerror(errno));
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		app_message(app, true, "%s: command not found", prog);
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		app_message(app, true, "%s exited with status %d", prog, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		app_message(app, true, "%s was killed by signal %d", prog, WTERMSIG(status));
}

/* ------------------------------------------------------------ commands */

static void dispatch(struct app *app, enum action a);

/* The commands that are the explorer's own (scope ANY_VIEW). */
static void
run_app_command(struct app *app, struct view *v, enum command cmd, const char *arg)
{
	switch (cmd) {
	case CMD_QUIT:
		app->quit = true;
		break;
	case CMD_SAVE_DISPLAY:
		save_display(app, arg);
		break;
	case CMD_RESIZE: {
		int w, h;
		if (sscanf(arg, "%dx%d", &w, &h) == 2 && w > 0 && h > 0) {
			resize_term(h, w);
			getmaxyx(stdscr, app->rows, app->cols);
		} else {
			app_message(app, true, "usage: resize WIDTHxHEIGHT");
		}
		break;
	}
	case CMD_CLICK:
	case CMD_DBLCLICK: {
		/* what a mouse click does, for scripted tests: ":click ROW COLUMN" */
		int y, x;
		if (sscanf(arg, "%d %d", &y, &x) == 2 && v && v->ops->click && y >= v->y0 &&
		    y < v->y0 + v->h)
			v->ops->click(app, v, y, x, cmd == CMD_DBLCLICK);
		break;
	}
	case CMD_SEARCH:
		snprintf(app->search, sizeof(app->search), "%s", arg);
		app->search_dir = 1;
		dispatch(app, ACT_FIND_NEXT);
		break;
	case CMD_ASCII:
		if (strcmp(arg, "on") == 0 || strcmp(arg, "off") == 0)
			app->ascii = strcmp(arg, "on") == 0;
		else
			app_message(app, true, "usage: ascii on|off");
		break;
	case CMD_BIND:
	case CMD_COLOR:
	case CMD_SET: {
		struct bt_error err;
		char *text = xasprintf("%s %s", command_table[cmd].name, arg);
		if (config_apply(&app->km, &app->colors, &app->ascii, text, strlen(text), "command",
				 &err))
			app_message(app, true, "%s", err.msg + strlen("command:1: "));
		else if (cmd == CMD_COLOR)
			colors_apply(app);
		free(text);
		break;
	}
	default: /* the views' commands go to the views */
		break;
	}
}

static void
run_command(struct app *app, const char *line)
{
	char name[64] = "", *arg;
	struct view *v = app_top(app);
	const char *sp;
	enum command cmd;
	enum action a;

	while (*line == ' ' || *line == ':')
		line++;
	sp = strchr(line, ' ');
	snprintf(name, sizeof(name), "%.*s", sp ? (int)(sp - line) : (int)strlen(line), line);
	arg = xstrdup(sp ? sp + 1 : "");
	cmd = command_from_name(name);
	/* saving the screen must not wipe the message it is meant to show */
	if (cmd != CMD_SAVE_DISPLAY)
		app->message[0] = '\0';

	if (!name[0]) {
		/* nothing */
	} else if (cmd == CMD_NONE) {
		if ((a = action_from_name(name)) == ACT_NONE)
			app_message(app, true, "unknown command '%s' (see the help screen)", name);
		else if (*arg)
			app_message(app, true, "':%s' takes no argument", name);
		else
			dispatch(app, a);
	} else if (command_table[cmd].scope != ANY_VIEW) {
		if (v && (command_table[cmd].scope & (1u << v->ops->id)) && v->ops->command) {
			v->ops->command(app, v, cmd, arg);
		} else {
			struct buf where;
			buf_init(&where);
			command_scope_text(command_table[cmd].scope, &where);
			app_message(app, true, "':%s' works in the %s", name, buf_cstr(&where));
			buf_free(&where);
		}
	} else {
		run_app_command(app, v, cmd, arg);
	}
	free(arg);
}

static void
reload_all(struct app *app)
{
	struct bt_error err = {0};

	app->data_version = store_data_version(app->st);
	app->new_data = false;
	for (int i = 0; i < app->depth; i++) {
		struct view *v = app->stack[i];
		if (v->ops->reload && v->ops->reload(app, v, &err)) {
			app_message(app, true, "%s", err.msg);
			return;
		}
	}
	app_message(app, false, "reloaded");
}

static void
dispatch(struct app *app, enum action a)
{
	struct view *v = app_top(app);
	char text[512];

	if (v && v->ops->handle)
		a = v->ops->handle(app, v, a);
	switch (a) {
	case ACT_NONE:
		break;
	case ACT_BACK:
		app_pop(app);
		if (app->depth == 0)
			app->quit = true;
		break;
	case ACT_QUIT:
		app->quit = true;
		break;
	case ACT_HELP:
		if (!v || v->ops != &view_help_ops)
			app_push(app, &view_help_ops, v ? view_name(v->ops->id) : "runs");
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_RELOAD:
		reload_all(app);
		break;
	case ACT_PROMPT:
		if (app_prompt(app, ":", text, sizeof(text)))
			run_command(app, text);
		break;
	case ACT_SEARCH:
	case ACT_SEARCH_BACK:
		if (app_prompt(app, a == ACT_SEARCH ? "/" : "?", text, sizeof(text)) && text[0]) {
			snprintf(app->search, sizeof(app->search), "%.255s", text);
			app->search_dir = a == ACT_SEARCH ? 1 : -1;
			if (v && v->ops->search && !v->ops->search(app, v, app->search, app->search_dir))
				app_message(app, true, "not found: %s", app->search);
		}
		break;
	case ACT_FIND_NEXT:
	case ACT_FIND_PREV:
		if (!app->search[0])
			app_message(app, true, "no search yet: press / first");
		else if (!v || !v->ops->search)
			app_message(app, true, "this view has nothing to search");
		else if (!v->ops->search(app, v, app->search,
					 a == ACT_FIND_NEXT ? app->search_dir : -app->search_dir))
			app_message(app, true, "not found: %s", app->search);
		break;
	default:
		break;
	}
}

static void
handle_event(struct app *app, const struct event *ev)
{
	struct view *v = app_top(app);
	enum action a;

	if (ev->key == -1) {
		run_command(app, ev->cmd);
		return;
	}
	if (ev->key == K_RESIZE)
		return; /* draw_all re-reads the size */
	if (ev->key == K_MOUSE) {
		if (v && v->ops->click && ev->mouse_y >= v->y0 && ev->mouse_y < v->y0 + v->h)
			v->ops->click(app, v, ev->mouse_y, ev->mouse_x, ev->mouse_double);
		return;
	}
	app->message[0] = '\0';
	a = keymap_lookup(&app->km, v ? view_name(v->ops->id) : "", ev->key);
	if (a == ACT_NONE) {
		char name[32];
		keys_name(ev->key, name, sizeof(name));
		app_message(app, true, "%s is not bound in this view (? lists the keys)", name);
		return;
	}
	/* the mouse wheel scrolls three lines */
	int repeat = ev->mouse_y == -2 ? 3 : 1;
	while (repeat--)
		dispatch(app, a);
}

/* ------------------------------------------------------------ main */

static int
load_config(struct app *app, const struct tui_options *o, struct bt_error *err)
{
	char *path;
	char *data;
	size_t len;
	int rc;

	if (o->no_config)
		return BT_OK;
	if (o->config) {
		path = xstrdup(o->config);
	} else {
		const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
		path = xdg && *xdg ? xasprintf("%s/benchtop/config", xdg)
				   : xasprintf("%s/.config/benchtop/config", home ? home : ".");
		if (!file_exists(path)) {
			free(path);
			return BT_OK;
		}
	}
	rc = file_read(path, 1 << 20, &data, &len, NULL, err);
	if (!rc) {
		rc = config_apply(&app->km, &app->colors, &app->ascii, data, len, path, err);
		free(data);
	}
	free(path);
	return rc;
}

int
tui_main(const struct tui_options *o)
{
	struct app app;
	struct bt_error err = {0};
	const char *script = getenv("BENCHTOP_SCRIPT");
	int rc = BT_OK;
	bool utf8;

	memset(&app, 0, sizeof(app));
#if defined(HAVE_MALLOPT) && defined(HAVE_MALLOC_H) && defined(M_MMAP_THRESHOLD)
	/* The lists of a big store are tens of MB, read again on a key: keep
	 * freed memory for the next one instead of unmapping it and faulting
	 * in fresh zero pages each time (a fifth of a key's time). */
	mallopt(M_MMAP_THRESHOLD, 256 << 20);
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
#endif
	utf8 = cli_locale_utf8();
	keymap_init(&app.km);
	colors_default(&app.colors, 256);
	for (int e = 0; e < COL_COUNT; e++)
		app.colors.c[e].fg = -2; /* "not set by the user" until the palette is known */
	app.colors.ncolors = -1;
	app.ascii = o->ascii || !utf8;
#ifndef HAVE_WIDE_CURSES
	app.ascii = true;
#endif
	if ((rc = load_config(&app, o, &err)))
		return cli_fail(rc, "%s", err.msg);
	if (o->ascii)
		app.ascii = true;
	app.headless = getenv("BENCHTOP_NO_DISPLAY") && *getenv("BENCHTOP_NO_DISPLAY");
	if (script && *script && !(app.script = fopen(script, "r")))
		return cli_fail(BT_ENOINPUT, "%s: cannot read the script: %s", script, strerror(errno));

	if ((rc = cli_open_read(o->store, &app.st, &app.is_demo, &err))) {
		if (app.script)
			fclose(app.script);
		return cli_fail(rc, "%s", err.msg);
	}
	app.store_path = xstrdup(store_path(app.st));
	app.data_version = store_data_version(app.st);

	install_signals();
	if ((rc = terminal_init(&app, &err))) {
		cli_fail(rc, "%s", err.msg);
		goto out;
	}
	if (!app_push(&app, &view_runs_ops, NULL)) {
		terminal_restore();
		rc = cli_fail(BT_EIO, "%s", app.message);
		goto out;
	}
	if (o->run) {
		int64_t id;
		if (store_find_run(app.st, o->run, &id, &err) == BT_OK)
			app_push(&app, &view_plot_ops, &id);
		else
			app_message(&app, true, "%s", err.msg);
	}
	/* BENCHTOP_TIMING=FILE: the time to the first full screen and from
	 * each key to the next screen, for the benchmarks (make bench) */
	const char *tpath = getenv("BENCHTOP_TIMING");
	FILE *timing = tpath && *tpath ? fopen(tpath, "w") : NULL;
	draw_all(&app);
	if (timing)
		fprintf(timing, "first-screen %.3f ms\n", (clock_now() - cli_start_time) * 1e3);
	while (!app.quit && app.depth > 0 && !got_signal) {
		struct event ev;
		double t0;
		if (!next_event(&app, &ev))
			break;
		t0 = clock_now();
		handle_event(&app, &ev);
		if (app.quit || app.depth == 0)
			break;
		draw_all(&app);
		if (timing) {
			char name[48];
			if (ev.key == -1) {
				snprintf(name, sizeof(name), ":%.40s", ev.cmd);
				for (char *p = name; *p; p++)
					*p = *p == ' ' ? '_' : *p;
			} else
				keys_name(ev.key, name, sizeof(name));
			fprintf(timing, "key %s %.3f ms %s\n", name, (clock_now() - t0) * 1e3,
				view_name(app_top(&app)->ops->id));
		}
	}
	if (timing)
		fclose(timing);
	terminal_restore();
	if (got_signal)
		rc = 128 + got_signal;
out:
	while (app.depth)
		app_pop(&app);
	store_close(app.st);
	free(app.store_path);
	if (app.script)
		fclose(app.script);
	if (null_out)
		fclose(null_out);
	if (null_in)
		fclose(null_in);
	null_out = null_in = NULL;
	return rc;
}
