"""``ingest``, ``documents`` and ``show``: thin adapters over the document library."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from minewatch.claims.figures import figure
from minewatch.console import err, out, print_json


def _published(value: str | None) -> date | None:
    from minewatch.documents.readers import parse_date

    return None if value is None else parse_date(value, where="--published")


def register(app: typer.Typer) -> None:
    """Add the document commands to the app."""

    @app.command()
    def ingest(
        ctx: typer.Context,
        paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .html).")],
        published: Annotated[
            str | None, typer.Option(help="Publication date YYYY-MM-DD for files without one.")
        ] = None,
        publisher: Annotated[
            str | None, typer.Option(help="Publisher for files without one.")
        ] = None,
        url: Annotated[str | None, typer.Option(help="Source URL for files without one.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    ) -> None:
        """Read documents, extract their claims and store both; re-running changes nothing."""
        from minewatch.documents.readers import iter_files
        from minewatch.flows import reconcile
        from minewatch.flows.ingest import Defaults, Outcome, ingest_paths
        from minewatch.store.session import require_schema

        defaults = Defaults(published=_published(published), publisher=publisher, source_url=url)
        engine = ctx.obj.engine()
        require_schema(engine)
        total = sum(1 for _ in iter_files(paths))
        with Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err(),
            transient=True,
            disable=as_json,
        ) as bar:
            task = bar.add_task("ingest", total=total)

            def step(outcome: Outcome) -> None:
                if outcome.status == "failed":
                    bar.console.print(f"[red]failed:[/] {outcome.reason}", highlight=False)
                bar.advance(task)

            summary = ingest_paths(
                paths,
                engine=engine,
                defaults=defaults,
                batch_size=ctx.obj.settings.batch_size,
                max_bytes=ctx.obj.settings.max_document_bytes,
                on_file=step,
            )
        flow = reconcile.run(engine)
        if as_json:
            print_json(
                {
                    "new": summary.new,
                    "present": summary.present,
                    "failed": summary.failed,
                    "claims": summary.claims,
                    "failures": [{"path": f.path, "reason": f.reason} for f in summary.failures],
                    "stories_created": flow.stories_created,
                    "records_created": flow.records_created,
                    "records_updated": flow.records_updated,
                }
            )
        else:
            out().print(
                f"{summary.new} new, {summary.present} already present, {summary.failed} failed"
                f" ({summary.claims} claims extracted; {flow.records_created} records created,"
                f" {flow.records_updated} updated from approved claims)",
                highlight=False,
                soft_wrap=True,
            )
        if summary.failed:
            raise typer.Exit(code=1 if summary.new + summary.present == 0 else 2)

    @app.command("documents")
    def list_docs(
        ctx: typer.Context,
        limit: Annotated[int, typer.Option(min=1, help="At most this many rows.")] = 50,
        offset: Annotated[int, typer.Option(min=0, help="Skip this many rows.")] = 0,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """List stored documents, newest publication first."""
        from minewatch.claims import queries
        from minewatch.documents import service as documents
        from minewatch.store.session import require_schema, transaction

        engine = ctx.obj.engine()
        require_schema(engine)
        with transaction(engine) as session:
            rows = documents.list_documents(session=session, limit=limit, offset=offset)
            counts = queries.counts_by_document([d.id for d in rows], session=session)
        if as_json:
            print_json([_doc_json(d, counts.get(d.id, 0)) for d in rows])
            return
        table = Table("id", "published", "publisher", "title", "lang", "claims", "sha256")
        table.columns[3].no_wrap = True
        table.columns[3].overflow = "ellipsis"
        table.columns[3].max_width = 48
        for d in rows:
            table.add_row(
                str(d.id),
                str(d.published or ""),
                d.publisher or "",
                d.title or "",
                d.language,
                str(counts.get(d.id, 0)),
                d.sha256[:12],
            )
        out().print(table)

    @app.command()
    def show(
        ctx: typer.Context,
        doc: Annotated[str, typer.Argument(help="Document id or hash prefix.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Print a document with every claim's values highlighted in its sentence."""
        from minewatch.claims import service as claims
        from minewatch.documents import service as documents
        from minewatch.store.session import require_schema, transaction

        engine = ctx.obj.engine()
        require_schema(engine)
        with transaction(engine) as session:
            d = documents.get_document(doc, session=session)
            rows = claims.claims_of_document(d.id, session=session)
            payload = [{"id": c.id, "kind": c.kind, "status": c.status, **c.fields} for c in rows]
            spans = [(c.id, c.evidence.get("spans") or {}) for c in rows]
        if as_json:
            print_json({"document": _doc_json(d, len(rows)), "claims": payload})
            return
        out().print(f"[bold]{d.title or ''}[/]  [dim]{d.publisher or ''} {d.published or ''}[/]")
        out().print(highlight_text(d.text, spans))
        table = Table("claim", "kind", "status", "figures", "authority")
        for item in payload:
            table.add_row(
                str(item["id"]),
                item["kind"],
                item["status"],
                figure(item["kind"], item),
                item.get("authority") or "",
            )
        out().print(table)


def _doc_json(d: Any, claims: int) -> dict[str, Any]:
    return {
        "id": d.id,
        "sha256": d.sha256,
        "title": d.title,
        "publisher": d.publisher,
        "published": d.published.isoformat() if d.published else None,
        "source_url": d.source_url,
        "language": d.language,
        "kind": d.kind,
        "chars": d.chars,
        "claims": claims,
    }


def _span_pairs(value: Any) -> list[tuple[int, int]]:
    """Spans are [start, end] or a list of them (one per participant, say)."""
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int) for v in value)
    ):
        return [(value[0], value[1])]
    if isinstance(value, list | tuple):
        return [pair for item in value for pair in _span_pairs(item)]
    return []


def highlight_text(text: str, spans: list[tuple[int, dict[str, Any]]]) -> Text:
    """The text with each claim's value spans styled and tagged with the claim id."""
    rich = Text(text)
    styles = ["bold yellow", "bold cyan", "bold magenta", "bold green", "bold red", "bold blue"]
    for n, (claim_id, fields) in enumerate(spans):
        style = styles[n % len(styles)]
        for _field, value in fields.items():
            for start, end in _span_pairs(value):
                if 0 <= start < end <= len(text):
                    rich.stylize(f"{style} underline", start, end)
        del claim_id
    return rich
