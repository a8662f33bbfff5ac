/* view_tasks.c: the tasks of a selection, filterable and sortable, each with
 * its attempts as a pass/fail strip.  open() takes a struct task_filter *. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/model_tasks.h"
#include "benchtop/tui.h"

struct tasks_view {
	struct tasks_model m;
	struct listnav nav;
	char run_name[128];
};

static int
tasksview_open(struct app *app, struct view *v, const void *arg, struct bt_error *err)
{
	struct tasks_view *tv = v->priv;
	int64_t run = ((const struct task_filter *)arg)->run_id;
	int rc;

	if (run && (rc = store_run_name(app->st, run, tv->run_name, sizeof(tv->run_name), err)))
		return rc;
	return tasks_model_load(&tv->m, app->st, arg, err);
}

static void
tasksview_close(struct view *v)
{
	struct tasks_view *tv = v->priv;
	tasks_model_free(&tv->m);
}

static const struct task_item *
item(const struct tasks_view *tv, size_t row)
{
	return &tv->m.all[tv->m.shown[row]];
}

static void
tasksview_draw(struct app *app, struct view *v, int y0, int h, int w)
{
	struct tasks_view *tv = v->priv;

	tv->nav.n = tv->m.n_shown;
	if (tv->m.n_shown == 0) {
		ui_attr(app, COL_DIM);
		ui_str(app, y0 + 1, 2, w - 2, tv->m.n_all ? "No task matches the filter (F clears it)."
			: tv->m.filter.kind == TASK_FEATURE ? "This run has no feature tasks (K: generation)."
							    : "This run has no generation tasks (K: feature).");
		return;
	}
	ui_table_draw(app, y0, h, w, &tv->nav, tv->m.cols, tv->m.ncols, tasks_model_cell, &tv->m,
		      NULL);
}

void
view_tasks_select(struct view *v, int64_t task_id)
{
	struct tasks_view *tv = v->priv;

	tv->nav.n = tv->m.n_shown;
	for (size_t i = tv->m.n_shown; i-- > 0;)
		if (item(tv, i)->row->task_id == task_id)
			listnav_goto(&tv->nav, i);
}

static void
reapply(struct tasks_view *tv)
{
	int64_t keep = tv->m.n_shown ? item(tv, tv->nav.cur)->row->task_id : 0;

	tasks_model_apply(&tv->m);
	tv->nav.n = tv->m.n_shown;
	listnav_first(&tv->nav);
	for (size_t i = 0; i < tv->m.n_shown; i++)
		if (item(tv, i)->row->task_id == keep)
			listnav_goto(&tv->nav, i);
}

static void
set_filter(struct app *app, struct tasks_view *tv, const char *text)
{
	struct task_filter f = tv->m.filter;
	char why[160];

	if (!tasks_filter_parse(text, &f, why, sizeof(why))) {
		app_message(app, true, "%s", why);
		return;
	}
	tv->m.filter = f;
	reapply(tv);
}

static enum action
tasksview_handle(struct app *app, struct view *v, enum action a)
{
	struct tasks_view *tv = v->priv;
	char text[256];

	if (view_list_move(&tv->nav, a))
		return ACT_NONE;
	switch (a) {
	case ACT_ENTER:
		if (tv->m.n_shown) {
			const struct task_item *t = item(tv, tv->nav.cur);
			struct attempt_target target = {.run_id = t->row->run_id,
							 .task_id = t->row->task_id};
			/* open on the first attempt that did not succeed: that is triage */
			for (size_t i = 0; i < (size_t)t->row->s.n_executed && i < strlen(t->row->strip); i++)
				if (t->row->strip[i] != 'P') {
					target.prefer = (int)i;
					break;
				}
			app_push(app, &view_attempt_ops, &target);
		}
		return ACT_NONE;
	case ACT_FILTER: {
		/* what each outcome and has value would show, above the prompt */
		struct buf counts;
		bool ok;
		buf_init(&counts);
		tasks_filter_counts(&tv->m, &counts);
		app->prompt_hint = counts.data;
		app->prompt_complete = tasks_filter_complete;
		ok = app_prompt(app, "filter (Tab completes keys and values): ", text, sizeof(text));
		app->prompt_hint = NULL;
		app->prompt_complete = NULL;
		buf_free(&counts);
		if (ok)
			set_filter(app, tv, text);
		return ACT_NONE;
	}
	case ACT_CLEAR_FILTER: {
		int64_t run = tv->m.filter.run_id;
		enum task_kind kind = tv->m.filter.kind;
		memset(&tv->m.filter, 0, sizeof(tv->m.filter));
		tv->m.filter.run_id = run;
		tv->m.filter.kind = kind;
		tv->m.filter.level = -1;
		reapply(tv);
		return ACT_NONE;
	}
	case ACT_TOGGLE_KIND: {
		/* the kind changes which tasks exist: load them again */
		struct task_filter f = tv->m.filter;
		struct bt_error err = {0};
		f.kind = f.kind == TASK_FEATURE ? TASK_GENERATION : TASK_FEATURE;
		f.level = -1;
		f.constraint = 0;
		tasks_model_free(&tv->m);
		if (tasks_model_load(&tv->m, app->st, &f, &err))
			app_message(app, true, "%s", err.msg);
		listnav_first(&tv->nav);
		return ACT_NONE;
	}
	case ACT_OUTCOME:
		tv->m.filter.outcome = tasks_outcome_next(tv->m.filter.outcome);
		reapply(tv);
		return ACT_NONE;
	case ACT_SORT:
		tv->m.sort = (enum tasks_sort)((tv->m.sort + 1) % TASKS_SORT_COUNT);
		tv->m.reverse = false;
		reapply(tv);
		return ACT_NONE;
	case ACT_SORT_REVERSE:
		tv->m.reverse = !tv->m.reverse;
		reapply(tv);
		return ACT_NONE;
	case ACT_FAILURES: {
		/* the failures of the tasks shown */
		struct failures_target t = {.run_a = tv->m.filter.run_id, .filter = tv->m.filter};
		app_push(app, &view_failures_ops, &t);
		return ACT_NONE;
	}
	case ACT_PLOT:
	case ACT_HEAT:
		/* every run's tasks: the plot of the run under the cursor */
		if (tv->m.n_shown) {
			int64_t run = tv->m.filter.run_id ? tv->m.filter.run_id
							  : item(tv, tv->nav.cur)->row->run_id;
			app_push(app, a == ACT_PLOT ? &view_plot_ops : &view_heat_ops, &run);
		}
		return ACT_NONE;
	default:
		return a;
	}
}

