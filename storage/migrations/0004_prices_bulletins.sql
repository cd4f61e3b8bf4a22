-- Buying prices with their history, the daily price bulletin, and members' opt-out.

-- A price is what the cooperative pays: `dong` đồng for `per_base` base units of the
-- product (grams, millilitres or pieces), as quoted in `unit` ("2tr5/tạ" is 2,500,000 per
-- 100,000 g). Rows are never updated: the price on a day is the newest row whose
-- valid_from is on or before it, so the history stays whole.
CREATE TABLE prices (
    id              INTEGER PRIMARY KEY,
    cooperative_id  INTEGER NOT NULL REFERENCES cooperatives(id),
    product_id      INTEGER NOT NULL REFERENCES products(id),
    dong            INTEGER NOT NULL CHECK (dong > 0),
    per_base        INTEGER NOT NULL CHECK (per_base > 0),
    unit            TEXT NOT NULL,
    valid_from      TEXT NOT NULL,                -- the cooperative's local day, YYYY-MM-DD
    set_by          INTEGER REFERENCES members(id),
    created_at      TEXT NOT NULL
);
CREATE INDEX prices_by_day ON prices(cooperative_id, product_id, valid_from, id);

-- When each cooperative's bulletin goes out, local time HH:MM.
ALTER TABLE cooperatives ADD COLUMN bulletin_time TEXT NOT NULL DEFAULT '06:00';

-- One bulletin per cooperative and local day, written in the transaction that queues it:
-- the primary key is what makes "at most once a day, across restarts" hold.
CREATE TABLE bulletins (
    cooperative_id   INTEGER NOT NULL REFERENCES cooperatives(id),
    day              TEXT NOT NULL,
    announcement_id  INTEGER REFERENCES announcements(id),  -- NULL: skipped (no one to tell)
    created_at       TEXT NOT NULL,
    PRIMARY KEY (cooperative_id, day)
);

-- /tatthongbao: no bulletins or broadcasts (reminders of accepted trainings still come).
ALTER TABLE members ADD COLUMN announcements_off INTEGER NOT NULL DEFAULT 0;
