/* utf8.h: UTF-8 decoding and terminal column widths, independent of the
 * C library's locale (so tests and the TUI agree on every machine). */
#ifndef BENCHTOP_UTF8_H
#define BENCHTOP_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decode one code point from s[0..len).  Returns the bytes consumed (>= 1
 * when len > 0).  Invalid or truncated sequences, overlongs, surrogates and
 * values above U+10FFFF consume one byte and give *cp = UTF8_INVALID_BYTE |
 * the byte, so callers can show the raw byte. */
#define UTF8_INVALID_BYTE 0x80000000u
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Columns a code point takes: 0 for combining marks and zero-width
 * characters, 2 for East Asian wide and emoji, 1 otherwise.  Control
 * characters return -1 (they must be escaped, never printed). */
int utf8_cpwidth(uint32_t cp);

/* Encode cp into out (at least 4 bytes); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);

/* Display width of a valid UTF-8 string (controls and invalid bytes count
 * as one column each, as escaped text would be wider: callers that show
 * untrusted text use sanitize.h instead). */
size_t utf8_width(const char *s, size_t len);

/* Byte length of the longest prefix of s that fits in `cols` columns. */
size_t utf8_fit(const char *s, size_t len, size_t cols, size_t *used_cols);

#endif
