/* verify_text.h: text as the verifiers' patterns see it, that is as
 * Python's re sees a str: UTF-8 decoded as Python decodes it, \s, \w and
 * \b, literals with and without re.I.  For src/parse/verify*.c only.
 * Inline: the matchers call these for every byte they look at. */
#ifndef BENCHTOP_VERIFY_TEXT_H
#define BENCHTOP_VERIFY_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* What a search gives when nothing matches. */
#define NOPOS ((size_t)-1)

struct vtext_range {
	uint32_t lo, hi;
};
/* \w above U+007F (verify_word.c, generated from the Unicode data). */
extern const struct vtext_range vtext_word_ranges[];
extern const size_t vtext_n_word_ranges;

/* Decode the code point at s[i] the way Python's UTF-8 decoder does.  An
 * invalid byte gives U+FFFD and a length of 1 (Python may fold a few
 * invalid bytes into one U+FFFD, which never changes a character class). */
static inline size_t
vtext_decode(const char *s, size_t n, size_t i, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s + i;
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len = 0;
	uint32_t c = 0;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		len = 2;
		c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		len = 3;
		c = u[0] & 0x0F;
		lo = u[0] == 0xE0 ? 0xA0 : 0x80;
		hi = u[0] == 0xED ? 0x9F : 0xBF;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		len = 4;
		c = u[0] & 0x07;
		lo = u[0] == 0xF0 ? 0x90 : 0x80;
		hi = u[0] == 0xF4 ? 0x8F : 0xBF;
	}
	if (len == 0 || n - i < len || u[1] < lo || u[1] > hi)
		goto invalid;
	for (size_t k = 1; k < len; k++) {
		if (k > 1 && (u[k] & 0xC0) != 0x80)
			goto invalid;
		c = c << 6 | (u[k] & 0x3F);
	}
	*cp = c;
	return len;
invalid:
	*cp = 0xFFFD;
	return 1;
}

/* The code point that ends just before s[i] (i > 0). */
static inline uint32_t
vtext_before(const char *s, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j = i - 1;
	uint32_t c;

	while (j > 0 && i - j < 4 && (u[j] & 0xC0) == 0x80)
		j--;
	return vtext_decode(s, i, j, &c) == i - j ? c : 0xFFFD;
}

/* re's \s for str patterns: str.isspace(). */
static inline bool
vtext_is_space(uint32_t c)
{
	if (c < 0x80)
		return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
	return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	       c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* re's \w for str patterns. */
static inline bool
vtext_is_word(uint32_t c)
{
	size_t lo = 0, hi = vtext_n_word_ranges;

	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		       c == '_';
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c < vtext_word_ranges[mid].lo)
			hi = mid;
		else if (c > vtext_word_ranges[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* Byte length of the whitespace character at s[i]; 0 when there is none. */
static inline size_t
vtext_space_at(const char *s, size_t n, size_t i)
{
	uint32_t c;
	size_t len;

	if (i >= n)
		return 0;
	len = vtext_decode(s, n, i, &c);
	return vtext_is_space(c) ? len : 0;
}

static inline size_t
vtext_skip_space(const char *s, size_t n, size_t i)
{
	size_t len;

	while ((len = vtext_space_at(s, n, i)))
		i += len;
	return i;
}

/* Skip a run of \w, or of [\w.] / [\w:] when `extra` is '.' or ':'. */
static inline size_t
vtext_skip_word(const char *s, size_t n, size_t i, char extra)
{
	while (i < n) {
		uint32_t c;
		size_t len = vtext_decode(s, n, i, &c);

		if (!vtext_is_word(c) && (extra == '\0' || s[i] != extra))
			break;
		i += len;
	}
	return i;
}

/* \b: a word character on exactly one side of position i. */
static inline bool
vtext_at_boundary(const char *s, size_t n, size_t i)
{
	bool before = i > 0 && vtext_is_word(vtext_before(s, i)), after = false;
	uint32_t c;

	if (i < n) {
		vtext_decode(s, n, i, &c);
		after = vtext_is_word(c);
	}
	return before != after;
}

static inline bool
vtext_is_quote(char c)
{
	return c == '\'' || c == '"';
}

static inline char
vtext_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
}

/* The literal at s[i] (case-sensitive): its end, or NOPOS. */
static inline size_t
vtext_lit_at(const char *s, size_t n, size_t i, const char *lit)
{
	size_t len = strlen(lit);

	return n - i >= len && memcmp(s + i, lit, len) == 0 ? i + len : NOPOS;
}

/* Under re.I a few non-ASCII letters match ASCII ones: U+017F matches s,
 * U+0130 and U+0131 match i, U+212A (Kelvin) matches k.  Returns the
 * length of such a letter standing for `want` at s[i], else 0. */
static inline size_t
vtext_fold_at(const char *s, size_t n, size_t i, char want)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t avail = n - i;

	if (want == 's' && avail >= 2 && u[0] == 0xC5 && u[1] == 0xBF)
		return 2;
	if (want == 'i' && avail >= 2 && u[0] == 0xC4 && (u[1] == 0xB0 || u[1] == 0xB1))
		return 2;
	if (want == 'k' && avail >= 3 && u[0] == 0xE2 && u[1] == 0x84 && u[2] == 0xAA)
		return 3;
	return 0;
}

static inline unsigned char
vtext_fold_lead(char want)
{
	return want == 's' ? 0xC5 : want == 'i' ? 0xC4 : want == 'k' ? 0xE2 : 0;
}

/* The literal (written in lowercase) at s[i] under re.I: its end, or NOPOS. */
static inline size_t
vtext_ilit_at(const char *s, size_t n, size_t i, const char *lit)
{
	for (; *lit; lit++) {
		size_t len;

		if (i >= n)
			return NOPOS;
		if (vtext_lower(s[i]) == *lit)
			i++;
		else if ((len = vtext_fold_at(s, n, i, *lit)))
			i += len;
		else
			return NOPOS;
	}
	return i;
}

/* First occurrence of lit at or after `from`; sets *end.  NOPOS if none. */
static inline size_t
vtext_find(const char *s, size_t n, size_t from, const char *lit, size_t *end)
{
	size_t len = strlen(lit);
	const char *hit;

	if (from >= n)
		return NOPOS;
	hit = memmem(s + from, n - from, lit, len);
	if (!hit)
		return NOPOS;
	*end = (size_t)(hit - s) + len;
	return (size_t)(hit - s);
}

#endif
