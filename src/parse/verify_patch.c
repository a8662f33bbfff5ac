/* verify_patch.c: the patch as the verifiers read it (upstream's
 * verifiers.py reads it as text: UTF-8 with errors="replace", universal
 * newlines, split with str.splitlines(); we never build that string): the
 * touched files, each file's added lines, and the evidence rows that point
 * back into the patch. */
#include "config.h"

#include "verify_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* A section of the patch from one header that splitlines() sees to the next. */
struct section {
	const char *path;
	size_t len;
	size_t body, end;  /* byte range of the lines after the header */
	int body_line;
	unsigned index;
};

struct parse_state {
	struct section *v;
	size_t n, cap;
};

/* End of the line at s[i] as str.splitlines() sees it after universal
 * newlines: \n, \r\n, \r, \v, \f, \x1c-\x1e, U+0085, U+2028, U+2029.
 * Sets the terminator length (0 at the end of the data), whether it ends
 * a physical line (where re's ^ matches: \n, \r\n or \r) and how many
 * '\n' bytes it holds (patch line numbers count those). */
static size_t
line_end(const char *s, size_t n, size_t i, size_t *brk, bool *physical, int *newlines)
{
	const unsigned char *u = (const unsigned char *)s;
	const uint64_t ones = UINT64_MAX / 255, highs = ones * 0x80;

	*physical = false;
	*newlines = 0;
	for (; i < n; i++) {
		unsigned char c;

		/* eight bytes at a time while none is below 0x1F, 0xC2 or 0xE2
		 * (patches are long; the test is the classic has-less/has-zero) */
		for (uint64_t x, y, z; i + 8 <= n; i += 8) {
			memcpy(&x, u + i, 8);
			y = x ^ (ones * 0xC2);
			z = x ^ (ones * 0xE2);
			if ((((x - ones * 0x1F) & ~x) | ((y - ones) & ~y) | ((z - ones) & ~z)) & highs)
				break;
		}
		if (i >= n)
			break;
		c = u[i];
		if (c > 0x1E && c != 0xC2 && c != 0xE2)
			continue;
		if (c == '\n' || c == '\r') {
			*physical = true;
			*brk = c == '\r' && i + 1 < n && u[i + 1] == '\n' ? 2 : 1;
			*newlines = c == '\n' || *brk == 2;
			return i;
		}
		if (c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E) {
			*brk = 1;
			return i;
		}
		if (c == 0xC2 && i + 1 < n && u[i + 1] == 0x85) {
			*brk = 2;
			return i;
		}
		if (c == 0xE2 && i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)) {
			*brk = 3;
			return i;
		}
	}
	*brk = 0;
	return n;
}

static int
clamp_line(size_t line)
{
	return line > INT_MAX ? INT_MAX : (int)line;
}

/* Pass 1: find the headers.  Upstream reads the file list with
 * re.finditer(r"^diff --git a/(.+?) b/", text, re.M), whose ^ and . only
 * know '\n', and the added text per file from str.splitlines(), which also
 * breaks at \v, \f and the rest: so a header counts for each when its own
 * kind of line starts with it. */
static void
parse_headers(struct verify_patch *p, struct parse_state *st, const char *s, size_t n)
{
	size_t i = 0, line = 1;
	bool physical = true;

	while (i < n) {
		size_t brk, le;
		bool next_physical;
		int newlines;
		const char *b = NULL;

		le = line_end(s, n, i, &brk, &next_physical, &newlines);
		if (le - i >= 13 && memcmp(s + i, "diff --git a/", 13) == 0) {
			/* (.+?) b/ : at least one character, then the first " b/" */
			if (le - i >= 17)
				b = memmem(s + i + 14, le - i - 14, " b/", 3);
			if (b) {
				struct section *sec;

				if (st->n)
					st->v[st->n - 1].end = i;
				BT_GROW(st->v, st->cap, st->n + 1);
				sec = &st->v[st->n];
				sec->path = s + i + 13;
				sec->len = (size_t)(b - sec->path);
				sec->body = le + brk;
				sec->end = n;
				sec->body_line = clamp_line(line + (size_t)newlines);
				sec->index = (unsigned)st->n++;
			}
			if (physical && !b) {
				size_t pe = le;

				while (pe < n && s[pe] != '\n' && s[pe] != '\r')
					pe++;
				if (pe - i >= 17)
					b = memmem(s + i + 14, pe - i - 14, " b/", 3);
			}
			if (physical && b) {
				struct vp_file *f;

				BT_GROW(p->files, p->cap_files, p->n_files + 1);
				f = &p->files[p->n_files++];
				f->len = (size_t)(b - (s + i + 13));
				f->path = xstrndup(s + i + 13, f->len);
				f->line = clamp_line(line);
			}
		}
		line += (size_t)newlines;
		physical = next_physical;
		if (brk == 0)
			break;
		i = le + brk;
	}
}

