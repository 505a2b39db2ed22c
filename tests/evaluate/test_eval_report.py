"""Rendering: the JSON dict is plain JSON, and the Rich tables show what the report holds."""

from __future__ import annotations

import datetime as dt
import json

from rich.console import Console

from minewatch.evaluate.report import render, to_dict
from minewatch.evaluate.scorer import EvalReport, score


def _report() -> EvalReport:
    gold = [
        {"kind": "inspection", "date": "2024-05-06", "place": "Testen", "participants": ["A B"]},
        {"kind": "device_find", "quantity": 7, "model": "TM-62M"},
    ]
    predicted = [
        {"kind": "inspection", "date": dt.date(2024, 5, 6), "place": "Testen", "participants": ()},
        {"kind": "device_find", "quantity": 70, "evidence": {"sentence_text": "Seventy found."}},
    ]
    negative = [{"kind": "allegation", "date": dt.date(2024, 1, 2)}]
    return score([("a.txt", predicted, gold), ("neg.txt", negative, [])])


def test_to_dict_is_plain_json() -> None:
    data = json.loads(json.dumps(to_dict(_report())))
    assert data["overall"]["tp"] == 1 and data["overall"]["fp"] == 1
    assert data["kinds"]["inspection"]["f1"] == 1.0
    assert data["slots"]["inspection"]["total"] == {"correct": 1, "compared": 2, "accuracy": 0.5}
    assert data["slot_mismatches"][0]["got"] == []
    fp = next(m for m in data["misses"] if m["type"] == "false_positive")
    assert fp["evidence"] == "Seventy found." and fp["fact"]["quantity"] == 70
    assert data["hard_negatives"] == {"files": ["neg.txt"], "predicted_facts": 1}
    assert "misses" not in to_dict(_report(), misses=False)


def test_render_shows_tables_misses_and_verdict() -> None:
    console = Console(record=True, width=200)
    render(_report(), console)
    out = console.export_text()
    for needle in (
        "Facts per kind",
        "Per file",
        "Misses (2)",
        "« Seventy found. »",
        "Slot mismatches (1)",
        "participants",
        "hard negative: 1 facts",
        "hard negatives: 1 predicted facts on 1 files",
        "fact F1 0.500",
    ):
        assert needle in out, needle
    console = Console(record=True, width=200)
    render(_report(), console, misses=False)
    assert "Misses" not in console.export_text()
