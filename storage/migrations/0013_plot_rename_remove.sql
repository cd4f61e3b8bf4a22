-- Plots can be renamed and removed (/lo doiten, /lo xoa). A removed plot is hidden, never
-- deleted: removed_at is set. Harvests and diary entries keep the plot name they were
-- recorded with, so history reads as it was written. A member's visible plots still have
-- different names, but a removed name can be used again: the uniqueness becomes a partial
-- index, which needs the table rebuilt (SQLite cannot drop a table's UNIQUE constraint).

CREATE TABLE plots_new (
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
    removed_at      TEXT                      -- set by /lo xoa; NULL while the plot is in use
);
INSERT INTO plots_new (id, member_id, cooperative_id, name, name_key, area, crop, latitude,
                       longitude, created_at)
    SELECT id, member_id, cooperative_id, name, name_key, area, crop, latitude, longitude,
           created_at FROM plots;
DROP TABLE plots;
ALTER TABLE plots_new RENAME TO plots;
CREATE UNIQUE INDEX plots_member_name ON plots(member_id, name_key) WHERE removed_at IS NULL;
