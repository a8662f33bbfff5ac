/* benchtop-gen: runs the generator and checks what it wrote against the
 * benchmark's formats and against its own ground-truth manifest:
 * determinism, the Newman CSV byte format and per-request counts (spec 2),
 * slug cascades, the tree layout (spec 1), and that every patch gets the
 * verdict the manifest intends from benchtop's verifiers (spec 5). */
#include "config.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchtop/util.h"
#include "benchtop/verify.h"
#include "tap.h"

/* Nominal assertions per request (spec 2.4). */
static const int nominal[32] = {6, 6, 7, 5, 5, 5, 5, 5, 5, 13, 5, 17, 17, 17, 17, 13,
				17, 13, 15, 17, 17, 14, 6, 7, 7, 0, 0, 6, 6, 7, 7, 3};
static const char *const req_names[32] = {
	"Register", "Login", "Login and Remember Token", "Current User", "Update User",
	"All Articles", "Articles by Author", "Articles Favorited by Username", "Articles by Tag",
	"Create Article", "Feed", "All Articles", "All Articles with auth", "Articles by Author",
	"Articles by Author with auth", "Single Article by slug", "Articles by Tag", "Update Article",
	"Favorite Article", "Articles Favorited by Username", "Articles Favorited by Username with auth",
	"Unfavorite Article", "Create Comment for Article", "All Comments for Article",
	"All Comments for Article without login", "Delete Comment for Article", "Delete Article",
	"Register Celeb", "Profile", "Follow Profile", "Unfollow Profile", "All Tags",
};
static const char HEADER[] = "iteration,collectionName,requestName,method,url,status,code,responseTime,"
			     "responseSize,executed,failed,skipped,totalAssertions,executedCount,failedCount,"
			     "skippedCount";

static char gen_bin[4096], tmp[4096];

static int
run(const char *args)
{
	char cmd[16384];
	snprintf(cmd, sizeof(cmd), "'%s' %s", gen_bin, args);
	return system(cmd);
}

/* FNV-1a over every file (path and bytes) under dir, in sorted order. */
static uint64_t
hash_tree(const char *dir, uint64_t h, size_t *files)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		char *p;
		if (strcmp(ents[i]->d_name, ".") == 0 || strcmp(ents[i]->d_name, "..") == 0) {
			free(ents[i]);
			continue;
		}
		p = path_join(dir, ents[i]->d_name);
		for (const char *s = ents[i]->d_name; *s; s++)
			h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
		if (file_is_dir(p)) {
			h = hash_tree(p, h, files);
		} else {
			char *data;
			size_t len;
			if (file_read(p, 0, &data, &len, NULL, NULL) == BT_OK) {
				for (size_t k = 0; k < len; k++)
					h = (h ^ (unsigned char)data[k]) * 0x100000001b3ULL;
				free(data);
				(*files)++;
			}
		}
		free(p);
		free(ents[i]);
	}
	free(ents);
	return h;
}

static uint64_t
hash_file(const char *path)
{
	char *data;
	size_t len;
	uint64_t h = 0xcbf29ce484222325ULL;
	if (file_read(path, 0, &data, &len, NULL, NULL) != BT_OK)
		return 0;
	for (size_t k = 0; k < len; k++)
		h = (h ^ (unsigned char)data[k]) * 0x100000001b3ULL;
	free(data);
	return h;
}

/* ------------------------------------------------------------ CSV */

struct row {
	char f[16][2048];
	bool quoted[16];
	int n;
};

