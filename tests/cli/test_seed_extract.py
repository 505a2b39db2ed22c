"""`minewatch extract SEED --json` returns every gold fact of the seed (issue 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minewatch.cli import main

KEYS = {
    "device_find": "quantity",
    "casualties": "killed",
    "land_release": "area_m2",
    "inspection": "date",
}


def gold_for(corpus_dir: Path, name: str) -> list[dict]:
    for line in (corpus_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["file"] == name:
            return list(item["facts"])
    raise AssertionError(f"{name} not in gold")


def test_seed_gold_facts_exact(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", str(corpus_dir / "seed" / "newsaz-2022-11-24.txt"), "--json"])
    assert code == 0
    facts = json.loads(capsys.readouterr().out)["facts"]
    for gold in gold_for(corpus_dir, "seed/newsaz-2022-11-24.txt"):
        kind = gold["kind"]
        same = [f for f in facts if f["kind"] == kind and f[KEYS[kind]] == gold[KEYS[kind]]]
        assert len(same) == 1, f"{kind} {gold[KEYS[kind]]}: {len(same)} predicted"
        got = same[0]
        for key, value in gold.items():
            assert got[key] == value, f"{kind} {gold[KEYS[kind]]}: {key} {got[key]!r} != {value!r}"
        assert got["evidence"]["spans"], "every fact carries value spans"
