/* ingest_taskdef.c: task definitions (the task JSONs under data/tasks, spec 3.3). */
#include "config.h"

#include "benchtop/ingest.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

int
taskdef_import(struct store *st, const char *path, const struct import_options *o,
	       struct import_summary *sum, struct bt_error *err)
{
	struct task_json tj = {0};
	struct task_meta meta = {0};
	struct task_info ti;
	char *data, *patch = NULL, why[160];
	size_t len, patch_len = 0;
	bool ok;
	int rc;

	if ((rc = file_read(path, 0, &data, &len, NULL, err)))
		return rc;
	rc = task_json_parse(data, len, path, &tj, err);
	free(data);
	if (rc)
		return rc;
	if (str_eq(tj.docker_folder, "uv") || str_eq(tj.docker_folder, "node"))
		ok = task_parse_generation(tj.name, &ti, why, sizeof(why));
	else
		ok = task_parse_feature(tj.docker_folder, tj.name, &ti, why, sizeof(why));
	if (!ok) {
		rc = bt_errorf(err, BT_EINPUT, "%s: field 'name': %s", path, why);
		goto out;
	}
	if (tj.patch_file && *tj.patch_file) {
		char *dir = path_dirname(path), real[PATH_MAX];
		char *p = path_join(dir, tj.patch_file);
		struct ingest_scope scope = {.root = realpath(dir, real), .allow = &o->allow_outside};
		struct bt_error e;
		int prc = ingest_scope_check(&scope, p, &e);
		if (!prc)
			prc = file_read(p, INGEST_ARTIFACT_LIMIT, &patch, &patch_len, NULL, &e);
		if (prc == BT_EIO)
			rc = bt_errorf(err, prc, "%s: field 'patch': %s", path, e.msg);
		else if (prc)
			strv_push_owned(&sum->unreadable, xasprintf("%s: field 'patch': %s", path,
								    e.msg));
		free(p);
		free(dir);
		if (rc)
			goto out;
	}
	meta.description = tj.description;
	meta.prompt = tj.prompt;
	meta.repo_url = tj.repo_url;
	meta.repo_commit = tj.repo_commit;
	meta.reference_patch = patch;
	meta.reference_patch_len = patch_len;
	/* inside a tree import this joins its transaction; alone it is atomic anyway */
	rc = store_put_task_meta(st, &ti, &meta, err);
	if (!rc)
		sum->task_files++;
out:
	free(patch);
	task_json_free(&tj);
	return rc;
}
