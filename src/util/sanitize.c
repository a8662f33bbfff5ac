/* sanitize.c: untrusted bytes to harmless, visible display pieces. */
#include "config.h"

#include "benchtop/sanitize.h"

#include <stdio.h>
#include <string.h>

#include "benchtop/utf8.h"

bool
sanitize_is_hidden(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x2028 || cp == 0x2029 || (cp >= 0x200B && cp <= 0x200F) || cp == 0x061C ||
	       cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0x2060 && cp <= 0x2064) ||
	       cp == 0x180E;
}

void
sanitize_message(FILE *out, const char *s, bool utf8)
{
	struct san_opts o = {.utf8 = utf8};
	struct buf b;

	buf_init(&b);
	sanitize_to_buf(s, strlen(s), &o, &b);
	fputs(b.data ? b.data : "", out);
	buf_free(&b);
}

/* ASCII stand-ins for the characters benchtop's own labels use (ΔA%, ±,
 * …) and for common punctuation and Latin letters, so that an ASCII
 * terminal reads "dA%" and "resume" rather than "?A%" and "r?sum?".
 * Sorted by code point. */
static const struct {
	uint32_t cp;
	const char *ascii;
} translit[] = {
	{0x00A0, " "},  {0x00A1, "!"},   {0x00A2, "c"},   {0x00A3, "L"},   {0x00A5, "Y"},
	{0x00A6, "|"},  {0x00A7, "S"},   {0x00A9, "(c)"}, {0x00AB, "<<"},  {0x00AD, "-"},
	{0x00AE, "(R)"}, {0x00B0, "o"},  {0x00B1, "+-"},  {0x00B2, "2"},   {0x00B3, "3"},
	{0x00B5, "u"},  {0x00B7, "."},   {0x00B9, "1"},   {0x00BB, ">>"},  {0x00BF, "?"},
	{0x00C6, "AE"}, {0x00D7, "x"},   {0x00D8, "O"},   {0x00DE, "Th"},  {0x00DF, "ss"},
	{0x00E6, "ae"}, {0x00F7, "/"},   {0x00F8, "o"},   {0x00FE, "th"},  {0x0152, "OE"},
	{0x0153, "oe"}, {0x0394, "d"},   {0x03B1, "a"},   {0x03B2, "b"},   {0x03B4, "d"},
	{0x03BC, "u"},  {0x03C3, "s"},   {0x2010, "-"},   {0x2011, "-"},   {0x2012, "-"},
	{0x2013, "-"},  {0x2014, "--"},  {0x2015, "--"},  {0x2018, "'"},   {0x2019, "'"},
	{0x201A, ","},  {0x201C, "\""}, {0x201D, "\""}, {0x201E, "\""}, {0x2022, "*"},
	{0x2026, "..."}, {0x2030, "%o"}, {0x2032, "'"},   {0x2033, "\""}, {0x2039, "<"},
	{0x203A, ">"},  {0x2190, "<-"},  {0x2191, "^"},   {0x2192, "->"},  {0x2193, "v"},
	{0x2194, "<->"}, {0x21D2, "=>"}, {0x2212, "-"},   {0x2248, "~"},   {0x2260, "!="},
	{0x2264, "<="}, {0x2265, ">="},  {0x2500, "-"},   {0x2502, "|"},   {0x25B2, "^"},
	{0x25BC, "v"},  {0x25CF, "*"},   {0x2713, "v"},   {0x2717, "x"},
};

/* Latin-1 letters U+00C0..U+00FF without their accents, one NUL-ended
 * letter per code point; "" where translit has the stand-in. */
static const char latin1_letters[] =
	"A\0A\0A\0A\0A\0A\0\0\0C\0E\0E\0E\0E\0I\0I\0I\0I\0"
	"D\0N\0O\0O\0O\0O\0O\0\0\0\0\0U\0U\0U\0U\0Y\0\0\0\0\0"
	"a\0a\0a\0a\0a\0a\0\0\0c\0e\0e\0e\0e\0i\0i\0i\0i\0"
	"d\0n\0o\0o\0o\0o\0o\0\0\0\0\0u\0u\0u\0u\0y\0\0\0y\0";

