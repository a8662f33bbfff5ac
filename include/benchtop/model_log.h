/* model_log.h: a server or setup log with its lines classified (curses-free).
 *
 * A model loads from the store's named queries and computes with the
 * metrics engine; views only draw it.  Every model owns its memory and the
 * matching _free() or _close() releases it.
 */
#ifndef BENCHTOP_MODEL_LOG_H
#define BENCHTOP_MODEL_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/util.h"
#include "benchtop/store.h"
#include "benchtop/model_text.h"

enum log_class {
	LOG_PLAIN,
	LOG_ACCESS,       /* an HTTP access line with a status below 500 */
	LOG_ACCESS_FAIL,  /* an access line with a 5xx status */
	LOG_WARN,         /* WARNING lines */
	LOG_TRACE,        /* traceback frames, "    at ..." lines, chained-exception notes */
	LOG_ERROR,        /* "Traceback", "...Error: ...", "Exception", "npm ERR!", "FATAL" */
};
/* A server or setup log paged from the store with one class byte per line. */
struct log_model {
	struct text_model text;      /* owns the blob */
	unsigned char *cls;          /* enum log_class per line */
	size_t *errors;              /* the first line of every error block */
	size_t n_errors;
};
/* The class of one line; *in_traceback says whether a Python traceback
 * is open and is updated.  Only the first 4 KB of a line are read. */
enum log_class log_classify(const char *s, size_t n, bool *in_traceback);
/* An access line (werkzeug, uvicorn, aiohttp, django, morgan, koa, hono):
 * "GET /api/articles HTTP/1.1" 500 ... or GET /api/x 200 ...; the method
 * is copied (at most 15 bytes), the path points into s. */
struct log_access {
	char method[16];
	const char *path;
	size_t path_len;
	int status;
};
bool log_access_parse(const char *s, size_t n, struct log_access *out);
int log_model_open(struct log_model *m, struct store_blob *blob, struct bt_error *err);
/* The access line of the occurrence-th (0-based) request with this method
 * and path (a URL's path and query; "http://host" is dropped); when the
 * log has fewer, the last one; -1 when none. */
long log_model_find_request(struct log_model *m, const char *method, const char *url,
			    int occurrence);
/* The error block after (dir > 0) or before (dir < 0) line `from` (which
 * may be -1 or n_lines), wrapping around: its first line, -1 when the log
 * has none.  *k gets its place among the blocks (0-based), *wrapped whether
 * the search went round the end. */
long log_model_next_error(const struct log_model *m, long from, int dir, size_t *k,
			  bool *wrapped);
/* The place of the error block starting at line, -1 when none starts there. */
long log_model_error_at(const struct log_model *m, long line);
void log_model_close(struct log_model *m);

#endif /* BENCHTOP_MODEL_LOG_H */
