-- Driftwatch SQLite store, schema version 2: what `driftwatch store migrate` imported, so running
-- it again imports nothing twice (runs and attempts are skipped by id; outbox points by this key).
CREATE TABLE imports (
  source TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (source, kind, key)
) STRICT, WITHOUT ROWID;
