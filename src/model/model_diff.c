/* model_diff.c: the diff viewer's model: a patch paged from the store,
 * indexed in one pass, with the verifier's evidence on its lines. */
#include "config.h"

#include "benchtop/model_diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (1u << 20)

/* The line being read when it runs over a chunk's end: its first
 * DIFF_HEAD_MAX bytes are all the parser needs. */
struct pending {
	char head[DIFF_HEAD_MAX];
	size_t len;
	bool open;
};

static void
add_start(struct text_model *t, size_t off)
{
	BT_GROW(t->starts, t->cap, t->n_lines + 1);
	t->starts[t->n_lines++] = off;
}

static void
keep_head(struct pending *p, const char *s, size_t n)
{
	size_t room = sizeof(p->head) - p->len;
	memcpy(p->head + p->len, s, n < room ? n : room);
	p->len += n < room ? n : room;
	p->open = true;
}

long
diff_model_file_at(const struct diff_model *m, size_t line)
{
	return diff_file_at(&m->d, line);
}

void
diff_model_line_numbers(const struct diff_model *m, size_t line, long *old_no, long *new_no)
{
	diff_line_numbers(&m->d, line, old_no, new_no);
}

int
diff_model_open(struct diff_model *m, struct store_blob *blob, struct bt_error *err)
{
	struct pending *pend = xcalloc(1, sizeof(*pend));
	char *chunk = xmalloc(CHUNK);
	size_t crlf = 0;
	int rc = BT_OK;

	memset(m, 0, sizeof(*m));
	m->text.blob = blob;
	m->text.size = store_blob_size(blob);
	diff_init(&m->d);
	if (m->text.size)
		add_start(&m->text, 0);
	for (size_t off = 0; off < m->text.size; off += CHUNK) {
		size_t n = m->text.size - off < CHUNK ? m->text.size - off : CHUNK;
		const char *p = chunk, *end = chunk + n;
		if ((rc = store_blob_read(blob, off, chunk, n, err)))
			break;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			if (!nl) {
				keep_head(pend, p, (size_t)(end - p));
				break;
			}
			crlf += nl > chunk ? nl[-1] == '\r'
					   : pend->len && pend->head[pend->len - 1] == '\r';
			if (pend->open) {
				keep_head(pend, p, (size_t)(nl - p));
				diff_feed(&m->d, pend->head, pend->len);
				pend->len = 0;
				pend->open = false;
			} else {
				diff_feed(&m->d, p, (size_t)(nl - p));
			}
			p = nl + 1;
			if (off + (size_t)(p - chunk) < m->text.size)
				add_start(&m->text, off + (size_t)(p - chunk));
		}
	}
	if (!rc && pend->open)
		diff_feed(&m->d, pend->head, pend->len);
	diff_finish(&m->d);
	m->text.crlf = m->text.n_lines > 1 && crlf * 2 >= m->text.n_lines;
	m->info = xcalloc(m->d.n_files ? m->d.n_files : 1, sizeof(*m->info));
	for (size_t f = 0; f < m->d.n_files; f++) {
		m->info[f].path = diff_file_path(&m->d.files[f]);
		m->info[f].letter = diff_file_letter(&m->d.files[f]);
	}
	free(chunk);
	free(pend);
	if (rc) {
		diff_model_close(m);
		return rc;
	}
	return BT_OK;
}

/* ------------------------------------------------------------ evidence */

/* Is this database/ORM label the other side's evidence in a failed
 * verdict ("Found sqlite evidence: ...; Also found postgres evidence: X")? */
static bool
label_offends(const struct verdict *v, const char *label)
{
	const char *also;

	if (!v->applicable || v->ok || !v->reason)
		return false;
	also = strstr(v->reason, "Also found");
	if (!also)
		return false;
	for (const char *p = also; (p = strstr(p, label)); p++) {
		char after = p[strlen(label)];
		if (p[-1] == ' ' && (!after || after == ',' || after == ';' || after == ' '))
			return true;
	}
	return false;
}

static int
note_cmp(const void *a, const void *b)
{
	const struct diff_note *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	/* stable: evidence order (labels point into one array, in order) */
	return x->label < y->label ? -1 : x->label > y->label;
}

/* The file an evidence row names: by its line, else by path. */
static long
file_of(const struct diff_model *m, const struct evidence *e)
{
	if (e->line > 0 && (size_t)e->line <= m->d.n_lines) {
		long f = diff_file_at(&m->d, (size_t)e->line - 1);
		if (f >= 0)
			return f;
	}
	for (size_t i = 0; e->file && i < m->d.n_files; i++) {
		const struct diff_file *df = &m->d.files[i];
		if ((df->old_path && strcmp(df->old_path, e->file) == 0) ||
		    (df->new_path && strcmp(df->new_path, e->file) == 0))
			return (long)i;
	}
	return -1;
}

