/* store.h: the results store, one SQLite file.  This is the only module that
 * speaks SQL; every query is named after what a report or a view needs.
 *
 * The schema is documented in benchtop-store(5).  Opening for reading never
 * creates a file; opening for writing creates the file and runs forward
 * migrations.  Every struct a query returns is owned by the caller and freed
 * with the matching *_free() function.
 */
#ifndef BENCHTOP_STORE_H
#define BENCHTOP_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/address.h"
#include "benchtop/attempt.h"
#include "benchtop/metrics.h"
#include "benchtop/util.h"

/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 5

struct store;

enum store_mode {
	STORE_READ,  /* read-only; the file must exist and be a benchtop store */
	STORE_WRITE, /* read-write; created when missing (its directory must exist) */
};

int store_open(const char *path, enum store_mode mode, struct store **out, struct bt_error *err);

/* How imports journal the store.  WAL lets a browser read while an import
 * writes, but only on one host: its -shm file is shared memory.  A rollback
 * journal works wherever file locks do (benchtop-store(5) says what is safe
 * where). */
enum store_journal {
	STORE_JOURNAL_AUTO,   /* WAL, but a rollback journal on a network filesystem */
	STORE_JOURNAL_WAL,
	STORE_JOURNAL_DELETE, /* the rollback journal */
};
/* "auto", "wal" or "delete"; -1 for anything else. */
int store_journal_parse(const char *name);
struct store_options {
	enum store_journal journal;
	bool immutable; /* read it as a file nobody writes (SQLite's immutable=1) */
};
/* store_open() with options; o NULL means all zero (auto, not immutable).
 * Reading creates no file beside the store and removes none it did not
 * create; it reads as immutable when nobody may write the file (no write
 * permission for anyone, or a read-only mount).  A new store in a setgid
 * directory takes the directory's group and permissions. */
int store_open_with(const char *path, enum store_mode mode, const struct store_options *o,
		    struct store **out, struct bt_error *err);

/* Where the open store lives and how it was opened. */
struct store_place {
	char fs[24];         /* the filesystem: "ext4", "nfs", "fuse"..., or statfs's number */
	bool network;        /* NFS, SMB/CIFS, FUSE (sshfs), Lustre, GPFS, AFS, 9p, Ceph... */
	bool readonly_mount; /* mounted read-only */
	bool writable;       /* this user may write the store: its file and its directory */
	bool wal;            /* imports use WAL here, else a rollback journal */
	bool journal_chosen; /* by --journal or the configuration, not by the filesystem */
	bool immutable;      /* read with immutable=1 */
};
const struct store_place *store_place(const struct store *s);
void store_close(struct store *s);
const char *store_path(const struct store *s);
/* PRAGMA user_version of the open store. */
int store_schema_version(struct store *s);
/* Call fn with every query's SQL and its EXPLAIN QUERY PLAN (one step per
 * line) as the query is prepared: tests check that indexes are used.
 * fn NULL stops watching. */
typedef void (*store_plan_fn)(void *ctx, const char *sql, const char *plan);
void store_watch_plans(struct store *s, store_plan_fn fn, void *ctx);
/* Make the store a single self-contained file (rollback journal, vacuumed),
 * for copying it or installing it read-only: readers then need no -wal or
 * -shm file beside it.  The next write puts it back in WAL mode. */
int store_make_portable(struct store *s, struct bt_error *err);
/* PRAGMA data_version: changes when another connection commits (for "new data available"). */
long store_data_version(struct store *s);
/* A new store being filled keeps a rollback journal until it is closed;
 * this puts it in WAL mode now, for readers beside a long-lived writer
 * (import --watch). */
void store_share(struct store *s);
/* Live marks: process pid (a running import --watch) is writing the run.
 * store_clear_live() removes every mark of pid (at its clean exit). */
int store_mark_live(struct store *s, const char *run_name, long pid, struct bt_error *err);
int store_clear_live(struct store *s, long pid, struct bt_error *err);

/* ------------------------------------------------------------- writing */

/* Transactions.  store_begin() starts the import transaction; savepoints
 * let --keep-going drop one bad unit without losing the others. */
