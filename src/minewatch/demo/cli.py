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
        """Create ./demo/minewatch.db from the bundled sample texts and print its claims."""
        from minewatch.claims import queries
        from minewatch.claims.figures import figure
        from minewatch.demo.service import build_demo
        from minewatch.documents.models import Document
        from minewatch.store.session import transaction

        engine, summary = build_demo(folder)
        err().print(
            f"demo database {folder / 'minewatch.db'}: {summary.new} sample documents, "
            f"{summary.claims} claims",
            highlight=False,
        )
        with transaction(engine) as session:
            counts = queries.summary(session=session).by_kind
            rows = queries.list_claims(session=session, limit=10_000)
            table = Table(
                "kind", "place", "figure", "authority", "document", title="Claims (pending review)"
            )
            for c in rows:
                doc = session.get(Document, c.document_id)
                table.add_row(
                    c.kind,
                    str(c.fields.get("place") or ""),
                    figure(c.kind, c.fields),
                    c.authority_text or "",
                    doc.filename if doc else "",
                )
        headline = Table("kind", "claims", title="Headline: claims by kind")
        for kind, n in counts.items():
            headline.add_row(kind, str(n))
        out().print(headline)
        out().print(table)
        engine.dispose()
