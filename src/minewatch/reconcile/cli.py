"""``minewatch reconcile`` and ``minewatch stories``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from minewatch.console import err, out, print_json


def register(app: typer.Typer) -> None:
    """Add the reconciliation commands to the app."""

    @app.command("reconcile")
    def reconcile_command(
        ctx: typer.Context,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Group new documents into stories and build records from approved claims."""
        from minewatch.flows.reconcile import run
        from minewatch.store.session import require_schema

        engine = ctx.obj.engine()
        require_schema(engine)
        summary = run(engine)
        if as_json:
            print_json(asdict(summary))
            return
        err().print(
            f"{summary.documents} new documents, {summary.stories_created} new stories, "
            f"{summary.auto_approved} claims auto-approved, {summary.linked} claims linked, "
            f"{summary.records_created} records created, {summary.records_updated} updated",
            highlight=False,
        )

    @app.command("stories")
    def stories_command(
        ctx: typer.Context,
        limit: Annotated[int, typer.Option(min=1, help="At most this many stories.")] = 200,
        offset: Annotated[int, typer.Option(min=0, help="Skip this many stories.")] = 0,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """List stories: near-duplicate documents (syndicated copies of one statement)."""
        from minewatch.records import stories
        from minewatch.records.schemas import StoryOut
        from minewatch.store.session import require_schema, transaction

        engine = ctx.obj.engine()
        require_schema(engine)
        with transaction(engine) as session:
            rows = stories.list_stories(session=session, limit=limit, offset=offset)
            docs = stories.documents_of_stories([s.id for s in rows], session=session)
            items = [StoryOut.of(s, docs.get(s.id, [])) for s in rows]
        if as_json:
            print_json([i.model_dump(mode="json") for i in items])
            return
        table = Table("id", "first published", "documents", "title")
        for item in items:
            table.add_row(
                str(item.id),
                str(item.first_published or ""),
                ", ".join(map(str, item.document_ids)),
                item.title or "",
            )
        out().print(table)
