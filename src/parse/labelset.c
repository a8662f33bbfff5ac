/* labelset.c: a judge validation set (upstream-format.md 6.4): a JSON array
 * of failed attempts with the judge's and a human's logic subcategory and
 * the evidence both saw.  benchtop's `label export` writes the same layout. */
#include "config.h"

#include "benchtop/labelset.h"

#include <stdlib.h>
#include <string.h>

#include "benchtop/parse_util.h"
#include "benchtop/task.h"
#include "benchtop/util.h"

/* The fields an item must have, as strings, and the optional ones. */
static const char *const required[] = {"agent", "model", "runtime", "task", "run_id"};
static const char *const optional[] = {"id", "task_description", "judge_subcategory",
				       "judge_reasoning", "judge_category", "coarse_reasoning",
				       "newman_summary", "server_log", "trajectory",
				       "human_subcategory", "human_category", "labeller"};

bool
labelset_sniff(const char *data, size_t len)
{
	size_t i = 0;

	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	return i < len && data[i] == '[' &&
	       (memmem(data, len, "\"judge_subcategory\"", 19) ||
		memmem(data, len, "\"human_subcategory\"", 19));
}

static int
fail(struct bt_error *err, const char *name, size_t k, const cJSON *item, const char *field,
     const char *what)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "id");
	char ex[96];

	parse_excerpt(cJSON_IsString(id) ? id->valuestring : "", ex, sizeof(ex));
	return bt_errorf(err, BT_EINPUT, "%s: item %zu%s%s%s: field '%s': %s", name, k + 1,
			 *ex ? " (" : "", ex, *ex ? ")" : "", field, what);
}

/* A label field: absent or null is NULL; else one of the list's keys. */
static int
label_field(const cJSON *item, const char *field, const struct taxonomy_label *list, size_t n,
	    char **out, const char *name, size_t k, struct bt_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, field);
	char keys[512], why[700], ex[96];

	*out = NULL;
	if (!v || cJSON_IsNull(v))
		return BT_OK;
	if (!cJSON_IsString(v))
		return fail(err, name, k, item, field, "expected a string");
	if (taxonomy_index(list, n, v->valuestring) < 0) {
		taxonomy_keys(list, n, keys, sizeof(keys));
		parse_excerpt(v->valuestring, ex, sizeof(ex));
		snprintf(why, sizeof(why), "expected one of %s, got '%s'", keys, ex);
		return fail(err, name, k, item, field, why);
	}
	*out = xstrdup(v->valuestring);
	return BT_OK;
}

static int
parse_item(const cJSON *item, size_t k, const char *name, struct labelset_item *out,
	   struct bt_error *err)
{
	struct label_item *it = &out->item;
	char **req[] = {&it->agent, &it->model, &it->runtime, &it->task, NULL};
	char *run_id = NULL, **opt[] = {NULL, &it->task_description, NULL, &it->judge_reasoning,
					 NULL, &it->coarse_reasoning, &it->newman_summary,
					 &it->server_log, &it->trajectory, NULL, NULL,
					 &out->labeller};
	long number = -1;
	int rc;

	req[4] = &run_id;
	if (!cJSON_IsObject(item))
		return fail(err, name, k, item, "(item)", "expected an object");
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, required[i]);
		if (!cJSON_IsString(v) || !*v->valuestring)
			return fail(err, name, k, item, required[i], v ? "expected a non-empty string"
								     : "missing");
		*req[i] = xstrdup(v->valuestring);
	}
	if (strncmp(run_id, "run_", 4) == 0) {
		char *end;
		number = strtol(run_id + 4, &end, 10);
		if (*end || end == run_id + 4 || number < 0 || number > 1000000 ||
		    (run_id[4] == '0' && run_id[5]))
			number = -1;
	}
	free(run_id);
	if (number < 0)
		return fail(err, name, k, item, "run_id", "expected run_N (N = 0, 1, 2 ...)");
	it->number = (int)number;
	for (size_t i = 0; i < sizeof(optional) / sizeof(optional[0]); i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, optional[i]);
		if (v && !cJSON_IsNull(v) && !cJSON_IsString(v))
			return fail(err, name, k, item, optional[i], "expected a string or null");
		if (opt[i] && v && cJSON_IsString(v))
			*opt[i] = xstrdup(v->valuestring);
	}
	if ((rc = label_field(item, "judge_subcategory", taxonomy_subcategories,
			      TAXONOMY_N_SUBCATEGORIES, &it->judge_subcategory, name, k, err)) ||
	    (rc = label_field(item, "judge_category", taxonomy_categories, TAXONOMY_N_CATEGORIES,
			      &it->judge_category, name, k, err)) ||
	    (rc = label_field(item, "human_subcategory", taxonomy_subcategories,
			      TAXONOMY_N_SUBCATEGORIES, &it->subcategory, name, k, err)) ||
	    (rc = label_field(item, "human_category", taxonomy_categories, TAXONOMY_N_CATEGORIES,
			      &it->category, name, k, err)))
		return rc;
	/* a subcategory is a kind of logic error: the coarse label follows */
	if (it->judge_subcategory && !it->judge_category)
		it->judge_category = xstrdup("logic_error");
	if (it->subcategory && !it->category)
		it->category = xstrdup("logic_error");
	if ((it->judge_subcategory && strcmp(it->judge_category, "logic_error") != 0) ||
	    (it->subcategory && strcmp(it->category, "logic_error") != 0))
		return fail(err, name, k, item, it->subcategory ? "human_category" : "judge_category",
			    "a logic subcategory goes with the category logic_error");
	out->labelled = it->category != NULL;
	return BT_OK;
}

int
labelset_parse(const char *data, size_t len, const char *name, struct labelset *out,
	       struct bt_error *err)
{
	cJSON *root = parse_json(data, len, name, err), *item;
	size_t k = 0;
	int rc = BT_OK;

	memset(out, 0, sizeof(*out));
	if (!root)
		return BT_EINPUT;
	if (!cJSON_IsArray(root)) {
		cJSON_Delete(root);
		return bt_errorf(err, BT_EINPUT, "%s: expected a JSON array of labelled items, got %s",
				 name, parse_json_type(root));
	}
	out->n = (size_t)cJSON_GetArraySize(root);
	out->v = xcalloc(out->n ? out->n : 1, sizeof(*out->v));
	cJSON_ArrayForEach(item, root) {
		if ((rc = parse_item(item, k, name, &out->v[k], err)))
			break;
		k++;
	}
	cJSON_Delete(root);
	if (rc) {
		out->n = k + 1; /* the item that failed holds what it parsed */
		labelset_free(out);
	}
	return rc;
}

void
labelset_free(struct labelset *s)
{
	for (size_t i = 0; i < s->n; i++) {
		label_item_free(&s->v[i].item);
		free(s->v[i].labeller);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}
