/* parse_util.c: UTF-8 checks, error positions and a strict JSON front end
 * shared by the parsers. */
#include "config.h"

#include "benchtop/parse_util.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence starting at s[i], 0 when invalid. */
static size_t
utf8_seq(const unsigned char *s, size_t len, size_t i)
{
	unsigned c = s[i];
	unsigned lo = 0x80, hi = 0xBF;
	size_t n;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0; /* overlong */
		else if (c == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90; /* overlong */
		else if (c == 0xF4)
			hi = 0x8F; /* above U+10FFFF */
	} else
		return 0;
	if (len - i < n)
		return 0;
	if (s[i + 1] < lo || s[i + 1] > hi)
		return 0;
	for (size_t k = 2; k < n; k++)
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
	return n;
}

bool
parse_utf8_valid(const char *s, size_t len, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n;

		/* ASCII runs are the common case: skip them a byte at a time
		 * without the sequence decoder. */
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_seq(u, len, i);
		if (n == 0) {
			if (bad)
				*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

char *
parse_utf8_repair(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	struct buf b;
	size_t i = 0, run = 0;

	buf_init(&b);
	buf_reserve(&b, len);
	while (i < len) {
		size_t n = utf8_seq(u, len, i);

		if (n) {
			i += n;
			continue;
		}
		buf_append(&b, s + run, i - run);
		buf_puts(&b, "\xEF\xBF\xBD");
		run = ++i;
	}
	buf_append(&b, s + run, i - run);
	return buf_steal(&b);
}

void
parse_position(const char *data, size_t len, size_t off, long *line, long *col)
{
	const char *p = data, *end = data + (off < len ? off : len);
	const char *bol = data;
	long l = 1;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		l++;
		p = bol = nl + 1;
	}
	*line = l;
	*col = (long)(end - bol) + 1;
}

void
parse_excerpt(const char *s, char *out, size_t outlen)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; s[i] && b.len < 40; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n')
			buf_puts(&b, "\\n");
		else if (c == '\r')
			buf_puts(&b, "\\r");
		else if (c == '\t')
			buf_puts(&b, "\\t");
		else if (c < 0x20 || c == 0x7F)
			buf_printf(&b, "\\x%02x", c);
		else
			buf_putc(&b, (char)c);
	}
	/* do not leave a UTF-8 sequence cut in half before "..." */
	if (s[i]) {
		while (b.len && ((unsigned char)b.data[b.len - 1] & 0xC0) == 0x80)
			b.len--;
		if (b.len && (unsigned char)b.data[b.len - 1] >= 0xC0)
			b.len--;
		buf_append(&b, "...", 3);
	}
	snprintf(out, outlen, "%s", buf_cstr(&b));
	buf_free(&b);
}

int
parse_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The UTF-16 unit of a "\uXXXX" escape at p (p[0] == '\\'), or -1. */
static long
u_escape(const char *p, const char *end)
{
	long v = 0;

	if (end - p < 6 || p[1] != 'u')
		return -1;
	for (int k = 2; k < 6; k++) {
		int h = parse_hex_digit(p[k]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* cJSON rejects a "\uD83D" not followed by a low surrogate (and a lone
 * low one); Python accepts both.  Every backslash of a valid document is
 * inside a string, so escapes can be walked without tracking strings.
 * Returns a patched copy (same length) or NULL when nothing needed fixing. */
static char *
fix_lone_surrogates(const char *data, size_t len)
{
	const char *end = data + len, *p = data;
	char *copy = NULL;

	while ((p = memchr(p, '\\', (size_t)(end - p))) != NULL) {
		long u = u_escape(p, end);

		if (u < 0xD800 || u > 0xDFFF) {
			p += end - p >= 2 ? 2 : 1;
			continue;
		}
		if (u <= 0xDBFF) {
			long lo = u_escape(p + 6, end);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				p += 12;
				continue;
			}
		}
		if (!copy) {
			copy = xmalloc(len ? len : 1);
			memcpy(copy, data, len);
		}
		memcpy(copy + (p - data), "\\uFFFD", 6);
		p += 6;
	}
	return copy;
}

cJSON *
parse_json(const char *data, size_t len, const char *name, struct bt_error *err)
{
	const char *nul = memchr(data, '\0', len);
	const char *src = data, *end = NULL;
	char *fixed;
	size_t bad;
	long line, col;
	cJSON *root;

	if (len == 0) {
		bt_errorf(err, BT_EINPUT, "%s: empty file, expected JSON", name);
		return NULL;
	}
	if (nul) {
		parse_position(data, len, (size_t)(nul - data), &line, &col);
		bt_errorf(err, BT_EINPUT, "%s:%ld:%ld: NUL byte in JSON", name, line, col);
		return NULL;
	}
	if (!parse_utf8_valid(data, len, &bad)) {
		parse_position(data, len, bad, &line, &col);
		bt_errorf(err, BT_EINPUT, "%s:%ld:%ld: invalid UTF-8", name, line, col);
		return NULL;
	}
	fixed = fix_lone_surrogates(data, len);
	if (fixed)
		src = fixed;
	root = cJSON_ParseWithLengthOpts(src, len, &end, 0);
	if (root) {
		/* cJSON stops after the first value; Python rejects the rest */
		size_t off = (size_t)(end - src);
		while (off < len && (src[off] == ' ' || src[off] == '\t' || src[off] == '\n' ||
				     src[off] == '\r'))
			off++;
		if (off < len) {
			cJSON_Delete(root);
			root = NULL;
			parse_position(data, len, off, &line, &col);
			bt_errorf(err, BT_EINPUT, "%s:%ld:%ld: unexpected data after the JSON value",
				  name, line, col);
		}
	} else {
		size_t off = end && end >= src ? (size_t)(end - src) : 0;
		parse_position(data, len, off, &line, &col);
		if (off + 1 >= len)
			bt_errorf(err, BT_EINPUT, "%s:%ld:%ld: invalid JSON (truncated?)", name,
				  line, col);
		else
			bt_errorf(err, BT_EINPUT,
				  "%s:%ld:%ld: invalid JSON (or nested deeper than %d levels)",
				  name, line, col, CJSON_NESTING_LIMIT);
	}
	free(fixed);
	return root;
}

char *
parse_json_compact(const cJSON *v)
{
	char *s = v ? cJSON_PrintUnformatted(v) : NULL;

	if (!s)
		return xstrdup("null");
	/* cJSON allocated it with the default hooks, i.e. malloc */
	return s;
}

const char *
parse_json_type(const cJSON *v)
{
	if (!v)
		return "nothing";
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "a boolean";
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsObject(v))
		return "an object";
	return "an invalid value";
}

bool
parse_json_long(const cJSON *v, long *out)
{
	double d;

	if (!cJSON_IsNumber(v))
		return false;
	d = v->valuedouble;
	/* 2^53: every integer up to there is exact in a double and fits a
	 * 64-bit long; 2^31 keeps 32-bit longs safe */
	if (!isfinite(d) || d != floor(d) || fabs(d) > (sizeof(long) >= 8 ? 9007199254740992.0
								     : 2147483647.0))
		return false;
	*out = (long)d;
	return true;
}
