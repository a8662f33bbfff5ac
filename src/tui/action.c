/* action.c: the action table, key names, the keymap and the config file. */
#include "config.h"

#include "benchtop/action.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/colors.h"
#include "benchtop/store.h"
#include "benchtop/utf8.h"

const struct action_info action_table[ACT_COUNT] = {
	{ACT_NONE, "none", ANY_VIEW, "", ""},
#define ACTION_ROW(id, name, scope, keys, help) {ACT_##id, name, scope, keys, help},
	ACTION_INFO(ACTION_ROW)
#undef ACTION_ROW
};

const char *
action_name(enum action a)
{
	return a < ACT_COUNT ? action_table[a].name : "?";
}

enum action
action_from_name(const char *name)
{
	for (int i = 1; i < ACT_COUNT; i++)
		if (strcmp(action_table[i].name, name) == 0)
			return (enum action)i;
	return ACT_NONE;
}

const struct command_info command_table[CMD_COUNT] = {
#define COMMAND_ROW(id, name, args, scope, help) {name, args, scope, help},
	COMMAND_INFO(COMMAND_ROW)
#undef COMMAND_ROW
};

static const char *const view_names[VIEW_COUNT] = {
#define VIEW_NAME(id, name) name,
	VIEW_INFO(VIEW_NAME)
#undef VIEW_NAME
};

const char *
view_name(enum view_id v)
{
	return (unsigned)v < VIEW_COUNT ? view_names[v] : "?";
}

int
view_from_name(const char *name)
{
	for (int v = 0; v < VIEW_COUNT; v++)
		if (strcmp(view_names[v], name) == 0)
			return v;
	return -1;
}

enum command
command_from_name(const char *name)
{
	if (strcmp(name, "q") == 0)
		return CMD_QUIT;
	for (int i = 0; i < CMD_COUNT; i++)
		if (strcmp(command_table[i].name, name) == 0)
			return (enum command)i;
	return CMD_NONE;
}

void
command_usage(enum command c, struct buf *out)
{
	const struct command_info *ci = &command_table[c];

	buf_reset(out);
	buf_printf(out, ":%s%s%s", ci->name, *ci->args ? " " : "", ci->args);
}

void
command_scope_text(unsigned scope, struct buf *out)
{
	int n = 0, total = 0;

	for (int v = 0; v < VIEW_COUNT; v++)
		total += (scope >> v) & 1;
	for (int v = 0; v < VIEW_COUNT; v++) {
		if (!(scope & (1u << v)))
			continue;
		n++;
		buf_printf(out, "%s%s", n == 1 ? "" : n == total ? " and " : ", ", view_names[v]);
	}
	buf_puts(out, total == 1 ? " view" : " views");
}

bool
action_in_view(enum action a, const char *view)
{
	unsigned scope = action_table[a].scope;
	int v = view_from_name(view);

	if (scope == ANY_VIEW)
		return true;
	return v >= 0 && (scope & (1u << v));
}

/* ------------------------------------------------------------ keys */

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{"Enter", K_ENTER},   {"Esc", K_ESC},       {"Up", K_UP},         {"Down", K_DOWN},
	{"Left", K_LEFT},     {"Right", K_RIGHT},   {"PgUp", K_PGUP},     {"PgDn", K_PGDN},
	{"Home", K_HOME},     {"End", K_END},       {"Tab", K_TAB},       {"BTab", K_BTAB},
	{"Backspace", K_BACKSPACE}, {"Del", K_DELETE}, {"Ins", K_INSERT}, {"Space", ' '},
	{"Lt", '<'},          {"F1", K_F1},         {"F2", K_F2},         {"F3", K_F3},
	{"F4", K_F4},         {"F5", K_F5},         {"F6", K_F6},         {"F7", K_F7},
	{"F8", K_F8},         {"F9", K_F9},         {"F10", K_F10},       {"F11", K_F11},
	{"F12", K_F12},
};

