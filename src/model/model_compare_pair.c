/* model_compare_pair.c: the attempt pair of a compared task as a two-column
 * document: every attempt of each run, the two selected attempts in detail,
 * the assertions that flip between them (by request position, since request
 * names repeat), then the two patches side by side, file by file. */
#include "config.h"

#include "benchtop/model_attempt.h"
#include "benchtop/model_compare_pair.h"
#include "benchtop/metrics.h"
#include "benchtop/model_diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Append a line; right == NULL makes it span both columns.  Takes both strings. */
static void
add_owned(struct pair_doc *d, enum doc_role role, char *left, enum doc_role right_role,
	  char *right)
{
	BT_GROW(d->v, d->cap, d->n + 1);
	d->v[d->n++] = (struct pair_line){role, right_role, left, right};
}

/* A line across both columns; takes text. */
static void
add_wide(struct pair_doc *d, enum doc_role role, char *text)
{
	add_owned(d, role, text, role, NULL);
}

void
pair_doc_free(struct pair_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].left);
		free(d->v[i].right);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}

void
pair_default_selection(const double *strict_a, size_t na, const double *strict_b, size_t nb,
		       double d, size_t *sel_a, size_t *sel_b)
{
	size_t amin = 0, amax = 0, bmin = 0, bmax = 0;

	for (size_t i = 1; i < na; i++) {
		amin = strict_a[i] < strict_a[amin] ? i : amin;
		amax = strict_a[i] > strict_a[amax] ? i : amax;
	}
	for (size_t i = 1; i < nb; i++) {
		bmin = strict_b[i] < strict_b[bmin] ? i : bmin;
		bmax = strict_b[i] > strict_b[bmax] ? i : bmax;
	}
	/* the contrast that explains the change */
	*sel_a = d < 0 ? amax : d > 0 ? amin : 0;
	*sel_b = d < 0 ? bmin : d > 0 ? bmax : 0;
}

/* ------------------------------------------------------------ attempts */

static int
n_errored(const struct attempt *a)
{
	int n = 0;
	for (size_t i = 0; i < a->n_requests; i++)
		n += a->requests[i].code < 0;
	return n;
}

static char
outcome(const struct attempt *a)
{
	return store_outcome(a->has_report, (int)a->n_requests, n_errored(a), a->succeeded,
			     a->verifiers_ok);
}

static enum doc_role
outcome_role(char o)
{
	return o == 'P' ? DOC_GOOD : o == 'V' ? DOC_WARN : DOC_BAD;
}

static const char *
outcome_word(char o)
{
	return o == 'P' ? "passed" : o == 'V' ? "verifier" : o == 'F' ? "failed" : "no server";
}

/* One attempt's row of the attempts table, or "" past the side's last. */
static char *
attempt_row(const struct pair_side *s, size_t i, enum doc_role *role)
{
	const struct attempt *a = &s->v[i];

	*role = DOC_DIM;
	if (i >= s->n)
		return xstrdup("");
	*role = outcome_role(outcome(a));
	return xasprintf("%s run_%-2d %-9s %5.1f  %s", i == s->sel ? ">" : " ", a->number,
			 outcome_word(outcome(a)), a->strict * 100, a->category ? a->category : "");
}

static void
add_attempts(const struct pair_side *a, const struct pair_side *b, struct pair_doc *d)
{
	size_t n = a->n > b->n ? a->n : b->n;

	add_owned(d, DOC_HEADING, xasprintf("A  %s", a->run), DOC_HEADING,
		  xasprintf("B  %s", b->run));
	add_owned(d, DOC_DIM, xstrdup("  attempt outcome   strict  category"), DOC_DIM,
		  xstrdup("  attempt outcome   strict  category"));
	for (size_t i = 0; i < n; i++) {
		enum doc_role ra, rb;
		char *l = attempt_row(a, i, &ra), *r = attempt_row(b, i, &rb);
		add_owned(d, ra, l, rb, r);
	}
	if (a->n == 0 || b->n == 0)
		add_wide(d, DOC_WARN,
			 xasprintf("%s has no attempt of this task.", a->n == 0 ? "A" : "B"));
}

