-- Schema version 3: a judgement belongs to one run.  Two runs of one
-- agent/model (import --name) no longer share each other's judgements:
-- judge CSVs name the run with import --run when the agent/model is
-- ambiguous, and a JSONL line's failure is its own run's.  run is '' while
-- no run of the agent/model exists; the first such run imported claims the
-- rows.  Documented in man/benchtop-store.5.
CREATE TABLE judgement_v3 (
  agent TEXT NOT NULL, model TEXT NOT NULL, runtime TEXT NOT NULL, task TEXT NOT NULL,
  number INTEGER NOT NULL,
  run TEXT NOT NULL DEFAULT '',
  category TEXT, category_reasoning TEXT,
  subcategory TEXT, subcategory_reasoning TEXT,
  subcategory_rank INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (agent, model, runtime, task, number, run)) WITHOUT ROWID;
-- each run of the agent/model keeps what it showed before: a copy per run
INSERT INTO judgement_v3 (agent, model, runtime, task, number, run, category,
  category_reasoning, subcategory, subcategory_reasoning, subcategory_rank, source)
  SELECT j.agent, j.model, j.runtime, j.task, j.number, coalesce(r.name, ''), j.category,
    j.category_reasoning, j.subcategory, j.subcategory_reasoning, j.subcategory_rank, j.source
  FROM judgement j LEFT JOIN run r ON r.agent = j.agent AND r.model = j.model;
DROP TABLE judgement;
ALTER TABLE judgement_v3 RENAME TO judgement;
CREATE INDEX judgement_by_model ON judgement(model, subcategory_rank);