int
keys_parse(const char *s, size_t *len)
{
	const char *close;

	*len = 0;
	if (!*s)
		return -1;
	if (*s != '<' || !(close = strchr(s, '>')) || close == s + 1) {
		uint32_t cp;
		size_t n = utf8_decode(s, strlen(s), &cp);
		*len = n;
		return (int)(cp & UTF8_INVALID_BYTE ? cp & 0xff : cp);
	}
	size_t n = (size_t)(close - s - 1);
	char name[32];
	if (n >= sizeof(name))
		return -1;
	memcpy(name, s + 1, n);
	name[n] = '\0';
	*len = n + 2;
	if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && name[2] && !name[3]) {
		char c = name[2];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c >= 'a' && c <= 'z')
			return KEY_CTRL(c);
		return -1;
	}
	for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (strcmp(key_names[i].name, name) == 0)
			return key_names[i].key;
	return -1;
}

void
keys_name(int key, char *out, size_t outlen)
{
	if (key == ' ') {
		snprintf(out, outlen, "<Space>");
		return;
	}
	for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (key_names[i].key == key && key > KEY_SPECIAL_BASE) {
			snprintf(out, outlen, "<%s>", key_names[i].name);
			return;
		}
	if (key > 0 && key < 0x20) {
		snprintf(out, outlen, "<C-%c>", key + 'a' - 1);
		return;
	}
	if (key > 0 && key < KEY_SPECIAL_BASE) {
		char enc[5] = {0};
		utf8_encode((uint32_t)key, enc);
		snprintf(out, outlen, "%s", enc);
		return;
	}
	snprintf(out, outlen, "<?>");
}

/* Terminals disagree on Home and End (xterm: ESC[H or ESC O H; PuTTY and
 * the Linux console: ESC[1~; rxvt: ESC[7~) and $TERM often names another
 * terminal than the one at the far end of an SSH session, so every spelling
 * is decoded here, as htop does.  Modifiers (ESC[1;5H) are ignored. */
int
keys_decode_escape(const char *seq, size_t len)
{
	static const struct {
		char final;
		int key;
	} letters[] = {
		{'A', K_UP}, {'B', K_DOWN}, {'C', K_RIGHT}, {'D', K_LEFT}, {'H', K_HOME},
		{'F', K_END}, {'P', K_F1}, {'Q', K_F2}, {'R', K_F3}, {'S', K_F4},
	};
	static const int tilde[] = {
		[1] = K_HOME, [2] = K_INSERT, [3] = K_DELETE, [4] = K_END,
		[5] = K_PGUP, [6] = K_PGDN, [7] = K_HOME, [8] = K_END,
	};
	char final;
	long first = 0;
	size_t i = 1;

	if (len < 2 || (seq[0] != '[' && seq[0] != 'O'))
		return -1;
	final = seq[len - 1];
	/* the parameters: "1", "1;5"; only the first one names a key */
	while (i < len - 1 && seq[i] >= '0' && seq[i] <= '9' && first < 100)
		first = first * 10 + (seq[i++] - '0');
	while (i < len - 1 && (seq[i] == ';' || (seq[i] >= '0' && seq[i] <= '9')))
		i++;
	if (i != len - 1)
		return -1;
	if (final == '~')
		return seq[0] == '[' && first < (long)(sizeof(tilde) / sizeof(tilde[0])) &&
		       tilde[first] ? tilde[first] : -1;
	if (final == 'Z' && seq[0] == '[' && len == 2)
		return K_BTAB;
	for (size_t k = 0; k < sizeof(letters) / sizeof(letters[0]); k++)
		if (letters[k].final == final && (first == 0 || first == 1))
			return letters[k].key;
	return -1;
}

/* ------------------------------------------------------------ keymap */

