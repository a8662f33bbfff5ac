/* ingest_jsonl.c: the benchtop JSONL interchange format (docs/jsonl-format.md). */
#include "config.h"

#include "benchtop/ingest.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/verify.h"
#include "benchtop/parse_util.h"

#define JSONL_VERSION 1

/* Where we are while validating one line: messages name the field path. */
struct jctx {
	const char *file;
	long line;
	const struct jsonl_origin *origin;
	struct bt_error *err;
};

static int __attribute__((format(printf, 3, 4)))
jfail(const struct jctx *c, const char *field, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (field)
		return bt_errorf(c->err, BT_EINPUT, "%s:%ld: field '%s': %s", c->file, c->line, field,
				 msg);
	return bt_errorf(c->err, BT_EINPUT, "%s:%ld: %s", c->file, c->line, msg);
}

/* Optional string member; *out = NULL when absent or null. */
static int
get_str(const struct jctx *c, const cJSON *obj, const char *prefix, const char *key,
	bool required, const char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char field[160];

	snprintf(field, sizeof(field), "%s%s", prefix, key);
	*out = NULL;
	if (!v || cJSON_IsNull(v)) {
		if (required)
			return jfail(c, field, "missing; expected a string");
		return BT_OK;
	}
	if (!cJSON_IsString(v))
		return jfail(c, field, "expected a string, got %s", parse_json_type(v));
	if (required && !*v->valuestring)
		return jfail(c, field, "expected a non-empty string");
	*out = v->valuestring;
	return BT_OK;
}

/* Optional non-negative integer member; *out = -1 when absent or null. */
static int
get_long(const struct jctx *c, const cJSON *obj, const char *prefix, const char *key,
	 bool required, long *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char field[160];

	snprintf(field, sizeof(field), "%s%s", prefix, key);
	*out = -1;
	if (!v || cJSON_IsNull(v)) {
		if (required)
			return jfail(c, field, "missing; expected an integer");
		return BT_OK;
	}
	if (!cJSON_IsNumber(v))
		return jfail(c, field, "expected an integer or null, got %s", parse_json_type(v));
	double d = v->valuedouble;
	if (!isfinite(d) || d != floor(d) || d < 0 || d > 9.2e15)
		return jfail(c, field, "expected a non-negative integer, got %g", d);
	*out = (long)d;
	return BT_OK;
}

/* A count (of assertions, requests): it must fit the int it is stored in. */
static int
get_count(const struct jctx *c, const cJSON *obj, const char *prefix, const char *key,
	  bool required, long *out)
{
	int rc = get_long(c, obj, prefix, key, required, out);
	char field[160];

	if (rc || *out <= INT_MAX)
		return rc;
	snprintf(field, sizeof(field), "%s%s", prefix, key);
	return jfail(c, field, "%ld does not fit a count (at most %d)", *out, INT_MAX);
}

static int
get_object(const struct jctx *c, const cJSON *obj, const char *key, bool required,
	   const cJSON **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (!v || cJSON_IsNull(v)) {
		if (required)
			return jfail(c, key, "missing; expected an object");
		return BT_OK;
	}
	if (!cJSON_IsObject(v))
		return jfail(c, key, "expected an object, got %s", parse_json_type(v));
	*out = v;
	return BT_OK;
}

static int
parse_run(const struct jctx *c, const cJSON *root, struct attempt *a)
{
	const cJSON *run;
	const char *agent, *model, *name, *label;
	int rc;

	if ((rc = get_object(c, root, "run", true, &run)) ||
	    (rc = get_str(c, run, "run.", "agent", true, &agent)) ||
	    (rc = get_str(c, run, "run.", "model", true, &model)) ||
	    (rc = get_str(c, run, "run.", "name", false, &name)) ||
	    (rc = get_str(c, run, "run.", "label", false, &label)))
		return rc;
	run_ident_set(&a->run, name, agent, model, label, c->file);
	return BT_OK;
}

