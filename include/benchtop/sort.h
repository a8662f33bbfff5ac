/* sort.h: one sort with a context for the comparator, instead of a
 * file-static variable that qsort's comparator reads (not reentrant, and
 * the tree importer calls the metrics from several threads). */
#ifndef BENCHTOP_SORT_H
#define BENCHTOP_SORT_H

#include <stddef.h>

/* <0, 0, >0 as for qsort; ctx is bt_sort's, passed through.  A reverse
 * order negates the result (never a reversal of the sorted array), so
 * that the order stays total when the keys tie. */
typedef int (*bt_cmp_fn)(const void *a, const void *b, const void *ctx);

/* Sort n elements of size bytes at base.  Stable: elements that compare
 * equal keep their order.  A merge sort, O(n log n) comparisons; it
 * allocates n elements of scratch (xmalloc: never fails). */
void bt_sort(void *base, size_t n, size_t size, bt_cmp_fn cmp, const void *ctx);

#endif
