/* tui.c: the explorer's life: the view stack, drawing the title and status
 * lines, dispatching actions, hand-offs to $PAGER/$EDITOR and the main loop.
 * The terminal, input and command line are in terminal.c, input.c and
 * command.c. */
#include "config.h"

#ifdef HAVE_MALLOC_H
#include <malloc.h>
#endif

#include "tui_internal.h"

#include <assert.h>
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "benchtop/model_text.h"
#include "benchtop/sanitize.h"
#include "benchtop/utf8.h"
#include "tui_curses.h"

/* ------------------------------------------------------------ views */

struct view *
app_top(struct app *app)
{
	assert(app->depth >= 0 && app->depth <= TUI_MAX_DEPTH);
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

	/* the hooks every view must have (the others are checked for NULL) */
	assert(ops && ops->open && ops->draw && ops->id < VIEW_COUNT);
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
	assert(app->depth <= TUI_MAX_DEPTH);
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
		if (app->exclude_limits)
			buf_puts(&b, "[no limit hits] ");
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

void
app_draw_all(struct app *app)
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
int
app_save_display(struct app *app, const char *path)
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
	app_draw_all(app);
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

/* ------------------------------------------------------------ external */

void
app_external(struct app *app, const char *env, const char *fallback, struct text_model *m)
{
	const char *prog = getenv(env);
	char path[] = "/tmp/benchtop-XXXXXX";
	struct san_strip strip = {0};
	char *chunk, *stripped;
	int fd;

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
	/* the raw bytes, for less -R, but without the strings a terminal
	 * obeys unseen (title, clipboard: OSC, DCS, APC) */
	chunk = xmalloc(1 << 16);
	stripped = xmalloc((1 << 16) + 1);
	for (size_t off = 0; off < m->size; off += 1 << 16) {
		size_t n = m->size - off < (1 << 16) ? m->size - off : 1 << 16, k = 0;
		bool ok = store_blob_read(m->blob, off, chunk, n, NULL) == BT_OK;
		if (ok) {
			k = sanitize_strip_strings(&strip, chunk, n, stripped);
			if (off + n >= m->size)
				k += sanitize_strip_end(&strip, stripped + k);
			ok = write(fd, stripped, k) == (ssize_t)k;
		}
		if (!ok) {
			app_message(app, true, "cannot write %s", path);
			break;
		}
	}
	free(chunk);
	free(stripped);
	close(fd);
	app_run_on_file(app, prog, path);
	unlink(path);
}

bool
app_run_on_file(struct app *app, const char *prog, const char *path)
{
	int status;

	def_prog_mode();
	endwin();
	char *cmd = xasprintf("%s \"$BENCHTOP_FILE\"", prog);
	setenv("BENCHTOP_FILE", path, 1);
	status = system(cmd);
	free(cmd);
	unsetenv("BENCHTOP_FILE");
	reset_prog_mode();
	clearok(curscr, TRUE);
	if (status == -1)
		app_message(app, true, "cannot run %s: %s", prog, strerror(errno));
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		app_message(app, true, "%s: command not found", prog);
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		app_message(app, true, "%s exited with status %d", prog, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		app_message(app, true, "%s was killed by signal %d", prog, WTERMSIG(status));
	else
		return true;
	return false;
}

/* Reload every view; `done` (NULL: nothing) goes on the status line. */
static void
reload_all(struct app *app, const char *done)
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
	if (done)
		app_message(app, false, "%s", done);
}

bool
app_idle(struct app *app)
{
	if (!app->st || app->prompting || store_data_version(app->st) == app->data_version)
		return false;
	if (app->auto_reload) {
		reload_all(app, NULL);
		return true;
	}
	if (app->new_data)
		return false;
	app->new_data = true;
	return true;
}

void
app_dispatch(struct app *app, enum action a)
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
	case ACT_ESCAPE:
		/* a terminal's key that was read as Escape must not end the session */
		if (app->depth > 1)
			app_pop(app);
		else
			app_message(app, false, "Esc does not quit: q quits (Q from any view)");
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
		reload_all(app, "reloaded");
		break;
	case ACT_EXCLUDE_LIMITS:
		/* every view recomputes, as `benchtop table --exclude-limits` does */
		app->exclude_limits = !app->exclude_limits;
		reload_all(app, app->exclude_limits ? "attempts that hit their limits left out"
						    : "attempts that hit their limits counted again");
		break;
	case ACT_EXPORT:
		app_export_rows(app, v);
		break;
	case ACT_PIPE_ROWS:
		app_pipe_rows(app, v);
		break;
	case ACT_COPY:
		app_copy_row(app, v);
		break;
	case ACT_ADDRESS:
		app_show_address(app, v);
		break;
	case ACT_TAGS:
		app_edit_tags(app, v);
		break;
	case ACT_NOTE:
		app_edit_note(app, v);
		break;
	case ACT_PROMPT:
		if (app_prompt(app, ":", text, sizeof(text)))
			command_run(app, text);
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
		command_run(app, ev->cmd);
		return;
	}
	if (ev->key == K_RESIZE)
		return; /* app_draw_all re-reads the size */
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
		app_dispatch(app, a);
}

