/* ingest.c: recognising inputs, shared attempt completion, artifacts,
 * progress and the import summary. */
#include "config.h"

#include "benchtop/ingest.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchtop/utf8.h"
#include "benchtop/verify.h"

#include <cjson/cJSON.h>

#include "benchtop/parse_util.h"

void
import_summary_free(struct import_summary *s)
{
	strv_free(&s->runs);
	strv_free(&s->superseded_paths);
	strv_free(&s->bad_lines);
	strv_free(&s->unreadable);
	strv_free(&s->failed_inputs);
	memset(s, 0, sizeof(*s));
}

static void
print_list(FILE *out, const char *title, const struct strv *v, size_t max)
{
	if (!v->n)
		return;
	fprintf(out, "%s (%zu):\n", title, v->n);
	for (size_t i = 0; i < v->n && i < max; i++)
		fprintf(out, "  %s\n", v->v[i]);
	if (v->n > max)
		fprintf(out, "  ... and %zu more\n", v->n - max);
}

void
import_summary_print(const struct import_summary *s, FILE *out)
{
	double rate = s->seconds > 0 ? (double)s->attempts / s->seconds : 0;

	fprintf(out, "imported %ld attempt%s of %ld task%s in %zu run%s", s->attempts,
		s->attempts == 1 ? "" : "s", s->tasks, s->tasks == 1 ? "" : "s", s->runs.n,
		s->runs.n == 1 ? "" : "s");
	if (s->judgements)
		fprintf(out, ", %ld judgement%s", s->judgements, s->judgements == 1 ? "" : "s");
	if (s->task_files)
		fprintf(out, ", %ld task definition%s", s->task_files, s->task_files == 1 ? "" : "s");
	fprintf(out, " (%.2f s, %.0f attempts/s, %.1f MB/s)\n", s->seconds, rate,
		s->seconds > 0 ? (double)s->bytes / 1e6 / s->seconds : 0.0);
	if (s->runs.n) {
		fprintf(out, "runs:");
		for (size_t i = 0; i < s->runs.n; i++)
			fprintf(out, " %s", s->runs.v[i]);
		fputc('\n', out);
	}
	if (s->superseded)
		fprintf(out, "superseded date folders skipped: %ld\n", s->superseded);
	if (s->replaced)
		fprintf(out, "attempts of older batches replaced: %ld\n", s->replaced);
	if (s->flagged)
		fprintf(out, "attempts with problems (shown in the attempt view): %ld\n", s->flagged);
	print_list(out, "superseded folders", &s->superseded_paths, 10);
	print_list(out, "files that could not be read", &s->unreadable, 20);
	print_list(out, "bad lines (not imported)", &s->bad_lines, 20);
	print_list(out, "inputs not imported", &s->failed_inputs, 20);
}

/* ------------------------------------------------------------ artifacts */

bool
ingest_read_artifact(struct attempt *a, enum artifact_kind kind, const char *path)
{
	struct bt_error err;
	struct stat st;
	char *data;
	size_t len;
	bool trunc;

	if (file_read(path, INGEST_ARTIFACT_LIMIT, &data, &len, &trunc, &err)) {
		attempt_problem(a, "%s: cannot read: %s", artifact_kind_name(kind), err.msg);
		return false;
	}
	size_t size = len;
	if (trunc) {
		size = stat(path, &st) == 0 ? (size_t)st.st_size : len;
		attempt_problem(a, "%s: %s is %zu bytes; stored the first %zu",
				artifact_kind_name(kind), path_base(path), size, len);
	}
	attempt_set_artifact(a, kind, path, data, len, size, trunc);
	return true;
}

/* Append data as JSON: the document itself when it is valid JSON in valid
 * UTF-8, else a JSON string holding it (invalid bytes as U+FFFD), so one
 * broken event file cannot make the whole conversation unreadable. */
static void
append_json_or_string(struct buf *b, const char *data, size_t n)
{
	cJSON *doc = n ? parse_json(data, n, "", NULL) : NULL;

	if (doc) {
		cJSON_Delete(doc);
		buf_append(b, data, n);
		return;
	}
	buf_putc(b, '"');
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(data + i, n - i, &cp);
		if (cp & UTF8_INVALID_BYTE)
			buf_puts(b, "\\ufffd");
		else if (cp == '"' || cp == '\\')
			buf_printf(b, "\\%c", (char)cp);
		else if (cp < 0x20)
			buf_printf(b, "\\u%04x", (unsigned)cp);
		else
			buf_append(b, data + i, k);
		i += k;
	}
	buf_putc(b, '"');
}