int store_begin(struct store *s, struct bt_error *err);
int store_commit(struct store *s, struct bt_error *err);
void store_rollback(struct store *s);
int store_savepoint(struct store *s, struct bt_error *err);
int store_release(struct store *s, struct bt_error *err);
void store_rollback_savepoint(struct store *s);

/* Insert or replace one attempt (creating its run and task when needed).
 * An attempt is identified by (run name, task runtime+name, number); putting
 * it again replaces the old one with its requests, evidence and artifacts.
 * The (run, task) pair is remembered for store_refresh_task_results(). */
int store_put_attempt(struct store *s, const struct attempt *a, struct bt_error *err);
/* After a whole batch (date folder) of a task was put: delete the (run,
 * task)'s attempts from other batches and those whose number is not in
 * keep[0..n): a newer date folder replaces the older one's attempts.
 * *removed gets the count removed. */
int store_prune_task(struct store *s, const char *run_name, const struct task_info *t,
		     const char *batch, const int *keep, size_t n, long *removed,
		     struct bt_error *err);

/* Task metadata from a task JSON (upstream-format 3.3).  Strings may be NULL. */
struct task_meta {
	const char *description, *prompt, *repo_url, *repo_commit;
	const char *reference_patch;
	size_t reference_patch_len;
};
int store_put_task_meta(struct store *s, const struct task_info *t, const struct task_meta *m,
			struct bt_error *err);

/* A failure-taxonomy judgement (judge CSVs, or the JSONL "failure" object).
 * Either category or subcategory may be NULL (leave the stored one as is). */
struct judgement {
	const char *agent, *model, *runtime, *task;
	int number; /* N of run_N */
	/* the run judged; "" while no run of the agent/model exists (the first
	 * one imported claims the judgement) */
	const char *run;
	const char *category, *category_reasoning;
	const char *subcategory, *subcategory_reasoning;
	int subcategory_rank; /* 1: a per-model logic file or JSONL; 0: the generic file */
	const char *source;
};
int store_put_judgement(struct store *s, const struct judgement *j, struct bt_error *err);
/* Note the (run, task) pairs a judgement is about, so the next
 * store_refresh_task_results() updates their cached category. */
int store_touch_judged(struct store *s, const struct judgement *j, struct bt_error *err);
/* Remove a model's logic subcategories of rank below `below_rank` (a
 * per-model logic file replaces the generic file's rows, by model: spec 6.3). */
int store_clear_subcategories(struct store *s, const char *model, int below_rank,
			      struct bt_error *err);
/* The names of the runs of an agent/model, sorted (a judge CSV says only
 * agent and model: more than one run makes it ambiguous). */
int store_runs_of(struct store *s, const char *agent, const char *model, struct strv *names,
		  struct bt_error *err);
/* Whether the run has an attempt of the task with that number. */
int store_has_attempt(struct store *s, const char *run, const char *runtime, const char *task,
		      int number, bool *yes, struct bt_error *err);

/* Outcomes of the attempts of each (run, task) pair touched since the last
 * call, for the cached per-task statistics.  The callback computes the
 * statistics; the store writes them.  Call inside the import transaction. */
typedef void (*store_stats_fn)(const struct attempt_outcome *a, size_t n, struct task_stats *out);
int store_refresh_task_results(struct store *s, store_stats_fn fn, long *n_pairs,
			       struct bt_error *err);

/* ------------------------------------------------------------- reading */

struct run_summary {
	int64_t id;
	char *name, *agent, *model, *label, *source, *imported_at;
	long n_attempts;          /* generation attempts */
	long n_tasks;             /* generation tasks with at least one attempt */
	long n_feature_attempts;
	long n_feature_tasks;
	long max_task_attempts;   /* the most attempts of one generation task */
	long live_pid;            /* the import --watch writing it, 0 when none */
};
/* Runs ordered by agent, then model, then name. */
int store_runs(struct store *s, struct run_summary **out, size_t *n, struct bt_error *err);
void store_runs_free(struct run_summary *r, size_t n);
/* How far a run's import has got (counts from the per-task cache). */
struct run_progress {
	long attempts;          /* generation attempts */
	long max_task_attempts; /* the most attempts of one generation task */
	long feature_attempts;
};
int store_run_progress(struct store *s, const char *name, struct run_progress *p,
		       struct bt_error *err);
