"""Ingest flow: read files, extract claims, store document + claims atomically per document.

Each document is written inside a SAVEPOINT, so a failure loses only that document; batches
of documents are committed together, and the session is cleared after each commit so memory
stays flat however many files are ingested. Re-ingesting a file changes nothing: identity is
the hash of the normalised text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Literal

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from minewatch.claims import service as claims
from minewatch.documents import service as documents
from minewatch.documents.readers import DEFAULT_MAX_BYTES, SourceText, iter_files, read_document
from minewatch.errors import DocumentError
from minewatch.extract import EXTRACTOR_VERSION, extract
from minewatch.gazetteer import service as gazetteer
from minewatch.gazetteer.resolve import Resolver
from minewatch.store.session import session_factory

Status = Literal["new", "present", "failed"]


@dataclass(frozen=True, slots=True)
class Defaults:
    """Metadata for files whose header does not give it (the header wins)."""

    published: date | None = None
    publisher: str | None = None
    source_url: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one file."""

    path: str
    status: Status
    document_id: int | None = None
    claims: int = 0
    reason: str | None = None


@dataclass(slots=True)
class Summary:
    """Counts for the whole run, plus each failure with its reason."""

    new: int = 0
    present: int = 0
    failed: int = 0
    claims: int = 0
    failures: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        if outcome.status == "new":
            self.new += 1
            self.claims += outcome.claims
        elif outcome.status == "present":
            self.present += 1
        else:
            self.failed += 1
            self.failures.append(outcome)


def apply_defaults(source: SourceText, defaults: Defaults) -> SourceText:
    """Fill metadata the file does not state from the command-line defaults."""
    return replace(
        source,
        published=source.published or defaults.published,
        publisher=source.publisher or defaults.publisher,
        source_url=source.source_url or defaults.source_url,
    )


def store_source(
    source: SourceText,
    *,
    session: Session,
    cache: dict[str, int],
    resolver: Resolver | None = None,
) -> Outcome:
    """Extract, locate and store one document inside a savepoint; idempotent by content hash."""
    name = str(source.path) if source.path else "<text>"
    sha = documents.content_hash(source.text)
    existing = documents.find_by_hash(sha, session=session)
    if existing is not None:
        return Outcome(name, "present", existing)
    result = extract(source.text, published=source.published)
    facts = gazetteer.locate_facts(result.facts, session=session, resolver=resolver)
    savepoint = session.begin_nested()
    try:
        doc = documents.add_document(
            source,
            sha256=sha,
            language=result.language,
            extractor_version=EXTRACTOR_VERSION,
            session=session,
        )
        rows = claims.add_extracted(
            doc.id,
            facts,
            extractor_version=EXTRACTOR_VERSION,
            session=session,
            authority_cache=cache,
        )
    except SQLAlchemyError as exc:
        savepoint.rollback()
        cache.clear()
        return Outcome(
            name, "failed", reason=f"{name}: database refused it ({getattr(exc, 'orig', exc)})"
        )
    savepoint.commit()
    return Outcome(name, "new", doc.id, len(rows))


def ingest_paths(
    paths: Iterable[Path],
    *,
    engine: Engine,
    defaults: Defaults = Defaults(),
    batch_size: int = 200,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_file: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Ingest files and folders; report each file through ``on_file`` (for progress bars)."""
    summary = Summary()
    session = session_factory(engine)()
    cache: dict[str, int] = {}
    resolver = gazetteer.get_resolver(session=session)
    pending = 0
    try:
        for item in iter_files(list(paths)):
            if isinstance(item, DocumentError):
                outcome = Outcome(item.path, "failed", reason=item.message)
            else:
                try:
                    source = apply_defaults(read_document(item, max_bytes=max_bytes), defaults)
                except DocumentError as exc:
                    outcome = Outcome(str(item), "failed", reason=exc.message)
                else:
                    outcome = store_source(
                        source, session=session, cache=cache, resolver=resolver
                    )
            summary.add(outcome)
            pending += outcome.status == "new"
            if pending >= batch_size:
                session.commit()
                session.expunge_all()
                pending = 0
            if on_file is not None:
                on_file(outcome)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    return summary
