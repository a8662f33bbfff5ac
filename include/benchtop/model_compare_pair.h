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

/* One run's attempts of the task, loaded from the store, and the patch of
 * the selected one (its first PAIR_PATCH_CAP bytes). */
#define PAIR_PATCH_CAP (4u << 20)
struct pair_run {
	int64_t run;
	char name[128];
	struct attempt *v; /* owned, in attempt order */
	size_t n, sel;
	char *patch;       /* owned; NULL when the selected attempt has none */
	size_t patch_len;
	bool patch_cut;
};

/* The attempt pair view's model: both runs' attempts of one task and the
 * document of the selected pair.  pair_model_free() releases it. */
struct pair_model {
	int64_t task_id;
	struct pair_run a, b;
	struct pair_doc doc;
};

/* Load both runs' attempts of the task, select the pair to show first
 * (pair_default_selection on strict A%) and build the document. */
int pair_model_load(struct pair_model *m, struct store *st, int64_t run_a, int64_t run_b,
		    int64_t task_id, struct bt_error *err);
/* Load again (after an import), keeping each side's attempt by its number. */
int pair_model_reload(struct pair_model *m, struct store *st, struct bt_error *err);
/* Select another attempt of one side (its index) and rebuild the document. */
int pair_model_select(struct pair_model *m, struct store *st, struct pair_run *side, size_t sel,
		      struct bt_error *err);
void pair_model_free(struct pair_model *m);

#endif /* BENCHTOP_MODEL_COMPARE_PAIR_H */
