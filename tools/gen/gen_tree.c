/* gen_tree.c: the results tree in the benchmark's own layout (spec 1.1-1.5)
 * plus task files, and the JSONL form of the same attempts.
 *
 * Files are built in memory and written with one write() each; directories
 * are created with one mkdir() when their parent exists, so a tree of
 * 200,000 attempts costs little more than its bytes.
 */
#include "config.h"

#include "gen.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
mkdirs(char *path)
{
	char *slash;
	int rc;

	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT || !(slash = strrchr(path, '/')) || slash == path)
		return -1;
	*slash = '\0';
	rc = mkdirs(path);
	*slash = '/';
	if (rc != 0)
		return -1;
	return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

struct out {
	const struct gen_opts *o;
	struct gen_stats *st;
	struct bt_error *err;
	struct gen_truth *truth;
	char root[4096];
	struct buf patch, csv, log, setup, traj, line;
	/* the judge's CSVs, one pair per mini_swe_sdk model (upstream judged only Mini-SWE) */
	struct judge_files {
		char model[96];
		struct buf coarse, logic;
	} *judge;
	size_t n_judge, cap_judge;
	/* JSONL */
	FILE *jf;
	const char *jpath;
};

static int
write_file(struct out *w, const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 && errno == ENOENT) {
		char *dir = xstrdup(path);
		char *slash = strrchr(dir, '/');
		if (slash) {
			*slash = '\0';
			mkdirs(dir);
		}
		free(dir);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	}
	if (fd < 0)
		return bt_errorf(w->err, BT_EIO, "cannot write %s: %s", path, strerror(errno));
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return bt_errorf(w->err, BT_EIO, "cannot write %s: %s", path, strerror(errno));
		}
		data += n;
		len -= (size_t)n;
		w->st->bytes += (uint64_t)n;
	}
	w->st->files++;
	if (close(fd) != 0)
		return bt_errorf(w->err, BT_EIO, "cannot write %s: %s", path, strerror(errno));
	return BT_OK;
}

static void
batch_name(const struct gen_attempt *a, char out[32])
{
	gen_time_folder(a->task->kind == TASK_FEATURE ? a->run->feature_batch_ms : a->run->batch_ms, out);
}

/* When Newman exported its CSV: after the health-check polls and the run. */
static int64_t
report_ms(const struct gen_attempt *a)
{
	int64_t ms = a->eval_ms + 4000;
	if (a->crash != GC_NONE)
		ms += 25000; /* five failed health checks, 5 s apart */
	for (int i = 0; i < GEN_N_REQUESTS; i++)
		ms += a->req[i].errored ? 3 : a->req[i].ms + 2;
	return ms;
}

/* Sums of the complete rows of a CSV cut at `keep` bytes, as an importer
 * reading it would count them. */
static void
truncated_sums(struct gen_attempt *a, size_t keep, const char *csv)
{
	int rows = 0;
	for (size_t i = 0; i < keep; i++)
		if (csv[i] == '\n')
			rows++;
	/* `rows` newlines: the header plus rows-1 complete data rows, the next one cut */
	a->T = a->P = 0;
	for (int i = 0; i < rows - 1 && i < GEN_N_REQUESTS; i++) {
		a->T += a->req[i].n_total;
		a->P += a->req[i].n_pass;
	}
	a->F = a->T - a->P;
	a->tests_passed = a->F == 0 && a->T > 0;
	a->succeeded = a->tests_passed && a->verifier_ok[0] && a->verifier_ok[1] && a->verifier_ok[2];
}

struct oh_ctx {
	struct out *w;
	char dir[4608];
	int rc;
};

static void
oh_emit(const char *name, const char *data, size_t len, void *ctx)
{
	struct oh_ctx *c = ctx;
	char path[8192];
	if (c->rc != BT_OK)
		return;
	snprintf(path, sizeof(path), "%s/%s", c->dir, name);
	c->rc = write_file(c->w, path, data, len);
}

