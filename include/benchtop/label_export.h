/* label_export.h: labelled judgements in the judge validation set's JSON
 * layout (upstream-format.md 6.4), so a labelled sample can be published
 * like the paper's, and read back by `benchtop import`. */
#ifndef BENCHTOP_LABEL_EXPORT_H
#define BENCHTOP_LABEL_EXPORT_H

#include <stdio.h>

#include "benchtop/store.h"

/* Every item labelled by labeller (NULL: the store's only labeller) as a
 * JSON array: id, agent, model, runtime, task, run_id, task_description,
 * judge_category, judge_subcategory, judge_reasoning, coarse_reasoning,
 * newman_summary, server_log, trajectory, human_category,
 * human_subcategory and labeller.  An item whose attempt is in the store
 * gets its Newman summary and the last 30 lines of its server log from
 * there, as the judge saw them. */
int label_export_json(struct store *st, const char *labeller, FILE *out, struct bt_error *err);

#endif /* BENCHTOP_LABEL_EXPORT_H */
