-- Schema version 2: what the failure board counts, kept at import so that a
-- board over 200,000 attempts never reads their requests.  Documented in
-- man/benchtop-store.5.  On a store that had data, store_backfill_failures()
-- (src/store/store_failure.c) then fills both for the attempts already there.

-- A request is known by its name and its occurrence in the report ("All
-- Articles" runs twice); position is where it was first seen.
CREATE TABLE request_key (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  occurrence INTEGER NOT NULL,
  position INTEGER NOT NULL,
  UNIQUE (name, occurrence));

-- An attempt's failed requests (request_key ids), failed assertions
-- (assertion ids), as JSON arrays, and its first failure that is no cascade.
CREATE TABLE attempt_failure (
  attempt_id INTEGER PRIMARY KEY REFERENCES attempt(id) ON DELETE CASCADE,
  requests TEXT NOT NULL,
  assertions TEXT NOT NULL,
  first_failure INTEGER REFERENCES request_key(id));

-- Which kinds of bad attempt a task has (enum task_has), for has= filters.
ALTER TABLE task_result ADD COLUMN has_flags INTEGER NOT NULL DEFAULT 0;
