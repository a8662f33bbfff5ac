/* memo.c: triage memory in the explorer: the address of what the cursor
 * is on (@, copied with OSC 52 when that is on), tags (+) and notes (M),
 * :grep, and opening the explorer at an address (benchtop open). */
#include "config.h"

#include "tui_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchtop/model_memory.h"

/* The address under the cursor; false (said) when the view has none. */
static bool
current_address(struct app *app, struct view *v, struct address *a)
{
	if (!v || !v->ops->address || !v->ops->address(app, v, a)) {
		app_message(app, true, "nothing here has an address");
		return false;
	}
	return true;
}

void
app_show_address(struct app *app, struct view *v)
{
	struct address a;
	struct buf text;

	if (!current_address(app, v, &a))
		return;
	buf_init(&text);
	address_format(&a, &text);
	if (app_osc52_copy(app, text.data))
		app_message(app, false, "%s (copied)", text.data);
	else if (!app->message_error)
		app_message(app, false, "%s", text.data);
	buf_free(&text);
}

/* The run, task or attempt a tag or a note goes on (a step's or a
 * request's attempt), as text. */
static bool
memo_address(struct app *app, struct view *v, struct buf *out)
{
	struct address a, up;

	if (!current_address(app, v, &a))
		return false;
	if (a.kind > ADDRESS_ATTEMPT && address_parent(&a, &up))
		a = up;
	address_format(&a, out);
	return true;
}

static const char *
author(void)
{
	const char *u = getenv("USER");
	return u && *u ? u : "unknown";
}

/* After a write: every view shows what the store holds now. */
static void
written(struct app *app, const char *fmt, const char *what)
{
	char msg[256];

	snprintf(msg, sizeof(msg), fmt, what);
	app_dispatch(app, ACT_RELOAD);
	app_message(app, false, "%s", msg);
}

/* The tags in use, while the tags prompt is up (its Tab has no context). */
static const struct strv *tags_in_use;

/* Tab in the tags prompt: the last word (after a '-') completed as far as
 * the tags in use that it begins agree; several left: them, as choices. */
static void
complete_tag(const char *text, struct buf *out, struct buf *choices)
{
	const char *word = strrchr(text, ' ') ? strrchr(text, ' ') + 1 : text;
	size_t typed, common = 0, n = 0;
	const char *first = NULL;

	if (*word == '-')
		word++;
	typed = strlen(word);
	buf_reset(out);
	buf_reset(choices);
	for (size_t i = 0; tags_in_use && i < tags_in_use->n; i++) {
		const char *t = tags_in_use->v[i];
		if (strncmp(t, word, typed) != 0)
			continue;
		if (!first) {
			first = t;
			common = strlen(t);
		}
		while (common > typed && strncmp(t, first, common) != 0)
			common--;
		buf_printf(choices, "%s%s", n++ ? " " : "", t);
	}
	buf_puts(out, text);
	if (first) {
		buf_append(out, first + typed, common - typed);
		if (n == 1)
			buf_putc(out, ' ');
	}
	if (n < 2)
		buf_reset(choices);
	buf_cstr(out);
	buf_cstr(choices);
}

void
app_edit_tags(struct app *app, struct view *v)
{
	struct strv used = {0};
	struct bt_error err = {0};
	struct buf addr, hint, msg;
	char text[256] = "", label[320];

	buf_init(&addr);
	if (!memo_address(app, v, &addr)) {
		buf_free(&addr);
		return;
	}
	buf_init(&hint);
	buf_init(&msg);
	if (store_tag_words(app->st, &used, &err) == BT_OK && used.n) {
		buf_puts(&hint, "tags in use:");
		for (size_t i = 0; i < used.n && hint.len < 400; i++)
			buf_printf(&hint, " %s", used.v[i]);
		app->prompt_hint = hint.data;
	}
	snprintf(label, sizeof(label), "tags for %.200s (-WORD removes): ", addr.data);
	tags_in_use = &used;
	app->prompt_complete = complete_tag;
	bool ok = app_prompt_ex(app, label, text, sizeof(text), NULL);
	app->prompt_complete = NULL;
	tags_in_use = NULL;
	app->prompt_hint = NULL;
	if (ok && text[0]) {
		if (memory_edit_tags(app->store_path, addr.data, text, author(), &msg, &err))
			app_message(app, true, "%s", err.msg);
		else
			written(app, "tags: %s", msg.data);
	}
	strv_free(&used);
	buf_free(&addr);
	buf_free(&hint);
	buf_free(&msg);
}

/* Edit text in $EDITOR (else vi) through a private temporary file; false
 * (said) when that cannot be done. */
