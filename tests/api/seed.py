"""Invented sample documents for the API and web tests, ingested through the real flow.

The extractor's own claims are kept (the UI must show whatever it produced), and a few
hand-made "fixture" claims with exactly known spans, statuses and coordinates are added on
top, so tests can assert precise values without depending on extraction quality.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from minewatch.claims import service as claims_service
from minewatch.claims.models import Claim
from minewatch.documents import service as documents_service
from minewatch.flows.ingest import ingest_paths
from minewatch.store.session import transaction

FIXTURE_VERSION = "fixture-1"
SOURCE_URL = "https://news.example.org/testivka"
FINDS_TITLE = "Sappers clear anti-tank mines near Testivka"
TEXT_URL = "https://news.example.org/testivka-details"

SAMPLES = {
    "finds.md": (
        "PUBLISHED: 2025-03-04\nPUBLISHER: Test Mine Action Wire\n"
        f"URL: {SOURCE_URL}\n\n"
        f"# {FINDS_TITLE}\n\n"
        "The State Emergency Service said on Monday that its sappers found and destroyed "
        "48 anti-tank mines near the village of Testivka.\n\n"
        f"Photographs of the work were posted at {TEXT_URL} by the service.\n"
    ),
    "casualty.txt": (
        "PUBLISHED: 2025-02-10\nPUBLISHER: Test Daily\n\n"
        "Two farmers were injured on Sunday when their tractor struck an anti-tank mine in "
        "Banteay Meanchey province, the Cambodian Mine Action Centre said.\n\n"
        "A reader wrote <script>alert(1)</script> in the comments, which must be shown as text.\n"
    ),
    "release.txt": (
        "PUBLISHED: 2025-01-15\nPUBLISHER: Test Regional News\n\n"
        "ANAMA said that 1,250 hectares of land were cleared of mines and unexploded ordnance "
        "in the Aghdam district in December.\n"
    ),
    "football.txt": (
        "PUBLISHED: 2024-12-01\nPUBLISHER: Test Sports\n\n"
        "The striker has been a goal mine for the club this season, scoring 14 times in 20 games.\n"
    ),
}


@dataclass(frozen=True, slots=True)
class Seeded:
    """Ids and facts the tests assert against."""

    documents: dict[str, int]
    find_claim: int  # approved device find on finds.md, located at (30.1, 50.2)
    casualty_claim: int  # pending casualties on casualty.txt, located at (-179.5, -16.8)
    release_claim: int  # pending land release on release.txt, located at (179.5, -17.0)
    unlocated_claim: int  # pending device find on finds.md without coordinates


def _span(text: str, needle: str) -> list[int]:
    start = text.index(needle)
    return [start, start + len(needle)]


def _sentence(text: str, needle: str) -> dict[str, object]:
    start = text.index(needle)
    end = text.index(".", start) + 1
    return {"sentence_index": 0, "start": start, "end": end, "text": text[start:end]}


def seed(engine: Engine, folder: Path) -> Seeded:
    """Write the samples, ingest them with the real flow, then add the fixture claims."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in SAMPLES.items():
        (folder / name).write_text(body, encoding="utf-8")
    summary = ingest_paths([folder], engine=engine)
    assert (summary.new, summary.failed) == (len(SAMPLES), 0), summary.failures
    with transaction(engine) as session:
        ids = {
            Path(d.filename or "").name: d.id
            for d in documents_service.list_documents(session=session, limit=100)
        }
        texts = {
            name: documents_service.get_document(str(i), session=session).text
            for name, i in ids.items()
        }
        finds, casualty, release = texts["finds.md"], texts["casualty.txt"], texts["release.txt"]
        facts_finds = [
            {
                "kind": "device_find",
                "quantity": 48,
                "device_category": "AT mine",
                "action": "found_and_neutralized",
                "place": "near the village of Testivka",
                "lon": 30.1,
                "lat": 50.2,
                "authority": "State Emergency Service of Ukraine",
                "evidence": {
                    **_sentence(finds, "The State Emergency"),
                    "spans": {
                        "quantity": _span(finds, "48"),
                        "place": _span(finds, "near the village of Testivka"),
                    },
                },
            },
            {
                "kind": "device_find",
                "quantity": 48,
                "place": None,
                "evidence": {
                    **_sentence(finds, "The State Emergency"),
                    "spans": {"quantity": _span(finds, "48 anti-tank mines")},
                },
            },
        ]
        facts_casualty = [
            {
                "kind": "casualties",
                "killed": None,
                "injured": 2,
                "place": "Banteay Meanchey province",
                "lon": -179.5,
                "lat": -16.8,
                "evidence": {
                    **_sentence(casualty, "Two farmers"),
                    "spans": {
                        "injured": _span(casualty, "Two"),
                        "place": [_span(casualty, "Banteay Meanchey province")],
                    },
                },
            }
        ]
        facts_release = [
            {
                "kind": "land_release",
                "area_m2": 12_500_000,
                "method": "clearance",
                "place": "Aghdam district",
                "lon": 179.5,
                "lat": -17.0,
                "evidence": {
                    **_sentence(release, "ANAMA"),
                    "spans": {"area_m2": _span(release, "1,250 hectares")},
                },
            }
        ]
        added = {}
        for name, facts in (
            ("finds.md", facts_finds),
            ("casualty.txt", facts_casualty),
            ("release.txt", facts_release),
        ):
            claims_service.add_extracted(
                [(ids[name], facts)], extractor_version=FIXTURE_VERSION, session=session
            )
            added[name] = [
                c
                for c in claims_service.claims_of_document(ids[name], session=session)
                if c.extractor_version == FIXTURE_VERSION
            ]
        approved = session.get(Claim, added["finds.md"][0].id)
        assert approved is not None
        approved.status = "approved"
        return Seeded(
            documents=ids,
            find_claim=added["finds.md"][0].id,
            casualty_claim=added["casualty.txt"][0].id,
            release_claim=added["release.txt"][0].id,
            unlocated_claim=added["finds.md"][1].id,
        )
