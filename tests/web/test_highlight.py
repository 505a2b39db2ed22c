"""Highlighting is pure: flat segments, exact offsets, escaping, overlaps and bad spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from minewatch.web.highlight import Mark, SentenceRange, highlighted_html, render, span_pairs


class MarkText(HTMLParser):
    """Collects the text under each ``claim:field`` tag and the text outside any mark."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.by_tag: dict[str, str] = {}
        self.titles: list[str] = []
        self.plain = ""
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark":
            a = dict(attrs)
            self._open = (a.get("data-marks") or "").split()
            self.titles.append(a.get("title") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._open = None

    def handle_data(self, data: str) -> None:
        self.plain += data
        for t in self._open or []:
            self.by_tag[t] = self.by_tag.get(t, "") + data


def parse(html: str) -> MarkText:
    parser = MarkText()
    parser.feed(html)
    return parser


@dataclass
class FakeClaim:
    id: int
    kind: str
    fields: dict[str, Any]
    evidence: dict[str, Any] = field(default_factory=dict)


TEXT = "Sappers found 48 anti-tank mines near Testivka. Two <farmers> were hurt."


def at(needle: str) -> list[int]:
    start = TEXT.index(needle)
    return [start, start + len(needle)]


def test_overlapping_spans_keep_exact_offsets() -> None:
    claims = [
        FakeClaim(1, "device_find", {"quantity": 48}, {"spans": {"quantity": at("48 anti-tank")}}),
        FakeClaim(2, "device_find", {"model": None}, {"spans": {"model": at("anti-tank mines")}}),
    ]
    html = highlighted_html(TEXT, claims)
    found = parse(html)
    assert found.plain == TEXT  # the whole text survives, once, in order
    assert found.by_tag == {"1:quantity": "48 anti-tank", "2:model": "anti-tank mines"}
    assert html.count("<mark") == 3  # "48 ", "anti-tank" (both claims), " mines"
    assert 'data-claims="1 2"' in html


def test_text_is_escaped_and_titles_name_kind_and_figure() -> None:
    claims = [
        FakeClaim(
            7,
            "casualties",
            {"injured": 2, "killed": None},
            {"start": at("Two")[0], "end": len(TEXT), "spans": {"injured": at("Two")}},
        )
    ]
    html = highlighted_html(TEXT, claims)
    assert "&lt;farmers&gt;" in html and "<farmers>" not in html
    assert 'data-sentence-of="7"' in html
    found = parse(html)
    assert found.titles == ["Casualties #7: 2 injured (injured = 2)"]


def test_out_of_range_and_malformed_spans_are_dropped() -> None:
    claims = [
        FakeClaim(
            3,
            "device_find",
            {},
            {"spans": {"quantity": [5, 500], "place": "oops", "model": [True, 4], "x": [9, 9]}},
        )
    ]
    html = highlighted_html(TEXT, claims)
    assert "<mark" not in html and parse(html).plain == TEXT


def test_span_lists_and_sentences() -> None:
    assert span_pairs([[1, 2], [4, 6]]) == [(1, 2), (4, 6)]
    assert span_pairs([[[1, 2]], [3, 4]]) == [(1, 2), (3, 4)]
    assert span_pairs(None) == []
    marks = [Mark(0, 7, 1, "inspection", "participants", "t")]
    html = render("Sappers found", marks, [SentenceRange(0, 13, 1)])
    assert html == (
        '<mark class="hl k-inspection" data-claims="1" data-marks="1:participants" '
        'data-sentence-of="1" title="t">Sappers</mark>'
        '<span class="ev" data-sentence-of="1"> found</span>'
    )
