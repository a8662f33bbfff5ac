/* model_log.c: a server or setup log with its lines classified: tracebacks,
 * error lines and HTTP access lines, for the log viewer. */
#include "config.h"

#include "benchtop/model_log.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (1u << 20)
/* The bytes of a line that classify it. */
#define HEAD 4096

static bool
has(const char *s, size_t n, const char *needle)
{
	return memmem(s, n, needle, strlen(needle)) != NULL;
}

static bool
starts(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && memcmp(s, prefix, k) == 0;
}

static bool
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A status code at s[q]: three digits, 1xx to 5xx, not part of a number. */
static int
status_at(const char *s, size_t n, size_t q)
{
	if (n - q < 3 || s[q] < '1' || s[q] > '5' || !digit(s[q + 1]) || !digit(s[q + 2]) ||
	    (n - q > 3 && digit(s[q + 3])))
		return -1;
	return (s[q] - '0') * 100 + (s[q + 1] - '0') * 10 + (s[q + 2] - '0');
}

static const char *const methods[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD",
				      "OPTIONS"};

/* The method (an index into methods[]) of a request at s[i]: a method
 * word, a space, a '/'; -1 when none. */
static int
method_at(const char *s, size_t n, size_t i)
{
	for (size_t k = 0; k < sizeof(methods) / sizeof(methods[0]); k++) {
		size_t ml = strlen(methods[k]);
		if (n - i >= ml + 2 && memcmp(s + i, methods[k], ml) == 0 && s[i + ml] == ' ' &&
		    s[i + ml + 1] == '/')
			return (int)k;
	}
	return -1;
}

bool
log_access_parse(const char *s, size_t n, struct log_access *out)
{
	if (n > HEAD)
		n = HEAD;
	for (size_t i = 0; i < n; i++) {
		int k, status;
		size_t p, e, q;

		if (s[i] < 'A' || s[i] > 'Z' || (i && s[i - 1] != ' ' && s[i - 1] != '"') ||
		    (k = method_at(s, n, i)) < 0)
			continue;
		p = i + strlen(methods[k]) + 1;
		for (e = p; e < n && s[e] != ' ' && s[e] != '"'; e++)
			;
		/* then " HTTP/1.1", a closing quote, spaces, the status */
		q = e;
		if (n - q >= 9 && memcmp(s + q, " HTTP/", 6) == 0)
			for (q += 6; q < n && s[q] != ' ' && s[q] != '"'; q++)
				;
		if (q < n && s[q] == '"')
			q++;
		while (q < n && s[q] == ' ')
			q++;
		if ((status = status_at(s, n, q)) < 0)
			continue;
		snprintf(out->method, sizeof(out->method), "%s", methods[k]);
		out->path = s + p;
		out->path_len = e - p;
		out->status = status;
		return true;
	}
	return false;
}

enum log_class
log_classify(const char *s, size_t n, bool *in_traceback)
{
	static const char *const errors[] = {"Error", "ERROR", "Exception", "FATAL", "Fatal",
					     "npm ERR!", "npm error", "error:", "panic:",
					     "Unhandled", "Traceback"};
	static const char *const warnings[] = {"WARNING", "WARN", "Warning:", "warn:"};
	struct log_access acc;
	size_t lead = 0;

	if (n > HEAD)
		n = HEAD;
	if (n && s[n - 1] == '\r')
		n--;
	while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
		lead++;
	if (*in_traceback) {
		/* frames are indented; the first line that is not ends it */
		if (lead > 0 && lead < n)
			return LOG_TRACE;
		*in_traceback = false;
		if (n)
			return LOG_ERROR;
	}
	if (has(s, n, "Traceback (most recent call last)")) {
		*in_traceback = true;
		return LOG_ERROR;
	}
	if (has(s, n, "During handling of the above exception") ||
	    has(s, n, "The above exception was the direct cause"))
		return LOG_TRACE;
	if (log_access_parse(s, n, &acc))
		return acc.status >= 500 ? LOG_ACCESS_FAIL : LOG_ACCESS;
	if (lead > 0 && starts(s + lead, n - lead, "at ") && n - lead > 3)
		return LOG_TRACE;
	for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
		if (has(s, n, errors[i]))
			return LOG_ERROR;
	for (size_t i = 0; i < sizeof(warnings) / sizeof(warnings[0]); i++)
		if (has(s, n, warnings[i]))
			return LOG_WARN;
	return LOG_PLAIN;
}

/* ------------------------------------------------------------ reading */

