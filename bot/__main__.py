"""`python -m bot` is the same as `htx-bot`."""

from bot.cli import run

run()
