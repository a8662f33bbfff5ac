/* view_trajdiff.c: two trajectories step by step (model_trajdiff.c aligns
 * them): two summary lines (the commands each side ran, matched, where
 * they diverged; how each ended), the aligned commands (a command both ran
 * shows once; only in A or only in B stands out, and the first divergence
 * is marked and selected on open), and the selected command's outputs
 * under the list at 80 columns or side by side when wide, folded when
 * long, or (o) the diff of the two.  open() takes a struct trajdiff_target
 * *; with no second attempt it first lists the task's other attempts, in
 * this run and the others, to choose from. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/model_trajdiff.h"
#include "benchtop/model_trajectory.h"
#include "benchtop/tui.h"
#include "pager.h"

#define FOLD_MIN 16
#define FOLD_HEAD 10
#define BESIDE_MIN 120

/* One side: its attempt and parsed trajectory. */
struct side {
	struct attempt a;
	bool have_a;
	char run[128];
	struct traj_model m;
	bool have_m;
};

/* A line of the output pane: text borrowed from a trajectory. */
struct dline {
	const char *s;  /* NULL for a heading or a fold line */
	size_t len;     /* a fold line: the lines folded */
	size_t off;     /* a heading: its text's offset in tv->heads */
	enum color_elem c;
	char mark;      /* ' ', '-', '+'; 'f' a fold line, 'h' a heading */
};
struct dlines {
	struct dline *v;
	size_t n, cap;
};

struct tdview {
	struct app *app;
	struct trajdiff_target target;
	/* choosing the other attempt */
	bool picking;
	struct attempt_brief *cand;
	char (*cand_run)[128];
	size_t n_cand;
	struct listnav pick;
	/* the diff */
	struct side sa, sb;
	struct trajdiff d;
	bool built;
	struct listnav nav;
	bool detail_focus;
	bool show_diff;
	bool *unfolded; /* per row */
	struct obsdiff od;
	long od_row;
	/* the output pane of the selected row */
	struct dlines left, right; /* right: B's side when side by side */
	long shown_row;
	int shown_mode;
	struct buf heads;          /* the headings' text */
	long top, hscroll;
	int page;
	struct buf counts, ends;
};

/* ------------------------------------------------------------ output pane */

static struct dline *
dl_push(struct dlines *l, const char *s, size_t len, enum color_elem c, char mark)
{
	BT_GROW(l->v, l->cap, l->n + 1);
	l->v[l->n].s = s;
	l->v[l->n].len = len;
	l->v[l->n].off = 0;
	l->v[l->n].c = c;
	l->v[l->n].mark = mark;
	return &l->v[l->n++];
}

/* A heading "A#3 output: 12 lines"; its text goes into tv->heads. */
static void
dl_head(struct tdview *tv, struct dlines *l, const char *what, char side, long num, size_t lines)
{
	size_t at = tv->heads.len;

	buf_printf(&tv->heads, "%c#%ld output%s: %zu line%s", side, num, what, lines,
		   lines == 1 ? "" : "s");
	dl_push(l, NULL, tv->heads.len - at, COL_DIM, 'h')->off = at;
}

static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (const char *p = s; *p; n++) {
		const char *nl = strchr(p, '\n');
		if (!nl)
			return n + 1;
		p = nl + 1;
	}
	return n;
}

/* The lines of an output, the first FOLD_HEAD of a long one unless unfolded. */
static void
dl_output(struct dlines *l, const char *s, bool unfolded)
{
	size_t total = count_lines(s), k = 0;
	bool fold = !unfolded && total > FOLD_MIN;

	for (const char *p = s; *p && (!fold || k < FOLD_HEAD); k++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		dl_push(l, p, len && p[len - 1] == '\r' ? len - 1 : len, COL_TEXT, ' ');
		p += len + (nl ? 1 : 0);
	}
	if (fold)
		dl_push(l, NULL, total - FOLD_HEAD, COL_DIM, 'f');
}

