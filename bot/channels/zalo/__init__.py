"""The Zalo Official Account channel: signed webhook events in, the OA send API out."""