/* Parse one CSV line (no embedded newlines in this collection). */
static bool
parse_row(const char *s, size_t len, struct row *r)
{
	size_t i = 0;
	r->n = 0;
	for (;;) {
		size_t o = 0;
		if (r->n >= 16)
			return false;
		r->quoted[r->n] = i < len && s[i] == '"';
		if (r->quoted[r->n]) {
			i++;
			for (;;) {
				if (i >= len)
					return false;
				if (s[i] == '"') {
					if (i + 1 < len && s[i + 1] == '"') {
						r->f[r->n][o++] = '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (o < 2047)
					r->f[r->n][o++] = s[i];
				i++;
			}
		} else {
			while (i < len && s[i] != ',') {
				if (o < 2047)
					r->f[r->n][o++] = s[i];
				i++;
			}
		}
		r->f[r->n][o] = '\0';
		r->n++;
		if (i >= len)
			return true;
		if (s[i] != ',')
			return false;
		i++;
	}
}

static int
count_names(const char *joined)
{
	int n = 0;
	if (!*joined)
		return 0;
	for (const char *s = joined; (s = strstr(s, ", ")); s += 2)
		n++;
	return n + 1;
}

struct csv_check {
	int rows, T, P, F;
	bool format_ok, counts_ok, names_ok, cascade_ok, cascade_seen, all_errored;
};

static void
check_csv(const char *data, size_t len, bool complete, struct csv_check *c)
{
	const char *p = data, *end = data + len;
	int line = 0;
	bool create_failed = false;
	static struct row r;

	memset(c, 0, sizeof(*c));
	c->format_ok = c->counts_ok = c->names_ok = c->cascade_ok = c->all_errored = true;
	if (complete && len > 0 && data[len - 1] == '\n')
		c->format_ok = false;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (line == 0) {
			if (n != strlen(HEADER) || memcmp(p, HEADER, n) != 0)
				c->format_ok = false;
		} else if (!nl && !complete) {
			break; /* the cut row of a truncated report */
		} else if (!parse_row(p, n, &r) || r.n != 16) {
			c->format_ok = false;
		} else {
			int i = line - 1, tot = atoi(r.f[12]), pas = atoi(r.f[13]), fai = atoi(r.f[14]);
			/* every present value is quoted, missing ones are empty and bare */
			for (int k = 0; k < 16; k++)
				if (r.quoted[k] == (r.f[k][0] == '\0'))
					c->format_ok = false;
			if (i >= 32 || strcmp(r.f[2], req_names[i]) != 0 || strcmp(r.f[0], "1") != 0 ||
			    strcmp(r.f[1], "Conduit") != 0)
				c->format_ok = false;
			if (i < 32 && (tot != nominal[i] || pas + fai != tot || r.f[11][0] || strcmp(r.f[15], "0")))
				c->counts_ok = false;
			if (count_names(r.f[9]) != pas || count_names(r.f[10]) != fai)
				c->names_ok = false;
			if (r.f[6][0])
				c->all_errored = false;
			if (i == 9 && !r.f[6][0])
				create_failed = true;
			if (i == 9 && r.f[6][0] && strcmp(r.f[6], "200") && strcmp(r.f[6], "201"))
				create_failed = true;
			/* Create Article failed: every {{slug}} request goes to /articles/null */
			if (create_failed && (i == 15 || i == 17 || i == 18 || (i >= 21 && i <= 26))) {
				c->cascade_seen = true;
				if (!strstr(r.f[4], "/articles/null"))
					c->cascade_ok = false;
			}
			c->T += tot;
			c->P += pas;
			c->F += fai;
			c->rows++;
		}
		line++;
		p = nl ? nl + 1 : end;
	}
}

/* ------------------------------------------------------------ the tree */

static char *
find_csv(const char *dir, int *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *best = NULL;

	*count = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		if (str_starts(e->d_name, "newman-run-report-") && str_ends(e->d_name, ".csv")) {
			(*count)++;
			if (!best || strcmp(e->d_name, best) > 0) {
				free(best);
				best = xstrdup(e->d_name);
			}
		}
	}
	closedir(d);
	return best;
}

static bool
has_conversation(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool ok = false;
	if (!d)
		return false;
	while ((e = readdir(d)) && !ok) {
		if (strlen(e->d_name) == 32 && strspn(e->d_name, "0123456789abcdef") == 32) {
			char *p = xasprintf("%s/%s/base_state.json", dir, e->d_name);
			char *ev = xasprintf("%s/%s/events", dir, e->d_name);
			ok = file_exists(p) && file_is_dir(ev);
			free(p);
			free(ev);
		}
	}
	closedir(d);
	return ok;
}

struct totals {
	int attempts, layout_bad, csv_format_bad, csv_counts_bad, names_bad, sums_bad, started_not_290,
	    crash_not_zero, cascades, cascade_bad, verifier_checked, verifier_bad, traj_bad, two_csv,
	    no_csv, truncated;
};

