"""The CLI end to end in-process: init, ingest, documents, show, extract, clean errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minewatch.cli import main

SAMPLE = (
    "PUBLISHED: 2024-05-06\nPUBLISHER: Sample Wire\n\n"
    "The State Emergency Service said on Monday that its sappers found and destroyed "
    "48 anti-tank mines near the village of Testivka.\n"
)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("MINEWATCH_DATABASE_URL", url)
    return url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ingest_twice_then_list_and_show(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(SAMPLE, encoding="utf-8")
    assert run(capsys, "init", "--no-places")[0] == 0
    code, out, _ = run(capsys, "ingest", str(folder))
    assert code == 0 and out.startswith("1 new, 0 already present, 0 failed")
    code, out, _ = run(capsys, "ingest", str(folder), "--json")
    assert code == 0 and json.loads(out)["new"] == 0 and json.loads(out)["present"] == 1
    code, out, _ = run(capsys, "documents", "--json")
    docs = json.loads(out)
    assert code == 0 and len(docs) == 1 and docs[0]["publisher"] == "Sample Wire"
    code, out, _ = run(capsys, "show", docs[0]["sha256"][:8], "--json")
    shown = json.loads(out)
    assert code == 0 and any(c.get("quantity") == 48 for c in shown["claims"])
    code, out, _ = run(capsys, "show", str(docs[0]["id"]))
    assert code == 0 and "Testivka" in out
    code, out, _ = run(capsys, "claims", "--kind", "device_find", "--json")
    assert code == 0 and [c["quantity"] for c in json.loads(out)] == [48]


def test_ingest_reports_failures_in_one_line_each(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ok.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    run(capsys, "init", "--no-places")
    code, out, err = run(capsys, "ingest", str(tmp_path))
    assert code == 2
    assert out.startswith("1 new, 0 already present, 1 failed")
    failed = [line for line in err.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and "empty.txt: empty document" in failed[0]
    assert "Traceback" not in err


def test_bad_published_flag_is_one_clean_line(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "init", "--no-places")
    code, _, err = run(capsys, "ingest", str(tmp_path), "--published", "24/11/2022")
    assert code == 65
    assert err.strip() == "error: --published: date '24/11/2022' is not YYYY-MM-DD"


def test_uninitialised_database_says_what_to_do(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "documents")
    assert code == 69 and "run `minewatch init`" in err and "Traceback" not in err


def test_debug_shows_the_traceback(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    from minewatch.errors import DatabaseError

    with pytest.raises(DatabaseError):
        main(["--debug", "documents"])


def test_extract_json_on_a_written_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(path), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["document"]["published"] == "2024-05-06"
    finds = [f for f in data["facts"] if f["kind"] == "device_find"]
    assert finds and finds[0]["quantity"] == 48
    assert finds[0]["action"] == "found_and_neutralized"


def test_extract_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "extract", str(tmp_path / "nope.txt"), "--json")
    assert code == 65 and "nope.txt: cannot read" in err


def test_usage_errors_are_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "no-such-command")
    assert code == 2 and "No such command 'no-such-command'" in err
    assert "Traceback" not in err and "internal error" not in err
    code, _, err = run(capsys, "ingest")
    assert code == 2 and "Missing argument" in err