static int
write_run_folder(struct out *w, struct gen_attempt *a, const char *dir, bool truth, char *batch)
{
	char path[8192], ts[40];
	int rc;
	const char *csv_state = "none";

	buf_reset(&w->patch);
	if (a->patch != GP_ABSENT) {
		gen_patch_write(a, &w->patch);
		snprintf(path, sizeof(path), "%s/%s-%s.patch", dir, a->run->agent, a->task->name);
		if ((rc = write_file(w, path, w->patch.data ? w->patch.data : "", w->patch.len)) != BT_OK)
			return rc;
	}
	if (!a->no_report && !(a->quirks & GQ_NO_CSV)) {
		if (a->quirks & GQ_TWO_CSV) {
			struct gen_attempt *older = xmalloc(sizeof(*older));
			gen_attempt_older(older, a, 2LL * 3600000);
			buf_reset(&w->csv);
			gen_newman_csv(older, &w->csv);
			gen_time_newman(report_ms(older), ts);
			snprintf(path, sizeof(path), "%s/newman-run-report-%s.csv", dir, ts);
			free(older);
			if ((rc = write_file(w, path, w->csv.data, w->csv.len)) != BT_OK)
				return rc;
		}
		buf_reset(&w->csv);
		gen_newman_csv(a, &w->csv);
		csv_state = "complete";
		if (a->quirks & GQ_TRUNCATED) {
			/* cut inside a row past the middle, as a killed writer leaves it */
			size_t keep = w->csv.len * (55 + (size_t)(a->key % 30)) / 100;
			truncated_sums(a, keep, w->csv.data);
			w->csv.len = keep;
			csv_state = "truncated";
		}
		gen_time_newman(report_ms(a), ts);
		snprintf(path, sizeof(path), "%s/newman-run-report-%s.csv", dir, ts);
		if ((rc = write_file(w, path, w->csv.data, w->csv.len)) != BT_OK)
			return rc;
	}
	buf_reset(&w->log);
	gen_log_conduit(a, &w->log);
	snprintf(path, sizeof(path), "%s/conduit.log", dir);
	if ((rc = write_file(w, path, w->log.data ? w->log.data : "", w->log.len)) != BT_OK)
		return rc;
	buf_reset(&w->setup);
	gen_log_setup(a, &w->setup);
	snprintf(path, sizeof(path), "%s/setup.log", dir);
	if ((rc = write_file(w, path, w->setup.data ? w->setup.data : "", w->setup.len)) != BT_OK)
		return rc;
	if (strcmp(a->run->agent, "openhands_sdk") == 0) {
		struct oh_ctx c = {.w = w, .rc = BT_OK};
		struct gen_facts f;
		char conv[33];
		/* the folder is named after the conversation id, the first draw
		 * of the stream gen_traj_openhands uses */
		{
			struct gen_rng r;
			gen_attempt_rng(a, "openhands", &r);
			gen_rng_hex(&r, conv, 32);
		}
		snprintf(c.dir, sizeof(c.dir), "%s/%s", dir, conv);
		gen_traj_openhands(a, conv, oh_emit, &c, &f);
		if (c.rc != BT_OK)
			return c.rc;
	} else if (strcmp(a->run->agent, "mini_swe_sdk") == 0) {
		struct gen_facts f;
		buf_reset(&w->traj);
		gen_traj_mini(a, &w->traj, &f);
		snprintf(path, sizeof(path), "%s/mini/trajectory.json", dir);
		if ((rc = write_file(w, path, w->traj.data, w->traj.len)) != BT_OK)
			return rc;
	}
	if (truth)
		gen_truth_add(w->truth, a, batch, csv_state, w->patch.len);
	return BT_OK;
}