/* ------------------------------------------------------------ the pair in detail */

static const struct attempt *
selected(const struct pair_side *s)
{
	return s->sel < s->n ? &s->v[s->sel] : NULL;
}

/* The i-th detail row of one attempt; false past its last. */
static bool
detail_row(const struct attempt *a, int i, char **text, enum doc_role *role)
{
	int v = i - 3;

	*role = DOC_TEXT;
	if (!a)
		return false;
	switch (i) {
	case 0:
		*text = a->has_report ? xasprintf("%-13s%ld/%ld passed, %ld failed", "assertions",
						  a->passed, a->total, a->failed)
				      : xstrdup("no report: the server never ran the tests");
		*role = a->has_report ? DOC_TEXT : DOC_BAD;
		return true;
	case 1:
		*text = xasprintf("%-13s%zu, %d errored", "requests", a->n_requests, n_errored(a));
		return true;
	case 2:
		*text = xasprintf("%-13sraw %.1f, strict %.1f", "A%", a->raw * 100,
				  a->strict * 100);
		return true;
	default:
		break;
	}
	if (v >= 0 && v < VERIFIER_COUNT) {
		const struct verdict *vd = &a->verdict[v];
		if (!vd->applicable) {
			*text = xasprintf("%-13sn/a", verifier_name((enum verifier_kind)v));
			*role = DOC_DIM;
		} else {
			*text = xasprintf("%-13s%s%s%s", verifier_name((enum verifier_kind)v),
					  vd->ok ? "ok" : "FAILED", vd->reason ? ": " : "",
					  vd->reason ? vd->reason : "");
			*role = vd->ok ? DOC_GOOD : DOC_BAD;
		}
		return true;
	}
	if (i == 3 + VERIFIER_COUNT) {
		*text = xasprintf("%-13s%s%s%s", "category", a->category ? a->category : "-",
				  a->subcategory ? " / " : "", a->subcategory ? a->subcategory : "");
		return true;
	}
	if (i == 4 + VERIFIER_COUNT) {
		struct buf b;
		buf_init(&b);
		/* the counts first: a half of 80 columns cuts the end */
		buf_printf(&b, "%-13s", "agent");
		if (a->steps >= 0)
			buf_printf(&b, "%ld steps, ", a->steps);
		if (a->cost >= 0)
			buf_printf(&b, "$%.2f, ", a->cost);
		buf_puts(&b, attempt_termination_text(a));
		*text = xstrdup(buf_cstr(&b));
		buf_free(&b);
		return true;
	}
	return false;
}

static void
add_details(const struct pair_side *a, const struct pair_side *b, struct pair_doc *d)
{
	const struct attempt *sa = selected(a), *sb = selected(b);

	add_wide(d, DOC_TEXT, xstrdup(""));
	add_owned(d, DOC_HEADING, sa ? xasprintf("A run_%d", sa->number) : xstrdup("A: none"),
		  DOC_HEADING, sb ? xasprintf("B run_%d", sb->number) : xstrdup("B: none"));
	for (int i = 0;; i++) {
		char *l = NULL, *r = NULL;
		enum doc_role rl, rr;
		bool hl = detail_row(sa, i, &l, &rl), hr = detail_row(sb, i, &r, &rr);
		if (!hl && !hr)
			break;
		add_owned(d, rl, l ? l : xstrdup(""), rr, r ? r : xstrdup(""));
	}
}

/* ------------------------------------------------------------ flips */

static const struct request *
request_at(const struct attempt *a, int position)
{
	for (size_t i = 0; i < a->n_requests; i++)
		if (a->requests[i].position == position)
			return &a->requests[i];
	return NULL;
}

