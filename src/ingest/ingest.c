/* ingest.c: recognising inputs, shared attempt completion, artifacts,
 * progress and the import summary. */
#include "config.h"

#include "benchtop/ingest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchtop/sanitize.h"
#include "benchtop/utf8.h"
#include "benchtop/verify.h"

#include <cjson/cJSON.h>

#include "benchtop/labelset.h"
#include "benchtop/parse_util.h"

void
import_summary_free(struct import_summary *s)
{
	strv_free(&s->runs);
	strv_free(&s->superseded_paths);
	strv_free(&s->bad_lines);
	strv_free(&s->unreadable);
	strv_free(&s->failed_inputs);
	strv_free(&s->unmatched);
	memset(s, 0, sizeof(*s));
}

static void
print_list(FILE *out, const char *title, const struct strv *v, size_t max, bool utf8)
{
	if (!v->n)
		return;
	fprintf(out, "%s (%zu):\n", title, v->n);
	for (size_t i = 0; i < v->n && i < max; i++) {
		fputs("  ", out);
		sanitize_message(out, v->v[i], utf8);
		fputc('\n', out);
	}
	if (v->n > max)
		fprintf(out, "  ... and %zu more\n", v->n - max);
}

void
import_summary_print(const struct import_summary *s, FILE *out, bool utf8)
{
	double rate = s->seconds > 0 ? (double)s->attempts / s->seconds : 0;

	fprintf(out, "imported %ld attempt%s of %ld task%s in %zu run%s", s->attempts,
		s->attempts == 1 ? "" : "s", s->tasks, s->tasks == 1 ? "" : "s", s->runs.n,
		s->runs.n == 1 ? "" : "s");
	if (s->judgements)
		fprintf(out, ", %ld judgement%s", s->judgements, s->judgements == 1 ? "" : "s");
	if (s->notes)
		fprintf(out, ", %ld tag%s and notes", s->notes, s->notes == 1 ? "" : "s");
	if (s->task_files)
		fprintf(out, ", %ld task definition%s", s->task_files, s->task_files == 1 ? "" : "s");
	if (s->labelled)
		fprintf(out, ", %ld labelled item%s", s->labelled, s->labelled == 1 ? "" : "s");
	fprintf(out, " (%.2f s, %.0f attempts/s, %.1f MB/s)\n", s->seconds, rate,
		s->seconds > 0 ? (double)s->bytes / 1e6 / s->seconds : 0.0);
	if (s->runs.n) {
		/* run names come from the input: never raw escapes */
		fprintf(out, "runs:");
		for (size_t i = 0; i < s->runs.n; i++) {
			fputc(' ', out);
			sanitize_message(out, s->runs.v[i], utf8);
		}
		fputc('\n', out);
	}
	if (s->superseded)
		fprintf(out, "superseded date folders skipped: %ld\n", s->superseded);
	if (s->replaced)
		fprintf(out, "attempts of older batches replaced: %ld\n", s->replaced);
	if (s->flagged)
		fprintf(out, "attempts with problems (shown in the attempt view): %ld\n", s->flagged);
	print_list(out, "superseded folders", &s->superseded_paths, 10, utf8);
	print_list(out, "files that could not be read", &s->unreadable, 20, utf8);
	print_list(out, "bad lines (not imported)", &s->bad_lines, 20, utf8);
	/* stored all the same: the runs may come later */
	print_list(out, "judgements that match no attempt", &s->unmatched, 5, utf8);
	print_list(out, "inputs not imported", &s->failed_inputs, 20, utf8);
}

/* ------------------------------------------------------------ artifacts */