int
ingest_bundle_openhands(const char *dir, char **out, size_t *len, struct bt_error *err)
{
	char *base_path = path_join(dir, "base_state.json");
	char *events_dir = path_join(dir, "events");
	struct buf b;
	struct strv names = {0};
	char *data;
	size_t n;
	int rc;
	DIR *d;

	*out = NULL;
	*len = 0;
	rc = file_read(base_path, INGEST_ARTIFACT_LIMIT, &data, &n, NULL, err);
	free(base_path);
	if (rc) {
		free(events_dir);
		return rc;
	}
	buf_init(&b);
	buf_puts(&b, "{\"base_state\": ");
	append_json_or_string(&b, data, n);
	free(data);
	buf_puts(&b, ",\n\"events\": [");
	if ((d = opendir(events_dir))) {
		struct dirent *e;
		while ((e = readdir(d)))
			if (str_starts(e->d_name, "event-") && str_ends(e->d_name, ".json"))
				strv_push(&names, e->d_name);
		closedir(d);
	}
	strv_sort(&names);
	for (size_t i = 0; i < names.n; i++) {
		char *p = path_join(events_dir, names.v[i]);
		struct bt_error e;
		if (file_read(p, INGEST_ARTIFACT_LIMIT, &data, &n, NULL, &e) != BT_OK) {
			/* keep the place of an unreadable event: the last one decides */
			data = xstrdup(e.msg);
			n = strlen(data);
		}
		if (b.len + n > INGEST_ARTIFACT_LIMIT) {
			free(data);
			free(p);
			break;
		}
		if (i)
			buf_puts(&b, ",\n");
		append_json_or_string(&b, data, n);
		free(data);
		free(p);
	}
	buf_puts(&b, "]}\n");
	strv_free(&names);
	free(events_dir);
	*len = b.len;
	*out = buf_steal(&b);
	return BT_OK;
}

/* ------------------------------------------------------------ attempts */

void
ingest_complete_attempt(struct attempt *a)
{
	struct artifact *traj = &a->artifacts[ARTIFACT_TRAJECTORY];

	/* every trajectory that may be JSON is read, to know its format and
	 * to record what makes it unreadable; its facts fill what the
	 * importer does not know */
	if (traj->present && !str_eq(traj->format, "text")) {
		struct trajectory t;
		struct bt_error err;

		trajectory_init(&t);
		if (trajectory_parse(traj->format, traj->data, traj->len,
				     traj->path ? traj->path : "artifacts.trajectory", &t, &err) != BT_OK)
			attempt_problem(a, "trajectory: %s", err.msg);
		if (t.format[0])
			snprintf(traj->format, sizeof(traj->format), "%s", t.format);
		if (!a->termination && t.termination)
			a->termination = xstrdup(t.termination);
		if (a->steps < 0)
			a->steps = t.steps;
		if (a->tokens_in < 0 && a->tokens_out < 0 && t.tokens_approx)
			a->flags |= ATTEMPT_TOKENS_APPROX;
		if (a->tokens_in < 0)
			a->tokens_in = t.tokens_in;
		if (a->tokens_out < 0)
			a->tokens_out = t.tokens_out;
		if (a->llm_calls < 0)
			a->llm_calls = t.llm_calls;
		if (a->cost < 0)
			a->cost = t.cost;
		trajectory_free(&t);
	}
	verify_attempt(a);
	attempt_finish(a);
}

/* ------------------------------------------------------------ progress */

void
progress_start(struct progress *p, FILE *out, bool enabled, long total, const char *what)
{
	memset(p, 0, sizeof(*p));
	p->out = out ? out : stderr;
	p->enabled = enabled;
	p->total = total;
	p->what = what;
	p->start = p->last = clock_now();
}

static void
progress_draw(struct progress *p, double now)
{
	double el = now - p->start, rate = el > 0 ? (double)p->done / el : 0;
	double left = rate > 0 && p->total > p->done ? (double)(p->total - p->done) / rate : 0;
	int width = 30, fill = p->total > 0 ? (int)((double)width * (double)p->done / (double)p->total) : 0;

	if (fill > width)
		fill = width;
	fprintf(p->out, "\r[%.*s%*s] %ld/%ld %s  %.0f/s  %02d:%02d left ", fill,
		"##############################", width - fill, "", p->done, p->total, p->what,
		rate, (int)left / 60, (int)left % 60);
	fflush(p->out);
}

