/* taskjson.c: the task files data/tasks/<folder>/<name>.json (upstream-format.md 3.3).
 * Types are checked field by field so that a broken task file is reported
 * as "file: field 'repoMetadata.port': expected ..., got ..." rather than
 * silently becoming a task with holes.  Unknown keys are ignored.
 */
#include "config.h"

#include "benchtop/parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/parse_util.h"

#define TASK_JSON_DEFAULT_COLLECTION "Conduit.postman_collection.json"

enum need { REQUIRED, OPTIONAL };

static int
type_error(const char *name, const char *field, const char *expected, const cJSON *got,
	   struct bt_error *err)
{
	return bt_errorf(err, BT_EINPUT, "%s: field '%s': expected %s, got %s", name, field,
			 expected, parse_json_type(got));
}

/* A string field; with OPTIONAL, absent or null leaves *out NULL. */
static int
take_string(const cJSON *o, const char *key, const char *path, enum need need, bool nonempty,
	    char **out, const char *name, struct bt_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	*out = NULL;
	if (need == OPTIONAL && (!v || cJSON_IsNull(v)))
		return BT_OK;
	if (!cJSON_IsString(v))
		return type_error(name, path, need == OPTIONAL ? "a string or null" : "a string", v,
				  err);
	if (nonempty && !*v->valuestring)
		return bt_errorf(err, BT_EINPUT, "%s: field '%s': expected a non-empty string", name,
				 path);
	*out = xstrdup(v->valuestring);
	return BT_OK;
}

static int
take_strings(const cJSON *o, const char *key, const char *path, struct strv *out,
	     const char *name, struct bt_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key), *s;
	size_t i = 0;

	if (!cJSON_IsArray(v))
		return type_error(name, path, "an array of strings", v, err);
	cJSON_ArrayForEach(s, v) {
		if (!cJSON_IsString(s)) {
			char where[128];
			snprintf(where, sizeof(where), "%s[%zu]", path, i);
			return type_error(name, where, "a string", s, err);
		}
		strv_push(out, s->valuestring);
		i++;
	}
	return BT_OK;
}

/* A non-negative integer of taskMetadata. */
static int
take_count(const cJSON *o, const char *key, long *out, const char *name, struct bt_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	char path[64];

	snprintf(path, sizeof(path), "taskMetadata.%s", key);
	if (!parse_json_long(v, out) || *out < 0)
		return type_error(name, path, "a non-negative integer", v, err);
	return BT_OK;
}

static int
parse_repo(const cJSON *repo, struct task_json *t, const char *name, struct bt_error *err)
{
	const cJSON *port = cJSON_GetObjectItemCaseSensitive(repo, "port");
	long p;
	int rc;

	if (!cJSON_IsObject(repo))
		return type_error(name, "repoMetadata", "an object", repo, err);
	/* null for uv generation tasks, "" for node ones, a URL for feature tasks */
	if ((rc = take_string(repo, "repoUrl", "repoMetadata.repoUrl", OPTIONAL, false,
			      &t->repo_url, name, err)) ||
	    (rc = take_string(repo, "repoCommit", "repoMetadata.repoCommit", OPTIONAL, false,
			      &t->repo_commit, name, err)) ||
	    (rc = take_strings(repo, "setupCmds", "repoMetadata.setupCmds", &t->setup_cmds, name,
			       err)) ||
	    (rc = take_strings(repo, "runCmds", "repoMetadata.runCmds", &t->run_cmds, name,
			       err)) ||
	    (rc = take_string(repo, "baseUrl", "repoMetadata.baseUrl", REQUIRED, false,
			      &t->base_url, name, err)) ||
	    (rc = take_string(repo, "healthcheckEndpoint", "repoMetadata.healthcheckEndpoint",
			      REQUIRED, false, &t->healthcheck_endpoint, name, err)))
		return rc;
	if (!parse_json_long(port, &p) || p < 1 || p > 65535)
		return type_error(name, "repoMetadata.port", "an integer port (1-65535)", port, err);
	t->port = (int)p;
	return BT_OK;
}

static int
parse_task(const cJSON *root, struct task_json *t, const char *name, struct bt_error *err)
{
	const cJSON *meta = cJSON_GetObjectItemCaseSensitive(root, "taskMetadata");
	int rc;

	if (!cJSON_IsObject(root))
		return bt_errorf(err, BT_EINPUT, "%s: the top level is %s, expected an object", name,
				 parse_json_type(root));
	if ((rc = take_string(root, "name", "name", REQUIRED, true, &t->name, name, err)) ||
	    (rc = take_string(root, "description", "description", REQUIRED, false,
			      &t->description, name, err)) ||
	    (rc = take_string(root, "prompt", "prompt", REQUIRED, false, &t->prompt, name, err)) ||
	    (rc = take_string(root, "dockerFolder", "dockerFolder", REQUIRED, true,
			      &t->docker_folder, name, err)) ||
	    (rc = take_string(root, "patch", "patch", OPTIONAL, false, &t->patch_file, name,
			      err)) ||
	    (rc = take_string(root, "postmanCollection", "postmanCollection", OPTIONAL, true,
			      &t->postman_collection, name, err)) ||
	    (rc = parse_repo(cJSON_GetObjectItemCaseSensitive(root, "repoMetadata"), t, name,
			     err)))
		return rc;
	if (!t->postman_collection)
		t->postman_collection = xstrdup(TASK_JSON_DEFAULT_COLLECTION);
	if (meta && !cJSON_IsNull(meta)) {
		if (!cJSON_IsObject(meta))
			return type_error(name, "taskMetadata", "an object or null", meta, err);
		if ((rc = take_count(meta, "linesAdded", &t->lines_added, name, err)) ||
		    (rc = take_count(meta, "linesRemoved", &t->lines_removed, name, err)) ||
		    (rc = take_count(meta, "linesOfChange", &t->lines_of_change, name, err)) ||
		    (rc = take_count(meta, "numChangedFiles", &t->num_changed_files, name, err)))
			return rc;
		t->has_metadata = true;
	}
	return BT_OK;
}

int
task_json_parse(const char *json, size_t len, const char *name, struct task_json *out,
		struct bt_error *err)
{
	cJSON *root;
	int rc;

	memset(out, 0, sizeof(*out));
	out->lines_added = out->lines_removed = out->lines_of_change = out->num_changed_files = -1;
	root = parse_json(json, len, name, err);
	if (!root)
		return BT_EINPUT;
	rc = parse_task(root, out, name, err);
	cJSON_Delete(root);
	if (rc != BT_OK)
		task_json_free(out);
	return rc;
}

void
task_json_free(struct task_json *t)
{
	free(t->name);
	free(t->description);
	free(t->prompt);
	free(t->docker_folder);
	free(t->patch_file);
	free(t->repo_url);
	free(t->repo_commit);
	strv_free(&t->setup_cmds);
	strv_free(&t->run_cmds);
	free(t->base_url);
	free(t->healthcheck_endpoint);
	free(t->postman_collection);
	memset(t, 0, sizeof(*t));
	t->lines_added = t->lines_removed = t->lines_of_change = t->num_changed_files = -1;
}