static void
check_verifiers(const char *patch_path, cJSON *a, struct totals *t)
{
	cJSON *vs = cJSON_GetObjectItem(a, "verifiers"), *v;
	char *data = NULL;
	size_t len = 0;
	struct verify_patch *p;

	if (!cJSON_GetArraySize(vs) || !file_exists(patch_path))
		return;
	if (file_read(patch_path, 0, &data, &len, NULL, NULL) != BT_OK)
		return;
	p = verify_patch_parse(data, len);
	cJSON_ArrayForEach(v, vs) {
		struct verify_result res = {0};
		const char *task = cJSON_GetObjectItem(a, "task")->valuestring;
		bool want = cJSON_IsTrue(cJSON_GetObjectItem(v, "ok"));
		if (strcmp(v->string, "architecture") == 0)
			verify_architecture(p, &res, NULL);
		else if (strcmp(v->string, "database") == 0)
			verify_database(p, strstr(task, "postgres") ? "postgres" : "sqlite", &res, NULL);
		else
			verify_orm(p, strstr(task, "sqlalchemy") ? "sqlalchemy" : "sequelize", &res, NULL);
		t->verifier_checked++;
		if (res.ok != want) {
			t->verifier_bad++;
			if (t->verifier_bad <= 5)
				tap_diag("verifier %s on %s: got %d (%s), manifest says %d (%s)", v->string,
					 patch_path, res.ok, res.reason ? res.reason : "",
					 want, cJSON_GetObjectItem(v, "why")->valuestring);
		}
		free(res.reason);
	}
	verify_patch_free(p);
	free(data);
}

static void
check_attempt(const char *root, cJSON *a, struct totals *t)
{
	const char *agent = cJSON_GetObjectItem(a, "agent")->valuestring;
	const char *model = cJSON_GetObjectItem(a, "model")->valuestring;
	const char *task = cJSON_GetObjectItem(a, "task")->valuestring;
	const char *folder = cJSON_GetObjectItem(a, "folder")->valuestring;
	const char *batch = cJSON_GetObjectItem(a, "batch")->valuestring;
	const char *csvstate = cJSON_GetObjectItem(a, "csv")->valuestring;
	const char *patch = cJSON_GetObjectItem(a, "patch")->valuestring;
	const char *server = cJSON_GetObjectItem(a, "server")->valuestring;
	int number = cJSON_GetObjectItem(a, "attempt")->valueint;
	int T = cJSON_GetObjectItem(a, "T")->valueint, P = cJSON_GetObjectItem(a, "P")->valueint;
	int F = cJSON_GetObjectItem(a, "F")->valueint, ncsv;
	char *dir = xasprintf("%s/data/results/%s/%s/%s/%s/%s/run_%d", root, folder, agent, model, task, batch, number);
	char *pp = xasprintf("%s/%s-%s.patch", dir, agent, task);
	char *csv = find_csv(dir, &ncsv);
	cJSON *q;

	t->attempts++;
	if (!file_is_dir(dir) || strlen(batch) != 19 || batch[4] != '-' || batch[10] != 'T' ||
	    file_exists(pp) != (strcmp(patch, "absent") != 0)) {
		t->layout_bad++;
	} else {
		char *log = path_join(dir, "conduit.log"), *setup = path_join(dir, "setup.log");
		if (!file_exists(log) || !file_exists(setup))
			t->layout_bad++;
		free(log);
		free(setup);
	}
	if (strcmp(agent, "mini_swe_sdk") == 0) {
		char *tj = xasprintf("%s/mini/trajectory.json", dir), *data;
		size_t len;
		const char *term = cJSON_GetObjectItem(a, "termination")->valuestring;
		if (file_read(tj, 0, &data, &len, NULL, NULL) == BT_OK) {
			cJSON *j = cJSON_ParseWithLength(data, len);
			cJSON *st = j ? cJSON_GetObjectItem(j, "status") : NULL;
			bool want_valid = strcmp(term, "NoTrajectory") != 0;
			if ((j != NULL) != want_valid || (j && !cJSON_IsString(st)) ||
			    (j && strcmp(term, "Error") == 0 && strcmp(st->valuestring, "in_progress") != 0) ||
			    (j && strcmp(term, "Submitted") == 0 && strcmp(st->valuestring, "Submitted") != 0) ||
			    (j && strncmp(data, "{\n    \"", 7) != 0))
				t->traj_bad++;
			cJSON_Delete(j);
			free(data);
		} else {
			t->traj_bad++;
		}
		free(tj);
	} else if (strcmp(agent, "openhands_sdk") == 0 && !has_conversation(dir)) {
		t->traj_bad++;
	}
	cJSON_ArrayForEach(q, cJSON_GetObjectItem(a, "quirks")) {
		t->two_csv += strcmp(q->valuestring, "two_csv") == 0;
		t->no_csv += strcmp(q->valuestring, "no_csv") == 0;
	}
	if (ncsv == 2)
		t->two_csv--; /* balanced when every two_csv quirk has its two reports */
	if (strcmp(csvstate, "none") == 0) {
		if (csv || T || P || F)
			t->sums_bad++;
	} else if (!csv) {
		t->layout_bad++;
	} else {
		char *path = path_join(dir, csv), *data;
		size_t len;
		struct csv_check c;
		bool complete = strcmp(csvstate, "complete") == 0;
		t->truncated += !complete;
		if (file_read(path, 0, &data, &len, NULL, NULL) == BT_OK) {
			check_csv(data, len, complete, &c);
			t->csv_format_bad += !c.format_ok;
			t->csv_counts_bad += !c.counts_ok;
			t->names_bad += !c.names_ok;
			t->sums_bad += c.T != T || c.P != P || c.F != F;
			if (complete && strcmp(server, "running") == 0 && (c.rows != 32 || c.T != 290))
				t->started_not_290++;
			if (complete && strcmp(server, "running") != 0 && (c.P != 0 || c.T != 290 || !c.all_errored))
				t->crash_not_zero++;
			t->cascades += c.cascade_seen;
			t->cascade_bad += !c.cascade_ok;
			free(data);
		}
		free(path);
	}
	check_verifiers(pp, a, t);
	free(csv);
	free(pp);
	free(dir);
}

