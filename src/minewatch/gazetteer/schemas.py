"""Validated shapes at the gazetteer's edges: a place to add, a place to show."""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator, model_validator

from minewatch.gazetteer.models import KINDS


class PlaceCreate(BaseModel):
    """A user's own place (``minewatch places add``): a feature, a village, a minefield.
    The point is optional when the place comes with an area."""

    name: str = Field(min_length=1, max_length=300)
    kind: str
    lon: float | None = Field(default=None, ge=-180.0, le=180.0)
    lat: float | None = Field(default=None, ge=-90.0, le=90.0)
    parent: str | None = None
    country: str | None = Field(default=None, min_length=2, max_length=2)
    names: list[str] = Field(default_factory=list)

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        return value

    @model_validator(mode="after")
    def _point(self) -> PlaceCreate:
        if (self.lon is None) != (self.lat is None):
            raise ValueError("longitude and latitude must be given together")
        return self

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        return value.upper() if value else None


class PlaceOut(BaseModel):
    """A place as listings and the API show it."""

    id: int
    name: str
    kind: str
    country_code: str | None
    parent_id: int | None
    parent: str | None
    lon: float | None
    lat: float | None
    source: str
    matched: str | None = None
    has_area: bool = Field(default=False, description="The place has a polygon (its area).")
    area_source: str | None = Field(default=None, description="Where the area came from.")