static int
parse_task(const struct jctx *c, const cJSON *root, struct attempt *a)
{
	const cJSON *task;
	const char *name, *kind, *framework;
	char why[160];
	int rc;

	if ((rc = get_object(c, root, "task", true, &task)) ||
	    (rc = get_str(c, task, "task.", "name", true, &name)) ||
	    (rc = get_str(c, task, "task.", "kind", false, &kind)) ||
	    (rc = get_str(c, task, "task.", "framework", false, &framework)))
		return rc;
	if (!kind || strcmp(kind, "generation") == 0) {
		if (!task_parse_generation(name, &a->task, why, sizeof(why)))
			return jfail(c, "task.name", "%s (expected {framework}-openapi-{constraints})",
				     why);
		if (framework && !str_eq(task_framework_canonical(framework), a->task.framework))
			return jfail(c, "task.framework", "'%s' disagrees with the task name",
				     framework);
		return BT_OK;
	}
	if (strcmp(kind, "feature") != 0)
		return jfail(c, "task.kind", "expected \"generation\" or \"feature\", got \"%s\"", kind);
	if (!framework)
		return jfail(c, "task.framework", "missing; a feature task needs its framework folder");
	if (!task_parse_feature(framework, name, &a->task, why, sizeof(why)))
		return jfail(c, "task.framework", "%s", why);
	return BT_OK;
}

static int
parse_names(const struct jctx *c, const cJSON *req, const char *prefix, const char *key,
	    struct strv *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(req, key), *it;
	char field[160];
	int i = 0;

	snprintf(field, sizeof(field), "%s%s", prefix, key);
	if (!v || cJSON_IsNull(v))
		return BT_OK;
	if (!cJSON_IsArray(v))
		return jfail(c, field, "expected an array of strings, got %s", parse_json_type(v));
	cJSON_ArrayForEach(it, v) {
		if (!cJSON_IsString(it)) {
			snprintf(field, sizeof(field), "%s%s[%d]", prefix, key, i);
			return jfail(c, field, "expected a string, got %s", parse_json_type(it));
		}
		strv_push(out, it->valuestring);
		i++;
	}
	return BT_OK;
}

static int
parse_request(const struct jctx *c, const cJSON *o, int index, struct attempt *a)
{
	char prefix[64];
	const char *name, *method, *url, *status;
	long code, ms, bytes, total, np, nf, ns;
	struct request *r;
	int rc;

	snprintf(prefix, sizeof(prefix), "report.requests[%d].", index);
	if (!cJSON_IsObject(o)) {
		prefix[strlen(prefix) - 1] = '\0';
		return jfail(c, prefix, "expected an object, got %s", parse_json_type(o));
	}
	if ((rc = get_str(c, o, prefix, "name", true, &name)) ||
	    (rc = get_str(c, o, prefix, "method", false, &method)) ||
	    (rc = get_str(c, o, prefix, "url", false, &url)) ||
	    (rc = get_str(c, o, prefix, "status", false, &status)) ||
	    (rc = get_long(c, o, prefix, "code", false, &code)) ||
	    (rc = get_long(c, o, prefix, "response_ms", false, &ms)) ||
	    (rc = get_long(c, o, prefix, "response_bytes", false, &bytes)) ||
	    (rc = get_count(c, o, prefix, "total", false, &total)) ||
	    (rc = get_count(c, o, prefix, "n_passed", false, &np)) ||
	    (rc = get_count(c, o, prefix, "n_failed", false, &nf)) ||
	    (rc = get_count(c, o, prefix, "n_skipped", false, &ns)))
		return rc;
	if (code > 999) {
		char field[96];
		snprintf(field, sizeof(field), "%scode", prefix);
		return jfail(c, field, "%ld is not an HTTP status (100 to 999)", code);
	}
	r = attempt_add_request(a);
	r->name = xstrdup(name);
	r->method = xstrdup(method ? method : "");
	r->url = xstrdup(url ? url : "");
	r->status = xstrdup(status ? status : "");
	r->code = code < 0 ? -1 : (int)code;
	r->response_ms = ms;
	r->response_bytes = bytes;
	if ((rc = parse_names(c, o, prefix, "passed", &r->passed)) ||
	    (rc = parse_names(c, o, prefix, "failed", &r->failed)))
		return rc;
	/* each fits an int (get_count); their sum is taken in long */
	np = np >= 0 ? np : (long)r->passed.n;
	nf = nf >= 0 ? nf : (long)r->failed.n;
	ns = ns >= 0 ? ns : 0;
	if (total < 0 && np + nf + ns > INT_MAX) {
		char field[96];
		snprintf(field, sizeof(field), "%stotal", prefix);
		return jfail(c, field, "passed + failed + skipped (%ld) does not fit a count "
			     "(at most %d)", np + nf + ns, INT_MAX);
	}
	total = total >= 0 ? total : np + nf + ns;
	if (np + nf + ns > total) {
		char field[96];
		snprintf(field, sizeof(field), "%stotal", prefix);
		return jfail(c, field, "%ld is less than passed + failed + skipped (%ld)", total,
			     np + nf + ns);
	}
	r->n_passed = (int)np;
	r->n_failed = (int)nf;
	r->n_skipped = (int)ns;
	r->n_total = (int)total;
	a->total += r->n_total;
	a->passed += r->n_passed;
	a->failed += r->n_failed;
	return BT_OK;
}

