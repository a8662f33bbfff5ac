/* fuzz_sanitize.c: the text sanitizer and the UTF-8 decoder under it.
 * The first three bytes are options (bit 0: UTF-8 terminal, bit 1: word
 * wrap, bits 2-5: tab stop; a column count; after how many pieces the
 * feed stops); the rest is the text.  Besides memory safety it checks
 * the promises that keep the terminal safe and the layout right. */
#include "config.h"

#include "benchtop/sanitize.h"
#include "benchtop/utf8.h"

#include "fuzz.h"

struct feed_ctx {
	size_t stop_after, pieces, len, last_offset;
};

static bool
feed_piece(void *vctx, const struct san_piece *p)
{
	struct feed_ctx *c = vctx;

	FUZZ_CHECK(p->offset < c->len && p->offset >= c->last_offset);
	FUZZ_CHECK(p->width >= 0);
	FUZZ_CHECK((p->kind == SAN_ESCAPE) == (p->text != NULL));
	c->last_offset = p->offset;
	return ++c->pieces != c->stop_after;
}

/* Bytes of the piece at s[0] (a tab is one piece here); a valid code
 * point must encode back to the same bytes. */
static size_t
piece_len(const char *s, size_t len)
{
	uint32_t cp;
	size_t n = utf8_decode(s, len, &cp);
	char enc[4];

	FUZZ_CHECK(n >= 1 && n <= 4 && n <= len);
	if (!(cp & UTF8_INVALID_BYTE))
		FUZZ_CHECK(utf8_encode(cp, enc) == n && memcmp(enc, s, n) == 0);
	else
		FUZZ_CHECK(n == 1);
	return n;
}

/* Is off where a piece starts, decoding from the beginning? */
static bool
at_boundary(const char *s, size_t len, size_t off)
{
	size_t i = 0;

	while (i < off)
		i += piece_len(s + i, len - i);
	return i == off;
}

/* What reaches the terminal: valid UTF-8 (ASCII without UTF-8), with no
 * control character or bidirectional override left. */
static void
check_safe(const struct buf *out, bool utf8)
{
	for (size_t i = 0; i < out->len;) {
		uint32_t cp;
		size_t n = utf8_decode(out->data + i, out->len - i, &cp);

		FUZZ_CHECK(!(cp & UTF8_INVALID_BYTE));
		FUZZ_CHECK(utf8 || cp < 0x80);
		FUZZ_CHECK(cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0));
		FUZZ_CHECK(!(cp >= 0x202A && cp <= 0x202E) && !(cp >= 0x2066 && cp <= 0x2069));
		i += n;
	}
}

int
fuzz_sanitize(const uint8_t *data, size_t size)
{
	struct san_opts o;
	struct feed_ctx fc = {0};
	struct buf out;
	long cols, width;
	size_t len, fit;
	bool words;
	char *s;

	if (size < 3)
		return 0;
	o.utf8 = data[0] & 1;
	words = data[0] & 2;
	o.tabstop = (data[0] >> 2) & 15;
	cols = data[1];
	fc.stop_after = data[2];
	len = size - 3;
	s = fuzz_copy(data + 3, len);

	buf_init(&out);
	sanitize_to_buf(s, len, &o, &out);
	check_safe(&out, o.utf8);
	width = sanitize_width(s, len, &o);
	FUZZ_CHECK(width >= 0 && (size_t)width == utf8_width(out.data, out.len));
	buf_free(&out);

	fc.len = len;
	sanitize_feed(s, len, &o, data[1], feed_piece, &fc);

	/* a prefix that fits, unless it is the one piece a wrapped row
	 * always takes; a tab cut at the edge counts as fitting */
	fit = sanitize_fit(s, len, &o, cols, words);
	FUZZ_CHECK(fit <= len && (len == 0 || fit > 0) && at_boundary(s, len, fit));
	if (fit > 0 && sanitize_width(s, fit, &o) > cols)
		FUZZ_CHECK(fit == piece_len(s, len) || s[fit - 1] == '\t');
	if (!words && fit < len)
		FUZZ_CHECK(sanitize_width(s, fit + piece_len(s + fit, len - fit), &o) > cols);

	fit = sanitize_fit_tail(s, len, &o, cols);
	FUZZ_CHECK(fit <= len && at_boundary(s, len, len - fit));
	FUZZ_CHECK(sanitize_width(s + len - fit, fit, &o) <= cols);
	free(s);
	return 0;
}