static void
tasksview_title(struct app *app, struct view *v, struct buf *out)
{
	struct tasks_view *tv = v->priv;
	const struct task_filter *f = &tv->m.filter;

	if (f->kind == TASK_FEATURE) {
		buf_printf(out, "%s feature tasks", f->run_id ? tv->run_name : "every run's");
		return;
	}
	if (f->run_id == 0) {
		buf_puts(out, "every run's tasks");
		return;
	}
	/* straight from the runs view, the title must name the run */
	if (!f->framework[0] && f->level < 0) {
		bool from_runs = app->depth > 1 && app->stack[0]->ops == &view_runs_ops &&
				 app->stack[1] == v;
		buf_printf(out, from_runs ? "%s tasks" : "tasks", tv->run_name);
		return;
	}
	if (f->framework[0])
		buf_printf(out, "%s%s", task_framework_display(f->framework), f->level >= 0 ? " " : "");
	if (f->level >= 0)
		buf_printf(out, "L%d", f->level);
}

static void
tasksview_status(struct app *app, struct view *v, struct buf *out)
{
	struct tasks_view *tv = v->priv;
	struct buf filt;
	(void)app;

	buf_init(&filt);
	tasks_filter_describe(&tv->m.filter, &filt);
	/* every run's tasks: the Run column is cut, so name the row's run in full */
	if (tv->m.filter.run_id == 0 && tv->m.n_shown)
		buf_printf(out, "%s  ", tasks_run_name(&tv->m, item(tv, tv->nav.cur)->row->run_id));
	buf_printf(out, "%zu/%zu tasks  sort: %s%s%s%s", tv->m.n_shown, tv->m.n_all,
		   tasks_sort_name(tv->m.sort), tv->m.reverse ? " (rev)" : "",
		   filt.len ? "  filter: " : "", filt.len ? filt.data : "");
	buf_free(&filt);
}