/* A CSV field as Python's csv module writes it: quoted only when needed. */
static void
csv_field(struct buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* The failure-taxonomy rows of a failed Mini-SWE generation attempt, as
 * upstream's judge scripts write them (CRLF, Python quoting). */
static void
judge_rows(struct out *w, const struct gen_attempt *a)
{
	struct judge_files *j = NULL;
	char id[32];

	if (!a->category || a->task->kind != TASK_GENERATION ||
	    strcmp(a->run->agent, "mini_swe_sdk") != 0)
		return;
	for (size_t i = 0; i < w->n_judge; i++)
		if (strcmp(w->judge[i].model, a->run->model) == 0)
			j = &w->judge[i];
	if (!j) {
		BT_GROW(w->judge, w->cap_judge, w->n_judge + 1);
		j = &w->judge[w->n_judge++];
		snprintf(j->model, sizeof(j->model), "%s", a->run->model);
		buf_init(&j->coarse);
		buf_init(&j->logic);
		buf_puts(&j->coarse, "agent,model,runtime,task,run_id,category,reasoning\r\n");
		buf_puts(&j->logic, "agent,model,runtime,task,run_id,subcategory,reasoning\r\n");
	}
	snprintf(id, sizeof(id), "run_%d", a->number);
	buf_printf(&j->coarse, "%s,%s,%s,%s,%s,%s,", a->run->agent, a->run->model, a->task->folder,
		   a->task->name, id, a->category);
	csv_field(&j->coarse, a->reasoning);
	buf_puts(&j->coarse, "\r\n");
	if (a->subcategory) {
		buf_printf(&j->logic, "%s,%s,%s,%s,%s,%s,", a->run->agent, a->run->model,
			   a->task->folder, a->task->name, id, a->subcategory);
		csv_field(&j->logic, a->sub_reasoning);
		buf_puts(&j->logic, "\r\n");
	}
}

static int
write_judge_files(struct out *w)
{
	char path[8192];
	int rc = BT_OK;

	for (size_t i = 0; i < w->n_judge && rc == BT_OK; i++) {
		struct judge_files *j = &w->judge[i];
		snprintf(path, sizeof(path), "%s/data/failure_analysis_%s.csv", w->root, j->model);
		rc = write_file(w, path, j->coarse.data, j->coarse.len);
		snprintf(path, sizeof(path), "%s/data/logic_subcategories_%s.csv", w->root, j->model);
		if (rc == BT_OK)
			rc = write_file(w, path, j->logic.data, j->logic.len);
	}
	return rc;
}

static int
tree_attempt(struct gen_attempt *a, void *ctx)
{
	struct out *w = ctx;
	char batch[32], dir[4608];
	int rc;

	batch_name(a, batch);
	snprintf(dir, sizeof(dir), "%s/data/results/%s/%s/%s/%s/%s/run_%d", w->root, a->task->folder,
		 a->run->agent, a->run->model, a->task->name, batch, a->number);
	if (mkdirs(dir) != 0)
		return bt_errorf(w->err, BT_EIO, "cannot create %s: %s", dir, strerror(errno));
	/* an older, superseded date folder for about one task in ten */
	if ((w->o->quirks & GQ_SUPERSEDED) && ((a->run->own_key ^ gen_hash_str(0, a->task->name)) % 10) == 3) {
		struct gen_attempt *older = xmalloc(sizeof(*older));
		char obatch[32], odir[4608];
		int64_t earlier = 2LL * 86400000 + 5400000;
		gen_attempt_older(older, a, earlier);
		gen_time_folder((a->task->kind == TASK_FEATURE ? a->run->feature_batch_ms : a->run->batch_ms) - earlier, obatch);
		snprintf(odir, sizeof(odir), "%s/data/results/%s/%s/%s/%s/%s/run_%d", w->root, a->task->folder,
			 a->run->agent, a->run->model, a->task->name, obatch, a->number);
		rc = mkdirs(odir) == 0 ? write_run_folder(w, older, odir, false, obatch) :
					 bt_errorf(w->err, BT_EIO, "cannot create %s", odir);
		free(older);
		if (rc != BT_OK)
			return rc;
	}
	w->st->attempts++;
	judge_rows(w, a);
	return write_run_folder(w, a, dir, true, batch);
}

/* ------------------------------------------------------------ task files */

static void
json_strv(struct buf *b, const char *const *v, size_t n)
{
	buf_puts(b, "[");
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, i ? ", " : "");
		gen_json_cstr(b, v[i]);
	}
	buf_puts(b, "]");
}

