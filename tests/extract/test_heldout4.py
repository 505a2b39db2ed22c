"""The fourth held-out set (tests/extract/heldout4/), scored with the corpus scorer.

Its 30 texts were written blind to the extractor. The first, blind score, with extractor
0.6.0, was fact F1 0.821 (P 0.877, R 0.772; TP 71, FP 10, FN 21), slot accuracy 0.852
(484/568) and no facts on the 6 hard negatives. The set has since been used to tune the
extractor (0.7.0: general rules for the false and wrong numbers and the casualty and device
constructions its misses showed; no gold corrections), so it is no longer blind: these
thresholds, at or just below the scores reached then (F1 0.955, P 1.000, slots 0.856), guard
against regressions only and say nothing about generality on unseen text.
"""

from __future__ import annotations

from pathlib import Path

from minewatch.evaluate.scorer import evaluate

HELDOUT4 = Path(__file__).parent / "heldout4"


def test_heldout4_scores() -> None:
    report = evaluate(HELDOUT4 / "gold.jsonl", HELDOUT4)
    assert not report.errors, [(f.file, f.error) for f in report.errors]
    overall = report.overall
    assert overall.f1 >= 0.95, (overall.precision, overall.recall, overall.f1)
    assert overall.precision >= 0.99, overall.precision
    assert report.slot_accuracy >= 0.85, report.slot_accuracy
    assert report.hard_negative_files  # the set has hard negatives, and they yield nothing
    assert report.hard_negative_facts == 0
