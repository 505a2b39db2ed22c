"""Score extractor output against the corpus gold standard (../shared/corpus/README.md).

A predicted fact matches a gold fact of the same kind with the same key figure
(`KEY_FIELDS`); unmatched predictions are false positives, unmatched gold facts
false negatives. Slots (`SLOTS`) are then compared on matched pairs only, so a
fact found with a wrong place costs slot accuracy, not recall.

`score` is pure (predicted and gold dicts in, `EvalReport` out); `evaluate` adds
the I/O: it reads gold.jsonl and the corpus files and runs the extractor.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from minewatch.errors import InputError, NotFoundError

Fact = Mapping[str, Any]

KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "device_find": ("quantity",),
    "casualties": ("killed", "injured"),
    "land_release": ("area_m2",),
    "inspection": ("date",),
}
"""The key figure per kind; only these kinds are scored (others, e.g. allegation, are ignored)."""

# fmt: off
SLOTS: dict[str, tuple[str, ...]] = {
    "device_find": ("device_category", "model", "action", "origin_country", "production_year",
                    "period_start", "period_end", "place", "authority"),
    "casualties": ("civilians_killed", "military_killed", "children", "date",
                   "period_start", "period_end", "place", "authority", "incident"),
    "land_release": ("method", "period_start", "period_end", "place", "authority"),
    "inspection": ("place", "participants"),
}
# fmt: on
"""Slots compared on matched pairs, per kind."""

AREA_TOLERANCE = 0.005
"""land_release areas match within 0.5% of the gold area (hectare rounding in reports)."""

# Spelling variants that are the same word; applied per token after casefolding.
_SPELLING = {"defense": "defence", "center": "centre", "neutralised": "neutralized"}

# Words that name a kind of place rather than a place: a lenient place match
# needs the shorter string to contain at least one word that is not one of these.
_GENERIC_PLACE_TEXT = """
    the of in near at on outskirts area rural village town city settlement part and
    district districts region regions province provinces governorate governorates
    municipality municipalities community commune township direction directions
    north south east west northern southern eastern western"""
_GENERIC_PLACE_WORDS = frozenset(_GENERIC_PLACE_TEXT.split())

_NON_WORD = re.compile(r"[^\w]+|_")


# Report shapes


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with the derived metrics."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """TP / predicted; 1.0 when nothing was predicted (no false claims made)."""
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        """TP / gold; 1.0 when there was nothing to find."""
        gold = self.tp + self.fn
        return self.tp / gold if gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (1.0 for an empty, correctly empty file)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class SlotTally:
    """How often one slot agreed with gold over matched pairs."""

    correct: int = 0
    compared: int = 0

    def __add__(self, other: SlotTally) -> SlotTally:
        return SlotTally(self.correct + other.correct, self.compared + other.compared)

    @property
    def accuracy(self) -> float:
        """correct / compared; 1.0 when nothing was compared."""
        return self.correct / self.compared if self.compared else 1.0


@dataclass(frozen=True)
class Miss:
    """A gold fact not found (false_negative) or a predicted fact with no gold match."""

    file: str
    type: str  # "false_negative" | "false_positive"
    kind: str
    key: str
    fact: dict[str, Any]
    evidence: str | None = None


@dataclass(frozen=True)
class SlotMismatch:
    """A matched pair whose slot disagrees with gold."""

    file: str
    kind: str
    key: str
    slot: str
    expected: Any
    got: Any
    evidence: str | None = None


@dataclass(frozen=True)
class FileScore:
    """Per-file breakdown; `error` is set when reading or extraction failed."""

    file: str
    gold: int
    predicted: int
    counts: Counts
    slots: SlotTally
    hard_negative: bool
    all_predicted: int
    language: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class EvalReport:
    """Everything the scorer measured; render it with `minewatch.evaluate.report`."""

    kinds: dict[str, Counts]
    slots: dict[str, dict[str, SlotTally]]
    files: list[FileScore]
    misses: list[Miss]
    slot_mismatches: list[SlotMismatch]
    extractor_version: str | None = None

    @property
    def overall(self) -> Counts:
        """Counts summed over every kind."""
        return sum(self.kinds.values(), Counts())

    @property
    def slot_total(self) -> SlotTally:
        """Correct and compared slots summed over every kind and slot."""
        return sum((t for per in self.slots.values() for t in per.values()), SlotTally())

    @property
    def slot_accuracy(self) -> float:
        """Correct slots / compared slots across kinds (the issue-3 slot target)."""
        return self.slot_total.accuracy

    def kind_slot_total(self, kind: str) -> SlotTally:
        """Correct and compared slots of one kind."""
        return sum(self.slots.get(kind, {}).values(), SlotTally())

    @property
    def hard_negative_files(self) -> list[str]:
        """Gold files with no facts: texts about coal mines, football, metaphors..."""
        return [f.file for f in self.files if f.hard_negative]

    @property
    def hard_negative_facts(self) -> int:
        """Predicted facts of any kind (allegations and totals too) on hard negatives; target 0."""
        return sum(f.all_predicted for f in self.files if f.hard_negative)

    @property
    def errors(self) -> list[FileScore]:
        """Files that could not be read or made the extractor raise."""
        return [f for f in self.files if f.error is not None]


# Normalisation and comparison


def normalise_text(value: str) -> str:
    """Casefold, drop accents and punctuation, collapse whitespace, unify spelling variants.

    Accents go because the same name is printed both ways ("attachés", "attaches").
    """
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    tokens = _NON_WORD.sub(" ", plain).split()
    return " ".join(_SPELLING.get(t, t) for t in tokens)


def _plain(value: Any) -> Any:
    """Dates as ISO strings, so date objects and gold strings compare equal."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def values_equal(expected: Any, got: Any) -> bool:
    """Slot equality: strings after `normalise_text`, numbers exact, booleans only with booleans."""
    expected, got = _plain(expected), _plain(got)
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(expected, bool) or isinstance(got, bool):
        return isinstance(expected, bool) and isinstance(got, bool) and expected == got
    if isinstance(expected, str) and isinstance(got, str):
        return normalise_text(expected) == normalise_text(got)
    if isinstance(expected, int | float) and isinstance(got, int | float):
        return expected == got
    if isinstance(expected, list | tuple) and isinstance(got, list | tuple):
        return len(expected) == len(got) and all(map(values_equal, expected, got))
    return bool(expected == got)