static int
write_task_files(struct out *w)
{
	struct gen_task *tasks;
	size_t n = gen_tasks_all(&tasks);
	struct buf b, patch;
	char path[8192];
	int rc = BT_OK;

	buf_init(&b);
	buf_init(&patch);
	for (size_t k = 0; k < n && rc == BT_OK; k++) {
		const struct gen_task *t = &tasks[k];
		bool feature = t->kind == TASK_FEATURE;
		char cons[96], hex[41];
		struct gen_rng r;

		if (feature ? !w->o->features : (w->o->subset && !gen_task_in_subset(t)))
			continue;
		buf_reset(&b);
		task_constraints_string(t->constraints, cons, sizeof(cons));
		buf_printf(&b, "{\n    \"name\": \"%s\",\n    \"description\": ", t->name);
		if (feature) {
			char d[128];
			snprintf(d, sizeof(d), "SYNTHETIC: removed the %s feature from the repository",
				 gen_group_name(t->removed_groups & -t->removed_groups));
			gen_json_cstr(&b, d);
		} else {
			buf_printf(&b, "\"%s generation for %s with openapi. Constraints: %s.\"", t->folder, t->framework,
				   cons[0] ? cons : "unconstrained");
		}
		buf_puts(&b, ",\n    \"prompt\": ");
		{
			char p[1024];
			if (feature)
				snprintf(p, sizeof(p), "Given the following api specification: [SYNTHETIC placeholder: the Conduit OpenAPI "
					 "contract is not reproduced by benchtop-gen]\n\nComplete the existing repository and make it "
					 "compliant to this openAPI specification by adding missing %s functionalities.",
					 gen_group_name(t->removed_groups & -t->removed_groups));
			else
				snprintf(p, sizeof(p), "[SYNTHETIC placeholder: the Conduit OpenAPI contract is not reproduced by "
					 "benchtop-gen]\n\nImplement the Conduit REST API with the %s framework.%s%s%s\n\n"
					 "## Mandatory Files\n\n%s and run.sh.\n\n## Server Configuration\n\nListen on port %d, "
					 "serve GET /api/health-check, prefix every route with /api.\n",
					 t->framework, t->constraints & TC_ARCH ? "\n\n## Architecture\n\nUse routes, services, "
					 "repositories and models layers; each depends only on the layer below." : "",
					 t->constraints & (TC_POSTGRES | TC_SQLITE) ? "\n\n## Database\n\nUse " : "",
					 t->constraints & TC_POSTGRES ? "PostgreSQL." : t->constraints & TC_SQLITE ? "SQLite." : "",
					 t->python ? "requirements.txt" : "package.json", t->port);
			gen_json_cstr(&b, p);
		}
		buf_printf(&b, ",\n    \"dockerFolder\": \"%s\",\n    \"patch\": ", t->folder);
		if (feature)
			buf_printf(&b, "\"%s-%s.patch\"", t->folder, t->name);
		else
			buf_puts(&b, "null");
		buf_puts(&b, ",\n    \"repoMetadata\": {\n        \"repoUrl\": ");
		gen_rng_init(&r, gen_hash_str(w->o->seed, t->name) ^ gen_hash_str(0, t->folder));
		gen_rng_hex(&r, hex, 40);
		if (feature) {
			static const char *const setup_py[] = {"alembic upgrade head"};
			static const char *const setup_node[] = {"npm install", "npm run migrate:develop"};
			const char *run = strcmp(t->folder, "aiohttp") == 0 ? "python -m conduit" :
					  strcmp(t->folder, "fastapi") == 0 ? "uvicorn conduit.app:app --host 0.0.0.0 --port 8080" :
					  strcmp(t->folder, "flask") == 0 ? "flask run --host=0.0.0.0 --port=8080" :
					  strcmp(t->folder, "express") == 0 ? "npm run develop" : "npm run dev";
			buf_printf(&b, "\"https://example.invalid/synthetic/realworld-%s.git\",\n        \"repoCommit\": \"%s\",\n"
				       "        \"setupCmds\": ", t->folder, hex);
			if (t->python)
				json_strv(&b, setup_py, 1);
			else
				json_strv(&b, setup_node, 2);
			buf_puts(&b, ",\n        \"runCmds\": ");
			json_strv(&b, &run, 1);
		} else {
			static const char *const setup_uv[] = {"uv pip install --system -r requirements.txt", "chmod +x run.sh"};
			static const char *const setup_node[] = {"npm install", "chmod +x run.sh"};
			static const char *const run[] = {"./run.sh"};
			buf_printf(&b, "%s,\n        \"repoCommit\": %s,\n        \"setupCmds\": ", t->python ? "null" : "\"\"",
				   t->python ? "null" : "\"\"");
			json_strv(&b, t->python ? setup_uv : setup_node, 2);
			buf_puts(&b, ",\n        \"runCmds\": ");
			json_strv(&b, run, 1);
		}
		buf_printf(&b, ",\n        \"port\": %d,\n        \"baseUrl\": \"%s\",\n        \"healthcheckEndpoint\": \"%s\"\n    },\n"
			       "    \"taskMetadata\": ", t->port, t->base_url, t->health);
		if (feature) {
			long removed = 0, files = 0;
			buf_reset(&patch);
			gen_patch_feature_removal(t, w->o->seed, &patch);
			for (size_t i = 0; i < patch.len; i++) {
				if (patch.data[i] != '\n' || i + 1 >= patch.len)
					continue;
				if (patch.data[i + 1] == '-' && strncmp(patch.data + i + 1, "--- ", 4) != 0)
					removed++;
				if (strncmp(patch.data + i + 1, "diff --git", 10) == 0)
					files++;
			}
			files += patch.len >= 10 && strncmp(patch.data, "diff --git", 10) == 0;
			buf_printf(&b, "{\n        \"linesAdded\": 0,\n        \"linesRemoved\": %ld,\n        \"linesOfChange\": %ld,\n"
				       "        \"numChangedFiles\": %ld\n    }\n}", removed, removed, files);
			snprintf(path, sizeof(path), "%s/data/tasks/%s/%s-%s.patch", w->root, t->folder, t->folder, t->name);
			rc = write_file(w, path, patch.data, patch.len);
		} else {
			buf_puts(&b, "null,\n    \"postmanCollection\": \"Conduit.postman_collection.json\"\n}");
		}
		snprintf(path, sizeof(path), "%s/data/tasks/%s/%s-%s.json", w->root, t->folder, t->folder, t->name);
		if (rc == BT_OK)
			rc = write_file(w, path, b.data, b.len);
	}
	buf_free(&b);
	buf_free(&patch);
	free(tasks);
	return rc;
}

