"""How long deciding what a message is takes, per message, over every case set.

    .venv/bin/python benchmarks/reading.py [--rounds 5]

"decide" is the classifier (messages.intent.classify) with its memo cleared before every
round, so each message is read cold; "decide + read" adds the reader the decision leads to
(harvest, diary, question). On a tree without messages/intent.py (before issue 24) the same
figures are taken for the router's chain of checks it replaced (price question, intake
question, price, diary, money, on behalf, then harvest), so that
`PYTHONPATH=<old tree> .venv/bin/python benchmarks/reading.py` gives the before figure with
this same script. Prints CPU µs per message (the fastest and the median round).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from messages.diary import parse_diary
from messages.harvest import parse_harvest
from tests.messages import coverage_cases, diary_cases, harvest_cases
from tests.messages.test_diary import INPUTS

TODAY = harvest_cases.NOW.date()


NEW_SETS = ("diary_more_cases", "questions_cases", "prices_cases", "talk_cases",
            "commands_cases", "telex_cases", "batches_cases")


def _messages(new_sets: Path) -> list[str]:
    """Every message of the case sets: the harvest, coverage and diary sets, and issue 24's
    sets, read from `new_sets` (so a tree without them can be timed on them too)."""
    texts = [m for m, _ in harvest_cases.CASES] + [m for m, _ in coverage_cases.HARVEST]
    texts += [c[0] for c in diary_cases.READ] + [t for t, _ in diary_cases.OUTCOMES]
    texts += [t for t, _ in coverage_cases.DIARY_ASKED] + [c[0] for c in coverage_cases.DIARY_READ]
    for name in NEW_SETS:
        path = new_sets / f"{name}.py"
        if not path.exists():
            continue
        spec = importlib.util.spec_from_file_location(f"_sets_{name}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for value in vars(module).values():
            if isinstance(value, list) and value and isinstance(value[0], tuple):
                texts += [c[0] for c in value]
    return [t for t in texts if t]


def _decider():
    """(decide, decide and read) for this tree."""
    try:
        from messages.intent import classify
        from messages.periods import read_question
    except ImportError:
        return _old_decider()

    def decide(text: str) -> str:
        return classify(text, TODAY).kind

    def read(text: str) -> object:
        kind = classify(text, TODAY).kind
        if kind == "harvest":
            return parse_harvest(text, harvest_cases.CATALOGUE, harvest_cases.NOW)
        if kind == "diary":
            return parse_diary(text, INPUTS, TODAY)
        if kind == "question":
            return read_question(text, TODAY)
        return kind

    return decide, read, classify.cache_clear


def _old_decider():
    from messages.diary import is_diary_text
    from messages.people import on_behalf
    from messages.periods import is_summary_question
    from messages.prices import is_price_question, is_price_text, money_in

    def decide(text: str) -> str:
        if is_price_question(text):
            return "price_question"
        if is_summary_question(text):
            return "question"
        if is_price_text(text):
            return "price"
        if is_diary_text(text, TODAY):
            return "diary"
        if money_in(text, TODAY) is not None:
            return "money"
        return "proxy" if on_behalf(text) is not None else "harvest"

    def read(text: str) -> object:
        kind = decide(text)
        if kind == "harvest":
            return parse_harvest(text, harvest_cases.CATALOGUE, harvest_cases.NOW)
        if kind == "diary":
            return parse_diary(text, INPUTS, TODAY)
        return kind

    return decide, read, lambda: None


def _round(work, texts: list[str], clear) -> float:
    clear()
    start = time.process_time()  # CPU time: the machine may be shared
    for text in texts:
        work(text)
    return (time.process_time() - start) / len(texts) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--sets", type=Path, help="where issue 24's case sets are (default: "
                        "this tree's tests/messages/understanding)",
                        default=Path(__file__).resolve().parent.parent
                        / "tests" / "messages" / "understanding")
    args = parser.parse_args()
    texts = _messages(args.sets)
    decide, read, clear = _decider()
    for text in texts:  # warm imports and the word caches every tree has
        read(text)
    decided = [_round(decide, texts, clear) for _ in range(args.rounds)]
    whole = [_round(read, texts, clear) for _ in range(args.rounds)]
    print(f"{len(texts)} messages, CPU µs a message over {args.rounds} rounds: fastest, median")
    print(f"decide:        {min(decided):6.1f} {statistics.median(decided):6.1f}")
    print(f"decide + read: {min(whole):6.1f} {statistics.median(whole):6.1f}")


if __name__ == "__main__":
    main()
