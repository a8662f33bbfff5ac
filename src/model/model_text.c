/* model_text.c: paging a text artifact from the store. */
#include "config.h"

#include "benchtop/model_text.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (1u << 20)

int
text_model_open(struct text_model *m, struct store_blob *blob, struct bt_error *err)
{
	char *chunk = xmalloc(CHUNK);
	size_t crlf = 0;
	int rc = BT_OK;

	memset(m, 0, sizeof(*m));
	m->blob = blob;
	m->size = store_blob_size(blob);
	BT_GROW(m->starts, m->cap, 1);
	m->starts[m->n_lines++] = 0;
	for (size_t off = 0; off < m->size && !rc; off += CHUNK) {
		size_t n = m->size - off < CHUNK ? m->size - off : CHUNK;
		if ((rc = store_blob_read(blob, off, chunk, n, err)))
			break;
		for (const char *p = chunk; (p = memchr(p, '\n', (size_t)(chunk + n - p))); p++) {
			size_t next = off + (size_t)(p - chunk) + 1;
			crlf += p > chunk && p[-1] == '\r';
			if (next < m->size) {
				BT_GROW(m->starts, m->cap, m->n_lines + 1);
				m->starts[m->n_lines++] = next;
			}
		}
	}
	/* CRLF files: most lines end in \r\n */
	m->crlf = m->n_lines > 1 && crlf * 2 >= m->n_lines;
	free(chunk);
	if (rc) {
		text_model_close(m);
		return rc;
	}
	return BT_OK;
}

int
text_model_line(struct text_model *m, size_t i, struct buf *out, bool *cut, struct bt_error *err)
{
	size_t start, end, n;
	int rc;

	buf_reset(out);
	*cut = false;
	if (i >= m->n_lines || m->size == 0) {
		buf_cstr(out);
		return BT_OK;
	}
	start = m->starts[i];
	end = i + 1 < m->n_lines ? m->starts[i + 1] : m->size;
	assert(start <= end && end <= m->size);
	n = end - start;
	if (n > TEXT_LINE_CAP) {
		n = TEXT_LINE_CAP;
		*cut = true;
	}
	buf_reserve(out, n);
	if ((rc = store_blob_read(m->blob, start, out->data, n, err)))
		return rc;
	out->len = n;
	if (!*cut && out->len && out->data[out->len - 1] == '\n')
		out->len--;
	if (!*cut && out->len && out->data[out->len - 1] == '\r')
		out->len--;
	buf_cstr(out);
	return BT_OK;
}

/* The line holding byte offset off. */
static size_t
line_of(const struct text_model *m, size_t off)
{
	size_t lo = 0, hi = m->n_lines;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (m->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

long
text_model_find(struct text_model *m, long from, const char *needle, int dir)
{
	size_t nlen = strlen(needle);
	char *chunk;
	long found = -1;

	if (!nlen || m->size == 0 || m->n_lines == 0)
		return -1;
	chunk = xmalloc(CHUNK + nlen);
	/* scan the whole file once; keep the first match after `from` in the
	 * direction asked, else wrap to the first (last) match overall */
	long first = -1, last = -1, after = -1, before = -1;
	for (size_t off = 0; off < m->size; off += CHUNK) {
		size_t n = m->size - off < CHUNK + nlen - 1 ? m->size - off : CHUNK + nlen - 1;
		if (store_blob_read(m->blob, off, chunk, n, NULL))
			break;
		for (const char *p = chunk; (p = memmem(p, (size_t)(chunk + n - p), needle, nlen));
		     p++) {
			size_t at = off + (size_t)(p - chunk);
			long line;
			if (at >= off + CHUNK)
				break; /* the next chunk finds it */
			line = (long)line_of(m, at);
			if (first < 0)
				first = line;
			last = line;
			if (line > from && after < 0)
				after = line;
			if (line < from)
				before = line;
			/* next search starts on the next line */
			size_t next = (size_t)line + 1 < m->n_lines ? m->starts[line + 1] : m->size;
			size_t skip = next - off;
			if (skip >= n)
				break;
			if (skip > (size_t)(p - chunk) + 1)
				p = chunk + skip - 1;
		}
	}
	free(chunk);
	if (dir > 0)
		found = after >= 0 ? after : first;
	else
		found = before >= 0 ? before : last;
	return found;
}

void
text_model_close(struct text_model *m)
{
	store_blob_close(m->blob);
	free(m->starts);
	memset(m, 0, sizeof(*m));
}
