"""``minewatch stats ... --plot`` writes a real PNG or SVG; ``--json`` and text output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from minewatch.stats.plot import plot
from minewatch.stats.schemas import MonthPoint, Series, TotalPoint, TotalSeries


def series() -> Series:
    from datetime import date

    return Series(
        kind="casualties",
        measure="victims",
        monthly=[MonthPoint(month="2022-10", records=2, value=3)],
        totals=[
            TotalSeries(
                authority="MFA",
                period_start=date(2020, 11, 10),
                place=None,
                label="MFA, since 2020-11-10",
                points=[TotalPoint(as_of=date(2022, 11, 24), value=268, record_id=1)],
            )
        ],
    )


@pytest.mark.parametrize(("name", "magic"), [("c.png", b"\x89PNG\r\n\x1a\n"), ("c.svg", b"<?xml")])
def test_plot_writes_real_files(tmp_path: Path, name: str, magic: bytes) -> None:
    pytest.importorskip("matplotlib")
    path = plot(series(), tmp_path / name, title="test")
    data = path.read_bytes()
    assert data.startswith(magic) and len(data) > 5000
    if name.endswith(".svg"):
        assert b"<svg" in data


def test_cli_text_json_and_plot(seeded: Engine, tmp_path: Path) -> None:
    from minewatch.cli import app as base_app
    from minewatch.stats.cli import register

    engine = seeded
    app = typer.Typer()
    app.registered_callback = base_app.registered_callback
    register(app)
    url = engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    text = runner.invoke(app, ["-d", url, "stats", "casualties", "--since", "2020-11-10"])
    assert text.exit_code == 0, text.output
    flat = " ".join(text.output.split())
    assert "268 victims, 45 killed (35 civilians" in flat
    assert "total as of 2022-11-24 by Ministry of Foreign Affairs of Azerbaijan" in flat
    assert "268 Azerbaijani citizens have suffered" in flat
    chart = tmp_path / "finds.png"
    out = runner.invoke(
        app, ["-d", url, "stats", "finds", "--place", "Kalbajar", "--json", "--plot", str(chart)]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout[: out.stdout.rindex("}") + 1])
    assert data["incidents"]["totals"]["quantity"]["sum"] == 350
    assert [t["figures"]["quantity"] for t in data["reported_totals"]] == [1119]
    assert chart.read_bytes().startswith(b"\x89PNG")


def test_series_lists_months_and_reported_totals(
    seeded: Engine, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from minewatch.cli import main

    monkeypatch.setenv("MINEWATCH_DATABASE_URL", seeded.url.render_as_string(hide_password=False))
    assert main(["stats", "finds", "--series", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(p["month"], p["value"]) for p in data["monthly"]] == [("2022-11", 350)]
    latest = {line["points"][-1]["value"] for line in data["totals"]}
    assert latest == {1119, 1609}
