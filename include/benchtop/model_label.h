/* model_label.h: a labelling session (curses-free): a seeded sample of a
 * run's failed attempts, the labeller's choices stored as they are made,
 * undo, and blind judging (the judge's label is shown only once the
 * labeller has chosen). */
#ifndef BENCHTOP_MODEL_LABEL_H
#define BENCHTOP_MODEL_LABEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/attempt.h"
#include "benchtop/label.h"
#include "benchtop/model_attempt.h"
#include "benchtop/store.h"
#include "benchtop/util.h"

/* Choose `want` of n candidates, reproducibly from seed: a uniform sample,
 * or with `stratify` one drawn from each judge category in proportion to
 * its size (largest remainders; every category gets one when want allows).
 * The chosen indices, in a shuffled order, go to out (want entries at
 * most); returns how many (min(want, n)). */
size_t label_sample(const struct label_item *cands, size_t n, size_t want, uint64_t seed,
		    bool stratify, size_t *out);

/* The choices a labeller has, a key per category: 1-6 the logic
 * subcategories (the coarse category logic_error), and a letter for each
 * other coarse category (s startup, i incomplete, f format, o loop,
 * c constraint, p premature, x other).  The view's actions use these keys. */
struct label_key {
	char key;
	const char *category, *subcategory;
};
#define LABEL_N_KEYS 13
extern const struct label_key label_keys[LABEL_N_KEYS];
/* The choice of a key, or NULL. */
const struct label_key *label_key_find(char key);

struct label_session {
	struct store *st;       /* writable; owned */
	int64_t session_id;
	char *labeller, *run;
	struct label_item *items; /* in the session's order; category/subcategory are
				   * the labeller's labels (NULL: not yet) */
	size_t n, cur;
	struct label_undo {
		size_t item;
		char *category, *subcategory; /* what it was before (NULL: nothing) */
	} *undo;
	size_t n_undo, cap_undo;
};

struct label_start {
	const char *store_path;  /* opened writable by the session */
	const char *run;         /* the run to sample from */
	const char *labeller;
	long sample;             /* items to draw (<= 0: every failed attempt) */
	uint64_t seed;
	bool stratify;           /* by the judge's category */
};
/* Resume the session these parameters name, or draw its sample and store
 * it; cur is the first item not labelled yet. */
int label_session_open(struct label_session *s, const struct label_start *o, struct bt_error *err);
void label_session_close(struct label_session *s);
/* How many items are labelled. */
size_t label_session_done(const struct label_session *s);
/* Label the current item (stored at once), then move to the next item not
 * labelled yet (or stay on the last).  */
int label_session_choose(struct label_session *s, const struct label_key *k, struct bt_error *err);
/* Undo the last choice (the item gets back what it had) and go to it;
 * false when there is nothing to undo. */
bool label_session_undo(struct label_session *s, struct bt_error *err, int *rc);
/* Whether the judge's labels of item i may be shown: once labelled. */
bool label_session_revealed(const struct label_session *s, size_t i);

/* What the label view shows below its header: the failed requests (always),
 * or an imported item's server log or trajectory (an attempt in the store
 * opens its own viewers instead). */
enum label_pane { LABEL_PANE_REQUESTS, LABEL_PANE_LOG, LABEL_PANE_TRAJECTORY };

/* The document of item i: its address and task, the evidence of the pane,
 * the labeller's choice and, once revealed, the judge's labels and
 * reasoning side by side with it.  a is the item's attempt loaded from the
 * store (store_load_attempt), or NULL for a free-standing item. */
void label_doc_build(const struct label_session *s, size_t i, const struct attempt *a,
		     enum label_pane pane, struct attempt_doc *d);
/* "Incorrect query logic" for a key, the key itself when unknown. */
const char *label_display(const char *key);

#endif /* BENCHTOP_MODEL_LABEL_H */
