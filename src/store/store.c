/* store.c: opening the store, the schema and its migrations, transactions. */
#include "config.h"

#include "store_internal.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 'BTOP': marks a SQLite file as a benchtop store. */
#define STORE_APPLICATION_ID 0x42544f50

/* Schema version 1 (data/schema.sql, embedded at build time) and the
 * migrations after it (data/migrations/NNN-*.sql), as store_sql.h has them. */
#include "store_sql.h"

/* Forward migrations: migrations[i] takes the schema from version i to i+1. */
static const char *const *const migrations = store_sql_steps;
#define N_MIGRATIONS (sizeof(store_sql_steps) / sizeof(store_sql_steps[0]))
_Static_assert(N_MIGRATIONS == STORE_SCHEMA_VERSION,
	       "a new data/migrations/ step raises STORE_SCHEMA_VERSION in store.h");

/* What a step's SQL cannot do, run after it on a store that had data:
 * backfills[i] follows migrations[i] (NULL: nothing). */
static int (*const backfills[])(struct store *s, struct bt_error *err) = {
	[1] = store_backfill_failures, /* 002-failure-board.sql */
};
#define N_BACKFILLS (sizeof(backfills) / sizeof(backfills[0]))

int
store_fail(struct store *s, struct bt_error *err, const char *what)
{
	int rc = sqlite3_extended_errcode(s->db);
	int code = BT_EIO;

	if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
		return bt_errorf(err, BT_EINPUT, "%s: %s: the store is not a valid SQLite file (%s)",
				 s->path, what, sqlite3_errmsg(s->db));
	int os = sqlite3_system_errno(s->db);
	if ((rc & 0xff) == SQLITE_FULL || os == ENOSPC || os == EFBIG || os == EDQUOT)
		return bt_errorf(err, BT_EIO, "%s: %s: disk full (%s)", s->path, what,
				 strerror(os ? os : ENOSPC));
	if ((rc & 0xff) == SQLITE_IOERR && os)
		return bt_errorf(err, BT_EIO, "%s: %s: %s", s->path, what, strerror(os));
	if ((rc & 0xff) == SQLITE_READONLY)
		return bt_errorf(err, BT_EIO, "%s: %s: the store is read-only", s->path, what);
	return bt_errorf(err, code, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

int
store_exec(struct store *s, const char *sql, struct bt_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = store_fail(s, err, "query failed");
		sqlite3_free(msg);
		return rc;
	}
	return BT_OK;
}

void
store_watch_plans(struct store *s, store_plan_fn fn, void *ctx)
{
	s->plan_fn = fn;
	s->plan_ctx = ctx;
}

/* Hand a query's plan to the watcher. */
static void
report_plan(struct store *s, const char *sql)
{
	char *q = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st;
	struct buf plan;

	buf_init(&plan);
	if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW)
			buf_printf(&plan, "%s\n", (const char *)sqlite3_column_text(st, 3));
		sqlite3_finalize(st);
	}
	s->plan_fn(s->plan_ctx, sql, plan.data ? plan.data : "");
	buf_free(&plan);
	free(q);
}

int
store_prepare(struct store *s, const char *sql, sqlite3_stmt **st, struct bt_error *err)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) {
		*st = NULL;
		return store_fail(s, err, "cannot prepare a query");
	}
	if (s->plan_fn && strncmp(sql, "PRAGMA", 6) != 0)
		report_plan(s, sql);
	return BT_OK;
}

static int
pragma_int(struct store *s, const char *sql, int *out, struct bt_error *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s, sql, &st, err);

	if (rc)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = BT_OK;
	} else {
		rc = store_fail(s, err, "cannot read the store header");
	}
	sqlite3_finalize(st);
	return rc;
}

