/* ingest.h: turning files on disk into attempts in the store.
 *
 * import_paths() takes any mix of JSONL files, results trees and judge CSVs,
 * recognises each by its content, and puts what it reads into the store in
 * transactions (a JSONL file is one transaction; a results tree commits
 * task by task).  Per-format readers live in ingest_*.c; the parsers they
 * use (parse.h, verify.h) never touch the store.
 */
#ifndef BENCHTOP_INGEST_H
#define BENCHTOP_INGEST_H

#include <stdbool.h>
#include <stdio.h>

#include "benchtop/attempt.h"
#include "benchtop/parse.h"
#include "benchtop/store.h"
#include "benchtop/util.h"

/* Artifacts larger than this are stored truncated, with a problem noted. */
#define INGEST_ARTIFACT_LIMIT (64u << 20)

struct import_options {
	bool keep_going;        /* import good JSONL lines, list the bad ones */
	bool quiet;             /* no progress bar */
	bool progress;          /* draw a progress bar on `progress_out` */
	FILE *progress_out;
	const char *run_name;   /* --name: overrides the run name of a tree */
	const char *label;      /* --label */
	const char *collection; /* --collection FILE: the Postman collection */
	struct strv allow_outside; /* --allow-outside DIR: real paths of trusted folders */
	const char *judge_run;  /* --run: the run a judge CSV judges */
	double unfinished_after; /* trees, > 0: a run folder without its Newman CSV is
				  * still being written unless nothing in it changed
				  * for this many seconds (import --watch) */
};

/* What an import did, for the summary printed at the end. */
struct import_summary {
	struct strv runs;       /* names of runs touched */
	long tasks;             /* distinct (run, task) units written */
	long attempts;          /* attempts written */
	long judgements;        /* judge CSV rows written */
	long labelled;          /* items of judge validation sets written */
	long notes;             /* tags and notes read from notes exports */
	long task_files;        /* task JSONs read */
	long superseded;        /* older date folders skipped */
	long replaced;          /* attempts of older batches removed */
	long flagged;           /* attempts with problems recorded */
	long waiting;           /* run folders left for later (unfinished_after) */
	struct strv superseded_paths;
	struct strv bad_lines;  /* "file:line: message" (JSONL --keep-going) */
	struct strv unreadable; /* "path: why" for files that could not be read */
	long read_errors;       /* of them, OS read errors: the import exits 74 */
	struct strv unmatched;  /* "file:line: judgement" matching no attempt */
	struct strv failed_inputs; /* inputs that failed as a whole, with why */
	double seconds;
	long bytes;             /* input bytes read */
};

void import_summary_free(struct import_summary *s);
/* Names, paths and messages in it come out sanitized (ASCII unless utf8). */
void import_summary_print(const struct import_summary *s, FILE *out, bool utf8);

/* What a named input is, recognised by its content: a folder is a tree, a
 * file is sniffed; anything else (a FIFO, a device) is an error. */
enum input_kind {
	INPUT_UNKNOWN, INPUT_JSONL, INPUT_TREE, INPUT_JUDGE_CSV, INPUT_TASK_JSON, INPUT_LABEL_SET,
	INPUT_NOTES
};
int import_sniff(const char *path, enum input_kind *kind, struct bt_error *err);

/* Import every path into the open (writable) store.  Each input is a unit
 * on its own: one that fails is listed in sum->failed_inputs and the others
 * still go in; the status (and err) is the first failure's. */
int import_paths(struct store *st, char *const *paths, size_t n, const struct import_options *o,
		 struct import_summary *sum, struct bt_error *err);

/* Where an import may read artifacts from: inside root (after symbolic
 * links are resolved: the JSONL file's folder, the task JSON's folder, the
 * results tree named), or inside a folder --allow-outside names, so that a
 * path in the input cannot put another file of the machine into a store. */
