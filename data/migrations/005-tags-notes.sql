-- Triage memory: tags and notes on runs, tasks and attempts, keyed by their
-- printable address (RUN, RUN:TASK, RUN:TASK:ATTEMPT; src/core/address.c),
-- not by row ids, so they outlive a re-import that replaces the rows.  No
-- import of results touches these tables; only the user removes a row.
-- Documented in man/benchtop-store.5.
CREATE TABLE tag (
  address TEXT NOT NULL,
  word TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (address, word)) WITHOUT ROWID;
CREATE INDEX tag_by_word ON tag(word);
-- One note per address and author: writing again replaces one's own note.
CREATE TABLE note (
  address TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (address, author)) WITHOUT ROWID;