def places_equal(expected: Any, got: Any) -> bool:
    """Equal after normalisation, or one contains the other as a run of whole words.

    Gold copies the place "as written, sometimes the parent unit added", so
    "Lachin district" and "near the village of Zabukh, Lachin district" may both be
    right. Containment only counts when the shorter side has a word that is not
    generic ("district", "near", "the"...), so a bare "region" never matches.
    """
    if not (isinstance(expected, str) and isinstance(got, str)):
        return values_equal(expected, got)
    a, b = normalise_text(expected).split(), normalise_text(got).split()
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not short or all(w in _GENERIC_PLACE_WORDS for w in short):
        return False
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def participants_equal(expected: Any, got: Any) -> bool:
    """Participants as sets of normalised names: order and duplicates do not matter."""
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(expected, str) or isinstance(got, str):
        return False
    return {normalise_text(str(p)) for p in expected} == {normalise_text(str(p)) for p in got}


_SLOT_COMPARATORS: dict[str, Callable[[Any, Any], bool]] = {
    "place": places_equal,
    "participants": participants_equal,
}


def slot_equal(slot: str, expected: Any, got: Any) -> bool:
    """Compare one slot value with the rule for that slot."""
    return _SLOT_COMPARATORS.get(slot, values_equal)(expected, got)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def keys_match(kind: str, gold: Fact, predicted: Fact) -> bool:
    """Same key figure: exact (nulls equal nulls), except land_release area within 0.5%."""
    if kind == "land_release":
        g, p = _number(gold.get("area_m2")), _number(predicted.get("area_m2"))
        if g is None or p is None:
            return gold.get("area_m2") is None and predicted.get("area_m2") is None
        return math.isclose(p, g, rel_tol=0.0, abs_tol=AREA_TOLERANCE * abs(g) + 1e-9)
    return all(
        _plain(gold.get(k)) == _plain(predicted.get(k))
        and isinstance(gold.get(k), bool) == isinstance(predicted.get(k), bool)
        for k in KEY_FIELDS[kind]
    )


def key_label(fact: Fact) -> str:
    """The key figure as text, to name a fact in a list of misses ("killed=5 injured=12")."""
    kind = fact.get("kind", "?")
    values = ((k, _plain(fact.get(k))) for k in KEY_FIELDS.get(kind, ()))
    return " ".join(f"{k}={'null' if v is None else v}" for k, v in values)


