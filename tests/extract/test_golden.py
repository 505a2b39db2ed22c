"""Golden tests: texts written for these tests, with the facts each must yield."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from minewatch.extract import extract

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.txt"))


def _key(fact: dict) -> tuple:
    return (
        fact["kind"],
        fact.get("quantity"),
        fact.get("area_m2"),
        fact.get("killed"),
        fact.get("injured"),
    )


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str) -> None:
    text = (GOLDEN / f"{name}.txt").read_text()
    expected = json.loads((GOLDEN / f"{name}.json").read_text())
    result = extract(text, published=dt.date.fromisoformat(expected["published"]))
    facts = [f for f in result.facts if f["kind"] != "allegation" and "total_of" not in f]
    assert len(facts) == len(expected["facts"]), [_key(f) for f in facts]
    by_key = {_key(f): f for f in facts}
    for want in expected["facts"]:
        got = by_key.get(
            _key({**dict.fromkeys(["quantity", "area_m2", "killed", "injured"]), **want})
        )
        assert got is not None, want
        for field, value in want.items():
            assert got[field] == value, (field, got[field], value)
