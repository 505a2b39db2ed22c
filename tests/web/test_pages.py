"""Server-rendered pages: content, highlights at the right text, filters and HTML errors."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from tests.api.seed import FINDS_TITLE, SAMPLES, Seeded
from tests.web.test_highlight import parse

HTML = {"accept": "text/html"}


def get_html(client: TestClient, url: str, status: int = 200) -> str:
    response = client.get(url, headers=HTML)
    assert response.status_code == status, (url, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


class Rows(HTMLParser):
    """Kind badges of a table body (one per claim row)."""

    def __init__(self) -> None:
        super().__init__()
        self.kinds: list[str] = []
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = dict(attrs).get("class") or ""
        if tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "span" and cls.startswith("badge k-"):
            self.kinds.append(cls.removeprefix("badge k-"))


@pytest.mark.parametrize("path", ["/", "/documents", "/claims", "/map", "/api"])
def test_every_page_renders(client: TestClient, path: str) -> None:
    html = get_html(client, path)
    assert html.startswith("<!doctype html>") and "</html>" in html
    assert 'aria-current="page"' in html or path == "/"


def test_dashboard_counts_chart_data_and_latest(client: TestClient) -> None:
    html = get_html(client, "/")
    summary = client.get("/api/v1/claims/summary").json()
    assert f'id="stat-documents">{len(SAMPLES)}<' in html
    assert f'id="stat-claims">{summary["total"]}<' in html
    raw = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', html, re.S)
    assert raw is not None
    chart = json.loads(raw.group(1))
    assert chart["counts"] == summary["by_kind_status"]
    assert set(chart["kinds"]) == set(summary["by_kind"])
    assert FINDS_TITLE in html  # latest documents list


def test_document_page_highlights_each_value_at_its_span(
    client: TestClient, seeded: Seeded
) -> None:
    doc_id = seeded.documents["finds.md"]
    doc = client.get(f"/api/v1/documents/{doc_id}").json()
    html = get_html(client, f"/documents/{doc_id}")
    body = html.split('id="doctext">', 1)[1].split("</div>", 1)[0]
    found = parse(body)
    assert found.plain == doc["text"]
    checked = 0
    for claim in doc["claims"]:
        for name, value in claim["evidence"]["spans"].items():
            pairs = value if value and isinstance(value[0], list) else [value]
            if len(pairs) == 1:
                start, end = pairs[0]
                assert found.by_tag[f"{claim['id']}:{name}"] == doc["text"][start:end]
                checked += 1
    assert checked >= 3
    assert found.by_tag[f"{seeded.find_claim}:quantity"] == "48"
    lines = [line for title in found.titles for line in title.splitlines()]
    expected = f"Device find #{seeded.find_claim}: 48 AT mine found and neutralised (quantity = 48)"
    assert expected in lines
    for claim in doc["claims"]:
        assert f'id="claim-{claim["id"]}"' in html and claim["figure"] in html


def test_document_text_is_escaped(client: TestClient, seeded: Seeded) -> None:
    html = get_html(client, f"/documents/{seeded.documents['casualty.txt']}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_claims_page_filters(client: TestClient, seeded: Seeded) -> None:
    rows = Rows()
    rows.feed(get_html(client, "/claims?kind=casualties"))
    api = client.get("/api/v1/claims", params={"kind": "casualties"}).json()
    assert rows.kinds == ["casualties"] * api["total"] and api["total"] >= 1
    approved = get_html(client, "/claims?status=approved")
    assert approved.count("<tr>") == 2  # header + the one approved claim
    assert f'#claim-{seeded.find_claim}"' in approved
    everything = Rows()
    everything.feed(get_html(client, "/claims?kind=&status="))  # empty selects mean "any"
    assert len(everything.kinds) == client.get("/api/v1/claims").json()["total"]


def test_claims_page_pages(client: TestClient) -> None:
    total = client.get("/api/v1/claims").json()["total"]
    first = get_html(client, "/claims?limit=2")
    assert 'rel="next" href="/claims?limit=2&amp;offset=2"' in first and 'rel="prev"' not in first
    last = get_html(client, f"/claims?limit=2&offset={total - 1}")
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_errors_render_as_html_pages(client: TestClient) -> None:
    missing = get_html(client, "/documents/999999", status=404)
    assert "no document with id 999999" in missing and "Not found" in missing
    invalid = get_html(client, "/claims?kind=unicorn", status=422)
    assert "kind: unknown value" in invalid
    api = client.get("/api/v1/documents/999999", headers=HTML)
    assert api.headers["content-type"] == "application/json"  # the API never answers HTML


def test_api_reference_lists_operations(client: TestClient) -> None:
    html = get_html(client, "/api")
    for path in ("/api/v1/documents", "/api/v1/claims.geojson", "/api/v1/claims/summary"):
        assert f"<code>{path}</code>" in html
    assert "List claims with filters" in html


def test_map_page_points_at_the_geojson_endpoint(client: TestClient) -> None:
    html = get_html(client, "/map")
    claims_url = re.search(r'data-claims="([^"]+)"', html)
    outlines = re.search(r'data-outlines="([^"]+)"', html)
    assert claims_url and outlines
    geo = client.get(claims_url.group(1).replace("&amp;", "&"))
    assert geo.headers["content-type"] == "application/geo+json"
    countries = client.get(outlines.group(1)).json()
    assert countries["type"] == "FeatureCollection" and len(countries["features"]) > 150
    assert "No located claims yet." in html


def test_dashboard_shows_figures_from_the_stats_library(client: TestClient) -> None:
    html = client.get("/").text
    assert 'id="figures"' in html
    assert "Figures from approved records" in html
    assert "reported totals (never added to the sums)" in html
