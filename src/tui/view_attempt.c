/* view_attempt.c: everything about one attempt: counts, verifier verdicts,
 * the judge's category, failed assertions by request with cascades, and
 * entries that open its artifacts.  open() takes a struct attempt_target *. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/model_attempt.h"
#include "benchtop/model_memory.h"
#include "benchtop/sanitize.h"
#include "benchtop/tui.h"

/* What the text view opens on. */
struct attempt_view {
	int64_t run_id, task_id;
	struct attempt_brief *briefs;
	size_t n_briefs, cur;
	struct attempt a;
	bool loaded;
	struct attempt_doc doc;
	/* the document wrapped to the window: one entry per screen row */
	struct row_ref {
		size_t line;
		size_t start, len;
		bool first;
	} *rows;
	size_t n_rows, cap_rows;
	int wrap_width;
	struct listnav nav;
	int goto_position; /* scroll to this request's line once drawn; 0: none */
	char memo[160];    /* the attempt's tags and "note" when it has one, for the status */
};

/* The current attempt's tags and note, as the status line says them. */
static int
load_memo(struct app *app, struct attempt_view *av, struct bt_error *err)
{
	struct memory_index mem;
	struct address addr;
	int rc;

	av->memo[0] = '\0';
	if ((rc = memory_index_load(&mem, app->st, err)))
		return rc;
	if (mem.n && store_attempt_address(app->st, av->briefs[av->cur].id, &addr, NULL) == BT_OK) {
		const struct memory_entry *e =
			memory_lookup_parts(&mem, addr.run, addr.task, addr.attempt);
		if (e)
			snprintf(av->memo, sizeof(av->memo), "%s%s%s", e->tags,
				 e->tags[0] && e->note ? " " : "", e->note ? "+note" : "");
	}
	memory_index_free(&mem);
	return BT_OK;
}

static int
load_current(struct app *app, struct attempt_view *av, struct bt_error *err)
{
	int rc;

	if (av->loaded) {
		attempt_free(&av->a);
		attempt_doc_free(&av->doc);
		av->loaded = false;
	}
	if ((rc = store_load_attempt(app->st, av->briefs[av->cur].id, &av->a, err)))
		return rc;
	av->loaded = true;
	if ((rc = load_memo(app, av, err)))
		return rc;
	attempt_doc_build(&av->a, &av->doc);
	av->wrap_width = -1;
	listnav_first(&av->nav);
	/* start on the first artifact entry when nothing else is selectable */
	return BT_OK;
}

static int
load_briefs(struct app *app, struct attempt_view *av, struct bt_error *err)
{
	free(av->briefs);
	av->briefs = NULL;
	if (store_attempt_briefs(app->st, av->run_id, av->task_id, &av->briefs, &av->n_briefs, err))
		return err->code;
	if (av->n_briefs == 0)
		return bt_errorf(err, BT_EINPUT, "this task has no attempts in the run");
	if (av->cur >= av->n_briefs)
		av->cur = av->n_briefs - 1;
	return BT_OK;
}

static int
attemptview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	const struct attempt_target *t = arg;
	struct attempt_view *av = v->priv;
	int rc;

	av->run_id = t->run_id;
	av->task_id = t->task_id;
	av->cur = t->prefer > 0 ? (size_t)t->prefer : 0;
	if ((rc = load_briefs(app, av, err)) || (rc = load_current(app, av, err)))
		return rc;
	/* from the failure board: at the request the row was about */
	long r = t->request ? attempt_find_request(&av->a, t->request, t->occurrence) : -1;
	for (size_t i = 0; t->assertion && r < 0 && i < av->a.n_requests; i++)
		for (size_t k = 0; k < av->a.requests[i].failed.n && r < 0; k++)
			if (strcmp(av->a.requests[i].failed.v[k], t->assertion) == 0)
				r = (long)i;
	if (r >= 0)
		av->goto_position = av->a.requests[r].position;
	if (t->position)
		av->goto_position = t->position;
	return BT_OK;
}

/* The row of the first line of request `position`'s entry, or -1. */
static long
request_row(const struct attempt_view *av, int position)
{
	for (size_t i = 0; i < av->n_rows; i++) {
		const struct doc_line *l = &av->doc.v[av->rows[i].line];
		int pos;
		if (av->rows[i].first && (l->role == DOC_REQUEST_FAIL || l->role == DOC_CASCADE) &&
		    sscanf(l->text, "#%d", &pos) == 1 && pos == position)
			return (long)i;
	}
	return -1;
}

