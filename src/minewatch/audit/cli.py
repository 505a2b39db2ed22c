"""``minewatch history RECORD``: the audit trail of one record and its claims."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from minewatch.console import out, print_json


def _short(value: object, width: int = 70) -> str:
    text = "" if value is None else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= width else text[: width - 1] + "…"


def register(app: typer.Typer) -> None:
    """Add the audit commands to the app."""

    @app.command("history")
    def history(
        ctx: typer.Context,
        record: Annotated[int, typer.Argument(help="Record id.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Every change to a record and to its claims: who, when, what, before and after."""
        from minewatch.audit import service as audit
        from minewatch.records import service as records
        from minewatch.store.session import require_schema, transaction

        engine = ctx.obj.engine()
        require_schema(engine)
        with transaction(engine) as session:
            records.get_record(record, session=session)
            entries = [audit.as_dict(e) for e in audit.history(record, session=session)]
        if as_json:
            print_json(entries)
            return
        table = Table("at", "who", "action", "what", "before", "after")
        for e in entries:
            table.add_row(
                str(e["at"])[:19],
                e["actor"],
                e["action"],
                f"{e['entity']} {e['entity_id']}",
                _short(e["before"]),
                _short(e["after"]),
            )
        out().print(table)
