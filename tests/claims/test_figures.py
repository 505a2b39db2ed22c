"""One-line claim summaries: separators, unstated figures never shown as zero or None."""

from __future__ import annotations

from minewatch.claims.figures import figure, when


def test_find_summary() -> None:
    fact = {"quantity": 1119, "model": None, "device_category": "unknown", "action": "found"}
    assert figure("device_find", fact) == "1,119 found"
    fact = {"quantity": 350, "model": "PMN-E", "device_category": "AP mine", "action": "found"}
    assert figure("device_find", fact) == "350 PMN-E (AP mine) found"


def test_casualty_summary_leaves_out_unstated_counts() -> None:
    assert figure("casualties", {"killed": None, "injured": 1}) == "1 injured"
    assert figure("casualties", {"killed": 0, "injured": None}) == "0 killed"
    assert figure("casualties", {"killed": None, "injured": None}) == "casualties (no count)"


def test_land_release_summary() -> None:
    fields = {"area_m2": 12_500_000, "method": "clearance"}
    assert figure("land_release", fields) == "12,500,000 m² cleared"


def test_period_display() -> None:
    assert when({"period_start": "2022-08-01", "period_end": None}) == "2022-08-01 .. open"
    assert when({"date": "2022-11-23"}) == "2022-11-23"
    assert when({}) == ""
