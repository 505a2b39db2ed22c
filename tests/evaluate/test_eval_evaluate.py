"""`evaluate`: reading gold.jsonl and the corpus, calling the extractor, reporting errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from minewatch.errors import InputError, NotFoundError
from minewatch.evaluate.scorer import Counts, evaluate, load_gold, threshold_failures

Gold = dict[str, list[dict[str, Any]]]
MakeExtractor = Callable[[dict[str, list[dict[str, Any]]]], Any]


def test_evaluate_runs_the_extractor_on_bodies_with_published_dates(
    tiny_corpus: tuple[Path, Path], perfect_extractor: Any
) -> None:
    gold, corpus = tiny_corpus
    report = evaluate(gold, corpus, extractor=perfect_extractor)
    assert report.overall == Counts(tp=2)
    assert report.slot_accuracy == 1.0
    assert report.hard_negative_files == ["neg.txt"]
    texts = [text for text, _ in perfect_extractor.calls]
    assert all("PUBLISHED:" not in t and "SOURCE:" not in t for t in texts)
    assert [p for _, p in perfect_extractor.calls] == [
        dt.date(2024, 5, 8),
        dt.date(2024, 5, 4),
        dt.date(2024, 6, 1),
    ]
    assert [f.language for f in report.files] == ["en", "en", "en"]


def test_evaluate_reports_misses_with_evidence(
    tiny_corpus: tuple[Path, Path], tiny_gold: Gold, make_extractor: MakeExtractor
) -> None:
    gold, corpus = tiny_corpus
    wrong = dict(tiny_gold["finds/a.txt"][0], quantity=8, evidence={"start": 0, "end": 7})
    extractor = make_extractor({"Sappers": [wrong], "copper": [dict(wrong)]})
    report = evaluate(gold, corpus, extractor=extractor)
    assert report.overall == Counts(tp=0, fp=2, fn=2)
    assert report.hard_negative_facts == 1
    fps = [m for m in report.misses if m.type == "false_positive"]
    assert [m.evidence for m in fps] == ["Sappers", "The old"]


def test_extractor_crash_is_reported_per_file_and_fails_thresholds(
    tiny_corpus: tuple[Path, Path], tiny_gold: Gold, make_extractor: MakeExtractor
) -> None:
    gold, corpus = tiny_corpus
    script = {"Sappers": tiny_gold["finds/a.txt"], "farmers": [{"kind": "crash"}]}
    extractor = make_extractor(script)
    report = evaluate(gold, corpus, extractor=extractor)
    assert [f.file for f in report.errors] == ["finds/b.txt"]
    assert "RuntimeError: extractor blew up" in (report.errors[0].error or "")
    assert report.overall == Counts(tp=1, fn=1)
    assert threshold_failures(report) == ["finds/b.txt: RuntimeError: extractor blew up"]


def test_unreadable_corpus_file_is_reported_not_raised(
    tiny_corpus: tuple[Path, Path], perfect_extractor: Any
) -> None:
    gold, corpus = tiny_corpus
    (corpus / "neg.txt").unlink()
    report = evaluate(gold, corpus, extractor=perfect_extractor)
    assert [f.file for f in report.errors] == ["neg.txt"]
    assert report.overall == Counts(tp=2)


def test_missing_gold_file_and_corpus_dir_raise_not_found(
    tiny_corpus: tuple[Path, Path], perfect_extractor: Any
) -> None:
    gold, corpus = tiny_corpus
    with pytest.raises(NotFoundError, match="gold file not found"):
        evaluate(corpus / "nope.jsonl", corpus, extractor=perfect_extractor)
    with pytest.raises(NotFoundError, match="corpus directory not found"):
        evaluate(gold, corpus / "nope", extractor=perfect_extractor)


@pytest.mark.parametrize(
    "line",
    [
        "{not json",
        '{"published": "2024-01-01", "facts": []}',
        '{"file": "a.txt", "published": "2024-13-01", "facts": []}',
        '["a.txt"]',
    ],
)
def test_malformed_gold_line_raises_input_error(tmp_path: Path, line: str) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"file": "ok.txt", "published": null, "facts": []}\n' + line + "\n")
    with pytest.raises(InputError, match=r"gold.jsonl:2: malformed"):
        load_gold(gold)


def test_load_gold_skips_blank_lines(tiny_corpus: tuple[Path, Path], tiny_gold: Gold) -> None:
    gold, _ = tiny_corpus
    gold.write_text("\n" + gold.read_text() + "\n\n")
    entries = load_gold(gold)
    assert [e.file for e in entries] == list(tiny_gold)
    assert entries[0].published == dt.date(2024, 5, 8)
