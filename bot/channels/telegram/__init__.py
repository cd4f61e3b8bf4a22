"""The Telegram channel: our own long polling through the inbox, PTB for the rest."""
