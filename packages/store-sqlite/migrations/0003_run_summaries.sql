-- Driftwatch SQLite store, schema version 3: each run's summary in its own columns, written with the
-- record, so the overview and run lists never read whole results. drift_share, drifted_columns and
-- tested_columns are the result's drift.dataset share, driftedColumns and testedColumns (NULL when
-- the run tested no drift); finished_at is NULL while a run is started (or was interrupted).
ALTER TABLE runs ADD COLUMN finished_at TEXT;
ALTER TABLE runs ADD COLUMN drift_share REAL;
ALTER TABLE runs ADD COLUMN drifted_columns REAL;
ALTER TABLE runs ADD COLUMN tested_columns REAL;

UPDATE runs SET
  finished_at = CASE json_type(record, '$.finishedAt') WHEN 'text' THEN json_extract(record, '$.finishedAt') END,
  drift_share = CASE WHEN json_type(record, '$.result.drift.dataset.share') IN ('integer', 'real')
    THEN json_extract(record, '$.result.drift.dataset.share') END,
  drifted_columns = CASE WHEN json_type(record, '$.result.drift.dataset.driftedColumns') IN ('integer', 'real')
    THEN json_extract(record, '$.result.drift.dataset.driftedColumns') END,
  tested_columns = CASE WHEN json_type(record, '$.result.drift.dataset.testedColumns') IN ('integer', 'real')
    THEN json_extract(record, '$.result.drift.dataset.testedColumns') END;

-- A monitor's runs newest first, covering the summary: the overview (last run and sparkline of each
-- monitor) and the run pages read this index only, never the records. It serves every query the
-- index it replaces served.
DROP INDEX runs_by_monitor;
CREATE INDEX runs_by_monitor ON runs (monitor, started_at DESC, id DESC, status, finished_at, drift_share, drifted_columns, tested_columns);
