/* store_internal.h: what the store_*.c files share.  Not installed, not
 * included outside the store. */
#ifndef BENCHTOP_STORE_INTERNAL_H
#define BENCHTOP_STORE_INTERNAL_H

#include <sqlite3.h>

#include "benchtop/store.h"

/* Cached prepared statements, one per query the store runs repeatedly. */
enum store_stmt {
	SQL_RUN_FIND,
	SQL_RUN_INSERT,
	SQL_RUN_UPDATE,
	SQL_TASK_FIND,
	SQL_TASK_INSERT,
	SQL_ATTEMPT_FIND,
	SQL_ATTEMPT_INSERT,
	SQL_ATTEMPT_UPDATE,
	SQL_ATTEMPT_CLEAR_REQUESTS,
	SQL_ATTEMPT_CLEAR_ARTIFACTS,
	SQL_ATTEMPT_CLEAR_EVIDENCE,
	SQL_ASSERTION_FIND,
	SQL_ASSERTION_INSERT,
	SQL_REQUEST_INSERT,
	SQL_ARTIFACT_INSERT,
	SQL_EVIDENCE_INSERT,
	SQL_JUDGEMENT_UPSERT,
	SQL_JUDGEMENT_CLAIM,
	SQL_TOUCHED_INSERT,
	SQL_ATTEMPT_CLEAR_FAILURE,
	SQL_REQUEST_KEY_FIND,
	SQL_REQUEST_KEY_INSERT,
	SQL_FAILURE_INSERT,
	SQL_COUNT_STMTS
};

/* How long a connection waits for a lock (ms): a network filesystem's
 * locks take round trips, and its readers and writer wait for each other
 * under a rollback journal. */
#define STORE_BUSY_MS 5000
#define STORE_BUSY_MS_NETWORK 30000

struct store {
	sqlite3 *db;
	char *path;
	bool readonly;
	struct store_place place;
	bool filling; /* a new store's first import: rollback journal until closed */
	int savepoints;
	sqlite3_stmt *stmt[SQL_COUNT_STMTS];
	/* assertion-name ids seen in this connection, to skip lookups */
	struct strv assertion_names;
	int64_t *assertion_ids;
	size_t cap_assertion_ids;
	/* request-key ids seen in this connection ("occurrence name") */
	struct strv request_keys;
	int64_t *request_key_ids;
	size_t cap_request_key_ids;
	/* store_watch_plans() */
	store_plan_fn plan_fn;
	void *plan_ctx;
	/* store_task_rows() of every run, by kind, while data_version holds:
	 * the explorer asks again for what it read a key ago */
	struct rows_cache {
		struct task_rows *snap; /* one reference */
		long version;
	} rows_cache[2];
};

/* A read transaction left open holds no writer back: the store is in WAL
 * mode, or read as immutable. */
bool store_reads_snapshot(struct store *s);
/* Prepare (once) and reset a cached statement; NULL on error (err set). */
sqlite3_stmt *store_stmt(struct store *s, enum store_stmt which, struct bt_error *err);
/* Run SQL without results. */
int store_exec(struct store *s, const char *sql, struct bt_error *err);
/* Fill err from the connection's last error. */
int store_fail(struct store *s, struct bt_error *err, const char *what);
/* Prepare a one-off statement. */
int store_prepare(struct store *s, const char *sql, sqlite3_stmt **st, struct bt_error *err);

/* Step st to its end, appending to *rows one zeroed row of row_size bytes
 * per result row, filled by fill().  Finalizes st.  On failure *rows and *n
 * still hold the rows filled so far (the caller frees them). */
int store_collect(struct store *s, sqlite3_stmt *st, size_t row_size,
		  void (*fill)(sqlite3_stmt *st, void *row), void **rows, size_t *n,
		  const char *what, struct bt_error *err);

/* store_fs.c: the facts about where a store lives (no SQL). */
/* Fill p's filesystem, read-only mount and writable (BENCHTOP_TEST_FSTYPE,
 * for tests only, names the filesystem instead of statfs). */
void store_fs_place(const char *path, struct store_place *p);
/* Nobody may write the file (no write permission for anyone, or a read-only
 * mount), and no -wal holds commits it lacks: it can be read as immutable. */
bool store_fs_nobody_writes(const char *path, const struct store_place *p);
/* The file's SQLite header says WAL mode. */
bool store_fs_header_wal(const char *path);
/* Both path-wal and path-shm exist. */
bool store_fs_wal_files(const char *path);
/* Before SQLite makes a new store: in a setgid directory, create the empty
 * file with the directory's permissions (less execute), past the umask. */
int store_fs_create(const char *path, struct bt_error *err);
/* A "file:" URI for path with the query params ("mode=ro").  Caller frees. */
char *store_fs_uri(const char *path, const char *params);

/* A task's has_flags (enum task_has) over its attempts `a`, in SQL: the
 * migration and every refresh of task_result compute it the same way. */
#define STORE_HAS_FLAGS_SQL                                                      \
	"((max(a.has_report = 1 AND a.n_requests > 0 AND a.n_errored = a.n_requests))" \
	" | (max(a.verifiers_ok = 0) << 1)"                                       \
	" | (max(a.has_report = 1 AND a.assertions_failed > 0) << 2)"             \
	" | (max(a.has_report = 0) << 3))"

/* Keep what the failure board counts of one attempt (store_failure.c):
 * failed_ids[i] is request i's failed assertion ids as a JSON array. */
int store_put_failures(struct store *s, int64_t attempt_id, const struct attempt *a,
		       const struct strv *failed_ids, struct bt_error *err);
/* The migration to schema 2: the same (and task_result.has_flags) for what is already stored. */
int store_backfill_failures(struct store *s, struct bt_error *err);
/* Forget the cached assertion and request-key ids (after a rollback). */
void store_forget_ids(struct store *s);

/* Step a write statement to completion (then reset it). */
int store_step_done(struct store *s, sqlite3_stmt *st, struct bt_error *err, const char *what);
/* Run a single-id lookup; *id = 0 when no row. */
int store_step_id(struct store *s, sqlite3_stmt *st, int64_t *id, struct bt_error *err);

/* Bind helpers: NULL strings bind SQL NULL. */
void store_bind_text(sqlite3_stmt *st, int i, const char *v);
void store_bind_opt_long(sqlite3_stmt *st, int i, long v);  /* v < 0 binds NULL */
char *store_col_text(sqlite3_stmt *st, int i);
/* A text column into a fixed buffer, cut to fit ("" for NULL). */
void store_col_copy(sqlite3_stmt *st, int i, char *out, size_t outlen);              /* xstrdup, "" for NULL */

#endif
