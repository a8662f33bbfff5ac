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

/* The run each row judges: --run NAME, else the one run of the row's
 * agent/model ("" while there is none: the first one imported claims it).
 * Several runs of one agent/model (import --name) make a CSV ambiguous:
 * refused, naming them, rather than giving every run the same judgements.
 * targets[i] is row i's run. */
static int
judge_targets(struct store *st, const struct judge_file *jf, const char *path,
	      const char *run, struct strv *targets, struct bt_error *err)
{
	struct strv pairs = {0}, runs_of = {0};
	int64_t id;
	int rc = BT_OK;

	if (run && (rc = store_find_run(st, run, &id, err)))
		return rc;
	for (size_t i = 0; i < jf->n && !rc; i++) {
		const struct judge_row *r = &jf->rows[i];
		char *pair = xasprintf("%s/%s", r->agent, r->model);
		size_t k = 0;

		while (k < pairs.n && strcmp(pairs.v[k], pair) != 0)
			k++;
		if (k == pairs.n) {
			struct strv names = {0};
			struct buf list;

			strv_push(&pairs, pair);
			rc = store_runs_of(st, r->agent, r->model, &names, err);
			buf_init(&list);
			for (size_t n = 0; n < names.n; n++)
				buf_printf(&list, "%s%s", n ? ", " : "", names.v[n]);
			if (!rc && run && !strv_contains(&names, run))
				rc = bt_errorf(err, BT_EINPUT, "%s:%ld: judges %s, and --run %s is not a "
					       "run of it%s%s%s", path, r->line, pair, run,
					       names.n ? " (its runs: " : "", buf_cstr(&list),
					       names.n ? ")" : "");
			else if (!rc && !run && names.n > 1)
				rc = bt_errorf(err, BT_EINPUT, "%s: %s is in %zu runs (%s): give --run "
					       "NAME to say which run this file judges", path, pair,
					       names.n, buf_cstr(&list));
			strv_push(&runs_of, run ? run : names.n ? names.v[0] : "");
			buf_free(&list);
			strv_free(&names);
		}
		free(pair);
		if (!rc)
			strv_push(targets, runs_of.v[k]);
	}
	strv_free(&pairs);
	strv_free(&runs_of);
	return rc;
}

/* Rows that match no attempt of their run: counted, and kept for the
 * summary, which shows a few. */
static int
note_unmatched(struct store *st, const struct judge_file *jf, const struct strv *targets,
	       const char *path, struct import_summary *sum, struct bt_error *err)
{
	int rc = BT_OK;

	for (size_t i = 0; i < jf->n && !rc; i++) {
		const struct judge_row *r = &jf->rows[i];
		bool found = false;

		if (*targets->v[i])
			rc = store_has_attempt(st, targets->v[i], r->runtime, r->task, r->number,
					       &found, err);
		if (!rc && !found)
			strv_push_owned(&sum->unmatched, xasprintf("%s:%ld: %s/%s %s %s %s", path,
								   r->line, r->agent, r->model,
								   r->runtime, r->task, r->run_id));
	}
	return rc;
}

int
judge_import_data(struct store *st, const char *data, size_t len, const char *path,
		  const struct import_options *o, struct import_summary *sum, struct bt_error *err)
{
	struct judge_file jf = {0};
	struct strv targets = {0};
	int rc, rank = 0;

	sum->bytes += (long)len;
	if ((rc = judge_parse(data, len, path, &jf, err)))
		return rc;
	if ((rc = store_begin(st, err)))
		goto out;
	if ((rc = judge_targets(st, &jf, path, o->judge_run, &targets, err))) {
		store_rollback(st);
		goto out;
	}
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
			.subcategory_rank = rank, .run = targets.v[i],
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
		rc = note_unmatched(st, &jf, &targets, path, sum, err);
	if (!rc)
		rc = store_refresh_task_results(st, metrics_task_stats, NULL, err);
	if (rc || (rc = store_commit(st, err))) {
		store_rollback(st);
		goto out;
	}
	sum->judgements += (long)jf.n;
out:
	strv_free(&targets);
	judge_file_free(&jf);
	return rc;
}
