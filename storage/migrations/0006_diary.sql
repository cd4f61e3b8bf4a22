-- The production diary (nhật ký sản xuất): members' plots, the cooperative's inputs with
-- their pre-harvest intervals, diary entries, and the interval flag on harvests.

CREATE TABLE plots (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    cooperative_id  INTEGER NOT NULL REFERENCES cooperatives(id),
    name            TEXT NOT NULL,            -- as shown: "lô 3", "vườn A"
    name_key        TEXT NOT NULL,            -- folded, for matching "lo 3" to "lô 3"
    area            TEXT,                     -- as typed: "0,5 ha", "2 sào"
    crop            TEXT,
    latitude        REAL,
    longitude       REAL,
    created_at      TEXT NOT NULL,
    UNIQUE (member_id, name_key)
);

-- Fertilisers and pesticides; a pesticide's pre-harvest interval (thời gian cách ly) in
-- days, NULL when nobody knows it.
CREATE TABLE inputs (
    id              INTEGER PRIMARY KEY,
    cooperative_id  INTEGER NOT NULL REFERENCES cooperatives(id),
    name            TEXT NOT NULL,
    aliases         TEXT NOT NULL DEFAULT '[]',
    kind            TEXT NOT NULL CHECK (kind IN ('fertiliser', 'pesticide')),
    interval_days   INTEGER CHECK (interval_days IS NULL OR interval_days >= 0),
    created_at      TEXT NOT NULL,
    UNIQUE (cooperative_id, name)
);

-- A diary entry is never deleted: cancelling sets status 'cancelled' with an audit row.
-- interval_days is copied from the input when recorded (a later edit of the catalogue does
-- not rewrite history); interval_unknown marks a spray whose interval nobody knew.
CREATE TABLE diary_entries (
    id                INTEGER PRIMARY KEY,
    cooperative_id    INTEGER NOT NULL REFERENCES cooperatives(id),
    member_id         INTEGER NOT NULL REFERENCES members(id),
    activity          TEXT NOT NULL CHECK (activity IN
                      ('fertilise', 'spray', 'water', 'weed', 'prune', 'sow', 'plant', 'note')),
    plot              TEXT,                   -- the plot's name, as on harvests
    input_id          INTEGER REFERENCES inputs(id),
    input_name        TEXT,                   -- as known or as typed
    dose              TEXT,                   -- as shown: "2 bình", "20 kg"
    interval_days     INTEGER,
    interval_unknown  INTEGER NOT NULL DEFAULT 0,
    note              TEXT,
    text              TEXT NOT NULL,          -- the message as typed, kept whole
    photo_ref         TEXT,
    day               TEXT NOT NULL,          -- the cooperative's local day
    status            TEXT NOT NULL CHECK (status IN ('pending', 'recorded', 'cancelled')),
    recorded_by       INTEGER NOT NULL REFERENCES members(id),
    channel           TEXT NOT NULL,
    message_ref       TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (channel, message_ref)
);
CREATE INDEX diary_member_day ON diary_entries(member_id, day);
CREATE INDEX diary_coop_day ON diary_entries(cooperative_id, day);

-- Set when a harvest falls inside a spray's pre-harvest interval on the same plot.
ALTER TABLE harvests ADD COLUMN interval_warning TEXT;
