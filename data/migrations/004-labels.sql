-- Step 4: labelled judgements (issue "Judge agreement").  Imports never
-- touch the label table; label_item is written by `benchtop import` of a
-- validation set and by `benchtop label` when it draws a sample.
--
-- label_item: one failed attempt to label, by address (RUN:TASK:ATTEMPT).
-- The judge's labels are kept with the item (as imported, or as the store's
-- judgement had them when the sample was drawn); the evidence texts are kept
-- only for an item whose attempt is not in the store.
CREATE TABLE label_item (
  id INTEGER PRIMARY KEY,
  address TEXT NOT NULL UNIQUE,
  agent TEXT NOT NULL,
  model TEXT NOT NULL,
  runtime TEXT NOT NULL DEFAULT '',
  task TEXT NOT NULL,
  number INTEGER NOT NULL,
  judge_category TEXT,
  judge_subcategory TEXT,
  judge_reasoning TEXT,
  coarse_reasoning TEXT,
  task_description TEXT,
  newman_summary TEXT,
  server_log TEXT,
  trajectory TEXT,
  source TEXT NOT NULL DEFAULT '',
  added_at TEXT NOT NULL);
-- label: what a labeller chose for an item (coarse category, logic
-- subcategory or both), with the time.  Removed only by the user (undo).
CREATE TABLE label (
  item_id INTEGER NOT NULL REFERENCES label_item(id) ON DELETE CASCADE,
  labeller TEXT NOT NULL,
  category TEXT,
  subcategory TEXT,
  labelled_at TEXT NOT NULL,
  PRIMARY KEY (item_id, labeller)) WITHOUT ROWID;
-- label_session: a seeded sample of a run's failed attempts for one
-- labeller; the same run, labeller, size, seed and stratification resume it.
CREATE TABLE label_session (
  id INTEGER PRIMARY KEY,
  run TEXT NOT NULL,
  labeller TEXT NOT NULL,
  sample INTEGER NOT NULL,
  seed INTEGER NOT NULL,
  stratify TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  UNIQUE (run, labeller, sample, seed, stratify));
CREATE TABLE label_session_item (
  session_id INTEGER NOT NULL REFERENCES label_session(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  item_id INTEGER NOT NULL REFERENCES label_item(id) ON DELETE CASCADE,
  PRIMARY KEY (session_id, position)) WITHOUT ROWID;
