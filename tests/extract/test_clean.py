"""Scraping leftovers undone before the rules run, with every offset mapped back."""

from __future__ import annotations

import datetime as dt

import pytest

from minewatch.extract import extract
from minewatch.extract.clean import clean

PUBLISHED = dt.date(2024, 6, 3)


def test_clean_text_is_returned_as_it_is() -> None:
    text = "Sappers found 12 mines.\n\nThey destroyed them on Monday."
    cleaned = clean(text)
    assert (cleaned.text, cleaned.origin) == (text, None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1&nbsp;204 mines &amp; shells", "1 204 mines & shells"),
        ("<p>Two mines.</p><p>Three shells.</p>", "\nTwo mines.\n\nThree shells.\n"),
        ("<b>Twelve</b> mines", "Twelve mines"),
        ("> Sappers found\n> 12 mines.", "Sappers found 12 mines."),
        ("teams cleared the\nKupiansk district", "teams cleared the Kupiansk district"),
        ("found and destroyed\n214 mines", "found and destroyed 214 mines"),
        ("Demi-\nning teams", "Demining teams"),
        ("anti-\npersonnel mines", "anti-personnel mines"),
    ],
)
def test_markup_quotes_wraps_and_hyphens(raw: str, expected: str) -> None:
    assert clean(raw).text == expected


@pytest.mark.parametrize(
    "raw",
    [
        "Mines found: 12\n- anti-tank mines: 3\n- UXO: 40",
        "Region     Objects     Area\nKharkiv    148         12.4",
        "Two mines were found.\nThe team destroyed them.",
        "Headline without a full stop\nThe body starts here.",
    ],
)
def test_lists_tables_and_finished_lines_stay_apart(raw: str) -> None:
    assert clean(raw).text == raw


def test_every_offset_maps_back_into_the_document_as_stored() -> None:
    text = (
        "<p>Sappers of the State Emergency Service found and destroyed 1&nbsp;204 "
        "anti-personnel mines near the village of\nKupiansk on Monday, the service said.</p>"
    )
    (fact,) = extract(text, published=PUBLISHED).facts
    spans = fact["evidence"]["spans"]
    assert text[slice(*spans["quantity"])] == "1&nbsp;204"
    assert text[slice(*fact["place_span"])] == "near the village of\nKupiansk"
    assert text[slice(*fact["authority_span"])] == "the service"
    start, end = fact["evidence"]["start"], fact["evidence"]["end"]
    assert text[start:end].startswith("Sappers") and text[start:end].endswith("said.")
    assert (fact["quantity"], fact["place"]) == (1204, "near the village of Kupiansk")


def test_a_hard_wrapped_report_reads_like_prose() -> None:
    text = (
        "KURSK, June 3. Specialists of the regional emergencies ministry have\n"
        "detected and destroyed more than 4,300 explosive objects in the region\n"
        "since the beginning of the year, including 1,126 anti-personnel mines of\n"
        "the PFM-1 type, the press service reported on Monday."
    )
    facts = extract(text, published=PUBLISHED).facts
    assert [(f["quantity"], f["model"]) for f in facts] == [(4300, None), (1126, "PFM-1")]