/* How many attempts of a side pass the assertion at that position. */
static size_t
passing(const struct pair_side *s, int position, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++) {
		const struct request *q = request_at(&s->v[i], position);
		n += q && strv_contains(&q->passed, name);
	}
	return n;
}

/* "http://conduit:8080/api/users" -> "/api/users" */
static const char *
path_of(const char *url)
{
	const char *p = url ? strstr(url, "://") : NULL;

	if (!p)
		return url ? url : "";
	p = strchr(p + 3, '/');
	return p ? p : url;
}

/* The flips of one request position; the header line comes first, once. */
static void
flips_at(const struct pair_side *a, const struct pair_side *b, int position, struct pair_doc *d)
{
	const struct request *qa = request_at(selected(a), position);
	const struct request *qb = request_at(selected(b), position);
	const struct request *q = qa ? qa : qb;
	bool header = false;

	for (int side = 0; side < 2; side++) {
		const struct request *from = side ? qb : qa, *to = side ? qa : qb;
		if (!from)
			continue;
		for (size_t k = 0; k < from->passed.n; k++) {
			const char *name = from->passed.v[k];
			if (to && strv_contains(&to->passed, name))
				continue;
			if (!header) {
				bool renamed = qa && qb && strcmp(qa->name, qb->name) != 0;
				add_wide(d, DOC_HEADING,
					 xasprintf("#%d %s%s%s%s  %s %s", position, q->name,
						   renamed ? " (B: " : "", renamed ? qb->name : "",
						   renamed ? ")" : "", q->method ? q->method : "",
						   path_of(q->url)));
				header = true;
			}
			add_wide(d, side ? DOC_GOOD : DOC_BAD,
				 xasprintf("  %-6s  %s%s   A %zu/%zu  B %zu/%zu",
					   side ? "gained" : "lost", name, to ? "" : " (not run)",
					   passing(a, position, name), a->n,
					   passing(b, position, name), b->n));
			*(side ? &d->gained : &d->lost) += 1;
		}
	}
}

static int
cmp_int(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	return a < b ? -1 : a > b;
}

static void
add_flips(const struct pair_side *a, const struct pair_side *b, struct pair_doc *d)
{
	const struct attempt *sa = selected(a), *sb = selected(b);
	int *pos;
	size_t np = 0, first;

	add_wide(d, DOC_TEXT, xstrdup(""));
	if (!sa || !sb)
		return;
	first = d->n;
	add_wide(d, DOC_HEADING,
		 xasprintf("Flips from A run_%d to B run_%d", sa->number, sb->number));
	/* a server that never answered fails everything: a count says it all */
	if (outcome(sa) == 'N' && outcome(sb) == 'N') {
		add_wide(d, DOC_DIM, xstrdup("  neither server answered the tests: nothing passes "
					     "on either side"));
		return;
	}
	if (outcome(sa) == 'N' || outcome(sb) == 'N') {
		const struct attempt *none = outcome(sa) == 'N' ? sa : sb;
		const struct attempt *other = none == sa ? sb : sa;
		add_wide(d, DOC_WARN,
			 xasprintf("  %s run_%d's server never answered: the %ld assertions %s "
				   "run_%d passes are %s", none == sa ? "A" : "B", none->number,
				   other->passed, other == sa ? "A" : "B", other->number,
				   other == sa ? "lost" : "gained"));
		*(other == sa ? &d->lost : &d->gained) = other->passed;
		return;
	}
	pos = xcalloc(sa->n_requests + sb->n_requests + 1, sizeof(int));
	for (size_t i = 0; i < sa->n_requests; i++)
		pos[np++] = sa->requests[i].position;
	for (size_t i = 0; i < sb->n_requests; i++)
		pos[np++] = sb->requests[i].position;
	qsort(pos, np, sizeof(int), cmp_int);
	for (size_t i = 0; i < np; i++)
		if (i == 0 || pos[i] != pos[i - 1])
			flips_at(a, b, pos[i], d);
	free(pos);
	if (d->lost + d->gained == 0)
		add_wide(d, DOC_DIM, xstrdup("  none: the two attempts pass the same assertions"));
	free(d->v[first].left);
	d->v[first].left = xasprintf("Flips from A run_%d to B run_%d: %ld lost, %ld gained "
				     "(n/N: attempts passing it)", sa->number, sb->number,
				     d->lost, d->gained);
}

