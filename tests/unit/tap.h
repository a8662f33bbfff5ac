/* tap.h: a tiny Test Anything Protocol emitter for the plain-C unit tests.
 *
 * Each check prints one "ok N - name" / "not ok N - name" line; the test
 * program ends with tap_done(), which prints the plan and returns the exit
 * status.  automake's tap-driver.sh counts every line as one test.
 */
#ifndef BENCHTOP_TAP_H
#define BENCHTOP_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

static inline int __attribute__((format(printf, 2, 3)))
tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

static inline void __attribute__((format(printf, 1, 2)))
tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static inline void __attribute__((format(printf, 1, 2)))
tap_skip(const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("ok %d # SKIP ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

#define tap_is_int(got, want, name)                                                        \
	do {                                                                               \
		long long g_ = (long long)(got), w_ = (long long)(want);                   \
		if (!tap_ok(g_ == w_, "%s", name))                                         \
			tap_diag("  got %lld, want %lld (%s:%d)", g_, w_, __FILE__,       \
				 __LINE__);                                                \
	} while (0)

#define tap_is_double(got, want, eps, name)                                                \
	do {                                                                               \
		double g_ = (got), w_ = (want);                                            \
		if (!tap_ok(fabs(g_ - w_) <= (eps), "%s", name))                           \
			tap_diag("  got %.10f, want %.10f (%s:%d)", g_, w_, __FILE__,     \
				 __LINE__);                                                \
	} while (0)

#define tap_is_str(got, want, name)                                                        \
	do {                                                                               \
		const char *g_ = (got), *w_ = (want);                                      \
		if (!tap_ok(g_ && w_ && strcmp(g_, w_) == 0, "%s", name))                  \
			tap_diag("  got  '%s'\n#   want '%s' (%s:%d)", g_ ? g_ : "(null)",   \
				 w_ ? w_ : "(null)", __FILE__, __LINE__);                  \
	} while (0)

static inline int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

/* The shared upstream material, or NULL (tests then skip with a reason). */
static inline const char *
tap_shared_dir(void)
{
	const char *d = getenv("BENCHTOP_SHARED");
	static char buf[4096];
	FILE *f;

	if (d && *d)
		return d;
	snprintf(buf, sizeof(buf), "%s/../shared", getenv("abs_top_srcdir") ? getenv("abs_top_srcdir") : "..");
	snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "/docs/upstream-format.md");
	f = fopen(buf, "r");
	if (!f)
		return NULL;
	fclose(f);
	buf[strlen(buf) - strlen("/docs/upstream-format.md")] = '\0';
	return buf;
}

#endif
