"""One-line human summaries of claims, shared by the CLI and the web pages."""

from __future__ import annotations

from typing import Any


def _or_unknown(value: Any) -> str:
    """A count with thousands separators, or "?" when the text did not give it."""
    if value is None:
        return "?"
    return f"{value:,}" if isinstance(value, int | float) else str(value)


def figure(fields: dict[str, Any]) -> str:
    """A one-line human summary of a claim's key figures."""
    kind = fields.get("kind")
    if kind == "device_find":
        parts = [
            _or_unknown(fields.get("quantity")),
            fields.get("model") or "",
            fields.get("device_category") or "",
        ]
        action = (fields.get("action") or "").replace("_", " ")
        return " ".join(p for p in [*parts, action] if p)
    if kind == "casualties":
        killed, injured = (fields.get(k) for k in ("killed", "injured"))
        return f"killed {_or_unknown(killed)}, injured {_or_unknown(injured)}"
    if kind == "land_release":
        area = fields.get("area_m2")
        return f"{area:,.0f} m2 {fields.get('method') or ''}" if area else "area ?"
    if kind == "inspection":
        return f"{fields.get('date')}: {', '.join(fields.get('participants') or [])}"
    if kind == "allegation":
        return str(fields.get("statement") or "")[:80]
    return ""
