/* model_text.h: a text artifact paged from the store, with a line index (curses-free).
 *
 * A model loads from the store's named queries and computes with the
 * metrics engine; views only draw it.  Every model owns its memory and the
 * matching _free() or _close() releases it.
 */
#ifndef BENCHTOP_MODEL_TEXT_H
#define BENCHTOP_MODEL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/util.h"
#include "benchtop/store.h"

/* A read-only text artifact paged from the store: a line index built once
 * (so a 50 MB log opens fast), lines read on demand.  Lines longer than
 * TEXT_LINE_CAP bytes are shown cut (a 10 MB single line stays usable). */
#define TEXT_LINE_CAP (1u << 20)

struct text_model {
	struct store_blob *blob; /* owned */
	size_t size;
	size_t *starts;          /* byte offset of each line */
	size_t n_lines, cap;
	bool crlf;               /* lines end in \r\n: the \r is not shown */
};

/* Take ownership of blob and index its lines. */
int text_model_open(struct text_model *m, struct store_blob *blob, struct bt_error *err);
/* Line i without its line end (at most TEXT_LINE_CAP bytes) into out;
 * *cut is set when the line was longer. */
int text_model_line(struct text_model *m, size_t i, struct buf *out, bool *cut,
		    struct bt_error *err);
/* The first line after `from` (dir > 0; from may be -1) or before it
 * (dir < 0) that contains needle, wrapping around; -1 when none. */
long text_model_find(struct text_model *m, long from, const char *needle, int dir);
void text_model_close(struct text_model *m);

#endif /* BENCHTOP_MODEL_TEXT_H */
