-- benchtop's store, schema version 1: the tables every store starts with.
-- Embedded into the program at build time (src/store/store.c applies it to a
-- new store); later versions are the numbered steps in data/migrations/.
-- Documented in man/benchtop-store.5: keep in step.  Never edit a released
-- step: add a migration instead.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE run (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  agent TEXT NOT NULL,
  model TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL);
CREATE TABLE task (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('generation', 'feature')),
  runtime TEXT NOT NULL,
  name TEXT NOT NULL,
  framework TEXT NOT NULL,
  constraints TEXT NOT NULL DEFAULT '',
  constraint_bits INTEGER NOT NULL DEFAULT 0,
  level INTEGER NOT NULL DEFAULT 0,
  difficulty TEXT NOT NULL DEFAULT '',
  description TEXT, prompt TEXT, repo_url TEXT, repo_commit TEXT,
  reference_patch BLOB,
  UNIQUE (runtime, name));
CREATE TABLE attempt (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  batch TEXT NOT NULL DEFAULT '',
  has_report INTEGER NOT NULL,
  n_requests INTEGER NOT NULL DEFAULT 0,
  n_errored INTEGER NOT NULL DEFAULT 0,
  assertions_total INTEGER NOT NULL,
  assertions_passed INTEGER NOT NULL,
  assertions_failed INTEGER NOT NULL,
  raw_pct REAL NOT NULL,
  strict_pct REAL NOT NULL,
  tests_passed INTEGER NOT NULL,
  verifiers_ok INTEGER NOT NULL,
  succeeded INTEGER NOT NULL,
  arch_ok INTEGER, arch_reason TEXT,
  db_ok INTEGER, db_reason TEXT,
  orm_ok INTEGER, orm_reason TEXT,
  termination TEXT, steps INTEGER, tokens_in INTEGER, tokens_out INTEGER,
  llm_calls INTEGER, cost REAL,
  flags INTEGER NOT NULL DEFAULT 0,
  problems TEXT NOT NULL DEFAULT '',
  UNIQUE (run_id, task_id, number));
CREATE INDEX attempt_by_task ON attempt(task_id, run_id);
CREATE TABLE assertion (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE request (
  attempt_id INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  method TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '',
  code INTEGER, response_ms INTEGER, response_bytes INTEGER,
  n_total INTEGER NOT NULL, n_passed INTEGER NOT NULL,
  n_failed INTEGER NOT NULL, n_skipped INTEGER NOT NULL DEFAULT 0,
  passed TEXT NOT NULL DEFAULT '[]',
  failed TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (attempt_id, position)) WITHOUT ROWID;
CREATE VIEW assertion_result AS  SELECT r.attempt_id, r.position, r.name AS request, a.name AS assertion, 1 AS passed    FROM request r, json_each(r.passed) j JOIN assertion a ON a.id = j.value  UNION ALL  SELECT r.attempt_id, r.position, r.name, a.name, 0    FROM request r, json_each(r.failed) j JOIN assertion a ON a.id = j.value;
CREATE TABLE artifact (
  id INTEGER PRIMARY KEY,
  attempt_id INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  path TEXT,
  size INTEGER NOT NULL,
  truncated INTEGER NOT NULL DEFAULT 0,
  format TEXT NOT NULL DEFAULT '',
  content BLOB NOT NULL,
  UNIQUE (attempt_id, kind));
CREATE TABLE evidence (
  attempt_id INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
  verifier TEXT NOT NULL,
  file TEXT, patch_line INTEGER,
  label TEXT NOT NULL,
  detail TEXT);
CREATE INDEX evidence_by_attempt ON evidence(attempt_id);
CREATE TABLE judgement (
  agent TEXT NOT NULL, model TEXT NOT NULL, runtime TEXT NOT NULL, task TEXT NOT NULL,
  number INTEGER NOT NULL,
  category TEXT, category_reasoning TEXT,
  subcategory TEXT, subcategory_reasoning TEXT,
  subcategory_rank INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (agent, model, runtime, task, number)) WITHOUT ROWID;
CREATE INDEX judgement_by_model ON judgement(model, subcategory_rank);
CREATE TABLE task_result (
  run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
  n_executed INTEGER NOT NULL, n_succeeded INTEGER NOT NULL,
  n_tests_passed INTEGER NOT NULL,
  raw REAL NOT NULL, raw_std REAL NOT NULL,
  strict REAL NOT NULL, strict_std REAL NOT NULL,
  pass1 REAL NOT NULL, pass3 REAL NOT NULL, pow3 REAL NOT NULL,
  pass1_tests REAL NOT NULL,
  strip TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, task_id)) WITHOUT ROWID;
CREATE INDEX task_result_by_task ON task_result(task_id);