static int
write_readme(struct out *w)
{
	struct buf b;
	char path[8192];
	int rc;

	buf_init(&b);
	buf_printf(&b, "SYNTHETIC BENCHMARK RESULTS -- NOT REAL MEASUREMENTS\n"
		       "=====================================================\n\n"
		       "Everything under this folder was generated by benchtop-gen (seed %llu,\n"
		       "label \"%s\").  It imitates the file layout and formats of the Constraint\n"
		       "Decay benchmark (arXiv 2605.06445) so that benchtop can be demonstrated and\n"
		       "tested, but no agent, model or server produced any of it: the runs, patches,\n"
		       "Newman reports, logs and trajectories are simulated, and the model names\n"
		       "(synthetic-*) are made up.  Do not cite numbers computed from these files.\n\n"
		       "Layout: data/results/{uv|node}/{agent}/{model}/{task}/{date}/run_N/ for the\n"
		       "generation tasks, data/results/{framework}/.../hard-focused-task-00N/... for\n"
		       "the feature tasks, data/tasks/ for the (synthetic) task descriptions, and\n"
		       "data/failure_analysis_*.csv, data/logic_subcategories_*.csv for the\n"
		       "(simulated) failure taxonomy of the Mini-SWE runs.\n",
		   (unsigned long long)w->o->seed, w->o->label);
	snprintf(path, sizeof(path), "%s/README.txt", w->root);
	rc = write_file(w, path, b.data, b.len);
	buf_free(&b);
	return rc;
}

static void
out_init(struct out *w, const struct gen_opts *o, struct gen_stats *st, struct bt_error *err)
{
	memset(w, 0, sizeof(*w));
	w->o = o;
	w->st = st;
	w->err = err;
	buf_init(&w->patch);
	buf_init(&w->csv);
	buf_init(&w->log);
	buf_init(&w->setup);
	buf_init(&w->traj);
	buf_init(&w->line);
}

static void
out_free(struct out *w)
{
	for (size_t i = 0; i < w->n_judge; i++) {
		buf_free(&w->judge[i].coarse);
		buf_free(&w->judge[i].logic);
	}
	free(w->judge);
	buf_free(&w->patch);
	buf_free(&w->csv);
	buf_free(&w->log);
	buf_free(&w->setup);
	buf_free(&w->traj);
	buf_free(&w->line);
}

int
gen_tree_write(const char *dir, const struct gen_opts *o, const char *truth, struct gen_stats *st,
	       struct bt_error *err)
{
	struct out w;
	int rc;