/* The name of run id (into out); BT_EINPUT when there is no such run. */
int store_run_name(struct store *s, int64_t id, char *out, size_t outlen, struct bt_error *err);
/* Find a run by name (exact), or by a unique prefix / "agent/model".
 * BT_ENOINPUT when nothing matches, BT_EUSAGE when several do. */
int store_find_run(struct store *s, const char *name, int64_t *id, struct bt_error *err);

/* The cached task statistics of one run (run_id) or of every run (run_id = 0). */
int store_task_rows(struct store *s, int64_t run_id, enum task_kind kind, struct task_row **out,
		    size_t *n, struct bt_error *err);
/* Every run's rows (as store_task_rows with run 0), shared: *out is a new
 * reference, given back with task_rows_release().  A read-only store keeps
 * its own reference until another connection commits, so asking again
 * costs nothing and a big list is never copied. */
struct task_rows {
	struct task_row *v;
	size_t n;
	size_t refs;
};
int store_task_rows_snapshot(struct store *s, enum task_kind kind, struct task_rows **out,
			     struct bt_error *err);
void task_rows_release(struct task_rows *r);

/* Judgement counts per (agent, model) and label, for Table 4.  `logic`
 * rows count subcategories, the others coarse categories.  exclude_limits
 * leaves out the judgements of attempts that ended in LimitsExceeded. */
struct judgement_count {
	char agent[64], model[64];
	char label[48];
	bool logic;
	long n;
};
int store_judgement_counts(struct store *s, bool exclude_limits, struct judgement_count **out,
			   size_t *n, struct bt_error *err);

/* Verifier outcomes over a run's generation attempts (spec 4.3's confusion
 * matrix: only constrained attempts enter the 2x2 table); exclude_limits
 * leaves out the attempts that ended in LimitsExceeded. */
struct verifier_counts {
	long attempts, test_pass, test_fail;
	long constrained;
	long tp_vp, tp_vf, tf_vp, tf_vf; /* tests pass/fail x verifiers pass/fail */
};
int store_verifier_counts(struct store *s, int64_t run_id, bool exclude_limits,
			  struct verifier_counts *c, struct bt_error *err);

/* Every attempt at tasks of `kind` of one run (run_id 0: every run), with
 * its task, ordered by run, task runtime and name, then run_N as text
 * ("run_10" before "run_2"): the order upstream's scripts walk the tree.
 * *out is malloc'd (free()).  store_facts.c. */
int store_attempt_facts(struct store *s, int64_t run_id, enum task_kind kind,
			struct attempt_fact **out, size_t *n, struct bt_error *err);

/* The (run, task) pairs with attempts that ended in LimitsExceeded and how
 * many (run_id 0: every run), ordered by run and task id: the task list's
 * Lim column and termination=limits.  *out is malloc'd.  store_facts.c. */
struct limit_hits {
	int64_t run_id, task_id;
	int n;
};
int store_limit_hits(struct store *s, int64_t run_id, struct limit_hits **out, size_t *n,
		     struct bt_error *err);

/* One attempt, briefly: for the tasks view's strips and the attempt tabs. */
struct attempt_brief {
	int64_t id, run_id, task_id;
	int number;
	bool has_report, tests_passed, verifiers_ok, succeeded;
	int n_requests, n_errored;
	double raw, strict;
	char category[32]; /* the judge's category, "" when none */
	char outcome;      /* 'P' succeeded, 'F' tests failed, 'V' a verifier failed, 'N' no server */
};
/* Attempts of a run (run_id 0: every run; task_id 0: every task), ordered by
 * run id, task id, number. */
int store_attempt_briefs(struct store *s, int64_t run_id, int64_t task_id,
			 struct attempt_brief **out, size_t *n, struct bt_error *err);
/* The outcome letter of an attempt (see struct attempt_brief). */
char store_outcome(bool has_report, int n_requests, int n_errored, bool succeeded,
		   bool verifiers_ok);

