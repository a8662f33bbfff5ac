/* model_trajdiff.c: two trajectories aligned by the commands they ran (a
 * longest common subsequence over normalized commands), and the line diff
 * of two outputs, for the trajectory diff view. */
#include "config.h"

#include "benchtop/model_trajdiff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ normalizing */

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Where a path may start: the start, after blank space, a quote, '=' ... */
static bool
path_boundary(const char *s, const char *p)
{
	return p == s || strchr(" '\"=:(<>|;&", p[-1]) != NULL;
}

/* Drop "cd CWD &&" / "cd CWD;" at the start of s (blank space collapsed). */
static const char *
skip_cd(const char *s, const char *cwd)
{
	size_t cl = cwd ? strlen(cwd) : 0;

	while (cl && strncmp(s, "cd ", 3) == 0 && strncmp(s + 3, cwd, cl) == 0) {
		const char *p = s + 3 + cl;
		if (*p == '/')
			p++;
		if (*p == ' ')
			p++;
		if (strncmp(p, "&&", 2) == 0)
			p += 2;
		else if (*p == ';')
			p++;
		else
			break;
		while (*p == ' ')
			p++;
		s = p;
	}
	return s;
}

void
trajdiff_normalize(const char *cmd, const char *cwd, struct buf *out)
{
	struct buf flat;
	const char *s, *p;
	size_t cl = cwd ? strlen(cwd) : 0;
	char *dir;

	/* CWD/ is CWD; the root is no working directory worth taking off */
	while (cl && cwd[cl - 1] == '/')
		cl--;
	dir = xstrndup(cwd ? cwd : "", cl);
	cwd = dir;
	buf_reset(out);
	buf_init(&flat);
	for (p = cmd; *p;) {
		if (is_blank(*p)) {
			while (is_blank(*p))
				p++;
			if (flat.len && *p)
				buf_putc(&flat, ' ');
			continue;
		}
		buf_putc(&flat, *p++);
	}
	s = skip_cd(buf_cstr(&flat), cl ? cwd : NULL);
	for (p = s; *p;) {
		if (path_boundary(s, p) && cl && strncmp(p, cwd, cl) == 0 &&
		    (p[cl] == '/' || p[cl] == '\0' || is_blank(p[cl]) || strchr("'\"", p[cl]))) {
			/* CWD/x is x; CWD alone is . */
			if (p[cl] == '/' && p[cl + 1] && !is_blank(p[cl + 1]))
				p += cl + 1;
			else {
				buf_putc(out, '.');
				p += cl + (p[cl] == '/');
			}
			continue;
		}
		if (path_boundary(s, p) && p[0] == '.' && p[1] == '/' && p[2] && !is_blank(p[2]) &&
		    p[2] != '/') {
			p += 2;
			continue;
		}
		buf_putc(out, *p++);
	}
	buf_cstr(out);
	buf_free(&flat);
	free(dir);
}

/* The working directory a trajectory's commands run in: the file's, else
 * the one most of its commands start with "cd DIR &&" into. */
static char *
guess_cwd(const struct trajectory *t)
{
	struct strv seen = {0};
	size_t *count = NULL, cap = 0, best = 0;
	char *out = NULL;

	if (t->cwd)
		return xstrdup(t->cwd);
	for (size_t i = 0; i < t->n; i++) {
		const char *c = t->v[i].command, *e;
		size_t k;
		if (!c || strncmp(c, "cd /", 4) != 0 || !(e = strpbrk(c + 3, " ;&")))
			continue;
		char *dir = xstrndup(c + 3, (size_t)(e - c - 3));
		for (k = 0; k < seen.n && strcmp(seen.v[k], dir); k++)
			;
		if (k == seen.n) {
			strv_push_owned(&seen, dir);
			BT_GROW(count, cap, seen.n);
			count[k] = 0;
		} else {
			free(dir);
		}
		if (++count[k] > best) {
			best = count[k];
			free(out);
			out = xstrdup(seen.v[k]);
		}
	}
	strv_free(&seen);
	free(count);
	return out;
}

