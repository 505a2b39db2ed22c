"""``minewatch stats finds|casualties|land-release|inspections``: figures with their sources."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from minewatch.console import out, print_json

COMMANDS = {
    "finds": "device_find",
    "casualties": "casualties",
    "land-release": "land_release",
    "inspections": "inspection",
}


def _date(value: str | None, flag: str) -> date | None:
    from minewatch.errors import InputError

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{flag} {value!r}: give a date as YYYY-MM-DD") from exc


def _num(value: Any) -> str:
    from minewatch.claims.figures import number

    return "unknown" if value is None else number(value)


def _print_sources(sources: list[Any], indent: str = "      ") -> None:
    console = out()
    seen: set[str] = set()
    for src in sources:
        role = ", stated total of parts" if src.role == "total" else ""
        cite = f"{src.publisher or '?'}, {src.published or 'undated'} (claim {src.claim_id}{role})"
        if src.sentence and src.sentence not in seen:
            seen.add(src.sentence)
            console.print(f'{indent}"{src.sentence}"', highlight=False)
            console.print(f"{indent}  -- {cite}", highlight=False)
        elif not src.sentence:
            console.print(f"{indent}-- {cite}", highlight=False)


def render(result: Any, *, explain: bool) -> None:
    """The result as text: incident sums, groups, then reported totals with sentences."""
    from rich.table import Table

    from minewatch.stats.service import measure_label

    console = out()
    q = result.query
    scope = [f"{'approved and pending' if q['include_pending'] else 'approved'} records"]
    if result.places:
        scope.append("in " + " / ".join(f"{p.name} ({p.kind})" for p in result.places))
    if q["since"] or q["until"]:
        scope.append(f"from {q['since'] or '...'} to {q['until'] or 'now'}")
    if q["authority"]:
        scope.append(f"by authorities matching {q['authority']!r}")
    console.print(f"[bold]{result.kind}[/]: {', '.join(scope)}", highlight=False)
    inc = result.incidents
    sums = ", ".join(
        f"{_num(m.sum)} {measure_label(name)} (stated in {m.stated_by})"
        for name, m in inc.totals.items()
    )
    console.print(
        f"\n[bold]Incidents (summed)[/]: {inc.records:,} record(s)" + (f"; {sums}" if sums else ""),
        highlight=False,
    )
    if inc.groups:
        table = Table("group", "records", *(measure_label(m) for m in result.measures))
        for g in inc.groups:
            table.add_row(g.label, f"{g.records:,}", *(_num(g.totals[m].sum) for m in g.totals))
        console.print(table)
    for item in inc.items if inc.listed else []:
        ref = f"record {item.record_id}" if item.record_id else "pending review"
        where = ", ".join(str(x) for x in (item.day, item.place, item.authority) if x)
        console.print(f"  {item.headline} -- {where} ({ref})", highlight=False)
        if explain and item.record_id:
            _print_sources(result.sources.get(item.record_id, []))
    if not inc.listed:
        console.print("  (too many records to list; narrow the query)")
    console.print("\n[bold]Reported totals[/] (never added to the incident sums):")
    if not result.reported_totals:
        console.print("  none")
    for total in result.reported_totals:
        since = f", counting since {total.period_start}" if total.period_start else ""
        until = f" to {total.period_end}" if total.period_end else ""
        where = f", {total.place}" if total.place else ""
        console.print(f"  [bold]{total.headline}[/]", highlight=False)
        console.print(
            f"    total as of {total.as_of or 'an unknown date'} by "
            f"{total.authority or 'an unattributed source'}{since}{until}{where} "
            f"({'record ' + str(total.record_id) if total.record_id else 'pending review'}; "
            f"claims {', '.join(map(str, total.claim_ids))})",
            highlight=False,
        )
        _print_sources(total.sources)


def render_series(chart: Any) -> None:
    """Monthly incident counts and each authority's latest reported totals as tables."""
    from rich.table import Table

    monthly = Table("month", "incident records", chart.measure or "records", title="Per month")
    for point in chart.monthly:
        monthly.add_row(point.month, str(point.records), _num(point.value))
    out().print(monthly)
    measure = chart.measure or "value"
    totals = Table("authority and scope", "as of", measure, "record", title="Reported totals")
    for line in chart.totals:
        for point in line.points:
            totals.add_row(
                line.label or line.authority or "unattributed",
                str(point.as_of or ""),
                _num(point.value),
                str(point.record_id or ""),
            )
    out().print(totals)


def _command(kind: str) -> Callable[..., None]:
    def command(
        ctx: typer.Context,
        place: Annotated[
            str | None,
            typer.Option(help="Place name or id; counts everything beneath it."),
        ] = None,
        since: Annotated[str | None, typer.Option(help="From YYYY-MM-DD.")] = None,
        until: Annotated[str | None, typer.Option(help="To YYYY-MM-DD.")] = None,
        authority: Annotated[
            str | None, typer.Option(help="Only figures credited to an authority containing this.")
        ] = None,
        include_pending: Annotated[
            bool, typer.Option("--include-pending", help="Count claims awaiting review too.")
        ] = False,
        group_by: Annotated[
            list[str] | None,
            typer.Option(
                "--group-by", help="place, admin1, admin2, month, category or model (repeatable)."
            ),
        ] = None,
        explain: Annotated[
            bool, typer.Option("--explain", help="Print the sentence behind every record.")
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
        plot: Annotated[
            Path | None, typer.Option(help="Also write a chart to FILE.png or FILE.svg.")
        ] = None,
        show_series: Annotated[
            bool,
            typer.Option(
                "--series",
                help="Print the time series instead: incident records per month and each "
                "authority's reported totals in date order.",
            ),
        ] = False,
    ) -> None:
        from minewatch.stats import service
        from minewatch.store.session import require_schema, transaction

        query = service.StatsQuery(
            kind=kind,
            place=place,
            since=_date(since, "--since"),
            until=_date(until, "--until"),
            authority=authority,
            include_pending=include_pending,
            group_by=tuple(group_by or ()),
        ).validate()
        engine = ctx.obj.engine()
        require_schema(engine)
        with transaction(engine) as session:
            result = service.figures(query, session=session, explain_sources=True)
            chart = service.series(query, session=session) if plot or show_series else None
        if show_series and chart is not None:
            if as_json:
                print_json(chart.model_dump(mode="json"))
            else:
                render_series(chart)
        elif as_json:
            print_json(result.model_dump(mode="json"))
        else:
            render(result, explain=explain)
        if plot and chart is not None:
            from minewatch.console import err
            from minewatch.stats.plot import plot as draw

            given = [("place", place), ("since", since), ("until", until)]
            scope = ", ".join(f"{k}={v}" for k, v in given if v) or "all"
            draw(chart, plot, title=f"{kind} ({scope})")
            err().print(f"chart written to {plot}")

    command.__doc__ = (
        f"Figures for {kind.replace('_', ' ')} records: incidents summed, reported totals "
        "apart, each with the claims behind it."
    )
    return command


def register(app: typer.Typer) -> None:
    """Add ``minewatch stats ...`` to the app."""
    stats = typer.Typer(
        name="stats",
        help="Statistics: incident sums and reported totals, each with its sources.",
        no_args_is_help=True,
    )
    for name, kind in COMMANDS.items():
        stats.command(name)(_command(kind))
    app.add_typer(stats, name="stats")