static void
attemptview_close(struct view *v)
{
	struct attempt_view *av = v->priv;

	if (av->loaded) {
		attempt_free(&av->a);
		attempt_doc_free(&av->doc);
	}
	free(av->briefs);
	free(av->rows);
}

static void
wrap(struct app *app, struct attempt_view *av, int w)
{
	struct san_opts so = {.utf8 = !app->ascii};

	if (av->wrap_width == w)
		return;
	av->wrap_width = w;
	av->n_rows = 0;
	for (size_t i = 0; i < av->doc.n; i++) {
		const struct doc_line *l = &av->doc.v[i];
		size_t len = strlen(l->text), pos = 0;
		long avail = w - l->indent - 3;
		bool first = true;
		/* prose wraps; everything else is one row, cut at the edge */
		bool wraps = l->role == DOC_TEXT || l->role == DOC_WARN || l->role == DOC_BAD ||
			     l->role == DOC_GOOD;
		do {
			size_t n = wraps && avail > 8 ? sanitize_fit(l->text + pos, len - pos, &so, avail,
								     true)
						     : len - pos;
			if (n == 0)
				n = len - pos;
			BT_GROW(av->rows, av->cap_rows, av->n_rows + 1);
			av->rows[av->n_rows++] = (struct row_ref){i, pos, n, first};
			pos += n;
			first = false;
			while (pos < len && l->text[pos] == ' ')
				pos++;
		} while (pos < len);
	}
	av->nav.n = av->n_rows;
	listnav_clamp(&av->nav);
}

static enum color_elem
role_color(enum doc_role r)
{
	switch (r) {
	case DOC_HEADING: return COL_HEADER;
	case DOC_GOOD: return COL_GOOD;
	case DOC_BAD:
	case DOC_REQUEST_FAIL: return COL_BAD;
	case DOC_WARN:
	case DOC_CASCADE: return COL_WARN;
	case DOC_DIM: return COL_DIM;
	case DOC_ARTIFACT: return COL_MARK;
	default: return COL_TEXT;
	}
}

static void
draw_tabs(struct app *app, struct attempt_view *av, int y, int w)
{
	int x = 1;

	ui_attr(app, COL_TEXT);
	ui_blank(app, y, 0, w);
	for (size_t i = 0; i < av->n_briefs && x < w; i++) {
		const struct attempt_brief *b = &av->briefs[i];
		char label[32];
		ui_attr(app, i == av->cur ? COL_CURSOR : COL_TEXT);
		snprintf(label, sizeof(label), "run_%d ", b->number);
		x += ui_str(app, y, x, w - x, label);
		x += ui_strip(app, y, x, &b->outcome, 1);
		ui_attr(app, COL_TEXT);
		x += ui_str(app, y, x, w - x, "  ");
	}
	ui_attr(app, COL_DIM);
	if (x + 24 < w)
		ui_str(app, y, x, w - x, "[ ] keys: other attempts");
}

static void
attemptview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	struct attempt_view *av = v->priv;

	struct buf fit;

	if (h < 2)
		return;
	buf_init(&fit);
	draw_tabs(app, av, y0, w);
	wrap(app, av, w);
	listnav_set(&av->nav, av->n_rows, (size_t)(h - 1));
	if (av->goto_position) {
		long row = request_row(av, av->goto_position);
		av->goto_position = 0;
		if (row >= 0) {
			av->nav.cur = av->nav.top = (size_t)row;
			listnav_clamp(&av->nav);
		}
	}
	for (int r = 0; r < h - 1; r++) {
		size_t row = av->nav.top + (size_t)r;
		const struct row_ref *rr;
		const struct doc_line *l;
		int y = y0 + 1 + r;

		if (row >= av->n_rows)
			break;
		rr = &av->rows[row];
		l = &av->doc.v[rr->line];
		ui_attr(app, row == av->nav.cur ? COL_CURSOR : role_color(l->role));
		if (row == av->nav.cur)
			ui_blank(app, y, 0, w);
		/* continuation rows hang under the first */
		int indent = l->indent + (rr->first ? 0 : 2);
		if (l->cut_len && rr->first && rr->len == strlen(l->text)) {
			/* a request line: its URL cut in the middle to keep the rest */
			attempt_doc_fit(l, w - indent, !app->ascii, &fit);
			ui_text(app, y, indent, w - indent, fit.data, fit.len, 0);
			continue;
		}
		ui_text(app, y, indent, w - indent, l->text + rr->start, rr->len, 0);
	}
	buf_free(&fit);
}