const char *
sanitize_ascii(uint32_t cp)
{
	size_t lo = 0, hi = sizeof(translit) / sizeof(translit[0]);

	if (cp < 0x80)
		return NULL;
	if (cp >= 0xC0 && cp <= 0xFF && latin1_letters[2 * (cp - 0xC0)])
		return &latin1_letters[2 * (cp - 0xC0)];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (translit[mid].cp == cp)
			return translit[mid].ascii;
		if (translit[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
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
		} else if ((cp >= 0x80 && cp < 0xA0) || sanitize_is_hidden(cp)) {
			snprintf(esc, sizeof(esc), "<U+%04X>", (unsigned)cp);
			p.kind = SAN_ESCAPE;
			p.text = esc;
			p.width = (int)strlen(esc);
		} else if (cp >= 0x80 && !o->utf8 && utf8_cpwidth(cp) == 0) {
			/* a combining accent: its letter stands for both */
			p.kind = SAN_ESCAPE;
			p.text = "";
			p.width = 0;
		} else if (cp >= 0x80 && !o->utf8) {
			const char *ascii = sanitize_ascii(cp);

			if (!ascii)
				ascii = "?";
			/* one piece per character, like a tab's spaces */
			for (; ascii[1]; ascii++, col++) {
				struct san_piece ap = {.kind = SAN_TEXT, .cp = (unsigned char)*ascii,
						       .width = 1, .offset = p.offset};
				if (!emit(ctx, &ap))
					return col;
			}
			p.cp = (unsigned char)*ascii;
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
	size_t start, end, last_space; /* start: of the last piece taken */
	bool any;
};

static bool
fit_piece(void *vctx, const struct san_piece *p)
{
	struct fit_ctx *c = vctx;
	uint32_t cp;

	if (c->used + p->width > c->cols && c->any) {
		/* a tab or an ASCII stand-in ("->") that only partly fits is
		 * left whole to the next line, unless it is all there is */
		if (p->offset == c->start && p->offset > 0)
			c->end = p->offset;
		return false;
	}
	c->used += p->width;
	c->any = true;
	c->start = p->offset;
	/* the piece ends after its own bytes only: an invalid byte is a piece
	 * of one byte even when continuation bytes follow it */
	c->end = p->offset + utf8_decode(c->data + p->offset, c->len - p->offset, &cp);
	/* a break after a space or a tab, not after a no-break space */
	if (c->data[p->offset] == ' ' || c->data[p->offset] == '\t')
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

bool
sanitize_cut_middle(const char *data, size_t len, const struct san_opts *o, long cols,
		    size_t *head, size_t *tail)
{
	long h = (cols - 1) / 3;

	if (sanitize_width(data, len, o) <= cols)
		return false;
	*head = sanitize_fit(data, len, o, h, false);
	*tail = sanitize_fit_tail(data, len, o, cols - 1 - h);
	return true;
}

void
sanitize_osc52(const char *text, bool utf8, struct buf *out)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct san_opts so = {.utf8 = utf8};
	struct buf clean;
	const unsigned char *s;

	buf_init(&clean);
	sanitize_to_buf(text, strlen(text), &so, &clean);
	s = (const unsigned char *)(clean.data ? clean.data : "");
	buf_reset(out);
	buf_puts(out, "\033]52;c;");
	for (size_t i = 0; i < clean.len; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		size_t n = clean.len - i < 3 ? clean.len - i : 3;
		if (n > 1)
			v |= (unsigned)s[i + 1] << 8;
		if (n > 2)
			v |= s[i + 2];
		buf_putc(out, b64[v >> 18 & 63]);
		buf_putc(out, b64[v >> 12 & 63]);
		buf_putc(out, n > 1 ? b64[v >> 6 & 63] : '=');
		buf_putc(out, n > 2 ? b64[v & 63] : '=');
	}
	buf_putc(out, '\a');
	buf_cstr(out);
	buf_free(&clean);
}

/* Where sanitize_strip_strings() is in the byte stream. */
enum { STRIP_TEXT, STRIP_ESC, STRIP_C2, STRIP_IN, STRIP_IN_ESC, STRIP_IN_C2 };

/* The final byte of ESC x that opens a string: OSC ], DCS P, APC _, PM ^, SOS X. */
static bool
opens_string(unsigned char c)
{
	return c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X';
}

/* The same as a C1 control's second UTF-8 byte (U+009D, U+0090, ...). */
static bool
opens_string_c1(unsigned char c)
{
	return c == 0x9D || c == 0x90 || c == 0x9F || c == 0x9E || c == 0x98;
}

size_t
sanitize_strip_strings(struct san_strip *st, const char *in, size_t n, char *out)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];

		switch (st->state) {
		case STRIP_ESC:
			if (opens_string(c)) {
				st->state = STRIP_IN;
				continue;
			}
			out[o++] = '\033';
			st->state = STRIP_TEXT;
			break;
		case STRIP_C2:
			if (opens_string_c1(c)) {
				st->state = STRIP_IN;
				continue;
			}
			out[o++] = (char)0xC2;
			st->state = STRIP_TEXT;
			break;
		case STRIP_IN_C2:
			st->state = c == 0x9C ? STRIP_TEXT : STRIP_IN; /* U+009C ends it */
			continue;
		case STRIP_IN_ESC:
			if (c == '\\') {
				st->state = STRIP_TEXT; /* ESC \ ends it */
				continue;
			}
			/* any other ESC ends the string and starts a sequence */
			st->state = STRIP_ESC;
			i--;
			continue;
		case STRIP_IN:
			/* BEL ends an OSC; CAN and SUB cancel any string */
			if (c == 0x07 || c == 0x18 || c == 0x1A)
				st->state = STRIP_TEXT;
			else if (c == 0x1B)
				st->state = STRIP_IN_ESC;
			else if (c == 0xC2)
				st->state = STRIP_IN_C2;
			continue;
		}
		/* STRIP_TEXT, or a byte that turned out not to open a string */
		if (c == 0x1B)
			st->state = STRIP_ESC;
		else if (c == 0xC2)
			st->state = STRIP_C2;
		else
			out[o++] = (char)c;
	}
	return o;
}

size_t
sanitize_strip_end(struct san_strip *st, char *out)
{
	size_t o = 0;

	/* a lone ESC or 0xC2 held back at the end is text after all */
	if (st->state == STRIP_ESC)
		out[o++] = '\033';
	else if (st->state == STRIP_C2)
		out[o++] = (char)0xC2;
	st->state = STRIP_TEXT;
	return o;
}