/* Build the pane of the selected row (again when the row or mode changed). */
static void
pane_build(struct tdview *tv, bool beside)
{
	long row = (long)tv->nav.cur;
	int mode = (beside ? 1 : 0) | (tv->show_diff ? 2 : 0) |
		   (tv->d.n && tv->unfolded[row] ? 4 : 0);
	const struct tdiff_row *r;
	bool unf;

	if (tv->shown_row == row && tv->shown_mode == mode)
		return;
	tv->shown_row = row;
	tv->shown_mode = mode;
	tv->left.n = tv->right.n = 0;
	buf_reset(&tv->heads);
	tv->top = tv->hscroll = 0;
	if (!tv->d.n)
		return;
	r = &tv->d.rows[row];
	unf = tv->unfolded[row];
	if (tv->show_diff && r->kind == TDIFF_CHANGED) {
		if (tv->od_row != row) {
			obsdiff_free(&tv->od);
			trajdiff_obs_diff(trajdiff_output(&tv->d, (size_t)row, 'a'),
					  trajdiff_output(&tv->d, (size_t)row, 'b'), &tv->od);
			tv->od_row = row;
		}
		for (size_t i = 0; i < tv->od.n; i++) {
			const struct obsdiff_line *o = &tv->od.v[i];
			dl_push(&tv->left, o->s, o->len,
				o->kind == '-' ? COL_DIFF_DEL : o->kind == '+' ? COL_DIFF_ADD : COL_TEXT,
				o->kind);
		}
		return;
	}
	if (r->kind == TDIFF_SAME) {
		const char *out = trajdiff_output(&tv->d, (size_t)row, 'a');
		dl_head(tv, &tv->left, ", the same on both sides", 'A', r->na, count_lines(out));
		dl_output(&tv->left, out, unf);
	} else {
		struct dlines *bl = beside ? &tv->right : &tv->left;
		if (r->na) {
			const char *out = trajdiff_output(&tv->d, (size_t)row, 'a');
			dl_head(tv, &tv->left, "", 'A', r->na, count_lines(out));
			dl_output(&tv->left, out, unf);
		}
		if (r->nb) {
			const char *out = trajdiff_output(&tv->d, (size_t)row, 'b');
			dl_head(tv, bl, "", 'B', r->nb, count_lines(out));
			dl_output(bl, out, unf);
		}
	}
}

static void
pane_lines(struct tdview *tv, const struct dlines *l, int y, int x, int w, int h)
{
	struct app *app = tv->app;
	const char *needle = *app->search ? app->search : NULL;

	for (int i = 0; i < h; i++) {
		size_t k = (size_t)tv->top + (size_t)i;
		const struct dline *d;
		if (k >= l->n)
			break;
		d = &l->v[k];
		if (d->mark == 'f') {
			ui_attr(app, COL_DIM);
			ui_glyph(app, y + i, x, G_ELLIPSIS);
			ui_printf(app, y + i, x + 2, w - 2, "%zu more lines (z unfolds)", d->len);
			continue;
		}
		if (d->mark == 'h') {
			ui_attr(app, COL_DIM);
			ui_text(app, y + i, x, w, tv->heads.data + d->off, d->len, 0);
			continue;
		}
		if (d->mark == '-' || d->mark == '+') {
			ui_attr(app, d->c);
			ui_text(app, y + i, x, 1, &d->mark, 1, 0);
			pager_text(app, y + i, x + 1, w - 1, d->s, d->len, tv->hscroll, needle, d->c);
			continue;
		}
		pager_text(app, y + i, x, w, d->s, d->len, tv->hscroll, needle, d->c);
	}
}

