"""``minewatch records`` (filtered listing) and ``minewatch record ID`` (one record in full)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer
from rich.table import Table

from minewatch.console import out, print_json


def _date(value: str | None, flag: str) -> date | None:
    from minewatch.errors import InputError

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{flag} {value!r}: give a date as YYYY-MM-DD") from exc


def _figure(item: dict[str, Any]) -> str:
    from minewatch.claims.figures import figure

    return figure(item["kind"], item["fields"])


def records_table(items: list[dict[str, Any]], title: str | None = None) -> Table:
    """Records as a terminal table: figures, place, period, sources and flags."""
    table = Table("id", "kind", "figures", "place", "date/period", "sources", "flags", title=title)
    for item in items:
        start, end = item["period_start"], item["period_end"]
        when = start if start == end else f"{start or '?'} .. {end or 'open'}"
        flags = ("disputed " if item["disputed"] else "") + (
            f"{len(item['warnings'])} warning(s)" if item["warnings"] else ""
        )
        publishers = sorted({c["publisher"] or "?" for c in item["claims"]})
        table.add_row(
            str(item["id"]),
            item["kind"],
            _figure(item),
            item["place"] or "",
            when if (start or end) else "",
            f"{item['sources']}: {', '.join(publishers)}",
            flags.strip(),
        )
    return table


def register(app: typer.Typer) -> None:
    """Add the record commands to the app."""

    @app.command("records")
    def list_records(
        ctx: typer.Context,
        kind: Annotated[
            str | None,
            typer.Option(help="device_find, casualties, land_release or inspection."),
        ] = None,
        status: Annotated[str, typer.Option(help="active or withdrawn.")] = "active",
        place: Annotated[str | None, typer.Option(help="Place name contains this text.")] = None,
        since: Annotated[str | None, typer.Option(help="Overlapping or after YYYY-MM-DD.")] = None,
        until: Annotated[str | None, typer.Option(help="Starting on or before YYYY-MM-DD.")] = None,
        disputed: Annotated[
            bool | None, typer.Option("--disputed/--undisputed", help="Only (un)disputed.")
        ] = None,
        limit: Annotated[int, typer.Option(min=1, help="At most this many rows.")] = 200,
        offset: Annotated[int, typer.Option(min=0, help="Skip this many rows.")] = 0,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """List reconciled records with their sources, disputes and warnings."""
        from minewatch.reconcile.service import sources_of
        from minewatch.records import service as records
        from minewatch.records.schemas import RecordOut
        from minewatch.store.session import require_schema, transaction

        flt = records.RecordFilter(
            kind=kind,
            status=status,
            place=place,
            since=_date(since, "--since"),
            until=_date(until, "--until"),
            disputed=disputed,
        ).validate()
        engine = ctx.obj.engine()
        require_schema(engine)
        with transaction(engine) as session:
            rows = records.list_records(session=session, flt=flt, limit=limit, offset=offset)
            srcs = sources_of([r.id for r in rows], session=session)
            items = [RecordOut.of(r, srcs.get(r.id)).model_dump(mode="json") for r in rows]
        if as_json:
            print_json(items)
            return
        table = records_table(items)
        out().print(table)

    @app.command("record")
    def show_record(
        ctx: typer.Context,
        record_id: Annotated[int, typer.Argument(help="Record id.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """One record: best values, every stated value with its sources, variants, checks."""
        from minewatch.reconcile.service import sources_of
        from minewatch.records import service as records
        from minewatch.records.schemas import RecordOut
        from minewatch.store.session import require_schema, transaction

        engine = ctx.obj.engine()
        require_schema(engine)
        with transaction(engine) as session:
            record = records.get_record(record_id, session=session)
            srcs = sources_of([record.id], session=session)
            item = RecordOut.of(record, srcs.get(record.id)).model_dump(mode="json")
        if as_json:
            print_json(item)
            return
        console = out()
        console.print(f"[bold]record {item['id']}[/] {item['kind']} ({item['status']})")
        console.print(f"  {_figure(item)}", highlight=False)
        values = Table("field", "value", "documents", "publishers", title="stated values")
        for name, stated in item["values"].items():
            for entry in stated:
                values.add_row(
                    name + (" (disputed)" if name in item["disputed_fields"] else ""),
                    str(entry["value"]),
                    ", ".join(map(str, entry["documents"])),
                    ", ".join(p for p in entry["publishers"] if p),
                )
        console.print(values)
        for variant in item["variants"]:
            spellings = " / ".join(variant["spellings"])
            console.print(f"  variants of {variant['canonical']}: {spellings}", highlight=False)
        for check in item["checks"]:
            mark = {True: "ok", False: "WARNING", None: "n/a"}[check["ok"]]
            console.print(f"  check {check['code']}: {mark} - {check['message']}", highlight=False)
