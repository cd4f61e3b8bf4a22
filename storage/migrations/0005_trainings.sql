-- Trainings (tập huấn): the notice with RSVP buttons, reminders, and members' answers.

-- Buttons sent under an announcement (JSON rows of {"label", "data"}), e.g. an RSVP.
ALTER TABLE announcements ADD COLUMN buttons TEXT;

CREATE TABLE trainings (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    starts_at       TEXT NOT NULL,                -- UTC
    place           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    organiser_id    INTEGER NOT NULL REFERENCES members(id),
    alliance_id     INTEGER REFERENCES alliances(id),      -- set when alliance staff organise
    cooperative_id  INTEGER REFERENCES cooperatives(id),   -- set when a manager organises
    audience        TEXT NOT NULL,                -- JSON {"cooperatives": [...], "products": [...]}
    notice_id       INTEGER REFERENCES announcements(id),
    created_at      TEXT NOT NULL
);
CREATE INDEX trainings_starts ON trainings(starts_at);

-- Who was invited, fixed when the notice went out: reminders and counts refer to them.
CREATE TABLE training_invitees (
    training_id  INTEGER NOT NULL REFERENCES trainings(id),
    member_id    INTEGER NOT NULL REFERENCES members(id),
    PRIMARY KEY (training_id, member_id)
);

-- A member's latest answer; every change also leaves an audit_log row.
CREATE TABLE rsvps (
    training_id  INTEGER NOT NULL REFERENCES trainings(id),
    member_id    INTEGER NOT NULL REFERENCES members(id),
    answer       TEXT NOT NULL CHECK (answer IN ('yes', 'no')),
    answered_at  TEXT NOT NULL,
    PRIMARY KEY (training_id, member_id)
);

-- Each reminder of a training, queued once: announcement_id is set in the transaction that
-- queues it; 'skipped' when its time had passed before the training was created.
CREATE TABLE training_reminders (
    training_id      INTEGER NOT NULL REFERENCES trainings(id),
    label            TEXT NOT NULL,               -- '1d', '2h'
    due_at           TEXT NOT NULL,               -- UTC
    status           TEXT NOT NULL DEFAULT 'waiting'
                     CHECK (status IN ('waiting', 'queued', 'skipped')),
    announcement_id  INTEGER REFERENCES announcements(id),
    PRIMARY KEY (training_id, label)
);
CREATE INDEX training_reminders_due ON training_reminders(due_at) WHERE status = 'waiting';
