"""Channels that reach people through a web server (Zalo now; Telegram's webhook mode later)."""
