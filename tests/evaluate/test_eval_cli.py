"""`minewatch eval` through Typer's CliRunner on the tiny invented corpus."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from minewatch.errors import NotFoundError
from minewatch.evaluate import cli, scorer

Gold = dict[str, list[dict[str, Any]]]
runner = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    cli.register(app)

    @app.callback()
    def main() -> None:
        """Test app: a callback keeps `eval` a named subcommand."""

    return app


@pytest.fixture
def use_extractor(monkeypatch: pytest.MonkeyPatch) -> Callable[[Any], None]:
    """Make the command score a scripted extractor instead of the real engine."""

    def use(extractor: Any) -> None:
        monkeypatch.setattr(
            cli, "evaluate", functools.partial(scorer.evaluate, extractor=extractor)
        )

    return use


def invoke(app: typer.Typer, gold: Path, corpus: Path, *args: str) -> Any:
    return runner.invoke(app, ["eval", str(gold), "--corpus", str(corpus), *args])


def test_eval_prints_tables_and_headline(
    app: typer.Typer, tiny_corpus: tuple[Path, Path], perfect_extractor: Any, use_extractor: Any
) -> None:
    use_extractor(perfect_extractor)
    result = invoke(app, *tiny_corpus, "--min-f1", "0.95", "--min-slot", "0.9")
    assert result.exit_code == 0, result.output
    assert "Facts per kind" in result.output
    assert "Slot accuracy over matched facts" in result.output
    assert "fact F1 1.000" in result.output
    assert "hard negatives: 0 predicted facts on 1 files" in result.output
    assert "FAIL" not in result.output


def test_eval_json(
    app: typer.Typer, tiny_corpus: tuple[Path, Path], perfect_extractor: Any, use_extractor: Any
) -> None:
    use_extractor(perfect_extractor)
    data = json.loads(invoke(app, *tiny_corpus, "--json").output)
    assert data["overall"] == {
        "tp": 2,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert data["slot_accuracy"] == 1.0
    assert data["slots"]["casualties"]["incident"] == {"correct": 1, "compared": 1, "accuracy": 1.0}
    assert data["hard_negatives"] == {"files": ["neg.txt"], "predicted_facts": 0}
    assert [f["file"] for f in data["files"]] == ["finds/a.txt", "finds/b.txt", "neg.txt"]
    assert data["misses"] == [] and data["slot_mismatches"] == []
    assert data["failures"] == []


def test_eval_json_lists_misses_unless_no_misses(
    app: typer.Typer,
    tiny_corpus: tuple[Path, Path],
    tiny_gold: Gold,
    make_extractor: Any,
    use_extractor: Any,
) -> None:
    find = tiny_gold["finds/a.txt"][0]
    use_extractor(
        make_extractor(
            {"Sappers": [dict(find, model="TM-62"), dict(find, quantity=70)], "copper": [find]}
        )
    )
    data = json.loads(invoke(app, *tiny_corpus, "--json").output)
    types = sorted((m["file"], m["type"]) for m in data["misses"])
    assert types == [
        ("finds/a.txt", "false_positive"),
        ("finds/b.txt", "false_negative"),
        ("neg.txt", "false_positive"),
    ]
    assert data["slot_mismatches"] == [
        {
            "file": "finds/a.txt",
            "kind": "device_find",
            "key": "quantity=7",
            "slot": "model",
            "expected": None,
            "got": "TM-62",
            "evidence": None,
        }
    ]
    brief = json.loads(invoke(app, *tiny_corpus, "--json", "--no-misses").output)
    assert "misses" not in brief and "slot_mismatches" not in brief


def test_eval_text_lists_misses(
    app: typer.Typer, tiny_corpus: tuple[Path, Path], make_extractor: Any, use_extractor: Any
) -> None:
    use_extractor(make_extractor({"copper": [{"kind": "device_find", "quantity": 2}]}))
    shown = invoke(app, *tiny_corpus).output
    assert "Misses (3)" in shown and "quantity=2" in shown
    hidden = invoke(app, *tiny_corpus, "--no-misses").output
    assert "Misses" not in hidden


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--min-f1", "0.95"], "FAIL fact F1 0.667 < 0.950"),
        (["--min-slot", "0.95"], "FAIL slot accuracy 0.889 < 0.950"),
        (["--max-hard-negatives", "0"], "FAIL 1 facts on hard negatives > 0"),
    ],
)
def test_eval_exits_1_below_a_threshold(
    app: typer.Typer,
    tiny_corpus: tuple[Path, Path],
    tiny_gold: Gold,
    make_extractor: Any,
    use_extractor: Any,
    args: list[str],
    message: str,
) -> None:
    find = tiny_gold["finds/a.txt"][0]
    # a.txt: found with a wrong model (8/9 slots); b.txt: missed; neg.txt: an allegation.
    script = {"Sappers": [dict(find, model="TM-62")], "copper": [{"kind": "allegation"}]}
    use_extractor(make_extractor(script))
    # Without thresholds the same report passes: the exit code comes from the flags alone.
    assert invoke(app, *tiny_corpus).exit_code == 0
    result = invoke(app, *tiny_corpus, *args)
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())


def test_eval_exits_1_when_the_extractor_crashes(
    app: typer.Typer, tiny_corpus: tuple[Path, Path], make_extractor: Any, use_extractor: Any
) -> None:
    use_extractor(make_extractor({"farmers": [{"kind": "crash"}]}))
    result = invoke(app, *tiny_corpus, "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["errors"] == [{"file": "finds/b.txt", "error": "RuntimeError: extractor blew up"}]


def test_eval_missing_inputs_raise_minewatch_errors(
    app: typer.Typer, tiny_corpus: tuple[Path, Path]
) -> None:
    gold, corpus = tiny_corpus
    result = invoke(app, corpus / "missing.jsonl", corpus)
    assert isinstance(result.exception, NotFoundError)
    assert result.exit_code != 0
    result = invoke(app, gold, corpus / "missing")
    assert isinstance(result.exception, NotFoundError)
    assert "corpus directory not found" in str(result.exception)


def test_eval_help_documents_every_option(app: typer.Typer) -> None:
    result = runner.invoke(app, ["eval", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--corpus", "--json", "--no-misses", "--min-f1", "--min-slot"):
        assert option in result.output


def test_minewatch_main_runs_eval_with_clean_errors_and_exit_codes(
    tiny_corpus: tuple[Path, Path],
    tiny_gold: Gold,
    make_extractor: Any,
    use_extractor: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Wired into the real `minewatch` app: NotFoundError -> one line, its exit code; FAIL -> 1."""
    from minewatch.cli import main

    gold, corpus = tiny_corpus
    assert main(["eval", str(corpus / "missing.jsonl"), "--corpus", str(corpus)]) == (
        NotFoundError.exit_code
    )
    assert "gold file not found" in capsys.readouterr().err
    use_extractor(make_extractor({"Sappers": tiny_gold["finds/a.txt"]}))
    assert main(["eval", str(gold), "--corpus", str(corpus), "--no-misses"]) == 0
    assert main(["eval", str(gold), "--corpus", str(corpus), "--min-f1", "0.9"]) == 1
    assert "FAIL fact F1 0.667 < 0.900" in capsys.readouterr().out