struct ingest_scope {
	const char *root;         /* a real path; NULL: only the allowed folders */
	const struct strv *allow; /* real paths (import_options.allow_outside) */
};
/* BT_OK when path resolves inside the scope; else BT_EINPUT (outside, or
 * missing: BT_ENOINPUT) or BT_EIO (an OS error resolving it), err naming
 * the path. */
int ingest_scope_check(const struct ingest_scope *s, const char *path, struct bt_error *err);
/* The same, cheaper, for an entry of a folder already found in the scope. */
int ingest_scope_check_entry(const struct ingest_scope *s, const char *path,
			     struct bt_error *err);

/* ---------------------------------------------------------------- JSONL */

/* Where a JSONL file's artifact paths lead: relative ones start at dir;
 * every one must be in the scope. */
struct jsonl_origin {
	const char *dir;
	struct ingest_scope scope;
};
/* Parse one JSONL line into an attempt (not finished, not verified).
 * origin resolves artifact paths; with origin NULL, artifact paths are
 * refused (used by the fuzzer).  Errors say "file:line: field 'x': ...";
 * BT_EIO is an artifact that could not be read. */
int jsonl_parse_line(const char *line, size_t len, const char *file, long lineno,
		     const struct jsonl_origin *origin, struct attempt *a, struct bt_error *err);
/* Import a whole JSONL file in one transaction. */
int jsonl_import(struct store *st, const char *path, const struct import_options *o,
		 struct import_summary *sum, struct bt_error *err);
/* The same from a stream (standard input), `name` in messages. */
int jsonl_import_stream(struct store *st, FILE *f, const char *name,
			const struct import_options *o, struct import_summary *sum,
			struct bt_error *err);
/* Where the lines of a JSONL file imported so far end. */
struct jsonl_pos {
	long offset; /* the byte after the last line imported */
	long lineno; /* its line number */
};
/* Import the whole lines appended after *pos in one transaction and move
 * *pos past them; a last line without its newline waits (import --watch). */
int jsonl_import_appended(struct store *st, const char *path, struct jsonl_pos *pos,
			  const struct import_options *o, struct import_summary *sum,
			  struct bt_error *err);

/* ---------------------------------------------------------------- trees */

/* Import a results tree (data/results/{runtime}/{agent}/{model}/{task}/
 * {date}/run_N/, or any folder inside one; see ingest_tree.c).  Task
 * definitions under a data/tasks folder next to it are read too. */
int tree_import(struct store *st, const char *path, const struct import_options *o,
		struct import_summary *sum, struct bt_error *err);
/* Import task folders of the results tree at root ({runtime}/{agent}/
 * {model}/{task} below it), as tree_import() does, in one transaction; the
 * runs' source is root.  Task definitions are not read. */
int tree_import_folders(struct store *st, const char *root, char *const *task_dirs, size_t n,
			const struct import_options *o, struct import_summary *sum,
			struct bt_error *err);
/* Append to out the task folders below path, a folder of the tree at root,
 * that tree_import() would import. */
void tree_find_task_folders(const char *root, const char *path, const struct import_options *o,
			    struct strv *out);

/* ---------------------------------------------------------------- watch */

/* `import --watch` (ingest_watch.c): results trees and JSONL files followed
 * while they are written.  A task folder of a tree is imported (one unit,
 * by tree_import_folders()) when it holds a finished run folder (its Newman
 * CSV) and nothing in it has changed for the quiet period, and again when
 * it changes; a JSONL file's appended whole lines are imported as they
 * come (jsonl_import_appended()).  Changes are seen with inotify on Linux,
 * else by scanning every second (network and FUSE file systems, where
 * inotify does not see other hosts' writes, or when inotify runs out of
 * watches). */
struct watch_options {
	double quiet_period; /* seconds a task folder must stay unchanged */
	bool verbose;        /* say on stderr how each path is watched */
	bool force_poll;     /* scan even where inotify works */
	bool utf8;           /* the terminal shows UTF-8 (for the lines printed) */
	FILE *out;           /* one line per unit imported; NULL: none */
};
struct watch;
/* Start watching paths (directories: results trees, maybe empty; files:
 * JSONL files, or other inputs imported once here).  The store is put in
 * WAL mode for the readers beside it. */
