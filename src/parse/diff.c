/* diff.c: a git unified diff, one line at a time, into a compact index. */
#include "config.h"

#include "benchtop/diff.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/util.h"

enum { ST_NONE, ST_HEADER, ST_HUNK, ST_AFTER, ST_BINARY };

void
diff_init(struct diff *d)
{
	memset(d, 0, sizeof(*d));
	d->state = ST_NONE;
}

void
diff_free(struct diff *d)
{
	for (size_t i = 0; i < d->n_files; i++) {
		free(d->files[i].old_path);
		free(d->files[i].new_path);
	}
	free(d->files);
	free(d->hunks);
	free(d->kinds);
	free(d->marks);
	memset(d, 0, sizeof(*d));
}

static bool
starts(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && memcmp(s, prefix, k) == 0;
}

/* ------------------------------------------------------------ paths */

/* Decode a C-quoted string at s[0] == '"' (git's quoting of unusual
 * paths: \t \n \" \\ and octal bytes) into out.  Returns the bytes taken
 * including both quotes, or 0 when the closing quote is missing. */
static size_t
unquote(const char *s, size_t n, struct buf *out)
{
	size_t i = 1;

	while (i < n && s[i] != '"') {
		char c = s[i++];
		if (c != '\\' || i >= n) {
			buf_putc(out, c);
			continue;
		}
		c = s[i++];
		if (c >= '0' && c <= '7') {
			unsigned v = (unsigned)(c - '0');
			for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++)
				v = v * 8 + (unsigned)(s[i++] - '0');
			buf_putc(out, (char)(v & 0xFF));
			continue;
		}
		switch (c) {
		case 'a': c = '\a'; break;
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'v': c = '\v'; break;
		default: break; /* \" \\ and anything else: the character itself */
		}
		buf_putc(out, c);
	}
	return i < n ? i + 1 : 0;
}

/* A path without its "a/" or "b/" prefix; NULL for /dev/null. */
static char *
path_from(const char *s, size_t n, char prefix)
{
	if (n == 9 && memcmp(s, "/dev/null", 9) == 0)
		return NULL;
	if (prefix && n > 2 && s[0] == prefix && s[1] == '/') {
		s += 2;
		n -= 2;
	}
	return xstrndup(s, n);
}

/* One path token at s: quoted, or up to a tab (plain diffs put a date
 * after it) or the end.  *used gets the bytes taken. */
static char *
path_token(const char *s, size_t n, char prefix, size_t *used)
{
	if (n && s[0] == '"') {
		struct buf b;
		char *p;
		buf_init(&b);
		*used = unquote(s, n, &b);
		if (*used) {
			p = path_from(b.data ? b.data : "", b.len, prefix);
			buf_free(&b);
			return p;
		}
		buf_free(&b);
	}
	const char *tab = memchr(s, '\t', n);
	*used = tab ? (size_t)(tab - s) : n;
	return path_from(s, *used, prefix);
}

static void
set_path(char **slot, char *p)
{
	free(*slot);
	*slot = p;
}

/* "a/X b/Y" after "diff --git ": quoted names, or two equal halves when a
 * name holds " b/" itself, else the first " b/". */
static void
git_paths(struct diff_file *f, const char *s, size_t n)
{
	size_t used;

	if (n && s[0] == '"') {
		char *a = path_token(s, n, 'a', &used);
		set_path(&f->old_path, a);
		if (used && used < n && s[used] == ' ')
			set_path(&f->new_path, path_token(s + used + 1, n - used - 1, 'b', &used));
		return;
	}
	const char *q = memmem(s, n, " \"", 2);
	if (q) {
		set_path(&f->old_path, path_from(s, (size_t)(q - s), 'a'));
		set_path(&f->new_path, path_token(q + 1, n - (size_t)(q + 1 - s), 'b', &used));
		return;
	}
	if (n >= 7 && (n - 5) % 2 == 0) {
		size_t half = (n - 5) / 2;
		if (starts(s, n, "a/") && memcmp(s + 2 + half, " b/", 3) == 0 &&
		    memcmp(s + 2, s + 5 + half, half) == 0) {
			set_path(&f->old_path, xstrndup(s + 2, half));
			set_path(&f->new_path, xstrndup(s + 2, half));
			return;
		}
	}
	const char *b = memmem(s, n, " b/", 3);
	if (!b)
		b = memchr(s, ' ', n);
	if (!b) {
		set_path(&f->old_path, path_from(s, n, 'a'));
		set_path(&f->new_path, path_from(s, n, 'b'));
		return;
	}
	set_path(&f->old_path, path_from(s, (size_t)(b - s), 'a'));
	set_path(&f->new_path, path_from(b + 1, n - (size_t)(b + 1 - s), 'b'));
}