void
keymap_bind(struct keymap *km, const char *view, int key, enum action a)
{
	for (size_t i = 0; i < km->n; i++) {
		if (km->b[i].key == key && strcmp(km->b[i].view, view) == 0) {
			km->b[i].action = a;
			return;
		}
	}
	if (km->n >= KEYMAP_MAX_BINDINGS)
		return;
	snprintf(km->b[km->n].view, sizeof(km->b[km->n].view), "%s", view);
	km->b[km->n].key = key;
	km->b[km->n].action = a;
	km->n++;
}

/* A default binding.  Actions of disjoint scopes may share a key (Space
 * hides a series in the plot and marks a run in the runs view): when an
 * earlier action has the key in every view, a later one of a narrower scope
 * gets it in each view of its scope, where a view binding wins. */
static void
bind_default(struct keymap *km, int key, enum action a)
{
	unsigned scope = action_table[a].scope;
	bool taken = false;

	for (size_t i = 0; i < km->n; i++)
		taken |= km->b[i].key == key && !km->b[i].view[0];
	if (!taken || scope == ANY_VIEW) {
		keymap_bind(km, "", key, a);
		return;
	}
	for (int v = 0; v < VIEW_COUNT; v++)
		if (scope & (1u << v))
			keymap_bind(km, view_names[v], key, a);
}

void
keymap_init(struct keymap *km)
{
	memset(km, 0, sizeof(*km));
	for (int a = 1; a < ACT_COUNT; a++) {
		const char *p = action_table[a].keys;
		while (*p) {
			size_t len;
			int key;
			while (*p == ' ')
				p++;
			if (!*p)
				break;
			key = keys_parse(p, &len);
			if (key >= 0)
				bind_default(km, key, (enum action)a);
			p += len ? len : 1;
			while (*p && *p != ' ')
				p++;
		}
	}
	/* the Enter key arrives as \n or \r depending on the terminal */
	keymap_bind(km, "", '\n', ACT_ENTER);
	keymap_bind(km, "", '\r', ACT_ENTER);
}

enum action
keymap_lookup(const struct keymap *km, const char *view, int key)
{
	enum action generic = ACT_NONE;

	for (size_t i = 0; i < km->n; i++) {
		if (km->b[i].key != key)
			continue;
		if (km->b[i].view[0] && strcmp(km->b[i].view, view) == 0)
			return km->b[i].action;
		if (!km->b[i].view[0] && action_in_view(km->b[i].action, view))
			generic = km->b[i].action;
	}
	return generic;
}

void
keymap_keys_for(const struct keymap *km, const char *view, enum action a, struct buf *out)
{
	buf_reset(out);
	for (size_t i = 0; i < km->n; i++) {
		char name[32];
		if (km->b[i].action != a || km->b[i].key == '\n' || km->b[i].key == '\r')
			continue;
		if (km->b[i].view[0] && strcmp(km->b[i].view, view) != 0)
			continue;
		/* a generic key shadowed by a view binding does not reach the action */
		if (keymap_lookup(km, view, km->b[i].key) != a)
			continue;
		keys_name(km->b[i].key, name, sizeof(name));
		if (out->len)
			buf_puts(out, ", ");
		buf_puts(out, name);
	}
	buf_cstr(out);
}

/* ------------------------------------------------------------ config */

static size_t
split_words(char *line, char **words, size_t max)
{
	size_t n = 0;
	char *save = NULL;

	for (char *w = strtok_r(line, " \t", &save); w && n < max; w = strtok_r(NULL, " \t", &save))
		words[n++] = w;
	return n;
}

/* The value of a "set NAME VALUE" or "set NAME = VALUE" line, else NULL. */
static const char *
set_value(char **words, size_t nw)
{
	if (nw == 3)
		return words[2];
	if (nw == 4 && strcmp(words[2], "=") == 0)
		return words[3];
	return NULL;
}