/* The failed request under the cursor (its line or its assertions'),
 * for the log viewer to open at its access line; false when none. */
static bool
request_at_cursor(const struct attempt_view *av, struct text_target *t)
{
	const struct request *r;
	long i;

	if (!av->n_rows || (i = av->doc.v[av->rows[av->nav.cur].line].request) < 0 ||
	    (size_t)i >= av->a.n_requests)
		return false;
	r = &av->a.requests[i];
	snprintf(t->method, sizeof(t->method), "%s", r->method ? r->method : "");
	snprintf(t->url, sizeof(t->url), "%s", r->url ? r->url : "");
	t->position = r->position;
	/* the same method and URL may repeat: match the n-th access line */
	for (long k = 0; k < i; k++)
		t->occurrence += str_eq(av->a.requests[k].method, r->method) &&
				 str_eq(av->a.requests[k].url, r->url);
	return t->method[0] != '\0';
}

static void
open_artifact(struct app *app, struct attempt_view *av, enum artifact_kind k)
{
	struct text_target t = {.attempt_id = av->a.id, .task_id = av->a.task_id, .kind = k};
	static const struct view_ops *const viewers[ARTIFACT_KINDS] = {
#define ARTIFACT_VIEWER(id, name, title, heading, viewer, option) [id] = &view_##viewer##_ops,
		ARTIFACT_KIND_LIST(ARTIFACT_VIEWER)
	};
	char why[sizeof(app->message)];

	if (!av->a.artifacts[k].present) {
		app_message(app, true, "this attempt has no %s", artifact_kind_name(k));
		return;
	}
	snprintf(t.title, sizeof(t.title), "%s", artifact_kinds[k].title);
	if (k == ARTIFACT_SERVER_LOG)
		request_at_cursor(av, &t);
	if (app_push(app, viewers[k], &t))
		return;
	/* what the viewer cannot read (a text trajectory) is shown as plain text */
	snprintf(why, sizeof(why), "%s", app->message);
	if (app_push(app, &view_text_ops, &t))
		app_message(app, false, "shown as plain text: %s", why);
}

static void
switch_attempt(struct app *app, struct attempt_view *av, int delta)
{
	struct bt_error err = {0};
	size_t old = av->cur;

	if ((delta < 0 && av->cur == 0) || (delta > 0 && av->cur + 1 >= av->n_briefs))
		return;
	av->cur = (size_t)((long)av->cur + delta);
	if (load_current(app, av, &err)) {
		app_message(app, true, "%s", err.msg);
		av->cur = old;
		load_current(app, av, &err);
	}
}

static enum action
attemptview_handle(struct app *app, struct view *v, enum action a)
{
	struct attempt_view *av = v->priv;

	if (view_list_move(&av->nav, a))
		return ACT_NONE;
	switch (a) {
	case ACT_PREV_ATTEMPT:
	case ACT_LEFT:
		switch_attempt(app, av, -1);
		return ACT_NONE;
	case ACT_NEXT_ATTEMPT:
	case ACT_RIGHT:
		switch_attempt(app, av, 1);
		return ACT_NONE;
	case ACT_ENTER:
		if (av->n_rows) {
			const struct doc_line *l = &av->doc.v[av->rows[av->nav.cur].line];
			struct text_target req = {0};
			if (l->artifact >= 0)
				open_artifact(app, av, (enum artifact_kind)l->artifact);
			else if (request_at_cursor(av, &req))
				open_artifact(app, av, ARTIFACT_SERVER_LOG);
			else
				app_message(app, false, "Enter opens the artifact entries at the end "
					    "and a failed request's line in the server log; "
					    "d patch, L log, I setup log, J trajectory");
		}
		return ACT_NONE;
	case ACT_OPEN_PATCH: open_artifact(app, av, ARTIFACT_PATCH); return ACT_NONE;
	case ACT_OPEN_LOG: open_artifact(app, av, ARTIFACT_SERVER_LOG); return ACT_NONE;
	case ACT_OPEN_SETUP_LOG: open_artifact(app, av, ARTIFACT_SETUP_LOG); return ACT_NONE;
	case ACT_OPEN_TRAJECTORY: open_artifact(app, av, ARTIFACT_TRAJECTORY); return ACT_NONE;
	default:
		return a;
	}
}

