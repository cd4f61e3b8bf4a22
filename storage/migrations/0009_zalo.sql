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
