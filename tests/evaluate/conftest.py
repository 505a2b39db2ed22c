"""A tiny invented corpus (three texts, one a hard negative) and a scripted extractor."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

TEXTS = {
    "finds/a.txt": (
        "2024-05-08",
        "Sappers of the Northland Demining Unit found and destroyed seven anti-tank mines "
        "near the village of Examplevo, Testen district, on Monday, the unit said.",
    ),
    "finds/b.txt": (
        "2024-05-04",
        "Two farmers were killed and one was injured on 3 May when their tractor hit a mine "
        "near Sampleton, Testen district, regional police said.",
    ),
    "neg.txt": (
        "2024-06-01",
        "The old copper mine museum in Sampleton reopened on Saturday after two years of repairs.",
    ),
}

GOLD = {
    "finds/a.txt": [
        {
            "kind": "device_find",
            "quantity": 7,
            "device_category": "AT mine",
            "model": None,
            "origin_country": None,
            "production_year": None,
            "place": "near the village of Examplevo, Testen district",
            "action": "found_and_neutralized",
            "period_start": "2024-05-06",
            "period_end": "2024-05-06",
            "authority": "Northland Demining Unit",
        }
    ],
    "finds/b.txt": [
        {
            "kind": "casualties",
            "killed": 2,
            "injured": 1,
            "civilians_killed": 2,
            "military_killed": None,
            "children": None,
            "place": "near Sampleton, Testen district",
            "date": "2024-05-03",
            "period_start": None,
            "period_end": None,
            "authority": "regional police",
            "incident": True,
        }
    ],
    "neg.txt": [],
}


@dataclass
class FakeExtraction:
    language: str
    facts: list[dict[str, Any]]


@dataclass
class ScriptedExtractor:
    """Returns preset facts per text (found by a marker word) and records each call."""

    script: dict[str, list[dict[str, Any]]]
    calls: list[tuple[str, dt.date | None]] = field(default_factory=list)

    def __call__(self, text: str, *, published: dt.date | None = None) -> FakeExtraction:
        self.calls.append((text, published))
        for marker, facts in self.script.items():
            if marker in text:
                if facts and facts[0].get("kind") == "crash":
                    raise RuntimeError("extractor blew up")
                return FakeExtraction("en", [dict(f) for f in facts])
        return FakeExtraction("en", [])


def write_corpus(root: Path) -> tuple[Path, Path]:
    """Write the texts with SOURCE/PUBLISHED/PUBLISHER headers and a matching gold.jsonl."""
    corpus = root / "corpus"
    for name, (published, body) in TEXTS.items():
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        header = (
            "SOURCE: synthetic (invented for the minewatch scorer tests)\n"
            f"PUBLISHED: {published}\nPUBLISHER: Test Wire\n\n"
        )
        path.write_text(header + body + "\n", encoding="utf-8")
    gold = corpus / "gold.jsonl"
    lines = [
        json.dumps({"file": name, "published": TEXTS[name][0], "facts": facts})
        for name, facts in GOLD.items()
    ]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return gold, corpus


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """(gold.jsonl, corpus dir) of the invented texts above."""
    return write_corpus(tmp_path)


@pytest.fixture
def perfect_extractor() -> ScriptedExtractor:
    """Returns exactly the gold facts of each text."""
    return ScriptedExtractor({"Sappers": GOLD["finds/a.txt"], "farmers": GOLD["finds/b.txt"]})


@pytest.fixture
def tiny_gold() -> dict[str, list[dict[str, Any]]]:
    """The gold facts of the tiny corpus, by file."""
    return GOLD


@pytest.fixture
def make_extractor() -> type[ScriptedExtractor]:
    """Build a ScriptedExtractor from {marker word: facts}; a fact of kind "crash" raises."""
    return ScriptedExtractor