/* The first HEAD bytes of lines, read a chunk at a time. */
struct reader {
	struct text_model *t;
	char *chunk;
	size_t off, len;
};

static int
reader_head(struct reader *r, size_t i, const char **s, size_t *n, struct bt_error *err)
{
	size_t start = r->t->starts[i];
	size_t end = i + 1 < r->t->n_lines ? r->t->starts[i + 1] : r->t->size;
	size_t want = end - start < HEAD ? end - start : HEAD;
	int rc;

	assert(i < r->t->n_lines && start <= end && end <= r->t->size);
	if (start < r->off || start + want > r->off + r->len) {
		r->off = start;
		r->len = r->t->size - start < CHUNK ? r->t->size - start : CHUNK;
		if ((rc = store_blob_read(r->t->blob, r->off, r->chunk, r->len, err)))
			return rc;
	}
	/* the window holds the line's head */
	assert(start >= r->off && start + want <= r->off + r->len);
	*s = r->chunk + (start - r->off);
	*n = want;
	if (*n && (*s)[*n - 1] == '\n' && want == end - start)
		(*n)--;
	return BT_OK;
}

static bool
is_error_class(unsigned char c)
{
	return c == LOG_ERROR || c == LOG_TRACE || c == LOG_ACCESS_FAIL;
}

int
log_model_open(struct log_model *m, struct store_blob *blob, struct bt_error *err)
{
	struct reader r = {0};
	bool tb = false;
	size_t cap = 0;
	int rc;

	memset(m, 0, sizeof(*m));
	if ((rc = text_model_open(&m->text, blob, err)))
		return rc;
	m->cls = xcalloc(m->text.n_lines ? m->text.n_lines : 1, 1);
	r.t = &m->text;
	r.chunk = xmalloc(CHUNK);
	for (size_t i = 0; i < m->text.n_lines && m->text.size; i++) {
		const char *s;
		size_t n;
		if ((rc = reader_head(&r, i, &s, &n, err)))
			break;
		m->cls[i] = (unsigned char)log_classify(s, n, &tb);
		if (is_error_class(m->cls[i]) && (i == 0 || !is_error_class(m->cls[i - 1]))) {
			BT_GROW(m->errors, cap, m->n_errors + 1);
			m->errors[m->n_errors++] = i;
		}
	}
	free(r.chunk);
	if (rc) {
		log_model_close(m);
		return rc;
	}
	return BT_OK;
}

long
log_model_find_request(struct log_model *m, const char *method, const char *url, int occurrence)
{
	const char *path = str_url_path(url);
	size_t plen = strlen(path);
	struct reader r = {.t = &m->text};
	long found = -1;
	int seen = 0;

	if (!m->text.size)
		return -1;
	r.chunk = xmalloc(CHUNK);
	for (size_t i = 0; i < m->text.n_lines && seen <= occurrence; i++) {
		struct log_access a;
		const char *s;
		size_t n;
		if (m->cls[i] != LOG_ACCESS && m->cls[i] != LOG_ACCESS_FAIL)
			continue;
		if (reader_head(&r, i, &s, &n, NULL))
			break;
		if (log_access_parse(s, n, &a) && strcmp(a.method, method) == 0 &&
		    a.path_len == plen && memcmp(a.path, path, plen) == 0) {
			found = (long)i;
			seen++;
		}
	}
	free(r.chunk);
	return found;
}

long
log_model_next_error(const struct log_model *m, long from, int dir, size_t *k, bool *wrapped)
{
	size_t lo = 0, hi = m->n_errors;

	*k = 0;
	*wrapped = false;
	if (!m->n_errors)
		return -1;
	/* the first block starting after `from` */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((long)m->errors[mid] <= from)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (dir > 0) {
		*wrapped = lo == m->n_errors;
		*k = *wrapped ? 0 : lo;
		return (long)m->errors[*k];
	}
	/* before: the last block starting before `from` */
	while (lo > 0 && (long)m->errors[lo - 1] >= from)
		lo--;
	*wrapped = lo == 0;
	*k = *wrapped ? m->n_errors - 1 : lo - 1;
	return (long)m->errors[*k];
}

long
log_model_error_at(const struct log_model *m, long line)
{
	size_t k;
	bool wrapped;

	/* the block after the line before it */
	if (log_model_next_error(m, line - 1, 1, &k, &wrapped) == line && !wrapped)
		return (long)k;
	return -1;
}

void
log_model_close(struct log_model *m)
{
	text_model_close(&m->text);
	free(m->cls);
	free(m->errors);
	memset(m, 0, sizeof(*m));
}
