/* labelset.h: a judge validation set (upstream-format.md 6.4), the JSON
 * array the paper's Table 6 comes from, and what `benchtop label export`
 * writes.  Parsed strictly: every field is checked, the first bad one fails
 * the file with its item and field. */
#ifndef BENCHTOP_LABELSET_H
#define BENCHTOP_LABELSET_H

#include <stdbool.h>
#include <stddef.h>

#include "benchtop/label.h"
#include "benchtop/util.h"

struct labelset_item {
	/* the attempt, the judge's labels and the evidence; item.category and
	 * item.subcategory hold the human's labels (human_category,
	 * human_subcategory; a subcategory implies logic_error) */
	struct label_item item;
	bool labelled;  /* the human labelled it */
	char *labeller; /* who, when the file says ("labeller", as benchtop writes
			 * it); NULL otherwise */
};
struct labelset {
	struct labelset_item *v;
	size_t n;
};

/* A JSON array whose items carry judge_subcategory or human_subcategory. */
bool labelset_sniff(const char *data, size_t len);
/* Parse; on error (BT_EINPUT, "name: item K (id): field 'F': why") out is
 * empty.  labelset_free() releases out. */
int labelset_parse(const char *data, size_t len, const char *name, struct labelset *out,
		   struct bt_error *err);
void labelset_free(struct labelset *s);

#endif /* BENCHTOP_LABELSET_H */
