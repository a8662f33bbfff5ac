/* label_export.c: labelled judgements as a judge validation set
 * (label_export.h). */
#include "config.h"

#include "benchtop/label_export.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "benchtop/store_label.h"

#define LOG_TAIL_LINES 30            /* what upstream's judge read of conduit.log */
#define LOG_TAIL_BYTES (256u << 10)  /* enough for 30 lines of any sane log */

static void
add_opt(cJSON *o, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

/* The failed requests as upstream's judge summary writes them. */
static char *
newman_summary(const struct attempt *a)
{
	struct buf b;

	if (!a->has_report)
		return xstrdup("No Newman CSV found — server likely never started or health-check "
			       "failed.");
	buf_init(&b);
	for (size_t r = 0; r < a->n_requests; r++) {
		const struct request *q = &a->requests[r];
		/* upstream prints the CSV's empty code when nothing answered */
		if (q->n_failed <= 0)
			continue;
		buf_printf(&b, "%s%s %s → ", b.len ? "\n" : "", q->name ? q->name : "",
			   q->method ? q->method : "");
		if (q->code >= 0)
			buf_printf(&b, "%d", q->code);
		buf_printf(&b, ": %d failed", q->n_failed);
	}
	if (!b.len)
		buf_puts(&b, "All Newman assertions passed.");
	char *s = xstrdup(buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* The last LOG_TAIL_LINES lines of the attempt's server log, or NULL. */
static char *
log_tail(struct store *st, const struct attempt *a)
{
	struct store_blob *blob;
	struct bt_error err;
	size_t size, off, lines = 0;
	char *text, *p;

	if (!a->artifacts[ARTIFACT_SERVER_LOG].present ||
	    store_blob_open(st, a->id, ARTIFACT_SERVER_LOG, &blob, &err))
		return NULL;
	size = store_blob_size(blob);
	off = size > LOG_TAIL_BYTES ? size - LOG_TAIL_BYTES : 0;
	text = xmalloc(size - off + 1);
	if (store_blob_read(blob, off, text, size - off, &err)) {
		store_blob_close(blob);
		free(text);
		return NULL;
	}
	store_blob_close(blob);
	text[size - off] = '\0';
	p = text + (size - off);
	while (p > text && p[-1] == '\n')
		*--p = '\0';
	while (p > text) {
		if (p[-1] == '\n' && ++lines == LOG_TAIL_LINES)
			break;
		p--;
	}
	memmove(text, p, strlen(p) + 1);
	return text;
}

int
label_export_json(struct store *st, const char *labeller, FILE *out, struct bt_error *err)
{
	struct label_item *items = NULL;
	size_t n = 0;
	char *who = NULL, *json;
	cJSON *arr;
	int rc;

	if ((rc = store_label_choose_labeller(st, labeller, &who, err)) ||
	    (rc = store_label_items(st, 0, who, &items, &n, err)))
		goto out;
	arr = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		const struct label_item *it = &items[i];
		struct attempt a;
		bool have = it->attempt_id && store_load_attempt(st, it->attempt_id, &a, err) == BT_OK;
		char *summary = have ? newman_summary(&a) : NULL, *log = have ? log_tail(st, &a) : NULL;
		cJSON *o = cJSON_CreateObject();
		char *id = xasprintf("%s/%s/run_%d", it->runtime, it->task, it->number);
		char *run_id = xasprintf("run_%d", it->number);

		cJSON_AddStringToObject(o, "id", id);
		cJSON_AddStringToObject(o, "agent", it->agent);
		cJSON_AddStringToObject(o, "model", it->model);
		cJSON_AddStringToObject(o, "runtime", it->runtime);
		cJSON_AddStringToObject(o, "task", it->task);
		cJSON_AddStringToObject(o, "run_id", run_id);
		add_opt(o, "task_description", it->task_description);
		add_opt(o, "judge_category", it->judge_category);
		add_opt(o, "judge_subcategory", it->judge_subcategory);
		add_opt(o, "judge_reasoning", it->judge_reasoning);
		add_opt(o, "coarse_reasoning", it->coarse_reasoning);
		add_opt(o, "newman_summary", summary ? summary : it->newman_summary);
		add_opt(o, "server_log", log ? log : it->server_log);
		add_opt(o, "trajectory", it->trajectory);
		add_opt(o, "human_category", it->category);
		add_opt(o, "human_subcategory", it->subcategory);
		cJSON_AddStringToObject(o, "labeller", who);
		cJSON_AddItemToArray(arr, o);
		free(id);
		free(run_id);
		free(summary);
		free(log);
		if (have)
			attempt_free(&a);
	}
	json = cJSON_Print(arr);
	fputs(json, out);
	fputc('\n', out);
	free(json);
	cJSON_Delete(arr);
	if (ferror(out))
		rc = bt_errorf(err, BT_EIO, "cannot write the export");
out:
	label_items_free(items, n);
	free(who);
	return rc;
}
