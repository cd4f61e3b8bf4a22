-- Zalo OA tokens. Zalo's refresh token is single-use: each refresh returns a new one, so the
-- pair is one row rewritten in the transaction that receives it (a crash keeps the old pair,
-- never a used refresh token without its successor).
CREATE TABLE zalo_tokens (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    access_token   TEXT NOT NULL,
    refresh_token  TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

-- One-time codes that put a person's second app on the same member: /lienket on one app
-- gives a code; /lienket CODE on the other adds that app's identity (Zalo, Telegram).
CREATE TABLE link_codes (
    code        TEXT PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX link_codes_member ON link_codes(member_id);