	out_init(&w, o, st, err);
	snprintf(w.root, sizeof(w.root), "%s", dir);
	if (mkdirs(w.root) != 0) {
		out_free(&w);
		return bt_errorf(err, BT_EIO, "cannot create %s: %s", dir, strerror(errno));
	}
	if (truth && !(w.truth = gen_truth_open(truth, o, err))) {
		out_free(&w);
		return err->code;
	}
	rc = write_readme(&w);
	if (rc == BT_OK)
		rc = write_task_files(&w);
	if (rc == BT_OK)
		rc = gen_for_each_attempt(o, tree_attempt, &w);
	if (rc == BT_OK)
		rc = write_judge_files(&w);
	if (w.truth) {
		int trc = gen_truth_close(w.truth, rc == BT_OK ? err : NULL);
		rc = rc == BT_OK ? trc : rc;
	}
	out_free(&w);
	return rc;
}

/* ------------------------------------------------------------ JSONL */

static void
discard(const char *name, const char *data, size_t len, void *ctx)
{
	(void)name;
	(void)data;
	(void)len;
	(void)ctx;
}

static void
json_names(struct buf *b, const struct gen_req *r, int i, bool want)
{
	bool first = true;
	buf_putc(b, '[');
	for (int k = 0; k < gen_requests[i].n_asserts; k++) {
		int id = gen_requests[i].asserts[k];
		if ((bool)((r->pass >> id) & 1) != want)
			continue;
		buf_puts(b, first ? "" : ", ");
		gen_json_cstr(b, gen_assertion_names[id]);
		first = false;
	}
	buf_putc(b, ']');
}