static void
pane_draw(struct tdview *tv, int y, int w, int h, bool beside)
{
	struct app *app = tv->app;
	const struct tdiff_row *r;
	size_t rows;

	if (h < 2 || !tv->d.n)
		return;
	pane_build(tv, beside);
	r = &tv->d.rows[tv->nav.cur];
	ui_attr(app, tv->detail_focus ? COL_CURSOR : COL_HEADER);
	ui_blank(app, y, 0, w);
	{
		struct buf t;
		buf_init(&t);
		if (r->na)
			buf_printf(&t, "A#%ld", r->na);
		if (r->nb)
			buf_printf(&t, "%sB#%ld", r->na ? "/" : "", r->nb);
		buf_puts(&t, r->kind == TDIFF_SAME      ? "  same command, same output"
			     : r->kind == TDIFF_CHANGED ? (tv->show_diff ? "  output diff: - A, + B"
								 : "  same command, other output (o: diff)")
			     : r->kind == TDIFF_ONLY_A  ? "  only in A"
							: "  only in B");
		if (tv->show_diff && r->kind == TDIFF_CHANGED)
			buf_printf(&t, ", %zu removed, %zu added%s", tv->od.removed, tv->od.added,
				   tv->od.exact ? "" : " (too long to align)");
		ui_text(app, y, 0, w, t.data, t.len, 0);
		buf_free(&t);
	}
	tv->page = h - 1;
	rows = tv->left.n > tv->right.n ? tv->left.n : tv->right.n;
	if (tv->top > (long)rows - 1)
		tv->top = rows ? (long)rows - 1 : 0;
	if (tv->right.n) {
		int lw = (w - 1) / 2;
		pane_lines(tv, &tv->left, y + 1, 0, lw, h - 1);
		ui_attr(app, COL_DIM);
		for (int i = 1; i < h; i++)
			ui_glyph(app, y + i, lw, G_VLINE);
		pane_lines(tv, &tv->right, y + 1, lw + 1, w - lw - 1, h - 1);
	} else {
		pane_lines(tv, &tv->left, y + 1, 0, w, h - 1);
	}
}

/* ------------------------------------------------------------ the list */

static enum color_elem
kind_color(enum tdiff_kind k)
{
	return k == TDIFF_ONLY_A ? COL_DIFF_DEL : k == TDIFF_ONLY_B ? COL_DIFF_ADD
		: k == TDIFF_CHANGED ? COL_WARN : COL_TEXT;
}

/* A command's first line (and a mark when it has more). */
static void
command_line(struct app *app, int y, int x, int w, const char *cmd)
{
	const char *nl = strchr(cmd, '\n');
	int used = ui_text(app, y, x, w, cmd, nl ? (size_t)(nl - cmd) : strlen(cmd), 0);

	if (nl && used + 2 < w)
		ui_glyph(app, y, x + used + 1, G_ELLIPSIS);
}

static void
list_draw(struct tdview *tv, int y0, int h, int w, bool beside)
{
	static const char kinds[] = " ~-+";
	struct app *app = tv->app;
	int half = (w - 1) / 2;

	ui_attr(app, COL_HEADER);
	ui_blank(app, y0, 0, w);
	ui_str(app, y0, 0, w, beside ? "     A#   B#  both ran, or only A ran" : "     A#   B#  command");
	if (beside)
		ui_str(app, y0, half + 1, w - half - 1, "  B#  only B ran");
	listnav_set(&tv->nav, tv->d.n, (size_t)(h > 1 ? h - 1 : 1));
	for (int i = 0; i < h - 1; i++) {
		size_t row = tv->nav.top + (size_t)i;
		int y = y0 + 1 + i;
		const struct tdiff_row *r;
		bool cur = row == tv->nav.cur;
		char num[16];

		if (row >= tv->d.n)
			break;
		r = &tv->d.rows[row];
		ui_attr(app, cur ? COL_CURSOR : COL_TEXT);
		ui_blank(app, y, 0, w);
		if ((long)row == tv->d.first_div) {
			if (!cur)
				ui_attr(app, COL_MARK);
			ui_glyph(app, y, 0, G_MARK);
		}
		ui_attr(app, cur ? COL_CURSOR : kind_color(r->kind));
		ui_text(app, y, 1, 1, &kinds[r->kind], 1, 0);
		if (r->na) {
			snprintf(num, sizeof(num), "%4ld", r->na);
			ui_str(app, y, 3, 4, num);
		}
		if (r->nb) {
			snprintf(num, sizeof(num), "%4ld", r->nb);
			ui_str(app, y, beside && r->kind == TDIFF_ONLY_B ? half + 1 : 8, 4, num);
		}
		if (beside && r->kind == TDIFF_ONLY_B)
			command_line(app, y, half + 7, w - half - 7, trajdiff_command(&tv->d, row));
		else
			command_line(app, y, 14, (beside && r->kind == TDIFF_ONLY_A ? half : w) - 14,
				     trajdiff_command(&tv->d, row));
		if (beside && r->kind != TDIFF_SAME && r->kind != TDIFF_CHANGED) {
			ui_attr(app, cur ? COL_CURSOR : COL_DIM);
			ui_glyph(app, y, half, G_VLINE);
		}
	}
}

