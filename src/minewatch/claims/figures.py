"""One-line human summaries of a claim's key figures, shared by the API, the web UI and maps.

Pure functions over the gold-schema fields: a missing value is left out rather than shown as
"None", because a figure the text does not state must not look like a zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ACTION_WORDS = {
    "found": "found",
    "neutralized": "neutralised",
    "destroyed": "destroyed",
    "found_and_neutralized": "found and neutralised",
}
METHOD_WORDS = {
    "clearance": "cleared",
    "technical survey": "reduced (technical survey)",
    "non-technical survey": "cancelled (non-technical survey)",
}
KIND_LABELS = {
    "device_find": "Device find",
    "casualties": "Casualties",
    "land_release": "Land release",
    "inspection": "Inspection",
    "allegation": "Allegation",
}
FIELD_LABELS = {
    "quantity": "quantity",
    "model": "model",
    "device_category": "category",
    "killed": "killed",
    "injured": "injured",
    "area_m2": "area",
    "date": "date",
    "place": "place",
    "authority": "authority",
    "participants": "participant",
}


def number(value: Any) -> str:
    """A count or measure with thousands separators; non-numbers as given."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() or value >= 100 else f"{value:,.2f}"
    if isinstance(value, Mapping) and "best" in value:
        return number(value.get("best"))
    return str(value)


def kind_label(kind: str) -> str:
    """Display name of a claim kind ("device_find" -> "Device find")."""
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def figure(kind: str, fields: Mapping[str, Any]) -> str:
    """The headline of a claim: "350 PMN-E (AP mine) found and neutralised", "2 killed"."""
    if kind == "device_find":
        what = " ".join(
            p for p in (number(fields.get("quantity")) or "?", fields.get("model") or "") if p
        )
        category = fields.get("device_category")
        if category and category != "unknown":
            what += f" ({category})" if fields.get("model") else f" {category}"
        action = ACTION_WORDS.get(fields.get("action") or "", fields.get("action") or "")
        return f"{what} {action}".strip()
    if kind == "casualties":
        parts = [
            f"{number(fields[k])} {k}" for k in ("killed", "injured") if fields.get(k) is not None
        ]
        return ", ".join(parts) or "casualties (no count)"
    if kind == "land_release":
        area = fields.get("area_m2")
        method = METHOD_WORDS.get(fields.get("method") or "", "released")
        return f"{number(area)} m² {method}" if area is not None else f"area ? {method}"
    if kind == "inspection":
        who = ", ".join(str(p) for p in fields.get("participants") or [])
        when = str(fields.get("date") or "undated")
        return f"inspection {when}" + (f": {who}" if who else "")
    if kind == "allegation":
        statement = str(fields.get("statement") or "allegation")
        return statement if len(statement) <= 80 else statement[:79] + "…"
    return kind_label(kind)


def when(fields: Mapping[str, Any]) -> str:
    """The date or period of a claim as stated ("2022-11-21", "2022-08-01 .. open")."""
    if fields.get("date"):
        return str(fields["date"])
    start, end = fields.get("period_start"), fields.get("period_end")
    if not start and not end:
        return ""
    if start == end:
        return str(start)
    return f"{start or '?'} .. {end or 'open'}"


def field_title(field: str, fields: Mapping[str, Any]) -> str:
    """Hover text for one highlighted value: "quantity = 350"."""
    label = FIELD_LABELS.get(field, field.replace("_", " "))
    value = fields.get(field)
    if isinstance(value, list):
        return label
    shown = number(value) if field in {"quantity", "killed", "injured", "area_m2"} else value
    return f"{label} = {shown}" if value not in (None, "") else label