static int
parse_report(const struct jctx *c, const cJSON *root, struct attempt *a)
{
	const cJSON *report, *requests, *totals, *it;
	int rc, i = 0;

	if ((rc = get_object(c, root, "report", false, &report)) || !report)
		return rc; /* no report: the server never ran the tests */
	a->has_report = true;
	requests = cJSON_GetObjectItemCaseSensitive(report, "requests");
	totals = cJSON_GetObjectItemCaseSensitive(report, "totals");
	if (requests && !cJSON_IsNull(requests)) {
		if (!cJSON_IsArray(requests))
			return jfail(c, "report.requests", "expected an array, got %s",
				     parse_json_type(requests));
		cJSON_ArrayForEach(it, requests) {
			if ((rc = parse_request(c, it, i++, a)))
				return rc;
		}
		return BT_OK;
	}
	if (!totals || !cJSON_IsObject(totals))
		return jfail(c, "report", "expected \"requests\" (an array) or \"totals\" (an object)");
	long t, p, f;
	if ((rc = get_count(c, totals, "report.totals.", "total", true, &t)) ||
	    (rc = get_count(c, totals, "report.totals.", "passed", true, &p)) ||
	    (rc = get_count(c, totals, "report.totals.", "failed", true, &f)))
		return rc;
	if (p + f > t)
		return jfail(c, "report.totals", "passed + failed (%ld) exceeds total (%ld)", p + f, t);
	a->total = t;
	a->passed = p;
	a->failed = f;
	return BT_OK;
}

static int
parse_verifiers(const struct jctx *c, const cJSON *root, struct attempt *a)
{
	static const unsigned needs[VERIFIER_COUNT] = {
		TC_ARCH, TC_POSTGRES | TC_SQLITE, TC_SQLALCHEMY | TC_SEQUELIZE,
	};
	const cJSON *ver;
	int rc;

	/* applicability comes from the task, whatever the line says */
	for (int v = 0; v < VERIFIER_COUNT; v++)
		a->verdict[v].applicable = a->task.kind == TASK_GENERATION &&
					   (a->task.constraints & needs[v]);
	if ((rc = get_object(c, root, "verifiers", false, &ver)) || !ver)
		return rc;
	for (int v = 0; v < VERIFIER_COUNT; v++) {
		const char *key = verifier_name((enum verifier_kind)v);
		const cJSON *o = cJSON_GetObjectItemCaseSensitive(ver, key), *ok;
		char prefix[64];
		const char *reason;

		if (!o || cJSON_IsNull(o))
			continue;
		snprintf(prefix, sizeof(prefix), "verifiers.%s", key);
		if (!cJSON_IsObject(o))
			return jfail(c, prefix, "expected an object, got %s", parse_json_type(o));
		ok = cJSON_GetObjectItemCaseSensitive(o, "ok");
		if (!cJSON_IsBool(ok)) {
			strcat(prefix, ".ok");
			return jfail(c, prefix, "expected true or false, got %s", parse_json_type(ok));
		}
		strcat(prefix, ".");
		if ((rc = get_str(c, o, prefix, "reason", false, &reason)))
			return rc;
		if (!a->verdict[v].applicable)
			continue;
		a->verdict[v].ok = cJSON_IsTrue(ok);
		a->verdict[v].reason = xstrdup(reason ? reason : "");
	}
	return BT_OK;
}

