"""The real engine under the scorer: the issue-3 quality targets on ../shared/corpus.

These fail until the extraction engine reaches the targets; that is intended.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
import typer
from typer.testing import CliRunner

from minewatch.evaluate import cli
from minewatch.evaluate.report import verdict_lines
from minewatch.evaluate.scorer import Counts, EvalReport, evaluate, load_gold

TARGET_F1 = 0.95
TARGET_SLOT_ACCURACY = 0.90


def _explain(report: EvalReport, limit: int = 25) -> str:
    lines = verdict_lines(report)
    lines += [f"{m.file} {m.type} {m.kind} {m.key}" for m in report.misses[:limit]]
    lines += [
        f"{m.file} {m.kind} {m.key} {m.slot}: expected {m.expected!r} got {m.got!r}"
        for m in report.slot_mismatches[:limit]
    ]
    return "\n".join(lines)


@pytest.mark.corpus
def test_gold_scored_against_itself_is_perfect(corpus_dir: Path) -> None:
    """Checks the scorer, not the engine: the real reader and gold give F1 = slot accuracy = 1."""
    from minewatch.documents.readers import read_document

    entries = load_gold(corpus_dir / "gold.jsonl")
    by_text = {read_document(corpus_dir / e.file).text: e.facts for e in entries}

    def oracle(text: str, *, published: object = None) -> SimpleNamespace:
        return SimpleNamespace(language="en", facts=by_text[text])

    report = evaluate(corpus_dir / "gold.jsonl", corpus_dir, extractor=oracle)
    assert report.errors == []
    assert report.overall == Counts(tp=114)
    assert report.slot_accuracy == 1.0
    assert report.hard_negative_files == ["dev/22.txt", "dev/23.txt"]


@pytest.fixture(scope="module")
def corpus_report(corpus_dir: Path) -> EvalReport:
    return evaluate(corpus_dir / "gold.jsonl", corpus_dir)


@pytest.mark.corpus
def test_no_file_fails_to_extract(corpus_report: EvalReport) -> None:
    assert [(f.file, f.error) for f in corpus_report.errors] == []


@pytest.mark.corpus
def test_zero_facts_on_hard_negatives(corpus_report: EvalReport) -> None:
    assert corpus_report.hard_negative_files, "the corpus has hard negatives"
    facts = corpus_report.hard_negative_facts
    assert facts == 0, _explain(corpus_report)


@pytest.mark.corpus
def test_fact_f1_target(corpus_report: EvalReport) -> None:
    assert corpus_report.overall.tp + corpus_report.overall.fn == 114  # README fact count
    f1 = corpus_report.overall.f1
    assert f1 >= TARGET_F1, _explain(corpus_report)


@pytest.mark.corpus
def test_slot_accuracy_target(corpus_report: EvalReport) -> None:
    assert corpus_report.slot_total.compared > 0
    accuracy = corpus_report.slot_accuracy
    assert accuracy >= TARGET_SLOT_ACCURACY, _explain(corpus_report)


def test_eval_command_runs_the_real_engine(tiny_corpus: tuple[Path, Path]) -> None:
    """End to end: the real reader and extractor on the invented texts, no thresholds."""
    app = typer.Typer()
    cli.register(app)

    @app.callback()
    def main() -> None:
        """Test app."""

    gold, corpus = tiny_corpus
    result = CliRunner().invoke(app, ["eval", str(gold), "--corpus", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["errors"] == []
    assert data["extractor_version"]
    assert [f["language"] for f in data["files"]] == ["en", "en", "en"]