static cJSON *
load_json(const char *path)
{
	char *data;
	size_t len;
	cJSON *j;
	if (file_read(path, 0, &data, &len, NULL, NULL) != BT_OK)
		return NULL;
	j = cJSON_ParseWithLength(data, len);
	free(data);
	return j;
}

static void
test_tree(void)
{
	static const char opts[] = "--runs mini_swe_sdk/synthetic-large:0.86,openhands_sdk/synthetic-small:0.5 "
				   "--tasks subset --attempts 3 --quirks all --quiet";
	char *a = xasprintf("%s/tree-a", tmp), *b = xasprintf("%s/tree-b", tmp);
	char *truth = xasprintf("%s/truth-a.json", tmp), *truth_b = xasprintf("%s/truth-b.json", tmp);
	char args[8192];
	size_t fa = 0, fb = 0;
	uint64_t ha, hb;
	cJSON *j, *att, *x;
	struct totals t = {0};

	snprintf(args, sizeof(args), "tree '%s' %s --truth '%s'", a, opts, truth);
	tap_is_int(run(args), 0, "tree: benchtop-gen exits 0");
	snprintf(args, sizeof(args), "tree '%s' %s --truth '%s'", b, opts, truth_b);
	tap_is_int(run(args), 0, "tree: second run exits 0");
	ha = hash_tree(a, 0xcbf29ce484222325ULL, &fa);
	hb = hash_tree(b, 0xcbf29ce484222325ULL, &fb);
	tap_ok(fa > 1000 && fa == fb && ha == hb, "tree: same seed gives byte-identical trees (%zu files)", fa);
	tap_ok(hash_file(truth) == hash_file(truth_b), "tree: same seed gives an identical manifest");

	{
		char *readme = xasprintf("%s/README.txt", a), *data;
		size_t len;
		tap_ok(file_read(readme, 0, &data, &len, NULL, NULL) == BT_OK && strstr(data, "SYNTHETIC"),
		       "tree: README.txt says the data is synthetic");
		if (data)
			free(data);
		free(readme);
	}
	{
		char *p1 = xasprintf("%s/data/tasks/uv/uv-aiohttp-openapi-clean_architecture-postgres.json", a);
		char *p2 = xasprintf("%s/data/tasks/honojs/honojs-hard-focused-task-003.patch", a);
		cJSON *tj = load_json(p1);
		tap_ok(tj && strcmp(cJSON_GetObjectItem(tj, "name")->valuestring, "aiohttp-openapi-clean_architecture-postgres") == 0 &&
		       cJSON_GetObjectItem(cJSON_GetObjectItem(tj, "repoMetadata"), "port")->valueint == 8080,
		       "tree: generation task JSON with the spec 3.3 schema");
		tap_ok(file_exists(p2), "tree: feature task reference patch");
		cJSON_Delete(tj);
		free(p1);
		free(p2);
	}

	j = load_json(truth);
	att = j ? cJSON_GetObjectItem(j, "attempts") : NULL;
	tap_ok(j && cJSON_IsTrue(cJSON_GetObjectItem(j, "synthetic")), "manifest: parses and is marked synthetic");
	/* the 16-task pipeline subset keeps the test quick on slow disks */
	tap_is_int(cJSON_GetArraySize(att), 2 * (16 + 20) * 3, "manifest: 2 runs x 36 tasks x 3 attempts");
	cJSON_ArrayForEach(x, att)
		check_attempt(a, x, &t);
	tap_is_int(t.layout_bad, 0, "layout: run folders, patch/log/CSV files where the manifest says");
	tap_is_int(t.traj_bad, 0, "layout: trajectories (mini JSON status / OpenHands conversation)");
	tap_is_int(t.csv_format_bad, 0, "CSV: header, quoting, 16 columns, request order, no trailing newline");
	tap_is_int(t.csv_counts_bad, 0, "CSV: per-request totals equal the collection's, passed+failed=total");
	tap_is_int(t.names_bad, 0, "CSV: executed/failed name lists match the counts");
	tap_is_int(t.sums_bad, 0, "CSV: T/P/F sums equal the manifest");
	tap_is_int(t.started_not_290, 0, "CSV: a started server gives 32 rows and 290 assertions");
	tap_is_int(t.crash_not_zero, 0, "CSV: a server that never started gives 0/290, every request errored");
	tap_ok(t.cascades > 0, "CSV: failed Create Article cascades seen (%d)", t.cascades);
	tap_is_int(t.cascade_bad, 0, "CSV: after a failed Create Article, {{slug}} URLs are /articles/null");
	tap_ok(t.verifier_checked > 100, "verifiers: %d verdicts checked", t.verifier_checked);
	tap_is_int(t.verifier_bad, 0, "verifiers: benchtop's verifiers agree with the intended verdicts");
	tap_is_int(t.two_csv, 0, "quirks: every two-CSV folder holds two reports");
	tap_ok(t.no_csv > 0 && t.truncated > 0, "quirks: no-CSV (%d) and truncated (%d) folders planted",
	       t.no_csv, t.truncated);
	cJSON_Delete(j);
	free(a);
	free(b);
	free(truth);
	free(truth_b);
}