/* ------------------------------------------------------------ patches */

/* A patch read by the diff parser, with where each of its lines starts. */
struct ppatch {
	const char *text;
	size_t len;
	struct diff diff;
	size_t *starts;  /* diff.n_lines + 1 offsets */
};

static void
ppatch_open(struct ppatch *pp, const char *text, size_t len)
{
	size_t k = 0;

	pp->text = text;
	pp->len = len;
	diff_parse(&pp->diff, text, text ? len : 0);
	pp->starts = xcalloc(pp->diff.n_lines + 1, sizeof(size_t));
	/* the same '\n' split as diff_parse() */
	for (size_t pos = 0; pos < len && k < pp->diff.n_lines;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		pp->starts[k++] = pos;
		pos = nl ? (size_t)(nl - text) + 1 : len;
	}
	pp->starts[k] = len;
}

static void
ppatch_close(struct ppatch *pp)
{
	diff_free(&pp->diff);
	free(pp->starts);
}

static enum doc_role
kind_role(enum diff_kind k)
{
	switch (k) {
	case DIFF_ADD: return DOC_GOOD;
	case DIFF_DEL: return DOC_BAD;
	case DIFF_HUNK: return DOC_WARN;
	case DIFF_CONTEXT: return DOC_TEXT;
	default: return DOC_DIM;
	}
}

/* The next line of a file's part after *at (from f->line), without its line
 * end and the file headers the title already says; NULL past its last. */
static char *
file_line(const struct ppatch *pp, const struct diff_file *f, size_t *at, enum doc_role *role)
{
	size_t line, from, n;
	enum diff_kind k = DIFF_OTHER;

	*role = DOC_TEXT;
	if (!f)
		return NULL;
	for (line = f->line + *at; line < f->end; line++) {
		k = (enum diff_kind)pp->diff.kinds[line];
		if (k != DIFF_HEADER && k != DIFF_OLD_PATH && k != DIFF_NEW_PATH)
			break;
	}
	*at = line + 1 - f->line;
	if (line >= f->end)
		return NULL;
	from = pp->starts[line];
	n = pp->starts[line + 1] - from;
	while (n && (pp->text[from + n - 1] == '\n' || pp->text[from + n - 1] == '\r'))
		n--;
	*role = kind_role(k);
	return xstrndup(pp->text + from, n);
}

static char *
file_title(const struct diff_file *f, const char *who)
{
	static const char *const words[][2] = {
		{"A", "new"}, {"D", "deleted"}, {"R", "renamed"}, {"C", "copied"},
		{"T", "mode"}, {"B", "binary"}, {"M", "changed"},
	};
	const char *word = "changed";

	if (!f)
		return xasprintf("(not in %s's patch)", who);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (words[i][0][0] == diff_file_letter(f))
			word = words[i][1];
	return xasprintf("%s  %s, +%ld -%ld", diff_file_path(f), word, f->adds, f->dels);
}

static void
add_file(const struct ppatch *pa, const struct diff_file *fa, const struct ppatch *pb,
	 const struct diff_file *fb, struct pair_doc *d)
{
	add_owned(d, fa ? DOC_HEADING : DOC_DIM, file_title(fa, "A"), fb ? DOC_HEADING : DOC_DIM,
		  file_title(fb, "B"));
	for (size_t ia = 0, ib = 0;;) {
		enum doc_role ra, rb;
		char *l = file_line(pa, fa, &ia, &ra), *r = file_line(pb, fb, &ib, &rb);
		if (!l && !r)
			break;
		add_owned(d, ra, l ? l : xstrdup(""), rb, r ? r : xstrdup(""));
	}
}