static const char *const terminations[] = {
	"Submitted", "LimitsExceeded", "Error", "Unknown", "NoTrajectory",
};

static int
parse_trajectory_facts(const struct jctx *c, const cJSON *root, struct attempt *a)
{
	const cJSON *t, *cost;
	const char *term;
	int rc;

	if ((rc = get_object(c, root, "trajectory", false, &t)) || !t)
		return rc;
	if ((rc = get_str(c, t, "trajectory.", "termination", false, &term)) ||
	    (rc = get_long(c, t, "trajectory.", "steps", false, &a->steps)) ||
	    (rc = get_long(c, t, "trajectory.", "tokens_in", false, &a->tokens_in)) ||
	    (rc = get_long(c, t, "trajectory.", "tokens_out", false, &a->tokens_out)) ||
	    (rc = get_long(c, t, "trajectory.", "llm_calls", false, &a->llm_calls)))
		return rc;
	if (term) {
		bool known = false;
		for (size_t i = 0; i < sizeof(terminations) / sizeof(terminations[0]); i++)
			known |= strcmp(term, terminations[i]) == 0;
		if (!known)
			return jfail(c, "trajectory.termination",
				     "expected Submitted, LimitsExceeded, Error, Unknown or "
				     "NoTrajectory, got \"%s\"", term);
		a->termination = xstrdup(term);
	}
	cost = cJSON_GetObjectItemCaseSensitive(t, "cost");
	if (cost && !cJSON_IsNull(cost)) {
		if (!cJSON_IsNumber(cost) || !isfinite(cost->valuedouble) || cost->valuedouble < 0)
			return jfail(c, "trajectory.cost", "expected a non-negative number, got %s",
				     parse_json_type(cost));
		a->cost = cost->valuedouble;
	}
	return BT_OK;
}

static int
parse_failure(const struct jctx *c, const cJSON *root, struct attempt *a)
{
	const cJSON *f;
	const char *cat, *why, *sub, *subwhy;
	int rc;

	if ((rc = get_object(c, root, "failure", false, &f)) || !f)
		return rc;
	if ((rc = get_str(c, f, "failure.", "category", false, &cat)) ||
	    (rc = get_str(c, f, "failure.", "reasoning", false, &why)) ||
	    (rc = get_str(c, f, "failure.", "subcategory", false, &sub)) ||
	    (rc = get_str(c, f, "failure.", "subcategory_reasoning", false, &subwhy)))
		return rc;
	if (cat && taxonomy_index(taxonomy_categories, TAXONOMY_N_CATEGORIES, cat) < 0)
		return jfail(c, "failure.category", "unknown category \"%s\"", cat);
	if (sub && taxonomy_index(taxonomy_subcategories, TAXONOMY_N_SUBCATEGORIES, sub) < 0)
		return jfail(c, "failure.subcategory", "unknown subcategory \"%s\"", sub);
	if (cat) {
		a->category = xstrdup(cat);
		a->category_reasoning = xstrdup(why ? why : "");
	}
	if (sub) {
		a->subcategory = xstrdup(sub);
		a->subcategory_reasoning = xstrdup(subwhy ? subwhy : "");
	}
	return BT_OK;
}

/* A trajectory that may be JSON is left for the parser to recognise
 * (format ""); anything else is text. */
static const char *
trajectory_format(const char *data, size_t len)
{
	size_t i = 0;

	while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
		i++;
	return i < len && (data[i] == '{' || data[i] == '[') ? "" : "text";
}

static const char *const trajectory_formats[] = {"auto", "mini-sdk", "mini-swe-agent", "openhands"};