/* The first column of a one-row query as text ("" when there is none). */
static void
pragma_text(struct store *s, const char *sql, char *out, size_t n)
{
	sqlite3_stmt *st;

	out[0] = '\0';
	if (store_prepare(s, sql, &st, NULL))
		return;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static int
migrate(struct store *s, int from, struct bt_error *err)
{
	int rc;

	if ((rc = store_exec(s, "BEGIN IMMEDIATE", err)))
		return rc;
	for (int v = from; v < (int)N_MIGRATIONS; v++) {
		if ((rc = store_exec(s, migrations[v], err)) ||
		    (from > 0 && (size_t)v < N_BACKFILLS && backfills[v] &&
		     (rc = backfills[v](s, err)))) {
			store_exec(s, "ROLLBACK", NULL);
			return rc;
		}
	}
	char sql[256];
	/* which benchtop made the store, and which last moved its schema on:
	 * the first question about a store that misbehaves */
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d; PRAGMA application_id = %d;"
		 "INSERT OR REPLACE INTO meta VALUES ('%s', 'benchtop %s');",
		 (int)N_MIGRATIONS, STORE_APPLICATION_ID, from == 0 ? "created_by" : "migrated_by",
		 PACKAGE_VERSION);
	if ((rc = store_exec(s, sql, err)) || (rc = store_exec(s, "COMMIT", err))) {
		store_exec(s, "ROLLBACK", NULL);
		return rc;
	}
	return BT_OK;
}

static int
check_header(struct store *s, enum store_mode mode, struct bt_error *err)
{
	int version, app, rc, ntables;

	if ((rc = pragma_int(s, "PRAGMA user_version", &version, err)) ||
	    (rc = pragma_int(s, "PRAGMA application_id", &app, err)) ||
	    (rc = pragma_int(s, "SELECT count(*) FROM sqlite_master", &ntables, err)))
		return rc;
	if (version == 0 && app == 0 && ntables == 0) {
		if (mode == STORE_READ)
			return bt_errorf(err, BT_EINPUT, "%s: an empty file, not a benchtop store",
					 s->path);
		return migrate(s, 0, err);
	}
	if (app != STORE_APPLICATION_ID)
		return bt_errorf(err, BT_EINPUT,
				 "%s: a SQLite database, but not a benchtop store", s->path);
	if (version > STORE_SCHEMA_VERSION)
		return bt_errorf(err, BT_EINPUT,
				 "%s: written by a newer benchtop (store schema %d, this build reads up "
				 "to %d); upgrade benchtop", s->path, version, STORE_SCHEMA_VERSION);
	if (version < STORE_SCHEMA_VERSION) {
		if (mode == STORE_READ)
			return bt_errorf(err, BT_EINPUT,
					 "%s: store schema %d is older than %d; run 'benchtop "
					 "migrate --store %s' once", s->path, version,
					 STORE_SCHEMA_VERSION, s->path);
		return migrate(s, version, err);
	}
	return BT_OK;
}

#ifndef NDEBUG
/* A test hook of debug builds (tests/robust/kill-test, DEVELOPERS.md):
 * BENCHTOP_TEST_KILL_AT_COMMIT=N kills the process with SIGKILL in its Nth
 * rollback-journal commit, once the store file is written and synced and
 * before the journal is deleted.  That leaves the journal hot, as a crash
 * at the worst moment does, without waiting for a random kill to land
 * there.  A copy of the default VFS whose xDelete counts the journals. */
static sqlite3_vfs kill_vfs;
static sqlite3_vfs *kill_real;
static long kill_countdown;

static int
kill_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	static const char suffix[] = "-journal";
	size_t n = strlen(name), k = sizeof(suffix) - 1;

	(void)vfs;
	if (n > k && strcmp(name + n - k, suffix) == 0 && --kill_countdown == 0)
		raise(SIGKILL);
	return kill_real->xDelete(kill_real, name, sync_dir);
}

/* The VFS to write with: the killing one when the hook is set. */
static const char *
writer_vfs(void)
{
	const char *env = getenv("BENCHTOP_TEST_KILL_AT_COMMIT");
	long n;

	if (!env || !str_to_long(env, &n) || n < 1)
		return NULL;
	if (!kill_real) {
		kill_real = sqlite3_vfs_find(NULL);
		kill_vfs = *kill_real;
		kill_vfs.zName = "benchtop-test-kill";
		kill_vfs.xDelete = kill_delete;
		sqlite3_vfs_register(&kill_vfs, 0);
		kill_countdown = n;
	}
	return kill_vfs.zName;
}
#else
static const char *
writer_vfs(void)
{
	return NULL;
}
#endif

