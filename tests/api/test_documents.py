"""``/api/v1/documents``: listing, paging, one document with its text and claims, errors."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.seed import FINDS_TITLE, SAMPLES, SOURCE_URL, Seeded

ERROR_KEYS = {"code", "status", "message"}


def test_list_is_newest_first_with_claim_counts_and_no_text(
    client: TestClient, seeded: Seeded
) -> None:
    body = client.get("/api/v1/documents").json()
    assert body["total"] == len(SAMPLES) and (body["limit"], body["offset"]) == (50, 0)
    dates = [d["published"] for d in body["items"]]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2025-03-04"
    for item in body["items"]:
        assert "text" not in item
        claims = client.get("/api/v1/claims", params={"document_id": item["id"]}).json()
        assert item["claim_count"] == claims["total"]
    finds = next(d for d in body["items"] if d["id"] == seeded.documents["finds.md"])
    assert finds["title"] == FINDS_TITLE
    assert finds["source_url"] == SOURCE_URL and finds["publisher"] == "Test Mine Action Wire"


def test_paging_splits_the_list_without_overlap(client: TestClient) -> None:
    first = client.get("/api/v1/documents", params={"limit": 2}).json()
    second = client.get("/api/v1/documents", params={"limit": 2, "offset": 2}).json()
    beyond = client.get("/api/v1/documents", params={"limit": 2, "offset": 4}).json()
    ids = [d["id"] for d in first["items"]] + [d["id"] for d in second["items"]]
    assert len(ids) == len(set(ids)) == len(SAMPLES)
    assert beyond["items"] == [] and beyond["total"] == len(SAMPLES)


def test_one_document_by_id_and_by_hash_prefix(client: TestClient, seeded: Seeded) -> None:
    doc_id = seeded.documents["finds.md"]
    by_id = client.get(f"/api/v1/documents/{doc_id}").json()
    by_hash = client.get(f"/api/v1/documents/{by_id['sha256'][:10]}").json()
    assert by_id == by_hash
    text = by_id["text"]
    assert text.startswith(f"# {FINDS_TITLE}\n\nThe State Emergency Service said on Monday")
    assert by_id["chars"] == len(text) and by_id["claim_count"] == len(by_id["claims"])
    fixture = next(c for c in by_id["claims"] if c["id"] == seeded.find_claim)
    start, end = fixture["evidence"]["spans"]["quantity"]
    assert text[start:end] == "48"
    assert fixture["figure"] == "48 AT mine found and neutralised"
    assert any(c["extractor_version"] != "fixture-1" for c in by_id["claims"])  # extractor's own


def test_claims_of_a_document_have_spans_inside_its_text(
    client: TestClient, seeded: Seeded
) -> None:
    for doc_id in seeded.documents.values():
        doc = client.get(f"/api/v1/documents/{doc_id}").json()
        for claim in doc["claims"]:
            assert claim["document_id"] == doc_id
            for value in claim["evidence"]["spans"].values():
                pairs = value if value and isinstance(value[0], list) else [value]
                for start, end in pairs:
                    assert 0 <= start < end <= len(doc["text"])


def test_missing_document_is_a_404_json_error(client: TestClient) -> None:
    response = client.get("/api/v1/documents/999999")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "code": "not_found",
        "status": 404,
        "message": "no document with id 999999",
    }


def test_short_hash_prefix_is_a_422_library_error(client: TestClient) -> None:
    response = client.get("/api/v1/documents/abc")
    assert response.status_code == 422
    body = response.json()
    assert (
        set(body) == ERROR_KEYS and body["code"] == "invalid_input" and "6 hex" in body["message"]
    )


def test_invalid_paging_is_a_422_in_the_same_shape(client: TestClient) -> None:
    for params, field in (({"limit": 0}, "limit"), ({"offset": "x"}, "offset")):
        response = client.get("/api/v1/documents", params=params)
        assert response.status_code == 422
        body = response.json()
        assert set(body) >= ERROR_KEYS and (body["code"], body["status"]) == ("invalid_input", 422)
        assert body["message"].startswith(f"{field}: ")
        assert body["errors"][0]["loc"] == ["query", field]
    too_many = client.get("/api/v1/documents", params={"limit": 501})
    assert too_many.status_code == 422