static bool
tasksview_search(struct app *app, struct view *v, const char *needle, int dir)
{
	struct tasks_view *tv = v->priv;
	size_t n = tv->m.n_shown;
	(void)app;

	for (size_t k = 1; k <= n; k++) {
		size_t i = (tv->nav.cur + (dir > 0 ? k : n * 2 - k)) % n;
		const struct task_item *t = item(tv, i);
		if (strstr(t->row->name, needle) || strstr(t->row->category, needle) ||
		    (tv->m.filter.run_id == 0 && strstr(tasks_run_name(&tv->m, t->row->run_id), needle))) {
			listnav_goto(&tv->nav, i);
			return true;
		}
	}
	return false;
}

static void
tasksview_command(struct app *app, struct view *v, enum command cmd, const char *arg)
{
	struct tasks_view *tv = v->priv;

	if (cmd == CMD_FILTER) {
		set_filter(app, tv, arg);
	} else if (cmd == CMD_SORT) {
		int s = tasks_sort_parse(arg);
		if (s < 0) {
			app_message(app, true, "sort by task, framework, level, A%%, raw, pass1 or "
				    "category");
		} else {
			tv->m.sort = (enum tasks_sort)s;
			reapply(tv);
		}
	}
}

static void
tasksview_click(struct app *app, struct view *v, int y, int x, bool dbl)
{
	struct tasks_view *tv = v->priv;
	size_t row = tv->nav.top + (size_t)(y - v->y0 - 1);
	(void)x;

	if (y <= v->y0 || row >= tv->m.n_shown)
		return;
	listnav_goto(&tv->nav, row);
	if (dbl)
		tasksview_handle(app, v, ACT_ENTER);
}

static int
tasksview_reload(struct app *app, struct view *v, struct bt_error *err)
{
	struct tasks_view *tv = v->priv;
	struct task_filter f = tv->m.filter;
	enum tasks_sort s = tv->m.sort;
	bool rev = tv->m.reverse;
	int64_t keep = tv->m.n_shown ? item(tv, tv->nav.cur)->row->task_id : 0;
	int64_t keep_run = tv->m.n_shown ? item(tv, tv->nav.cur)->row->run_id : 0;
	int rc;

	tasks_model_free(&tv->m);
	if ((rc = tasks_model_load(&tv->m, app->st, &f, err)))
		return rc;
	tv->m.sort = s;
	tv->m.reverse = rev;
	tasks_model_apply(&tv->m);
	tv->nav.n = tv->m.n_shown;
	for (size_t i = 0; i < tv->m.n_shown; i++)
		/* the same task of the same run (the list of every run has it once per run) */
		if (item(tv, i)->row->task_id == keep && item(tv, i)->row->run_id == keep_run) {
			listnav_keep(&tv->nav, i);
			break;
		}
	listnav_clamp(&tv->nav);
	return BT_OK;
}

static bool
tasksview_table(struct app *app, struct view *v, struct list_table *t, size_t *cur)
{
	struct tasks_view *tv = v->priv;

	tasks_model_table(&tv->m, t);
	t->app = app;
	*cur = tv->nav.cur;
	return true;
}

static bool
tasksview_address(struct app *app, struct view *v, struct address *out)
{
	struct tasks_view *tv = v->priv;
	char task[160];

	if (!tv->m.n_shown)
		return false;
	const struct task_row *r = item(tv, tv->nav.cur)->row;
	address_task_token(r->kind, r->framework, r->name, task, sizeof(task));
	address_set(out, tv->m.filter.run_id ? tv->run_name : tasks_run_name(&tv->m, r->run_id), task,
		    -1);
	(void)app;
	return true;
}

const struct view_ops view_tasks_ops = {
	.id = VIEW_TASKS,
	.priv_size = sizeof(struct tasks_view),
	.open = tasksview_open,
	.close = tasksview_close,
	.draw = tasksview_draw,
	.handle = tasksview_handle,
	.title = tasksview_title,
	.status = tasksview_status,
	.search = tasksview_search,
	.command = tasksview_command,
	.click = tasksview_click,
	.reload = tasksview_reload,
	.table = tasksview_table,
	.address = tasksview_address,
};
