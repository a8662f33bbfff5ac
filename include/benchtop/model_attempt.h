/* model_attempt.h: the attempt view's document (curses-free).
 *
 * A model loads from the store's named queries and computes with the
 * metrics engine; views only draw it.  Every model owns its memory and the
 * matching _free() or _close() releases it.
 */
#ifndef BENCHTOP_MODEL_ATTEMPT_H
#define BENCHTOP_MODEL_ATTEMPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/util.h"
#include "benchtop/store.h"
#include "benchtop/attempt.h"

/* The attempt view's document: lines with a role, some of which open
 * something (an artifact) when selected. */
enum doc_role {
	DOC_TEXT, DOC_HEADING, DOC_GOOD, DOC_BAD, DOC_WARN, DOC_DIM, DOC_REQUEST_FAIL,
	DOC_CASCADE, DOC_ARTIFACT,
};
struct doc_line {
	enum doc_role role;
	char *text;      /* untrusted parts are sanitized at draw time */
	int indent;
	int artifact;    /* DOC_ARTIFACT: the enum artifact_kind, else -1 */
	long request;    /* a failed request's line or one of its assertions': the
			  * index in the attempt's requests, else -1 */
	size_t cut_at, cut_len; /* a span of text to cut in the middle when the
				 * line is too wide (a request's URL); cut_len 0:
				 * none, the line is cut at its end */
};
struct attempt_doc {
	struct doc_line *v;
	size_t n, cap;
};

/* Build the document of a loaded attempt (store_load_attempt). */
void attempt_doc_build(const struct attempt *a, struct attempt_doc *d);
void attempt_doc_free(struct attempt_doc *d);
/* Append a line (the other documents built of doc_lines use it too). */
void attempt_doc_add(struct attempt_doc *d, enum doc_role role, int indent, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The line fitted to `cols` columns once sanitized: when too wide, its
 * cuttable span loses its middle (an ellipsis shows where), keeping what
 * is around it (a request's method, status and "k/n failed") whole; into
 * out, unsanitized.  A line still too wide is for the caller to cut. */
void attempt_doc_fit(const struct doc_line *l, long cols, bool utf8, struct buf *out);

#endif /* BENCHTOP_MODEL_ATTEMPT_H */
