"""``extract`` (no database) and ``claims`` (stored claims) commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from minewatch.console import out, print_json


def extract_file(path: Path, published: str | None = None) -> dict[str, Any]:
    """Read one file and extract its facts: the JSON ``minewatch extract`` prints."""
    from dataclasses import replace

    from minewatch.documents.readers import parse_date, read_document
    from minewatch.documents.service import content_hash
    from minewatch.extract import EXTRACTOR_VERSION, extract

    source = read_document(path)
    if published is not None:
        source = replace(source, published=parse_date(published, where="--published"))
    result = extract(source.text, published=source.published)
    return {
        "document": {
            "path": str(path),
            "sha256": content_hash(source.text),
            "title": source.title,
            "publisher": source.publisher,
            "published": source.published.isoformat() if source.published else None,
            "source_url": source.source_url,
            "language": result.language,
            "chars": len(source.text),
            "extractor_version": EXTRACTOR_VERSION,
        },
        "facts": result.facts,
    }


def _facts_table(facts: list[dict[str, Any]]) -> Table:
    from minewatch.claims.figures import figure, when

    table = Table("id", "kind", "figures", "place", "date/period", "authority")
    for n, fact in enumerate(facts):
        table.add_row(
            str(fact.get("id", n)),
            fact["kind"],
            figure(fact["kind"], fact),
            str(fact.get("place") or ""),
            when(fact),
            str(fact.get("authority") or ""),
        )
    return table


def register(app: typer.Typer) -> None:
    """Add the claim commands to the app."""

    @app.command()
    def extract(
        path: Annotated[Path, typer.Argument(help="A .txt/.md/.html file.")],
        published: Annotated[
            str | None, typer.Option(help="Publication date YYYY-MM-DD (overrides the header).")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Extract facts from one file without touching the database."""
        result = extract_file(path, published)
        if as_json:
            print_json(result)
        else:
            out().print(_facts_table(result["facts"]))

    @app.command("claims")
    def list_claims(
        ctx: typer.Context,
        kind: Annotated[str | None, typer.Option(help="Only this kind.")] = None,
        status: Annotated[str | None, typer.Option(help="pending, approved, rejected.")] = None,
        document: Annotated[int | None, typer.Option(help="Only this document id.")] = None,
        limit: Annotated[int, typer.Option(min=1, help="At most this many rows.")] = 200,
        offset: Annotated[int, typer.Option(min=0, help="Skip this many rows.")] = 0,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """List stored claims with their figures and authorities."""
        from minewatch.claims import queries
        from minewatch.store.session import require_schema, transaction

        engine = ctx.obj.engine()
        require_schema(engine)
        with transaction(engine) as session:
            rows = queries.list_claims(
                session=session,
                kind=kind,
                status=status,
                document_id=document,
                limit=limit,
                offset=offset,
            )
            items = [
                {
                    "id": c.id,
                    "document_id": c.document_id,
                    "kind": c.kind,
                    "status": c.status,
                    **c.fields,
                    "evidence": c.evidence,
                }
                for c in rows
            ]
        if as_json:
            print_json(items)
        else:
            out().print(_facts_table(items))
