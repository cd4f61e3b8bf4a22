-- Several `htx-bot run` processes on one database (webhook mode).
-- An inbox row is claimed by the process that stored it (or took it over) until
-- claimed_until; a live process renews its claims, so a claim that has run out belongs to a
-- process that died, and any other process may take the row over.
ALTER TABLE inbox ADD COLUMN claimed_by TEXT;
ALTER TABLE inbox ADD COLUMN claimed_until TEXT;

-- Work that one process at a time does (the outbox sender, the scheduled queueing): a row
-- per kind of work names its holder until expires_at; the holder renews it.
CREATE TABLE leases (
    name        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

-- What each process sent in the last second (replies), so that the sender holding the
-- outbox lease counts every process's messages against the bot's one rate limit.
CREATE TABLE send_notes (
    holder      TEXT PRIMARY KEY,
    noted_at    TEXT NOT NULL,
    sends       TEXT NOT NULL
);