/* ------------------------------------------------------------ LCS */

struct item {
	const char *s;
	size_t len;
	uint64_t h;
};

static uint64_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static bool
item_eq(const struct item *x, const struct item *y)
{
	return x->h == y->h && x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

static void
push_pair(struct lcs_pair **v, size_t *n, size_t *cap, long a, long b)
{
	BT_GROW(*v, *cap, *n + 1);
	(*v)[*n].a = a;
	(*v)[(*n)++].b = b;
}

enum { D_MATCH = 0, D_SKIP_A = 1, D_SKIP_B = 2 };

/* Pairs for a[0..na) and b[0..nb): common start and end taken off, the
 * middle by dynamic programming over suffixes (so that the traceback runs
 * forward and takes the earliest matches); false when it is too big. */
static bool
lcs_items(const struct item *a, size_t na, const struct item *b, size_t nb, struct lcs_pair **out,
	  size_t *n)
{
	size_t pre = 0, suf = 0, cap = 0;
	size_t ma, mb;
	bool exact = true;

	*out = NULL;
	*n = 0;
	while (pre < na && pre < nb && item_eq(&a[pre], &b[pre]))
		pre++;
	while (suf < na - pre && suf < nb - pre && item_eq(&a[na - 1 - suf], &b[nb - 1 - suf]))
		suf++;
	for (size_t i = 0; i < pre; i++)
		push_pair(out, n, &cap, (long)i, (long)i);
	ma = na - pre - suf;
	mb = nb - pre - suf;
	if (ma && mb && (double)ma * (double)mb <= TRAJDIFF_MAX_CELLS) {
		const struct item *x = a + pre, *y = b + pre;
		unsigned char *dir = xmalloc(ma * mb);
		uint32_t *next = xcalloc(mb + 1, sizeof(*next)), *cur = xcalloc(mb + 1, sizeof(*cur));

		for (size_t i = ma; i-- > 0;) {
			cur[mb] = 0;
			for (size_t j = mb; j-- > 0;) {
				unsigned char *d = &dir[i * mb + j];
				if (item_eq(&x[i], &y[j])) {
					cur[j] = next[j + 1] + 1;
					*d = D_MATCH;
				} else if (next[j] >= cur[j + 1]) {
					cur[j] = next[j];
					*d = D_SKIP_A;
				} else {
					cur[j] = cur[j + 1];
					*d = D_SKIP_B;
				}
			}
			uint32_t *tmp = next;
			next = cur;
			cur = tmp;
		}
		size_t i = 0, j = 0;
		while (i < ma && j < mb) {
			unsigned char d = dir[i * mb + j];
			if (d == D_MATCH)
				push_pair(out, n, &cap, (long)(pre + i++), (long)(pre + j++));
			else if (d == D_SKIP_A)
				push_pair(out, n, &cap, (long)(pre + i++), -1);
			else
				push_pair(out, n, &cap, -1, (long)(pre + j++));
		}
		for (; i < ma; i++)
			push_pair(out, n, &cap, (long)(pre + i), -1);
		for (; j < mb; j++)
			push_pair(out, n, &cap, -1, (long)(pre + j));
		free(dir);
		free(next);
		free(cur);
	} else {
		exact = !(ma && mb);
		for (size_t i = 0; i < ma; i++)
			push_pair(out, n, &cap, (long)(pre + i), -1);
		for (size_t j = 0; j < mb; j++)
			push_pair(out, n, &cap, -1, (long)(pre + j));
	}
	for (size_t k = 0; k < suf; k++)
		push_pair(out, n, &cap, (long)(na - suf + k), (long)(nb - suf + k));
	return exact;
}

static struct item *
items_of(const char *const *v, size_t n)
{
	struct item *it = xcalloc(n ? n : 1, sizeof(*it));

	for (size_t i = 0; i < n; i++) {
		it[i].s = v[i];
		it[i].len = strlen(v[i]);
		it[i].h = hash_bytes(v[i], it[i].len);
	}
	return it;
}

bool
trajdiff_lcs(const char *const *a, size_t na, const char *const *b, size_t nb,
	     struct lcs_pair **out, size_t *n)
{
	struct item *x = items_of(a, na), *y = items_of(b, nb);
	bool exact = lcs_items(x, na, y, nb, out, n);

	free(x);
	free(y);
	return exact;
}

/* ------------------------------------------------------------ trajectories */

/* The steps of t that ran a command and their normalized commands. */
static size_t
commands_of(const struct trajectory *t, size_t **steps, char ***norm)
{
	char *cwd = guess_cwd(t);
	struct buf b;
	size_t n = 0;

	buf_init(&b);
	*steps = xcalloc(t->n ? t->n : 1, sizeof(**steps));
	*norm = xcalloc(t->n ? t->n : 1, sizeof(**norm));
	for (size_t i = 0; i < t->n; i++) {
		if (!t->v[i].command)
			continue;
		trajdiff_normalize(t->v[i].command, cwd, &b);
		(*steps)[n] = i;
		(*norm)[n++] = xstrdup(buf_cstr(&b));
	}
	buf_free(&b);
	free(cwd);
	return n;
}

static const char *
output_of(const struct trajectory *t, long step)
{
	long obs = step >= 0 ? t->v[step].obs : -1;
	return obs >= 0 && t->v[obs].text ? t->v[obs].text : "";
}

void
trajdiff_build(struct trajdiff *d, const struct trajectory *a, const struct trajectory *b)
{
	size_t *sa, *sb, np, cap = 0;
	char **na, **nb;
	struct lcs_pair *pairs;
	long first_changed = -1;

	memset(d, 0, sizeof(*d));
	d->ta = a;
	d->tb = b;
	d->first_div = -1;
	d->commands_a = commands_of(a, &sa, &na);
	d->commands_b = commands_of(b, &sb, &nb);
	d->exact = trajdiff_lcs((const char *const *)na, d->commands_a, (const char *const *)nb,
				d->commands_b, &pairs, &np);
	for (size_t k = 0; k < np; k++) {
		struct tdiff_row r = {.a = -1, .b = -1};
		if (pairs[k].a >= 0) {
			r.a = (long)sa[pairs[k].a];
			r.na = pairs[k].a + 1;
		}
		if (pairs[k].b >= 0) {
			r.b = (long)sb[pairs[k].b];
			r.nb = pairs[k].b + 1;
		}
		if (r.a >= 0 && r.b >= 0) {
			r.kind = strcmp(output_of(a, r.a), output_of(b, r.b)) ? TDIFF_CHANGED : TDIFF_SAME;
			d->matched++;
			if (r.kind == TDIFF_CHANGED) {
				d->changed++;
				if (first_changed < 0)
					first_changed = (long)d->n;
			}
		} else {
			r.kind = r.a >= 0 ? TDIFF_ONLY_A : TDIFF_ONLY_B;
			if (d->first_div < 0)
				d->first_div = (long)d->n;
		}
		BT_GROW(d->rows, cap, d->n + 1);
		d->rows[d->n++] = r;
	}
	if (d->first_div < 0)
		d->first_div = first_changed;
	for (size_t i = 0; i < d->commands_a; i++)
		free(na[i]);
	for (size_t i = 0; i < d->commands_b; i++)
		free(nb[i]);
	free(na);
	free(nb);
	free(sa);
	free(sb);
	free(pairs);
}

void
trajdiff_free(struct trajdiff *d)
{
	free(d->rows);
	memset(d, 0, sizeof(*d));
	d->first_div = -1;
}

const char *
trajdiff_output(const struct trajdiff *d, size_t row, char side)
{
	const struct tdiff_row *r = &d->rows[row];
	return side == 'a' ? output_of(d->ta, r->a) : output_of(d->tb, r->b);
}

const char *
trajdiff_command(const struct trajdiff *d, size_t row)
{
	const struct tdiff_row *r = &d->rows[row];
	return r->a >= 0 ? d->ta->v[r->a].command : d->tb->v[r->b].command;
}

long
trajdiff_next_change(const struct trajdiff *d, long from, int dir)
{
	for (long i = from + (dir > 0 ? 1 : -1); i >= 0 && i < (long)d->n; i += dir > 0 ? 1 : -1)
		if (d->rows[i].kind != TDIFF_SAME)
			return i;
	return -1;
}

/* "Submitted, 6 steps, $0.01" (the raw status too when it says more). */
static void
ending(const struct trajectory *t, struct buf *out)
{
	const char *term = t->termination ? t->termination : "?";

	buf_puts(out, term);
	if (t->status && *t->status && strcmp(t->status, term))
		buf_printf(out, " (%s)", t->status);
	if (t->steps >= 0)
		buf_printf(out, ", %ld step%s", t->steps, t->steps == 1 ? "" : "s");
	if (t->cost >= 0)
		buf_printf(out, ", $%.2f", t->cost);
}

void
trajdiff_summary(const struct trajdiff *d, struct buf *counts, struct buf *ends)
{
	buf_reset(counts);
	buf_reset(ends);
	buf_printf(counts, "A %zu command%s, B %zu: %zu matched", d->commands_a,
		   d->commands_a == 1 ? "" : "s", d->commands_b, d->matched);
	if (d->changed)
		buf_printf(counts, " (%zu with other output)", d->changed);
	if (d->first_div < 0)
		buf_puts(counts, ", never diverged");
	else {
		/* where each side stands there: the row's command, or the
		 * next one that side ran */
		long at_a = 1, at_b = 1;
		for (long i = 0; i < d->first_div; i++) {
			at_a += d->rows[i].na > 0;
			at_b += d->rows[i].nb > 0;
		}
		buf_puts(counts, ", diverged at ");
		if (at_a <= (long)d->commands_a)
			buf_printf(counts, "A#%ld", at_a);
		else
			buf_puts(counts, "A's end");
		if (at_b <= (long)d->commands_b)
			buf_printf(counts, "/B#%ld", at_b);
		else
			buf_puts(counts, "/B's end");
		if (d->rows[d->first_div].kind == TDIFF_CHANGED)
			buf_puts(counts, " (output)");
	}
	if (!d->exact)
		buf_puts(counts, ", too long to align fully");
	buf_puts(ends, "A ");
	ending(d->ta, ends);
	buf_puts(ends, "  B ");
	ending(d->tb, ends);
}

/* ------------------------------------------------------------ outputs */

/* The lines of s (a last line without '\n' counts; "" has none). */
static struct item *
lines_of(const char *s, size_t *n)
{
	struct item *v = NULL;
	size_t cap = 0;

	*n = 0;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		BT_GROW(v, cap, *n + 1);
		v[*n].s = s;
		v[*n].len = len;
		v[(*n)++].h = hash_bytes(s, len);
		s += len + (nl ? 1 : 0);
	}
	return v;
}

void
trajdiff_obs_diff(const char *a, const char *b, struct obsdiff *out)
{
	size_t na, nb, np, cap = 0;
	struct item *x = lines_of(a, &na), *y = lines_of(b, &nb);
	struct lcs_pair *pairs;

	memset(out, 0, sizeof(*out));
	out->exact = lcs_items(x, na, y, nb, &pairs, &np);
	for (size_t k = 0; k < np; k++) {
		const struct item *it = pairs[k].a >= 0 ? &x[pairs[k].a] : &y[pairs[k].b];
		char kind = pairs[k].a >= 0 && pairs[k].b >= 0 ? ' ' : pairs[k].a >= 0 ? '-' : '+';
		BT_GROW(out->v, cap, out->n + 1);
		out->v[out->n].kind = kind;
		out->v[out->n].s = it->s;
		out->v[out->n++].len = it->len;
		out->removed += kind == '-';
		out->added += kind == '+';
	}
	free(pairs);
	free(x);
	free(y);
}

void
obsdiff_free(struct obsdiff *d)
{
	free(d->v);
	memset(d, 0, sizeof(*d));
}
