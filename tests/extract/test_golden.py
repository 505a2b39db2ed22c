"""Golden tests: texts written for these tests, with the facts each must yield.

Each `NAME.txt` has the corpus header (SOURCE / PUBLISHED / PUBLISHER, blank line, body);
`NAME.json` lists the expected facts. Counted facts (every kind but allegations, totals
skipped) must match one to one on their key figure, and every field given must be equal;
allegations are compared separately, as a list, since the scorer ignores them. An optional
"language" checks the language recorded for non-English texts.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from minewatch.extract import extract

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.txt"))
KEY_FIELDS = {
    "device_find": ("quantity",),
    "casualties": ("killed", "injured"),
    "land_release": ("area_m2",),
    "inspection": ("date",),
}


def _key(fact: dict[str, Any]) -> tuple[Any, ...]:
    return (fact["kind"], *(fact.get(k) for k in KEY_FIELDS[fact["kind"]]))


def _read(name: str) -> tuple[str, dt.date | None]:
    raw = (GOLDEN / f"{name}.txt").read_text()
    header, body = raw.split("\n\n", 1)
    published = None
    for line in header.splitlines():
        if line.startswith("PUBLISHED:"):
            published = dt.date.fromisoformat(line.split(":", 1)[1].strip())
    return body, published


def test_golden_files_are_paired_and_numerous() -> None:
    assert len(CASES) >= 25
    for name in CASES:
        assert (GOLDEN / f"{name}.json").exists(), name
        header = (GOLDEN / f"{name}.txt").read_text().split("\n\n", 1)[0]
        assert [line.split(":")[0] for line in header.splitlines()] == [
            "SOURCE",
            "PUBLISHED",
            "PUBLISHER",
        ], name


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str) -> None:
    body, published = _read(name)
    expected = json.loads((GOLDEN / f"{name}.json").read_text())
    result = extract(body, published=published)
    if "language" in expected:
        assert result.language == expected["language"]
    facts = [f for f in result.facts if f["kind"] != "allegation" and "total_of" not in f]
    assert len(facts) == len(expected["facts"]), [_key(f) for f in facts]
    by_key = {_key(f): f for f in facts}
    for want in expected["facts"]:
        got = by_key.get(_key(want))
        assert got is not None, (want, list(by_key))
        for field, value in want.items():
            assert got[field] == value, (field, got[field], value)
    allegations = [
        {k: f[k] for k in ("accuser", "accused", "statement")}
        for f in result.facts
        if f["kind"] == "allegation"
    ]
    assert allegations == expected.get("allegations", [])
