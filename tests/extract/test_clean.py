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


def test_page_furniture_is_not_read() -> None:
    text = (
        "Home » News » Mine action\n"
        "Share on Facebook   Share on X   Print\n\n"
        "Sappers destroyed 41 anti-tank mines near the village on Monday, the agency said.\n\n"
        "Photo: the agency\n"
        "Tags: landmines, demining\n"
        "Read also: 12 shepherds injured by mines in March\n\n"
        "Related news\n"
        "- Mine blast: 2 deminers killed (16:20, 10 April 2025)\n"
        "- 1 950 hectares cleared in March\n\n"
        "About the Agency\n"
        "The agency has cleared more than 90 square kilometres since 1998.\n\n"
        "We use cookies to improve the site. By continuing you accept our cookie policy."
    )
    facts = extract(text, published=PUBLISHED).facts
    assert [(f["kind"], f.get("quantity")) for f in facts] == [("device_find", 41)]
    cleaned = clean(text)
    assert "Related" not in cleaned.text and "cookie" not in cleaned.text
    assert "Sappers destroyed 41" in cleaned.text


def test_a_mining_story_is_not_made_relevant_by_its_related_links() -> None:
    text = (
        "Two workers were killed and five injured when a tunnel collapsed at a copper mine "
        "on Tuesday, the company said.\n\n"
        "Related news\n"
        "- Soldier killed by a landmine, army destroys 23 devices\n"
        "- Deminers clear 2.6 square kilometres of minefields"
    )
    assert extract(text, published=PUBLISHED).facts == []


def test_a_page_break_with_running_header_and_footer_is_joined() -> None:
    text = (
        "QUARTERLY NEWS     Issue 4     Page 1 of 2\n\n"
        "During the quarter the teams destroyed 9,412 items of UXO, including 6,118 clus-\n\n"
        "Regulatory Authority newsletter, Vientiane\n\n"
        "QUARTERLY NEWS     Issue 4     Page 2 of 2\n\n"
        "ter submunitions, most of them in rice paddies.\n\n"
        "Regulatory Authority newsletter, Vientiane\n"
    )
    cleaned = clean(text).text
    assert "6,118 cluster submunitions, most of them" in cleaned
    assert "Page" not in cleaned and "newsletter" not in cleaned
    facts = extract(text, published=PUBLISHED).facts
    assert [(f["quantity"], f["device_category"]) for f in facts] == [
        (9412, "UXO"),
        (6118, "cluster submunition"),
    ]


def test_a_paragraph_wrapped_at_a_fixed_width_is_joined_even_before_capitals() -> None:
    text = (
        "Between January and March, mine detection rats and manual deminers\n"
        "released 211,460 square metres of land in the Sango Border Post to Crooks\n"
        "Corner minefield, Chiredzi district, of which 148,300 square metres was\n"
        "handed back after full clearance of the mines."
    )
    cleaned = clean(text).text
    assert "to Crooks Corner minefield" in cleaned
    assert "\n" not in cleaned


def test_a_title_over_a_short_paragraph_stays_apart() -> None:
    text = "Mine kills shepherd near the border village of Sarvabad\nA shepherd was killed."
    assert clean(text).text == text


def test_a_page_scraped_into_one_line_keeps_its_text_and_drops_its_furniture() -> None:
    text = (
        "Home » Security » Mali Mali: two soldiers killed, three wounded by mine near Boni "
        "08/04/2026 11:26 Share Facebook X WhatsApp Email Bamako - Two soldiers were killed and "
        "three others wounded on Tuesday when their vehicle struck a landmine near Boni, the army "
        "said in a statement issued in the capital on the same day. ALSO READ: Niger: 11 "
        "soldiers killed in ambush near Tillabéri | Burkina Faso: 230 schools reopen Tags: Mali, "
        "IED 1,204 views"
    )
    facts = extract(text, published=dt.date(2026, 4, 9)).facts
    assert [(f["kind"], f["killed"], f["injured"]) for f in facts] == [("casualties", 2, 3)]
