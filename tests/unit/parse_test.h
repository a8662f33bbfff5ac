/* parse_test.h: helpers for the parser tests (test_csv, test_catalogue,
 * test_newman, test_judge, test_trajectory, test_taskjson).
 *
 * Inputs are handed to the parsers in heap buffers of exactly their length,
 * with no terminator, so that AddressSanitizer catches any read past len.
 */
#ifndef BENCHTOP_PARSE_TEST_H
#define BENCHTOP_PARSE_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/util.h"
#include "tap.h"

/* An unterminated heap copy of s[0..n); free() it. */
static inline char *
pt_exact(const char *s, size_t n)
{
	char *p = xmalloc(n ? n : 1);
	memcpy(p, s, n);
	return p;
}

/* The file at path as an unterminated heap buffer; NULL (with a
 * diagnostic) when it cannot be read. */
static inline char *
pt_read(const char *path, size_t *len)
{
	char *data, *exact;
	struct bt_error err;

	if (file_read(path, 0, &data, len, NULL, &err) != BT_OK) {
		tap_diag("cannot read %s: %s", path, err.msg);
		return NULL;
	}
	exact = pt_exact(data, *len);
	free(data);
	return exact;
}

/* A file under the shared upstream material, as an unterminated heap
 * buffer; NULL when the shared folder or the file is missing. */
static inline char *
pt_shared(const char *rel, size_t *len)
{
	const char *dir = tap_shared_dir();
	char *path, *data;

	if (!dir)
		return NULL;
	path = path_join(dir, rel);
	data = pt_read(path, len);
	free(path);
	return data;
}

/* A file under tests/fixtures, as an unterminated heap buffer. */
static inline char *
pt_fixture(const char *rel, size_t *len)
{
	const char *top = getenv("abs_top_srcdir");
	char *path = xasprintf("%s/tests/fixtures/%s", top ? top : "..", rel);
	char *data = pt_read(path, len);

	free(path);
	return data;
}

/* Number of lines (non-empty, '\n'-separated) in s, 0 for NULL. */
static inline size_t
pt_lines(const char *s)
{
	size_t n = 0;

	if (!s || !*s)
		return 0;
	for (n = 1; *s; s++)
		if (*s == '\n')
			n++;
	return n;
}

/* A deterministic byte generator (xorshift), for garbage inputs. */
static inline unsigned
pt_rand(unsigned *state)
{
	unsigned x = *state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

#endif
