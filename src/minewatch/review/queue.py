"""The interactive review queue: one pending claim at a time, its sentence with values marked.

Keys: a approve, r reject, e edit (field=value lines, blank line to finish), s skip,
q quit. Each decision commits on its own, so quitting keeps what was decided. Input comes
from an ``ask`` callable, so tests drive the queue with a list of answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.text import Text
from sqlalchemy.engine import Engine

from minewatch.claims import review_ops
from minewatch.claims.review_ops import ClaimRow
from minewatch.errors import InputError
from minewatch.review import service as review
from minewatch.store.session import transaction

KEYS = "[a]pprove [r]eject [e]dit [s]kip [q]uit"
Ask = Callable[[str], str]


@dataclass(slots=True)
class QueueSummary:
    """Decisions taken in one queue session."""

    approved: list[int] = field(default_factory=list)
    rejected: list[int] = field(default_factory=list)
    corrected: dict[int, int] = field(default_factory=dict)
    skipped: list[int] = field(default_factory=list)


def sentence(row: ClaimRow) -> Text:
    """The claim's evidence sentence with every stated value highlighted."""
    evidence = row.evidence or {}
    text = Text(str(evidence.get("text") or ""))
    offset = evidence.get("start") or 0
    for name, span in (evidence.get("spans") or {}).items():
        pairs = span if span and isinstance(span[0], list) else [span]
        for pair in pairs:
            if not pair or len(pair) != 2:
                continue
            start, end = int(pair[0]) - offset, int(pair[1]) - offset
            if 0 <= start < end <= len(text):
                style = "bold black on yellow" if name != "authority" else "italic cyan"
                text.stylize(style, start, end)
    return text


def show(row: ClaimRow, console: Console) -> None:
    """Print one claim: kind, figure, values and the highlighted sentence."""
    from minewatch.claims.figures import figure

    console.rule(f"claim {row.id} · {row.kind} · document {row.document_id}")
    console.print(Text(figure(row.kind, row.fields), style="bold"))
    shown = {
        k: v
        for k, v in row.fields.items()
        if v not in (None, [], {}) and k not in {"estimates", "authority_span", "place_span"}
    }
    console.print(Text(", ".join(f"{k}={v}" for k, v in shown.items())))
    console.print(sentence(row))


def _edits(ask: Ask, row: ClaimRow, console: Console) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    while True:
        line = ask("field=value (blank line to finish)").strip()
        if not line:
            return changes
        name, sep, value = line.partition("=")
        if not sep:
            console.print(f"expected field=value, got {line!r}")
            continue
        try:
            changes[name.strip()] = review.parse_value(name.strip(), value)
        except InputError as exc:
            console.print(exc.message)


def run_queue(
    engine: Engine,
    *,
    actor: str,
    ask: Ask,
    console: Console,
    kind: str | None = None,
    limit: int | None = None,
) -> QueueSummary:
    """Walk pending claims in id order until the queue is empty, ``limit`` is hit, or quit."""
    summary = QueueSummary()
    after, seen = 0, 0
    while limit is None or seen < limit:
        with transaction(engine) as session:
            rows = review_ops.queue(session=session, kind=kind, limit=1, after_id=after)
        if not rows:
            console.print("review queue is empty")
            break
        row = rows[0]
        after, seen = row.id, seen + 1
        show(row, console)
        key = ask(KEYS).strip().lower()[:1]
        if key == "q":
            break
        if key == "a":
            with transaction(engine) as session:
                review.approve([row.id], session=session, actor=actor)
            summary.approved.append(row.id)
        elif key == "r":
            with transaction(engine) as session:
                review.reject([row.id], session=session, actor=actor)
            summary.rejected.append(row.id)
        elif key == "e":
            changes = _edits(ask, row, console)
            if not changes:
                summary.skipped.append(row.id)
                continue
            try:
                with transaction(engine) as session:
                    done = review.correct(row.id, changes, session=session, actor=actor)
            except InputError as exc:
                console.print(exc.message)
                summary.skipped.append(row.id)
                continue
            summary.corrected[row.id] = done.created_claim or 0
        else:
            summary.skipped.append(row.id)
    return summary