/* Raw bytes: Python compares the decoded text, where different invalid
 * bytes would all be U+FFFD; no real patch tells the two apart. */
static bool
same_path(const struct section *x, const struct section *y)
{
	return x->len == y->len && memcmp(x->path, y->path, x->len) == 0;
}

static int
cmp_section_path(const void *a, const void *b)
{
	const struct section *x = *(const struct section *const *)a;
	const struct section *y = *(const struct section *const *)b;
	size_t len = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->path, y->path, len);

	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* upstream keeps a dict: a path seen twice keeps its first place and the
 * text of its last section. */
struct dict_entry {
	unsigned first, last;
};

static int
cmp_dict_first(const void *a, const void *b)
{
	const struct dict_entry *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

/* PurePosixPath(path).name: the last component, ignoring empty and "."
 * components. */
static void
path_name(const char *path, size_t len, const char **name, size_t *name_len)
{
	size_t i = 0;

	*name = path;
	*name_len = 0;
	while (i < len) {
		size_t j = i;

		while (j < len && path[j] != '/')
			j++;
		if (j > i && !(j - i == 1 && path[i] == '.')) {
			*name = path + i;
			*name_len = j - i;
		}
		i = j + 1;
	}
}

/* The DB and ORM checks skip lock files (by base name). */
static bool
is_lock_file(const char *path, size_t len)
{
	static const char *const locks[] = {"package-lock.json", "yarn.lock", "pnpm-lock.yaml"};
	const char *name;
	size_t name_len;

	path_name(path, len, &name, &name_len);
	for (size_t i = 0; i < sizeof(locks) / sizeof(locks[0]); i++)
		if (name_len == strlen(locks[i]) && memcmp(name, locks[i], name_len) == 0)
			return true;
	return false;
}

/* Pass 2: copy one section's added lines ('+' lines other than "+++")
 * into p->text, joined by '\n'. */
static void
append_added(struct verify_patch *p, struct buf *text, const char *s, size_t n,
	     const struct section *sec, unsigned file)
{
	size_t i = sec->body, line = (size_t)sec->body_line;
	bool first = true;

	while (i < sec->end) {
		size_t brk, le;
		bool physical;
		int newlines;

		le = line_end(s, n, i, &brk, &physical, &newlines);
		if (le > i && s[i] == '+' && !(le - i >= 3 && s[i + 1] == '+' && s[i + 2] == '+')) {
			struct vp_line *l;

			if (!first)
				buf_putc(text, '\n');
			first = false;
			BT_GROW(p->lines, p->cap_lines, p->n_lines + 1);
			l = &p->lines[p->n_lines++];
			l->off = text->len;
			l->line = clamp_line(line);
			l->file = file;
			buf_append(text, s + i + 1, le - i - 1);
		}
		line += (size_t)newlines;
		if (brk == 0)
			break;
		i = le + brk;
	}
}

struct verify_patch *
verify_patch_parse(const char *data, size_t len)
{
	struct verify_patch *p = xcalloc(1, sizeof(*p));
	struct parse_state st = {0};
	struct section **sorted;
	struct dict_entry *dict;
	struct buf text;
	size_t n_dict = 0, placed = 0;

	buf_init(&text);
	if (!data)
		len = 0;
	parse_headers(p, &st, data, len);

	sorted = xreallocarray(NULL, st.n ? st.n : 1, sizeof(*sorted));
	dict = xreallocarray(NULL, st.n ? st.n : 1, sizeof(*dict));
	for (size_t i = 0; i < st.n; i++)
		sorted[i] = &st.v[i];
	qsort(sorted, st.n, sizeof(*sorted), cmp_section_path);
	for (size_t i = 0; i < st.n; i++) {
		if (i == 0 || !same_path(sorted[i - 1], sorted[i]))
			dict[n_dict++].first = sorted[i]->index;
		dict[n_dict - 1].last = sorted[i]->index;
	}
	qsort(dict, n_dict, sizeof(*dict), cmp_dict_first);

	p->contents = xcalloc(n_dict ? n_dict : 1, sizeof(*p->contents));
	p->n_contents = n_dict;
	for (size_t i = 0; i < n_dict; i++) {
		const struct section *sec = &st.v[dict[i].first];

		p->contents[i].path = xstrndup(sec->path, sec->len);
		p->contents[i].len = sec->len;
	}
	/* lock files last, so that the DB/ORM text is a prefix of the text */
	for (int lock = 0; lock < 2; lock++) {
		for (size_t i = 0; i < n_dict; i++) {
			struct vp_content *c = &p->contents[i];

			if (is_lock_file(c->path, c->len) != (lock == 1))
				continue;
			if (placed++)
				buf_putc(&text, '\n');
			c->off = text.len;
			append_added(p, &text, data, len, &st.v[dict[i].last], (unsigned)i);
			c->text_len = text.len - c->off;
		}
		if (lock == 0)
			p->db_len = text.len;
	}
	p->text_len = text.len;
	p->text = buf_steal(&text);
	free(sorted);
	free(dict);
	free(st.v);
	return p;
}

void
verify_patch_free(struct verify_patch *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_files; i++)
		free(p->files[i].path);
	for (size_t i = 0; i < p->n_contents; i++)
		free(p->contents[i].path);
	free(p->files);
	free(p->contents);
	free(p->text);
	free(p->lines);
	free(p);
}