def scored_facts(facts: Iterable[Fact]) -> list[Fact]:
    """Facts the scorer compares: kinds with a key figure, minus stated totals (`total_of`)."""
    return [f for f in facts if f.get("kind") in KEY_FIELDS and not f.get("total_of")]


# Evidence text of a predicted fact (shape set by the extractor; read defensively)

_TEXT_KEYS = ("sentence_text", "sentence", "text")
_SPAN_KEYS = (("sentence_start", "sentence_end"), ("start", "end"))


def evidence_text(fact: Fact, text: str | None = None) -> str | None:
    """The sentence a predicted fact came from: its own text, else sliced from its char span."""
    ev = fact.get("evidence")
    if isinstance(ev, list) and ev:
        ev = ev[0]
    if isinstance(ev, str):
        return ev
    if not isinstance(ev, Mapping):
        return None
    for key in _TEXT_KEYS:
        if isinstance(ev.get(key), str):
            return str(ev[key])
    if text is not None:
        for start_key, end_key in _SPAN_KEYS:
            start, end = ev.get(start_key), ev.get(end_key)
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                return text[start:end]
    return None


# Matching and scoring


def _agreement(kind: str, gold: Fact, predicted: Fact) -> int:
    return sum(slot_equal(s, gold.get(s), predicted.get(s)) for s in SLOTS[kind])