static bool
path_inside(const char *real, const char *dir)
{
	size_t n = strlen(dir);

	if (n == 1 && dir[0] == '/')
		return true;
	return strncmp(real, dir, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

int
ingest_scope_check(const struct ingest_scope *s, const char *path, struct bt_error *err)
{
	char real[PATH_MAX];

	if (!realpath(path, real))
		return bt_errorf(err, errno == ENOENT || errno == ENOTDIR ? BT_ENOINPUT
				 : errno == ELOOP || errno == ENAMETOOLONG ? BT_EINPUT : BT_EIO,
				 "%s: %s", path, strerror(errno));
	if (s->root && path_inside(real, s->root))
		return BT_OK;
	for (size_t i = 0; s->allow && i < s->allow->n; i++)
		if (path_inside(real, s->allow->v[i]))
			return BT_OK;
	return bt_errorf(err, BT_EINPUT, "%s%s%s: outside the input%s%s%s; --allow-outside DIR "
			 "trusts a folder", path,
			 strcmp(real, path) ? " -> " : "", strcmp(real, path) ? real : "",
			 s->root ? " (" : "", s->root ? s->root : "", s->root ? ")" : "");
}

int
ingest_scope_check_entry(const struct ingest_scope *s, const char *path, struct bt_error *err)
{
	struct stat st;

	/* in a folder of the scope, only a symbolic link can lead out */
	if (lstat(path, &st) == 0 && !S_ISLNK(st.st_mode))
		return BT_OK;
	return ingest_scope_check(s, path, err);
}

int
ingest_read_artifact(struct attempt *a, enum artifact_kind kind, const char *path,
		     const struct ingest_scope *scope, struct bt_error *err)
{
	struct bt_error e;
	struct stat st;
	char *data;
	size_t len;
	bool trunc;
	int rc;

	if (!scope || !(rc = ingest_scope_check(scope, path, &e)))
		rc = file_read(path, INGEST_ARTIFACT_LIMIT, &data, &len, &trunc, &e);
	if (rc == BT_EIO)
		return bt_errorf(err, rc, "%s", e.msg);
	if (rc) {
		attempt_problem(a, "%s: not read: %s", artifact_kind_name(kind), e.msg);
		return BT_OK;
	}
	size_t size = len;
	if (trunc) {
		size = stat(path, &st) == 0 ? (size_t)st.st_size : len;
		attempt_problem(a, "%s: %s is %zu bytes; stored the first %zu",
				artifact_kind_name(kind), path_base(path), size, len);
	}
	attempt_set_artifact(a, kind, path, data, len, size, trunc);
	return BT_OK;
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
ingest_bundle_openhands(const char *dir, const struct ingest_scope *scope, char **out,
			size_t *len, struct bt_error *err)
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
	if (!(rc = ingest_scope_check_entry(scope, base_path, err)))
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
	rc = ingest_scope_check_entry(scope, events_dir, err);
	if (rc == BT_ENOINPUT)
		rc = BT_OK; /* no events yet */
	else if (!rc && (d = opendir(events_dir))) {
		struct dirent *e;
		while ((e = readdir(d)))
			if (str_starts(e->d_name, "event-") && str_ends(e->d_name, ".json"))
				strv_push(&names, e->d_name);
		closedir(d);
	} else if (!rc) {
		rc = bt_errorf(err, BT_EIO, "%s: %s", events_dir, strerror(errno));
	}
	strv_sort(&names);
	for (size_t i = 0; i < names.n && !rc; i++) {
		char *p = path_join(events_dir, names.v[i]);
		struct bt_error e;
		int erc = ingest_scope_check_entry(scope, p, &e);
		if (!erc)
			erc = file_read(p, INGEST_ARTIFACT_LIMIT, &data, &n, NULL, &e);
		free(p);
		if (erc == BT_EIO) {
			rc = bt_errorf(err, erc, "%s", e.msg);
			break;
		}
		if (erc) {
			/* keep the place of an event not read: the last one decides */
			data = xstrdup(e.msg);
			n = strlen(data);
		}
		if (b.len + n > INGEST_ARTIFACT_LIMIT) {
			free(data);
			break;
		}
		if (i)
			buf_puts(&b, ",\n");
		append_json_or_string(&b, data, n);
		free(data);
	}
	buf_puts(&b, "]}\n");
	strv_free(&names);
	free(events_dir);
	if (rc) {
		buf_free(&b);
		return rc;
	}
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

/* What the first bytes of an input say it is; path's suffix breaks ties. */
static enum input_kind
sniff_head(const char *path, char *head, size_t n)
{
	size_t first_line;

	head[n] = '\0';
	if (judge_sniff(head, n))
		return INPUT_JUDGE_CSV;
	if (labelset_sniff(head, n))
		return INPUT_LABEL_SET;
	if (notes_sniff(head, n))
		return INPUT_NOTES;
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

/* A named input: a folder is a tree, a file is sniffed; anything else (a
 * FIFO, a device) is refused, never opened for a blocking read. */
int
import_sniff(const char *path, enum input_kind *kind, struct bt_error *err)
{
	char head[4096];
	struct stat sb;
	ssize_t n;
	int fd;

	*kind = INPUT_UNKNOWN;
	if (stat(path, &sb) != 0)
		return bt_errorf(err, errno == ENOENT ? BT_ENOINPUT : BT_EIO, "%s: %s", path,
				 strerror(errno));
	if (S_ISDIR(sb.st_mode)) {
		*kind = INPUT_TREE;
		return BT_OK;
	}
	if (!S_ISREG(sb.st_mode))
		return bt_errorf(err, BT_EINPUT, "%s: %s, not a file or a folder%s", path,
				 file_type_name(sb.st_mode),
				 S_ISFIFO(sb.st_mode) ? " (to read a pipe: benchtop import - < PATH)" : "");
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)) < 0 ||
	    (n = read(fd, head, sizeof(head) - 1)) < 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return bt_errorf(err, BT_EIO, "%s: %s", path, strerror(e));
	}
	close(fd);
	*kind = sniff_head(path, head, (size_t)n);
	return BT_OK;
}

bool
ingest_is_stream(const char *path)
{
	return strcmp(path, "-") == 0 || strcmp(path, "/dev/stdin") == 0 ||
	       str_starts(path, "/dev/fd/") || str_starts(path, "/proc/self/fd/");
}

/* Standard input or a pipe: copied to a temporary file (it can be read only
 * once, and the content decides how to read it), then imported as JSONL
 * or a judge CSV. */
static int
import_stream(struct store *st, const char *path, const struct import_options *o,
	      struct import_summary *sum, struct bt_error *err)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	int fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
	char chunk[1 << 16];
	FILE *tmp;
	size_t n;
	ssize_t got;
	int rc = BT_OK;

	if (fd < 0)
		return bt_errorf(err, BT_EIO, "%s: %s", name, strerror(errno));
	if (!(tmp = tmpfile())) {
		close(fd);
		return bt_errorf(err, BT_EIO, "cannot make a temporary file for %s: %s", name,
				 strerror(errno));
	}
	while ((got = read(fd, chunk, sizeof(chunk))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 || fwrite(chunk, 1, (size_t)got, tmp) != (size_t)got) {
			rc = bt_errorf(err, BT_EIO, "%s: %s", name, strerror(errno));
			break;
		}
	}
	close(fd);
	if (!rc) {
		rewind(tmp);
		n = fread(chunk, 1, 4095, tmp);
		rewind(tmp);
		switch (sniff_head(name, chunk, n)) {
		case INPUT_JSONL:
			rc = jsonl_import_stream(st, tmp, name, o, sum, err);
			break;
		case INPUT_JUDGE_CSV:
		case INPUT_LABEL_SET: {
			enum input_kind kind = sniff_head(name, chunk, n);
			struct buf b;
			buf_init(&b);
			while ((n = fread(chunk, 1, sizeof(chunk), tmp)) > 0)
				buf_append(&b, chunk, n);
			rc = (kind == INPUT_JUDGE_CSV ? judge_import_data : labelset_import_data)(
				st, b.data ? b.data : "", b.len, name, o, sum, err);
			buf_free(&b);
			break;
		}
		default:
			rc = bt_errorf(err, BT_EINPUT, "%s: not JSONL, a judge CSV or a judge validation "
				       "set (a results tree or a task JSON is named by its path)", name);
		}
	}
	fclose(tmp);
	return rc;
}