static int
parse_artifact(const struct jctx *c, const cJSON *arts, enum artifact_kind kind, struct attempt *a)
{
	const char *key = artifact_kind_name(kind);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(arts, key);
	char field[64];

	snprintf(field, sizeof(field), "artifacts.%s", key);
	if (!v || cJSON_IsNull(v))
		return BT_OK;
	if (cJSON_IsString(v)) {
		size_t n = strlen(v->valuestring), keep = n;
		bool trunc = n > INGEST_ARTIFACT_LIMIT;
		if (trunc) {
			keep = INGEST_ARTIFACT_LIMIT;
			attempt_problem(a, "%s: %zu bytes, stored the first %zu", key, n, keep);
		}
		attempt_set_artifact(a, kind, NULL, xstrndup(v->valuestring, keep), keep, n, trunc);
	} else if (cJSON_IsObject(v)) {
		const char *rel, *format = NULL;
		int rc;
		char *path;

		snprintf(field, sizeof(field), "artifacts.%s.", key);
		if ((rc = get_str(c, v, field, "path", true, &rel)) ||
		    (kind == ARTIFACT_TRAJECTORY &&
		     (rc = get_str(c, v, field, "format", false, &format))))
			return rc;
		if (format) {
			bool known = false;
			for (size_t i = 0; i < sizeof(trajectory_formats) / sizeof(*trajectory_formats); i++)
				known |= strcmp(format, trajectory_formats[i]) == 0;
			if (!known)
				return jfail(c, "artifacts.trajectory.format",
					     "expected auto, mini-sdk, mini-swe-agent or openhands, "
					     "got \"%s\"", format);
		}
		if (!c->origin)
			return jfail(c, field, "artifact paths are not allowed here");
		path = rel[0] == '/' ? xstrdup(rel) : path_join(c->origin->dir, rel);
		if (kind == ARTIFACT_TRAJECTORY && file_is_dir(path)) {
			struct bt_error e;
			char *data;
			size_t len;
			rc = ingest_scope_check(&c->origin->scope, path, &e);
			if (!rc)
				rc = ingest_bundle_openhands(path, &c->origin->scope, &data, &len, &e);
			if (!rc) {
				attempt_set_artifact(a, kind, path, data, len, len, false);
				snprintf(a->artifacts[kind].format, sizeof(a->artifacts[kind].format),
					 "openhands");
			} else if (rc != BT_EIO) {
				attempt_problem(a, "%s: not read: %s", key, e.msg);
				rc = BT_OK;
			} else {
				bt_errorf(c->err, rc, "%s", e.msg);
			}
		} else {
			rc = ingest_read_artifact(a, kind, path, &c->origin->scope, c->err);
			if (!rc && a->artifacts[kind].present && format && strcmp(format, "auto"))
				/* the parser's hint where the content does not tell */
				snprintf(a->artifacts[kind].format, sizeof(a->artifacts[kind].format),
					 "%s", strcmp(format, "mini-sdk") ? format : "mini");
		}
		free(path);
		if (rc)
			return rc;
	} else {
		return jfail(c, field, "expected a string, {\"path\": ...} or null, got %s",
			     parse_json_type(v));
	}
	if (kind == ARTIFACT_TRAJECTORY && a->artifacts[kind].present &&
	    !a->artifacts[kind].format[0])
		snprintf(a->artifacts[kind].format, sizeof(a->artifacts[kind].format), "%s",
			 trajectory_format(a->artifacts[kind].data, a->artifacts[kind].len));
	return BT_OK;
}

/* Bytes cJSON would take silently: invalid UTF-8 (stored raw) and NUL, raw
 * or as \u0000 (a C string ends there, cutting the value). */
static int
check_bytes(const struct jctx *c, const char *line, size_t len)
{
	size_t bad;
	const char *nul = memchr(line, '\0', len);

	if (!parse_utf8_valid(line, len, &bad))
		return jfail(c, NULL, "invalid UTF-8 at column %zu", bad + 1);
	if (nul)
		return jfail(c, NULL, "a NUL byte at column %ld", (long)(nul - line) + 1);
	for (size_t i = 0; i + 1 < len; i++) {
		if (line[i] != '\\')
			continue;
		if (i + 5 < len && memcmp(line + i + 1, "u0000", 5) == 0)
			return jfail(c, NULL, "\\u0000 (NUL) at column %zu: text cannot hold it", i + 1);
		i++; /* the escaped character, maybe a backslash */
	}
	return BT_OK;
}

