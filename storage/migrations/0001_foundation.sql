-- Foundation: who belongs where, how they join, and the durable inbox.
-- Times are UTC text written by storage.db.to_db_time (fixed width, so text order = time order).

CREATE TABLE alliances (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    province    TEXT,
    created_at  TEXT NOT NULL
);

CREATE TABLE cooperatives (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    province     TEXT,
    alliance_id  INTEGER REFERENCES alliances(id),
    timezone     TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
    created_at   TEXT NOT NULL
);
CREATE INDEX cooperatives_alliance ON cooperatives(alliance_id);

CREATE TABLE members (
    id              INTEGER PRIMARY KEY,
    display_name    TEXT NOT NULL,
    phone           TEXT,
    role            TEXT NOT NULL CHECK (role IN ('member', 'manager', 'staff')),
    cooperative_id  INTEGER REFERENCES cooperatives(id),
    alliance_id     INTEGER REFERENCES alliances(id),
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    -- staff belong to an alliance; members and managers to a cooperative
    CHECK ((role = 'staff' AND alliance_id IS NOT NULL AND cooperative_id IS NULL)
        OR (role <> 'staff' AND cooperative_id IS NOT NULL))
);
CREATE INDEX members_cooperative ON members(cooperative_id);
CREATE INDEX members_alliance ON members(alliance_id);

CREATE TABLE identities (
    channel      TEXT NOT NULL,
    external_id  TEXT NOT NULL,
    member_id    INTEGER NOT NULL REFERENCES members(id),
    reachable    INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (channel, external_id)
);
CREATE INDEX identities_member ON identities(member_id);

CREATE TABLE invites (
    code            TEXT PRIMARY KEY,
    role            TEXT NOT NULL CHECK (role IN ('member', 'manager', 'staff')),
    cooperative_id  INTEGER REFERENCES cooperatives(id),
    alliance_id     INTEGER REFERENCES alliances(id),
    expires_at      TEXT NOT NULL,
    max_uses        INTEGER NOT NULL CHECK (max_uses > 0),
    uses            INTEGER NOT NULL DEFAULT 0,
    revoked         INTEGER NOT NULL DEFAULT 0,
    created_by      INTEGER REFERENCES members(id),
    created_at      TEXT NOT NULL,
    CHECK ((role = 'staff' AND alliance_id IS NOT NULL AND cooperative_id IS NULL)
        OR (role <> 'staff' AND cooperative_id IS NOT NULL))
);

-- Every update a channel hands us, stored before it is confirmed to the channel.
-- status: received -> done (effects + replies committed together) -> replied; or failed.
CREATE TABLE inbox (
    id           INTEGER PRIMARY KEY,
    channel      TEXT NOT NULL,
    message_ref  TEXT NOT NULL,
    payload      TEXT NOT NULL,
    incoming     TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'received'
                 CHECK (status IN ('received', 'done', 'replied', 'failed')),
    replies      TEXT,
    error        TEXT,
    received_at  TEXT NOT NULL,
    done_at      TEXT,
    UNIQUE (channel, message_ref)
);
CREATE INDEX inbox_unfinished ON inbox(channel, status) WHERE status IN ('received', 'done');

-- A pending confirmation or half-filled form, per person and channel, so it survives restarts.
CREATE TABLE conversation_state (
    channel     TEXT NOT NULL,
    user_ref    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    data        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (channel, user_ref)
);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    INTEGER REFERENCES members(id),
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    before      TEXT,
    after       TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

-- Small facts the process keeps between runs (the bot's username, the polling offset).
CREATE TABLE kv (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
