/* command.c: the command line (":filter x"): the explorer's own commands
 * and the views' commands, as COMMAND_INFO lists them. */
#include "config.h"

#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_curses.h"

/* ------------------------------------------------------------ commands */


/* The commands that are the explorer's own (scope ANY_VIEW). */
static void
run_app_command(struct app *app, struct view *v, enum command cmd, const char *arg)
{
	switch (cmd) {
	case CMD_QUIT:
		app->quit = true;
		break;
	case CMD_SAVE_DISPLAY:
		app_save_display(app, arg);
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
	case CMD_GREP:
		app_grep(app, arg);
		break;
	case CMD_SEARCH:
		snprintf(app->search, sizeof(app->search), "%s", arg);
		app->search_dir = 1;
		app_dispatch(app, ACT_FIND_NEXT);
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
		struct config_settings set = {app->ascii, app->osc52, app->mouse, app->auto_reload};
		if (config_apply(&app->km, &app->colors, &set, text, strlen(text), "command", &err)) {
			app_message(app, true, "%s", err.msg + strlen("command:1: "));
		} else if (cmd == CMD_COLOR) {
			term_colors_apply(app);
		} else {
			app->ascii = set.ascii;
			app->osc52 = set.osc52;
			app->mouse = set.mouse;
			app->auto_reload = set.auto_reload;
			term_mouse_apply(app);
		}
		free(text);
		break;
	}
	case CMD_TICK:
		/* what a second without a key does, for scripted tests */
		app_idle(app);
		break;
	default: /* the views' commands go to the views */
		break;
	}
}

void
command_run(struct app *app, const char *line)
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
			app_dispatch(app, a);
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

