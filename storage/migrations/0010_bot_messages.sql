-- The bot's messages that carry buttons, by the person they were sent to: a button acts
-- only on a message the bot sent to the person who tapped it. A platform may let a forged
-- button press name any message; this table, not the platform, says whose it is.
CREATE TABLE bot_messages (
    channel      TEXT NOT NULL,
    user_ref     TEXT NOT NULL,  -- the person's id on the channel (the identity's external_id)
    message_ref  TEXT NOT NULL,  -- the channel's id of the message in that person's chat
    PRIMARY KEY (channel, user_ref, message_ref)
);

-- Announcements already sent with buttons (training notices) keep working.
INSERT INTO bot_messages (channel, user_ref, message_ref)
SELECT DISTINCT d.channel, d.external_id, d.message_ref
FROM deliveries d JOIN announcements a ON a.id = d.announcement_id
WHERE d.message_ref IS NOT NULL AND a.buttons IS NOT NULL
ON CONFLICT DO NOTHING;