/* Open name (a path or a file: URI) with flags. */
static int
open_db(struct store *s, const char *name, int flags, struct bt_error *err)
{
	int rc = sqlite3_open_v2(name, &s->db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
				 flags & SQLITE_OPEN_READWRITE ? writer_vfs() : NULL);

	if (rc != SQLITE_OK) {
		int r = bt_errorf(err, BT_EIO, "%s: cannot open the store: %s", s->path,
				  s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		sqlite3_close(s->db);
		s->db = NULL;
		return r;
	}
	sqlite3_extended_result_codes(s->db, 1);
	/* a rollback journal's readers and writer wait for each other, and
	 * a network filesystem's locks take round trips */
	sqlite3_busy_timeout(s->db, s->place.network ? STORE_BUSY_MS_NETWORK : STORE_BUSY_MS);
	return BT_OK;
}

/* Open for reading without creating a file beside the store, nor leaving
 * one.  A rollback-journal store needs nothing.  A WAL store needs its -wal
 * and -shm: an import leaves them in place (store_close), and a reader uses
 * them; SQLite would make missing ones and a read-only connection would
 * leave them behind. */
static int
open_reader(struct store *s, bool immutable, struct bt_error *err)
{
	const char *params = "mode=ro";
	int flags = SQLITE_OPEN_READONLY, rc;

	s->place.immutable = immutable || store_fs_nobody_writes(s->path, &s->place);
	if (s->place.immutable) {
		/* nobody can be writing: no locks, no -shm, no journal */
		params = "mode=ro&immutable=1";
	} else if (store_fs_header_wal(s->path) && !store_fs_wal_files(s->path)) {
		/* A connection that may write removes the -wal and -shm it
		 * made when it closes last; only this user's own store can
		 * have one.  query_only keeps it a reader. */
		if (!s->place.writable)
			return bt_errorf(err, BT_EIO,
					 "%s: the store is in WAL mode without its -wal and -shm files, "
					 "and reading it would leave them behind here; its owner can run "
					 "'benchtop migrate --store %s' once to make them, or read it "
					 "with --immutable if nobody writes it", s->path, s->path);
		params = "mode=rw";
		flags = SQLITE_OPEN_READWRITE;
	}
	char *uri = store_fs_uri(s->path, params);
	rc = open_db(s, uri, flags, err);
	free(uri);
	if (!rc && flags == SQLITE_OPEN_READWRITE)
		rc = store_exec(s, "PRAGMA query_only = 1", err);
	return rc;
}

/* Open for writing: WAL where it is safe, else a rollback journal. */
static int
open_writer(struct store *s, bool fresh, struct bt_error *err)
{
	int rc;

	if ((fresh && (rc = store_fs_create(s->path, err))) ||
	    (rc = open_db(s, s->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err)))
		return rc;
	/* WAL lets a browser read while an import writes.  A new store's
	 * first import keeps a rollback journal instead, which writes the
	 * pages it appends once (WAL writes each twice: 1.55 s against
	 * 1.25 s for 2,000 attempts with 100 KB patches); store_close()
	 * turns WAL on.  On a network filesystem it stays a rollback journal. */
	store_exec(s, "PRAGMA page_size = 16384", NULL);
	if ((rc = store_exec(s, fresh || !s->place.wal ? "PRAGMA journal_mode = DELETE"
						   : "PRAGMA journal_mode = WAL", err)))
		return rc;
	s->filling = fresh && s->place.wal;
	/* NORMAL is safe in WAL mode only */
	store_exec(s, s->place.wal && !fresh ? "PRAGMA synchronous = NORMAL"
					     : "PRAGMA synchronous = FULL", NULL);
	return BT_OK;
}

/* A first import was killed while filling a new store: its rollback
 * journal must be played back, which a read-only connection cannot do.
 * Open the store for writing once to do it (creating nothing), then read
 * it again. */
static int
recover_journal(struct store *s, bool immutable, struct bt_error *err)
{
	int rc;

	sqlite3_close(s->db);
	s->db = NULL;
	if (sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) !=
		    SQLITE_OK) {
		rc = bt_errorf(err, BT_EIO, "%s: an interrupted import left a journal to play back, "
				  "and the store cannot be opened for writing to do it: %s",
				  s->path, s->db ? sqlite3_errmsg(s->db) : "out of memory");
		sqlite3_close(s->db);
		s->db = NULL;
		return rc;
	}
	sqlite3_close(s->db);
	s->db = NULL;
	if ((rc = open_reader(s, immutable, err)))
		return rc;
	return check_header(s, STORE_READ, err);
}

