"""Every page works with no internet: no external URL in any served HTML, CSS or JS.

URLs that are data (a document's text and its source URL) are allowed where they are shown;
XML namespace identifiers are names, never fetched. Every local asset a page references must
exist, so a page cannot silently fall back to a missing file either.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from fastapi.testclient import TestClient

from minewatch.web.templating import STATIC_DIR, TEMPLATES_DIR
from tests.api.seed import Seeded

EXTERNAL = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)
NAMESPACES = ("http://www.w3.org/2000/svg",)
# Strings in the vendored Leaflet build that are never fetched: the attribution prefix link
# (map.js removes it) and two bug-tracker URLs in CSS comments. Anything else vendored fails.
VENDOR_ALLOWED = {
    "vendor/leaflet/leaflet.js": ("https://leafletjs.com",),
    "vendor/leaflet/leaflet.css": (
        "https://bugs.chromium.org/p/chromium/issues/detail?id=600120",
        "https://bugzilla.mozilla.org/show_bug.cgi?id=888319",
    ),
}


class Refs(HTMLParser):
    """Every URL a page refers to through src, href or a data-* URL attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name in {"src", "href", "action"} or value.startswith("/")):
                self.urls.append(value)


def strip_allowed(body: str, allowed: tuple[str, ...]) -> str:
    for item in sorted(allowed, key=len, reverse=True):
        body = body.replace(item, "")
    return body


def pages(client: TestClient, seeded: Seeded) -> list[str]:
    docs = [f"/documents/{i}" for i in seeded.documents.values()]
    return ["/", "/documents", "/claims", "/claims?kind=casualties", "/map", "/api", *docs]


def test_no_page_or_asset_refers_to_the_internet(client: TestClient, seeded: Seeded) -> None:
    data: list[str] = []
    for doc_id in seeded.documents.values():
        doc = client.get(f"/api/v1/documents/{doc_id}").json()
        data += [doc["text"], *(u for u in [doc["source_url"]] if u)]
    assets: set[str] = set()
    for page in [*pages(client, seeded), "/documents/999999"]:
        response = client.get(page, headers={"accept": "text/html"})
        assert response.headers["content-type"].startswith("text/html"), page
        html = strip_allowed(response.text, (*data, *NAMESPACES))
        assert not EXTERNAL.search(html), (page, EXTERNAL.findall(html))
        refs = Refs()
        refs.feed(response.text)
        for url in refs.urls:
            if url.startswith("/static/"):
                assets.add(urlsplit(url).path)
    assert {"/static/css/minewatch.css", "/static/js/map.js", "/static/js/chart.js"} <= assets
    assert "/static/vendor/leaflet/leaflet.js" in assets
    seen: set[str] = set()
    while assets:
        path = assets.pop()
        seen.add(path)
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.text
        if path.endswith(".css"):
            for ref in re.findall(r"url\(['\"]?([^'\")]+)", text):
                if not ref.startswith("data:"):
                    local = urlsplit(urljoin(path, ref)).path
                    if local not in seen:
                        assets.add(local)
        if path.endswith((".css", ".js", ".svg")):
            rel = path.removeprefix("/static/")
            clean = strip_allowed(text, (*NAMESPACES, *VENDOR_ALLOWED.get(rel, ())))
            assert not EXTERNAL.search(clean), (path, EXTERNAL.findall(clean))
    assert "/static/vendor/leaflet/images/layers.png" in seen  # found through leaflet.css


def test_every_template_and_static_file_is_free_of_external_urls() -> None:
    """The same check on disk, so files no page links yet are covered too."""
    files = [*sorted(STATIC_DIR.rglob("*")), *sorted(TEMPLATES_DIR.rglob("*.html"))]
    assert len(files) > 10
    for file in files:
        if file.suffix not in {".css", ".js", ".svg", ".html"}:
            continue
        base = STATIC_DIR if file.is_relative_to(STATIC_DIR) else TEMPLATES_DIR
        rel = file.relative_to(base).as_posix()
        clean = strip_allowed(file.read_text("utf-8"), (*NAMESPACES, *VENDOR_ALLOWED.get(rel, ())))
        assert not EXTERNAL.search(clean), (rel, EXTERNAL.findall(clean))


def test_vendored_files_stay_small() -> None:
    vendor = STATIC_DIR / "vendor"
    total = sum(f.stat().st_size for f in vendor.rglob("*") if f.is_file())
    assert total < 2 * 1024 * 1024, f"vendored static files are {total} bytes"
    assert not any(p.name == "node_modules" for p in Path(vendor).rglob("*"))
