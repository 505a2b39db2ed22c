"""``minewatch demo``: a fresh database of the sample corpus and its headline figures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from minewatch.console import err, out


def register(app: typer.Typer) -> None:
    """Add the demo command to the app."""

    @app.command()
    def demo(
        folder: Annotated[
            Path, typer.Option("--dir", help="Where to create the demo database.")
        ] = Path("demo"),
    ) -> None:
        """Create ./demo/minewatch.db from the bundled sample texts and print its figures."""
        from minewatch.claims import queries
        from minewatch.demo.service import build_demo
        from minewatch.reconcile.service import sources_of
        from minewatch.records import service as records
        from minewatch.records.cli import records_table
        from minewatch.records.schemas import RecordOut
        from minewatch.store.session import transaction

        with err().status("building the demo database (gazetteer, samples, records)"):
            demo = build_demo(folder)
        err().print(
            f"demo database {folder / 'minewatch.db'}: {demo.ingest.new} sample documents, "
            f"{demo.ingest.claims} claims, {demo.reconcile.records_created} records",
            highlight=False,
        )
        with transaction(demo.engine) as session:
            summary = queries.summary(session=session)
            by_kind = records.counts_by_kind(session=session)
            rows = records.list_records(session=session, limit=10_000)
            srcs = sources_of([r.id for r in rows], session=session)
            items = [RecordOut.of(r, srcs.get(r.id)).model_dump(mode="json") for r in rows]
        headline = Table("kind", "claims", "records", title="Headline figures (sample data)")
        for kind in sorted(set(summary.by_kind) | set(by_kind)):
            headline.add_row(kind, str(summary.by_kind.get(kind, 0)), str(by_kind.get(kind, 0)))
        out().print(headline)
        out().print(records_table(items, title="Records (reconciled from approved claims)"))
        demo.engine.dispose()
