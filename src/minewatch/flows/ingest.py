"""Ingest flow: read files, extract and locate claims, store documents + claims.

Work is done in batches: reading, extraction and place resolution (pure, no database) for a
batch of files, then one bulk write and one commit. If the bulk write fails, the batch is
rolled back and written again one document per SAVEPOINT, so a failure loses only that
document and nothing half-written remains. The session is cleared after each commit, so
memory stays flat however many files are ingested. Re-ingesting a file changes nothing:
identity is the hash of the normalised text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any, Literal

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


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document read, hashed, extracted and located, not yet written."""

    name: str
    source: SourceText
    sha: str
    language: str
    facts: list[dict[str, Any]]


def apply_defaults(source: SourceText, defaults: Defaults) -> SourceText:
    """Fill metadata the file does not state from the command-line defaults."""
    return replace(
        source,
        published=source.published or defaults.published,
        publisher=source.publisher or defaults.publisher,
        source_url=source.source_url or defaults.source_url,
    )


def prepare(source: SourceText, *, session: Session, resolver: Resolver | None = None) -> Prepared:
    """Hash, extract and locate one document (no writes)."""
    result = extract(source.text, published=source.published)
    facts = gazetteer.locate_facts(result.facts, session=session, resolver=resolver)
    name = str(source.path) if source.path else "<text>"
    return Prepared(name, source, documents.content_hash(source.text), result.language, facts)


def write_prepared(
    batch: Sequence[Prepared], *, session: Session, cache: dict[str, int]
) -> list[Outcome]:
    """Bulk-insert documents and their claims (flushes; the caller commits)."""
    ids = documents.add_documents(
        [(p.source, p.sha, p.language) for p in batch],
        extractor_version=EXTRACTOR_VERSION,
        session=session,
    )
    claims.add_extracted(
        [(doc_id, p.facts) for doc_id, p in zip(ids, batch, strict=True)],
        extractor_version=EXTRACTOR_VERSION,
        session=session,
        authority_cache=cache,
    )
    return [
        Outcome(p.name, "new", doc_id, len(p.facts)) for doc_id, p in zip(ids, batch, strict=True)
    ]


def _write_one_by_one(
    batch: Sequence[Prepared], *, session: Session, cache: dict[str, int]
) -> list[Outcome]:
    """The slow path after a failed bulk write: one savepoint per document."""
    outcomes = []
    for item in batch:
        savepoint = session.begin_nested()
        try:
            outcomes += write_prepared([item], session=session, cache=cache)
        except SQLAlchemyError as exc:
            savepoint.rollback()
            cache.clear()
            reason = f"{item.name}: database refused it ({getattr(exc, 'orig', exc)})"
            outcomes.append(Outcome(item.name, "failed", reason=reason))
        else:
            savepoint.commit()
    return outcomes


def _store_batch(
    items: Sequence[Path | DocumentError],
    *,
    session: Session,
    resolver: Resolver,
    cache: dict[str, int],
    defaults: Defaults,
    max_bytes: int,
) -> list[Outcome]:
    """Prepare a batch of files, write the new ones, commit; outcomes in file order."""
    slots: list[Outcome | Prepared] = []
    for item in items:
        if isinstance(item, DocumentError):
            slots.append(Outcome(item.path, "failed", reason=item.message))
            continue
        try:
            source = apply_defaults(read_document(item, max_bytes=max_bytes), defaults)
        except DocumentError as exc:
            slots.append(Outcome(str(item), "failed", reason=exc.message))
            continue
        slots.append(prepare(source, session=session, resolver=resolver))
    prepared = [s for s in slots if isinstance(s, Prepared)]
    stored = documents.existing_hashes([p.sha for p in prepared], session=session)
    fresh: dict[str, Prepared] = {}
    for p in prepared:
        if p.sha not in stored:
            fresh.setdefault(p.sha, p)
    batch = list(fresh.values())
    try:
        written = write_prepared(batch, session=session, cache=cache)
        session.commit()
    except SQLAlchemyError:
        session.rollback()
        cache.clear()
        written = _write_one_by_one(batch, session=session, cache=cache)
        session.commit()
    by_name = {o.path: o for o in written}
    outcomes = []
    for slot in slots:
        if isinstance(slot, Outcome):
            outcomes.append(slot)
        elif fresh.get(slot.sha) is slot:
            outcomes.append(by_name[slot.name])
        else:
            outcomes.append(Outcome(slot.name, "present"))
    session.expunge_all()
    return outcomes


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
    try:
        resolver = gazetteer.get_resolver(session=session)
        items = iter_files(list(paths))
        while batch := list(islice(items, max(1, batch_size))):
            for outcome in _store_batch(
                batch,
                session=session,
                resolver=resolver,
                cache=cache,
                defaults=defaults,
                max_bytes=max_bytes,
            ):
                summary.add(outcome)
                if on_file is not None:
                    on_file(outcome)
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    return summary