bool
config_setting(const char *text, size_t len, const char *name, char *out, size_t n)
{
	bool found = false;

	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t ln = nl ? (size_t)(nl - (text + pos)) : len - pos;
		char *line = xstrndup(text + pos, ln), *words[8];
		if (ln && line[ln - 1] == '\r')
			line[ln - 1] = '\0';
		size_t nw = split_words(line, words, 8);
		const char *v = nw >= 3 && strcmp(words[0], "set") == 0 &&
					strcmp(words[1], name) == 0 ? set_value(words, nw) : NULL;

		pos += ln + (nl ? 1 : 0);
		if (v) {
			snprintf(out, n, "%s", v);
			found = true;
		}
		free(line);
	}
	return found;
}

int
config_apply(struct keymap *km, struct ui_colors *colors, struct config_settings *set,
	     const char *text, size_t len, const char *file, struct bt_error *err)
{
	long lineno = 0;

	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		char *line = xstrndup(text + pos, n), *words[8];
		size_t nw;
		int rc = BT_OK;

		pos += n + (nl ? 1 : 0);
		lineno++;
		if (n && line[n - 1] == '\r')
			line[n - 1] = '\0';
		/* only whole lines are comments, so "bind # ..." can bind '#' */
		nw = split_words(line, words, 8);
		if (nw == 0 || words[0][0] == '#') {
			free(line);
			continue;
		}
		if (strcmp(words[0], "bind") == 0) {
			const char *view = "", *keyname, *actname;
			size_t klen;
			int key;
			enum action a;
			if (nw == 4 && view_from_name(words[1]) >= 0) {
				view = words[1];
				keyname = words[2];
				actname = words[3];
			} else if (nw == 3) {
				keyname = words[1];
				actname = words[2];
			} else {
				rc = bt_errorf(err, BT_EINPUT, "%s:%ld: expected 'bind [VIEW] KEY ACTION'",
					       file, lineno);
				goto next;
			}
			key = keys_parse(keyname, &klen);
			if (key < 0 || klen != strlen(keyname)) {
				rc = bt_errorf(err, BT_EINPUT, "%s:%ld: unknown key '%s'", file, lineno,
					       keyname);
				goto next;
			}
			a = action_from_name(actname);
			if (a == ACT_NONE && strcmp(actname, "none") != 0) {
				rc = bt_errorf(err, BT_EINPUT, "%s:%ld: unknown action '%s' (see the help "
					       "screen or benchtop(1))", file, lineno, actname);
				goto next;
			}
			keymap_bind(km, view, key, a);
		} else if (strcmp(words[0], "color") == 0) {
			int e = nw >= 3 ? colors_elem_from_name(words[1]) : -1;
			short fg, bg = -1;
			unsigned attr = 0;
			if (nw < 3 || e < 0 || !colors_parse_color(words[2], &fg) ||
			    (nw >= 4 && !colors_parse_color(words[3], &bg))) {
				rc = bt_errorf(err, BT_EINPUT, "%s:%ld: expected 'color ELEMENT FG [BG "
					       "[ATTR...]]' with a known element and colours", file,
					       lineno);
				goto next;
			}
			for (size_t i = 4; i < nw; i++) {
				unsigned a = colors_parse_attr(words[i]);
				if (!a) {
					rc = bt_errorf(err, BT_EINPUT, "%s:%ld: unknown attribute '%s'",
						       file, lineno, words[i]);
					goto next;
				}
				attr |= a;
			}
			if (colors) {
				colors->c[e].fg = fg;
				colors->c[e].bg = bg;
				colors->c[e].attr = attr;
			}
		} else if (strcmp(words[0], "set") == 0 && set_value(words, nw) &&
			   (strcmp(words[1], "ascii") == 0 || strcmp(words[1], "mouse") == 0 ||
			    strcmp(words[1], "auto_reload") == 0)) {
			const char *v = set_value(words, nw);
			bool on = strcmp(v, "true") == 0 || strcmp(v, "yes") == 0;
			if (!on && strcmp(v, "false") != 0 && strcmp(v, "no") != 0) {
				rc = bt_errorf(err, BT_EINPUT, "%s:%ld: 'set %s' takes yes or no (true or "
					       "false)", file, lineno, words[1]);
				goto next;
			}
			if (set)
				*(strcmp(words[1], "ascii") == 0   ? &set->ascii
				  : strcmp(words[1], "mouse") == 0 ? &set->mouse
								   : &set->auto_reload) = on;
		} else if (strcmp(words[0], "set") == 0 && set_value(words, nw) &&
			   strcmp(words[1], "journal") == 0) {
			/* the commands that open the store read it (config_setting) */
			if (store_journal_parse(set_value(words, nw)) < 0)
				rc = bt_errorf(err, BT_EINPUT, "%s:%ld: 'set journal' takes wal, delete "
					       "or auto", file, lineno);
		} else if (strcmp(words[0], "set") == 0 && set_value(words, nw) &&
			   strcmp(words[1], "clipboard") == 0) {
			/* "set clipboard = osc52": y copies over OSC 52 (off by default) */
			const char *v = set_value(words, nw);
			bool on = strcmp(v, "osc52") == 0;
			if (!on && strcmp(v, "off") != 0 && strcmp(v, "none") != 0) {
				rc = bt_errorf(err, BT_EINPUT, "%s:%ld: 'set clipboard' takes osc52 or off",
					       file, lineno);
				goto next;
			}
			if (set)
				set->osc52 = on;
		} else {
			rc = bt_errorf(err, BT_EINPUT, "%s:%ld: unknown command '%s' (bind, color, set)",
				       file, lineno, words[0]);
		}
	next:
		free(line);
		if (rc)
			return rc;
	}
	return BT_OK;
}