static void
summary_draw(struct tdview *tv, int y, int w)
{
	struct app *app = tv->app;

	ui_attr(app, COL_HEADER);
	ui_blank(app, y, 0, w);
	ui_text(app, y, 0, w, tv->counts.data, tv->counts.len, 0);
	ui_blank(app, y + 1, 0, w);
	ui_text(app, y + 1, 0, w, tv->ends.data, tv->ends.len, 0);
}

static void
pick_draw(struct tdview *tv, int y0, int h, int w)
{
	struct app *app = tv->app;

	ui_attr(app, COL_HEADER);
	ui_blank(app, y0, 0, w);
	ui_printf(app, y0, 0, w, "Diff %s run_%d with which attempt of the task? (Enter)",
		  tv->sa.run, tv->sa.a.number);
	listnav_set(&tv->pick, tv->n_cand, (size_t)(h > 1 ? h - 1 : 1));
	for (int i = 0; i < h - 1; i++) {
		size_t k = tv->pick.top + (size_t)i;
		const struct attempt_brief *c;
		char line[256];
		if (k >= tv->n_cand)
			break;
		c = &tv->cand[k];
		snprintf(line, sizeof(line), "run_%d  %c  strict A%% %5.1f  %s", c->number, c->outcome,
			 c->strict * 100, c->run_id == tv->sa.a.run_id ? "(this run)" : "");
		ui_attr(app, k == tv->pick.cur ? COL_CURSOR : COL_TEXT);
		ui_blank(app, y0 + 1 + i, 0, w);
		ui_str(app, y0 + 1 + i, 2, w / 2 - 3, tv->cand_run[k]);
		ui_str(app, y0 + 1 + i, w / 2, w - w / 2, line);
	}
	if (!tv->n_cand) {
		ui_attr(app, COL_DIM);
		ui_str(app, y0 + 1, 2, w - 2, "no other attempt of this task in the store");
	}
}

static void
tdview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	struct tdview *tv = v->priv;
	bool beside = w >= BESIDE_MIN;
	int lh;

	tv->app = app;
	if (tv->picking) {
		pick_draw(tv, y0, h, w);
		return;
	}
	if (h < 6)
		return;
	summary_draw(tv, y0, w);
	y0 += 2;
	h -= 2;
	lh = beside ? h / 2 : h * 2 / 5;
	if (lh < 3)
		lh = 3;
	list_draw(tv, y0, lh, w, beside);
	pane_draw(tv, y0 + lh, w, h - lh, beside);
}

/* ------------------------------------------------------------ loading */

