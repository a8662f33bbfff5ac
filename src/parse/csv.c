/* csv.c: an RFC 4180 reader that also accepts what Python's csv module
 * accepts (LF or lone CR line ends, text after a closing quote), so that
 * files written by upstream's scripts and by Newman read the same way they
 * do upstream. */
#include "config.h"

#include "benchtop/parse.h"

#include <stdlib.h>
#include <string.h>

void
csv_reader_init(struct csv_reader *r, const char *data, size_t len)
{
	r->data = data;
	r->len = len;
	r->pos = 0;
	r->line = 1;
}

void
csv_row_free(struct csv_row *row)
{
	strv_free(&row->fields);
	free(row->quoted);
	row->quoted = NULL;
	row->cap_quoted = 0;
	row->line = 0;
}

static void
row_clear(struct csv_row *row)
{
	for (size_t i = 0; i < row->fields.n; i++)
		free(row->fields.v[i]);
	row->fields.n = 0;
}

static void
row_push(struct csv_row *row, char *field, bool quoted)
{
	strv_push_owned(&row->fields, field);
	BT_GROW(row->quoted, row->cap_quoted, row->fields.n);
	row->quoted[row->fields.n - 1] = quoted;
}

/* Bytes of the line end at pos: 2 for CRLF, 1 for LF or a lone CR. */
static size_t
eol_at(const struct csv_reader *r, size_t pos)
{
	if (pos >= r->len)
		return 0;
	if (r->data[pos] == '\n')
		return 1;
	if (r->data[pos] == '\r')
		return pos + 1 < r->len && r->data[pos + 1] == '\n' ? 2 : 1;
	return 0;
}

/* Count the line ends in data[from..to), as eol_at() sees them. */
static void
count_lines(struct csv_reader *r, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (r->data[i] == '\n' || (r->data[i] == '\r' && (i + 1 >= r->len ||
								   r->data[i + 1] != '\n')))
			r->line++;
}

/* Unquoted text from r->pos up to a comma, a line end or the end of the
 * input, appended to b.  Quotes here are ordinary characters.  Returns
 * false at a NUL byte (r->pos is left on it). */
static bool
read_bare(struct csv_reader *r, struct buf *b)
{
	size_t start = r->pos, i = start;

	while (i < r->len) {
		char c = r->data[i];
		if (c == ',' || c == '\n' || c == '\r' || c == '\0')
			break;
		i++;
	}
	buf_append(b, r->data + start, i - start);
	r->pos = i;
	return !(i < r->len && r->data[i] == '\0');
}

/* Fail the row: keep the partial field, say where, and stop the reader so
 * later calls return 0. */
static int
fail(struct csv_reader *r, struct csv_row *row, struct buf *b, bool quoted, struct bt_error *err,
     long line, const char *what)
{
	row_push(row, buf_steal(b), quoted);
	r->pos = r->len;
	bt_errorf(err, BT_EINPUT, "line %ld: %s", line, what);
	return -1;
}

int
csv_next(struct csv_reader *r, struct csv_row *row, struct bt_error *err)
{
	struct buf b;

	row_clear(row);
	if (r->pos >= r->len)
		return 0;
	row->line = r->line;
	buf_init(&b);
	for (;;) {
		bool quoted = false;
		size_t eol;

		if (r->pos < r->len && r->data[r->pos] == '"') {
			long open_line = r->line;

			quoted = true;
			r->pos++;
			for (;;) {
				const char *q = memchr(r->data + r->pos, '"', r->len - r->pos);
				size_t stop = q ? (size_t)(q - r->data) : r->len;
				const char *nul = memchr(r->data + r->pos, '\0', stop - r->pos);

				if (nul) {
					stop = (size_t)(nul - r->data);
					buf_append(&b, r->data + r->pos, stop - r->pos);
					count_lines(r, r->pos, stop);
					return fail(r, row, &b, true, err, r->line,
						    "NUL byte inside a quoted field");
				}
				buf_append(&b, r->data + r->pos, stop - r->pos);
				count_lines(r, r->pos, stop);
				if (!q)
					return fail(r, row, &b, true, err, open_line,
						    "quoted field not closed before the end of "
						    "the input (truncated?)");
				r->pos = stop + 1;
				if (r->pos < r->len && r->data[r->pos] == '"') {
					buf_putc(&b, '"'); /* doubled quote */
					r->pos++;
					continue;
				}
				break;
			}
		}
		/* a bare field, or what follows a closing quote (kept
		 * literally, as Python's csv does) */
		if (!read_bare(r, &b))
			return fail(r, row, &b, quoted, err, r->line, "NUL byte in a field");
		row_push(row, buf_steal(&b), quoted);
		if (r->pos < r->len && r->data[r->pos] == ',') {
			r->pos++;
			continue;
		}
		eol = eol_at(r, r->pos);
		if (eol) {
			r->pos += eol;
			r->line++;
		}
		return 1;
	}
}