/* ------------------------------------------------------------ main */

static int
load_config(struct app *app, const struct tui_options *o, struct bt_error *err)
{
	char *data;
	size_t len;
	int rc;

	if (o->no_config || !o->config)
		return BT_OK;
	rc = file_read(o->config, 1 << 20, &data, &len, NULL, err);
	if (!rc) {
		struct config_settings set = {app->ascii, app->osc52, app->mouse, app->auto_reload};
		rc = config_apply(&app->km, &app->colors, &set, data, len, o->config, err);
		app->ascii = set.ascii;
		app->osc52 = set.osc52;
		app->mouse = set.mouse;
		app->auto_reload = set.auto_reload;
		free(data);
	}
	return rc;
}

int
tui_main(const struct tui_options *o, struct store *st, struct bt_error *err)
{
	struct app app;
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
	utf8 = o->utf8;
	app.st = st;
	app.is_demo = o->is_demo;
	keymap_init(&app.km);
	colors_default(&app.colors, 256);
	for (int e = 0; e < COL_COUNT; e++)
		app.colors.c[e].fg = -2; /* "not set by the user" until the palette is known */
	app.colors.ncolors = -1;
	app.ascii = o->ascii || !utf8;
	app.auto_reload = true;
#ifndef HAVE_WIDE_CURSES
	app.ascii = true;
#endif
	if ((rc = load_config(&app, o, err)))
		goto out;
	if (o->mouse)
		app.mouse = true;
	if (o->ascii)
		app.ascii = true;
	app.headless = getenv("BENCHTOP_NO_DISPLAY") && *getenv("BENCHTOP_NO_DISPLAY");
	if (script && *script && !(app.script = fopen(script, "r"))) {
		rc = bt_errorf(err, BT_ENOINPUT, "%s: cannot read the script: %s", script,
			       strerror(errno));
		goto out;
	}
	app.store_path = xstrdup(store_path(app.st));
	if (o->note)
		app_message(&app, false, "%s", o->note);
	app.data_version = store_data_version(app.st);

	term_install_signals();
	if ((rc = term_init(&app, err)))
		goto out;
	if (!app_push(&app, &view_runs_ops, NULL)) {
		term_restore();
		rc = bt_errorf(err, BT_EIO, "%s", app.message);
		goto out;
	}
	if (o->label && !app_push(&app, &view_label_ops, o->label)) {
		term_restore();
		rc = bt_errorf(err, BT_EINPUT, "%s", app.message);
		goto out;
	}
	if (o->go) {
		if (app_goto(&app, o->go, err)) {
			term_restore();
			rc = err->code;
			goto out;
		}
	} else if (o->run) {
		int64_t id;
		if (store_find_run(app.st, o->run, &id, err) == BT_OK)
			app_push(&app, &view_plot_ops, &id);
		else
			app_message(&app, true, "%s", err->msg);
		err->msg[0] = '\0';
	}
	/* BENCHTOP_TIMING=FILE: the time to the first full screen and from
	 * each key to the next screen, for the benchmarks (make bench) */
	const char *tpath = getenv("BENCHTOP_TIMING");
	FILE *timing = tpath && *tpath ? fopen(tpath, "w") : NULL;
	app_draw_all(&app);
	if (timing)
		fprintf(timing, "first-screen %.3f ms\n", (clock_now() - o->start_time) * 1e3);
	while (!app.quit && app.depth > 0 && !term_signal) {
		struct event ev;
		double t0;
		if (!input_next(&app, &ev))
			break;
		t0 = clock_now();
		handle_event(&app, &ev);
		if (app.quit || app.depth == 0)
			break;
		app_draw_all(&app);
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
	term_restore();
	if (term_signal)
		rc = 128 + term_signal;
out:
	while (app.depth)
		app_pop(&app);
	store_close(app.st);
	free(app.store_path);
	if (app.script)
		fclose(app.script);
	term_close();
	return rc;
}
