"""Read access to documents for reconciliation: publication metadata and texts to shingle.

TODO(lead): these two reads belong in ``documents/service.py`` (DESIGN §3 rule 3); they are
here only until that module gains them, and callers use nothing else of the documents
domain. Move them verbatim and change the import in ``reconcile/service.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from minewatch.documents.models import Document


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
