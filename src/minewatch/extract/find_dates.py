"""Dates of finds whose own clause has none: a follow-up sentence, or the story's dateline.

"47 mines have been discovered ... The mines ... were discovered on Wednesday": the
follow-up names the day. Failing that, a dateline ("BAKU, May 26 (Agency) - ...") dates
the report, and also the find when the find is a completed action reported that day
("have discovered"), with no date of its own. Anything else keeps no date.
"""

from __future__ import annotations

import datetime as dt
import re

from minewatch.extract.context import Doc
from minewatch.extract.types import DateExpr

_MONTHS = {m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                        "sep", "oct", "nov", "dec"), start=1)}  # fmt: skip
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{1,40}(?:,\s+[A-Z][A-Za-z .'’-]{1,30})?,\s+"
    r"(?:(?P<m1>[A-Z][a-z]{2,8})\.?\s+(?P<d1>\d{1,2})|(?P<d2>\d{1,2})\s+(?P<m2>[A-Z][a-z]{2,8}))"
    r"(?:,?\s+(?P<y>(?:19|20)\d\d))?(?:\s+\([^()]{1,40}\))?\s*[-–—]+\s"
)
_PERFECT = re.compile(
    r"\b(?:have|has)\s+(?:been\s+)?(?:\w+\s+)?(?:discovered|found|detected|located|uncovered|"
    r"neutrali[sz]ed|destroyed|defused|dismantled|removed|cleared)\b"
)
_FOLLOWUP = re.compile(
    r"^(?:The|These|Those|Both|All)\s+(?:[\w-]+\s+)?(?:mines?|landmines?|devices?|items?|"
    r"objects?|shells?|munitions?|explosives?|ordnance)\b[^.;]*?\b(?:were|was|had\s+been)\s+"
    r"(?:\w+\s+)?(?:found|discovered|detected|located|uncovered)\b"
)


def in_dateline(sentence: str, pos: int) -> bool:
    """True when offset `pos` of a sentence falls inside a dateline at its start."""
    if not sentence[:1].isupper() or not sentence[1:2].isupper():
        return False
    m = _DATELINE.match(sentence)
    return m is not None and pos <= m.end()


def followup_date(doc: Doc, i: int) -> DateExpr | None:
    """The day the next sentence gives the same find ("The mines ... were discovered on
    Wednesday")."""
    if i + 1 >= len(doc.sentences):
        return None
    nxt = doc.sentences[i + 1]
    m = _FOLLOWUP.match(nxt.text)
    if m is None:
        return None
    from minewatch.extract.finds import fact_dates

    days = [d for d in fact_dates(doc, i + 1) if d.is_day and d.start >= nxt.start + m.end()]
    return days[0] if days else None


def dateline_date(doc: Doc, i: int, start: int, end: int) -> DateExpr | None:
    """The dateline day, when the figure's clause [start, end) reports a completed action."""
    s = doc.sentences[i]
    if doc.published is None or not _PERFECT.search(doc.text, start, end):
        return None
    first = next((j for j, t in enumerate(doc.sentences) if not t.headline), None)
    m = _DATELINE.match(s.text) if first == i else None
    if m is None:
        return None
    month = _MONTHS.get((m.group("m1") or m.group("m2"))[:3].lower())
    if month is None:
        return None
    year = int(m.group("y")) if m.group("y") else doc.published.year
    try:
        day = dt.date(year, month, int(m.group("d1") or m.group("d2")))
    except ValueError:
        return None
    if day > doc.published and not m.group("y"):
        day = day.replace(year=year - 1)  # a late-December dateline published in January
    if day > doc.published or (doc.published - day).days > 7:
        return None
    key = "d1" if m.group("d1") else "d2"
    a = s.start + min(m.start(key), m.start("m1" if key == "d1" else "m2"))
    b = s.start + max(m.end(key), m.end("m1" if key == "d1" else "m2"))
    return DateExpr(a, b, day, day, 1, text=doc.text[a:b])
