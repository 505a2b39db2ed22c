"""Counting the people a casualty phrase names: coordinated kin, listed dead, children.

"a woman and her two daughters" is three people, two of them children; "Among the dead were
three shepherds and a 14-year-old boy" lists four civilians, one a child. `casualties` ties
the counts to verbs; these helpers only count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minewatch.extract.casualty_words import CHILD, CIVILIAN, MILITARY, PERSON
from minewatch.extract.context import Doc
from minewatch.extract.types import Sentence

# "a man and his son were killed": each coordinated person before the verb is one more victim
AND_PERSON = re.compile(
    rf"\b(?:and)\s+(?:(?:a|an|his|her|their|one|another)\s+(?:[\w'’-]+\s+){{0,2}}?|"
    rf"(?=(?:wife|husband|son|daughter|brother|sister|mother|father)\b))(?:{PERSON})\b"
)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10}  # fmt: skip
_SMALL_COUNT = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b(?!-)")


def persons(phrase: str) -> int:
    """How many people a coordinated phrase adds: "and his son" 1, "and her two daughters" 2."""
    m = _SMALL_COUNT.search(phrase)
    if m is None:
        return 1
    word = m.group(1).lower()
    return int(word) if word.isdigit() else _SMALL[word]


_AGE = re.compile(r"\b(\d{1,2})-year-old\b")
_AMONG_DEAD = re.compile(r"^Among\s+the\s+(?:dead|killed)\s+(?:were|was)\s+([^.;]+)")
_LIST_ITEM = re.compile(r",\s+(?:and\s+)?|\s+and\s+")


@dataclass(frozen=True, slots=True)
class Listed:
    """Who the dead were, by a list: civilians, military, children, and the list's span."""

    civilians: int
    military: int
    children: int
    span: tuple[int, int]


def among_dead(doc: Doc, sentences: list[Sentence]) -> Listed | None:
    """The dead as listed by "Among the dead were three shepherds and a 14-year-old boy"."""
    for g in sentences:
        m = _AMONG_DEAD.match(g.text)
        if m is None:
            continue
        civ = mil = kids = 0
        at = g.start + m.start(1)
        for item in _LIST_ITEM.split(m.group(1)):
            start = doc.text.find(item, at)
            at = start + len(item)
            q = next((x for x in doc.quantities(g.index) if x.start == start), None)
            n = int(q.best) if q is not None else 1 if re.match(r"(?:a|an|one)\s", item) else 0
            if MILITARY.search(item):
                mil += n
            elif CIVILIAN.search(item) or child_count(item, item, n):
                civ += n
            kids += int(child_count(item, item, n))
        return Listed(civ, mil, kids, (g.start + m.start(1), g.start + m.end(1)))
    return None


def child_count(text: str, subject: str, count: float) -> float:
    if CHILD.search(subject):
        ands = list(AND_PERSON.finditer(subject))
        if ands:  # "a man and his son": only the children among the people listed count
            kids = sum(persons(a.group()) for a in ands if CHILD.search(a.group()))
            kids += 1 if CHILD.search(subject, 0, ands[0].start()) else 0
            return float(min(count, kids))
        return count
    ages = [int(a) for a in _AGE.findall(subject)]
    if (aged := re.search(r"\baged\s+([\d,\sand]+)", subject)) is not None:
        ages += [int(a) for a in re.findall(r"\d{1,2}", aged.group(1))]
    return float(min(count, sum(1 for a in ages if a < 18)))
