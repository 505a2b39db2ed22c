"""Land release: areas cancelled, reduced or cleared, converted to square metres.

An area is a quantity followed by an area unit and tied to a release verb in its clause;
the method comes from the nearest method words ("cancelled through non-technical survey",
"cleared"). Plans, targets, task sizes and remaining contamination are not releases.
"""

from __future__ import annotations

import re
from functools import cache

from minewatch.extract.context import Doc
from minewatch.extract.types import Draft

_UNIT_FACTORS = {"m2": 1.0, "ha": 10_000.0, "km2": 1_000_000.0, "acre": 4046.8564224}


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        "unit": re.compile(
            r"\s*(?:(?P<m2>square\s+met(?:re|er)s?|sq\.?\s*m\b|m2\b|m²|sqm\b)|"
            r"(?P<ha>hectares?\b|ha\b)|(?P<km2>square\s+kilomet(?:re|er)s?|sq\.?\s*km\b|km2\b|km²)|"
            r"(?P<acre>acres?\b))",
            re.IGNORECASE,
        ),
        "release": re.compile(
            r"\b(?:cleared|released|cancell?ed|reduced|returned|freed|handed\s+over|demined|"
            r"surveyed|clearance|released)\b",
            re.IGNORECASE,
        ),
        "skip": re.compile(
            r"\b(?:plans?|planned|aims?\s+to|target|goal|expected\s+to|will\s+be|still|"
            r"remain(?:s|ing)?|estimates?\s+that|need\s+to\s+be|suspected\s+to\s+be|task\s+area|"
            r"contaminated)\b",
            re.IGNORECASE,
        ),
        "nts": re.compile(r"\bcancell?ed\b|\bnon-technical\s+survey\b", re.IGNORECASE),
        "ts": re.compile(r"\breduced\b|(?<!non-)\btechnical\s+survey\b", re.IGNORECASE),
        "clear": re.compile(r"\bclear(?:ed|ance)\b|\bdemined\b", re.IGNORECASE),
        "same": re.compile(r"\b(?:these|the\s+same)\b", re.IGNORECASE),
    }


def _method(segment: str) -> str | None:
    pats = _patterns()
    if pats["nts"].search(segment):
        return "non-technical survey"
    if pats["ts"].search(segment):
        return "technical survey"
    if pats["clear"].search(segment):
        return "clearance"
    return None


def extract_land_release(doc: Doc) -> list[Draft]:
    """Land release facts of a document, in reading order."""
    pats = _patterns()
    drafts: list[Draft] = []
    first_place = next(
        (p for j in range(len(doc.sentences)) if not doc.sentences[j].headline
         for p in doc.places(j)), None,
    )  # fmt: skip
    last_place: str | None = None
    for i, s in enumerate(doc.sentences):
        if s.headline:
            continue
        low = s.text.lower()
        if not any(u in low for u in ("square", "sq", "m2", "m²", "hectare", " ha", "km", "acre")):
            continue
        qs = doc.quantities(i)
        for n, q in enumerate(qs):
            rel = q.end - s.start
            unit = pats["unit"].match(s.text, rel)
            if unit is None or q.year_like:
                continue
            factor = _UNIT_FACTORS[next(k for k, v in unit.groupdict().items() if v)]
            prev_end = qs[n - 1].end - s.start if n > 0 else 0
            next_start = qs[n + 1].start - s.start if n + 1 < len(qs) else len(s.text)
            before = s.text[prev_end : q.start - s.start]
            after = s.text[unit.end() : next_start]
            clause = before + " " + after
            if not pats["release"].search(clause) or pats["skip"].search(clause):
                continue
            method = _method(after) or _method(before) or "unknown"
            area = round(q.best * factor, 3)
            fields: dict[str, object] = {
                "area_m2": int(area) if float(area).is_integer() else area,
                "method": method,
                "place": None,
                "period_start": None,
                "period_end": None,
                "authority": None,
            }
            spans = {"area_m2": (q.start, s.start + unit.end())}
            est = q.estimate()
            est = {
                k: (
                    round(v * factor, 3)
                    if isinstance(v, int | float) and k in {"low", "best", "high"}
                    else v
                )
                for k, v in est.items()
            }
            draft = Draft("land_release", fields, [s], spans=spans, estimates={"area_m2": est},
                          anchor=q.start)  # fmt: skip
            place = doc.place_after(i, q.end, s.start + next_start) or next(
                iter(doc.places(i)), None
            )
            if place is not None:
                fields["place"] = place.text
                spans["place"] = (place.start, place.end)
                draft.place_span = (place.start, place.end)
            elif pats["same"].search(s.text) and last_place:
                fields["place"] = last_place
            when = doc.date_near(i, q.start) or doc.inherited_date(i, want_day=False)
            if when is not None and when.first is not None:
                fields["period_start"] = when.first.isoformat()
                fields["period_end"] = (
                    None if when.open_ended or when.last is None else when.last.isoformat()
                )
                spans["period_start"] = (when.start, when.end)
                draft.date_prec = when.prec
            draft.extras["_first_place"] = first_place.text if first_place else None
            drafts.append(draft)
        # the place of the latest fact of any kind, for "in these districts", "the same year"
        for p in doc.places(i):
            last_place = p.text
    return drafts