static void
attemptview_title(struct app *app, struct view *v, struct buf *out)
{
	struct attempt_view *av = v->priv;
	(void)app;
	buf_printf(out, "%s %s run_%d", av->a.task.name, ui_glyph_str(app, G_SEP), av->a.number);
}

static void
attemptview_status(struct app *app, struct view *v, struct buf *out)
{
	struct attempt_view *av = v->priv;
	(void)app;
	buf_printf(out, "attempt %zu of %zu  A%% %.1f  strict %.1f  %s", av->cur + 1, av->n_briefs,
		   av->a.raw * 100, av->a.strict * 100, av->a.succeeded ? "succeeded" : "failed");
	if (av->memo[0])
		buf_printf(out, "  tags: %s", av->memo);
}

static bool
attemptview_search(struct app *app, struct view *v, const char *needle, int dir)
{
	struct attempt_view *av = v->priv;
	size_t n = av->n_rows;
	(void)app;

	for (size_t k = 1; k <= n; k++) {
		size_t i = (av->nav.cur + (dir > 0 ? k : n * 2 - k)) % n;
		const struct row_ref *rr = &av->rows[i];
		const char *text = av->doc.v[rr->line].text + rr->start;
		if (memmem(text, rr->len, needle, strlen(needle))) {
			listnav_goto(&av->nav, i);
			return true;
		}
	}
	return false;
}

static void
attemptview_click(struct app *app, struct view *v, int y, int x, bool dbl)
{
	struct attempt_view *av = v->priv;
	size_t row = av->nav.top + (size_t)(y - v->y0 - 1);
	(void)x;

	if (y == v->y0) {
		/* a click on the tabs line: pick the attempt by position */
		int pos = 1;
		for (size_t i = 0; i < av->n_briefs; i++) {
			char label[32];
			int width = snprintf(label, sizeof(label), "run_%d ", av->briefs[i].number) + 3;
			if (x >= pos && x < pos + width) {
				switch_attempt(app, av, (int)i - (int)av->cur);
				return;
			}
			pos += width;
		}
		return;
	}
	if (row >= av->n_rows)
		return;
	listnav_goto(&av->nav, row);
	if (dbl)
		attemptview_handle(app, v, ACT_ENTER);
}

static int
attemptview_reload(struct app *app, struct view *v, struct bt_error *err)
{
	struct attempt_view *av = v->priv;
	int number = av->loaded ? av->a.number : 0;
	size_t keep = av->nav.cur;
	int rc;

	if ((rc = load_briefs(app, av, err)))
		return rc;
	for (size_t i = 0; i < av->n_briefs; i++)
		if (av->briefs[i].number == number)
			av->cur = i;
	if ((rc = load_current(app, av, err)))
		return rc;
	av->nav.cur = keep;
	return BT_OK;
}

static bool
attemptview_address(struct app *app, struct view *v, struct address *out)
{
	struct attempt_view *av = v->priv;

	if (store_attempt_address(app->st, av->briefs[av->cur].id, out, NULL))
		return false;
	/* on a failed request's lines: that request, RUN:TASK:N:rPOSITION */
	if (av->nav.cur < av->n_rows) {
		const struct doc_line *l = &av->doc.v[av->rows[av->nav.cur].line];
		if (l->request >= 0 && (size_t)l->request < av->a.n_requests) {
			out->kind = ADDRESS_REQUEST;
			out->request = av->a.requests[l->request].position;
		}
	}
	return true;
}

const struct view_ops view_attempt_ops = {
	.id = VIEW_ATTEMPT,
	.priv_size = sizeof(struct attempt_view),
	.open = attemptview_open,
	.close = attemptview_close,
	.draw = attemptview_draw,
	.handle = attemptview_handle,
	.title = attemptview_title,
	.status = attemptview_status,
	.search = attemptview_search,
	.click = attemptview_click,
	.reload = attemptview_reload,
	.address = attemptview_address,
};
