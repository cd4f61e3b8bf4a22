-- Wrong invite codes, per person on a channel (in a private chat the chat is the person):
-- a few a minute, then a pause, so that codes cannot be guessed by brute force.
CREATE TABLE join_attempts (
    id        INTEGER PRIMARY KEY,
    channel   TEXT NOT NULL,
    user_ref  TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX join_attempts_person ON join_attempts(channel, user_ref, at);