/* The inputs read whole, then parsed (judge CSVs, validation sets). */
typedef int (*import_data_fn)(struct store *st, const char *data, size_t len, const char *name,
			      const struct import_options *o, struct import_summary *sum,
			      struct bt_error *err);

static int
import_whole(struct store *st, const char *path, import_data_fn fn,
	     const struct import_options *o, struct import_summary *sum, struct bt_error *err)
{
	char *data;
	size_t len;
	int rc;

	if ((rc = file_read(path, 0, &data, &len, NULL, err)))
		return rc;
	rc = fn(st, data, len, path, o, sum, err);
	free(data);
	return rc;
}

static int
import_kind(struct store *st, const char *path, enum input_kind kind,
	    const struct import_options *o, struct import_summary *sum, struct bt_error *err)
{
	switch (kind) {
	case INPUT_JSONL:
		return jsonl_import(st, path, o, sum, err);
	case INPUT_TREE:
		return tree_import(st, path, o, sum, err);
	case INPUT_JUDGE_CSV:
		return import_whole(st, path, judge_import_data, o, sum, err);
	case INPUT_TASK_JSON:
		return taskdef_import(st, path, o, sum, err);
	case INPUT_LABEL_SET:
		return import_whole(st, path, labelset_import_data, o, sum, err);
	case INPUT_NOTES:
		return import_whole(st, path, notes_import_data, o, sum, err);
	default:
		return bt_errorf(err, BT_EINPUT, "%s: not a JSONL file, a results tree, a task JSON, "
				 "a judge CSV, a judge validation set or a notes export", path);
	}
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
		enum input_kind kind = INPUT_UNKNOWN;
		int rc;

		if (ingest_is_stream(paths[i]))
			rc = import_stream(st, paths[i], o, sum, &e);
		else if ((rc = import_sniff(paths[i], &kind, &e)) == BT_OK)
			rc = import_kind(st, paths[i], kind, o, sum, &e);
		if (rc) {
			/* the input was rolled back: so are its counts */
			sum->tasks = before.tasks;
			sum->attempts = before.attempts;
			sum->judgements = before.judgements;
			sum->labelled = before.labelled;
			sum->notes = before.notes;
			sum->task_files = before.task_files;
			sum->superseded = before.superseded;
			sum->replaced = before.replaced;
			sum->flagged = before.flagged;
			strv_truncate(&sum->runs, before.runs.n);
			strv_truncate(&sum->superseded_paths, before.superseded_paths.n);
			strv_truncate(&sum->unmatched, before.unmatched.n);
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
