"""A real browser (Debian Chromium via Playwright) against a live uvicorn server.

Checks what only a browser shows: the SVG chart drawn by our JS, highlights and their hover
link to the claim list, Leaflet drawing the offline country outlines, record areas and claim
markers, no console errors, and no request leaving the loopback interface.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import expect

from minewatch.api.app import create_app
from minewatch.store.engine import make_engine
from minewatch.store.migrate import upgrade
from tests.api.seed import Seeded, seed
from tests.conftest import need

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 15_000


class _Server(uvicorn.Server):
    """uvicorn that signals an event once it accepts connections."""

    def __init__(self, config: uvicorn.Config, ready: threading.Event) -> None:
        super().__init__(config)
        self.ready = ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        self.ready.set()


@dataclass
class Live:
    base: str
    seeded: Seeded


@dataclass
class Watch:
    """Console errors, page errors and requests to anything but the server."""

    base: str
    errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(self.base):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The seeded SQLite database served by uvicorn on a free loopback port, in a thread."""
    need(CHROMIUM.exists(), f"Chromium not installed at {CHROMIUM} (apt-get install chromium)")
    folder = tmp_path_factory.mktemp("browser")
    engine = make_engine(f"sqlite:///{folder / 'minewatch.db'}")
    upgrade(engine)
    seeded = seed(engine, folder / "samples")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    ready = threading.Event()
    config = uvicorn.Config(create_app(engine=engine), log_level="warning", lifespan="on")
    server = _Server(config, ready)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        assert ready.wait(timeout=20), "uvicorn did not start"
        assert server.started
        yield Live(f"http://127.0.0.1:{port}", seeded)
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()
        engine.dispose()
    assert not thread.is_alive(), "uvicorn did not stop"


@pytest.fixture(scope="module")
def browser(live: Live) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any, live: Live) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    watch = Watch(live.base)
    watch.attach(tab)
    try:
        yield tab, watch
    finally:
        context.close()
    assert watch.external == [], f"requests left the machine: {watch.external}"
    assert watch.errors == [], f"console errors: {watch.errors}"


def test_dashboard_draws_the_chart(page: tuple[Any, Watch], live: Live) -> None:
    tab, _ = page
    tab.goto(live.base + "/")
    chart = tab.locator("#chart svg")
    chart.wait_for(state="visible")
    assert tab.locator("#chart svg rect.seg").count() >= 3  # device finds, casualties, release
    labels = tab.locator("#chart svg text.bar-label").all_text_contents()
    assert {"Device finds", "Casualties", "Land release"} <= set(labels)
    approved = tab.locator('#chart svg rect.seg[data-status="approved"]')
    assert approved.count() == 1 and float(approved.get_attribute("width") or 0) > 0
    assert tab.locator("#stat-documents").inner_text() == "4"


def test_document_page_highlights_and_links_claims(page: tuple[Any, Watch], live: Live) -> None:
    tab, _ = page
    claim = live.seeded.find_claim
    tab.goto(f"{live.base}/documents/{live.seeded.documents['finds.md']}")
    mark = tab.locator(f'#doctext mark[data-marks~="{claim}:quantity"]')
    mark.wait_for(state="visible")
    assert mark.inner_text() == "48"
    assert f"Device find #{claim}: 48 AT mine" in (mark.get_attribute("title") or "")
    place = tab.locator(f'#doctext mark[data-marks~="{claim}:place"]')
    assert place.inner_text() == "near the village of Testivka"
    colour = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert colour not in {"rgba(0, 0, 0, 0)", "transparent"}
    card = tab.locator(f"#claim-{claim}")
    card.hover()
    expect(mark).to_have_class(re.compile(r"\blit\b"))
    mark.hover()
    expect(card).to_have_class(re.compile(r"\blit\b"))
    expect(mark).not_to_have_class(re.compile(r"\blit\b"))


def test_map_draws_outlines_and_markers(page: tuple[Any, Watch], live: Live) -> None:
    tab, _ = page
    tab.goto(live.base + "/map")
    tab.locator(".leaflet-container").wait_for(state="visible")
    tab.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 150")
    box = tab.locator("#map").bounding_box()
    assert box and box["width"] > 600 and box["height"] > 400
    tab.locator("#map-count").wait_for(state="visible")
    assert tab.locator("#map-count").inner_text().startswith("3 of 3 located claims")
    assert tab.locator("#map-notice").is_hidden()
    assert "leafletjs.com" not in tab.locator(".leaflet-control-attribution").inner_html()


def test_map_says_when_no_claim_is_located(page: tuple[Any, Watch], live: Live) -> None:
    tab, _ = page
    empty = '{"type":"FeatureCollection","features":[],"numberMatched":0,"numberReturned":0}'
    tab.route(
        "**/api/v1/claims.geojson*",
        lambda route: route.fulfill(body=empty, content_type="application/geo+json"),
    )
    tab.goto(live.base + "/map")
    notice = tab.locator("#map-notice")
    notice.wait_for(state="visible")
    assert "No located claims yet." in notice.inner_text()
    tab.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 150")


def test_map_draws_record_areas(page: tuple[Any, Watch], live: Live) -> None:
    tab, _ = page
    area = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": 7,
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[60, 20], [80, 20], [80, 40], [60, 40], [60, 20]]],
                },
                "properties": {
                    "place_id": 7,
                    "name": "Testabad district",
                    "kind": "admin2",
                    "records": 2,
                    "pending": 1,
                    "records_by_kind": {"device_find": 2},
                },
            }
        ],
    }
    tab.route(
        "**/api/v1/areas.geojson*",
        lambda route: route.fulfill(body=json.dumps(area), content_type="application/geo+json"),
    )
    tab.goto(live.base + "/map")
    drawn = tab.locator(".leaflet-overlay-pane path.map-area")
    drawn.wait_for(state="attached")
    assert drawn.count() == 1
    tab.locator("#map-count").wait_for(state="visible")
    assert tab.locator("#map-count").inner_text() == (
        "3 of 3 located claims shown; 1 area of area-level records"
    )
    drawn.hover(force=True)
    tip = tab.locator(".leaflet-tooltip", has_text="Testabad district (area)")
    tip.wait_for(state="visible")
    assert "2 records (2 device find), 1 pending fact located to the whole area" in tip.inner_text()
