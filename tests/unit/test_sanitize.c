/* The sanitizer: the only path from untrusted bytes to the terminal. */
#include "config.h"

#include <string.h>

#include "benchtop/sanitize.h"
#include "tap.h"

static char out[8192];

static const char *
san(const char *in, size_t len, bool utf8)
{
	struct san_opts o = {.utf8 = utf8};
	struct buf b;

	buf_init(&b);
	sanitize_to_buf(in, len, &o, &b);
	snprintf(out, sizeof(out), "%s", b.data ? b.data : "");
	buf_free(&b);
	return out;
}
#define S(lit, u) san(lit, sizeof(lit) - 1, u)

/* No byte below 0x20 (but none at all), no DEL, no C1 in the output. */
static bool
terminal_safe(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return false;
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
			return false;
	}
	return true;
}

/* in through sanitize_strip_strings, `chunk` bytes at a time */
static const char *
strip(const char *in, size_t len, size_t chunk)
{
	struct san_strip st = {0};
	char tmp[256];
	size_t o = 0;

	for (size_t i = 0; i < len; i += chunk) {
		size_t n = len - i < chunk ? len - i : chunk;
		size_t k = sanitize_strip_strings(&st, in + i, n, tmp);
		memcpy(out + o, tmp, k);
		o += k;
	}
	o += sanitize_strip_end(&st, out + o);
	out[o] = '\0';
	return out;
}
#define STRIP(lit, chunk) strip(lit, sizeof(lit) - 1, chunk)

/* What | and E hand to $PAGER and $EDITOR (issue 12, item 10). */
static void
test_strip(void)
{
	static const char hostile[] =
		"a\x1b[31mred\x1b[0m b\x1b]52;c;ZXZpbA==\x07" "c\x1b]0;title\x1b\\d"
		"\x1bPq#0;2;0;0;0\x1b\\e\x1b_apc\x1b\\f\xc2\x9d" "8;;http://x\xc2\x9cg\x1b^pm\x07h";

	tap_is_str(STRIP(hostile, 64), "a\x1b[31mred\x1b[0m bcdefgh",
		   "strip: CSI colours stay; OSC 52, OSC 0, DCS, APC, PM and a UTF-8 C1 OSC go");
	bool same = true;
	for (size_t chunk = 1; chunk <= 4; chunk++)
		same &= strcmp(STRIP(hostile, chunk), "a\x1b[31mred\x1b[0m bcdefgh") == 0;
	tap_ok(same, "strip: the same when fed 1, 2, 3 or 4 bytes at a time");
	tap_is_str(STRIP("x\x1b]0;never ended", 64), "x", "strip: an unterminated string is dropped");
	tap_is_str(STRIP("x\x1b", 64), "x\x1b", "strip: a lone ESC at the end is kept");
	tap_is_str(STRIP("caf\xc3\xa9 \xc2\xb1 \xc2", 64), "caf\xc3\xa9 \xc2\xb1 \xc2",
		   "strip: UTF-8 text passes, a trailing 0xC2 too");
	tap_is_str(STRIP("a\x1b]0;t\x1b[1mb", 64), "a\x1b[1mb",
		   "strip: an ESC inside a string ends it and starts a new sequence");
	tap_is_str(STRIP("\x1b]0;t\x18ok", 64), "ok", "strip: CAN cancels a string");
}

