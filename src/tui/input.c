/* input.c: keys from the terminal or from a script (BENCHTOP_SCRIPT), and
 * the status line's one-line editor. */
#include "config.h"

#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "benchtop/utf8.h"
#include "tui_curses.h"

/* ------------------------------------------------------------ input */


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
		case KEY_HOME:
		case KEY_FIND: /* PuTTY's Home (ESC[1~) where $TERM is xterm */
			return K_HOME;
		case KEY_END:
		case KEY_SELECT: /* PuTTY's End (ESC[4~) */
			return K_END;
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

/* After an ESC that curses did not decode: the rest of an escape sequence,
 * read while its bytes keep coming.  Returns the key it spells, K_ESC for an
 * Escape alone (a key after it is left for the next read), or -1 for a
 * sequence no key has: dropped whole, so its letters never act as keys. */
static int
read_escape(void)
{
	char seq[32];
	size_t n = 0;
	wint_t ch;
	int kind;

	timeout(50);
	kind = get_wch(&ch);
	if (kind == ERR)
		return K_ESC;
	if (kind == KEY_CODE_YES) { /* a key of its own after a lone Escape */
		ungetch((int)ch);
		return K_ESC;
	}
	if (ch != '[' && ch != 'O') {
		unget_wch(ch);
		return K_ESC;
	}
	seq[n++] = (char)ch;
	/* CSI: parameter and intermediate bytes (0x20-0x3f), then a final
	 * byte (0x40-0x7e); SS3 (ESC O): one byte */
	for (;;) {
		kind = get_wch(&ch);
		if (kind == ERR || kind == KEY_CODE_YES || ch < 0x20 || ch > 0x7e)
			return -1;
		if (n < sizeof(seq))
			seq[n++] = (char)ch;
		if (seq[0] == 'O' || ch >= 0x40) {
			/* the Linux console's F1-F5 are ESC [ [ A..E */
			if (n == 2 && ch == '[')
				continue;
			break;
		}
	}
	return n < sizeof(seq) ? keys_decode_escape(seq, n) : -1;
}

/* When the last key came (clock_now()). */
static double last_key;

/* Wait for the next event; false when input is over (script end). */
bool
input_next(struct app *app, struct event *ev)
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

		if (term_signal)
			return false;
		/* a look at the store four times a second (PRAGMA data_version
		 * is cheap), but a reload only a second after the last key */
		timeout(250);
		kind = get_wch(&ch);
		if (kind == ERR) {
			/* idle: take in another process's import */
			if (clock_now() - last_key >= 1.0 && app_idle(app))
				app_draw_all(app);
			continue;
		}
		last_key = clock_now();
		ev->key = translate_key(ch, kind);
		if (ev->key == K_ESC)
			ev->key = read_escape();
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

/* The hint's lines, the last just above the prompt's row y. */
static void
prompt_hint_draw(struct app *app, int y)
{
	const char *h = app->prompt_hint;
	int lines = 1;

	for (const char *p = h; *p; p++)
		lines += *p == '\n';
	ui_attr(app, COL_DIM);
	for (int row = y - lines; *h; row++) {
		const char *nl = strchr(h, '\n');
		size_t n = nl ? (size_t)(nl - h) : strlen(h);
		if (row >= 0) {
			ui_blank(app, row, 0, app->cols);
			ui_text(app, row, 1, app->cols - 1, h, n, 0);
		}
		h += n + (nl ? 1 : 0);
	}
}

/* A one-line editor on the status line.  Returns false on Esc. */
static bool
prompt_read(struct app *app, const char *label, char *out, size_t outlen)
{
	out[0] = '\0';
	return app_prompt_ex(app, label, out, outlen, NULL);
}

bool
app_prompt_ex(struct app *app, const char *label, char *out, size_t outlen, bool *tabbed)
{
	size_t len = strlen(out);
	struct buf done, choices;

	if (tabbed)
		*tabbed = false;
	buf_init(&done);
	buf_init(&choices);
	for (;;) {
		struct event ev;
		int y = app->rows - 1;

		if (app->prompt_hint)
			prompt_hint_draw(app, y);
		ui_attr(app, COL_TEXT);
		ui_blank(app, y, 0, app->cols);
		int x = ui_str(app, y, 0, app->cols, label);
		x += ui_str(app, y, x, app->cols - x, out);
		if (choices.len && x + 3 < app->cols) {
			/* what Tab could not choose between */
			ui_attr(app, COL_DIM);
			ui_str(app, y, x + 2, app->cols - x - 2, buf_cstr(&choices));
		}
		wnoutrefresh(stdscr);
		doupdate();
		buf_reset(&choices);
		if (!input_next(app, &ev))
			break;
		if (ev.key == -1) { /* a scripted ":command" ends the prompt */
			snprintf(out, outlen, "%s", ev.cmd);
			ev.key = K_ENTER;
		}
		if (ev.key == K_ENTER || ev.key == K_ESC || ev.key == KEY_CTRL('c') ||
		    ev.key == KEY_CTRL('g')) {
			buf_free(&done);
			buf_free(&choices);
			return ev.key == K_ENTER;
		}
		if (ev.key == K_TAB && tabbed) {
			*tabbed = true;
			buf_free(&done);
			buf_free(&choices);
			return true;
		}
		if (ev.key == K_TAB && app->prompt_complete) {
			app->prompt_complete(out, &done, &choices);
			if (done.len < outlen) {
				memcpy(out, done.data, done.len + 1);
				len = done.len;
			}
		} else if (ev.key == K_BACKSPACE) {
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
			app_draw_all(app);
		}
	}
	buf_free(&done);
	buf_free(&choices);
	return false;
}


bool
app_prompt(struct app *app, const char *label, char *out, size_t outlen)
{
	bool ok;

	/* an idle second while typing must not reload the views under the line */
	app->prompting = true;
	ok = prompt_read(app, label, out, outlen);
	app->prompting = false;
	return ok;
}