void
diff_model_set_evidence(struct diff_model *m, const struct attempt *a)
{
	size_t cap = 0;

	free(m->notes);
	m->notes = NULL;
	m->n_notes = 0;
	for (size_t f = 0; f < m->d.n_files; f++) {
		m->info[f].layer[0] = '\0';
		m->info[f].notes = m->info[f].bad = 0;
	}
	for (size_t i = 0; i < a->n_evidence; i++) {
		const struct evidence *e = &a->evidence[i];
		long f = file_of(m, e);
		struct diff_note *n;

		if (str_starts(e->label, "layer:")) {
			if (f >= 0)
				snprintf(m->info[f].layer, sizeof(m->info[f].layer), "%s",
					 e->label + 6);
			continue;
		}
		if (e->line <= 0 || (size_t)e->line > m->d.n_lines)
			continue;
		BT_GROW(m->notes, cap, m->n_notes + 1);
		n = &m->notes[m->n_notes++];
		n->line = (size_t)e->line - 1;
		n->verifier = e->verifier;
		n->label = e->label;
		n->detail = e->detail ? e->detail : "";
		n->bad = strcmp(e->label, "violation") == 0 ||
			 label_offends(&a->verdict[e->verifier], e->label);
		if (f >= 0) {
			m->info[f].notes++;
			m->info[f].bad += n->bad;
		}
	}
	if (m->n_notes)
		qsort(m->notes, m->n_notes, sizeof(*m->notes), note_cmp);
}

size_t
diff_model_notes_at(const struct diff_model *m, size_t line, size_t *first)
{
	size_t lo = 0, hi = m->n_notes, k;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->notes[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	for (k = lo; k < m->n_notes && m->notes[k].line == line; k++)
		;
	return k - lo;
}

/* ------------------------------------------------------------ moving */

long
diff_model_next_file(const struct diff_model *m, size_t line, int dir)
{
	const struct diff *d = &m->d;
	long f = diff_file_at(d, line);

	if (dir > 0) {
		size_t next = f < 0 ? 0 : (size_t)f + 1;
		while (next < d->n_files && d->files[next].line <= line)
			next++;
		return next < d->n_files ? (long)d->files[next].line : -1;
	}
	if (f < 0)
		return -1;
	if (d->files[f].line < line)
		return (long)d->files[f].line;
	return f > 0 ? (long)d->files[f - 1].line : -1;
}

long
diff_model_next_hunk(const struct diff_model *m, size_t line, int dir)
{
	const struct diff *d = &m->d;
	long best = -1;

	for (size_t i = 0; i < d->n_hunks; i++) {
		if (dir > 0 && d->hunks[i].line > line)
			return (long)d->hunks[i].line;
		if (dir < 0 && d->hunks[i].line < line)
			best = (long)d->hunks[i].line;
	}
	return best;
}

long
diff_model_next_note(const struct diff_model *m, long from, int dir)
{
	long best = -1;

	for (size_t i = 0; i < m->n_notes; i++) {
		long nl = (long)m->notes[i].line;
		if (dir > 0 && nl > from)
			return nl;
		if (dir < 0 && nl < from)
			best = nl;
	}
	return best;
}

/* ------------------------------------------------------------ side by side */

static void
add_pair(struct diff_model *m, size_t *cap, uint32_t left, uint32_t right)
{
	BT_GROW(m->pairs, *cap, m->n_pairs + 1);
	m->pairs[m->n_pairs++] = (struct diff_pair){left, right};
}

void
diff_model_pairs(struct diff_model *m)
{
	const unsigned char *k = m->d.kinds;
	size_t n = m->d.n_lines, cap = 0, i = 0;

	if (m->pairs || n == 0)
		return;
	while (i < n) {
		if (k[i] != DIFF_DEL && k[i] != DIFF_ADD) {
			add_pair(m, &cap, (uint32_t)i, (uint32_t)i);
			i++;
			continue;
		}
		/* a run of removals (with their "\ No newline") beside the
		 * additions that follow it */
		size_t a = i, b, c;
		while (i < n && (k[i] == DIFF_DEL || (k[i] == DIFF_NO_NEWLINE && i > a)))
			i++;
		b = i;
		while (i < n && (k[i] == DIFF_ADD || (k[i] == DIFF_NO_NEWLINE && i > b)))
			i++;
		c = i;
		for (size_t r = 0; r < b - a || r < c - b; r++)
			add_pair(m, &cap, r < b - a ? (uint32_t)(a + r) : DIFF_NO_LINE,
				 r < c - b ? (uint32_t)(b + r) : DIFF_NO_LINE);
	}
}

/* The row's first line: its left line, else its right one. */
static size_t
pair_key(const struct diff_pair *p)
{
	return p->left != DIFF_NO_LINE ? p->left : p->right;
}

size_t
diff_model_pair_of(const struct diff_model *m, size_t line)
{
	size_t lo = 0, hi = m->n_pairs;

	if (!m->n_pairs)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pair_key(&m->pairs[mid]) <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t r = lo ? lo - 1 : 0;
	/* an addition sits beside a removal: its row is earlier in the block */
	for (size_t b = r + 1; b-- > 0;) {
		const struct diff_pair *p = &m->pairs[b];
		if (p->left == line || p->right == line)
			return b;
		if (p->left == p->right || p->left == DIFF_NO_LINE)
			break;
	}
	return r;
}

void
diff_model_close(struct diff_model *m)
{
	text_model_close(&m->text);
	diff_free(&m->d);
	free(m->info);
	free(m->notes);
	free(m->pairs);
	memset(m, 0, sizeof(*m));
}
