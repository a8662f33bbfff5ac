/* fuzz.h: the fuzz harnesses of tests/fuzz/fuzz_*.c, one per parser.
 *
 * Each harness is a plain function fuzz_NAME(data, size) that feeds the
 * bytes to the real library code.  Two programs call them:
 *   - `make fuzz` links each one with libFuzzer through entry.c (built with
 *     clang and -DFUZZ_TARGET=NAME), see tests/fuzz/fuzz.sh;
 *   - tests/fuzz/regress (part of `make check`) replays the seed corpus and
 *     every input that once crashed, without libFuzzer.
 * A harness aborts when a parser breaks a promise of its header (not only
 * on memory errors), so that the fuzzer reports it as a crash.
 */
#ifndef BENCHTOP_FUZZ_H
#define BENCHTOP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every target, in the order regress runs them.  The name is the harness
 * file (fuzz_NAME.c) and the folder of its inputs under corpus/ and
 * regressions/. */
#define FUZZ_TARGETS(X)                                                                    \
	X(catalogue)                                                                       \
	X(config)                                                                          \
	X(csv)                                                                             \
	X(diff)                                                                            \
	X(filter)                                                                          \
	X(jsonl)                                                                           \
	X(judge)                                                                           \
	X(newman)                                                                          \
	X(newman_cat)                                                                      \
	X(notes)                                                                           \
	X(sanitize)                                                                        \
	X(taskjson)                                                                        \
	X(traj_mini)                                                                       \
	X(traj_openhands)                                                                  \
	X(traj_swe)                                                                        \
	X(verify)

#define FUZZ_DECLARE(name) int fuzz_##name(const uint8_t *data, size_t size);
FUZZ_TARGETS(FUZZ_DECLARE)
#undef FUZZ_DECLARE

/* fuzz_newman.c: what newman_parse promises about a, given its status. */
struct attempt;
void fuzz_newman_check(const struct attempt *a, int rc);

/* An exact-length heap copy with nothing after it, so that AddressSanitizer
 * (or valgrind) sees any read past the end; free() it. */
static inline char *
fuzz_copy(const uint8_t *data, size_t size)
{
	char *p = malloc(size);

	if (size && !p)
		abort();
	if (size)
		memcpy(p, data, size);
	return p;
}

/* A NUL-terminated copy, for the functions that take C strings. */
static inline char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char *p = malloc(size + 1);

	if (!p)
		abort();
	if (size)
		memcpy(p, data, size);
	p[size] = '\0';
	return p;
}

/* Split at the first NUL: *tail and *tail_size get what follows it (none
 * when there is no NUL).  Returns the size of the head. */
static inline size_t
fuzz_split(const uint8_t *data, size_t size, const uint8_t **tail, size_t *tail_size)
{
	const uint8_t *nul = size ? memchr(data, '\0', size) : NULL;

	if (!nul) {
		*tail = NULL;
		*tail_size = 0;
		return size;
	}
	*tail = nul + 1;
	*tail_size = size - (size_t)(nul + 1 - data);
	return (size_t)(nul - data);
}

/* A broken promise: say which and crash, so the input is kept. */
#define FUZZ_CHECK(cond)                                                                   \
	do {                                                                               \
		if (!(cond)) {                                                             \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,  \
				#cond);                                                    \
			abort();                                                           \
		}                                                                          \
	} while (0)

#endif
