"""Column tables: one fact per filled cell, placed by its row, counted by its column."""

from __future__ import annotations

import datetime as dt

from minewatch.extract import extract

PUBLISHED = dt.date(2025, 2, 10)


def _rows(text: str) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for f in extract(text, published=PUBLISHED).facts:
        figure = f.get("quantity") if f["kind"] == "device_find" else f.get("area_m2")
        detail = f.get("device_category") or f.get("method")
        out.append((f["kind"], figure, detail, f["place"], f.get("action"), f["period_start"]))
    return out


PIPES = """The mine action centre released its figures for January on Monday.

Mines and UXO found and destroyed, and land cleared, 1-31 January 2025

Province     | AP mines | AT mines | Land cleared (ha)
-------------|----------|----------|------------------
Kampot       | 31       | 2        | 4.5
Takeo        | 12       | -        | 1.25
-------------|----------|----------|------------------
TOTAL        | 43       | 2        | 5.75
"""

SPACES = """On 3 February, sappers neutralised explosive objects and surveyed land in two regions,
the service reported. The results by region:

Region        Explosive objects    Area surveyed, ha
Kharkiv              148                 12.4
Kherson               96                  -
Total                244                 12.4
"""


def test_a_pipe_table_gives_a_fact_per_cell_and_skips_totals_and_dashes() -> None:
    assert _rows(PIPES) == [
        ("device_find", 31, "AP mine", "Kampot", "found_and_neutralized", "2025-01-01"),
        ("device_find", 2, "AT mine", "Kampot", "found_and_neutralized", "2025-01-01"),
        ("land_release", 45000, "clearance", "Kampot", None, "2025-01-01"),
        ("device_find", 12, "AP mine", "Takeo", "found_and_neutralized", "2025-01-01"),
        ("land_release", 12500, "clearance", "Takeo", None, "2025-01-01"),
    ]


def test_a_space_aligned_table_takes_action_and_day_from_the_sentence_above() -> None:
    assert _rows(SPACES) == [
        ("device_find", 148, "unknown", "Kharkiv", "neutralized", "2025-02-03"),
        ("land_release", 124000, "unknown", "Kharkiv", None, "2025-02-03"),
        ("device_find", 96, "unknown", "Kherson", "neutralized", "2025-02-03"),
    ]


def test_the_evidence_of_a_cell_is_its_row() -> None:
    fact = extract(PIPES, published=PUBLISHED).facts[0]
    start, end = fact["evidence"]["spans"]["quantity"]
    assert PIPES[start:end] == "31"
    assert PIPES[slice(*fact["place_span"])] == "Kampot"


def test_prose_with_double_spaces_is_not_a_table() -> None:
    text = "Sappers  found  12 anti-tank mines  near the village on Monday,  the army said."
    assert [(f["kind"], f["quantity"]) for f in extract(text, published=PUBLISHED).facts] == [
        ("device_find", 12)
    ]


LIST = """Weekly summary
Reporting period: 3-9 February 2025

The agency's teams destroyed 470 mines and items of UXO in Kampot and Takeo provinces.

The week's results were as follows:
• Anti-personnel mines: 60
• Anti-tank mines: 10
• Unexploded ordnance: 400

By province, land released:

Kampot
 - Land released: 12,000 m2 (clearance)
 - Small arms ammunition: 900 rounds
Takeo
 - Land released: 8,500 m2 (technical survey)

Week total: 470 items, 20,500 m2 released.
"""


def test_list_rows_take_the_lead_s_action_period_place_and_total() -> None:
    facts = extract(LIST, published=PUBLISHED).facts
    finds = [f for f in facts if f["kind"] == "device_find"]
    assert [(f["quantity"], f["device_category"], f["action"], f["period_start"],
             f.get("total_of")) for f in finds] == [
        (470, "unknown", "destroyed", "2025-02-03", [1, 2, 3]),
        (60, "AP mine", "destroyed", "2025-02-03", None),
        (10, "AT mine", "destroyed", "2025-02-03", None),
        (400, "UXO", "destroyed", "2025-02-03", None),
    ]  # fmt: skip
    releases = [f for f in facts if f["kind"] == "land_release"]
    assert [(f["area_m2"], f["method"], f["place"]) for f in releases] == [
        (12000, "clearance", "Kampot"),
        (8500, "technical survey", "Takeo"),
    ]


NESTED = """The directorate published its provisional figures for the clearance of landmines and
unexploded ordnance in March on Friday.

MINE ACTION - MARCH 2025
• Land released nationwide: 1,500,000 m²
    – Helmand: 1,000,000 m²
    – Kandahar: 400,000 m²
    – other provinces: 100,000 m²
• Items destroyed nationwide: 320
    – AP mines: 120 (incl. 20 PMN)
    – UXO: 200
"""


def test_nested_rows_are_parts_of_the_row_above_them() -> None:
    facts = extract(NESTED, published=PUBLISHED).facts
    releases = [f for f in facts if f["kind"] == "land_release"]
    assert [(f["area_m2"], f["place"], f.get("total_of")) for f in releases] == [
        (1500000, None, [1, 2, 3]),
        (1000000, "Helmand", None),
        (400000, "Kandahar", None),
        (100000, None, None),
    ]
    finds = [f for f in facts if f["kind"] == "device_find"]
    assert [(f["quantity"], f["device_category"], f["model"], f["action"]) for f in finds] == [
        (120, "AP mine", None, "destroyed"),
        (20, "AP mine", "PMN", "destroyed"),
        (200, "UXO", None, "destroyed"),
    ]