size_t
verify_patch_file_count(const struct verify_patch *p)
{
	return p->n_files;
}

const char *
verify_patch_file_path(const struct verify_patch *p, size_t i)
{
	return i < p->n_files ? p->files[i].path : NULL;
}

/* ------------------------------------------------------------ evidence */

void
evidence_list_free(struct evidence_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].file);
		free(l->v[i].label);
		free(l->v[i].detail);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void
verify_evidence_add(struct evidence_list *l, enum verifier_kind v, const char *file, int line,
	     const char *label, char *detail)
{
	struct evidence *e;

	BT_GROW(l->v, l->cap, l->n + 1);
	e = &l->v[l->n++];
	e->verifier = v;
	e->file = file ? xstrdup(file) : NULL;
	e->line = line;
	e->label = xstrdup(label);
	e->detail = detail;
}

/* The added line holding p->text[off]. */
static const struct vp_line *
line_at(const struct verify_patch *p, size_t off)
{
	size_t lo = 0, hi = p->n_lines;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->lines[mid].off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &p->lines[lo - 1] : NULL;
}

/* Record which file and patch line gave `label`: the detail is `prefix`
 * and the line's text, trimmed, at most DETAIL_MAX bytes of it. */
void
verify_evidence_at(const struct verify_patch *p, struct evidence_list *l, enum verifier_kind v,
	    size_t off, const char *label, const char *prefix)
{
	const struct vp_line *ln;
	const char *t = p->text, *nl;
	size_t a, b;
	struct buf d;

	if (!l)
		return;
	ln = line_at(p, off);
	buf_init(&d);
	buf_puts(&d, prefix);
	if (ln) {
		a = ln->off;
		nl = memchr(t + a, '\n', p->text_len - a);
		b = nl ? (size_t)(nl - t) : p->text_len;
		while (a < b && (t[a] == ' ' || t[a] == '\t'))
			a++;
		while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
			b--;
		if (b - a > DETAIL_MAX) {
			b = a + DETAIL_MAX;
			/* do not cut a UTF-8 sequence */
			while (b > a && ((unsigned char)t[b] & 0xC0) == 0x80)
				b--;
		}
		buf_append(&d, t + a, b - a);
	}
	verify_evidence_add(l, v, ln ? p->contents[ln->file].path : NULL, ln ? ln->line : 0, label,
		     buf_steal(&d));
}
