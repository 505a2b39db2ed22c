"""Consistency checks on a record's reconciled fields; a failed check becomes a warning.

Checks never change a value (a wrong figure is worse than a flagged one): they record what
was checked, whether it held, and a message a reviewer can act on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from minewatch.reconcile.views import as_date, number


@dataclass(frozen=True, slots=True)
class StatedTotal:
    """A claim stating the total of parts: its figure and the parts' reconciled figures."""

    claim_id: int
    document_id: int
    total: float
    parts: Sequence[float | None]
    field: str = "quantity"


def _check(code: str, ok: bool | None, message: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "ok": ok, "message": message, **extra}


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _not_more(
    fields: Mapping[str, Any], part: str, whole: str, label: str
) -> dict[str, Any] | None:
    a, b = number(fields.get(part)), number(fields.get(whole))
    if a is None or b is None:
        return None
    ok = a <= b
    return _check(
        f"{part}_le_{whole}",
        ok,
        f"{label}: {_fmt(a)} {'<=' if ok else '>'} {_fmt(b)}",
        fields=[part, whole],
    )


def casualty_checks(fields: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Civilians and military killed <= killed; killed <= victims; children <= victims."""
    out = [
        _not_more(fields, "civilians_killed", "killed", "civilians killed <= killed"),
        _not_more(fields, "military_killed", "killed", "military killed <= killed"),
        _not_more(fields, "killed", "victims", "killed <= victims"),
    ]
    civ, mil, killed = (
        number(fields.get(k)) for k in ("civilians_killed", "military_killed", "killed")
    )
    if civ is not None and mil is not None and killed is not None:
        ok = civ + mil <= killed
        sign = "<=" if ok else ">"
        out.append(
            _check(
                "status_sum_le_killed",
                ok,
                f"civilians + military killed: {_fmt(civ + mil)} {sign} {_fmt(killed)}",
                fields=["civilians_killed", "military_killed", "killed"],
            )
        )
    injured, children = number(fields.get("injured")), number(fields.get("children"))
    if children is not None and (killed is not None or injured is not None):
        victims = (killed or 0) + (injured or 0)
        ok = children <= victims
        out.append(
            _check(
                "children_le_victims",
                ok,
                f"children <= victims: {_fmt(children)} {'<=' if ok else '>'} {_fmt(victims)}",
                fields=["children", "killed", "injured"],
            )
        )
    return [c for c in out if c is not None]


def period_checks(fields: Mapping[str, Any], first_seen: date | None) -> list[dict[str, Any]]:
    """Period end >= start; no date after the first publication that reports it."""
    out = []
    start, end = as_date(fields.get("period_start")), as_date(fields.get("period_end"))
    if start is not None and end is not None:
        ok = end >= start
        out.append(
            _check(
                "period_order",
                ok,
                f"period end {end} {'>=' if ok else '<'} start {start}",
                fields=["period_start", "period_end"],
            )
        )
    latest = max(
        (d for d in (as_date(fields.get("date")), start, end) if d is not None), default=None
    )
    if latest is not None and first_seen is not None:
        ok = latest <= first_seen
        out.append(
            _check(
                "not_after_publication",
                ok,
                f"date {latest} {'<=' if ok else 'is after'} first publication {first_seen}",
                fields=["date", "period_start", "period_end"],
            )
        )
    return out


def positive_checks(fields: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Counts and areas are positive."""
    out = []
    for name in ("quantity", "area_m2", "killed", "injured"):
        value = number(fields.get(name))
        if value is not None and value < 0:
            out.append(_check(f"{name}_positive", False, f"{name} is negative ({value:g})"))
    return out


def total_checks(totals: Sequence[StatedTotal]) -> list[dict[str, Any]]:
    """Parts against stated totals: 1,119 + 1,609 = 2,728."""
    out = []
    for total in totals:
        if any(p is None for p in total.parts):
            out.append(
                _check(
                    "parts_vs_total",
                    None,
                    f"stated total {_fmt(total.total)}: not every part is reconciled yet",
                    claim=total.claim_id,
                    document=total.document_id,
                )
            )
            continue
        parts = [float(p) for p in total.parts if p is not None]
        ok = abs(sum(parts) - total.total) < 1e-9
        sign = "=" if ok else "!="
        message = f"{' + '.join(_fmt(p) for p in parts)} {sign} {_fmt(total.total)} (stated total)"
        out.append(
            _check("parts_vs_total", ok, message, claim=total.claim_id, document=total.document_id)
        )
    return out


def run_checks(
    kind: str,
    fields: Mapping[str, Any],
    *,
    first_seen: date | None = None,
    totals: Sequence[StatedTotal] = (),
) -> list[dict[str, Any]]:
    """Every check that applies to a record of ``kind``."""
    out = positive_checks(fields) + period_checks(fields, first_seen)
    if kind == "casualties":
        out += casualty_checks(fields)
    return out + total_checks(totals)


def warnings_of(checks: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The checks that failed."""
    return [dict(c) for c in checks if c.get("ok") is False]
