"""The apps people reach the bot through, one home each, around the channel-neutral core.

- `telegram/`: long polling through the inbox, PTB for the rest (adapter, channel, updates,
  reading, replies), and the delivery worker that sends the outbox (delivery).
- `zalo/`: a Zalo Official Account, signed webhook events in (served by `bot/web.py`), the
  OA send API out.
- `console.py`: the terminal chat; buttons become numbered options.

What they share is written once: `text.py` cuts long texts for every app; storing each
message in the inbox before it is handled is the core's (`Core.receive`, `Core.take_in`).
"""
