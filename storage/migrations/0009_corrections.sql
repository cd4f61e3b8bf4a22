-- A correction the bot had to ask about (an ambiguous number, a spray's unknown interval).
-- The entry it would change stays exactly as it is until the person picks an option: the
-- new reading waits here. "Không ghi", or no answer at all, leaves the entry untouched.
CREATE TABLE corrections (
    id          INTEGER PRIMARY KEY,
    entity      TEXT NOT NULL CHECK (entity IN ('harvest', 'diary')),
    asked_by    INTEGER NOT NULL REFERENCES members(id),
    plan        TEXT NOT NULL,            -- JSON: the entries it changes and their new reading
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'applied', 'dropped')),
    created_at  TEXT NOT NULL,
    settled_at  TEXT
);

-- /huy and /sua read a person's latest entries of every kind.
CREATE INDEX harvests_recorded_by ON harvests(recorded_by, created_at);
CREATE INDEX diary_recorded_by ON diary_entries(recorded_by, created_at);
