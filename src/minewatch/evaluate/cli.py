"""`minewatch eval`: a thin shell over `minewatch.evaluate.scorer` (DESIGN §3 rule 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from minewatch.evaluate.places import PlaceReport
from minewatch.evaluate.report import render, to_dict
from minewatch.evaluate.scorer import evaluate, threshold_failures


def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold standard, one JSON object per line.")],
    corpus: Annotated[
        Path, typer.Option("--corpus", help="Directory the gold file paths are relative to.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    misses: Annotated[
        bool, typer.Option("--misses/--no-misses", help="List every miss and slot mismatch.")
    ] = True,
    min_f1: Annotated[
        float | None, typer.Option("--min-f1", help="Exit 1 when fact F1 is below this.")
    ] = None,
    min_slot: Annotated[
        float | None, typer.Option("--min-slot", help="Exit 1 when slot accuracy is below this.")
    ] = None,
    max_hard_negatives: Annotated[
        int | None,
        typer.Option(
            "--max-hard-negatives", help="Exit 1 when more facts than this land on hard negatives."
        ),
    ] = None,
    places: Annotated[
        Path | None,
        typer.Option(
            "--places",
            help="Expected place resolutions (JSON): also score the gazetteer on gold places.",
        ),
    ] = None,
    min_places: Annotated[
        float | None,
        typer.Option("--min-places", help="Exit 1 when the share of correct places is below."),
    ] = None,
) -> None:
    """Score the extractor on a gold corpus: fact precision/recall/F1, slot accuracy, misses.

    Exits 1 when a threshold is given and missed, or when a file fails to read or extract.
    """
    report = evaluate(gold, corpus)
    failures = threshold_failures(
        report, min_f1=min_f1, min_slot=min_slot, max_hard_negative_facts=max_hard_negatives
    )
    place_report = None
    if places is not None:
        from minewatch.evaluate.places import load_expected, score_places

        place_report = score_places(gold, corpus, load_expected(places))
        failures += place_failures(place_report, min_places)
    if as_json:
        data = to_dict(report, misses=misses)
        if place_report is not None:
            data["places"] = place_report.as_dict()
        data["failures"] = failures
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        console = Console()
        render(report, console, misses=misses)
        if place_report is not None:
            counts = place_report.counts()
            console.print(
                f"places: {place_report.rate():.1%} correct of {sum(counts.values())} mentions "
                + ", ".join(f"{k} {v}" for k, v in counts.items()),
                highlight=False,
            )
        for failure in failures:
            console.print(f"[red]FAIL[/red] {failure}")
    if failures:
        raise typer.Exit(code=1)


def place_failures(report: PlaceReport, min_places: float | None) -> list[str]:
    """Why place resolution misses its targets: any wrong country, or too few correct."""
    failures = []
    wrong_country = report.counts()["wrong_country"]
    if wrong_country:
        failures.append(f"{wrong_country} place mentions resolved to a wrong country")
    if min_places is not None and report.rate() < min_places:
        failures.append(f"place resolution {report.rate():.3f} < {min_places}")
    return failures


def register(app: typer.Typer) -> None:
    """Add the `eval` command to the application's Typer app."""
    app.command("eval")(eval_command)