/* cJSON keeps both copies of a repeated key and reads the first: refuse
 * the line instead of guessing which one the harness meant. */
static int
check_keys(const struct jctx *c, const cJSON *v, struct buf *path)
{
	size_t at = path->len;
	const cJSON *it;
	int rc = BT_OK, i = 0;

	if (cJSON_IsObject(v)) {
		struct strv keys = {0};
		cJSON_ArrayForEach(it, v)
			strv_push(&keys, it->string ? it->string : "");
		strv_sort(&keys);
		for (size_t k = 1; k < keys.n && !rc; k++)
			if (strcmp(keys.v[k - 1], keys.v[k]) == 0) {
				buf_printf(path, "%s%s", at ? "." : "", keys.v[k]);
				rc = jfail(c, buf_cstr(path), "the key appears more than once");
			}
		strv_free(&keys);
		cJSON_ArrayForEach(it, v) {
			if (rc)
				break;
			path->len = at;
			buf_printf(path, "%s%s", at ? "." : "", it->string ? it->string : "");
			rc = check_keys(c, it, path);
		}
	} else if (cJSON_IsArray(v)) {
		cJSON_ArrayForEach(it, v) {
			if (rc)
				break;
			path->len = at;
			buf_printf(path, "[%d]", i++);
			rc = check_keys(c, it, path);
		}
	}
	path->len = at;
	return rc;
}

int
jsonl_parse_line(const char *line, size_t len, const char *file, long lineno,
		 const struct jsonl_origin *origin, struct attempt *a, struct bt_error *err)
{
	struct jctx c = {.file = file, .line = lineno, .origin = origin, .err = err};
	const char *end = NULL;
	const cJSON *version, *number, *batch, *arts;
	cJSON *root;
	int rc;

	if ((rc = check_bytes(&c, line, len)))
		return rc;
	root = cJSON_ParseWithLengthOpts(line, len, &end, false);
	if (!root) {
		const char *at = cJSON_GetErrorPtr();
		long col = at && at >= line && at <= line + len ? (long)(at - line) + 1 : 0;
		return jfail(&c, NULL, "not valid JSON (near column %ld)", col);
	}
	for (const char *p = end; p && p < line + len; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r') {
			cJSON_Delete(root);
			return jfail(&c, NULL, "unexpected text after the JSON object (column %ld)",
				     (long)(p - line) + 1);
		}
	if (!cJSON_IsObject(root)) {
		rc = jfail(&c, NULL, "expected a JSON object, got %s", parse_json_type(root));
		goto out;
	}
	struct buf path;
	buf_init(&path);
	rc = check_keys(&c, root, &path);
	buf_free(&path);
	if (rc)
		goto out;
	version = cJSON_GetObjectItemCaseSensitive(root, "benchtop");
	if (!cJSON_IsNumber(version)) {
		rc = jfail(&c, "benchtop", "missing; expected the format version 1");
		goto out;
	}
	if (version->valuedouble != JSONL_VERSION) {
		rc = jfail(&c, "benchtop", "format version %g is not supported (this build reads %d)",
			   version->valuedouble, JSONL_VERSION);
		goto out;
	}
	number = cJSON_GetObjectItemCaseSensitive(root, "attempt");
	if (!cJSON_IsNumber(number) || number->valuedouble < 0 ||
	    number->valuedouble != floor(number->valuedouble) || number->valuedouble > 1e6) {
		rc = jfail(&c, "attempt", "expected a non-negative integer, got %s", parse_json_type(number));
		goto out;
	}
	a->number = (int)number->valuedouble;
	batch = cJSON_GetObjectItemCaseSensitive(root, "batch");
	if (batch && !cJSON_IsNull(batch)) {
		if (!cJSON_IsString(batch)) {
			rc = jfail(&c, "batch", "expected a string, got %s", parse_json_type(batch));
			goto out;
		}
		snprintf(a->batch, sizeof(a->batch), "%s", batch->valuestring);
	}
	if ((rc = parse_run(&c, root, a)) || (rc = parse_task(&c, root, a)) ||
	    (rc = parse_report(&c, root, a)) || (rc = parse_verifiers(&c, root, a)) ||
	    (rc = parse_trajectory_facts(&c, root, a)) || (rc = parse_failure(&c, root, a)))
		goto out;
	arts = cJSON_GetObjectItemCaseSensitive(root, "artifacts");
	if (arts && !cJSON_IsNull(arts)) {
		if (!cJSON_IsObject(arts)) {
			rc = jfail(&c, "artifacts", "expected an object, got %s", parse_json_type(arts));
			goto out;
		}
		for (int k = 0; k < ARTIFACT_KINDS && !rc; k++)
			rc = parse_artifact(&c, arts, (enum artifact_kind)k, a);
	}
out:
	cJSON_Delete(root);
	return rc;
}

