"""API shapes of claims: one claim with its provenance, pages, the summary and GeoJSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from minewatch.claims.figures import figure


class Evidence(BaseModel):
    """Where a claim was read: the sentence and the character span of each value."""

    sentence_index: int | None = None
    start: int | None = Field(None, description="Sentence start offset in the document text.")
    end: int | None = Field(None, description="Sentence end offset (exclusive).")
    text: str | None = Field(None, description="The sentence as it stands in the document.")
    spans: dict[str, Any] = Field(
        default_factory=dict,
        description="Field name -> [start, end] in the document text, or a list of such pairs.",
    )


class ClaimOut(BaseModel):
    """One fact as stated by one document (never edited in place)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    document_id: int
    ordinal: int
    kind: str = Field(description="device_find, casualties, land_release, inspection, ...")
    status: str = Field(description="Review status: pending, approved, rejected, superseded.")
    figure: str = Field(description="One-line human summary of the key figures.")
    fields: dict[str, Any] = Field(description="Values in the gold schema (null when unstated).")
    evidence: Evidence
    authority: str | None = Field(None, description="Body the claim is attributed to.")
    extractor_version: str
    origin: str
    created_at: datetime

    @classmethod
    def of(cls, claim: Any) -> ClaimOut:
        """Build from a stored ``Claim`` row."""
        return cls(
            id=claim.id,
            document_id=claim.document_id,
            ordinal=claim.ordinal,
            kind=claim.kind,
            status=claim.status,
            figure=figure(claim.kind, claim.fields or {}),
            fields=claim.fields or {},
            evidence=Evidence.model_validate(claim.evidence or {}),
            authority=claim.authority_text,
            extractor_version=claim.extractor_version,
            origin=claim.origin,
            created_at=claim.created_at,
        )


class ClaimPage(BaseModel):
    """A page of claims and how many match the filters in total."""

    items: list[ClaimOut]
    total: int
    limit: int
    offset: int


class ClaimSummary(BaseModel):
    """Claim counts for dashboards."""

    total: int
    by_kind: dict[str, int]
    by_status: dict[str, int]
    by_kind_status: dict[str, dict[str, int]] = Field(description="kind -> status -> count")


class PointGeometry(BaseModel):
    """A GeoJSON point in EPSG:4326 (lon, lat)."""

    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float]


class ClaimProperties(BaseModel):
    """What a map popup needs about a located claim."""

    kind: str
    status: str
    figure: str
    document_id: int
    place: str | None = None
    authority: str | None = None
    date: str | None = None


class ClaimFeature(BaseModel):
    """One located claim."""

    type: Literal["Feature"] = "Feature"
    id: int
    geometry: PointGeometry
    properties: ClaimProperties


class ClaimFeatureCollection(BaseModel):
    """Located claims as GeoJSON, with OGC API Features paging counts."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[ClaimFeature]
    numberMatched: int = Field(description="Located claims matching the filters.")
    numberReturned: int = Field(description="Features in this response.")
