/* newman.c: the Newman CSV report (newman-reporter-csv 1.3.0), counted the
 * way upstream's evaluation scripts count it (upstream-format.md 2.1-2.3).
 *
 * Upstream reads the file with csv.DictReader and, per row, adds
 * int(totalAssertions or 0), then int(executedCount or 0), then
 * int(failedCount or 0) to its sums inside one try block; a ValueError
 * skips the rest of the row, so sums already added stay.  DictReader gives
 * missing cells of a short row as None, i.e. 0, and skips blank lines.
 */
#include "config.h"

#include "benchtop/parse.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/parse_util.h"

enum newman_col {
	COL_ITERATION,
	COL_COLLECTION,
	COL_REQUEST,
	COL_METHOD,
	COL_URL,
	COL_STATUS,
	COL_CODE,
	COL_TIME,
	COL_SIZE,
	COL_EXECUTED,
	COL_FAILED,
	COL_SKIPPED,
	COL_TOTAL,
	COL_EXECUTED_COUNT,
	COL_FAILED_COUNT,
	COL_SKIPPED_COUNT,
	NEWMAN_COLUMNS
};

static const char *const newman_columns[NEWMAN_COLUMNS] = {
	"iteration", "collectionName", "requestName", "method", "url", "status",
	"code", "responseTime", "responseSize", "executed", "failed", "skipped",
	"totalAssertions", "executedCount", "failedCount", "skippedCount",
};

static const char newman_header[] =
	"iteration,collectionName,requestName,method,url,status,code,responseTime,"
	"responseSize,executed,failed,skipped,totalAssertions,executedCount,failedCount,"
	"skippedCount";

/* One iteration of the collection is 32 rows; beyond this many rows the
 * requests are no longer kept (the sums still are), so a hostile file
 * cannot make us hold millions of request records. */
#define NEWMAN_MAX_REQUESTS 100000
/* Problems recorded per file before the rest are only counted. */
#define NEWMAN_MAX_PROBLEMS 20

struct newman_state {
	struct attempt *a;
	const char *name;
	const struct assertion_catalogue *cat;
	int n_problems;
	bool utf8_noted;
	bool capped; /* NEWMAN_MAX_REQUESTS reached */
};