/* What the failure board counts of each attempt, kept at import (schema 2):
 * no request is read.  Ids index the request keys (store_request_keys) and
 * the assertion names (store_assertion_names). */
struct failure_attempt {
	int64_t run_id, task_id;
	int number;
	bool has_report, succeeded;
	char outcome;               /* as attempt_brief's */
	double strict;              /* strict A%, fraction */
	int64_t first;              /* request key of the first failure that is no
				     * cascade; 0 when none */
	size_t req, n_req;          /* its failed requests' keys: ids[req .. req+n_req) */
	size_t asr, n_asr;          /* its failed assertions (FAILURE_LOAD_ASSERTIONS) */
	char category[32], subcategory[32]; /* the judge's, "" (FAILURE_LOAD_JUDGEMENTS) */
};
struct failure_set {
	struct failure_attempt *v;  /* by run id, task id, number */
	size_t n, cap;
	int64_t *ids;
	size_t n_ids, cap_ids;
};
enum failure_load { FAILURE_LOAD_ASSERTIONS = 1, FAILURE_LOAD_JUDGEMENTS = 2 };
/* Every attempt of a run (run_id 0: of every run) at tasks of a kind. */
int store_failure_attempts(struct store *s, int64_t run_id, enum task_kind kind, unsigned load,
			   struct failure_set *out, struct bt_error *err);
void failure_set_free(struct failure_set *f);
/* A named thing by id: a request key (a request's name and its occurrence
 * among the report's requests of that name, position where it was first
 * seen) or an assertion name (occurrence 1, position its id). */
struct name_id {
	int64_t id;
	char *name;
	int occurrence, position;
};
int store_request_keys(struct store *s, struct name_id **out, size_t *n, struct bt_error *err);
int store_assertion_names(struct store *s, struct name_id **out, size_t *n, struct bt_error *err);
void name_ids_free(struct name_id *v, size_t n);

/* Load one attempt with its requests, verdicts, evidence, judgement and
 * artifact sizes (not their content: artifacts[k].data stays NULL).  The
 * caller frees with attempt_free(). */
int store_load_attempt(struct store *s, int64_t attempt_id, struct attempt *a,
		       struct bt_error *err);

/* Artifacts are read in pieces, so a viewer can page through a large patch
 * without loading it whole. */
struct store_blob;
int store_blob_open(struct store *s, int64_t attempt_id, enum artifact_kind kind,
		    struct store_blob **out, struct bt_error *err);
/* A feature task's reference patch. */
int store_blob_open_reference(struct store *s, int64_t task_id, struct store_blob **out,
			      struct bt_error *err);
size_t store_blob_size(const struct store_blob *b);
int store_blob_read(struct store_blob *b, size_t offset, void *buf, size_t n,
		    struct bt_error *err);
void store_blob_close(struct store_blob *b);

/* Counts for import tests and the status line. */
struct store_counts {
	long runs, tasks, attempts, requests, artifacts, evidence, judgements;
	long artifact_bytes;
};
int store_counts(struct store *s, struct store_counts *c, struct bt_error *err);

/* What `benchtop store` tells about a store besides its place. */
struct store_info {
	long runs, attempts;
	char last_import[32]; /* the latest import time of a run, "" when none */
	bool wal;             /* the file is in WAL mode now (else a rollback journal) */
};
int store_info(struct store *s, struct store_info *out, struct bt_error *err);

/* The attempt numbered `number` (N of run_N) of a run's task, named
 * "name", "runtime/name" or "framework/name"; BT_ENOINPUT when the run has
 * no such task or attempt, BT_EUSAGE when the name fits several tasks
 * (feature tasks repeat names across frameworks).  store_find.c. */
int store_find_attempt(struct store *s, int64_t run_id, const char *task, int number,
		       int64_t *id, struct bt_error *err);

/* ------------------------------------------------------------- addresses */

