/* The RFC 4180 reader (csv.c). */
#include "config.h"

#include "benchtop/parse.h"
#include "parse_test.h"

/* Read every row of s into a "|"-joined, "/"-separated rendering where a
 * quoted field is shown in [brackets]: "a|[b]/c".  Returns the last status
 * of csv_next (0 at a clean end, -1 on error). */
static int
render(const char *s, size_t n, struct buf *out, struct bt_error *err)
{
	char *data = pt_exact(s, n);
	struct csv_reader r;
	struct csv_row row = {0};
	int rc;

	buf_reset(out);
	buf_reserve(out, 0);
	csv_reader_init(&r, data, n);
	while ((rc = csv_next(&r, &row, err)) != 0) {
		if (out->len)
			buf_putc(out, '/');
		for (size_t i = 0; i < row.fields.n; i++) {
			if (i)
				buf_putc(out, '|');
			buf_printf(out, row.quoted[i] ? "[%s]" : "%s", row.fields.v[i]);
		}
		if (rc < 0)
			break;
	}
	csv_row_free(&row);
	free(data);
	return rc;
}

#define CHECK(input, want, name)                                                           \
	do {                                                                               \
		int rc_ = render(input, sizeof(input) - 1, &b, &err);                       \
		tap_is_int(rc_, 0, name ": reads to the end");                            \
		tap_is_str(buf_cstr(&b), want, name);                                      \
	} while (0)

static void
test_basic(void)
{
	struct buf b;
	struct bt_error err;

	buf_init(&b);
	CHECK("a,b,c\n1,2,3\n", "a|b|c/1|2|3", "LF rows");
	CHECK("a,b\r\n1,2\r\n", "a|b/1|2", "CRLF rows");
	CHECK("a,b\n1,2", "a|b/1|2", "no final newline");
	CHECK("a,b\r1,2\r", "a|b/1|2", "lone CR line ends (as Python's csv)");
	CHECK("\"x\",\"y\"\"z\",\"\"\"\"", "[x]|[y\"z]|[\"]", "quoted fields, doubled quotes");
	CHECK("a,,\"\",b", "a||[]|b", "unquoted empty and quoted empty are told apart");
	CHECK("a,", "a|", "trailing comma gives an empty last field");
	CHECK(",", "|", "a lone comma is two empty fields");
	CHECK("ab\"c,d\"", "ab\"c|d\"", "a quote inside an unquoted field is literal");
	CHECK("\"ab\"cd,e", "[abcd]|e", "text after a closing quote is appended");
	CHECK("\"a\nb\",c\n\"d\r\ne\"", "[a\nb]|c/[d\r\ne]", "newlines inside quotes");
	CHECK("a\n\nb", "a//b", "a blank line is a row of one empty field");
	CHECK("\n", "", "a single newline is one empty row");
	CHECK("caf\xc3\xa9,\xff\xfe", "caf\xc3\xa9|\xff\xfe", "bytes pass through unchanged");
	CHECK("", "", "empty input has no rows");
	buf_free(&b);
}

static void
test_lines(void)
{
	const char *s = "h1,h2\r\n\"multi\nline\r\nfield\",x\n\n\"q\"\rlast";
	char *data = pt_exact(s, strlen(s));
	struct csv_reader r;
	struct csv_row row = {0};
	struct bt_error err;
	long want[] = {1, 2, 5, 6, 7};
	int i = 0, rc;

	csv_reader_init(&r, data, strlen(s));
	while ((rc = csv_next(&r, &row, &err)) == 1 && i < 5) {
		char name[64];
		snprintf(name, sizeof(name), "row %d starts on line %ld", i + 1, want[i]);
		tap_is_int(row.line, want[i], name);
		i++;
	}
	tap_is_int(i, 5, "five rows (the blank line is one)");
	tap_is_int(rc, 0, "then the end");
	tap_is_int(csv_next(&r, &row, &err), 0, "and the end again");
	csv_row_free(&row);
	free(data);
}