/* "agent/model" of an attempt, in b. */
static const char *
pair_of(const struct attempt *a, struct buf *b)
{
	buf_reset(b);
	buf_printf(b, "%s/%s", a->run.agent, a->run.model);
	return buf_cstr(b);
}

/* Skip blank and comment lines. */
static bool
line_is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '#')
			return true;
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	}
	return true;
}

/* Import the JSONL text read from f, named path in messages.  With pos, f
 * stands at pos->offset, a last line without its newline is left for later
 * (it is still being written) and pos moves past the lines committed. */
static int
import_stream(struct store *st, FILE *f, const char *path, const struct jsonl_origin *origin,
	      struct jsonl_pos *pos, const struct import_options *o, struct import_summary *sum,
	      struct bt_error *err)
{
	char *line = NULL, *first_pair = NULL;
	struct buf pair = {0};
	size_t cap = 0;
	ssize_t got;
	long lineno = pos ? pos->lineno : 0, bytes = 0, first_line = 0;
	struct progress prog;
	struct stat sb;
	int rc;

	progress_start(&prog, o->progress_out, o->progress && !o->quiet,
		       fstat(fileno(f), &sb) == 0 ? (long)(sb.st_size >> 20) + 1 : 1, "MB");

	if ((rc = store_begin(st, err)))
		goto out;
	while ((got = getline(&line, &cap, f)) > 0) {
		size_t n = (size_t)got;
		struct attempt a;
		struct bt_error lerr;

		if (pos && line[n - 1] != '\n')
			break;
		sum->bytes += got;
		bytes += got;
		if (n && line[n - 1] == '\n')
			n--;
		lineno++;
		if ((bytes >> 20) > prog.done)
			progress_step(&prog, (bytes >> 20) - prog.done);
		if (line_is_blank(line, n))
			continue;
		attempt_init(&a);
		rc = jsonl_parse_line(line, n, path, lineno, origin, &a, &lerr);
		if (!rc) {
			if (o->label && *o->label) {
				free(a.run.label);
				a.run.label = xstrdup(o->label);
			}
			if (o->run_name && *o->run_name) {
				free(a.run.name);
				a.run.name = xstrdup(o->run_name);
				/* --name renames one agent/model; more would merge into one run */
				if (!first_pair) {
					first_pair = xstrdup(pair_of(&a, &pair));
					first_line = lineno;
				} else if (strcmp(first_pair, pair_of(&a, &pair)) != 0) {
					rc = bt_errorf(err, BT_EINPUT,
						       "%s:%ld: --name %s: the file holds more than one "
						       "agent/model pair (%s on line %ld, %s); --name "
						       "needs one", path, lineno, o->run_name, first_pair,
						       first_line, pair.data);
					attempt_free(&a);
					store_rollback(st);
					goto out;
				}
			}
			ingest_complete_attempt(&a);
			if (o->keep_going && (rc = store_savepoint(st, &lerr)) == BT_OK) {
				rc = store_put_attempt(st, &a, &lerr);
				if (rc)
					store_rollback_savepoint(st);
				else
					rc = store_release(st, &lerr);
			} else if (!o->keep_going) {
				rc = store_put_attempt(st, &a, &lerr);
			}
			if (rc == BT_EINPUT) {
				char msg[sizeof(lerr.msg)];
				snprintf(msg, sizeof(msg), "%s", lerr.msg);
				bt_errorf(&lerr, rc, "%s:%ld: %s", path, lineno, msg);
			}
			if (rc && lerr.code != BT_EINPUT) {
				/* a store failure is not the line's fault: stop */
				attempt_free(&a);
				bt_errorf(err, rc, "%s", lerr.msg);
				store_rollback(st);
				goto out;
			}
		}
		if (rc) {
			attempt_free(&a);
			/* an artifact that cannot be read fails the file, --keep-going or not */
			if (rc == BT_EIO)
				bt_errorf(err, rc, "%s:%ld: %s", path, lineno, lerr.msg);
			if (!o->keep_going || rc == BT_EIO) {
				if (rc != BT_EIO)
					bt_errorf(err, rc, "%s", lerr.msg);
				store_rollback(st);
				goto out;
			}
			strv_push(&sum->bad_lines, lerr.msg);
			rc = BT_OK;
			continue;
		}
		if (!strv_contains(&sum->runs, a.run.name))
			strv_push(&sum->runs, a.run.name);
		sum->attempts++;
		if (a.flags & ATTEMPT_PROBLEMS)
			sum->flagged++;
		attempt_free(&a);
	}
	if (ferror(f)) {
		rc = bt_errorf(err, BT_EIO, "%s: read error: %s", path, strerror(errno));
		store_rollback(st);
		goto out;
	}
	long pairs = 0;
	if ((rc = store_refresh_task_results(st, metrics_task_stats, &pairs, err)) ||
	    (rc = store_commit(st, err))) {
		store_rollback(st);
		goto out;
	}
	sum->tasks += pairs;
	if (pos) {
		pos->offset += bytes;
		pos->lineno = lineno;
	}
out:
	progress_end(&prog);
	free(first_pair);
	buf_free(&pair);
	free(line);
	return rc;
}

