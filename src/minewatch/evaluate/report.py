"""Render an `EvalReport` as Rich tables for people and as a JSON-able dict for tools.

Both views come from the same report object, so the terminal and `--json` never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from minewatch.evaluate.scorer import (
    KEY_FIELDS,
    Counts,
    EvalReport,
    FileScore,
    Miss,
    SlotMismatch,
    SlotTally,
)

_EVIDENCE_WIDTH = 160


def _jsonable(value: Any) -> Any:
    """Dates as ISO strings, containers recursively, anything unknown as its str()."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return str(value)


def _counts_dict(counts: Counts) -> dict[str, Any]:
    return {
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "precision": round(counts.precision, 4),
        "recall": round(counts.recall, 4),
        "f1": round(counts.f1, 4),
    }


def _tally_dict(tally: SlotTally) -> dict[str, Any]:
    return {
        "correct": tally.correct,
        "compared": tally.compared,
        "accuracy": round(tally.accuracy, 4),
    }


def _file_dict(f: FileScore) -> dict[str, Any]:
    return {
        "file": f.file,
        "gold": f.gold,
        "predicted": f.predicted,
        "predicted_all_kinds": f.all_predicted,
        **_counts_dict(f.counts),
        "slots": _tally_dict(f.slots),
        "hard_negative": f.hard_negative,
        "language": f.language,
        "error": f.error,
    }


def _miss_dict(m: Miss) -> dict[str, Any]:
    return {
        "file": m.file,
        "type": m.type,
        "kind": m.kind,
        "key": m.key,
        "fact": _jsonable(m.fact),
        "evidence": m.evidence,
    }


def _mismatch_dict(m: SlotMismatch) -> dict[str, Any]:
    return {
        "file": m.file,
        "kind": m.kind,
        "key": m.key,
        "slot": m.slot,
        "expected": _jsonable(m.expected),
        "got": _jsonable(m.got),
        "evidence": m.evidence,
    }


def to_dict(report: EvalReport, *, misses: bool = True) -> dict[str, Any]:
    """The whole report as plain JSON types; `misses=False` drops the per-fact lists."""
    data: dict[str, Any] = {
        "extractor_version": report.extractor_version,
        "overall": _counts_dict(report.overall),
        "kinds": {kind: _counts_dict(c) for kind, c in report.kinds.items()},
        "slot_accuracy": round(report.slot_accuracy, 4),
        "slots_correct": report.slot_total.correct,
        "slots_compared": report.slot_total.compared,
        "slots": {
            kind: {
                "total": _tally_dict(report.kind_slot_total(kind)),
                **{slot: _tally_dict(t) for slot, t in per.items()},
            }
            for kind, per in report.slots.items()
        },
        "hard_negatives": {
            "files": report.hard_negative_files,
            "predicted_facts": report.hard_negative_facts,
        },
        "errors": [{"file": f.file, "error": f.error} for f in report.errors],
        "files": [_file_dict(f) for f in report.files],
    }
    if misses:
        data["misses"] = [_miss_dict(m) for m in report.misses]
        data["slot_mismatches"] = [_mismatch_dict(m) for m in report.slot_mismatches]
    return data


# ---------------------------------------------------------------------------
# Rich tables


def _pct(value: float) -> str:
    return f"{value:.3f}"


def _short(value: Any, width: int = 60) -> str:
    text = "null" if value is None else str(_jsonable(value))
    return text if len(text) <= width else text[: width - 1] + "…"


def summary_table(report: EvalReport) -> Table:
    """Fact-level counts and metrics per kind, plus slot accuracy, with an overall row."""
    table = Table(title="Facts per kind", title_justify="left")
    for column in ("kind", "TP", "FP", "FN", "precision", "recall", "F1", "slots"):
        table.add_column(column, justify="left" if column == "kind" else "right")

    def row(name: str, c: Counts, t: SlotTally, style: str | None = None) -> None:
        table.add_row(
            name,
            str(c.tp),
            str(c.fp),
            str(c.fn),
            _pct(c.precision),
            _pct(c.recall),
            _pct(c.f1),
            f"{t.correct}/{t.compared} {_pct(t.accuracy)}",
            style=style,
        )

    for kind, counts in report.kinds.items():
        row(kind, counts, report.kind_slot_total(kind))
    table.add_section()
    row("overall", report.overall, report.slot_total, style="bold")
    return table


