"""The app factory: health, OpenAPI, the error shape everywhere, and the request transaction."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from minewatch.api.app import create_app
from minewatch.api.deps import SessionDep
from minewatch.authorities import service as authorities
from minewatch.config import get_settings
from minewatch.errors import NotFoundError
from minewatch.store.session import transaction

API_PATHS = {
    "/api/v1/health",
    "/api/v1/documents",
    "/api/v1/documents/{ref}",
    "/api/v1/claims",
    "/api/v1/claims/summary",
    "/api/v1/claims/{claim_id}",
    "/api/v1/claims.geojson",
}


def test_health_names_the_database(client: TestClient, engine: Engine) -> None:
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok" and body["database"] == engine.dialect.name


def test_health_is_503_when_the_schema_is_missing(tmp_path: Path) -> None:
    settings = get_settings(database_url=f"sqlite:///{tmp_path / 'empty.db'}")
    with TestClient(create_app(settings)) as client:
        response = client.get("/api/v1/health")
    assert response.status_code == 503
    body = response.json()
    assert body["code"] == "database" and "minewatch init" in body["message"]


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert set(spec["paths"]) >= API_PATHS
    assert not any(p.startswith(("/documents", "/claims", "/map")) for p in spec["paths"])
    for path in API_PATHS:
        operation = spec["paths"][path]["get"]
        assert operation["summary"], path
        assert "200" in operation["responses"], path
    error_ref = spec["paths"]["/api/v1/claims/{claim_id}"]["get"]["responses"]["404"]
    assert error_ref["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
    invalid = spec["paths"]["/api/v1/claims"]["get"]["responses"]["422"]
    assert invalid["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
    params = {p["name"] for p in spec["paths"]["/api/v1/claims.geojson"]["get"]["parameters"]}
    assert {"bbox", "limit", "offset"} <= params


def test_unknown_route_and_method_use_the_error_shape(client: TestClient) -> None:
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json() == {"code": "not_found", "status": 404, "message": "Not Found"}
    wrong = client.post("/api/v1/documents")
    assert wrong.status_code == 405
    assert wrong.json()["code"] == "http_error" and wrong.headers["allow"] == "GET"


def test_request_session_commits_on_success_and_rolls_back_on_error(engine: Engine) -> None:
    app = create_app(engine=engine)

    @app.post("/test/write")
    def write(session: SessionDep, fail: bool = False) -> dict[str, int]:
        new_id = authorities.get_or_create(f"Test Authority {fail}", session=session)
        if fail:
            raise NotFoundError("simulated failure after a write")
        return {"id": new_id}

    with TestClient(app) as client:
        ok = client.post("/test/write")
        failed = client.post("/test/write", params={"fail": True})
    assert ok.status_code == 200 and failed.status_code == 404
    assert failed.json()["message"] == "simulated failure after a write"
    with transaction(engine) as session:
        names = {a.name for a in authorities.list_authorities(session=session)}
    assert "Test Authority False" in names
    assert "Test Authority True" not in names


def test_unexpected_errors_become_a_safe_500(engine: Engine) -> None:
    app = create_app(engine=engine)

    @app.get("/api/v1/test-crash")
    def crash() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/v1/test-crash")
    assert response.status_code == 500
    assert response.json()["code"] == "internal"
    assert "secret" not in response.text