/* A JSONL file from pos on (NULL: the whole file). */
static int
import_file(struct store *st, const char *path, struct jsonl_pos *pos,
	    const struct import_options *o, struct import_summary *sum, struct bt_error *err)
{
	char *dir = path_dirname(path), real[PATH_MAX];
	struct jsonl_origin origin = {.dir = dir, .scope = {.allow = &o->allow_outside}};
	int rc;
	FILE *f;

	/* streamed line by line: a file of any size imports in bounded memory */
	if (!(f = fopen(path, "r"))) {
		free(dir);
		return bt_errorf(err, errno == ENOENT ? BT_ENOINPUT : BT_EIO, "%s: %s", path,
				 strerror(errno));
	}
	/* artifacts come from the file's folder, as it really is */
	if (realpath(dir, real))
		origin.scope.root = real;
	if (pos && pos->offset && fseeko(f, pos->offset, SEEK_SET) != 0)
		rc = bt_errorf(err, BT_EIO, "%s: %s", path, strerror(errno));
	else
		rc = import_stream(st, f, path, &origin, pos, o, sum, err);
	fclose(f);
	free(dir);
	return rc;
}

int
jsonl_import(struct store *st, const char *path, const struct import_options *o,
	     struct import_summary *sum, struct bt_error *err)
{
	return import_file(st, path, NULL, o, sum, err);
}

int
jsonl_import_appended(struct store *st, const char *path, struct jsonl_pos *pos,
		      const struct import_options *o, struct import_summary *sum,
		      struct bt_error *err)
{
	return import_file(st, path, pos, o, sum, err);
}

int
jsonl_import_stream(struct store *st, FILE *f, const char *name, const struct import_options *o,
		    struct import_summary *sum, struct bt_error *err)
{
	/* a stream has no folder: artifact paths only from --allow-outside */
	struct jsonl_origin origin = {.dir = ".", .scope = {.allow = &o->allow_outside}};

	return import_stream(st, f, name, &origin, NULL, o, sum, err);
}
