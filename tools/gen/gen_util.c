/* gen_util.c: the generator's PRNG, UTC time formatting and text helpers.
 *
 * Our own PRNG (not rand()) so that output is byte-identical on every libc.
 */
#include "config.h"

#include "gen.h"

#include <stdio.h>
#include <string.h>

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t
gen_mix(uint64_t h, uint64_t v)
{
	uint64_t x = h ^ (v * 0xff51afd7ed558ccdULL);
	return splitmix64(&x);
}

uint64_t
gen_hash_str(uint64_t h, const char *s)
{
	/* FNV-1a over the bytes, then a splitmix finish against weak seeds. */
	uint64_t f = 0xcbf29ce484222325ULL;
	for (; *s; s++) {
		f ^= (unsigned char)*s;
		f *= 0x100000001b3ULL;
	}
	return gen_mix(h, f);
}

void
gen_rng_init(struct gen_rng *r, uint64_t key)
{
	uint64_t x = key;
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
gen_rng_next(struct gen_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double
gen_rng_unit(struct gen_rng *r)
{
	return (double)(gen_rng_next(r) >> 11) * 0x1.0p-53;
}

unsigned
gen_rng_below(struct gen_rng *r, unsigned n)
{
	if (n == 0)
		return 0;
	/* Lemire's multiply-shift: unbiased enough for simulation, no division. */
	return (unsigned)(((gen_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int
gen_rng_range(struct gen_rng *r, int lo, int hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int)gen_rng_below(r, (unsigned)(hi - lo + 1));
}

bool
gen_rng_chance(struct gen_rng *r, double p)
{
	return gen_rng_unit(r) < p;
}

const char *
gen_rng_pick(struct gen_rng *r, const char *const *v, size_t n)
{
	return v[gen_rng_below(r, (unsigned)n)];
}

void
gen_rng_hex(struct gen_rng *r, char *out, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	uint64_t bits = 0;
	for (size_t i = 0; i < n; i++) {
		if (i % 16 == 0)
			bits = gen_rng_next(r);
		out[i] = hex[bits & 15];
		bits >>= 4;
	}
	out[n] = '\0';
}

void
gen_rng_uuid(struct gen_rng *r, char out[37])
{
	char h[33];
	gen_rng_hex(r, h, 32);
	h[12] = '4';
	h[16] = "89ab"[h[16] & 3];
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12, h + 16, h + 20);
}

/* ------------------------------------------------------------ time */

const char *const gen_month_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

void
gen_time_split(int64_t ms, struct gen_tm *tm)
{
	int64_t secs = ms / 1000, days = secs / 86400, rem = secs % 86400;
	/* Howard Hinnant's civil_from_days: no time zone database involved. */
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;

	tm->year = (int)(yoe + era * 400 + (m <= 2));
	tm->mon = (int)m;
	tm->day = (int)d;
	tm->hour = (int)(rem / 3600);
	tm->min = (int)(rem / 60 % 60);
	tm->sec = (int)(rem % 60);
	tm->ms = (int)(ms % 1000);
}

void
gen_time_folder(int64_t ms, char out[32])
{
	struct gen_tm t;
	gen_time_split(ms, &t);
	snprintf(out, 32, "%04d-%02d-%02dT%02d-%02d-%02d", t.year, t.mon, t.day, t.hour, t.min,
		 t.sec);
}

void
gen_time_newman(int64_t ms, char out[40])
{
	struct gen_tm t;
	gen_time_split(ms, &t);
	snprintf(out, 40, "%04d-%02d-%02d-%02d-%02d-%02d-%03d-0", t.year, t.mon, t.day, t.hour,
		 t.min, t.sec, t.ms);
}

void
gen_time_iso(int64_t ms, char out[40])
{
	struct gen_tm t;
	gen_time_split(ms, &t);
	snprintf(out, 40, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", t.year, t.mon, t.day, t.hour,
		 t.min, t.sec, t.ms);
}

/* ------------------------------------------------------------ text */

static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (s[0] < 0xc0 || n < 2)
		return 0;
	if (s[0] < 0xe0) {
		*cp = ((uint32_t)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
		return 2;
	}
	if (s[0] < 0xf0 && n >= 3) {
		*cp = ((uint32_t)(s[0] & 0x0f) << 12) | ((uint32_t)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
		return 3;
	}
	if (n >= 4) {
		*cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3f) << 12) |
		      ((uint32_t)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
		return 4;
	}
	return 0;
}

void
gen_json_str(struct buf *b, const char *s, size_t n, bool ascii)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t run = 0;

	buf_reserve(b, n + n / 8 + 2);
	buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		char esc[16];
		size_t elen = 0;

		if (c >= 0x20 && c != '"' && c != '\\' && (c < 0x80 || !ascii))
			continue;
		/* flush the plain run before this byte */
		buf_append(b, s + run, i - run);
		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			elen = 2;
		} else if (c == '\n' || c == '\t' || c == '\r') {
			esc[0] = '\\';
			esc[1] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
			elen = 2;
		} else if (c < 0x20) {
			elen = (size_t)snprintf(esc, sizeof(esc), "\\u%04x", c);
		} else {
			uint32_t cp = 0xfffd;
			size_t used = utf8_decode(p + i, n - i, &cp);
			if (used)
				i += used - 1;
			if (cp >= 0x10000) {
				uint32_t v = cp - 0x10000;
				uint32_t hi = 0xd800 + (v >> 10), lo = 0xdc00 + (v & 0x3ff);
				elen = (size_t)snprintf(esc, sizeof(esc), "\\u%04x\\u%04x",
							(unsigned)hi, (unsigned)lo);
			} else {
				esc[0] = '\\';
				esc[1] = 'u';
				esc[2] = hex[(cp >> 12) & 15];
				esc[3] = hex[(cp >> 8) & 15];
				esc[4] = hex[(cp >> 4) & 15];
				esc[5] = hex[cp & 15];
				elen = 6;
			}
		}
		buf_append(b, esc, elen);
		run = i + 1;
	}
	buf_append(b, s + run, n - run);
	buf_putc(b, '"');
}

void
gen_json_cstr(struct buf *b, const char *s)
{
	gen_json_str(b, s, strlen(s), false);
}

void
gen_expand(struct buf *b, const char *tmpl, const struct gen_subst *subs, size_t n)
{
	const char *p = tmpl;

	for (;;) {
		const char *d = strchr(p, '$');
		if (!d) {
			buf_puts(b, p);
			return;
		}
		buf_append(b, p, (size_t)(d - p));
		p = d + 1;
		size_t i;
		for (i = 0; i < n; i++)
			if (subs[i].key == *p)
				break;
		if (i < n) {
			buf_puts(b, subs[i].val);
			p++;
		} else {
			/* not a key ("$1" in shell, "${" in JS): keep it */
			buf_putc(b, '$');
		}
	}
}

void
gen_put_long(struct buf *b, long v)
{
	char tmp[24];
	int i = (int)sizeof(tmp);
	bool neg = v < 0;
	unsigned long u = neg ? 0UL - (unsigned long)v : (unsigned long)v;

	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (neg)
		tmp[--i] = '-';
	buf_append(b, tmp + i, sizeof(tmp) - (size_t)i);
}
