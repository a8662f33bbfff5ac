/* Task JSON files (taskjson.c), against upstream-format.md 3.3. */
#include "config.h"

#include <dirent.h>

#include <cjson/cJSON.h>

#include "benchtop/parse.h"
#include "parse_test.h"

#define GEN_TASK                                                                           \
	"{\"name\": \"flask-openapi-clean_architecture\", \"description\": \"uv generation " \
	"for flask with openapi. Constraints: clean_architecture.\", \"prompt\": "          \
	"\"openapi: 3.0.1\\n\\nBuild it.\", \"dockerFolder\": \"uv\", \"patch\": null, "      \
	"\"repoMetadata\": {\"repoUrl\": null, \"repoCommit\": null, \"setupCmds\": [\"uv pip " \
	"install --system -r requirements.txt\", \"chmod +x run.sh\"], \"runCmds\": "         \
	"[\"./run.sh\"], \"port\": 8080, \"baseUrl\": \"/api\", \"healthcheckEndpoint\": "     \
	"\"/api/health-check\"}, \"taskMetadata\": null, \"postmanCollection\": "             \
	"\"Conduit.postman_collection.json\"}"

#define FEATURE_TASK                                                                       \
	"{\"name\": \"hard-focused-task-001\", \"description\": \"Removed \\\"comments\\\" "   \
	"feature\", \"prompt\": \"Given the following api specification: ...\", \"patch\": "  \
	"\"flask-hard-focused-task-001.patch\", \"dockerFolder\": \"flask\", "                 \
	"\"repoMetadata\": {\"repoUrl\": \"https://github.com/x/realworld-flask.git\", "       \
	"\"repoCommit\": \"c7d865f89464a1770171492b036b56c87cc76c8a\", \"setupCmds\": "       \
	"[\"alembic upgrade head\"], \"runCmds\": [\"poetry run flask run "                  \
	"--host=0.0.0.0\"], \"port\": 8080, \"baseUrl\": \"/api\", \"healthcheckEndpoint\": "  \
	"\"/api/ping\"}, \"taskMetadata\": {\"linesAdded\": 2, \"linesRemoved\": 174, "        \
	"\"linesOfChange\": 176, \"numChangedFiles\": 4}, \"unknownKey\": [1]}"

static int
parse(const char *s, size_t n, struct task_json *t, struct bt_error *err)
{
	char *data = pt_exact(s, n);
	int rc = task_json_parse(data, n, "t.json", t, err);
	free(data);
	return rc;
}

static void
test_good(void)
{
	struct task_json t;
	struct bt_error err;

	tap_is_int(parse(GEN_TASK, sizeof(GEN_TASK) - 1, &t, &err), BT_OK, "generation task");
	tap_is_str(t.name, "flask-openapi-clean_architecture", "name");
	tap_is_str(t.docker_folder, "uv", "dockerFolder");
	tap_is_str(t.prompt, "openapi: 3.0.1\n\nBuild it.", "prompt unescaped");
	tap_ok(t.patch_file == NULL, "patch null");
	tap_ok(t.repo_url == NULL && t.repo_commit == NULL, "repo url/commit null");
	tap_is_int(t.setup_cmds.n, 2, "two setup commands");
	tap_is_str(t.setup_cmds.v[1], "chmod +x run.sh", "setup command 2");
	tap_is_str(t.run_cmds.v[0], "./run.sh", "run command");
	tap_is_int(t.port, 8080, "port");
	tap_is_str(t.base_url, "/api", "baseUrl");
	tap_is_str(t.healthcheck_endpoint, "/api/health-check", "healthcheckEndpoint");
	tap_is_str(t.postman_collection, "Conduit.postman_collection.json", "postmanCollection");
	tap_ok(!t.has_metadata && t.lines_added == -1, "no task metadata");
	task_json_free(&t);
	tap_ok(t.name == NULL, "task_json_free clears");

	tap_is_int(parse(FEATURE_TASK, sizeof(FEATURE_TASK) - 1, &t, &err), BT_OK, "feature task");
	tap_is_str(t.description, "Removed \"comments\" feature", "description");
	tap_is_str(t.patch_file, "flask-hard-focused-task-001.patch", "patch file");
	tap_is_str(t.repo_commit, "c7d865f89464a1770171492b036b56c87cc76c8a", "repoCommit");
	tap_is_str(t.postman_collection, "Conduit.postman_collection.json",
		   "absent postmanCollection defaults");
	tap_ok(t.has_metadata, "task metadata present");
	tap_is_int(t.lines_added, 2, "linesAdded");
	tap_is_int(t.lines_removed, 174, "linesRemoved");
	tap_is_int(t.lines_of_change, 176, "linesOfChange");
	tap_is_int(t.num_changed_files, 4, "numChangedFiles");
	task_json_free(&t);
}

