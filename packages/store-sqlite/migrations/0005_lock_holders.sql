-- Who holds a lock: its process and machine, so a lock whose process died (kill -9, a crash) on
-- this machine is taken over at once, as the file store does, instead of blocking the monitor or
-- model until the lock expires. NULL for locks taken before this migration.
ALTER TABLE locks ADD COLUMN pid INTEGER;
ALTER TABLE locks ADD COLUMN host TEXT;
