"""Score place resolution on the corpus gold place strings: correct, wrong, wrong country,
abstained.

Each gold fact's place is resolved with the other gold places of its file as context (as
`locate_facts` does for an ingested document) and compared with the expected resolution
written by reading the texts (``tests/gazetteer/expected_places.json``). A wrong country is
the failure that matters most (a claim mapped in the wrong state); abstaining is counted
separately because it is the honest answer when a name is ambiguous.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from minewatch.gazetteer.resolve import Resolution, Resolver

OUTCOMES = ("correct", "wrong", "wrong_country", "abstained", "unscored")


@dataclass
class PlaceCase:
    """One gold place mention and what happened to it."""

    file: str
    place: str
    outcome: str
    expected: list[str]
    got: list[str]
    countries: list[str]
    where_prec: int
    note: str = ""


@dataclass
class PlaceReport:
    """Counts over gold mentions and over distinct place strings, with every case kept."""

    cases: list[PlaceCase] = field(default_factory=list)

    def counts(self, distinct: bool = False) -> dict[str, int]:
        """Outcome counts (per mention, or per distinct place string)."""
        chosen = self.cases
        if distinct:
            chosen = list({c.place: c for c in self.cases}.values())
        tally = Counter(c.outcome for c in chosen)
        return {k: tally.get(k, 0) for k in OUTCOMES}

    def rate(self, outcome: str = "correct", distinct: bool = False) -> float:
        """Share of scored mentions with ``outcome``."""
        counts = self.counts(distinct)
        scored = sum(v for k, v in counts.items() if k != "unscored")
        return counts[outcome] / scored if scored else 0.0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready report."""
        return {
            "mentions": {**self.counts(), "correct_rate": round(self.rate(), 4)},
            "distinct": {
                **self.counts(distinct=True),
                "correct_rate": round(self.rate(distinct=True), 4),
            },
            "cases": [c.__dict__ for c in self.cases if c.outcome != "correct"],
        }


def load_expected(path: Path) -> dict[str, Any]:
    """The expected resolutions (place string -> places, country, optional ``within``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return dict(data.get("places", data))


def _outcome(res: Resolution, want: dict[str, Any] | None, resolver: Resolver) -> str:
    if want is None:
        return "unscored"
    if not res.places:
        return "abstained"
    if any(p.country_code != want["country"] for p in res.places):
        return "wrong_country"
    if sorted(p.name for p in res.places) != sorted(want["places"]):
        return "wrong"
    within = want.get("within")
    if within:
        index = resolver.index
        for p in res.places:
            names = {index.entries[a].name for a in index.ancestors(p.id)}
            if within not in names:
                return "wrong"
    return "correct"


def score_places(
    gold_path: Path,
    corpus_dir: Path,
    expected: dict[str, Any],
    *,
    resolver: Resolver | None = None,
) -> PlaceReport:
    """Resolve every gold place mention of the corpus and score it against ``expected``."""
    if resolver is None:
        from minewatch.gazetteer.index import GazetteerIndex
        from minewatch.gazetteer.loaders import builtin_records

        resolver = Resolver(GazetteerIndex.from_records(builtin_records()))
    report = PlaceReport()
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        if not (corpus_dir / doc["file"]).is_file():
            continue
        phrases = [f.get("place") for f in doc["facts"]]
        for phrase, res in zip(phrases, resolver.resolve_document(phrases), strict=True):
            if not phrase or res is None:
                continue
            want = expected.get(phrase)
            report.cases.append(
                PlaceCase(
                    file=doc["file"],
                    place=phrase,
                    outcome=_outcome(res, want, resolver),
                    expected=list(want["places"]) if want else [],
                    got=[p.name for p in res.places] or [c.name for c in res.candidates],
                    countries=sorted(res.country_codes),
                    where_prec=res.where_prec,
                    note=res.note,
                )
            )
    return report