static void
test_jsonl(void)
{
	char *a = xasprintf("%s/a.jsonl", tmp), *b = xasprintf("%s/b.jsonl", tmp);
	char *ta = xasprintf("%s/ta.json", tmp), args[8192], *data;
	size_t len;
	int lines = 0, bad = 0, with_verifiers = 0, failures = 0, bad_failure = 0;

	snprintf(args, sizeof(args), "jsonl '%s' --tasks subset --attempts 2 --quiet --truth '%s'", a, ta);
	tap_is_int(run(args), 0, "jsonl: benchtop-gen exits 0");
	snprintf(args, sizeof(args), "jsonl '%s' --tasks subset --attempts 2 --quiet", b);
	run(args);
	tap_ok(hash_file(a) != 0 && hash_file(a) == hash_file(b), "jsonl: same seed gives identical bytes");
	if (file_read(a, 0, &data, &len, NULL, NULL) == BT_OK) {
		for (char *p = data, *nl; p < data + len; p = nl + 1) {
			cJSON *j, *rep, *f;
			nl = memchr(p, '\n', (size_t)(data + len - p));
			if (!nl)
				break;
			if (*p == '#')
				continue;
			j = cJSON_ParseWithLength(p, (size_t)(nl - p));
			lines++;
			if (!j || cJSON_GetObjectItem(j, "benchtop")->valueint != 1) {
				bad++;
				cJSON_Delete(j);
				continue;
			}
			with_verifiers += cJSON_GetObjectItem(j, "verifiers") != NULL;
			rep = cJSON_GetObjectItem(j, "report");
			if (cJSON_IsObject(rep)) {
				cJSON *r;
				int i = 0;
				cJSON_ArrayForEach(r, cJSON_GetObjectItem(rep, "requests")) {
					int n = cJSON_GetArraySize(cJSON_GetObjectItem(r, "passed")) +
						cJSON_GetArraySize(cJSON_GetObjectItem(r, "failed"));
					if (i >= 32 || n != nominal[i] || strcmp(cJSON_GetObjectItem(r, "name")->valuestring, req_names[i]))
						bad++;
					i++;
				}
				if (i != 32)
					bad++;
			}
			f = cJSON_GetObjectItem(j, "failure");
			if (f) {
				const char *cat = cJSON_GetObjectItem(f, "category")->valuestring;
				failures++;
				if (strcmp(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "run"), "agent")->valuestring, "mini_swe_sdk") ||
				    (strcmp(cat, "logic_error") == 0) != (cJSON_GetObjectItem(f, "subcategory") != NULL))
					bad_failure++;
			}
			cJSON_Delete(j);
		}
		free(data);
	}
	tap_is_int(lines, 3 * (16 + 20) * 2, "jsonl: one line per attempt (3 runs, 16 + 20 tasks, 2 attempts)");
	tap_is_int(bad, 0, "jsonl: lines parse, requests carry the collection's names and counts");
	tap_is_int(with_verifiers, 0, "jsonl: no verifiers object (benchtop computes them)");
	tap_ok(failures > 0 && bad_failure == 0, "jsonl: failure taxonomy only for mini_swe_sdk, subcategory iff logic_error (%d)", failures);
	free(a);
	free(b);
	free(ta);
}