/* ------------------------------------------------------------ man page */

void
action_print_man(FILE *out)
{
	struct keymap km;
	struct buf keys;

	keymap_init(&km);
	buf_init(&keys);
	for (int a = 1; a < ACT_COUNT; a++) {
		const struct action_info *ai = &action_table[a];
		buf_reset(&keys);
		for (size_t i = 0; i < km.n; i++) {
			char name[32];
			if ((int)km.b[i].action != a || km.b[i].key == '\n' || km.b[i].key == '\r')
				continue;
			keys_name(km.b[i].key, name, sizeof(name));
			buf_printf(&keys, "%s%s", keys.len ? ", " : "", name);
		}
		fputs(".TP\n.B ", out);
		roff_puts(out, keys.len ? buf_cstr(&keys) : "(unbound)");
		fputs("\n", out);
		roff_puts(out, ai->help);
		fputs(" (", out);
		roff_puts(out, ai->name);
		for (int v = 0, first = 1; v < VIEW_COUNT; v++) {
			if (!(ai->scope & (1u << v)))
				continue;
			fputs(first ? "; " : " ", out);
			roff_puts(out, view_names[v]);
			first = 0;
		}
		fputs(")\n", out);
	}
	fputs(".SH COMMAND LINE\n.B :\nreads a command; any action also runs by its name, without an argument\n"
	      "(e.g. :cycle\\-metric).\n", out);
	for (int i = 0; i < CMD_COUNT; i++) {
		const struct command_info *ci = &command_table[i];
		if (!*ci->help)
			continue;
		command_usage((enum command)i, &keys);
		fputs(".TP\n.B ", out);
		roff_puts(out, buf_cstr(&keys));
		fputs("\n", out);
		if (ci->scope != ANY_VIEW) {
			buf_reset(&keys);
			command_scope_text(ci->scope, &keys);
			fputs("(", out);
			roff_puts(out, buf_cstr(&keys));
			fputs(") ", out);
		}
		roff_puts(out, ci->help);
		fputs(".\n", out);
	}
	buf_free(&keys);
}