/* GEN_TASK with one field replaced (dotted path, value as JSON text, NULL
 * removes it); expect BT_EINPUT and `want` in the message. */
static void
bad_field(const char *path, const char *value, const char *want)
{
	cJSON *root = cJSON_Parse(GEN_TASK), *obj = root;
	char key[64], *dot, *text;
	struct task_json t;
	struct bt_error err;
	int rc;

	snprintf(key, sizeof(key), "%s", path);
	if ((dot = strchr(key, '.')) != NULL) {
		*dot = '\0';
		obj = cJSON_GetObjectItem(root, key);
		memmove(key, dot + 1, strlen(dot + 1) + 1);
	}
	cJSON_DeleteItemFromObject(obj, key);
	if (value)
		cJSON_AddItemToObject(obj, key, cJSON_Parse(value));
	text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	rc = parse(text, strlen(text), &t, &err);
	free(text);
	tap_is_int(rc, BT_EINPUT, path);
	if (!tap_ok(rc == BT_EINPUT && strstr(err.msg, want) != NULL, "  message has \"%s\"", want))
		tap_diag("  message: %s", err.msg);
	tap_ok(t.name == NULL && t.setup_cmds.n == 0, "  nothing kept");
}

static void
test_bad(void)
{
	struct task_json t;
	struct bt_error err;
	static const char nul[] = "{\"name\": \"a\0\"}";
	static const char cut_utf8[] = "{\"name\": \"\xe2\x82\"}";

	bad_field("name", NULL, "t.json: field 'name': expected a string, got nothing");
	bad_field("name", "\"\"", "t.json: field 'name': expected a non-empty string");
	bad_field("name", "5", "field 'name': expected a string, got a number");
	bad_field("prompt", "[\"x\"]", "field 'prompt': expected a string, got an array");
	bad_field("dockerFolder", "null", "field 'dockerFolder': expected a string, got null");
	bad_field("patch", "true", "field 'patch': expected a string or null, got a boolean");
	bad_field("repoMetadata", "[]", "field 'repoMetadata': expected an object, got an array");
	bad_field("repoMetadata.port", "\"8080\"",
		  "field 'repoMetadata.port': expected an integer port (1-65535), got a string");
	bad_field("repoMetadata.port", "80.5", "field 'repoMetadata.port'");
	bad_field("repoMetadata.port", "70000", "field 'repoMetadata.port'");
	bad_field("repoMetadata.setupCmds", "[\"ok\", 3]",
		  "field 'repoMetadata.setupCmds[1]': expected a string, got a number");
	bad_field("repoMetadata.runCmds", "\"./run.sh\"",
		  "field 'repoMetadata.runCmds': expected an array of strings, got a string");
	bad_field("repoMetadata.repoUrl", "{}",
		  "field 'repoMetadata.repoUrl': expected a string or null, got an object");
	bad_field("repoMetadata.baseUrl", NULL, "field 'repoMetadata.baseUrl'");
	bad_field("taskMetadata", "7", "field 'taskMetadata': expected an object or null");
	bad_field("taskMetadata", "{\"linesAdded\": -1, \"linesRemoved\": 0, \"linesOfChange\": 0, "
				  "\"numChangedFiles\": 0}",
		  "field 'taskMetadata.linesAdded': expected a non-negative integer");
	bad_field("taskMetadata", "{\"linesAdded\": 1}", "field 'taskMetadata.linesRemoved'");
	bad_field("postmanCollection", "\"\"", "field 'postmanCollection'");

	tap_is_int(parse("", 0, &t, &err), BT_EINPUT, "empty file");
	tap_ok(strstr(err.msg, "t.json: empty") != NULL, "  names the file (%s)", err.msg);
	tap_is_int(parse(GEN_TASK, 100, &t, &err), BT_EINPUT, "truncated");
	tap_ok(strstr(err.msg, "t.json:1:") != NULL, "  with line (%s)", err.msg);
	tap_is_int(parse("[]", 2, &t, &err), BT_EINPUT, "array at the top");
	tap_ok(strstr(err.msg, "expected an object") != NULL, "  says so (%s)", err.msg);
	tap_is_int(parse(nul, sizeof(nul) - 1, &t, &err), BT_EINPUT, "NUL byte");
	tap_is_int(parse(cut_utf8, sizeof(cut_utf8) - 1, &t, &err), BT_EINPUT, "cut UTF-8 sequence");
	tap_ok(strstr(err.msg, "invalid UTF-8") != NULL, "  says UTF-8 (%s)", err.msg);
	tap_is_int(parse("{\"a\":\n1}\n}", 10, &t, &err), BT_EINPUT, "trailing data");
	tap_ok(strstr(err.msg, "t.json:3:1:") != NULL, "  at line 3 column 1 (%s)", err.msg);

	/* a 10 MB prompt on one line is fine */
	{
		size_t n = 10u * 1024 * 1024;
		char *big = xmalloc(n + 1);
		char *doc;
		cJSON *root = cJSON_Parse(GEN_TASK);

		memset(big, 'p', n);
		big[n] = '\0';
		cJSON_ReplaceItemInObject(root, "prompt", cJSON_CreateString(big));
		doc = cJSON_PrintUnformatted(root);
		tap_is_int(parse(doc, strlen(doc), &t, &err), BT_OK, "10 MB prompt parses");
		tap_is_int(t.prompt ? strlen(t.prompt) : 0, n, "kept whole");
		task_json_free(&t);
		cJSON_Delete(root);
		free(doc);
		free(big);
	}
}

