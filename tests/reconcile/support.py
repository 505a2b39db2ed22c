"""Test helpers shared by the reconcile, records, review and audit tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest
import typer
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from minewatch.claims import service as claims
from minewatch.documents import service as documents
from minewatch.documents.readers import SourceText
from minewatch.reconcile.views import GOLD_FIELDS, ClaimView
from minewatch.store.session import transaction


def fact(kind: str, **values: Any) -> dict[str, Any]:
    """A fact in the gold schema: every key of the kind present, unstated ones null."""
    out: dict[str, Any] = {"kind": kind, **dict.fromkeys(GOLD_FIELDS[kind])}
    out.update(values)
    return out


def view(claim_id: int, kind: str, document_id: int = 1, **values: Any) -> ClaimView:
    """A claim view for pure tests; ``published``, ``story_id``, ``authority`` are options."""
    published = values.pop("published", date(2024, 5, 6))
    story = values.pop("story_id", None)
    authority = values.pop("authority_name", None)
    return ClaimView(
        id=claim_id,
        document_id=document_id,
        ordinal=values.pop("ordinal", 0),
        kind=kind,
        fields=fact(kind, **values),
        authority=authority,
        published=published,
        publisher=values.pop("publisher", None),
        story_id=story,
    )


def add_document(
    session: Session,
    text: str,
    facts: Sequence[dict[str, Any]],
    *,
    published: date | None = date(2024, 5, 6),
    publisher: str = "Test Wire",
) -> tuple[int, list[int]]:
    """Store a document with the given facts as pending claims; (document id, claim ids)."""
    source = SourceText(path=None, text=text, published=published, publisher=publisher)
    (doc_id,) = documents.add_documents(
        [(source, documents.content_hash(text), "en")], extractor_version="test", session=session
    )
    claims.add_extracted([(doc_id, facts)], extractor_version="test", session=session)
    return doc_id, [c.id for c in claims.claims_of_document(doc_id, session=session)]


def add(engine: Engine, text: str, facts: Sequence[dict[str, Any]], **kw: Any) -> list[int]:
    """Store a document and its claims in its own transaction; the claim ids."""
    with transaction(engine) as session:
        return add_document(session, text, facts, **kw)[1]


def make_app() -> typer.Typer:
    """A Typer app with the reconcile, records, review and audit commands only."""
    from minewatch.audit.cli import register as audit_cli
    from minewatch.cli import _root
    from minewatch.reconcile.cli import register as reconcile_cli
    from minewatch.records.cli import register as records_cli
    from minewatch.review.cli import register as review_cli

    app = typer.Typer(pretty_exceptions_enable=False)
    app.callback()(_root)
    for register in (reconcile_cli, records_cli, review_cli, audit_cli):
        register(app)
    return app


def cli(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> tuple[int, str, str]:
    """Run the commands in-process against ``url``; (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = make_app()(args=["--database", url, *args], standalone_mode=False)
    captured = capsys.readouterr()
    return (code if isinstance(code, int) else 0), captured.out, captured.err