void
progress_step(struct progress *p, long n)
{
	double now;

	p->done += n;
	if (!p->enabled)
		return;
	now = clock_now();
	if (now - p->last >= 0.1) {
		p->last = now;
		progress_draw(p, now);
	}
}

void
progress_end(struct progress *p)
{
	if (!p->enabled)
		return;
	progress_draw(p, clock_now());
	fputc('\n', p->out);
}

/* ------------------------------------------------------------ dispatch */

enum input_kind { INPUT_UNKNOWN, INPUT_JSONL, INPUT_TREE, INPUT_JUDGE_CSV, INPUT_TASK_JSON };

static enum input_kind
sniff(const char *path)
{
	char head[4096];
	size_t n, first_line;
	FILE *f;

	if (file_is_dir(path))
		return INPUT_TREE;
	if (!(f = fopen(path, "rb")))
		return INPUT_UNKNOWN;
	n = fread(head, 1, sizeof(head) - 1, f);
	fclose(f);
	head[n] = '\0';
	if (judge_sniff(head, n))
		return INPUT_JUDGE_CSV;
	if (str_ends(path, ".jsonl"))
		return INPUT_JSONL;
	first_line = strcspn(head, "\n");
	size_t i = strspn(head, " \t\r\n");
	if (head[i] == '#')
		return INPUT_JSONL;
	if (head[i] != '{')
		return INPUT_UNKNOWN;
	/* a JSONL line carries the format version; a task JSON is one
	 * (usually pretty-printed) document */
	if (memmem(head, first_line, "\"benchtop\"", 10))
		return INPUT_JSONL;
	if (str_ends(path, ".json") || strstr(head, "\"dockerFolder\"") || strstr(head, "\"prompt\""))
		return INPUT_TASK_JSON;
	return INPUT_JSONL;
}

int
import_paths(struct store *st, char *const *paths, size_t n, const struct import_options *o,
	     struct import_summary *sum, struct bt_error *err)
{
	double t0 = clock_now();
	int first = BT_OK;

	/* each input is imported on its own: a bad one is reported and the
	 * others still go in; the status is the first error met */
	for (size_t i = 0; i < n; i++) {
		struct bt_error e = {0};
		struct import_summary before = *sum;
		int rc;

		switch (sniff(paths[i])) {
		case INPUT_JSONL:
			rc = jsonl_import(st, paths[i], o, sum, &e);
			break;
		case INPUT_TREE:
			rc = tree_import(st, paths[i], o, sum, &e);
			break;
		case INPUT_JUDGE_CSV:
			rc = judge_import(st, paths[i], o, sum, &e);
			break;
		case INPUT_TASK_JSON:
			rc = taskdef_import(st, paths[i], sum, &e);
			break;
		default:
			if (!file_exists(paths[i]))
				rc = bt_errorf(&e, BT_ENOINPUT, "%s: no such file or directory", paths[i]);
			else
				rc = bt_errorf(&e, BT_EINPUT,
					       "%s: not a JSONL file, a results tree, a task JSON or a "
					       "judge CSV", paths[i]);
			break;
		}
		if (rc) {
			/* the input was rolled back: so are its counts */
			sum->tasks = before.tasks;
			sum->attempts = before.attempts;
			sum->judgements = before.judgements;
			sum->task_files = before.task_files;
			sum->superseded = before.superseded;
			sum->replaced = before.replaced;
			sum->flagged = before.flagged;
			strv_truncate(&sum->runs, before.runs.n);
			strv_truncate(&sum->superseded_paths, before.superseded_paths.n);
			if (!first) {
				first = rc;
				bt_errorf(err, rc, "%s", e.msg);
			}
			strv_push_owned(&sum->failed_inputs, xasprintf("%s (nothing of it imported)",
									e.msg));
			/* a store failure (disk full, locked) dooms the rest too */
			if (rc != BT_EINPUT && rc != BT_ENOINPUT)
				break;
		}
	}
	sum->seconds = clock_now() - t0;
	return first;
}