/* ------------------------------------------------------------ numbers */

static bool
parse_num(const char **p, const char *end, long *out)
{
	long v = 0;
	const char *s = *p;

	if (s >= end || *s < '0' || *s > '9')
		return false;
	for (; s < end && *s >= '0' && *s <= '9'; s++)
		v = v < 100000000000L ? v * 10 + (*s - '0') : v;
	*p = s;
	*out = v;
	return true;
}

static unsigned
parse_mode(const char *s, size_t n)
{
	unsigned v = 0;

	for (size_t i = 0; i < n && s[i] >= '0' && s[i] <= '7' && i < 8; i++)
		v = v * 8 + (unsigned)(s[i] - '0');
	return v;
}

/* "@@ -a[,b] +c[,d] @@" */
static bool
parse_hunk(const char *s, size_t n, struct diff_hunk *h)
{
	const char *p = s + 4, *end = s + n;

	h->old_count = h->new_count = 1;
	if (!parse_num(&p, end, &h->old_start))
		return false;
	if (p < end && *p == ',' && (++p, !parse_num(&p, end, &h->old_count)))
		return false;
	if (end - p < 2 || p[0] != ' ' || p[1] != '+')
		return false;
	p += 2;
	if (!parse_num(&p, end, &h->new_start))
		return false;
	if (p < end && *p == ',' && (++p, !parse_num(&p, end, &h->new_count)))
		return false;
	return end - p >= 3 && memcmp(p, " @@", 3) == 0;
}

/* ------------------------------------------------------------ files */

static struct diff_file *
cur_file(struct diff *d)
{
	return d->n_files ? &d->files[d->n_files - 1] : NULL;
}

static void
close_hunk(struct diff *d, size_t end)
{
	if (d->state == ST_HUNK && d->n_hunks)
		d->hunks[d->n_hunks - 1].end = end;
}

static struct diff_file *
open_file(struct diff *d)
{
	struct diff_file *f;
	size_t line = d->n_lines;

	close_hunk(d, line);
	if (d->n_files)
		d->files[d->n_files - 1].end = line;
	BT_GROW(d->files, d->cap_files, d->n_files + 1);
	f = &d->files[d->n_files++];
	memset(f, 0, sizeof(*f));
	f->similarity = -1;
	f->line = line;
	f->end = line + 1;
	f->first_hunk = d->n_hunks;
	d->state = ST_HEADER;
	d->seen_old = false;
	return f;
}

/* Extended header lines between "diff --git" and the first hunk. */
static bool
extended_header(struct diff_file *f, const char *s, size_t n)
{
	static const struct {
		const char *prefix;
		int what;
	} heads[] = {
		{"old mode ", 1}, {"new mode ", 2}, {"deleted file mode ", 3},
		{"new file mode ", 4}, {"rename from ", 5}, {"rename to ", 6},
		{"copy from ", 7}, {"copy to ", 8}, {"similarity index ", 9},
		{"dissimilarity index ", 10}, {"index ", 11},
	};

	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		size_t k = strlen(heads[i].prefix), used;
		const char *v = s + k, *sp;
		long pct;
		if (!starts(s, n, heads[i].prefix))
			continue;
		n -= k;
		switch (heads[i].what) {
		case 1: f->old_mode = parse_mode(v, n); break;
		case 2: f->new_mode = parse_mode(v, n); break;
		case 3:
			f->status = DIFF_DELETED;
			f->old_mode = parse_mode(v, n);
			set_path(&f->new_path, NULL);
			break;
		case 4:
			f->status = DIFF_ADDED;
			f->new_mode = parse_mode(v, n);
			set_path(&f->old_path, NULL);
			break;
		case 5:
		case 7:
			f->status = heads[i].what == 5 ? DIFF_RENAMED : DIFF_COPIED;
			set_path(&f->old_path, path_token(v, n, 0, &used));
			break;
		case 6:
		case 8:
			f->status = heads[i].what == 6 ? DIFF_RENAMED : DIFF_COPIED;
			set_path(&f->new_path, path_token(v, n, 0, &used));
			break;
		case 9:
		case 10:
			if (parse_num(&v, v + n, &pct))
				f->similarity = (int)(heads[i].what == 9 ? pct : 100 - pct);
			break;
		default: /* "index abc..def 100644": the mode of both sides */
			sp = memchr(v, ' ', n);
			if (sp && !f->old_mode && !f->new_mode)
				f->old_mode = f->new_mode =
					parse_mode(sp + 1, n - (size_t)(sp + 1 - v));
			break;
		}
		return true;
	}
	return false;
}