static void __attribute__((format(printf, 3, 4)))
problem(struct newman_state *st, long line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	st->a->flags |= ATTEMPT_BROKEN_REPORT;
	if (st->n_problems++ >= NEWMAN_MAX_PROBLEMS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		attempt_problem(st->a, "%s:%ld: %s", st->name, line, msg);
	else
		attempt_problem(st->a, "%s: %s", st->name, msg);
}

/* int(s) as Python evaluates it for an ASCII string: surrounding
 * whitespace, an optional sign, digits with single '_' between them.
 * Values beyond int range are refused (Python would take them; no real
 * report comes near). */
static bool
python_int(const char *s, long *out)
{
	const char *p = s, *end = s + strlen(s);
	bool neg = false, digit = false;
	long v = 0;

	while (p < end && (*p == ' ' || (*p >= '\t' && *p <= '\r')))
		p++;
	while (end > p && (end[-1] == ' ' || (end[-1] >= '\t' && end[-1] <= '\r')))
		end--;
	if (p < end && (*p == '+' || *p == '-'))
		neg = *p++ == '-';
	for (; p < end; p++) {
		if (*p == '_' && digit && p + 1 < end && p[1] >= '0' && p[1] <= '9')
			continue;
		if (*p < '0' || *p > '9')
			return false;
		digit = true;
		v = v * 10 + (*p - '0');
		if (v > (long)INT_MAX + 1)
			return false;
	}
	if (!digit || (!neg && v > INT_MAX))
		return false;
	*out = neg ? -v : v;
	return true;
}

/* Field i of the row, or NULL when a short row does not have it. */
static const char *
field(const struct csv_row *row, int i)
{
	return (size_t)i < row->fields.n ? row->fields.v[i] : NULL;
}

static bool
blank_row(const struct csv_row *row)
{
	return row->fields.n == 1 && !row->quoted[0] && row->fields.v[0][0] == '\0';
}

/* Newman writes UTF-8; anything else is replaced so that the store and the
 * terminal only ever see valid text. */
static void
repair_utf8(struct newman_state *st, struct csv_row *row)
{
	for (size_t i = 0; i < row->fields.n; i++) {
		char *f = row->fields.v[i];
		size_t len = strlen(f);

		if (parse_utf8_valid(f, len, NULL))
			continue;
		row->fields.v[i] = parse_utf8_repair(f, len);
		free(f);
		if (!st->utf8_noted) {
			st->utf8_noted = true;
			problem(st, row->line, "invalid UTF-8 in column %s (replaced by U+FFFD)",
				i < NEWMAN_COLUMNS ? newman_columns[i] : "beyond the header");
		}
	}
}

/* responseTime / responseSize: -1 when missing. */
static long
optional_long(struct newman_state *st, const struct csv_row *row, int col)
{
	const char *s = field(row, col);
	char ex[64];
	long v;

	if (!s || !*s)
		return -1;
	if (str_to_long(s, &v) && v >= 0)
		return v;
	parse_excerpt(s, ex, sizeof(ex));
	problem(st, row->line, "%s is not a non-negative integer ('%s')", newman_columns[col], ex);
	return -1;
}

static void
fill_request(struct newman_state *st, const struct csv_row *row, struct request *r)
{
	const char *code = field(row, COL_CODE);
	const char *s;
	long v = 0;

	r->name = xstrdup((s = field(row, COL_REQUEST)) ? s : "");
	r->method = xstrdup((s = field(row, COL_METHOD)) ? s : "");
	r->url = xstrdup((s = field(row, COL_URL)) ? s : "");
	if (!code || !*code) {
		/* no response: connection refused, timeout... */
		r->code = -1;
		r->status = xstrdup("");
	} else {
		r->status = xstrdup((s = field(row, COL_STATUS)) ? s : "");
		if (str_to_long(code, &v) && v >= 100 && v <= 999)
			r->code = (int)v;
		else {
			char ex[64];
			parse_excerpt(code, ex, sizeof(ex));
			problem(st, row->line, "code is not an HTTP status ('%s')", ex);
			r->code = -1;
		}
	}
	r->response_ms = optional_long(st, row, COL_TIME);
	r->response_bytes = optional_long(st, row, COL_SIZE);
	if ((s = field(row, COL_EXECUTED)) != NULL)
		catalogue_split(st->cat, s, &r->passed);
	if ((s = field(row, COL_FAILED)) != NULL)
		catalogue_split(st->cat, s, &r->failed);
	s = field(row, COL_SKIPPED_COUNT);
	if (s && *s && !python_int(s, &v)) {
		char ex[64];
		parse_excerpt(s, ex, sizeof(ex));
		problem(st, row->line, "skippedCount is not an integer ('%s')", ex);
	} else
		r->n_skipped = s && *s ? (int)v : 0;
}

/* Add the row's counts to the sums as upstream does; the request (when
 * kept) gets the counts that were added, so its counts always sum to the
 * attempt's. */
static void
count_row(struct newman_state *st, const struct csv_row *row, struct request *r)
{
	static const int cols[3] = {COL_TOTAL, COL_EXECUTED_COUNT, COL_FAILED_COUNT};
	struct attempt *a = st->a;
	long *sums[3] = {&a->total, &a->passed, &a->failed};
	int *fields[3] = {NULL, NULL, NULL};

	if (r) {
		fields[0] = &r->n_total;
		fields[1] = &r->n_passed;
		fields[2] = &r->n_failed;
	}
	long got[3] = {0, 0, 0};

	for (int k = 0; k < 3; k++) {
		const char *s = field(row, cols[k]);
		long v = 0;

		if (s && *s && !python_int(s, &v)) {
			char ex[64];
			parse_excerpt(s, ex, sizeof(ex));
			problem(st, row->line,
				"%s is not an integer ('%s'): rest of the row not counted, as "
				"upstream does",
				newman_columns[cols[k]], ex);
			return;
		}
		if ((v > 0 && *sums[k] > LONG_MAX - v) || (v < 0 && *sums[k] < LONG_MIN - v)) {
			problem(st, row->line, "%s overflows the sum: rest of the row not counted",
				newman_columns[cols[k]]);
			return;
		}
		*sums[k] += v;
		got[k] = v;
		if (fields[k])
			*fields[k] = (int)v; /* python_int keeps it in int range */
		if (v < 0)
			problem(st, row->line, "%s is %ld: counted as upstream does, but a count "
				"cannot be negative", newman_columns[cols[k]], v);
	}
	if (got[1] > got[0] - got[2])
		problem(st, row->line, "executedCount (%ld) + failedCount (%ld) exceed "
			"totalAssertions (%ld): counted as upstream does", got[1], got[2], got[0]);
}

static void
take_row(struct newman_state *st, struct csv_row *row)
{
	struct request *r = NULL;

	repair_utf8(st, row);
	if (st->a->n_requests < NEWMAN_MAX_REQUESTS) {
		r = attempt_add_request(st->a);
		fill_request(st, row, r);
	} else if (!st->capped) {
		/* warn once: the sums go on without the records */
		st->capped = true;
		problem(st, row->line, "more than %d rows: further requests are counted but not kept",
			NEWMAN_MAX_REQUESTS);
	}
	count_row(st, row, r);
}

/* Check the header row: returns the column count (16, or 17 with "body")
 * or 0 with the first difference in why. */
static size_t
header_columns(const struct csv_row *row, char *why, size_t whylen)
{
	size_t n = row->fields.n;
	char ex[64];

	for (size_t i = 0; i < NEWMAN_COLUMNS && i < n; i++) {
		if (strcmp(row->fields.v[i], newman_columns[i]) != 0) {
			parse_excerpt(row->fields.v[i], ex, sizeof(ex));
			snprintf(why, whylen, "column %zu is '%s', expected '%s'", i + 1, ex,
				 newman_columns[i]);
			return 0;
		}
	}
	if (n == NEWMAN_COLUMNS ||
	    (n == NEWMAN_COLUMNS + 1 && strcmp(row->fields.v[n - 1], "body") == 0))
		return n;
	snprintf(why, whylen, "%zu columns, expected the %d of newman-reporter-csv", n,
		 NEWMAN_COLUMNS);
	return 0;
}

int
newman_parse(const char *data, size_t len, const char *name,
	     const struct assertion_catalogue *cat, struct attempt *a, struct bt_error *err)
{
	struct newman_state st = {a, name, cat, 0, false, false};
	struct csv_reader r;
	struct csv_row row = {0};
	struct bt_error cerr;
	size_t ncols = 0;
	char why[sizeof(cerr.msg)];
	int rc;

	/* tolerate a UTF-8 byte order mark that an editor may have added */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (len == 0 || (len < sizeof(newman_header) - 1 && memcmp(data, newman_header, len) == 0)) {
		/* nothing, or cut inside the header: a report was started */
		problem(&st, 0, "%s", len ? "file ends inside the header (truncated report)"
					 : "empty file (truncated report)");
		a->has_report = true;
		return BT_OK;
	}
	csv_reader_init(&r, data, len);
	rc = csv_next(&r, &row, &cerr);
	if (rc == 1)
		ncols = header_columns(&row, why, sizeof(why));
	else
		snprintf(why, sizeof(why), "%s", cerr.msg);
	csv_row_free(&row);
	if (!ncols) {
		a->flags |= ATTEMPT_BROKEN_REPORT;
		attempt_problem(a, "%s: not a Newman CSV report: %s", name, why);
		return bt_errorf(err, BT_EINPUT, "%s:1: not a Newman CSV report: %s", name, why);
	}
	while ((rc = csv_next(&r, &row, &cerr)) != 0) {
		if (rc < 0) {
			/* keep the partial row as upstream's csv module does */
			problem(&st, 0, "%s", cerr.msg);
			if (!blank_row(&row))
				take_row(&st, &row);
			break;
		}
		if (blank_row(&row))
			continue;
		if (row.fields.n != ncols) {
			if (r.pos >= r.len && row.fields.n < ncols)
				problem(&st, row.line, "last row has %zu of %zu fields (truncated report)",
					row.fields.n, ncols);
			else
				problem(&st, row.line, "row has %zu fields, expected %zu", row.fields.n,
					ncols);
		} else if (r.pos >= r.len && data[len - 1] == ',') {
			/* Newman quotes the last column (skippedCount) on every row,
			 * so a file ending in a comma was cut right after it */
			problem(&st, row.line, "last row ends after a comma (truncated report)");
		}
		take_row(&st, &row);
	}
	csv_row_free(&row);
	/* raw A% = passed / total: over 100% (or negative) only from bad counts */
	if (a->passed > a->total || a->passed < 0 || a->total < 0)
		problem(&st, 0, "%ld of %ld assertions passed: raw A%% is out of 0-100%%, "
			"from inconsistent counts", a->passed, a->total);
	if (st.n_problems > NEWMAN_MAX_PROBLEMS)
		attempt_problem(a, "%s: %d more problems not shown", name,
				st.n_problems - NEWMAN_MAX_PROBLEMS);
	a->has_report = true;
	return BT_OK;
}
