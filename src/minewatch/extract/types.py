"""Value types shared by the extraction modules: sentences, quantities, dates, drafts of facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the document body, with absolute character offsets."""

    index: int
    start: int
    end: int
    text: str
    headline: bool = False
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Cues:
    """Keyword prefilter input for one sentence (see `tokens.cues`)."""

    low: str  # the text folded to lower case
    words: frozenset[str]  # its lower-case word runs
    digit: bool  # it contains a decimal digit (regex `\d`)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count or measure read from text, as an estimate (DESIGN §2)."""

    best: float
    start: int
    end: int
    low: float | None = None
    high: float | None = None
    approx: bool = False
    vague: bool = False
    year_like: bool = False

    def estimate(self) -> dict[str, Any]:
        """The JSON-ready estimate of this quantity."""
        return {
            "low": _num(self.low),
            "best": _num(self.best),
            "high": _num(self.high),
            "approx": self.approx,
            "vague": self.vague,
        }


def _num(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 6)


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A resolved date or period phrase; start/end None when unresolved (no publication date)."""

    start: int
    end: int
    first: dt.date | None
    last: dt.date | None
    prec: int | None
    open_ended: bool = False  # "since X": a period with no stated end
    anaphoric: bool = False  # "over the same period": refers back to an earlier period
    text: str = ""

    @property
    def is_day(self) -> bool:
        """True when the phrase names one day."""
        return self.first is not None and self.first == self.last and not self.open_ended


@dataclass(frozen=True, slots=True)
class AuthorityMention:
    """A body named in the text, with its standard short name."""

    name: str
    start: int
    end: int
    attribution: bool  # in a speech or source phrase ("X said", "according to X")
    generic: bool = False  # "the ministry", "police": resolved against earlier mentions
    head: str = ""
    source: bool = False  # "according to X" (a data source) rather than "X said" (a speaker)


@dataclass(slots=True)
class Draft:
    """A fact under construction: gold fields plus provenance, before serialisation."""

    kind: str
    fields: dict[str, Any]
    sentences: list[Sentence]
    spans: dict[str, Span] = field(default_factory=dict)
    estimates: dict[str, dict[str, Any]] = field(default_factory=dict)
    authority_span: Span | None = None
    date_prec: int | None = None
    place_span: Span | None = None
    anchor: int = 0  # character offset used to order facts
    total_key: str | None = None  # group id of a stated total
    part_of: str | None = None  # group id of the total this part belongs to
    extras: dict[str, Any] = field(default_factory=dict)

    def set_period(self, when: DateExpr) -> None:
        """Period fields, span and precision from a date phrase ("since X" has no end)."""
        if when.first is None:
            return
        self.fields["period_start"] = when.first.isoformat()
        self.fields["period_end"] = (
            None if when.open_ended or when.last is None else when.last.isoformat()
        )
        self.spans["period_start"] = (when.start, when.end)
        self.date_prec = when.prec
