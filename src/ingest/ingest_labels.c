/* ingest_labels.c: a judge validation set (labelset.h) into the store's
 * labelled judgements: one item per attempt, keyed by address, with the
 * human's labels under the labeller "human".  All or nothing. */
#include "config.h"

#include "benchtop/ingest.h"

#include <stdlib.h>
#include <string.h>

#include "benchtop/labelset.h"
#include "benchtop/store_label.h"

/* The labeller an imported set's human labels are stored under. */
#define LABELSET_LABELLER "human"

/* The run an item belongs to: the store's run of that agent and model when
 * there is exactly one, else the default run name agent/model (the item is
 * then free-standing until such a run is imported). */
static const char *
run_for(const struct run_summary *runs, size_t n, const struct label_item *it, char *buf,
	size_t buflen)
{
	const char *found = NULL;
	int matches = 0;

	for (size_t i = 0; i < n; i++)
		if (strcmp(runs[i].agent, it->agent) == 0 && strcmp(runs[i].model, it->model) == 0) {
			found = runs[i].name;
			matches++;
		}
	if (matches == 1)
		return found;
	snprintf(buf, buflen, "%s/%s", it->agent, it->model);
	return buf;
}

int
labelset_import_data(struct store *st, const char *data, size_t len, const char *path,
		     const struct import_options *o, struct import_summary *sum,
		     struct bt_error *err)
{
	struct labelset ls = {0};
	struct run_summary *runs = NULL;
	size_t n_runs = 0;
	char name[512];
	int rc;

	(void)o;
	sum->bytes += (long)len;
	if ((rc = labelset_parse(data, len, path, &ls, err)))
		return rc;
	if ((rc = store_runs(st, &runs, &n_runs, err)) || (rc = store_begin(st, err)))
		goto out;
	for (size_t i = 0; i < ls.n && !rc; i++) {
		struct label_item *it = &ls.v[i].item;
		const char *run = run_for(runs, n_runs, it, name, sizeof(name));
		it->address = label_address(run, it->task, it->number);
		it->source = xstrdup(path_base(path));
		rc = store_label_item_put(st, it, true, err);
		if (!rc && ls.v[i].labelled) {
			struct label_choice c = {it->category, it->subcategory};
			rc = store_label_put(st, it->id, ls.v[i].labeller ? ls.v[i].labeller
							 : LABELSET_LABELLER, &c, err);
		}
	}
	if (!rc && !(rc = store_commit(st, err)))
		sum->labelled += (long)ls.n;
	else if (rc)
		store_rollback(st);
out:
	store_runs_free(runs, n_runs);
	labelset_free(&ls);
	return rc;
}
