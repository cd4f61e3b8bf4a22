-- /canhbao: an urgent warning (storm, flash flood) is a broadcast marked urgent. Its
-- deliveries carry priority -1, so the worker sends them before every other queued delivery
-- and a running broadcast waits; it also reaches members who turned announcements off.
-- (A new kind would need the CHECK on announcements.kind changed, which SQLite can only do by
-- rebuilding a table that deliveries reference; a column needs no rebuild.)
ALTER TABLE announcements ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