static int
side_load(struct app *app, struct side *s, int64_t id, const char *which, struct bt_error *err)
{
	struct store_blob *blob;
	struct bt_error e = {0};
	int rc;

	if ((rc = store_load_attempt(app->st, id, &s->a, err)))
		return rc;
	s->have_a = true;
	if ((rc = store_run_name(app->st, s->a.run_id, s->run, sizeof(s->run), err)))
		return rc;
	if (!s->a.artifacts[ARTIFACT_TRAJECTORY].present)
		return bt_errorf(err, BT_EINPUT, "%s (%s run_%d) has no trajectory", which, s->run,
				 s->a.number);
	if ((rc = store_blob_open(app->st, id, ARTIFACT_TRAJECTORY, &blob, err)))
		return rc;
	if ((rc = traj_model_open(&s->m, blob, s->a.artifacts[ARTIFACT_TRAJECTORY].format, &e)))
		return bt_errorf(err, rc, "%s (%s run_%d): %s", which, s->run, s->a.number, e.msg);
	s->have_m = true;
	return BT_OK;
}

static void
side_free(struct side *s)
{
	if (s->have_a)
		attempt_free(&s->a);
	if (s->have_m)
		traj_model_close(&s->m);
	memset(s, 0, sizeof(*s));
}

static void
diff_free(struct tdview *tv)
{
	if (tv->built)
		trajdiff_free(&tv->d);
	tv->built = false;
	obsdiff_free(&tv->od);
	tv->od_row = -1;
	free(tv->unfolded);
	tv->unfolded = NULL;
	tv->shown_row = -1;
	tv->left.n = tv->right.n = 0;
}

/* Align the two sides and select the first divergence. */
static void
diff_build(struct tdview *tv)
{
	diff_free(tv);
	trajdiff_build(&tv->d, &tv->sa.m.t, &tv->sb.m.t);
	tv->built = true;
	tv->unfolded = xcalloc(tv->d.n ? tv->d.n : 1, sizeof(bool));
	trajdiff_summary(&tv->d, &tv->counts, &tv->ends);
	listnav_set(&tv->nav, tv->d.n, tv->nav.height ? tv->nav.height : 1);
	listnav_goto(&tv->nav, tv->d.first_div > 0 ? (size_t)tv->d.first_div : 0);
	/* the commands before the divergence stay in sight */
	tv->nav.top = tv->nav.cur > 2 ? tv->nav.cur - 2 : 0;
}

static int
load_b(struct app *app, struct tdview *tv, int64_t id, struct bt_error *err)
{
	int rc;

	side_free(&tv->sb);
	if ((rc = side_load(app, &tv->sb, id, "B", err)))
		return rc;
	tv->target.b = id;
	diff_build(tv);
	return BT_OK;
}

/* The task's other attempts: this run's first, then the other runs'. */
static int
candidates(struct app *app, struct tdview *tv, struct bt_error *err)
{
	struct attempt_brief *b;
	size_t n, k = 0;
	int rc;

	if ((rc = store_attempt_briefs(app->st, 0, tv->sa.a.task_id, &b, &n, err)))
		return rc;
	tv->cand = xcalloc(n ? n : 1, sizeof(*tv->cand));
	tv->cand_run = xcalloc(n ? n : 1, sizeof(*tv->cand_run));
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++) {
			bool same = b[i].run_id == tv->sa.a.run_id;
			if (b[i].id == tv->sa.a.id || same != (pass == 0))
				continue;
			tv->cand[k] = b[i];
			if ((rc = store_run_name(app->st, b[i].run_id, tv->cand_run[k],
						 sizeof(tv->cand_run[k]), err))) {
				free(b);
				return rc;
			}
			k++;
		}
	tv->n_cand = k;
	free(b);
	listnav_set(&tv->pick, k, 1);
	return BT_OK;
}

/* ------------------------------------------------------------ keys */

static void
select_row(struct tdview *tv, long row)
{
	if (row >= 0 && (size_t)row < tv->d.n)
		listnav_goto(&tv->nav, (size_t)row);
}

