"""The document's country, which bodies can be credited with work, and how generic
mentions ("the ministry", "police") resolve against the bodies named before them.

Split from `authorities`, which finds the mentions; this module decides what they refer to.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cached_property

from minewatch.extract.authorities import (
    _ACTOR_HEADS,
    _countries,
    _unglued,
    country_adjective,
)
from minewatch.extract.tokens import finditer_unglued
from minewatch.extract.types import AuthorityMention


def document_country(text: str) -> str | None:
    """The country a document is about: the most named one (neighbours after 'border with' count half)."""  # noqa: E501
    table, _, _ = _countries()
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in finditer_unglued(_unglued()[0], text):
        weight = 1.0
        before = text[max(0, m.start() - 16) : m.start()].lower()
        after = text[m.end() : m.end() + 6]
        if "border with" in before or "from " in before[-5:]:
            weight = 0.5
        if after.startswith("-made") or after.startswith(" made"):
            continue  # where ordnance was made says nothing of where it was found
        counts[table[m.group()]] += weight  # type: ignore[assignment]
        first.setdefault(table[m.group()], m.start())
    if not counts:
        return None
    top = max(counts.values())
    tied = [c for c, n in counts.items() if n == top]
    # a tie goes to the country named first (the dateline or the lead), if it leads the text
    tied.sort(key=lambda c: first[c])
    if len(tied) > 1 and first[tied[0]] > len(text) // 3:
        return None
    return tied[0]


def is_actor(mention: AuthorityMention) -> bool:
    """A named operator or agency that can be credited with work it is the subject of."""
    return not mention.generic and mention.head in _ACTOR_HEADS


class Resolver:
    """Resolves generic mentions against the document's earlier mentions, in reading order."""

    def __init__(self, country: Callable[[], str | None]) -> None:
        self._country = country
        self.history: list[AuthorityMention] = []
        self.speakers: list[AuthorityMention] = []
        self.primary: str | None = None

    @cached_property
    def country(self) -> str | None:
        """The document's country, computed on first need (it scans the whole text)."""
        return self._country()

    def resolve(self, mention: AuthorityMention) -> AuthorityMention | None:
        """The mention with a standard name, or None when it cannot be resolved."""
        name = mention.name
        head = mention.head
        if mention.generic:
            standard = self._resolve_generic(mention)
            if standard is None:
                return None
            name = standard
        elif len(name.split()) >= 2:
            # "the prosecutor's office" after "the Kharkiv regional prosecutor's office"
            low = " " + name.lower()
            longer = [m.name for m in self.history if m.name.lower().endswith(low)
                      and not re.search(r"\bof(?:\s+the)?$", m.name[: -len(low)])]  # fmt: skip
            name = longer[-1] if longer else name
        resolved = AuthorityMention(name, mention.start, mention.end, mention.attribution,
                                    False, head, mention.source)  # fmt: skip
        self.history.append(resolved)
        if resolved.attribution and not resolved.source:
            self.speakers.append(resolved)
            if self.primary is None:
                self.primary = name
        return resolved

    def _resolve_generic(self, mention: AuthorityMention) -> str | None:
        head = mention.head.lower()
        if head in {"army", "military"}:
            prior = [m.name for m in self.history if m.head in {"army", "military"}]
            if prior:
                return prior[-1]
            return f"{country_adjective(self.country)} Army" if self.country else "Army"
        if head == "police":  # "the police" after "the Somali Police Force"
            prior = [m.name for m in self.history
                     if m.head == "police" or " police " in f" {m.name.lower()} "]  # fmt: skip
            return prior[-1] if prior else "police"
        if head in {"official", "officials", "spokesman", "spokesperson", "spokeswoman"}:
            return self.primary
        if head == "ministry":
            named = mention.name if mention.name != "ministry" else None
            pool = (
                [m for m in self.speakers if m.name.startswith("Ministry")]
                or [m for m in self.history if m.name.startswith("Ministry") and not m.source]
                or [m for m in self.history if m.name.startswith("Ministry")]
            )
            if named and named.startswith("Ministry of"):
                same = [m.name for m in self.history if m.name.startswith(named)]
                if same:
                    return same[-1]
                return f"{named} of {self.country}" if self.country else named
            return pool[-1].name if pool else None
        alias = {"center": "centre", "program": "programme", "organization": "organisation"}
        head = alias.get(head, head)
        prior = [m.name for m in self.history if alias.get(m.head, m.head) == head]
        return prior[-1] if prior else None
