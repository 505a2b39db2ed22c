"""One-line claim summaries: separators, unknowns shown as '?', readable actions."""

from __future__ import annotations

from minewatch.claims.present import figure


def test_find_summary() -> None:
    fact = {
        "kind": "device_find",
        "quantity": 1119,
        "model": None,
        "device_category": "unknown",
        "action": "found_and_neutralized",
    }
    assert figure(fact) == "1,119 unknown found and neutralized"


def test_casualty_summary_keeps_unknown_apart_from_zero() -> None:
    assert figure({"kind": "casualties", "killed": None, "injured": 0}) == "killed ?, injured 0"


def test_land_release_summary() -> None:
    fact = {"kind": "land_release", "area_m2": 12_500_000, "method": "clearance"}
    assert figure(fact) == "12,500,000 m2 clearance"
    assert figure({"kind": "land_release", "area_m2": None}) == "area ?"
