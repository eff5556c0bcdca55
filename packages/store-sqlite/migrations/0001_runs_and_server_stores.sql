-- Driftwatch SQLite store, schema version 1: runs, retraining attempts, locks, sink outboxes,
-- metric series, alerts, API tokens, ingested events and labels.
-- Times the API filters on are kept as integer epoch ms (t, *_ms); run and attempt times as the
-- ISO-8601 text they were saved with (they sort as text, as the file store does).

CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  monitor TEXT NOT NULL,
  started_at TEXT NOT NULL,
  status TEXT NOT NULL,
  record TEXT NOT NULL
) STRICT;
-- The API's "runs of a monitor, newest first" and `driftwatch history`.
CREATE INDEX runs_by_monitor ON runs (monitor, started_at DESC, id DESC);
CREATE INDEX runs_by_start ON runs (started_at DESC, id DESC);

CREATE TABLE attempts (
  id TEXT PRIMARY KEY,
  model TEXT NOT NULL,
  monitor TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at TEXT NOT NULL,
  record TEXT NOT NULL
) STRICT;
CREATE INDEX attempts_by_created ON attempts (created_at DESC, id DESC);

CREATE TABLE locks (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_ms INTEGER NOT NULL
) STRICT;

-- Append-only per sink; read deduplicates by point_key, settle rewrites what stays.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  sink TEXT NOT NULL,
  point TEXT NOT NULL
) STRICT;
CREATE INDEX outbox_by_sink ON outbox (sink, seq);

-- One row per metric name and set of dimensions (dims: JSON with sorted keys).
CREATE TABLE series (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  dims TEXT NOT NULL,
  monitor TEXT,
  UNIQUE (name, dims)
) STRICT;
CREATE INDEX series_by_monitor ON series (monitor);

-- A point is identified as metricPointKey says: series, time, run and window.
-- value is NULL for NaN (SQLite keeps no NaN).
CREATE TABLE points (
  series_id INTEGER NOT NULL REFERENCES series (id),
  t INTEGER NOT NULL,
  run_id TEXT NOT NULL DEFAULT '',
  chunk TEXT NOT NULL DEFAULT '',
  value REAL,
  unit TEXT NOT NULL,
  PRIMARY KEY (series_id, t, run_id, chunk)
) STRICT, WITHOUT ROWID;
-- Series by name + dimensions + time is the primary key; prune reads by time.
CREATE INDEX points_by_time ON points (t);

CREATE TABLE alerts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  monitor TEXT NOT NULL,
  t INTEGER NOT NULL,
  record TEXT NOT NULL
) STRICT;
CREATE INDEX alerts_by_monitor ON alerts (monitor, t DESC);
CREATE INDEX alerts_by_time ON alerts (t DESC);

CREATE TABLE tokens (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  scopes TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
) STRICT;
-- One live token per name.
CREATE UNIQUE INDEX tokens_live_name ON tokens (name) WHERE revoked_at IS NULL;

CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  monitor TEXT NOT NULL,
  event_id TEXT,
  t INTEGER NOT NULL,
  received_ms INTEGER NOT NULL,
  body TEXT NOT NULL
) STRICT;
-- The events data source and retention read a monitor's events by time.
CREATE INDEX events_by_monitor_time ON events (monitor, t);
CREATE UNIQUE INDEX events_by_id ON events (monitor, event_id) WHERE event_id IS NOT NULL;

-- Late labels by event id; a label may arrive before its event.
CREATE TABLE labels (
  monitor TEXT NOT NULL,
  event_id TEXT NOT NULL,
  label TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  PRIMARY KEY (monitor, event_id)
) STRICT, WITHOUT ROWID;

-- Idempotency keys of ingested batches, per monitor and kind (events, labels).
CREATE TABLE idempotency_keys (
  monitor TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  PRIMARY KEY (monitor, kind, key)
) STRICT, WITHOUT ROWID;
