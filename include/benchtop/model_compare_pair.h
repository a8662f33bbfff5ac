/* model_compare_pair.h: the attempt pair of a compared task as a two-column document (curses-free).
 *
 * A model loads from the store's named queries and computes with the
 * metrics engine; views only draw it.  Every model owns its memory and the
 * matching _free() or _close() releases it.
 */
#ifndef BENCHTOP_MODEL_COMPARE_PAIR_H
#define BENCHTOP_MODEL_COMPARE_PAIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/util.h"
#include "benchtop/store.h"
#include "benchtop/attempt.h"
#include "benchtop/model_attempt.h"

/* One side of an attempt pair: every attempt of the task in one run, and
 * the one shown in detail with its patch.  Pointers are borrowed. */
struct pair_side {
	const char *run;
	const struct attempt *v;  /* store_load_attempt()ed, in attempt order */
	size_t n, sel;
	const char *patch;        /* the selected attempt's patch, NULL when none */
	size_t patch_len;
	bool patch_cut;           /* only the start of a longer patch */
};

/* A line of the pair document: two columns (left | right), or one line
 * across both when right is NULL.  Untrusted text is sanitized when drawn. */
struct pair_line {
	enum doc_role role, right_role;
	char *left, *right;       /* owned */
};
struct pair_doc {
	struct pair_line *v;
	size_t n, cap;
	long lost, gained;        /* assertion flips between the selected attempts */
};

/* Counts, verdicts and categories of every attempt, the selected pair's
 * details, the assertions that pass in one and not in the other grouped
 * by request position, then the two patches file by file. */
void pair_doc_build(const struct pair_side *a, const struct pair_side *b, struct pair_doc *d);
void pair_doc_free(struct pair_doc *d);
/* The attempts to show first: when B is worse (d < 0) A's best and B's
 * worst by strict A%, when better A's worst and B's best, else the first
 * of each. */
void pair_default_selection(const double *strict_a, size_t na, const double *strict_b,
			    size_t nb, double d, size_t *sel_a, size_t *sel_b);

#endif /* BENCHTOP_MODEL_COMPARE_PAIR_H */
