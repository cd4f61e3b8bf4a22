"""English sentences of /huy, /sua and corrections (merged into catalog_en)."""

TEXTS: dict[str, str] = {
    "fix.of": "{line} ({name}'s entry)",
    "fix.before": "Before:\n{lines}",
    "fix.kept": "Kept as it was:\n{lines}",
    "fix.ask": "✏️ Correcting:\n{lines}\n{question}\nThe entry stays as it was until you choose.",
    "fix.button.keep": "✖ Don't change",
    "fix.dropped": "✖ Not changed. Kept as it was:\n{lines}",
    "fix.picked_more": "Chosen. Please answer the other question too.",
    "fix.which_undo": "Which entry do you want to cancel? Pick one:",
    "fix.which_fix_to": "Which entry should become \"{text}\"? Tap one:",
    "fix.pick_none": "✖ Nothing corrected.",
    "fix.pick_none_text": (
        "✖ Nothing corrected. \"{text}\" was not recorded. "
        "If it is a new entry, send it again."
    ),
    "fix.not_yet": "This message is not recorded yet.",
    "fix.which_fix": "Which entry do you want to correct? Pick one, then send the right text:",
}