static void
test_errors(void)
{
	struct buf b;
	struct bt_error err;
	int rc;
	const char unterminated[] = "a,b\n\"ok\",\"never\nclosed";
	const char nul_bare[] = "a,b\nc\0d,e\nf";
	const char nul_quoted[] = "a\n\"x\0y\"";

	buf_init(&b);
	rc = render(unterminated, sizeof(unterminated) - 1, &b, &err);
	tap_is_int(rc, -1, "unterminated quote at EOF is an error");
	tap_is_int(err.code, BT_EINPUT, "as BT_EINPUT");
	tap_ok(strstr(err.msg, "line 2:") != NULL, "it names the line the quote opened on (%s)",
	       err.msg);
	tap_is_str(buf_cstr(&b), "a|b/[ok]|[never\nclosed]",
		   "rows before and the partial row are kept");

	rc = render(nul_bare, sizeof(nul_bare) - 1, &b, &err);
	tap_is_int(rc, -1, "NUL byte in a bare field is an error");
	tap_ok(strstr(err.msg, "line 2:") && strstr(err.msg, "NUL"), "with its line (%s)",
	       err.msg);
	tap_is_str(buf_cstr(&b), "a|b/c", "the field is cut at the NUL");

	rc = render(nul_quoted, sizeof(nul_quoted) - 1, &b, &err);
	tap_is_int(rc, -1, "NUL byte in a quoted field is an error");
	tap_ok(strstr(err.msg, "line 2:") != NULL, "with its line (%s)", err.msg);
	tap_is_str(buf_cstr(&b), "a/[x]", "partial quoted field kept");

	rc = render("\"", 1, &b, &err);
	tap_is_int(rc, -1, "a lone quote is unterminated");
	tap_is_str(buf_cstr(&b), "[]", "an empty partial field");

	/* after an error the reader is at the end */
	{
		char *data = pt_exact(unterminated, sizeof(unterminated) - 1);
		struct csv_reader r;
		struct csv_row row = {0};

		csv_reader_init(&r, data, sizeof(unterminated) - 1);
		while (csv_next(&r, &row, &err) == 1)
			;
		tap_is_int(csv_next(&r, &row, &err), 0, "calls after an error return 0");
		csv_row_free(&row);
		free(data);
	}
	buf_free(&b);
}

static void
test_big(void)
{
	size_t n = 10 * 1024 * 1024;
	char *s = xmalloc(n);
	struct csv_reader r;
	struct csv_row row = {0};
	struct bt_error err;

	/* one 10 MB field */
	memset(s, 'x', n);
	csv_reader_init(&r, s, n);
	tap_is_int(csv_next(&r, &row, &err), 1, "10 MB single field reads");
	tap_is_int(row.fields.n, 1, "as one field");
	tap_is_int(strlen(row.fields.v[0]), n, "of 10 MB");
	tap_is_int(csv_next(&r, &row, &err), 0, "then the end");

	/* one 10 MB quoted line of doubled quotes */
	s[0] = '"';
	for (size_t i = 1; i + 1 < n; i++)
		s[i] = '"';
	s[n - 1] = '"';
	/* n - 2 inner quotes pair up into (n - 2) / 2 literal quotes */
	csv_reader_init(&r, s, n);
	tap_is_int(csv_next(&r, &row, &err), 1, "10 MB of doubled quotes reads");
	tap_is_int(strlen(row.fields.v[0]), (n - 2) / 2, "into half as many quotes");

	/* a 1 MB line of commas: 1M + 1 empty fields (kept small: each is
	 * an allocation, which sanitizer builds make heavy) */
	n = 1024 * 1024;
	memset(s, ',', n);
	csv_reader_init(&r, s, n);
	tap_is_int(csv_next(&r, &row, &err), 1, "1 MB of commas reads");
	tap_is_int(row.fields.n, n + 1, "into n + 1 fields");
	csv_row_free(&row);
	free(s);
}

int
main(void)
{
	test_basic();
	test_lines();
	test_errors();
	test_big();
	return tap_done();
}
