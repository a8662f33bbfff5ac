/* The table model and its five writers. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/report.h"
#include "tap.h"

static char *
render_flags(struct report_table *t, enum report_format f, unsigned flags)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	report_write(&t, 1, f, flags, out);
	fclose(out);
	return buf;
}

static char *
render(struct report_table *t, enum report_format f)
{
	return render_flags(t, f, 0);
}

/* No ESC, BEL, CSI or C1 byte: nothing a terminal would act on. */
static bool
terminal_safe(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0))
			return false;
	return true;
}

/* Run names come from imported files: escape sequences in them must not
 * reach the terminal, whatever the format. */
static void
test_hostile(void)
{
	static const char *const cols[] = {"Run|run", ">ΔA%|delta"};
	struct report_table *t = report_new("Runs of ev\x1b]0;title\x07il", 2, cols);
	size_t r = report_add_row(t);
	char *s;

	report_set_text(t, r, 0, "ev\x1b[31mil\xc2\x9b\xff caf\xc3\xa9");
	report_set_signed(t, r, 1, -1.5, 1);
	report_note(t, "best: ev\x1b[2Jil");
	for (int f = 0; f < FMT_COUNT; f++) {
		s = render_flags(t, (enum report_format)f, f == FMT_CSV ? REPORT_TERMINAL : 0);
		tap_ok(terminal_safe(s), "hostile names: %s output is terminal-safe",
		       (const char *[]){"text", "csv", "json", "md", "latex"}[f]);
		free(s);
	}
	s = render(t, FMT_TEXT);
	tap_ok(strstr(s, "Runs of ev^[]0;title^Gil\n") == s, "text: the title's escapes shown");
	tap_ok(strstr(s, "ev^[[31mil<U+009B>\xef\xbf\xbd caf\xc3\xa9  -1.5\n") != NULL,
	       "text: a cell's escapes shown, and widths count them as shown");
	tap_ok(strstr(s, "best: ev^[[2Jil") != NULL, "text: notes too");
	free(s);
	s = render_flags(t, FMT_TEXT, REPORT_ASCII);
	tap_ok(strstr(s, "ev^[[31mil<U+009B>? cafe  -1.5\n") != NULL &&
		       strstr(s, "  dA%\n") != NULL,
	       "text in ASCII: stand-ins (cafe, dA%%), all columns aligned");
	free(s);
	s = render(t, FMT_CSV);
	tap_ok(strstr(s, "ev\x1b[31mil") != NULL, "csv to a file keeps the bytes");
	free(s);
	s = render(t, FMT_JSON);
	tap_ok(strstr(s, "\"ev\\u001b[31mil\\u009b\\ufffd caf\xc3\xa9\"") != NULL,
	       "json: controls escaped, invalid UTF-8 replaced: valid JSON");
	free(s);
	report_table_free(t);
}

int
main(void)
{
	static const char *const cols[] = {"Run|run", ">A%|strict_pct", ">Δ|delta", ">N|n"};
	struct report_table *t = report_new("Table 1", 4, cols);
	size_t r = report_add_row(t);
	char *s;

	report_set_text(t, r, 0, "mini_swe_sdk/gpt-5.4");
	report_set_num(t, r, 1, 97.49999, 1);
	report_set_signed(t, r, 2, -17.46, 1);
	report_set_int(t, r, 3, 24);
	report_rule(t);
	r = report_add_row(t);
	report_set_text(t, r, 0, "a, \"quoted\" | name_1 & 50%");
	report_set_signed(t, r, 2, 3.04, 1);
	report_set_num(t, r, 1, -0.00001, 1);

	s = render(t, FMT_TEXT);
	tap_ok(strstr(s, "Table 1\n\n") == s, "text: title first");
	tap_ok(strstr(s, "  97.5  -17.5  24\n") != NULL, "text: right-aligned, 1 decimal, sign");
	tap_ok(strstr(s, "  -0.0   +3.0") != NULL, "text: -0.0 kept as upstream prints it, explicit +");
	free(s);

	s = render(t, FMT_CSV);
	tap_is_str(s, "run,strict_pct,delta,n\n"
		      "mini_swe_sdk/gpt-5.4,97.5000,-17.4600,24\n"
		      "\"a, \"\"quoted\"\" | name_1 & 50%\",-0.0000,3.0400,\n", "csv: keys, 4 decimals, quoting");
	free(s);

	s = render(t, FMT_JSON);
	tap_ok(strstr(s, "\"columns\": [\"run\", \"strict_pct\", \"delta\", \"n\"]") != NULL,
	       "json: column keys");
	tap_ok(strstr(s, "{\"run\": \"mini_swe_sdk/gpt-5.4\", \"strict_pct\": 97.5000, "
			 "\"delta\": -17.4600, \"n\": 24}") != NULL, "json: numbers unquoted");
	tap_ok(strstr(s, "\"n\": null") != NULL, "json: empty cell is null");
	tap_ok(strstr(s, "\\\"quoted\\\"") != NULL, "json: quotes escaped");
	free(s);

	s = render(t, FMT_MD);
	tap_ok(strstr(s, "### Table 1") != NULL, "md: heading");
	tap_ok(strstr(s, "| Run ") == strstr(s, "| Run"), "md: header row");
	tap_ok(strstr(s, "---:") != NULL, "md: right alignment marker");
	tap_ok(strstr(s, "\\| name_1") != NULL, "md: pipe escaped");
	free(s);

	s = render(t, FMT_LATEX);
	tap_ok(strstr(s, "\\begin{tabular}{lrrr}") != NULL, "latex: column spec");
	tap_ok(strstr(s, "Run & A\\% & $\\Delta$ & N \\\\") != NULL, "latex: escaped header");
	tap_ok(strstr(s, "name\\_1 \\& 50\\%") != NULL, "latex: special characters escaped");
	tap_ok(strstr(s, "\\hline\na, ") != NULL, "latex: rule before the second row");
	tap_ok(strstr(s, "& --") != NULL || strstr(s, "-- \\\\") != NULL, "latex: empty cell shown as --");
	free(s);

	test_hostile();
	tap_is_int(report_format_parse("markdown"), FMT_MD, "format names");
	tap_is_int(report_format_parse("xml"), -1, "unknown format");
	report_table_free(t);
	return tap_done();
}
