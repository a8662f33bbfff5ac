/* view_help.c: the keys of a view, read from the live keymap (so rebinding a
 * key in the config shows here), and the command line's commands.
 * open() takes the name of the view the help is about. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/model_compare.h"
#include "benchtop/tui.h"

struct help_line {
	char *text;
	enum color_elem color;
};

struct help_view {
	char view[16];
	struct help_line *lines;
	size_t n, cap;
	struct listnav nav;
};

static void __attribute__((format(printf, 3, 4)))
add(struct help_view *hv, enum color_elem color, const char *fmt, ...)
{
	va_list ap;

	BT_GROW(hv->lines, hv->cap, hv->n + 1);
	va_start(ap, fmt);
	hv->lines[hv->n].text = xvasprintf(fmt, ap);
	va_end(ap);
	hv->lines[hv->n].color = color;
	hv->n++;
}

/* What a view's keys cannot say: [view, heading, text]. */
static const char *const notes[][3] = {
	{"compare", "How a task is marked", CMP_RULE " Summary and plot: B - A with its 95% "
	 "confidence interval over the common tasks (Student's t)."},
	{"pair", "Flips", "A flip is an assertion, at one request position, that passes in the "
	 "attempt shown on one side and not in the one on the other; n/N counts the attempts "
	 "of each run that pass it."},
	{"trajdiff", "How two trajectories are aligned", "The commands each agent ran are "
	 "aligned by a longest common subsequence after blank space is collapsed and paths are "
	 "made relative to the working directory: a command both ran shows once (~ when its "
	 "outputs differ), - marks a command only A ran and + one only B ran. The marked row is "
	 "where they first diverge."},
};

/* Text wrapped at 78 columns, indented by two. */
static void
add_wrapped(struct help_view *hv, const char *text)
{
	while (*text) {
		size_t n = strlen(text);
		if (n > 76) {
			n = 76;
			while (n > 0 && text[n] != ' ')
				n--;
			n = n ? n : 76;
		}
		add(hv, COL_TEXT, "  %.*s", (int)n, text);
		text += n;
		while (*text == ' ')
			text++;
	}
}

/* One action's line: its keys (or "(unbound)" after an unbind), what it does, its name. */
static void
add_action(struct app *app, struct help_view *hv, enum action a, struct buf *keys)
{
	keymap_keys_for(&app->km, hv->view, a, keys);
	add(hv, COL_TEXT, "  %-16s %s  (%s)", keys->len ? keys->data : "(unbound)",
	    action_table[a].help, action_table[a].name);
}

static int
helpview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	struct help_view *hv = v->priv;
	struct buf keys;
	(void)err;

	snprintf(hv->view, sizeof(hv->view), "%s", (const char *)arg);
	buf_init(&keys);
	add(hv, COL_HEADER, "Keys in the %s view", hv->view);
	for (int a = 1; a < ACT_COUNT; a++) {
		if (!action_in_view((enum action)a, hv->view) || action_table[a].scope == ANY_VIEW)
			continue;
		add_action(app, hv, (enum action)a, &keys);
	}
	for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]); i++) {
		if (strcmp(notes[i][0], hv->view) != 0)
			continue;
		add(hv, COL_TEXT, "%s", "");
		add(hv, COL_HEADER, "%s", notes[i][1]);
		add_wrapped(hv, notes[i][2]);
	}
	add(hv, COL_TEXT, "%s", "");
	add(hv, COL_HEADER, "Keys everywhere");
	for (int a = 1; a < ACT_COUNT; a++) {
		if (action_table[a].scope != ANY_VIEW)
			continue;
		add_action(app, hv, (enum action)a, &keys);
	}
	add(hv, COL_TEXT, "%s", "");
	add(hv, COL_HEADER, "Commands (type : first)");
	for (int i = 0; i < CMD_COUNT; i++) {
		const struct command_info *ci = &command_table[i];
		if (!*ci->help)
			continue;
		command_usage((enum command)i, &keys);
		add(hv, COL_TEXT, "  %-30s %s", buf_cstr(&keys), ci->help);
	}
	add(hv, COL_TEXT, "  %-30s %s", ":ACTION-NAME", "run any action by its name (e.g. :cycle-metric)");
	add(hv, COL_TEXT, "%s", "");
	add(hv, COL_DIM, "Rebind keys and colours in $XDG_CONFIG_HOME/benchtop/config; see benchtop(1).");
	add(hv, COL_DIM, "Mouse: click selects, double-click opens, the wheel scrolls.");
	buf_free(&keys);
	return BT_OK;
}

static void
helpview_close(struct view *v)
{
	struct help_view *hv = v->priv;

	for (size_t i = 0; i < hv->n; i++)
		free(hv->lines[i].text);
	free(hv->lines);
}

static void
helpview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	struct help_view *hv = v->priv;

	listnav_set(&hv->nav, hv->n, (size_t)(h > 0 ? h : 1));
	for (int r = 0; r < h; r++) {
		size_t i = hv->nav.top + (size_t)r;
		if (i >= hv->n)
			break;
		ui_attr(app, i == hv->nav.cur ? COL_CURSOR : hv->lines[i].color);
		if (i == hv->nav.cur)
			ui_blank(app, y0 + r, 0, w);
		ui_str(app, y0 + r, 0, w, hv->lines[i].text);
	}
}

static enum action
helpview_handle(struct app *app, struct view *v, enum action a)
{
	struct help_view *hv = v->priv;
	(void)app;

	if (view_list_move(&hv->nav, a))
		return ACT_NONE;
	if (a == ACT_HELP || a == ACT_ENTER)
		return ACT_BACK;
	return a;
}

static void
helpview_title(struct app *app, struct view *v, struct buf *out)
{
	(void)app;
	(void)v;
	buf_puts(out, "help");
}

static bool
helpview_search(struct app *app, struct view *v, const char *needle, int dir)
{
	struct help_view *hv = v->priv;
	(void)app;

	for (size_t k = 1; k <= hv->n; k++) {
		size_t i = (hv->nav.cur + (dir > 0 ? k : hv->n * 2 - k)) % hv->n;
		if (strstr(hv->lines[i].text, needle)) {
			listnav_goto(&hv->nav, i);
			return true;
		}
	}
	return false;
}

const struct view_ops view_help_ops = {
	.id = VIEW_HELP,
	.priv_size = sizeof(struct help_view),
	.open = helpview_open,
	.close = helpview_close,
	.draw = helpview_draw,
	.handle = helpview_handle,
	.title = helpview_title,
	.search = helpview_search,
};