/* A line outside a hunk body. */
static enum diff_kind
header_line(struct diff *d, const char *s, size_t n)
{
	struct diff_file *f = cur_file(d);
	size_t used;

	if (starts(s, n, "diff ")) {
		f = open_file(d);
		if (starts(s, n, "diff --git "))
			git_paths(f, s + 11, n - 11);
		return DIFF_HEADER;
	}
	if (d->state == ST_BINARY)
		return DIFF_BINARY;
	if (starts(s, n, "--- ")) {
		/* a plain unified diff has no "diff" line: "---" opens the file */
		if (d->state != ST_HEADER || d->seen_old)
			f = open_file(d);
		d->seen_old = true;
		char *p = path_token(s + 4, n - 4, 'a', &used);
		if (!p)
			f->status = DIFF_ADDED;
		set_path(&f->old_path, p);
		return DIFF_OLD_PATH;
	}
	if (!f)
		return DIFF_OTHER;
	if (starts(s, n, "+++ ") && d->state == ST_HEADER) {
		char *p = path_token(s + 4, n - 4, 'b', &used);
		if (!p)
			f->status = DIFF_DELETED;
		set_path(&f->new_path, p);
		return DIFF_NEW_PATH;
	}
	if (starts(s, n, "@@ -")) {
		struct diff_hunk h;
		if (!parse_hunk(s, n, &h))
			return DIFF_OTHER;
		h.line = d->n_lines;
		h.end = h.line + 1;
		h.file = d->n_files - 1;
		BT_GROW(d->hunks, d->cap_hunks, d->n_hunks + 1);
		d->hunks[d->n_hunks++] = h;
		f->n_hunks++;
		d->old_left = h.old_count;
		d->new_left = h.new_count;
		d->old_no = h.old_start;
		d->new_no = h.new_start;
		if (h.old_start + h.old_count > d->max_line_no)
			d->max_line_no = h.old_start + h.old_count;
		if (h.new_start + h.new_count > d->max_line_no)
			d->max_line_no = h.new_start + h.new_count;
		d->state = d->old_left || d->new_left ? ST_HUNK : ST_AFTER;
		return DIFF_HUNK;
	}
	if (d->state == ST_AFTER && n && s[0] == '\\') {
		if (f->n_hunks && d->hunks[d->n_hunks - 1].end == d->n_lines)
			d->hunks[d->n_hunks - 1].end = d->n_lines + 1;
		return DIFF_NO_NEWLINE;
	}
	if (starts(s, n, "Binary files ") || starts(s, n, "GIT binary patch")) {
		f->binary = true;
		if (s[0] == 'G')
			d->state = ST_BINARY;
		return DIFF_BINARY;
	}
	if (d->state == ST_HEADER && extended_header(f, s, n))
		return DIFF_HEADER;
	return DIFF_OTHER;
}

/* A line of a hunk body, counted against the hunk's lengths; DIFF_OTHER
 * when it cannot belong to the hunk (which then ends before it). */
static enum diff_kind
hunk_line(struct diff *d, const char *s, size_t n)
{
	struct diff_file *f = cur_file(d);
	char c = n ? s[0] : ' ';
	enum diff_kind k;

	if (c == '\\')
		return DIFF_NO_NEWLINE;
	if (c == ' ' && d->old_left > 0 && d->new_left > 0) {
		d->old_left--, d->new_left--;
		d->old_no++, d->new_no++;
		k = DIFF_CONTEXT;
	} else if (c == '-' && d->old_left > 0) {
		d->old_left--;
		d->old_no++;
		f->dels++, d->dels++;
		k = DIFF_DEL;
	} else if (c == '+' && d->new_left > 0) {
		d->new_left--;
		d->new_no++;
		f->adds++, d->adds++;
		k = DIFF_ADD;
	} else {
		return DIFF_OTHER;
	}
	if (d->old_left == 0 && d->new_left == 0) {
		close_hunk(d, d->n_lines + 1);
		d->state = ST_AFTER;
	}
	return k;
}