static enum action
pick_handle(struct app *app, struct tdview *tv, enum action a)
{
	struct bt_error err = {0};

	if (view_list_move(&tv->pick, a))
		return ACT_NONE;
	if (a != ACT_ENTER)
		return a;
	if (!tv->n_cand)
		return ACT_NONE;
	if (load_b(app, tv, tv->cand[tv->pick.cur].id, &err)) {
		side_free(&tv->sb);
		app_message(app, true, "%s", err.msg);
		return ACT_NONE;
	}
	tv->picking = false;
	return ACT_NONE;
}

static enum action
tdview_handle(struct app *app, struct view *v, enum action a)
{
	struct tdview *tv = v->priv;
	long page = tv->page > 1 ? tv->page : 1;
	long rows = (long)(tv->left.n > tv->right.n ? tv->left.n : tv->right.n);

	tv->app = app;
	if (tv->picking)
		return pick_handle(app, tv, a);
	switch (a) {
	case ACT_ENTER:
		tv->detail_focus = true;
		return ACT_NONE;
	case ACT_SWITCH_PANE:
		tv->detail_focus = !tv->detail_focus;
		return ACT_NONE;
	case ACT_FOLD:
		if (tv->d.n)
			tv->unfolded[tv->nav.cur] = !tv->unfolded[tv->nav.cur];
		return ACT_NONE;
	case ACT_OUTPUT_DIFF:
		tv->show_diff = !tv->show_diff;
		if (tv->d.n && tv->d.rows[tv->nav.cur].kind != TDIFF_CHANGED)
			app_message(app, false, "o shows the diff of a command both ran with "
				    "other outputs (marked ~)");
		return ACT_NONE;
	case ACT_NEXT_ERROR:
	case ACT_PREV_ERROR: {
		long r = trajdiff_next_change(&tv->d, (long)tv->nav.cur, a == ACT_NEXT_ERROR ? 1 : -1);
		if (r < 0)
			app_message(app, false, "no difference %s", a == ACT_NEXT_ERROR ? "below" : "above");
		select_row(tv, r);
		return ACT_NONE;
	}
	default:
		break;
	}
	if (!tv->detail_focus)
		return view_list_move(&tv->nav, a) ? ACT_NONE : a;
	switch (a) {
	case ACT_UP: tv->top -= tv->top > 0; return ACT_NONE;
	case ACT_DOWN: tv->top += tv->top + 1 < rows; return ACT_NONE;
	case ACT_PAGE_UP: tv->top = tv->top > page ? tv->top - page : 0; return ACT_NONE;
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN:
		tv->top += a == ACT_PAGE_DOWN ? page : page / 2 + 1;
		if (tv->top >= rows)
			tv->top = rows ? rows - 1 : 0;
		return ACT_NONE;
	case ACT_HALF_UP: tv->top = tv->top > page / 2 ? tv->top - page / 2 : 0; return ACT_NONE;
	case ACT_FIRST: tv->top = 0; return ACT_NONE;
	case ACT_LAST: tv->top = rows > page ? rows - page : 0; return ACT_NONE;
	case ACT_LEFT: tv->hscroll = tv->hscroll > 8 ? tv->hscroll - 8 : 0; return ACT_NONE;
	case ACT_RIGHT: tv->hscroll += 8; return ACT_NONE;
	default: return a;
	}
}

/* The next command (either side's) holding needle. */
static bool
tdview_search(struct app *app, struct view *v, const char *needle, int dir)
{
	struct tdview *tv = v->priv;
	long n = (long)tv->d.n;

	(void)app;
	if (tv->picking || !n)
		return false;
	for (long k = 1; k <= n; k++) {
		long i = (((long)tv->nav.cur + (dir > 0 ? k : -k)) % n + n) % n;
		const struct tdiff_row *r = &tv->d.rows[i];
		if ((r->a >= 0 && strstr(tv->sa.m.t.v[r->a].command, needle)) ||
		    (r->b >= 0 && strstr(tv->sb.m.t.v[r->b].command, needle))) {
			select_row(tv, i);
			return true;
		}
	}
	return false;
}

