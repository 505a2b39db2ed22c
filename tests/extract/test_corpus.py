"""The shared development corpus: fact F1 and slot accuracy against gold.jsonl."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from minewatch.extract import extract

KEYS = {"device_find": ("quantity",), "casualties": ("killed", "injured"), "inspection": ("date",)}


def _body(path: Path) -> str:
    text = path.read_text()
    return text.split("\n\n", 1)[1]


def _match(kind: str, gold: dict, pred: dict) -> bool:
    if kind == "land_release":
        return abs(gold["area_m2"] - (pred["area_m2"] or 0)) <= 0.005 * gold["area_m2"]
    return all(gold[k] == pred[k] for k in KEYS[kind])


def test_corpus_f1(corpus_dir: Path) -> None:
    tp = fp = fn = 0
    negatives = 0
    for line in (corpus_dir / "gold.jsonl").read_text().splitlines():
        record = json.loads(line)
        published = dt.date.fromisoformat(record["published"])
        facts = extract(_body(corpus_dir / record["file"]), published=published).facts
        preds = [f for f in facts if f["kind"] in {*KEYS, "land_release"} and "total_of" not in f]
        if not record["facts"]:
            negatives += len(facts)
        used: set[int] = set()
        for gold in record["facts"]:
            hit = next(
                (i for i, p in enumerate(preds)
                 if i not in used and p["kind"] == gold["kind"] and _match(gold["kind"], gold, p)),
                None,
            )  # fmt: skip
            if hit is None:
                fn += 1
            else:
                used.add(hit)
                tp += 1
        fp += len(preds) - len(used)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert negatives == 0
    assert 2 * precision * recall / (precision + recall) >= 0.95


def test_seed_exact(corpus_dir: Path) -> None:
    gold = json.loads((corpus_dir / "gold.jsonl").read_text().splitlines()[0])
    assert gold["file"].startswith("seed/newsaz")
    facts = extract(_body(corpus_dir / gold["file"]), published=dt.date(2022, 11, 24)).facts
    facts = [f for f in facts if f["kind"] != "allegation"]
    for want in gold["facts"]:
        assert any(all(f.get(k) == v for k, v in want.items()) for f in facts), want
