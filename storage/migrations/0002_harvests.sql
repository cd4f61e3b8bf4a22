-- Harvest logging: each cooperative's product catalogue, and the harvests members record.

CREATE TABLE products (
    id              INTEGER PRIMARY KEY,
    cooperative_id  INTEGER NOT NULL REFERENCES cooperatives(id),
    name            TEXT NOT NULL,
    aliases         TEXT NOT NULL DEFAULT '[]',   -- JSON list of other names farmers use
    unit            TEXT NOT NULL,                -- default unit: kg, quả, bó, buồng, lít
    kind            TEXT NOT NULL CHECK (kind IN ('weight', 'count', 'volume')),
    max_per_entry   INTEGER,                      -- base units; above it the bot asks
    hidden          INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    UNIQUE (cooperative_id, name)
);

-- amount is exact, in base units by the product's kind: grams, millilitres or pieces.
-- A 'pending' row is a reading the bot asked about: `options` holds the candidate readings
-- and product/amount stay empty until the member chooses. Nothing is ever deleted:
-- cancelling sets status 'cancelled', and every change leaves an audit_log row.
CREATE TABLE harvests (
    id              INTEGER PRIMARY KEY,
    cooperative_id  INTEGER NOT NULL REFERENCES cooperatives(id),
    member_id       INTEGER NOT NULL REFERENCES members(id),
    product_id      INTEGER REFERENCES products(id),
    amount          INTEGER,
    day             TEXT NOT NULL,                -- the cooperative's local day, YYYY-MM-DD
    plot            TEXT,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'recorded', 'cancelled')),
    options         TEXT,                         -- JSON candidate readings of a pending row
    question        TEXT,                         -- what the bot asked about
    recorded_by     INTEGER NOT NULL REFERENCES members(id),
    channel         TEXT NOT NULL,
    message_ref     TEXT NOT NULL,                -- the message it came from
    item            INTEGER NOT NULL DEFAULT 0,   -- its position in that message
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (status <> 'recorded' OR (product_id IS NOT NULL AND amount > 0)),
    UNIQUE (channel, message_ref, item)
);
CREATE INDEX harvests_coop_day ON harvests(cooperative_id, day, product_id);
CREATE INDEX harvests_member_day ON harvests(member_id, day);
