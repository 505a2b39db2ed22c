"""The held-out set: texts written blind to the extractor's code, scored with the corpus scorer.

These texts (tests/extract/heldout/) are never used to write rules; this test guards the
generality the extractor reached on them, so that a change tuned to the development corpus
that costs generality fails here.
"""

from __future__ import annotations

from pathlib import Path

from minewatch.evaluate.scorer import evaluate

HELDOUT = Path(__file__).parent / "heldout"


def test_heldout_scores() -> None:
    report = evaluate(HELDOUT / "gold.jsonl", HELDOUT)
    assert not report.errors, [(f.file, f.error) for f in report.errors]
    overall = report.overall
    assert overall.f1 >= 0.95, (overall.precision, overall.recall, overall.f1)
    assert report.slot_accuracy >= 0.90, report.slot_accuracy
    assert report.hard_negative_files  # the set has hard negatives, and they yield nothing
    assert report.hard_negative_facts == 0