def slots_table(report: EvalReport) -> Table:
    """Accuracy of every slot over matched pairs; weak slots stand out in red."""
    table = Table(title="Slot accuracy over matched facts", title_justify="left")
    table.add_column("kind")
    table.add_column("slot")
    table.add_column("correct", justify="right")
    table.add_column("accuracy", justify="right")
    for kind, per in report.slots.items():
        for slot, tally in per.items():
            style = "red" if tally.compared and tally.accuracy < 0.9 else None
            table.add_row(
                kind, slot, f"{tally.correct}/{tally.compared}", _pct(tally.accuracy), style=style
            )
    return table


def files_table(report: EvalReport) -> Table:
    """Per-file counts; hard negatives and files that failed are marked."""
    table = Table(title="Per file", title_justify="left")
    for column in ("file", "gold", "pred", "TP", "FP", "FN", "slots", "note"):
        table.add_column(column, justify="left" if column in {"file", "note"} else "right")
    for f in report.files:
        note = ""
        style: str | None = None
        if f.error:
            note, style = f"error: {f.error}", "red"
        elif f.hard_negative:
            note = f"hard negative: {f.all_predicted} facts" if f.all_predicted else "hard negative"
            style = "red" if f.all_predicted else "green"
        elif f.counts.fp or f.counts.fn:
            style = "yellow"
        table.add_row(
            f.file,
            str(f.gold),
            str(f.predicted),
            str(f.counts.tp),
            str(f.counts.fp),
            str(f.counts.fn),
            f"{f.slots.correct}/{f.slots.compared}",
            note,
            style=style,
        )
    return table


def _fact_summary(fact: Mapping[str, Any]) -> str:
    kind = fact.get("kind")
    skip = {"kind", "evidence", *KEY_FIELDS.get(str(kind), ())}
    parts = [f"{k}={_short(v, 40)}" for k, v in fact.items() if k not in skip and v is not None]
    return "; ".join(parts)


def misses_table(report: EvalReport) -> Table:
    """Every unmatched fact: what gold expected (FN) or what was predicted, with its sentence."""
    table = Table(title=f"Misses ({len(report.misses)})", title_justify="left", show_lines=True)
    table.add_column("file")
    table.add_column("miss")
    table.add_column("kind")
    table.add_column("key")
    table.add_column("fact / evidence", overflow="fold")
    for m in report.misses:
        body = Text(_fact_summary(m.fact))
        if m.evidence:
            sep = "\n" if body.plain else ""
            body.append(f"{sep}« {_short(m.evidence, _EVIDENCE_WIDTH)} »", style="dim")
        label = "FN" if m.type == "false_negative" else "FP"
        style = "red" if label == "FN" else "magenta"
        table.add_row(m.file, Text(label, style=style), m.kind, m.key, body)
    return table


def mismatches_table(report: EvalReport) -> Table:
    """Every slot of a matched fact that disagrees with gold: expected vs got."""
    title = f"Slot mismatches ({len(report.slot_mismatches)})"
    table = Table(title=title, title_justify="left")
    for column in ("file", "kind", "key", "slot", "expected", "got"):
        table.add_column(column, overflow="fold")
    for m in report.slot_mismatches:
        table.add_row(
            m.file, m.kind, m.key, m.slot, _short(m.expected), Text(_short(m.got), style="red")
        )
    return table


def verdict_lines(report: EvalReport) -> list[str]:
    """One-line headline figures: the numbers the issue-3 targets are stated in."""
    o = report.overall
    lines = [
        f"fact F1 {_pct(o.f1)} (P {_pct(o.precision)}, R {_pct(o.recall)}; "
        f"TP {o.tp}, FP {o.fp}, FN {o.fn})",
        f"slot accuracy {_pct(report.slot_accuracy)} "
        f"({report.slot_total.correct}/{report.slot_total.compared})",
        f"hard negatives: {report.hard_negative_facts} predicted facts on "
        f"{len(report.hard_negative_files)} files",
    ]
    if report.extractor_version:
        lines.insert(0, f"extractor {report.extractor_version}")
    if report.errors:
        lines.append(f"{len(report.errors)} files failed to read or extract")
    return lines


def render(report: EvalReport, console: Console, *, misses: bool = True) -> None:
    """Print the summary, slot and per-file tables, then (optionally) every miss."""
    console.print(summary_table(report))
    console.print(slots_table(report))
    console.print(files_table(report))
    if misses:
        if report.misses:
            console.print(misses_table(report))
        if report.slot_mismatches:
            console.print(mismatches_table(report))
    for line in verdict_lines(report):
        console.print(line)
