-- Announcements on every app (issue #20): routing per member, Zalo's messaging window, ZNS.
--
-- When the person last wrote to the Zalo OA: Zalo accepts customer-service messages only for
-- a while after that (the window). Identities that exist already start at when they joined
-- (they wrote then); a guess too kind is corrected by Zalo's -230, which moves the delivery on.
ALTER TABLE identities ADD COLUMN last_seen_at TEXT;
UPDATE identities SET last_seen_at = created_at WHERE channel = 'zalo';

-- A delivery that cannot reach its member now is settled `failed` with a reason (window_*,
-- zns_*, template) and counted in `unreached`, not in `failed` (errors). A delivery
-- sent late (the member wrote the same day) keeps reason 'late'. A pending delivery's
-- last_error 'zns_quota' means it waits for the next day's ZNS quota.
ALTER TABLE deliveries ADD COLUMN reason TEXT;
ALTER TABLE announcements ADD COLUMN unreached INTEGER NOT NULL DEFAULT 0;
-- The named fields of the announcement (JSON: htx, ngay, gio, noidung, tieude, diadiem, gia)
-- that a ZNS template's parameters are filled from, and which template kind it uses
-- (bulletin, training, reminder, broadcast).
ALTER TABLE announcements ADD COLUMN fields TEXT;
ALTER TABLE announcements ADD COLUMN template_kind TEXT;

-- ZNS: one approved template per cooperative and kind, registered by a manager, with the
-- mapping of its parameters to our fields (JSON list of {"param", "field", "max"}).
CREATE TABLE zns_templates (
    cooperative_id  INTEGER NOT NULL REFERENCES cooperatives(id),
    kind            TEXT NOT NULL CHECK (kind IN ('bulletin', 'training', 'reminder', 'broadcast')),
    template_id     TEXT NOT NULL,
    params          TEXT NOT NULL,
    created_by      INTEGER REFERENCES members(id),
    created_at      TEXT NOT NULL,
    PRIMARY KEY (cooperative_id, kind)
);
-- The cooperative's daily ZNS budget (messages a local day; 0: no ZNS) and what each day used.
-- A unit is taken when a ZNS delivery is claimed and given back when Zalo refuses it.
ALTER TABLE cooperatives ADD COLUMN zns_daily_quota INTEGER NOT NULL DEFAULT 0;
CREATE TABLE zns_usage (
    cooperative_id  INTEGER NOT NULL REFERENCES cooperatives(id),
    day             TEXT NOT NULL,
    used            INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (cooperative_id, day)
);
CREATE INDEX deliveries_member ON deliveries(member_id, status);
