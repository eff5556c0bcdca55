-- Driftwatch SQLite store, schema version 4: a monitor's events are indexed by the hour of their
-- time (t / 3600000, integer division) instead of by their exact time. Rows of one hour sort by
-- rowid, which grows with every insert, so a batch's index entries land at the end of each hour it
-- spans (a few pages) rather than one page per event wherever its time falls: ingesting a batch
-- of 500 events whose times repeat earlier ones (retries, replays, several producers) wrote about
-- 2 MB of index pages through the WAL, now a few kB. Readers and retention bound the hour with the
-- same expression, then filter and sort by the exact time.
DROP INDEX events_by_monitor_time;
CREATE INDEX events_by_monitor_hour ON events (monitor, t / 3600000);