int
main(void)
{
	struct buf osc;
	buf_init(&osc);
	sanitize_osc52("flask", true, &osc);
	tap_is_str(osc.data, "\033]52;c;Zmxhc2s=\a", "OSC 52: the text in base64");
	sanitize_osc52("a\033]52;c;x\a", true, &osc);
	/* "a^[]52;c;x^G": the escape and the bell as visible text, never raw */
	tap_is_str(osc.data, "\033]52;c;YV5bXTUyO2M7eF5H\a", "OSC 52: control characters escaped first");
	buf_free(&osc);
	test_strip();
	tap_is_str(S("a\xe2\x80\x8b" "b\xe2\x81\xa0" "c\xe2\x80\x8d" "d", true),
		   "a<U+200B>b<U+2060>c<U+200D>d", "zero-width characters are made visible");
	tap_ok(sanitize_is_hidden(0x2028) && sanitize_is_hidden(0x202E) &&
		       sanitize_is_hidden(0x200B) && !sanitize_is_hidden('a') &&
		       !sanitize_is_hidden(0x0301),
	       "hidden: line separator, bidi override, zero width; not letters or accents");
	tap_is_str(S("plain text", true), "plain text", "printable ASCII passes");
	tap_is_str(S("r\xc3\xa9sum\xc3\xa9 \xe4\xb8\xad", true), "r\xc3\xa9sum\xc3\xa9 \xe4\xb8\xad",
		   "printable UTF-8 passes");
	tap_is_str(S("r\xc3\xa9sum\xc3\xa9 \xc3\x86 \xc3\x9f", false), "resume AE ss",
		   "ASCII mode: Latin letters lose their accents");
	tap_is_str(S("e\xcc\x81t\xcc\x81", false), "et", "and so do letters with combining accents");
	tap_is_str(S("\xce\x94" "A% \xc2\xb1" "1.2 \xe2\x80\xa6 \xe2\x86\x92 \xe2\x89\xa4 \xe2\x80\x94", false),
		   "dA% +-1.2 ... -> <= --", "ASCII mode: benchtop's own symbols have stand-ins");
	tap_is_str(S("\xe4\xb8\xad\xf0\x9f\x98\x80", false), "??", "ASCII mode: the rest becomes ?");
	tap_ok(sanitize_ascii('a') == NULL && sanitize_ascii(0xD7) && strcmp(sanitize_ascii(0xD7), "x") == 0 &&
		       sanitize_ascii(0x4E2D) == NULL,
	       "sanitize_ascii: none for ASCII, x for U+00D7, none for U+4E2D");
	tap_is_str(S("\x1b[31mred\x1b[0m", true), "^[[31mred^[[0m", "CSI colour sequences are shown");
	tap_is_str(S("\x1b]0;evil title\x07", true), "^[]0;evil title^G", "an OSC title sequence and BEL");
	tap_is_str(S("\x1b]52;c;aGVsbG8=\x07", true), "^[]52;c;aGVsbG8=^G", "an OSC 52 clipboard write");
	tap_is_str(S("a\rb\bc\x7f", true), "a^Mb^Hc^?", "CR, BS and DEL");
	tap_is_str(S("\xc2\x9b" "31m", true), "<U+009B>31m", "a C1 CSI in UTF-8");
	tap_is_str(S("x\xe2\x80\xaey", true), "x<U+202E>y", "a bidirectional override");
	tap_is_str(S("\xff\xfe", true), "\xef\xbf\xbd\xef\xbf\xbd", "invalid bytes become U+FFFD");
	tap_is_str(S("\xff", false), "?", "invalid bytes in ASCII mode");
	tap_is_str(S("\xe4\xb8", true), "\xef\xbf\xbd\xef\xbf\xbd", "a truncated sequence");
	tap_is_str(S("a\0b", true), "a^@b", "a NUL byte");
	tap_is_str(S("\tx\ty", true), "        x       y", "tabs expand to the tab stop");
	tap_ok(terminal_safe(S("\x1b\x9b\x90\x07\x1b\\\x8d\x0e\x0f\x1b(0", true)),
	       "escape-heavy input leaves nothing a terminal would act on");

	/* widths and fitting */
	struct san_opts u = {.utf8 = true}, a = {.utf8 = false};
	tap_is_int(sanitize_width("\xe4\xb8\xad\xe6\x96\x87", 6, &u), 4, "two wide chars are 4 columns");
	tap_is_int(sanitize_width("\xe4\xb8\xad", 3, &a), 1, "ASCII mode: one ? column");
	tap_is_int(sanitize_width("\x1b[m", 3, &u), 4, "escapes count at their shown width");
	tap_is_int(sanitize_fit("hello world", 11, &u, 8, true), 6, "word wrap ends after a space");
	tap_is_int(sanitize_fit("helloworld", 10, &u, 4, false), 4, "hard wrap at the width");
	tap_is_int(sanitize_fit("\xe4\xb8\xad\xe6\x96\x87", 6, &u, 3, false), 3, "a wide char never splits");
	tap_is_int(sanitize_fit("x", 1, &u, 0, false), 1, "at least one piece when nothing fits");
	tap_is_int(sanitize_fit("a\x80\x80\x80", 4, &u, 2, false), 2,
		   "stray continuation bytes are pieces of their own");
	tap_is_int(sanitize_fit_tail("abcdef", 6, &u, 3), 3, "the tail that fits");
	tap_is_int(sanitize_width("a\xe2\x86\x92" "b", 5, &a), 4, "ASCII mode: -> is 2 columns");
	tap_is_int(sanitize_fit("a\xe2\x86\x92" "b", 5, &a, 2, false), 1,
		   "a stand-in that only partly fits goes to the next line");
	tap_is_int(sanitize_fit("\xe2\x80\xa6", 3, &a, 2, false), 3, "unless it comes first");
	tap_is_int(sanitize_fit("ab\tc", 4, &u, 5, false), 2, "so does a tab");
	tap_is_int(sanitize_fit("a\xc2\xa0" "b c", 6, &a, 3, true), 4,
		   "word wrap breaks after a space, not a no-break space");
	tap_is_int(sanitize_fit_tail("\xe2\x86\x92" "ab", 5, &a, 3), 2,
		   "the tail that fits leaves out a stand-in cut in two");

	/* a huge single line is linear and can stop early */
	size_t big = 10u << 20;
	char *line = xmalloc(big);
	memset(line, 'x', big);
	line[big / 2] = '\x1b';
	tap_is_int(sanitize_width(line, big, &u), (long)big + 1, "a 10 MB line is measured");
	tap_is_int(sanitize_fit(line, big, &u, 80, false), 80, "and fitting 80 columns reads 80 bytes");
	tap_is_int(sanitize_fit_tail(line, big, &u, 80), 80,
		   "its last 80 columns are found without re-measuring every suffix");
	free(line);
	return tap_done();
}