/* What an address (address.h) names in this store.  store_find.c. */
struct address_target {
	struct address canon; /* the address as the store spells it: the run's
			       * full name, the task's token (address_task_token) */
	int64_t run_id, task_id, attempt_id; /* 0 above the address's kind */
	enum task_kind task_kind;
};
/* Resolve a parsed address (a run may be named as store_find_run allows,
 * a task as store_find_attempt does).  BT_ENOINPUT when a part does not
 * exist, BT_EUSAGE when a name fits several.  Steps and requests are not
 * checked against the trajectory or the report: t->canon keeps them. */
int store_resolve_address(struct store *s, const struct address *a, struct address_target *t,
			  struct bt_error *err);
/* The canonical address of an attempt id (into out). */
int store_attempt_address(struct store *s, int64_t attempt_id, struct address *out,
			  struct bt_error *err);

/* ------------------------------------------------------------- text */

/* Where a search looks (store_texts()). */
enum store_text_source {
	TEXT_PATCH = 1 << 0,
	TEXT_LOGS = 1 << 1,         /* the server log and the setup log */
	TEXT_TRAJECTORY = 1 << 2,
	TEXT_JUDGE = 1 << 3,        /* the judge's categories and reasoning */
	TEXT_ASSERTIONS = 1 << 4,   /* "request: assertion" of each failed assertion */
};
/* One text of one attempt, valid during the callback only. */
struct store_text {
	int64_t attempt_id;
	const struct address *addr; /* the attempt's */
	const char *source;         /* "patch", "server_log", "setup_log", "trajectory",
				     * "judge" or "assertions" */
	const char *data;
	size_t len;
};
/* Return nonzero to stop (store_texts() then returns that value). */
typedef int (*store_text_fn)(void *ctx, const struct store_text *t);
/* Call fn with every text of the sources (a mask of TEXT_*) of one run
 * (run_id 0: every run).  With `literal` (3 characters or more) and the
 * text index present, only the artifacts the index says may hold it
 * (ignoring case) are read; judge and assertion texts are always read
 * whole.  *indexed (may be NULL) tells whether the index was used.
 * store_search.c. */
int store_texts(struct store *s, unsigned sources, int64_t run_id, const char *literal,
		store_text_fn fn, void *ctx, bool *indexed, struct bt_error *err);
/* The optional text index (`import --index-text`): SQLite FTS5 with the
 * trigram tokenizer over every artifact, kept up to date by triggers once
 * made.  store_text_index() makes it (a no-op when it is there). */
bool store_has_text_index(struct store *s);
int store_text_index(struct store *s, struct bt_error *err);

/* ------------------------------------------------------------- memory */

/* Tags and notes on runs, tasks and attempts, keyed by canonical address
 * text (schema 5; benchtop-store(5)).  Imports never touch them.
 * store_memory.c. */
enum memo_kind { MEMO_TAG, MEMO_NOTE };
struct memo {
	enum memo_kind kind;
	char *address, *text, *author, *created_at; /* text: the tag's word or the note */
};
/* Which memos store_memos() returns: every one, or those of one run (its
 * own and its tasks' and attempts'), or of the addresses that carry a tag;
 * ordered by address, tags before notes. */
struct memo_filter {
	const char *run;      /* a run's canonical address text, NULL any */
	const char *tag;      /* only addresses tagged so, NULL any */
	bool tags, notes;     /* which kinds (both false: both) */
};
int store_memos(struct store *s, const struct memo_filter *f, struct memo **out, size_t *n,
		struct bt_error *err);
void store_memos_free(struct memo *m, size_t n);
/* Add a tag (*changed false when it was there: the first author and time
 * stay) or remove it (*changed false when it was not there). */
int store_tag_put(struct store *s, const char *address, const char *word, const char *author,
		  const char *when, bool *changed, struct bt_error *err);
int store_tag_remove(struct store *s, const char *address, const char *word, bool *changed,
		     struct bt_error *err);
/* Write author's note on an address (replacing theirs); text "" removes it. */
int store_note_put(struct store *s, const char *address, const char *author, const char *text,
		   const char *when, struct bt_error *err);
/* The tags in use, most used first, then by name (for completion). */
int store_tag_words(struct store *s, struct strv *out, struct bt_error *err);

#endif
