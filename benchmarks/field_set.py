"""How much of the field sets (tests/messages/understanding/field_cases.py, and the second
one, standin_cases.py) is read right, per family, through the real path; lists every message
not read right, silent wrong readings first.

    .venv/bin/python benchmarks/field_set.py [--quiet] [--set first|second|both]

Harvest and diary lines: real `classify` and the readers. Questions: the reading (period and
product), then the answer's figures from the real handlers on a real SQLite file seeded with
deliveries and prices (the same seed and check as tests/handlers/test_field_questions.py).
The second set: diary lines as above; prices through the real chat path (a manager and a
member of the same seeded cooperative); small talk and commands typed wrong through the
real `classify` and the router's command guesser. Each message is also run without
diacritics.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.handlers.test_field_questions import answer_is_right, seeded
from tests.messages.understanding.field_cases import DIARY, HARVEST, QUESTIONS
from tests.messages.understanding.field_judge import (
    judge_diary,
    judge_harvest,
    judge_question,
    with_plain,
)
from tests.messages.understanding.standin_cases import COMMANDS as S_COMMANDS
from tests.messages.understanding.standin_cases import DIARY as S_DIARY
from tests.messages.understanding.standin_cases import FIRST_BATCH, SECOND_BATCH_END
from tests.messages.understanding.standin_cases import PRICES as S_PRICES
from tests.messages.understanding.standin_cases import TALK as S_TALK
from tests.messages.understanding.standin_judge import (
    judge_command,
    judge_prices,
    judge_talk,
)
from tests.messages.understanding.standin_judge import judge_diary as s_judge_diary
from tests.messages.understanding.standin_judge import with_plain as s_with_plain


def _report(name: str, verdicts: list[tuple[str, str, str]], quiet: bool) -> None:
    counts = Counter(v for v, _, _ in verdicts)
    n = len(verdicts)
    print(f"{name:18} {counts['right']:4}/{n:<4} right {100 * counts['right'] / n:5.1f}%"
          f"  asked {counts['asked']:3}  other {counts['other']:3}  WRONG {counts['wrong']}")
    if not quiet:
        for verdict, text, why in sorted(verdicts, key=lambda v: v[0] != "wrong"):
            if verdict != "right":
                print(f"    {verdict:6} {text!r}: {why}")


async def _figures() -> list[tuple[str, str, str]]:
    out = []
    async with seeded() as people:
        for text, who, period, product in with_plain(QUESTIONS):
            why = await answer_is_right(people, text, who, period, product)
            wrong = why is not None and not why.startswith("asked back")
            out.append(("right" if why is None else "wrong" if wrong else "asked", text,
                        (why or "").split("\n")[0]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quiet", action="store_true", help="figures only")
    parser.add_argument("--set", choices=("first", "second", "both"), default="both",
                        help="which field set (default both)")
    args = parser.parse_args()
    quiet = args.quiet
    if args.set in ("first", "both"):
        _first(quiet)
    if args.set in ("second", "both"):
        _second(quiet)


def _second(quiet: bool) -> None:
    for title, batch in (("second field set (standin_cases.py)", False),
                         ("  of which its second batch", True)):
        print(title)

        def cut(name: str, cases: list, batch: bool = batch) -> list:
            return cases[FIRST_BATCH[name]:SECOND_BATCH_END[name]] if batch else cases

        _report("diary lines", [(v, c[0], why) for c in s_with_plain(cut("diary", S_DIARY))
                                for v, why in [s_judge_diary(*c)]], quiet)
        _report("prices", asyncio.run(judge_prices(s_with_plain(cut("prices", S_PRICES)))),
                quiet)
        _report("talk, questions", [(v, c[0], why) for c in s_with_plain(cut("talk", S_TALK))
                                    for v, why in [judge_talk(*c)]], quiet)
        _report("commands", [(v, c[0], why) for c in s_with_plain(cut("commands", S_COMMANDS))
                             for v, why in [judge_command(*c)]], quiet)
        quiet = True  # the second batch's messages are listed with the whole set


def _first(quiet: bool) -> None:
    print("first field set (field_cases.py)")
    for name, cases, judge in (("harvest lines", HARVEST, judge_harvest),
                               ("diary lines", DIARY, judge_diary)):
        _report(name, [(v, c[0], why) for c in with_plain(cases) for v, why in [judge(*c)]],
                quiet)
    reading = [(v, t, why) for t, _, p, pr in with_plain(QUESTIONS)
               for v, why in [judge_question(t, p, pr)]]
    _report("questions (read)", reading, quiet)
    _report("questions (figures)", asyncio.run(_figures()), quiet)


if __name__ == "__main__":
    main()