int
store_journal_parse(const char *name)
{
	static const char *const names[] = {"auto", "wal", "delete"};

	for (int i = 0; i < 3; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

int
store_open(const char *path, enum store_mode mode, struct store **out, struct bt_error *err)
{
	return store_open_with(path, mode, NULL, out, err);
}

int
store_open_with(const char *path, enum store_mode mode, const struct store_options *o,
		struct store **out, struct bt_error *err)
{
	static const struct store_options defaults;
	struct store *s;
	struct stat st;
	bool fresh = false;
	int rc;

	*out = NULL;
	if (!o)
		o = &defaults;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return bt_errorf(err, BT_EINPUT, "%s: is a directory, not a store file", path);
		/* SQLite would block on a FIFO's open, or read a device */
		if (!S_ISREG(st.st_mode))
			return bt_errorf(err, BT_EINPUT, "%s: %s, not a store file", path,
					 file_type_name(st.st_mode));
	} else if (mode == STORE_READ) {
		return bt_errorf(err, BT_ENOINPUT, "%s: no such store", path);
	} else {
		fresh = true;
		/* a new store goes only where the user pointed: no directories
		 * are made here (the CLI makes the default store's) */
		char *dir = path_dirname(path);
		rc = file_is_dir(dir) ? BT_OK
				      : bt_errorf(err, BT_ENOINPUT, "%s: no such directory for "
						  "the store %s", dir, path);
		free(dir);
		if (rc)
			return rc;
	}

	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	s->readonly = mode == STORE_READ;
	store_fs_place(path, &s->place);
	s->place.journal_chosen = o->journal != STORE_JOURNAL_AUTO;
	s->place.wal = s->place.journal_chosen ? o->journal == STORE_JOURNAL_WAL : !s->place.network;
	if ((rc = mode == STORE_READ ? open_reader(s, o->immutable, err) : open_writer(s, fresh, err)))
		goto fail;
	if ((rc = store_exec(s, "PRAGMA foreign_keys = ON", err)))
		goto fail;
	rc = check_header(s, mode, err);
	if (rc && mode == STORE_READ && sqlite3_extended_errcode(s->db) == SQLITE_READONLY_ROLLBACK)
		rc = recover_journal(s, o->immutable, err);
	if (rc)
		goto fail;
	if (mode == STORE_WRITE &&
	    (rc = store_exec(s, "CREATE TEMP TABLE IF NOT EXISTS touched ("
				"run_id INTEGER, task_id INTEGER, PRIMARY KEY (run_id, task_id))"
				" WITHOUT ROWID", err)))
		goto fail;
	*out = s;
	return BT_OK;
fail:
	store_close(s);
	return rc;
}

/* A writer leaving a WAL store leaves its -wal (emptied) and -shm in place,
 * so that readers never have to make them (open_reader). */
static void
close_writer(struct store *s)
{
	int one = 1;
	char mode[16] = "";

	/* filled: from now on browsers read while imports write (if a
	 * browser has it open already, the next import's open does this);
	 * reading once opens the WAL, making its files */
	if (s->filling)
		sqlite3_exec(s->db, "PRAGMA journal_mode = WAL; SELECT count(*) FROM sqlite_master",
			     NULL, NULL, NULL);
	pragma_text(s, "PRAGMA journal_mode", mode, sizeof(mode));
	if (strcmp(mode, "wal") == 0) {
		sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL, &one);
		sqlite3_exec(s->db, "PRAGMA journal_size_limit = 0", NULL, NULL, NULL);
	}
}

void
store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < SQL_COUNT_STMTS; i++)
		sqlite3_finalize(s->stmt[i]);
	if (s->db && !s->readonly)
		close_writer(s);
	if (s->db)
		sqlite3_close(s->db);
	store_forget_ids(s);
	free(s->assertion_ids);
	free(s->request_key_ids);
	task_rows_release(s->rows_cache[0].snap);
	task_rows_release(s->rows_cache[1].snap);
	free(s->path);
	free(s);
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

