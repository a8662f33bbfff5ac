/* ingest_judge.c: the failure-taxonomy judge CSVs (spec section 6). */
#include "config.h"

#include "benchtop/ingest.h"

#include <stdlib.h>
#include <string.h>

/* Any logic_subcategories*.csv other than the generic logic_subcategories.csv
 * overrides the generic file for the models in it (failure_analysis_aggregate.py). */
static bool
is_per_model_logic_file(const char *path)
{
	const char *base = path_base(path);
	return str_starts(base, "logic_subcategories") && str_ends(base, ".csv") &&
	       strcmp(base, "logic_subcategories.csv") != 0;
}

int
judge_import(struct store *st, const char *path, const struct import_options *o,
	     struct import_summary *sum, struct bt_error *err)
{
	char *data;
	size_t len;
	int rc;

	if ((rc = file_read(path, 0, &data, &len, NULL, err)))
		return rc;
	rc = judge_import_data(st, data, len, path, o, sum, err);
	free(data);
	return rc;
}

int
judge_import_data(struct store *st, const char *data, size_t len, const char *path,
		  const struct import_options *o, struct import_summary *sum, struct bt_error *err)
{
	struct judge_file jf = {0};
	int rc, rank = 0;

	(void)o;
	sum->bytes += (long)len;
	if ((rc = judge_parse(data, len, path, &jf, err)))
		return rc;
	if ((rc = store_begin(st, err)))
		goto out;
	if (jf.kind == JUDGE_LOGIC && is_per_model_logic_file(path)) {
		rank = 1;
		/* drop the generic file's rows for every model this file covers */
		struct strv seen = {0};
		for (size_t i = 0; i < jf.n && !rc; i++) {
			if (strv_contains(&seen, jf.rows[i].model))
				continue;
			rc = store_clear_subcategories(st, jf.rows[i].model, 1, err);
			strv_push(&seen, jf.rows[i].model);
		}
		strv_free(&seen);
	}
	for (size_t i = 0; i < jf.n && !rc; i++) {
		const struct judge_row *r = &jf.rows[i];
		struct judgement j = {
			.agent = r->agent, .model = r->model, .runtime = r->runtime,
			.task = r->task, .number = r->number, .source = path_base(path),
			.subcategory_rank = rank,
		};
		if (jf.kind == JUDGE_COARSE) {
			j.category = r->label;
			j.category_reasoning = r->reasoning;
		} else {
			j.subcategory = r->label;
			j.subcategory_reasoning = r->reasoning;
		}
		rc = store_put_judgement(st, &j, err);
		if (!rc && jf.kind == JUDGE_COARSE)
			rc = store_touch_judged(st, &j, err);
	}
	if (!rc)
		rc = store_refresh_task_results(st, metrics_task_stats, NULL, err);
	if (rc || (rc = store_commit(st, err))) {
		store_rollback(st);
		goto out;
	}
	sum->judgements += (long)jf.n;
out:
	judge_file_free(&jf);
	return rc;
}