static int
jsonl_attempt(struct gen_attempt *a, void *ctx)
{
	struct out *w = ctx;
	struct buf *b = &w->line;
	struct gen_facts f = {0};
	char batch[32];
	bool mini = strcmp(a->run->agent, "mini_swe_sdk") == 0;
	bool oh = strcmp(a->run->agent, "openhands_sdk") == 0;

	batch_name(a, batch);
	buf_reset(b);
	buf_puts(b, "{\"benchtop\": 1, \"run\": {\"agent\": ");
	gen_json_cstr(b, a->run->agent);
	buf_puts(b, ", \"model\": ");
	gen_json_cstr(b, a->run->model);
	buf_puts(b, ", \"name\": ");
	gen_json_cstr(b, a->run->name);
	buf_puts(b, ", \"label\": ");
	gen_json_cstr(b, w->o->label);
	buf_printf(b, "}, \"task\": {\"name\": \"%s\", \"kind\": \"%s\"", a->task->name,
		   a->task->kind == TASK_FEATURE ? "feature" : "generation");
	if (a->task->kind == TASK_FEATURE)
		buf_printf(b, ", \"framework\": \"%s\"", a->task->folder);
	buf_printf(b, "}, \"attempt\": %d, \"batch\": \"%s\", \"report\": ", a->number, batch);
	if (a->no_report) {
		buf_puts(b, "null");
	} else {
		buf_puts(b, "{\"requests\": [");
		for (int i = 0; i < GEN_N_REQUESTS; i++) {
			const struct gen_req *r = &a->req[i];
			buf_puts(b, i ? ", {\"name\": " : "{\"name\": ");
			gen_json_cstr(b, gen_requests[i].name);
			buf_printf(b, ", \"method\": \"%s\", \"url\": ", gen_requests[i].method);
			gen_json_cstr(b, r->url);
			if (r->errored)
				buf_puts(b, ", \"code\": null, \"response_ms\": null, \"response_bytes\": null");
			else
				buf_printf(b, ", \"status\": \"%s\", \"code\": %d, \"response_ms\": %d, \"response_bytes\": %d",
					   gen_http_reason(a, r->code), r->code, r->ms, r->size);
			buf_puts(b, ", \"passed\": ");
			json_names(b, r, i, true);
			buf_puts(b, ", \"failed\": ");
			json_names(b, r, i, false);
			buf_putc(b, '}');
		}
		buf_puts(b, "]}");
	}
	/* trajectory artifacts first: their facts go into the line */
	buf_reset(&w->traj);
	if (mini) {
		gen_traj_mini(a, &w->traj, &f);
	} else if (oh) {
		char conv[33];
		/* the conversation folder cannot be inline; only its facts go in */
		gen_traj_openhands(a, conv, discard, NULL, &f);
	}
	buf_printf(b, ", \"trajectory\": {\"termination\": \"%s\"", gen_term_name(a));
	if ((mini || oh) && a->term != GT_NOTRAJ) {
		char cost[32];
		snprintf(cost, sizeof(cost), "%.6f", f.cost);
		buf_printf(b, ", \"steps\": %ld, \"tokens_in\": %ld, \"tokens_out\": %ld, \"llm_calls\": %ld, \"cost\": %s",
			   f.steps, f.tokens_in, f.tokens_out, f.calls, cost);
	}
	buf_putc(b, '}');
	if (mini && a->category) {
		buf_printf(b, ", \"failure\": {\"category\": \"%s\", \"reasoning\": ", a->category);
		gen_json_cstr(b, a->reasoning);
		if (a->subcategory) {
			buf_printf(b, ", \"subcategory\": \"%s\", \"subcategory_reasoning\": ", a->subcategory);
			gen_json_cstr(b, a->sub_reasoning);
		}
		buf_putc(b, '}');
	}
	buf_reset(&w->patch);
	buf_puts(b, ", \"artifacts\": {\"patch\": ");
	if (a->patch == GP_ABSENT) {
		buf_puts(b, "null");
	} else {
		gen_patch_write(a, &w->patch);
		gen_json_str(b, w->patch.data ? w->patch.data : "", w->patch.len, false);
	}
	/* lean: the patch stays (the verifiers read it), the logs and the
	 * trajectory go */
	if (w->o->lean) {
		buf_puts(b, "}}\n");
		goto write;
	}
	buf_reset(&w->log);
	gen_log_conduit(a, &w->log);
	buf_puts(b, ", \"server_log\": ");
	gen_json_str(b, w->log.data ? w->log.data : "", w->log.len, false);
	buf_reset(&w->setup);
	gen_log_setup(a, &w->setup);
	buf_puts(b, ", \"setup_log\": ");
	gen_json_str(b, w->setup.data ? w->setup.data : "", w->setup.len, false);
	if (mini && a->term != GT_NOTRAJ) {
		buf_puts(b, ", \"trajectory\": ");
		gen_json_str(b, w->traj.data, w->traj.len, false);
	}
	buf_puts(b, "}}\n");
write:
	if (fwrite(b->data, 1, b->len, w->jf) != b->len)
		return bt_errorf(w->err, BT_EIO, "cannot write %s: %s", w->jpath, strerror(errno));
	w->st->bytes += b->len;
	w->st->attempts++;
	gen_truth_add(w->truth, a, batch, a->no_report ? "none" : "complete", w->patch.len);
	return BT_OK;
}

int
gen_jsonl_write(const char *file, const struct gen_opts *o, const char *truth, struct gen_stats *st,
		struct bt_error *err)
{
	struct out w;
	int rc;
	bool to_stdout = strcmp(file, "-") == 0;
	char head[512];

	out_init(&w, o, st, err);
	w.jpath = file;
	w.jf = to_stdout ? stdout : fopen(file, "w");
	if (!w.jf) {
		out_free(&w);
		return bt_errorf(err, BT_EIO, "cannot write %s: %s", file, strerror(errno));
	}
	setvbuf(w.jf, NULL, _IOFBF, 1 << 20);
	if (truth && !(w.truth = gen_truth_open(truth, o, err))) {
		if (!to_stdout)
			fclose(w.jf);
		out_free(&w);
		return err->code;
	}
	snprintf(head, sizeof(head), "# SYNTHETIC benchmark results generated by benchtop-gen (seed %llu): not real measurements.\n",
		 (unsigned long long)o->seed);
	fputs(head, w.jf);
	rc = gen_for_each_attempt(o, jsonl_attempt, &w);
	if (w.truth) {
		int trc = gen_truth_close(w.truth, rc == BT_OK ? err : NULL);
		rc = rc == BT_OK ? trc : rc;
	}
	if ((ferror(w.jf) || (to_stdout ? fflush(w.jf) : fclose(w.jf)) != 0) && rc == BT_OK)
		rc = bt_errorf(err, BT_EIO, "cannot write %s", file);
	out_free(&w);
	return rc;
}