static bool
edit_in_editor(struct app *app, struct buf *text)
{
	const char *prog = getenv("EDITOR");
	char path[] = "/tmp/benchtop-note-XXXXXX";
	int fd;

	if (app->headless || app->script) {
		app_message(app, true, "no $EDITOR in a scripted session");
		return false;
	}
	if ((fd = mkstemp(path)) < 0 ||
	    write(fd, text->data ? text->data : "", text->len) != (ssize_t)text->len) {
		app_message(app, true, "cannot write a temporary file: %s", strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		return false;
	}
	close(fd);
	char *data = NULL;
	size_t len = 0;
	bool ok = app_run_on_file(app, prog && *prog ? prog : "vi", path);
	if (ok && file_read(path, 1 << 20, &data, &len, NULL, NULL) != BT_OK) {
		app_message(app, true, "cannot read the note back from %s", path);
		ok = false;
	}
	unlink(path);
	if (!ok)
		return false;
	buf_reset(text);
	buf_append(text, data, len);
	/* the newline an editor ends the file with */
	while (text->len && (text->data[text->len - 1] == '\n' || text->data[text->len - 1] == '\r'))
		text->len--;
	buf_cstr(text);
	free(data);
	return true;
}

void
app_edit_note(struct app *app, struct view *v)
{
	struct bt_error err = {0};
	struct buf addr, note;
	char text[1024], label[320];
	bool tabbed = false;

	buf_init(&addr);
	buf_init(&note);
	if (!memo_address(app, v, &addr) ||
	    memory_read_note(app->st, addr.data, author(), &note, &err)) {
		if (err.msg[0])
			app_message(app, true, "%s", err.msg);
		goto out;
	}
	/* a one-line note is edited in place, a longer one in $EDITOR */
	bool long_note = strchr(note.data, '\n') != NULL;
	if (!long_note) {
		snprintf(text, sizeof(text), "%s", note.data);
		snprintf(label, sizeof(label), "note on %.200s (Tab: $EDITOR): ", addr.data);
		if (!app_prompt_ex(app, label, text, sizeof(text), &tabbed))
			goto out;
		buf_reset(&note);
		buf_puts(&note, text);
	}
	if ((long_note || tabbed) && !edit_in_editor(app, &note))
		goto out;
	if (memory_write_note(app->store_path, addr.data, author(), buf_cstr(&note), &err))
		app_message(app, true, "%s", err.msg);
	else
		written(app, note.len ? "note written on %s" : "note removed from %s", addr.data);
out:
	buf_free(&addr);
	buf_free(&note);
}

void
app_grep(struct app *app, const char *pattern)
{
	if (!*pattern)
		app_message(app, true, "usage: grep PATTERN");
	else
		app_push(app, &view_grep_ops, pattern);
}

/* The attempt number's index in its task's attempts (the attempt view's
 * order); -1 when not there. */
static int
attempt_index(struct app *app, const struct address_target *t, struct bt_error *err)
{
	struct attempt_brief *b;
	size_t n;
	int at = -1;

	if (store_attempt_briefs(app->st, t->run_id, t->task_id, &b, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (b[i].id == t->attempt_id)
			at = (int)i;
	free(b);
	return at;
}

int
app_goto(struct app *app, const char *text, struct bt_error *err)
{
	struct address a;
	struct address_target t;
	char why[160];
	int rc;

	if (!address_parse(text, &a, why, sizeof(why)))
		return bt_errorf(err, BT_EUSAGE, "bad address: %s", why);
	if ((rc = store_resolve_address(app->st, &a, &t, err)))
		return rc;
	/* the runs view is below; each view above it is what Enter would open */
	view_runs_select(app_top(app), t.run_id);
	if (a.kind == ADDRESS_RUN)
		return BT_OK;
	struct task_filter f = {.run_id = t.run_id, .level = -1, .kind = t.task_kind};
	if (!app_push(app, &view_tasks_ops, &f))
		return bt_errorf(err, BT_EIO, "%s", app->message);
	view_tasks_select(app_top(app), t.task_id);
	if (a.kind == ADDRESS_TASK)
		return BT_OK;
	struct attempt_target at = {.run_id = t.run_id, .task_id = t.task_id,
				    .prefer = attempt_index(app, &t, err),
				    .position = a.kind == ADDRESS_REQUEST ? a.request : 0};
	if (at.prefer < 0 || !app_push(app, &view_attempt_ops, &at))
		return bt_errorf(err, BT_EIO, "%s", err->msg[0] ? err->msg : app->message);
	if (a.kind == ADDRESS_STEP) {
		struct text_target tt = {.attempt_id = t.attempt_id, .kind = ARTIFACT_TRAJECTORY,
					 .step = a.step};
		snprintf(tt.title, sizeof(tt.title), "trajectory");
		if (!app_push(app, &view_trajectory_ops, &tt))
			return bt_errorf(err, BT_EIO, "%s", app->message);
	}
	return BT_OK;
}
