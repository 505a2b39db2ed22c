"""``/api/v1/claims``: filters, paging, one claim, the summary and the GeoJSON endpoint."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from minewatch.claims import queries as claim_queries
from minewatch.store.session import transaction
from tests.api.seed import FIXTURE_VERSION, Seeded


def all_claims(client: TestClient, **params: object) -> list[dict]:
    body = client.get("/api/v1/claims", params={"limit": 500, **params}).json()
    assert body["total"] == len(body["items"])
    return body["items"]


def test_list_has_every_stored_claim_in_a_stable_order(
    client: TestClient, engine: Engine, seeded: Seeded
) -> None:
    items = all_claims(client)
    with transaction(engine) as session:
        stored = {c.id for c in claim_queries.list_claims(session=session, limit=500)}
    assert {c["id"] for c in items} == stored
    keys = [(c["document_id"], c["ordinal"], c["id"]) for c in items]
    assert keys == sorted(keys)  # ordinals repeat across extractor versions: id breaks ties
    fixtures = [c["id"] for c in items if c["extractor_version"] == FIXTURE_VERSION]
    assert set(fixtures) == {
        seeded.find_claim,
        seeded.unlocated_claim,
        seeded.casualty_claim,
        seeded.release_claim,
    }


@pytest.mark.parametrize("kind", ["device_find", "casualties", "land_release"])
def test_kind_filter_returns_only_that_kind(client: TestClient, kind: str) -> None:
    everything = all_claims(client)
    items = all_claims(client, kind=kind)
    assert items and {c["kind"] for c in items} == {kind}
    assert len(items) == sum(c["kind"] == kind for c in everything)


def test_status_and_document_filters_combine(client: TestClient, seeded: Seeded) -> None:
    approved = all_claims(client, status="approved")
    assert [c["id"] for c in approved] == [seeded.find_claim]
    finds_doc = seeded.documents["finds.md"]
    pending_here = all_claims(client, status="pending", document_id=finds_doc)
    assert pending_here and {c["document_id"] for c in pending_here} == {finds_doc}
    assert seeded.find_claim not in {c["id"] for c in pending_here}
    assert seeded.unlocated_claim in {c["id"] for c in pending_here}
    assert all_claims(client, document_id=seeded.documents["football.txt"]) == []


def test_paging_reports_the_filtered_total(client: TestClient) -> None:
    total = len(all_claims(client))
    page = client.get("/api/v1/claims", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == total and len(page["items"]) == 2 and page["offset"] == 1
    assert [c["id"] for c in page["items"]] == [c["id"] for c in all_claims(client)[1:3]]


def test_unknown_filter_values_are_422s(client: TestClient) -> None:
    for params in ({"kind": "unicorn"}, {"status": "maybe"}, {"document_id": 0}):
        response = client.get("/api/v1/claims", params=params)
        body = response.json()
        assert response.status_code == 422 and body["code"] == "invalid_input", params
        assert body["status"] == 422 and body["message"]


def test_one_claim_with_evidence_and_attribution(client: TestClient, seeded: Seeded) -> None:
    claim = client.get(f"/api/v1/claims/{seeded.casualty_claim}").json()
    assert claim["kind"] == "casualties" and claim["status"] == "pending"
    assert claim["figure"] == "2 injured"  # killed is unstated: not shown as a zero
    assert claim["fields"]["injured"] == 2 and claim["fields"]["killed"] is None
    assert claim["evidence"]["text"].startswith("Two farmers were injured")
    missing = client.get("/api/v1/claims/987654")
    assert missing.status_code == 404
    assert missing.json() == {
        "code": "not_found",
        "status": 404,
        "message": "no claim with id 987654",
    }


def test_summary_counts_agree_with_the_list(client: TestClient) -> None:
    items = all_claims(client)
    summary = client.get("/api/v1/claims/summary").json()
    assert summary["total"] == len(items)
    for kind, n in summary["by_kind"].items():
        assert n == sum(c["kind"] == kind for c in items)
        assert sum(summary["by_kind_status"][kind].values()) == n
    assert summary["by_status"]["approved"] == 1
    assert summary["by_status"]["pending"] == len(items) - 1


def test_geojson_has_only_located_claims(client: TestClient, seeded: Seeded) -> None:
    response = client.get("/api/v1/claims.geojson")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert (body["numberMatched"], body["numberReturned"]) == (3, 3)
    by_id = {f["id"]: f for f in body["features"]}
    assert set(by_id) == {seeded.find_claim, seeded.casualty_claim, seeded.release_claim}
    find = by_id[seeded.find_claim]
    assert find["geometry"] == {"type": "Point", "coordinates": [30.1, 50.2]}
    assert find["properties"]["figure"] == "48 AT mine found and neutralised"
    assert find["properties"]["place"] == "near the village of Testivka"


@pytest.mark.parametrize(
    ("bbox", "expected"),
    [
        ("20,40,40,60", {"find"}),
        ("-180,-90,180,90", {"find", "casualty", "release"}),
        ("170,-30,-170,0", {"casualty", "release"}),  # crosses the antimeridian
        ("0,0,10,10", set()),
    ],
)
def test_geojson_bbox(client: TestClient, seeded: Seeded, bbox: str, expected: set[str]) -> None:
    names = {
        seeded.find_claim: "find",
        seeded.casualty_claim: "casualty",
        seeded.release_claim: "release",
    }
    body = client.get("/api/v1/claims.geojson", params={"bbox": bbox}).json()
    assert {names[f["id"]] for f in body["features"]} == expected
    assert body["numberMatched"] == len(expected)


def test_geojson_paging_and_bad_bbox(client: TestClient) -> None:
    page = client.get("/api/v1/claims.geojson", params={"limit": 1, "offset": 1}).json()
    assert (page["numberMatched"], page["numberReturned"]) == (3, 1)
    for bad in ("1,2,3", "a,b,c,d", "0,0,200,10", "0,10,10,0"):
        response = client.get("/api/v1/claims.geojson", params={"bbox": bad})
        assert response.status_code == 422, bad
        assert response.json()["message"].startswith("bbox: ")