static void
tdview_title(struct app *app, struct view *v, struct buf *out)
{
	struct tdview *tv = v->priv;
	(void)app;

	if (tv->picking)
		buf_puts(out, "trajectory diff: choose B");
	else
		buf_printf(out, "diff A %s run_%d, B %s run_%d", tv->sa.run, tv->sa.a.number, tv->sb.run,
			   tv->sb.a.number);
}

static void
tdview_status(struct app *app, struct view *v, struct buf *out)
{
	struct tdview *tv = v->priv;
	(void)app;

	if (tv->picking) {
		buf_printf(out, "attempt %zu/%zu", tv->n_cand ? tv->pick.cur + 1 : 0, tv->n_cand);
		return;
	}
	buf_printf(out, "row %zu/%zu", tv->d.n ? tv->nav.cur + 1 : 0, tv->d.n);
	buf_puts(out, tv->detail_focus ? "  keys: output" : "  keys: commands");
	buf_puts(out, "  > next difference");
}

static void
tdview_click(struct app *app, struct view *v, int y, int x, bool dbl)
{
	struct tdview *tv = v->priv;
	struct listnav *nav = tv->picking ? &tv->pick : &tv->nav;
	int first = v->y0 + (tv->picking ? 1 : 3);
	size_t row = nav->top + (size_t)(y - first);
	(void)x;

	if (y >= first && row < nav->n && row < nav->top + nav->height) {
		listnav_goto(nav, row);
		tv->detail_focus = false;
		if (dbl)
			tdview_handle(app, v, ACT_ENTER);
		return;
	}
	if (!tv->picking && y >= first)
		tv->detail_focus = true;
}

/* ------------------------------------------------------------ life */

static int
load(struct app *app, struct tdview *tv, struct bt_error *err)
{
	int rc;

	if ((rc = side_load(app, &tv->sa, tv->target.a, "A", err)))
		return rc;
	if (tv->target.b)
		return load_b(app, tv, tv->target.b, err);
	tv->picking = true;
	return candidates(app, tv, err);
}

static void
unload(struct tdview *tv)
{
	diff_free(tv);
	side_free(&tv->sa);
	side_free(&tv->sb);
	free(tv->cand);
	free(tv->cand_run);
	tv->cand = NULL;
	tv->cand_run = NULL;
	tv->n_cand = 0;
}

static int
tdview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	struct tdview *tv = v->priv;

	tv->app = app;
	tv->target = *(const struct trajdiff_target *)arg;
	tv->od_row = tv->shown_row = -1;
	buf_init(&tv->counts);
	buf_init(&tv->ends);
	buf_init(&tv->heads);
	return load(app, tv, err);
}

static void
tdview_close(struct view *v)
{
	struct tdview *tv = v->priv;

	unload(tv);
	free(tv->left.v);
	free(tv->right.v);
	buf_free(&tv->counts);
	buf_free(&tv->ends);
	buf_free(&tv->heads);
}

static int
tdview_reload(struct app *app, struct view *v, struct bt_error *err)
{
	struct tdview *tv = v->priv;
	size_t keep = tv->nav.cur;
	int rc;

	unload(tv);
	tv->picking = false;
	if ((rc = load(app, tv, err)))
		return rc;
	if (!tv->picking && keep < tv->d.n)
		listnav_goto(&tv->nav, keep);
	return BT_OK;
}

const struct view_ops view_trajdiff_ops = {
	.id = VIEW_TRAJDIFF,
	.priv_size = sizeof(struct tdview),
	.open = tdview_open,
	.close = tdview_close,
	.draw = tdview_draw,
	.handle = tdview_handle,
	.title = tdview_title,
	.status = tdview_status,
	.search = tdview_search,
	.click = tdview_click,
	.reload = tdview_reload,
};
