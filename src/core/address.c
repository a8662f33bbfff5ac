/* address.c: printing and parsing RUN:TASK:ATTEMPT[:STEP|:rREQUEST]
 * (address.h has the grammar; benchtop(1) documents it). */
#include "config.h"

#include "benchtop/address.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = {"run", "task", "attempt", "step", "request"};

const char *
address_kind_name(enum address_kind k)
{
	return (unsigned)k < sizeof(kind_names) / sizeof(kind_names[0]) ? kind_names[k] : "?";
}

/* Bytes written %XX inside RUN and TASK: the separator, the escape itself,
 * and whatever would not survive being pasted as one word. */
static bool
must_escape(unsigned char c)
{
	return c == '%' || c == ':' || c <= ' ' || c == 0x7f;
}

static void
put_part(struct buf *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (must_escape(*p))
			buf_printf(out, "%%%02X", *p);
		else
			buf_putc(out, (char)*p);
	}
}

void
address_format(const struct address *a, struct buf *out)
{
	buf_reset(out);
	put_part(out, a->run);
	if (a->kind >= ADDRESS_TASK) {
		buf_putc(out, ':');
		put_part(out, a->task);
	}
	if (a->kind >= ADDRESS_ATTEMPT)
		buf_printf(out, ":%d", a->attempt);
	if (a->kind == ADDRESS_STEP)
		buf_printf(out, ":%d", a->step);
	else if (a->kind == ADDRESS_REQUEST)
		buf_printf(out, ":r%d", a->request);
	buf_cstr(out);
}

void
address_set(struct address *a, const char *run, const char *task, int attempt)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->run, sizeof(a->run), "%s", run);
	a->kind = ADDRESS_RUN;
	if (task) {
		snprintf(a->task, sizeof(a->task), "%s", task);
		a->kind = ADDRESS_TASK;
		if (attempt >= 0) {
			a->attempt = attempt;
			a->kind = ADDRESS_ATTEMPT;
		}
	}
}

void
address_task_token(enum task_kind kind, const char *framework, const char *name, char *out,
		   size_t outlen)
{
	if (kind == TASK_FEATURE)
		snprintf(out, outlen, "%s/%s", framework, name);
	else
		snprintf(out, outlen, "%s", name);
}

bool
address_parent(const struct address *a, struct address *up)
{
	if (a->kind == ADDRESS_RUN)
		return false;
	*up = *a;
	up->kind = a->kind >= ADDRESS_STEP ? ADDRESS_ATTEMPT : a->kind - 1;
	up->step = up->request = 0;
	if (up->kind < ADDRESS_ATTEMPT)
		up->attempt = 0;
	if (up->kind == ADDRESS_RUN)
		up->task[0] = '\0';
	return true;
}

/* A hex digit's value (either case), -1 for anything else. */
static int
hex(unsigned char c)
{
	static const char digits[] = "0123456789abcdef";
	const char *d = isxdigit(c) ? strchr(digits, c | 0x20) : NULL;

	return d ? (int)(d - digits) : -1;
}

/* Decode the name part s[0..n) into out; false with why. */
static bool
get_part(const char *what, const char *s, size_t n, char *out, size_t outlen, char *why,
	 size_t whylen)
{
	size_t k = 0;

	if (n == 0) {
		snprintf(why, whylen, "the %s is empty", what);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			int hi = i + 2 < n ? hex((unsigned char)s[i + 1]) : -1;
			int lo = i + 2 < n ? hex((unsigned char)s[i + 2]) : -1;
			/* %00 would cut the name short */
			if (hi < 0 || lo < 0 || hi * 16 + lo == 0) {
				snprintf(why, whylen, "the %s has a '%%' not followed by two hex "
					 "digits (other than 00)", what);
				return false;
			}
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
		} else if (c < ' ' || c == 0x7f) {
			snprintf(why, whylen, "the %s holds a control character (byte %u)", what,
				 (unsigned)c);
			return false;
		}
		if (k + 1 >= outlen) {
			snprintf(why, whylen, "the %s is longer than %zu bytes", what, outlen - 1);
			return false;
		}
		out[k++] = (char)c;
	}
	out[k] = '\0';
	return true;
}

/* A decimal number s[0..n) in [min, INT_MAX]; false with why. */
static bool
get_number(const char *what, const char *s, size_t n, int min, int *out, char *why,
	   size_t whylen)
{
	long v = 0;

	if (n == 0 || n > 9) {
		snprintf(why, whylen, "the %s must be a number from %d to 999999999", what, min);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			snprintf(why, whylen, "the %s must be a number from %d to 999999999", what,
				 min);
			return false;
		}
		v = v * 10 + (s[i] - '0');
	}
	if (v < min) {
		snprintf(why, whylen, "the %s must be a number from %d to 999999999", what, min);
		return false;
	}
	*out = (int)v;
	return true;
}

bool
address_parse(const char *text, struct address *a, char *why, size_t whylen)
{
	const char *part[4];
	size_t len[4], n = 0, total = strlen(text);
	const char *p = text;

	memset(a, 0, sizeof(*a));
	if (total == 0) {
		snprintf(why, whylen, "an empty address (RUN, RUN:TASK or RUN:TASK:ATTEMPT)");
		return false;
	}
	if (total > ADDRESS_MAX) {
		snprintf(why, whylen, "an address is at most %d bytes", ADDRESS_MAX);
		return false;
	}
	for (;;) {
		const char *colon = strchr(p, ':');
		if (n == 4) {
			snprintf(why, whylen, "too many ':' parts (at most RUN:TASK:ATTEMPT:STEP)");
			return false;
		}
		part[n] = p;
		len[n] = colon ? (size_t)(colon - p) : strlen(p);
		n++;
		if (!colon)
			break;
		p = colon + 1;
	}
	if (!get_part("run name", part[0], len[0], a->run, sizeof(a->run), why, whylen))
		return false;
	a->kind = ADDRESS_RUN;
	if (n >= 2) {
		if (!get_part("task name", part[1], len[1], a->task, sizeof(a->task), why, whylen))
			return false;
		a->kind = ADDRESS_TASK;
	}
	if (n >= 3) {
		if (!get_number("attempt", part[2], len[2], 0, &a->attempt, why, whylen))
			return false;
		a->kind = ADDRESS_ATTEMPT;
	}
	if (n == 4) {
		if (len[3] > 0 && (part[3][0] == 'r' || part[3][0] == 'R')) {
			if (!get_number("request", part[3] + 1, len[3] - 1, 1, &a->request, why,
					whylen))
				return false;
			a->kind = ADDRESS_REQUEST;
		} else {
			if (!get_number("step", part[3], len[3], 1, &a->step, why, whylen))
				return false;
			a->kind = ADDRESS_STEP;
		}
	}
	return true;
}

bool
address_tag_valid(const char *word)
{
	size_t n = strlen(word);

	if (n == 0 || n > 32)
		return false;
	for (const char *p = word; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("-_.+/", *p)))
			return false;
	return true;
}
