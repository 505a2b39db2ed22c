"""Measure the extractor against a gold standard: fact precision/recall/F1, slot accuracy, misses.

The scorer is a library (`score`, `evaluate`); `minewatch eval` is a thin shell over it.
"""

from minewatch.evaluate.scorer import (
    AREA_TOLERANCE,
    KEY_FIELDS,
    SLOTS,
    Counts,
    EvalReport,
    FileScore,
    GoldEntry,
    Miss,
    SlotMismatch,
    SlotTally,
    evaluate,
    load_gold,
    score,
    threshold_failures,
)

__all__ = [
    "AREA_TOLERANCE",
    "KEY_FIELDS",
    "SLOTS",
    "Counts",
    "EvalReport",
    "FileScore",
    "GoldEntry",
    "Miss",
    "SlotMismatch",
    "SlotTally",
    "evaluate",
    "load_gold",
    "score",
    "threshold_failures",
]
