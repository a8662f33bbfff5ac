/* UTF-8 decoding and column widths. */
#include "config.h"

#include <string.h>

#include "benchtop/utf8.h"
#include "tap.h"

int
main(void)
{
	uint32_t cp;

	tap_is_int(utf8_decode("A", 1, &cp), 1, "ASCII is one byte");
	tap_is_int(cp, 'A', "ASCII code point");
	tap_is_int(utf8_decode("\xc3\xa9", 2, &cp), 2, "é is two bytes");
	tap_is_int(cp, 0xE9, "é code point");
	tap_is_int(utf8_decode("\xe2\x82\xac", 3, &cp), 3, "€ is three bytes");
	tap_is_int(cp, 0x20AC, "€ code point");
	tap_is_int(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4, "emoji is four bytes");
	tap_is_int(cp, 0x1F600, "emoji code point");

	tap_is_int(utf8_decode("\xc3", 1, &cp), 1, "truncated sequence consumes one byte");
	tap_is_int(cp, UTF8_INVALID_BYTE | 0xC3, "and is marked invalid with its byte");
	tap_is_int(utf8_decode("\xc0\xaf", 2, &cp), 1, "overlong '/' rejected");
	tap_is_int(utf8_decode("\xed\xa0\x80", 3, &cp), 1, "surrogate rejected");
	tap_is_int(utf8_decode("\xf4\x90\x80\x80", 4, &cp), 1, "above U+10FFFF rejected");
	tap_is_int(utf8_decode("\xe0\x80\xaf", 3, &cp), 1, "3-byte overlong rejected");
	tap_is_int(utf8_decode("\xff", 1, &cp), 1, "0xFF rejected");

	tap_is_int(utf8_cpwidth('a'), 1, "latin width 1");
	tap_is_int(utf8_cpwidth(0x4E2D), 2, "CJK width 2");
	tap_is_int(utf8_cpwidth(0x1F600), 2, "emoji width 2");
	tap_is_int(utf8_cpwidth(0x0301), 0, "combining acute width 0");
	tap_is_int(utf8_cpwidth(0x200B), 0, "zero width space");
	tap_is_int(utf8_cpwidth(0x1B), -1, "ESC is a control");
	tap_is_int(utf8_cpwidth(0x9B), -1, "C1 CSI is a control");
	tap_is_int(utf8_cpwidth(0x7F), -1, "DEL is a control");

	tap_is_int(utf8_width("r\xc3\xa9sum\xc3\xa9", 8), 6, "résumé is 6 columns");
	tap_is_int(utf8_width("\xe4\xb8\xad\xe6\x96\x87", 6), 4, "two CJK chars are 4 columns");
	tap_is_int(utf8_width("e\xcc\x81", 3), 1, "e + combining acute is 1 column");

	size_t used;
	const char *cjk = "a\xe4\xb8\xad" "b";
	tap_is_int(utf8_fit(cjk, strlen(cjk), 2, &used), 1, "a wide char does not split");
	tap_is_int(used, 1, "one column used");
	tap_is_int(utf8_fit(cjk, strlen(cjk), 3, &used), 4, "a + wide fits in 3");

	char out[4];
	tap_is_int(utf8_encode(0x20AC, out), 3, "encode € in 3 bytes");
	tap_ok(memcmp(out, "\xe2\x82\xac", 3) == 0, "encoded bytes");
	return tap_done();
}