void
diff_feed(struct diff *d, const char *s, size_t n)
{
	enum diff_kind k = DIFF_OTHER;

	if (n > DIFF_HEAD_MAX)
		n = DIFF_HEAD_MAX;
	if (n && s[n - 1] == '\r')
		n--;
	if (d->n_lines % DIFF_MARK_EVERY == 0) {
		BT_GROW(d->marks, d->cap_marks, d->n_marks + 1);
		d->marks[d->n_marks++] = (struct diff_mark){d->old_no, d->new_no};
	}
	if (d->state == ST_HUNK) {
		k = hunk_line(d, s, n);
		if (k == DIFF_OTHER) {
			close_hunk(d, d->n_lines);
			d->state = ST_AFTER;
		}
	}
	if (d->state != ST_HUNK && k == DIFF_OTHER)
		k = header_line(d, s, n);
	BT_GROW(d->kinds, d->cap_lines, d->n_lines + 1);
	d->kinds[d->n_lines++] = (unsigned char)k;
	if (d->n_files && d->state != ST_NONE)
		d->files[d->n_files - 1].end = d->n_lines;
}

void
diff_finish(struct diff *d)
{
	close_hunk(d, d->n_lines);
	if (d->n_files)
		d->files[d->n_files - 1].end = d->n_lines;
	d->state = ST_NONE;
}

void
diff_parse(struct diff *d, const char *data, size_t len)
{
	diff_init(d);
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (data + pos)) : len - pos;
		diff_feed(d, data + pos, n);
		pos += n + (nl ? 1 : 0);
	}
	diff_finish(d);
}

/* ------------------------------------------------------------ queries */

const char *
diff_file_path(const struct diff_file *f)
{
	if (f->new_path)
		return f->new_path;
	return f->old_path ? f->old_path : "";
}

char
diff_file_letter(const struct diff_file *f)
{
	switch (f->status) {
	case DIFF_ADDED: return 'A';
	case DIFF_DELETED: return 'D';
	case DIFF_RENAMED: return 'R';
	case DIFF_COPIED: return 'C';
	default: break;
	}
	if (f->binary)
		return 'B';
	if (f->n_hunks == 0 && f->old_mode && f->new_mode && f->old_mode != f->new_mode)
		return 'T';
	return 'M';
}

/* The index of the element whose [line, end) holds x, in an array sorted by
 * line (size_t fields at the given offsets); -1 when none does. */
static long
span_at(const void *base, size_t n, size_t size, size_t line_off, size_t end_off, size_t x)
{
	const char *b = base;
	size_t lo = 0, hi = n, v;

	/* memcpy: the compiler cannot see that the fields are aligned */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		memcpy(&v, b + mid * size + line_off, sizeof(v));
		if (v <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return -1;
	memcpy(&v, b + (lo - 1) * size + end_off, sizeof(v));
	return x < v ? (long)lo - 1 : -1;
}

long
diff_file_at(const struct diff *d, size_t line)
{
	return span_at(d->files, d->n_files, sizeof(*d->files), offsetof(struct diff_file, line),
		       offsetof(struct diff_file, end), line);
}

long
diff_hunk_at(const struct diff *d, size_t line)
{
	return span_at(d->hunks, d->n_hunks, sizeof(*d->hunks), offsetof(struct diff_hunk, line),
		       offsetof(struct diff_hunk, end), line);
}

void
diff_line_numbers(const struct diff *d, size_t line, long *old_no, long *new_no)
{
	long h = diff_hunk_at(d, line), o, n;
	size_t i, mark = line / DIFF_MARK_EVERY;
	enum diff_kind k;

	*old_no = *new_no = 0;
	if (h < 0 || line >= d->n_lines)
		return;
	k = (enum diff_kind)d->kinds[line];
	if (k != DIFF_CONTEXT && k != DIFF_ADD && k != DIFF_DEL)
		return;
	/* walk from the hunk's start or the nearest mark inside the hunk */
	if (mark * DIFF_MARK_EVERY > d->hunks[h].line && mark < d->n_marks) {
		i = mark * DIFF_MARK_EVERY;
		o = d->marks[mark].old_no;
		n = d->marks[mark].new_no;
	} else {
		i = d->hunks[h].line + 1;
		o = d->hunks[h].old_start;
		n = d->hunks[h].new_start;
	}
	for (; i < line; i++) {
		enum diff_kind ki = (enum diff_kind)d->kinds[i];
		o += ki == DIFF_CONTEXT || ki == DIFF_DEL;
		n += ki == DIFF_CONTEXT || ki == DIFF_ADD;
	}
	*old_no = k == DIFF_ADD ? 0 : o;
	*new_no = k == DIFF_DEL ? 0 : n;
}
