/* sort.c: bt_sort, a stable merge sort with a comparator context. */
#include "config.h"

#include "benchtop/sort.h"

#include <stdlib.h>
#include <string.h>

#include "benchtop/util.h"

/* Runs this short are sorted by insertion before merging. */
#define SORT_RUN 8

struct sorter {
	size_t size;
	bt_cmp_fn cmp;
	const void *ctx;
};

/* Insertion sort of b[0..n), stable; t holds one element. */
static void
sort_insertion(const struct sorter *s, char *b, size_t n, char *t)
{
	size_t z = s->size;

	for (size_t i = 1; i < n; i++) {
		size_t j = i;
		if (s->cmp(b + (i - 1) * z, b + i * z, s->ctx) <= 0)
			continue;
		memcpy(t, b + i * z, z);
		while (j > 0 && s->cmp(b + (j - 1) * z, t, s->ctx) > 0)
			j--;
		memmove(b + (j + 1) * z, b + j * z, (i - j) * z);
		memcpy(b + j * z, t, z);
	}
}

/* Merge src[lo..mid) and src[mid..hi) into dst[lo..hi); on a tie the left
 * element goes first (stability). */
static void
sort_merge(const struct sorter *s, const char *src, char *dst, size_t lo, size_t mid, size_t hi)
{
	size_t z = s->size, i = lo, j = mid, k = lo;

	/* already in order (often: the lists are re-sorted as they change) */
	if (mid == lo || mid == hi || s->cmp(src + (mid - 1) * z, src + mid * z, s->ctx) <= 0) {
		memcpy(dst + lo * z, src + lo * z, (hi - lo) * z);
		return;
	}
	while (i < mid && j < hi) {
		if (s->cmp(src + j * z, src + i * z, s->ctx) < 0)
			memcpy(dst + k++ * z, src + j++ * z, z);
		else
			memcpy(dst + k++ * z, src + i++ * z, z);
	}
	memcpy(dst + k * z, src + i * z, (mid - i) * z);
	k += mid - i;
	memcpy(dst + k * z, src + j * z, (hi - j) * z);
}

void
bt_sort(void *base, size_t n, size_t size, bt_cmp_fn cmp, const void *ctx)
{
	struct sorter s = {size, cmp, ctx};
	char *scratch, *src = base, *dst;

	if (n < 2 || size == 0)
		return;
	/* n elements to merge into, and one for the insertion sort */
	scratch = xreallocarray(NULL, n + 1, size);
	for (size_t lo = 0; lo < n; lo += SORT_RUN)
		sort_insertion(&s, src + lo * size, n - lo < SORT_RUN ? n - lo : SORT_RUN,
			       scratch + n * size);
	dst = scratch;
	for (size_t w = SORT_RUN; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = n - lo < w ? n : lo + w;
			size_t hi = n - lo < 2 * w ? n : lo + 2 * w;
			sort_merge(&s, src, dst, lo, mid, hi);
		}
		char *t = src;
		src = dst;
		dst = t;
	}
	if (src != base)
		memcpy(base, src, n * size);
	free(scratch);
}
