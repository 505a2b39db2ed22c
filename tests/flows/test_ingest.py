"""The ingest flow on a real database: idempotent, per-document atomic, batch survives bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from minewatch.claims import service as claims_service
from minewatch.claims.models import Claim
from minewatch.documents.models import Document
from minewatch.flows.ingest import Defaults, ingest_paths
from minewatch.store.session import transaction

GOOD = (
    "PUBLISHED: 2024-05-06\nPUBLISHER: Sample Wire\n\n"
    "The State Emergency Service said on Monday that its sappers found and destroyed "
    "48 anti-tank mines near the village of Testivka.\n"
)


def count(engine: Engine, model: type) -> int:
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_seed_ingested_twice_is_idempotent(engine: Engine, corpus_dir: Path) -> None:
    seed = corpus_dir / "seed"
    first = ingest_paths([seed], engine=engine)
    assert (first.new, first.present, first.failed) == (5, 0, 0)
    assert first.claims > 0
    docs, claims = count(engine, Document), count(engine, Claim)
    second = ingest_paths([seed], engine=engine)
    assert (second.new, second.present, second.failed) == (0, 5, 0)
    assert (count(engine, Document), count(engine, Claim)) == (docs, claims)


def test_bad_files_fail_alone_and_the_rest_ingests(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (tmp_path / "header.txt").write_text("PUBLISHED: 2024-02-30\n\nText.", encoding="utf-8")
    summary = ingest_paths([tmp_path], engine=engine)
    assert (summary.new, summary.failed) == (1, 4)
    reasons = {Path(f.path).name: f.reason for f in summary.failures}
    assert "empty document" in reasons["empty.txt"]
    assert "binary file" in reasons["binary.txt"]
    assert "not valid UTF-8" in reasons["latin.txt"]
    assert "line 1: PUBLISHED" in reasons["header.txt"]
    assert all(name in (reason or "") for name, reason in reasons.items())
    assert count(engine, Document) == 1


def test_database_failure_rolls_back_only_that_document(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(GOOD.replace("48", str(40 + n)), encoding="utf-8")
    real = claims_service.add_extracted

    def flaky(docs: list, **kw: object) -> int:  # type: ignore[type-arg]
        written = real(docs, **kw)  # type: ignore[arg-type]
        if any(f.get("quantity") == 41 for _, facts in docs for f in facts):
            raise IntegrityError("INSERT", {}, Exception("simulated constraint failure"))
        return written

    monkeypatch.setattr(claims_service, "add_extracted", flaky)
    summary = ingest_paths([tmp_path], engine=engine, batch_size=2)
    assert (summary.new, summary.failed) == (2, 1)
    assert "1.txt" in (summary.failures[0].reason or "")
    with transaction(engine) as session:
        texts = session.scalars(select(Document.text)).all()
        orphans = session.scalar(
            select(func.count(Claim.id)).where(Claim.document_id.not_in(select(Document.id)))
        )
    assert len(texts) == 2 and not any(" 41 " in t for t in texts)
    assert orphans == 0


def test_claims_point_into_the_stored_text(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    ingest_paths([tmp_path], engine=engine, defaults=Defaults(publisher="ignored"))
    with transaction(engine) as session:
        doc = session.scalars(select(Document)).one()
        rows = claims_service.claims_of_document(doc.id, session=session)
        assert doc.publisher == "Sample Wire"
        finds = [c for c in rows if c.kind == "device_find"]
        assert [c.fields["quantity"] for c in finds] == [48]
        start, end = finds[0].evidence["spans"]["quantity"]
        assert doc.text[start:end] == "48"
        assert doc.text[finds[0].start : finds[0].end].startswith("The State Emergency Service")


def test_defaults_fill_missing_metadata(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("Deminers found 7 mines on Monday.", encoding="utf-8")
    from datetime import date

    ingest_paths(
        [tmp_path],
        engine=engine,
        defaults=Defaults(published=date(2024, 1, 3), publisher="Field Office", source_url="u"),
    )
    with transaction(engine) as session:
        doc = session.scalars(select(Document)).one()
    assert (doc.published, doc.publisher, doc.source_url) == (date(2024, 1, 3), "Field Office", "u")