static char *
patch_title(const struct pair_side *s, const struct ppatch *pp, const char *who)
{
	const struct attempt *a = selected(s);

	if (!a)
		return xasprintf("%s: no attempt", who);
	if (!s->patch)
		return xasprintf("%s run_%d: no patch", who, a->number);
	if (s->patch_len == 0)
		return xasprintf("%s run_%d patch: empty", who, a->number);
	if (pp->diff.n_files == 0)
		return xasprintf("%s run_%d patch: no file in its %zu bytes", who, a->number,
				 s->patch_len);
	return xasprintf("%s run_%d patch: %zu file%s, +%ld -%ld%s", who, a->number,
			 pp->diff.n_files, pp->diff.n_files == 1 ? "" : "s", pp->diff.adds,
			 pp->diff.dels, s->patch_cut ? " (its start only)" : "");
}

static void
add_patches(const struct pair_side *a, const struct pair_side *b, struct pair_doc *d)
{
	struct ppatch pa = {0}, pb = {0};
	bool *used;

	ppatch_open(&pa, a->patch, a->patch_len);
	ppatch_open(&pb, b->patch, b->patch_len);
	add_wide(d, DOC_TEXT, xstrdup(""));
	add_owned(d, DOC_HEADING, patch_title(a, &pa, "A"), DOC_HEADING, patch_title(b, &pb, "B"));
	used = xcalloc(pb.diff.n_files + 1, sizeof(bool));
	/* A's files in A's order, each beside B's file of the same path */
	for (size_t i = 0; i < pa.diff.n_files; i++) {
		const struct diff_file *fa = &pa.diff.files[i], *match = NULL;
		for (size_t j = 0; j < pb.diff.n_files && !match; j++)
			if (!used[j] && strcmp(diff_file_path(fa),
					       diff_file_path(&pb.diff.files[j])) == 0) {
				used[j] = true;
				match = &pb.diff.files[j];
			}
		add_file(&pa, fa, &pb, match, d);
	}
	for (size_t j = 0; j < pb.diff.n_files; j++)
		if (!used[j])
			add_file(&pa, NULL, &pb, &pb.diff.files[j], d);
	free(used);
	ppatch_close(&pa);
	ppatch_close(&pb);
}

void
pair_doc_build(const struct pair_side *a, const struct pair_side *b, struct pair_doc *d)
{
	memset(d, 0, sizeof(*d));
	add_attempts(a, b, d);
	add_details(a, b, d);
	add_flips(a, b, d);
	add_patches(a, b, d);
}

/* ------------------------------------------------------------ loading */

static void
run_free(struct pair_run *s)
{
	for (size_t i = 0; i < s->n; i++)
		attempt_free(&s->v[i]);
	free(s->v);
	free(s->patch);
	s->v = NULL;
	s->patch = NULL;
	s->n = 0;
	s->patch_len = 0;
}

static int
run_load(struct pair_run *s, struct store *st, int64_t task, struct bt_error *err)
{
	struct attempt_brief *b;
	size_t n;
	int rc;

	run_free(s);
	if ((rc = store_run_name(st, s->run, s->name, sizeof(s->name), err)) ||
	    (rc = store_attempt_briefs(st, s->run, task, &b, &n, err)))
		return rc;
	s->v = xcalloc(n ? n : 1, sizeof(*s->v));
	for (; s->n < n; s->n++)
		if ((rc = store_load_attempt(st, b[s->n].id, &s->v[s->n], err)))
			break;
	free(b);
	if (s->sel >= s->n)
		s->sel = 0;
	return rc;
}