const struct store_place *
store_place(const struct store *s)
{
	return &s->place;
}

bool
store_reads_snapshot(struct store *s)
{
	char mode[16];

	if (s->place.immutable)
		return true;
	pragma_text(s, "PRAGMA journal_mode", mode, sizeof(mode));
	return strcmp(mode, "wal") == 0;
}

int
store_make_portable(struct store *s, struct bt_error *err)
{
	int rc;

	s->filling = false; /* it stays in rollback-journal mode */
	if ((rc = store_exec(s, "PRAGMA wal_checkpoint(TRUNCATE)", err)) ||
	    (rc = store_exec(s, "PRAGMA journal_mode = DELETE", err)))
		return rc;
	return store_exec(s, "VACUUM", err);
}

int
store_schema_version(struct store *s)
{
	int v = -1;
	pragma_int(s, "PRAGMA user_version", &v, NULL);
	return v;
}

void
store_share(struct store *s)
{
	if (!s->filling)
		return;
	s->filling = false;
	/* reading once makes the WAL's files, which readers cannot make */
	store_exec(s, "PRAGMA journal_mode = WAL; SELECT count(*) FROM sqlite_master", NULL);
	store_exec(s, "PRAGMA synchronous = NORMAL", NULL);
}

int
store_mark_live(struct store *s, const char *run_name, long pid, struct bt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_prepare(s, "INSERT OR REPLACE INTO meta (key, value) VALUES ('live:' || ?1, ?2)",
				&st, err)))
		return rc;
	store_bind_text(st, 1, run_name);
	sqlite3_bind_int64(st, 2, pid);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? BT_OK : store_fail(s, err, "cannot mark a run live");
}

int
store_clear_live(struct store *s, long pid, struct bt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_prepare(s, "DELETE FROM meta WHERE key LIKE 'live:%' AND value = ?1", &st,
				err)))
		return rc;
	sqlite3_bind_int64(st, 1, pid);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? BT_OK : store_fail(s, err, "cannot clear the live marks");
}

long
store_data_version(struct store *s)
{
	int v = -1;
	pragma_int(s, "PRAGMA data_version", &v, NULL);
	return v;
}

int
store_begin(struct store *s, struct bt_error *err)
{
	return store_exec(s, "BEGIN IMMEDIATE", err);
}

int
store_commit(struct store *s, struct bt_error *err)
{
	return store_exec(s, "COMMIT", err);
}

void
store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		store_exec(s, "ROLLBACK", NULL);
	s->savepoints = 0;
	/* the cached ids may name rows that are gone now */
	store_forget_ids(s);
}

int
store_savepoint(struct store *s, struct bt_error *err)
{
	int rc = store_exec(s, "SAVEPOINT unit", err);
	if (!rc)
		s->savepoints++;
	return rc;
}

int
store_release(struct store *s, struct bt_error *err)
{
	int rc = store_exec(s, "RELEASE unit", err);
	if (!rc)
		s->savepoints--;
	return rc;
}

void
store_rollback_savepoint(struct store *s)
{
	store_exec(s, "ROLLBACK TO unit", NULL);
	store_exec(s, "RELEASE unit", NULL);
	s->savepoints--;
	store_forget_ids(s);
}

/* ------------------------------------------------------------- helpers */

int
store_collect(struct store *s, sqlite3_stmt *st, size_t row_size,
	      void (*fill)(sqlite3_stmt *st, void *row), void **rows, size_t *n, const char *what,
	      struct bt_error *err)
{
	size_t cap = 0;
	char *v = NULL;
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		bt_grow((void **)&v, &cap, *n + 1, row_size);
		memset(v + *n * row_size, 0, row_size);
		fill(st, v + *n * row_size);
		(*n)++;
	}
	*rows = v;
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? BT_OK : store_fail(s, err, what);
}

void
store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void
store_bind_opt_long(sqlite3_stmt *st, int i, long v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

char *
store_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return xstrdup(t ? (const char *)t : "");
}
