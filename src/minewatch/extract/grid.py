"""Column tables in text: one fact per filled cell, placed by its row and counted by its column.

Monthly and daily reports often give their figures as a table: a header naming what each
column counts ("AP mines", "Land cleared (m2)", "Area examined, ha"), then one row per
province or region. Columns are split at "|" or at runs of two or more spaces. A cell is a
find when its column header is a device phrase, and a release when the header has an area
unit. The row label is the place, as written. "Total" rows, and cells with "-" or no number,
give nothing. Action and period come from the caption: the text just above the table
("Mines and UXO found and destroyed, 1-31 January 2025", "The results by region:").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minewatch.extract.context import Doc
from minewatch.extract.dates import find_dates
from minewatch.extract.find_verbs import action_of
from minewatch.extract.numbers import find_quantities
from minewatch.extract.ordnance import Device, device_at
from minewatch.extract.types import DateExpr, Draft, Sentence

_SPLIT = re.compile(r"[ \t]*\|[ \t]*|[ \t]{2,}")
_RULE = re.compile(r"^[\s|+:=-]+$")  # "-----|-----"
_TOTAL = re.compile(r"^(?:total|grand\s+total|all|sum|overall)\b", re.IGNORECASE)
_EMPTY = re.compile(r"^[-–—]?$|^n/?a$", re.IGNORECASE)
_AREA_UNIT = re.compile(
    r"\b(?P<m2>m2|m²|sq\.?\s*m|square\s+met(?:re|er)s?)\b|\b(?P<ha>ha|hectares?)\b|"
    r"\b(?P<km2>km2|km²|sq\.?\s*km|square\s+kilomet(?:re|er)s?)\b",
    re.IGNORECASE,
)
_FACTOR = {"m2": 1.0, "ha": 10_000.0, "km2": 1_000_000.0}
_METHOD = (("non-technical", "non-technical survey"), ("cancel", "non-technical survey"),
           ("technical", "technical survey"), ("reduc", "technical survey"),
           ("clear", "clearance"), ("demin", "clearance"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str
    start: int  # absolute offset
    end: int


def _cells(s: Sentence) -> list[_Cell]:
    out: list[_Cell] = []
    at = 0
    line = s.text
    for m in [*_SPLIT.finditer(line), None]:
        stop = m.start() if m is not None else len(line)
        piece = line[at:stop]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            out.append(_Cell(stripped, s.start + at + lead, s.start + at + lead + len(stripped)))
        if m is not None:
            at = m.end()
    return out


def _is_row(s: Sentence) -> bool:
    text = s.text.strip()
    return ("|" in text or "  " in text) and _SPLIT.search(text) is not None


@dataclass(frozen=True, slots=True)
class _Column:
    """What a column counts: a device (finds) or an area in a unit, by a method (releases)."""

    device: Device | None = None
    factor: float = 1.0
    method: str = "unknown"


def _column(header: str) -> _Column | None:
    unit = _AREA_UNIT.search(header)
    if unit is not None:
        low = header.lower()
        method = next((m for key, m in _METHOD if key in low), "unknown")
        return _Column(None, _FACTOR[next(k for k, v in unit.groupdict().items() if v)], method)
    device = device_at(header + " ", 0, 0)
    if device is not None and device.start == 0:
        return _Column(device)
    return None


def _caption(doc: Doc, first: int) -> tuple[str | None, DateExpr | None, list[int]]:
    """Action, period and the sentences they come from, read from the text above the table."""
    action: str | None = None
    when: DateExpr | None = None
    used: list[int] = []
    for j in range(first - 1, max(-1, first - 4), -1):
        s = doc.sentences[j]
        if _is_row(s) and j != first - 1:
            break
        a = action_of(s.text)
        dates = [d for d in find_dates(s.text, s.start, doc.published) if d.first is not None]
        if a is not None or dates:
            used.append(j)
        action = action or a
        when = when or (dates[0] if dates else None)
        if action and when:
            break
    return action, when, used


def extract_grid(doc: Doc) -> list[Draft]:
    """Facts from the column tables of a document (see the module docstring)."""
    drafts: list[Draft] = []
    sentences = doc.sentences
    i = 0
    while i < len(sentences):
        if not _is_row(sentences[i]):
            i += 1
            continue
        j = i
        while j < len(sentences) and (_is_row(sentences[j]) or _RULE.match(sentences[j].text)):
            j += 1
        if j - i >= 3:
            drafts += _table(doc, i, j)
        i = j
    return drafts


def _table(doc: Doc, first: int, stop: int) -> list[Draft]:
    rows = [doc.sentences[k] for k in range(first, stop) if not _RULE.match(doc.sentences[k].text)]
    header = _cells(rows[0])
    columns = [_column(c.text) for c in header]
    if not any(columns[1:]):
        return []
    action, when, used = _caption(doc, first)
    out: list[Draft] = []
    for row in rows[1:]:
        cells = _cells(row)
        if len(cells) != len(header) or _TOTAL.match(cells[0].text):
            continue
        label = cells[0]
        for cell, column in zip(cells[1:], columns[1:], strict=True):
            if column is None or _EMPTY.match(cell.text):
                continue
            qs = find_quantities(cell.text, cell.start)
            if len(qs) != 1 or qs[0].year_like:
                continue
            q = qs[0]
            fields: dict[str, object] = {"place": label.text, "period_start": None,
                                         "period_end": None, "authority": None}  # fmt: skip
            spans = {"place": (label.start, label.end)}
            if column.device is not None:
                if action is None:
                    continue
                fields |= {"quantity": int(q.best), "device_category": column.device.category,
                           "model": column.device.model, "origin_country": None,
                           "production_year": None, "action": action}  # fmt: skip
                spans["quantity"] = (q.start, q.end)
                estimates = {"quantity": q.estimate()}
                name = "device_find"
            else:
                area = round(q.best * column.factor, 3)
                fields |= {"area_m2": int(area) if float(area).is_integer() else area,
                           "method": column.method}  # fmt: skip
                spans["area_m2"] = (q.start, q.end)
                estimates = {"area_m2": {**q.estimate(), "best": fields["area_m2"]}}
                name = "land_release"
            evidence = sorted([row, *(doc.sentences[k] for k in used)], key=lambda x: x.index)
            draft = Draft(name, fields, evidence, spans=spans, estimates=estimates,
                          anchor=q.start)  # fmt: skip
            draft.place_span = (label.start, label.end)
            if when is not None:
                draft.set_period(when)
            out.append(draft)
    return out
