/* table_agreement.h: the paper's Table 6 from the store's labels: how far a
 * labeller agrees with the LLM judge (or with another labeller). */
#ifndef BENCHTOP_TABLE_AGREEMENT_H
#define BENCHTOP_TABLE_AGREEMENT_H

#include <stddef.h>

#include "benchtop/report.h"
#include "benchtop/store.h"

struct agreement_options {
	const char *labeller; /* NULL: the store's only labeller */
	const char *against;  /* NULL: the judge */
	const char *level;    /* "coarse", "logic"; NULL: logic when the labeller gave
			       * subcategories, else coarse */
};

/* Three tables: the summary (items, accuracy, Cohen's kappa, macro F1), the
 * per-category precision, recall, F1 and support (the labeller as the
 * reference), and the confusion matrix (rows: the labeller; columns: the
 * other side).  Returns how many tables (0 on error, err set: BT_EUSAGE for
 * an unknown labeller or level, BT_EINPUT when nothing is labelled). */
size_t agreement_tables(struct store *st, const struct agreement_options *o,
			struct report_table ***out, struct bt_error *err);

#endif /* BENCHTOP_TABLE_AGREEMENT_H */
