"""Shapes of statistics results, shared by the CLI (``--json``), the API and the web UI."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

KINDS = ("device_find", "casualties", "land_release", "inspection")
GROUPS = ("place", "admin1", "admin2", "month", "category", "model")
MEASURES: dict[str, tuple[str, ...]] = {
    "device_find": ("quantity",),
    "casualties": (
        "victims",
        "killed",
        "injured",
        "civilians_killed",
        "military_killed",
        "children",
    ),
    "land_release": ("area_m2",),
    "inspection": (),
}
MAIN_MEASURE = {"device_find": "quantity", "casualties": "victims", "land_release": "area_m2"}
MEASURE_LABELS = {
    "quantity": "devices",
    "victims": "victims",
    "killed": "killed",
    "injured": "injured",
    "civilians_killed": "civilians killed",
    "military_killed": "military killed",
    "children": "children",
    "area_m2": "m²",
}


class PlaceOut(BaseModel):
    """A place the query was limited to (with everything beneath it)."""

    id: int
    name: str
    kind: str


class Measure(BaseModel):
    """A sum over incident records, and how many of them state the value at all."""

    sum: float | int | None = Field(description="Sum of the stated values (None: none stated).")
    stated_by: int = Field(description="Records stating this value; the others are unknown.")


class Source(BaseModel):
    """A claim behind a figure: its document, publisher and (with explain) its sentence."""

    claim_id: int
    record_id: int | None = None
    role: str = "support"
    document_id: int
    publisher: str | None = None
    published: date | None = None
    title: str | None = None
    sentence: str | None = None


class Group(BaseModel):
    """Incident figures of one group (an admin unit, a month, a category...)."""

    key: dict[str, Any] = Field(description="Group column -> value (place ids, YYYY-MM...).")
    label: str
    records: int = Field(description="Incident facts (records, and pending figures if asked).")
    totals: dict[str, Measure]
    record_ids: list[int] | None = Field(
        default=None, description="The records behind the group; None when too many to list."
    )
    pending_claim_ids: list[int] | None = None


class IncidentItem(BaseModel):
    """One incident fact behind the sums (listed when few enough)."""

    record_id: int | None
    pending_claim_ids: list[int] = Field(default_factory=list)
    headline: str
    day: date | None
    place: str | None
    authority: str | None


class Incidents(BaseModel):
    """Incident records summed: one event each, within a week, never a reported total."""

    records: int
    totals: dict[str, Measure]
    groups: list[Group] = Field(default_factory=list)
    record_ids: list[int] | None = None
    pending_claim_ids: list[int] | None = None
    items: list[IncidentItem] = Field(default_factory=list)
    listed: bool = Field(description="False when more records match than are listed.")


class ReportedTotal(BaseModel):
    """A tally an authority reported ("since 10 Nov 2020, 268 victims"), never summed."""

    record_id: int | None
    review: str
    authority: str | None
    as_of: date | None = Field(description="Date of the earliest statement giving it.")
    period_start: date | None
    period_end: date | None
    place: str | None
    headline: str
    figures: dict[str, float | int]
    detail: dict[str, Any] = Field(default_factory=dict)
    claim_ids: list[int] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)


class StatsResult(BaseModel):
    """Figures for one kind: incidents summed, reported totals apart, each with its sources."""

    kind: str
    query: dict[str, Any]
    places: list[PlaceOut] = Field(default_factory=list)
    measures: list[str]
    incidents: Incidents
    reported_totals: list[ReportedTotal]
    reported_totals_listed: bool = True
    sources: dict[int, list[Source]] = Field(
        default_factory=dict, description="Record id -> claims behind it (listed records)."
    )


class MonthPoint(BaseModel):
    """Incident records of one month."""

    month: str
    records: int
    value: float | int | None


class TotalPoint(BaseModel):
    """One reported total in a series of statements."""

    as_of: date | None
    value: float | int | None
    record_id: int | None


class TotalSeries(BaseModel):
    """The reported totals of one authority for one scope (period start and place), in
    date order: the latest point is the latest reported total."""

    authority: str | None
    period_start: date | None
    place: str | None
    label: str
    points: list[TotalPoint]


class Series(BaseModel):
    """Time series: incident records per month and reported totals per authority."""

    kind: str
    measure: str | None
    monthly: list[MonthPoint]
    totals: list[TotalSeries]