static void
test_real(void)
{
	static const char *const folders[] = {"uv", "node", "aiohttp", "express", "fastapi",
					      "flask", "honojs"};
	const char *shared = tap_shared_dir();
	int n_gen = 0, n_feat = 0, failures = 0, n_dirs = 0;
	bool consistent = true;

	if (!shared) {
		tap_skip("shared upstream tasks not available (set BENCHTOP_SHARED)");
		return;
	}
	for (size_t k = 0; k < sizeof(folders) / sizeof(*folders); k++) {
		char *dir = xasprintf("%s/upstream/data/tasks/%s", shared, folders[k]);
		DIR *d = opendir(dir);
		struct dirent *e;

		free(dir);
		if (!d)
			continue;
		n_dirs++;
		while ((e = readdir(d)) != NULL) {
			char *rel, *data, *expect_file;
			size_t len;
			struct task_json t;
			struct bt_error err;
			bool gen = k < 2;

			if (!str_ends(e->d_name, ".json"))
				continue;
			rel = xasprintf("upstream/data/tasks/%s/%s", folders[k], e->d_name);
			data = pt_shared(rel, &len);
			free(rel);
			if (!data || task_json_parse(data, len, e->d_name, &t, &err) != BT_OK) {
				tap_diag("%s: %s", e->d_name, data ? err.msg : "unreadable");
				failures++;
				free(data);
				continue;
			}
			free(data);
			if (gen)
				n_gen++;
			else
				n_feat++;
			/* the file is {dockerFolder}-{name}.json */
			expect_file = xasprintf("%s-%s.json", t.docker_folder, t.name);
			if (strcmp(expect_file, e->d_name) != 0 ||
			    strcmp(t.docker_folder, folders[k]) != 0 ||
			    (gen ? t.patch_file != NULL || t.has_metadata
				 : !t.patch_file || !str_ends(t.patch_file, ".patch") ||
					   !t.has_metadata || !t.repo_commit ||
					   strlen(t.repo_commit) != 40) ||
			    (t.port != 8080 && t.port != 3000) ||
			    strcmp(t.postman_collection, "Conduit.postman_collection.json") != 0 ||
			    t.run_cmds.n == 0) {
				tap_diag("%s: inconsistent fields", e->d_name);
				consistent = false;
			}
			free(expect_file);
			task_json_free(&t);
		}
		closedir(d);
	}
	if (n_dirs == 0) {
		tap_skip("shared upstream/data/tasks not found under %s", shared);
		return;
	}
	tap_is_int(failures, 0, "every real task JSON parses");
	tap_is_int(n_gen, 80, "80 generation tasks");
	tap_is_int(n_feat, 20, "20 feature tasks");
	tap_ok(consistent, "names, folders, patches, metadata and ports as spec 3.3 says");
}

int
main(void)
{
	test_good();
	test_bad();
	test_real();
	return tap_done();
}
