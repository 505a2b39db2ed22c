"""The interactive queue driven by injected answers: approve, reject, edit, skip, quit."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console
from sqlalchemy.engine import Engine

from minewatch.claims import review_ops
from minewatch.records import service as records
from minewatch.review.queue import run_queue, sentence
from minewatch.store.session import transaction

from ..reconcile.support import add, fact

TEXT = "Sappers found 48 anti-tank mines near Testivka on Monday."


def answers(*items: str) -> tuple[Iterator[str], list[str]]:
    prompts: list[str] = []
    it = iter(items)

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(it)

    return ask, prompts  # type: ignore[return-value]


def claims(engine: Engine, n: int) -> list[int]:
    evidence = {"text": TEXT, "start": 0, "end": len(TEXT), "spans": {"quantity": [14, 16]}}
    facts = [
        {**fact("device_find", quantity=48 + i, place=f"Village{i}"), "evidence": evidence}
        for i in range(n)
    ]
    return add(engine, TEXT + " x" * n, facts)


def test_keys_drive_decisions(engine: Engine) -> None:
    ids = claims(engine, 5)
    console = Console(record=True, width=120)
    ask, _prompts = answers("a", "r", "e", "quantity=400", "", "s", "q")
    summary = run_queue(engine, actor="ana", ask=ask, console=console)
    assert summary.approved == [ids[0]] and summary.rejected == [ids[1]]
    assert list(summary.corrected) == [ids[2]] and summary.skipped == [ids[3]]
    with transaction(engine) as session:
        status = {r.id: r.status for r in review_ops.get_rows(ids, session=session)}
        new = review_ops.get_rows([summary.corrected[ids[2]]], session=session)[0]
        assert [r.fields["quantity"] for r in records.list_records(session=session)] == [48, 400]
    assert status == {
        ids[0]: "approved",
        ids[1]: "rejected",
        ids[2]: "superseded",
        ids[3]: "pending",
        ids[4]: "pending",
    }
    assert (new.fields["quantity"], new.created_by) == (400, "ana")
    shown = console.export_text()
    assert TEXT in shown and f"claim {ids[4]}" in shown, "quit after showing the fifth"


def test_empty_queue_stops(engine: Engine) -> None:
    console = Console(record=True)
    ask, prompts = answers()
    summary = run_queue(engine, actor="ana", ask=ask, console=console)
    assert prompts == [] and summary.approved == []
    assert "review queue is empty" in console.export_text()


def test_sentence_highlights_the_value() -> None:
    from minewatch.claims.review_ops import ClaimRow

    row = ClaimRow(
        1,
        1,
        0,
        "device_find",
        {},
        {"text": "Found 48 mines.", "start": 100, "spans": {"quantity": [106, 108]}},
        None,
        "pending",
        "extractor",
        None,
        "x",
    )
    text = sentence(row)
    (span,) = text.spans
    assert text.plain[span.start : span.end] == "48"