static void
test_stability(void)
{
	/* an attempt's content does not depend on the other options */
	char *x = xasprintf("%s/x", tmp), *y = xasprintf("%s/y", tmp), args[8192];
	char *px, *py;

	snprintf(args, sizeof(args), "tree '%s' --runs mini_swe_sdk/synthetic-large:0.86 --tasks subset --attempts 1 --no-features --quiet", x);
	run(args);
	snprintf(args, sizeof(args), "tree '%s' --runs mini_swe_sdk/synthetic-large:0.86,openhands_sdk/o:0.5 --tasks subset --attempts 2 --quiet", y);
	run(args);
	px = xasprintf("%s/data/results/node/mini_swe_sdk/synthetic-large/fastify-openapi-clean_architecture", x);
	py = xasprintf("%s/data/results/node/mini_swe_sdk/synthetic-large/fastify-openapi-clean_architecture", y);
	{
		size_t fx = 0, fy = 0;
		char *rx = xasprintf("%s", px), *ry = xasprintf("%s", py);
		uint64_t hx = hash_tree(rx, 1, &fx);
		/* y has run_0 and run_1; compare run_0 only by hashing x's single run
		 * against the same folder of y without run_1 */
		char *cmd = xasprintf("rm -rf '%s'/*/run_1", py);
		tap_ok(system(cmd) == 0, "stability: setup");
		tap_ok(fx > 0 && hx == hash_tree(ry, 1, &fy), "stability: an attempt is identical whatever else is generated");
		free(cmd);
		free(rx);
		free(ry);
	}
	free(px);
	free(py);
	free(x);
	free(y);
}

int
main(void)
{
	const char *top = getenv("abs_top_builddir");
	char *cmd;

	snprintf(gen_bin, sizeof(gen_bin), "%s/benchtop-gen", top ? top : ".");
	if (!file_exists(gen_bin)) {
		tap_skip("benchtop-gen not built at %s", gen_bin);
		return tap_done();
	}
	snprintf(tmp, sizeof(tmp), "%s/test-gen.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmp)) {
		tap_ok(0, "mkdtemp");
		return tap_done();
	}
	test_tree();
	test_jsonl();
	test_stability();
	cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", tmp);
	free(cmd);
	return tap_done();
}
