"""English sentences of the bot's guards: updates it cannot read, buttons that are not
the tapper's, invite codes tried too often (merged into catalog_en)."""

TEXTS: dict[str, str] = {
    "unreadable": "I could not read that message; please send it again.",
    "button.not_yours": "This button no longer works. Type /help to see what I can do.",
    "join.paused": (
        "That was {count} wrong invite codes in a row. To keep the cooperative safe, "
        "please wait until {time} and try again. If you are not sure of the code, ask "
        "your manager."
    ),
}
