-- The outbox: announcements and one delivery row per recipient, sent by the delivery worker.
-- A delivery goes pending -> sending (claimed, request about to go out) -> sent | blocked |
-- failed; a retry puts it back to pending with a later next_attempt_at. Rows still `sending`
-- at start-up were in flight when the process died: they are sent again (the only duplicates).

CREATE TABLE announcements (
    id                INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('reminder', 'bulletin', 'broadcast')),
    priority          INTEGER NOT NULL,  -- lower goes first: reminder 0, bulletin 1, broadcast 2
    cooperative_id    INTEGER REFERENCES cooperatives(id),
    alliance_id       INTEGER REFERENCES alliances(id),
    sender_id         INTEGER REFERENCES members(id),
    text              TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'done')),
    total             INTEGER NOT NULL DEFAULT 0,
    sent              INTEGER NOT NULL DEFAULT 0,
    blocked           INTEGER NOT NULL DEFAULT 0,
    failed            INTEGER NOT NULL DEFAULT 0,
    -- where the sender's progress message lives (set when the worker first sends it)
    progress_channel  TEXT,
    progress_chat     TEXT,
    progress_message  TEXT,
    created_at        TEXT NOT NULL,
    finished_at       TEXT,
    reported_at       TEXT  -- when the final summary reached the sender
);
CREATE INDEX announcements_cooperative ON announcements(cooperative_id, id);
CREATE INDEX announcements_alliance ON announcements(alliance_id, id);
CREATE INDEX announcements_open ON announcements(status, reported_at);

CREATE TABLE deliveries (
    id               INTEGER PRIMARY KEY,
    announcement_id  INTEGER NOT NULL REFERENCES announcements(id),
    member_id        INTEGER NOT NULL REFERENCES members(id),
    channel          TEXT NOT NULL,
    external_id      TEXT NOT NULL,
    priority         INTEGER NOT NULL,  -- copied from the announcement for the worker's index
    status           TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'sending', 'sent', 'blocked', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT,
    message_ref      TEXT,  -- the channel's id of the message sent
    sent_at          TEXT,
    UNIQUE (announcement_id, member_id)
);
-- The worker's "next due by priority" query walks this index in order.
CREATE INDEX deliveries_due ON deliveries(channel, priority, id) WHERE status = 'pending';
CREATE INDEX deliveries_in_flight ON deliveries(channel) WHERE status = 'sending';
