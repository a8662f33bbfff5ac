/* sanitize.c: untrusted bytes to harmless, visible display pieces. */
#include "config.h"

#include "benchtop/sanitize.h"

#include <stdio.h>
#include <string.h>

#include "benchtop/utf8.h"

/* Characters that are printable by width but change how a terminal shows
 * what follows: bidirectional overrides ("Trojan source"), separators. */
static bool
is_dangerous(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x200E || cp == 0x200F || cp == 0x061C ||
	       cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB);
}

long
sanitize_feed(const char *data, size_t len, const struct san_opts *o, long col, san_emit emit,
	      void *ctx)
{
	int tab = o->tabstop > 0 ? o->tabstop : 8;
	char esc[16];

	for (size_t i = 0; i < len;) {
		struct san_piece p = {.kind = SAN_TEXT, .offset = i};
		uint32_t cp;
		size_t n = utf8_decode(data + i, len - i, &cp);

		i += n;
		if (cp & UTF8_INVALID_BYTE) {
			p.kind = SAN_ESCAPE;
			if (o->utf8) {
				p.kind = SAN_TEXT;
				p.cp = UTF8_REPLACEMENT;
				p.width = 1;
			} else {
				p.text = "?";
				p.width = 1;
			}
		} else if (cp == '\t') {
			/* expand to spaces, one piece per column */
			long stop = (col / tab + 1) * tab;
			for (; col < stop; col++) {
				struct san_piece sp = {.kind = SAN_TEXT, .cp = ' ', .width = 1,
						       .offset = p.offset};
				if (!emit(ctx, &sp))
					return col;
			}
			continue;
		} else if (cp < 0x20 || cp == 0x7F) {
			snprintf(esc, sizeof(esc), "^%c", cp == 0x7F ? '?' : (char)(cp + '@'));
			p.kind = SAN_ESCAPE;
			p.text = esc;
			p.width = 2;
		} else if ((cp >= 0x80 && cp < 0xA0) || is_dangerous(cp)) {
			snprintf(esc, sizeof(esc), "<U+%04X>", (unsigned)cp);
			p.kind = SAN_ESCAPE;
			p.text = esc;
			p.width = (int)strlen(esc);
		} else if (cp >= 0x80 && !o->utf8) {
			p.kind = SAN_TEXT;
			p.cp = '?';
			p.width = 1;
		} else {
			int w = utf8_cpwidth(cp);
			p.cp = cp;
			p.width = w < 0 ? 1 : w;
		}
		col += p.width;
		if (!emit(ctx, &p))
			return col;
	}
	return col;
}

static bool
to_buf(void *ctx, const struct san_piece *p)
{
	struct buf *b = ctx;

	if (p->kind == SAN_ESCAPE) {
		buf_puts(b, p->text);
	} else {
		char enc[4];
		buf_append(b, enc, utf8_encode(p->cp, enc));
	}
	return true;
}

void
sanitize_to_buf(const char *data, size_t len, const struct san_opts *o, struct buf *out)
{
	sanitize_feed(data, len, o, 0, to_buf, out);
	buf_cstr(out);
}

static bool
count_only(void *ctx, const struct san_piece *p)
{
	(void)ctx;
	(void)p;
	return true;
}

long
sanitize_width(const char *data, size_t len, const struct san_opts *o)
{
	return sanitize_feed(data, len, o, 0, count_only, NULL);
}

struct fit_ctx {
	const char *data;
	size_t len;
	long cols, used;
	size_t end, last_space;
	bool any;
};

static bool
fit_piece(void *vctx, const struct san_piece *p)
{
	struct fit_ctx *c = vctx;
	uint32_t cp;

	if (c->used + p->width > c->cols && c->any)
		return false;
	c->used += p->width;
	c->any = true;
	/* the piece ends after its own bytes only: an invalid byte is a piece
	 * of one byte even when continuation bytes follow it */
	c->end = p->offset + utf8_decode(c->data + p->offset, c->len - p->offset, &cp);
	if (p->kind == SAN_TEXT && p->cp == ' ')
		c->last_space = c->end;
	return true;
}

size_t
sanitize_fit(const char *data, size_t len, const struct san_opts *o, long cols, bool words)
{
	struct fit_ctx c = {.data = data, .len = len, .cols = cols};

	sanitize_feed(data, len, o, 0, fit_piece, &c);
	if (!c.any)
		return 0;
	if (c.end >= len)
		return len;
	if (words && c.last_space > 0)
		return c.last_space;
	return c.end;
}

/* Does a piece start at off when data is decoded from its start?  Any
 * byte but a UTF-8 continuation does; a continuation byte does unless a
 * valid sequence starting up to 3 bytes before covers it. */
static bool
piece_starts(const char *data, size_t len, size_t off)
{
	if (off >= len || ((unsigned char)data[off] & 0xC0) != 0x80)
		return true;
	for (size_t back = 1; back <= 3 && back <= off; back++) {
		uint32_t cp;
		size_t n = utf8_decode(data + off - back, len - off + back, &cp);
		if (!(cp & UTF8_INVALID_BYTE) && n > back)
			return false;
	}
	return true;
}

size_t
sanitize_fit_tail(const char *data, size_t len, const struct san_opts *o, long cols)
{
	size_t lo = 0, hi = len, start;

	if (sanitize_width(data, len, o) <= cols)
		return len;
	/* The first piece start whose suffix fits.  A suffix is never wider
	 * than a longer one (its tab stops can only come earlier), so binary
	 * search it: dropping one piece at a time re-measured the rest each
	 * time, quadratic in the length. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		for (start = mid; !piece_starts(data, len, start); start++)
			;
		if (sanitize_width(data + start, len - start, o) <= cols)
			hi = mid;
		else
			lo = mid + 1;
	}
	for (start = lo; !piece_starts(data, len, start); start++)
		;
	return len - start;
}