def match_facts(
    kind: str, predicted: Sequence[Fact], gold: Sequence[Fact]
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of one kind with the same key figure.

    Among candidates with a matching key, pairs with the most agreeing slots are taken
    first (ties in document order), so when a text states the same figure twice
    (38 AP mines, 38 UXO), each prediction is paired with the gold fact it describes.
    For exact keys this also gives the largest possible number of matches.
    """
    candidates = [
        (-_agreement(kind, g, p), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
        if keys_match(kind, g, p)
    ]
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


@dataclass
class _Accumulator:
    kinds: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KEY_FIELDS})
    slots: dict[str, dict[str, SlotTally]] = field(
        default_factory=lambda: {k: {s: SlotTally() for s in SLOTS[k]} for k in KEY_FIELDS}
    )
    files: list[FileScore] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    mismatches: list[SlotMismatch] = field(default_factory=list)


def _compare_slots(
    acc: _Accumulator, file: str, kind: str, gold: Fact, predicted: Fact, text: str | None
) -> SlotTally:
    """Tally the slots of one matched pair into `acc`, recording each mismatch."""
    total = SlotTally()
    for slot in SLOTS[kind]:
        expected, got = gold.get(slot), predicted.get(slot)
        tally = SlotTally(int(slot_equal(slot, expected, got)), 1)
        acc.slots[kind][slot] += tally
        total += tally
        if not tally.correct:
            ev = evidence_text(predicted, text)
            acc.mismatches.append(
                SlotMismatch(file, kind, key_label(gold), slot, expected, got, ev)
            )
    return total


def _score_file(
    acc: _Accumulator,
    file: str,
    all_predicted: Sequence[Fact],
    all_gold: Sequence[Fact],
    *,
    text: str | None = None,
    language: str | None = None,
    error: str | None = None,
) -> None:
    predicted, gold = scored_facts(all_predicted), scored_facts(all_gold)
    file_counts, file_slots = Counts(), SlotTally()
    for kind in KEY_FIELDS:
        kp = [f for f in predicted if f.get("kind") == kind]
        kg = [f for f in gold if f.get("kind") == kind]
        pairs = match_facts(kind, kp, kg)
        counts = Counts(len(pairs), len(kp) - len(pairs), len(kg) - len(pairs))
        acc.kinds[kind] += counts
        file_counts += counts
        for gi, pi in pairs:
            file_slots += _compare_slots(acc, file, kind, kg[gi], kp[pi], text)
        matched_gold = {gi for gi, _ in pairs}
        matched_pred = {pi for _, pi in pairs}
        for gi, g in enumerate(kg):
            if gi not in matched_gold:
                acc.misses.append(Miss(file, "false_negative", kind, key_label(g), dict(g)))
        for pi, p in enumerate(kp):
            if pi not in matched_pred:
                evidence = evidence_text(p, text)
                acc.misses.append(
                    Miss(file, "false_positive", kind, key_label(p), dict(p), evidence)
                )
    acc.files.append(
        FileScore(
            file=file,
            gold=len(gold),
            predicted=len(predicted),
            counts=file_counts,
            slots=file_slots,
            hard_negative=not all_gold,
            all_predicted=len(all_predicted),
            language=language,
            error=error,
        )
    )


def _report(acc: _Accumulator, extractor_version: str | None = None) -> EvalReport:
    return EvalReport(
        kinds=acc.kinds,
        slots=acc.slots,
        files=acc.files,
        misses=acc.misses,
        slot_mismatches=acc.mismatches,
        extractor_version=extractor_version,
    )


def score(
    pairs: Iterable[tuple[str, Sequence[Fact], Sequence[Fact]]],
    *,
    texts: Mapping[str, str] | None = None,
) -> EvalReport:
    """Score (file, predicted facts, gold facts) triples; `texts` lets misses quote evidence."""
    acc = _Accumulator()
    for file, predicted, gold in pairs:
        _score_file(acc, file, predicted, gold, text=(texts or {}).get(file))
    return _report(acc)


# I/O: gold file, corpus, extractor


@dataclass(frozen=True)
class GoldEntry:
    """One line of gold.jsonl."""

    file: str
    published: dt.date | None
    facts: list[dict[str, Any]]


class _Source(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def published(self) -> dt.date | None: ...


class _Extraction(Protocol):
    @property
    def language(self) -> str: ...
    @property
    def facts(self) -> Sequence[Mapping[str, Any]]: ...


Extractor = Callable[..., _Extraction]
Reader = Callable[[Path], _Source]


def load_gold(gold_path: Path) -> list[GoldEntry]:
    """Read gold.jsonl: `NotFoundError` when missing, `InputError` when unreadable or malformed."""
    if not gold_path.is_file():
        raise NotFoundError(f"gold file not found: {gold_path}")
    entries: list[GoldEntry] = []
    try:
        lines = gold_path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read gold file {gold_path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            published = row.get("published")
            entries.append(
                GoldEntry(
                    file=str(row["file"]),
                    published=dt.date.fromisoformat(published) if published else None,
                    facts=list(row.get("facts") or []),
                )
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"{gold_path}:{number}: malformed gold line ({exc})") from exc
    return entries


def evaluate(
    gold_path: Path,
    corpus_dir: Path,
    *,
    extractor: Extractor | None = None,
    reader: Reader | None = None,
) -> EvalReport:
    """Run the extractor on every gold file's body (with its published date) and score it.

    Defaults are `minewatch.extract.extract` and `minewatch.documents.readers.read_document`,
    imported here rather than at module level so `import minewatch.evaluate` stays cheap.
    A file that cannot be read or makes the extractor raise is kept in the report with
    its error (its gold facts count as misses) instead of hiding every other result.
    """
    if not corpus_dir.is_dir():
        raise NotFoundError(f"corpus directory not found: {corpus_dir}")
    entries = load_gold(gold_path)
    version: str | None = None
    if extractor is None:
        from minewatch.extract import EXTRACTOR_VERSION, extract

        extractor, version = extract, str(EXTRACTOR_VERSION)
    if reader is None:
        from minewatch.documents.readers import read_document

        reader = read_document
    acc = _Accumulator()
    for entry in entries:
        text: str | None = None
        language: str | None = None
        predicted: list[Mapping[str, Any]] = []
        error: str | None = None
        try:
            source = reader(corpus_dir / entry.file)
            text = source.text
            result = extractor(text, published=source.published or entry.published)
            language, predicted = result.language, list(result.facts)
        except Exception as exc:  # reported per file, see the docstring
            error = f"{type(exc).__name__}: {exc}"
        _score_file(
            acc, entry.file, predicted, entry.facts, text=text, language=language, error=error
        )
    return _report(acc, version)


def threshold_failures(
    report: EvalReport,
    *,
    min_f1: float | None = None,
    min_slot: float | None = None,
    max_hard_negative_facts: int | None = None,
) -> list[str]:
    """Why the report misses the given targets (empty when it meets them).

    Files that failed to read or extract always count as a failure: a crash is never a pass.
    """
    failures: list[str] = []
    if min_f1 is not None and report.overall.f1 < min_f1:
        failures.append(f"fact F1 {report.overall.f1:.3f} < {min_f1:.3f}")
    if min_slot is not None and report.slot_accuracy < min_slot:
        failures.append(f"slot accuracy {report.slot_accuracy:.3f} < {min_slot:.3f}")
    hard = report.hard_negative_facts
    if max_hard_negative_facts is not None and hard > max_hard_negative_facts:
        failures.append(f"{hard} facts on hard negatives > {max_hard_negative_facts}")
    failures.extend(f"{f.file}: {f.error}" for f in report.errors)
    return failures
