"""Document queries and inserts; the caller owns the transaction (flush, never commit)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import Select, Table, func, select
from sqlalchemy.orm import Session

from minewatch.documents.models import Document
from minewatch.documents.readers import SourceText
from minewatch.errors import InputError, NotFoundError
from minewatch.store.base import utcnow
from minewatch.store.bulk import insert_returning_ids


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text: a document's identity."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_by_hash(sha256: str, *, session: Session) -> int | None:
    """Id of the stored document with this hash, if any."""
    return session.scalar(select(Document.id).where(Document.sha256 == sha256))


def existing_hashes(hashes: Iterable[str], *, session: Session) -> set[str]:
    """Which of these content hashes are already stored (one query per 500)."""
    wanted = sorted(set(hashes))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.update(session.scalars(select(Document.sha256).where(Document.sha256.in_(chunk))))
    return found


def add_documents(
    sources: Sequence[tuple[SourceText, str, str]],
    *,
    extractor_version: str,
    session: Session,
) -> list[int]:
    """Insert new documents given as (source, sha256, language); ids in the same order."""
    if not sources:
        return []
    now = utcnow()
    rows = [
        {
            "sha256": sha,
            "title": source.title,
            "publisher": source.publisher,
            "source_url": source.source_url,
            "source_note": source.source_note,
            "published": source.published,
            "language": language,
            "kind": source.kind,
            "filename": source.path.name if source.path else None,
            "text": source.text,
            "chars": len(source.text),
            "extractor_version": extractor_version,
            "ingested_at": now,
        }
        for source, sha, language in sources
    ]
    return insert_returning_ids(session, cast(Table, Document.__table__), rows)


def list_documents(*, session: Session, limit: int = 100, offset: int = 0) -> Sequence[Document]:
    """Documents newest first (by publication date, then id)."""
    stmt = (
        select(Document)
        .order_by(Document.published.desc().nulls_last(), Document.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return session.scalars(stmt).all()


def count_documents(*, session: Session) -> int:
    """Number of stored documents."""
    return session.scalar(select(func.count(Document.id))) or 0


def get_document(ref: str, *, session: Session) -> Document:
    """A document by numeric id or by a unique prefix (>= 6 chars) of its SHA-256."""
    if ref.isdigit():
        doc = session.get(Document, int(ref))
        if doc is None:
            raise NotFoundError(f"no document with id {ref}")
        return doc
    if len(ref) < 6:
        raise InputError(f"document reference {ref!r}: give an id or >= 6 hex digits of its hash")
    rows = session.scalars(select(Document).where(Document.sha256.startswith(ref.lower()))).all()
    if not rows:
        raise NotFoundError(f"no document whose hash starts with {ref}")
    if len(rows) > 1:
        raise InputError(f"hash prefix {ref} matches {len(rows)} documents; give more digits")
    return rows[0]


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What reconciliation shows and weighs about a document."""

    id: int
    published: date | None
    publisher: str | None
    title: str | None
    filename: str | None


def metadata(document_ids: Iterable[int], *, session: Session) -> dict[int, DocumentMeta]:
    """Publication date, publisher, title and file name of documents, by id."""
    ids = sorted(set(document_ids))
    out: dict[int, DocumentMeta] = {}
    cols = (Document.id, Document.published, Document.publisher, Document.title, Document.filename)
    for start in range(0, len(ids), 5000):
        stmt = select(*cols).where(Document.id.in_(ids[start : start + 5000]))
        out.update({row[0]: DocumentMeta(*row) for row in session.execute(stmt)})
    return out


def texts_excluding(
    excluded: Select[Any], *, session: Session, batch: int = 2000
) -> Iterator[tuple[int, date | None, str | None, str]]:
    """(id, published, title, text) of documents whose id is not in ``excluded``, by id."""
    last = 0
    while True:
        stmt = (
            select(Document.id, Document.published, Document.title, Document.text)
            .where(Document.id > last, Document.id.not_in(excluded))
            .order_by(Document.id)
            .limit(batch)
        )
        rows = session.execute(stmt).all()
        if not rows:
            return
        for row in rows:
            yield row[0], row[1], row[2], row[3]
        last = rows[-1][0]
