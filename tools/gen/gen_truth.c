/* gen_truth.c: the ground-truth manifest and the attempt iteration shared
 * by both writers.
 *
 * The manifest says, per attempt, what the generator meant: the Newman sums
 * it wrote, whether the tests pass, each applicable verifier's intended
 * verdict and why, so tests can compute every metric independently of the
 * importer under test.
 */
#include "config.h"

#include "gen.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gen_truth {
	FILE *f;
	char *path;
	struct buf b;
	size_t n;
};

struct gen_truth *
gen_truth_open(const char *path, const struct gen_opts *o, struct bt_error *err)
{
	struct gen_truth *t;
	FILE *f = fopen(path, "w");

	if (!f) {
		bt_errorf(err, BT_EIO, "cannot write %s: %s", path, strerror(errno));
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	t->f = f;
	t->path = xstrdup(path);
	buf_init(&t->b);
	buf_printf(&t->b, "{\"generator\": \"benchtop-gen\", \"synthetic\": true, \"seed\": %llu, \"label\": ",
		   (unsigned long long)o->seed);
	gen_json_cstr(&t->b, o->label);
	buf_puts(&t->b, ",\n \"attempts\": [\n");
	return t;
}

static void
flush(struct gen_truth *t)
{
	fwrite(t->b.data, 1, t->b.len, t->f);
	buf_reset(&t->b);
}

void
gen_truth_add(struct gen_truth *t, const struct gen_attempt *a, const char *batch, const char *csv,
	      size_t patch_bytes)
{
	static const char *const vnames[3] = {"architecture", "database", "orm"};
	struct buf *b;
	bool first = true;

	if (!t)
		return;
	b = &t->b;
	buf_puts(b, t->n++ ? ",\n  {" : "  {");
	buf_puts(b, "\"run\": ");
	gen_json_cstr(b, a->run->name);
	buf_printf(b, ", \"agent\": \"%s\", \"model\": ", a->run->agent);
	gen_json_cstr(b, a->run->model);
	buf_printf(b, ", \"task\": \"%s\", \"kind\": \"%s\", \"folder\": \"%s\", \"framework\": \"%s\", "
		      "\"level\": %d, \"attempt\": %d, \"batch\": \"%s\", \"csv\": \"%s\", "
		      "\"T\": %d, \"P\": %d, \"F\": %d, \"tests_passed\": %s, \"verifiers\": {",
		   a->task->name, a->task->kind == TASK_FEATURE ? "feature" : "generation", a->task->folder,
		   a->task->framework, a->task->level, a->number, batch, csv, a->T, a->P, a->F,
		   a->tests_passed ? "true" : "false");
	for (int v = 0; v < 3; v++) {
		enum gen_violation bad = v == 0 ? a->arch_bad : v == 1 ? a->db_bad : a->orm_bad;
		const char *why = a->patch == GP_ABSENT ? "no_patch_file" :
				  a->patch == GP_EMPTY ? "no_files_in_patch" : gen_violation_name(bad);
		if (a->task->kind != TASK_GENERATION || !gen_constraint_applies(a, v))
			continue;
		buf_printf(b, "%s\"%s\": {\"ok\": %s, \"why\": \"%s\"}", first ? "" : ", ", vnames[v],
			   a->verifier_ok[v] ? "true" : "false", a->verifier_ok[v] ? "none" : why);
		first = false;
	}
	buf_printf(b, "}, \"succeeded\": %s, \"termination\": \"%s\", \"steps\": %d, \"patch\": \"%s\", "
		      "\"patch_bytes\": %zu, \"server\": \"%s\", \"defects\": [",
		   a->succeeded ? "true" : "false", gen_term_name(a), a->steps,
		   a->patch == GP_NORMAL ? "present" : a->patch == GP_EMPTY ? "empty" : "absent", patch_bytes,
		   a->crash == GC_NONE ? "running" : gen_crash_name(a->crash));
	first = true;
	for (int d = 0; d < GD_COUNT; d++)
		if (a->defects >> d & 1) {
			buf_printf(b, "%s\"%s\"", first ? "" : ", ", gen_defect_name(d));
			first = false;
		}
	buf_puts(b, "], \"missing\": [");
	first = true;
	for (unsigned g = 1; g <= GG_FEED; g <<= 1)
		if (a->missing & g) {
			buf_printf(b, "%s\"%s\"", first ? "" : ", ", gen_group_name(g));
			first = false;
		}
	buf_puts(b, "], \"failure\": ");
	if (a->category) {
		buf_printf(b, "{\"category\": \"%s\"", a->category);
		if (a->subcategory)
			buf_printf(b, ", \"subcategory\": \"%s\"", a->subcategory);
		buf_puts(b, "}");
	} else {
		buf_puts(b, "null");
	}
	buf_printf(b, ", \"quirks\": [%s%s%s]}", (a->quirks & GQ_TWO_CSV) ? "\"two_csv\"" : "",
		   (a->quirks & GQ_TWO_CSV) && (a->quirks & (GQ_NO_CSV | GQ_TRUNCATED)) ? ", " : "",
		   (a->quirks & GQ_NO_CSV) ? "\"no_csv\"" : (a->quirks & GQ_TRUNCATED) ? "\"truncated_csv\"" : "");
	if (b->len > 1 << 20)
		flush(t);
}

int
gen_truth_close(struct gen_truth *t, struct bt_error *err)
{
	int rc = BT_OK;

	if (!t)
		return BT_OK;
	buf_puts(&t->b, "\n ]}\n");
	flush(t);
	if (ferror(t->f) | (fclose(t->f) != 0))
		rc = bt_errorf(err, BT_EIO, "cannot write %s", t->path);
	buf_free(&t->b);
	free(t->path);
	free(t);
	return rc;
}

int
gen_for_each_attempt(const struct gen_opts *o, gen_attempt_fn fn, void *ctx)
{
	struct gen_task *tasks;
	size_t n = gen_tasks_all(&tasks);
	struct gen_attempt *a = xmalloc(sizeof(*a));
	int rc = BT_OK;

	for (size_t r = 0; r < o->n_runs && rc == BT_OK; r++) {
		for (size_t k = 0; k < n && rc == BT_OK; k++) {
			const struct gen_task *t = &tasks[k];
			if (t->kind == TASK_FEATURE ? !o->features : (o->subset && !gen_task_in_subset(t)))
				continue;
			for (int i = 0; i < o->attempts && rc == BT_OK; i++) {
				gen_attempt_make(a, o, &o->runs[r], t, i);
				rc = fn(a, ctx);
			}
		}
	}
	free(a);
	free(tasks);
	return rc;
}
