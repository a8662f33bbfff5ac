/* export.c: lists you can take away.  Any view with a table op: its rows,
 * filtered and sorted as shown, written to a file (CSV, Markdown or JSON by
 * the file's extension), piped as CSV to a command, or the current row's
 * name copied to the clipboard with OSC 52. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchtop/report.h"
#include "benchtop/sanitize.h"
#include "benchtop/tui.h"
#include "tui_curses.h"

/* The view's list, or false (with a message) when it has none. */
static bool
view_rows(struct app *app, struct view *v, struct list_table *t, size_t *cur)
{
	if (!v || !v->ops->table) {
		app_message(app, true, "this view has no list to take away");
		return false;
	}
	memset(t, 0, sizeof(*t));
	*cur = 0;
	return v->ops->table(app, v, t, cur);
}

static enum report_format
format_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot && (strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0))
		return FMT_MD;
	if (dot && strcmp(dot, ".json") == 0)
		return FMT_JSON;
	return FMT_CSV;
}

/* A file name in the current directory that does not exist yet:
 * benchtop-VIEW.csv, benchtop-VIEW-2.csv ... */
static void
suggest_name(const char *view, char *out, size_t outlen)
{
	snprintf(out, outlen, "benchtop-%s.csv", view);
	for (int i = 2; file_exists(out) && i < 1000; i++)
		snprintf(out, outlen, "benchtop-%s-%d.csv", view, i);
}

static unsigned
report_flags(const struct app *app)
{
	return app->ascii ? REPORT_ASCII : 0;
}

void
app_export_rows(struct app *app, struct view *v)
{
	struct list_table t;
	struct report_table *r;
	char suggested[128], label[640], path[512], answer[16];
	bool overwrite = false;
	size_t cur;
	int fd;
	FILE *f;

	if (!view_rows(app, v, &t, &cur))
		return;
	suggest_name(view_name(v->ops->id), suggested, sizeof(suggested));
	snprintf(label, sizeof(label), "write %zu rows to (.csv, .md, .json) [%s]: ", t.nrows,
		 suggested);
	if (!app_prompt(app, label, path, sizeof(path)))
		return;
	if (!path[0])
		snprintf(path, sizeof(path), "%s", suggested);
	if (file_exists(path)) {
		snprintf(label, sizeof(label), "%s exists: overwrite it? (y/N) ", path);
		if (!app_prompt(app, label, answer, sizeof(answer)) ||
		    (strcmp(answer, "y") != 0 && strcmp(answer, "yes") != 0)) {
			app_message(app, false, "nothing written");
			return;
		}
		overwrite = true;
	}
	/* O_EXCL: a file that appeared since the question is not overwritten */
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (overwrite ? O_TRUNC : O_EXCL), 0666);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		app_message(app, true, "cannot write %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	r = list_table_report(&t);
	report_write(&r, 1, format_of(path), report_flags(app), f);
	report_table_free(r);
	if (ferror(f) | (fclose(f) != 0))
		app_message(app, true, "cannot write %s: %s", path, strerror(errno));
	else
		app_message(app, false, "wrote %zu rows to %s", t.nrows, path);
}

void
app_pipe_rows(struct app *app, struct view *v)
{
	struct list_table t;
	struct report_table *r;
	char label[128], cmd[512];
	size_t cur;
	FILE *p;
	int status;
	void (*old)(int);

	if (!view_rows(app, v, &t, &cur))
		return;
	snprintf(label, sizeof(label), "pipe %zu rows (CSV) to: ", t.nrows);
	if (!app_prompt(app, label, cmd, sizeof(cmd)) || !cmd[0])
		return;
	/* the command gets the terminal (a pager, say) until it ends */
	if (!app->headless) {
		def_prog_mode();
		endwin();
	}
	old = signal(SIGPIPE, SIG_IGN); /* a command that stops reading must not end benchtop */
	if ((p = popen(cmd, "w"))) {
		r = list_table_report(&t);
		report_write(&r, 1, FMT_CSV, report_flags(app), p);
		report_table_free(r);
		status = pclose(p);
	} else {
		status = -1;
	}
	signal(SIGPIPE, old);
	if (!app->headless) {
		char line[8];
		/* what the command printed stays until the user has read it */
		fputs("\n[benchtop: press Enter to go back]", stdout);
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin))
			clearerr(stdin);
		reset_prog_mode();
		clearok(curscr, TRUE);
	}
	if (status == -1)
		app_message(app, true, "cannot run %s: %s", cmd, strerror(errno));
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		app_message(app, true, "%s: command not found", cmd);
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		app_message(app, true, "%s exited with status %d", cmd, WEXITSTATUS(status));
	else
		app_message(app, false, "piped %zu rows to %s", t.nrows, cmd);
}

bool
app_osc52_copy(struct app *app, const char *text)
{
	struct buf seq;
	bool ok = true;

	if (!app->osc52)
		return false;
	buf_init(&seq);
	sanitize_osc52(text, !app->ascii, &seq);
	if (!app->headless && write(STDOUT_FILENO, seq.data, seq.len) != (ssize_t)seq.len) {
		app_message(app, true, "cannot write to the terminal");
		ok = false;
	}
	buf_free(&seq);
	return ok;
}

void
app_copy_row(struct app *app, struct view *v)
{
	struct list_table t;
	struct ui_cell c = {.color = COL_TEXT};
	size_t cur;

	if (!app->osc52) {
		app_message(app, true, "copying is off: 'set clipboard = osc52' in the config turns it "
			    "on (OSC 52, for terminals that allow it)");
		return;
	}
	if (!view_rows(app, v, &t, &cur) || cur >= t.nrows)
		return;
	/* only benchtop's own cell text, sanitized: never an artifact's bytes */
	t.cell(app, t.ctx, cur, t.name_col, &c);
	if (app_osc52_copy(app, c.glyphs ? c.glyphs : c.text))
		app_message(app, false, "copied %s (OSC 52)", c.glyphs ? c.glyphs : c.text);
}