int watch_open(struct store *st, char *const *paths, size_t n, const struct import_options *o,
	       const struct watch_options *wo, struct watch **out, struct bt_error *err);
/* Take in what changed and import every unit due at `now` (seconds on any
 * steady clock: tests pass their own); *units gets the count imported.  A
 * unit that cannot be imported is reported and skipped; an error is the
 * store's. */
int watch_update(struct watch *w, double now, long *units, struct bt_error *err);
/* watch_update() and wait for changes until SIGINT or SIGTERM, which end it
 * after the unit being imported. */
int watch_run(struct watch *w, struct bt_error *err);
/* Stop: the runs' live marks are removed.  Frees w. */
int watch_close(struct watch *w, struct bt_error *err);

/* ---------------------------------------------------------------- other */

/* A failure-taxonomy judge CSV (failure_analysis_*.csv,
 * logic_subcategories*.csv) read whole into data; `name` in messages. */
int judge_import_data(struct store *st, const char *data, size_t len, const char *name,
		      const struct import_options *o, struct import_summary *sum,
		      struct bt_error *err);
/* One task JSON (data/tasks/FOLDER/NAME.json), with its reference patch when
 * named (from the JSON's folder, or one --allow-outside names). */
int taskdef_import(struct store *st, const char *path, const struct import_options *o,
		   struct import_summary *sum, struct bt_error *err);
/* A judge validation set (upstream-format.md 6.4, or `benchtop label
 * export`) read whole into data: labelled items, the human's labels under
 * the labeller "human" (or the file's). */
int labelset_import_data(struct store *st, const char *data, size_t len, const char *name,
			 const struct import_options *o, struct import_summary *sum,
			 struct bt_error *err);

/* A notes export (benchtop notes --format csv|json) read into data: its
 * tags and notes, in one transaction; `name` in messages. */
int notes_import_data(struct store *st, const char *data, size_t len, const char *name,
		      const struct import_options *o, struct import_summary *sum,
		      struct bt_error *err);

/* ---------------------------------------------------------------- shared */

/* After a reader filled an attempt: read trajectory facts from the
 * trajectory artifact when unknown, run the verifiers that are still
 * unset, and derive the metrics. */
void ingest_complete_attempt(struct attempt *a);
/* Read a file of the scope as an artifact (capped at INGEST_ARTIFACT_LIMIT;
 * scope NULL: the caller checked the path).
 * A missing, outside or special file is a problem noted on the attempt
 * (BT_OK, nothing stored); an OS read error returns BT_EIO with err naming
 * the path and the error: the caller stores nothing of the attempt's unit. */
int ingest_read_artifact(struct attempt *a, enum artifact_kind kind, const char *path,
			 const struct ingest_scope *scope, struct bt_error *err);
/* Bundle an OpenHands conversation folder (base_state.json + events/) into
 * the stored form {"base_state": ..., "events": [...]}.  dir is in the
 * scope (the caller checked); its files must be too.  Caller frees *out. */
int ingest_bundle_openhands(const char *dir, const struct ingest_scope *scope, char **out,
			    size_t *len, struct bt_error *err);
/* An input given as a stream: "-" (standard input), /dev/stdin, /dev/fd/N,
 * /proc/self/fd/N.  Such an input is read once, front to back. */
bool ingest_is_stream(const char *path);

/* A progress bar on a terminal: "attempts done, rate, time left". */
struct progress {
	FILE *out;
	bool enabled;
	long done, total;
	double start, last;
	const char *what;
};
void progress_start(struct progress *p, FILE *out, bool enabled, long total, const char *what);
void progress_step(struct progress *p, long n);
void progress_end(struct progress *p);

#endif