/* The selected attempt's patch, or none. */
static int
run_load_patch(struct pair_run *s, struct store *st, struct bt_error *err)
{
	struct store_blob *blob;
	size_t n;
	int rc;

	free(s->patch);
	s->patch = NULL;
	s->patch_len = 0;
	if (s->sel >= s->n || !s->v[s->sel].artifacts[ARTIFACT_PATCH].present)
		return BT_OK;
	if ((rc = store_blob_open(st, s->v[s->sel].id, ARTIFACT_PATCH, &blob, err)))
		return rc;
	n = store_blob_size(blob);
	s->patch_cut = n > PAIR_PATCH_CAP;
	n = s->patch_cut ? PAIR_PATCH_CAP : n;
	s->patch = xmalloc(n + 1);
	if ((rc = store_blob_read(blob, 0, s->patch, n, err))) {
		free(s->patch);
		s->patch = NULL;
	} else {
		s->patch[n] = '\0';
		s->patch_len = n;
	}
	store_blob_close(blob);
	return rc;
}

/* Rebuild the document; a patch that cannot be read is left out (rc says
 * why) and the rest is still shown. */
static int
rebuild(struct pair_model *m, struct store *st, struct bt_error *err)
{
	struct pair_run *s[2] = {&m->a, &m->b};
	struct pair_side ps[2];
	int rc = BT_OK;

	pair_doc_free(&m->doc);
	for (int i = 0; i < 2; i++) {
		int r = run_load_patch(s[i], st, err);
		rc = rc ? rc : r;
		ps[i] = (struct pair_side){s[i]->name, s[i]->v, s[i]->n, s[i]->sel, s[i]->patch,
					   s[i]->patch_len, s[i]->patch_cut};
	}
	pair_doc_build(&ps[0], &ps[1], &m->doc);
	return rc;
}

/* Each attempt's strict A% into v (n entries), and their mean. */
static double
strict_mean(const struct pair_run *s, double *v)
{
	double mean, sd;

	for (size_t i = 0; i < s->n; i++)
		v[i] = s->v[i].strict;
	metrics_mean_std(v, s->n, &mean, &sd);
	return mean;
}

int
pair_model_load(struct pair_model *m, struct store *st, int64_t run_a, int64_t run_b,
		int64_t task_id, struct bt_error *err)
{
	double *va, *vb, d;
	int rc;

	memset(m, 0, sizeof(*m));
	m->task_id = task_id;
	m->a.run = run_a;
	m->b.run = run_b;
	if ((rc = run_load(&m->a, st, task_id, err)) || (rc = run_load(&m->b, st, task_id, err)))
		return rc;
	if (m->a.n == 0 && m->b.n == 0)
		return bt_errorf(err, BT_EINPUT, "neither run has an attempt of this task");
	va = xcalloc(m->a.n + 1, sizeof(double));
	vb = xcalloc(m->b.n + 1, sizeof(double));
	d = strict_mean(&m->b, vb) - strict_mean(&m->a, va);
	pair_default_selection(va, m->a.n, vb, m->b.n, d, &m->a.sel, &m->b.sel);
	free(va);
	free(vb);
	return rebuild(m, st, err);
}

int
pair_model_reload(struct pair_model *m, struct store *st, struct bt_error *err)
{
	struct pair_run *s[2] = {&m->a, &m->b};
	int rc;

	for (int i = 0; i < 2; i++) {
		/* keep the selected attempt by its number */
		int number = s[i]->sel < s[i]->n ? s[i]->v[s[i]->sel].number : -1;
		if ((rc = run_load(s[i], st, m->task_id, err)))
			return rc;
		for (size_t k = 0; k < s[i]->n; k++)
			if (s[i]->v[k].number == number)
				s[i]->sel = k;
	}
	return rebuild(m, st, err);
}

int
pair_model_select(struct pair_model *m, struct store *st, struct pair_run *side, size_t sel,
		  struct bt_error *err)
{
	side->sel = sel < side->n ? sel : 0;
	return rebuild(m, st, err);
}

void
pair_model_free(struct pair_model *m)
{
	run_free(&m->a);
	run_free(&m->b);
	pair_doc_free(&m->doc);
}
