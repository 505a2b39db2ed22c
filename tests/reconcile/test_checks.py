"""Consistency checks: each passes on consistent figures and warns on inconsistent ones."""

from __future__ import annotations

from datetime import date

import pytest

from minewatch.reconcile.checks import StatedTotal, run_checks, total_checks, warnings_of


def codes(checks: list) -> dict[str, bool | None]:
    return {c["code"]: c["ok"] for c in checks}


def test_parts_against_stated_total() -> None:
    ok = total_checks([StatedTotal(9, 2, 2728, [1119, 1609])])
    assert [c["ok"] for c in ok] == [True]
    assert ok[0]["message"] == "1,119 + 1,609 = 2,728 (stated total)"
    bad = total_checks([StatedTotal(9, 2, 2700, [1119, 1609])])
    assert bad[0]["ok"] is False and "!=" in bad[0]["message"]
    incomplete = total_checks([StatedTotal(9, 2, 2728, [1119, None])])
    assert incomplete[0]["ok"] is None and not warnings_of(incomplete)


@pytest.mark.parametrize(
    ("fields", "code", "ok"),
    [
        ({"killed": 45, "civilians_killed": 35}, "civilians_killed_le_killed", True),
        ({"killed": 3, "civilians_killed": 5}, "civilians_killed_le_killed", False),
        ({"killed": 3, "military_killed": 4}, "military_killed_le_killed", False),
        ({"killed": 3, "victims": 2}, "killed_le_victims", False),
        ({"killed": 3, "civilians_killed": 2, "military_killed": 2}, "status_sum_le_killed", False),
        ({"killed": 1, "injured": 1, "children": 3}, "children_le_victims", False),
        ({"period_start": "2024-05-01", "period_end": "2024-04-01"}, "period_order", False),
        ({"period_start": "2024-04-01", "period_end": "2024-05-01"}, "period_order", True),
    ],
)
def test_casualty_and_period_checks(fields: dict, code: str, ok: bool) -> None:
    checks = run_checks("casualties", fields)
    assert codes(checks)[code] is ok
    assert bool(warnings_of(checks)) is (not ok)


def test_date_after_first_publication_warns() -> None:
    checks = run_checks("device_find", {"period_start": "2024-06-01"}, first_seen=date(2024, 5, 6))
    assert codes(checks)["not_after_publication"] is False
