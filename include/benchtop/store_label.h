/* store_label.h: the store's labelled judgements (tables label_item, label,
 * label_session and label_session_item; benchtop-store(5)).  Imports never
 * write the label table: labels change only through these functions. */
#ifndef BENCHTOP_STORE_LABEL_H
#define BENCHTOP_STORE_LABEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/label.h"
#include "benchtop/store.h"

/* Insert an item, or find it by its address: with `replace` its judge's
 * labels and evidence are replaced by it's, else a known item is kept as it
 * is.  Labels are never touched.  it->id is set. */
int store_label_item_put(struct store *s, struct label_item *it, bool replace,
			 struct bt_error *err);

/* Set labeller's label of an item (category and subcategory may be NULL),
 * stamped with the time; store_label_delete() removes it (undo). */
int store_label_put(struct store *s, int64_t item_id, const char *labeller,
		    const struct label_choice *c, struct bt_error *err);
int store_label_delete(struct store *s, int64_t item_id, const char *labeller,
		       struct bt_error *err);

/* The failed generation attempts of a run (succeeded = 0), with the
 * judge's labels from the judgement table, in task and attempt order: the
 * candidates of a labelling sample.  Each item is filled but not stored
 * (id 0); attempt_id is set.  The caller frees with label_items_free(). */
int store_label_candidates(struct store *s, int64_t run_id, struct label_item **out, size_t *n,
			   struct bt_error *err);

/* A labelling session: found by its run, labeller, size, seed and
 * stratification, or created (*created true) with the given items (their
 * ids) in order. */
struct label_session_key {
	const char *run, *labeller, *stratify;
	long sample;
	uint64_t seed;
};
int store_label_session_find(struct store *s, const struct label_session_key *k, int64_t *id,
			     struct bt_error *err);
int store_label_session_create(struct store *s, const struct label_session_key *k,
			       const int64_t *item_ids, size_t n, int64_t *id, struct bt_error *err);

/* Items with labeller's labels (category/subcategory of the item, NULL
 * when not labelled yet): a session's in its order (session_id > 0), or
 * every item labelled by labeller (session_id 0; labeller NULL: every item).
 * attempt_id is resolved by address when the attempt is in the store. */
int store_label_items(struct store *s, int64_t session_id, const char *labeller,
		      struct label_item **out, size_t *n, struct bt_error *err);

/* The labellers who labelled anything, sorted; the caller frees with strv_free(). */
int store_labellers(struct store *s, struct strv *out, struct bt_error *err);

/* The labeller named (who must have labels), or the store's only one: a
 * new string in *out.  BT_EINPUT when nobody labelled anything, BT_EUSAGE
 * for an unknown name or when several labellers leave the choice open. */
int store_label_choose_labeller(struct store *st, const char *want, char **out,
				struct bt_error *err);

/* One labelled item for an agreement table: the labeller's label and the
 * other side's (the judge's, or a second labeller's), coarse or logic. */
struct label_pair {
	char *address, *ref, *other; /* owned */
};
/* Pairs for `labeller` against `against` (NULL: the judge) at one level
 * ("coarse": categories, "logic": subcategories), over the items both
 * labelled at that level; in address order.  Free with label_pairs_free(). */
int store_label_pairs(struct store *s, const char *labeller, const char *against,
		      const char *level, struct label_pair **out, size_t *n, struct bt_error *err);
void label_pairs_free(struct label_pair *v, size_t n);

#endif /* BENCHTOP_STORE_LABEL_H */
