"""Issue 5, done when: the seed statement and its four variants become one story and one
record per real-world fact, each listing every variant that states it, spelling variants
recorded; re-ingesting changes nothing; the variant stating 2,728 passes parts-vs-total."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from minewatch.audit.models import AuditEntry
from minewatch.claims import review_ops
from minewatch.flows import reconcile as flow
from minewatch.flows.ingest import ingest_paths
from minewatch.reconcile.service import sources_of
from minewatch.records import service as records
from minewatch.records import stories
from minewatch.records.models import Record, RecordClaim, Story, StoryDocument
from minewatch.review import service as review
from minewatch.store.session import transaction

KEY = {"device_find": ("quantity",), "casualties": ("killed", "injured"), "inspection": ("date",)}


def gold_facts(corpus: Path) -> dict[tuple[Any, ...], set[str]]:
    """(kind, key figures) of every seed gold fact -> the files stating it."""
    out: dict[tuple[Any, ...], set[str]] = {}
    for line in (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if not item["file"].startswith("seed/"):
            continue
        for f in item["facts"]:
            key = (f["kind"], *(f[k] for k in KEY[f["kind"]]))
            out.setdefault(key, set()).add(item["file"].removeprefix("seed/"))
    return out


def record_key(record: Record) -> tuple[Any, ...]:
    return (record.kind, *(record.fields.get(k) for k in KEY[record.kind]))


def snapshot(engine: Engine) -> dict[str, Any]:
    with transaction(engine) as session:
        counts = {
            m.__tablename__: session.scalar(select(func.count()).select_from(m))
            for m in (Record, RecordClaim, Story, StoryDocument, AuditEntry)
        }
        updated = sorted(session.scalars(select(Record.updated_at)))
    return {"counts": counts, "updated": updated}


@pytest.fixture
def reconciled(engine: Engine, corpus_dir: Path) -> Engine:
    """The seed ingested, reconciled, and every claim approved by a reviewer."""
    ingest_paths([corpus_dir / "seed"], engine=engine)
    flow.run(engine)
    with transaction(engine) as session:
        ids = [c.id for c in review_ops.queue(session=session, limit=10_000)]
        review.approve(ids, session=session, actor="reviewer")
    return engine


def test_one_story_for_the_statement_and_its_variants(reconciled: Engine) -> None:
    with transaction(reconciled) as session:
        (story,) = stories.list_stories(session=session)
        docs = stories.documents_of_stories([story.id], session=session)[story.id]
    assert len(docs) == story.documents == 5
    assert str(story.first_published) == "2022-11-24"
    assert str(story.last_published) == "2022-11-25"


def test_a_later_copy_joins_the_stored_story(engine: Engine, corpus_dir: Path) -> None:
    files = sorted((corpus_dir / "seed").glob("*.txt"))
    later = [f for f in files if "variant-b" in f.name]
    ingest_paths([f for f in files if f not in later], engine=engine)
    first = flow.run(engine)
    ingest_paths(later, engine=engine)
    second = flow.run(engine)
    assert (first.stories_created, second.stories_created, second.documents) == (1, 0, 1)
    with transaction(engine) as session:
        (story,) = stories.list_stories(session=session)
    assert (story.documents, str(story.first_published)) == (5, "2022-11-24")
    assert str(story.last_published) == "2022-11-25"


def test_one_record_per_fact_listing_every_variant(reconciled: Engine, corpus_dir: Path) -> None:
    expected = gold_facts(corpus_dir)
    with transaction(reconciled) as session:
        rows = records.list_records(session=session)
        srcs = sources_of([r.id for r in rows], session=session)
        got = {record_key(r): {s.filename for s in srcs[r.id] if s.role == "support"} for r in rows}
    assert len(rows) == len(got), "two records for one fact"
    assert got == expected


def test_spelling_variants_are_linked(reconciled: Engine) -> None:
    with transaction(reconciled) as session:
        rows = records.list_records(session=session)
    variants = {(v["field"], v["canonical"]): set(v["spellings"]) for r in rows for v in r.variants}
    assert variants[("place", "Saribaba")] == {"Saribaba", "Sarybaba"}
    assert variants[("participants", "Oleg Semenov")] == {"Oleg Semenov", "Oleg Semyonov"}
    assert variants[("participants", "Andrei Volkov")] == {"Andrei Volkov", "Andrey Volkov"}
    (visit,) = [r for r in rows if r.kind == "inspection" and r.fields["date"] == "2022-11-23"]
    assert visit.fields["participants"] == ["Andrei Volkov", "Fatih Akpinar", "Oleg Semenov"]


def test_stated_total_passes_parts_check(reconciled: Engine) -> None:
    with transaction(reconciled) as session:
        rows = records.list_records(session=session, flt=records.RecordFilter(kind="device_find"))
    by_quantity = {r.fields["quantity"]: r for r in rows}
    assert 2728 not in by_quantity, "a stated total is not a fact of its own"
    for part in (1119, 1609):
        checks = [c for c in by_quantity[part].checks if c["code"] == "parts_vs_total"]
        assert [c["ok"] for c in checks] == [True]
        assert checks[0]["message"] == "1,119 + 1,609 = 2,728 (stated total)"
    assert all(not r.warnings for r in rows)


def test_reingesting_and_rerunning_changes_nothing(reconciled: Engine, corpus_dir: Path) -> None:
    before = snapshot(reconciled)
    again = ingest_paths([corpus_dir / "seed"], engine=reconciled)
    assert (again.new, again.present) == (0, 5)
    summary = flow.run(reconciled)
    assert (summary.documents, summary.linked, summary.records_created) == (0, 0, 0)
    assert snapshot(reconciled) == before
