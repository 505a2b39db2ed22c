"""Date and period phrases, resolved against the publication date.

Phrases are found with our own patterns and resolved here: weekdays ("on Thursday" is
the latest Thursday on or before publication), "yesterday" and "over the past day", "last
week" (Monday to Sunday of the previous week), "last year" (the previous calendar year,
unless a figure is compared with it), months and years without a year ("since August of
this year"), quarters, and named events through a small calendar (data/events.json).
Without a publication date, relative phrases stay unresolved (None) rather than guessed.
Phrases that refer back ("over the same period", "during the quarter", "the following
day", "hours later") are flagged anaphoric for the caller to resolve against the previous
fact.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from functools import cache, lru_cache
from importlib import resources

from minewatch.extract.tokens import cues, lower_folded
from minewatch.extract.types import Cues, DateExpr

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "1st": 1,
                  "2nd": 2, "3rd": 3, "4th": 4}  # fmt: skip
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip

M = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"  # noqa: E501
D = r"(\d{1,2})(?:st|nd|rd|th)?"
Y = r"((?:19|20)\d\d)"
REL_YEAR = r"(?:\s+(?:of\s+)?(this|current|last|the\s+current|the\s+previous|previous)\s+year)?"
DASH = r"\s*(?:-|–|—|to|and|until|till|through)\s*"


@cache
def _events() -> tuple[re.Pattern[str], dict[str, dt.date]]:
    raw = json.loads(resources.files("minewatch.extract").joinpath("data/events.json").read_text())
    table: dict[str, dt.date] = {}
    for event in raw["events"]:
        for name in event["names"]:
            table[name.lower()] = dt.date.fromisoformat(event["date"])
    names = "|".join(re.escape(n) for n in sorted(table, key=len, reverse=True))
    pattern = re.compile(
        rf"\bsince\s+(?:the\s+)?(?:(?:end|start|beginning|outbreak|signing)\s+of\s+)?(?:the\s+)?"
        rf"(?:{names})(?:\s+(?:ended|began|started|was\s+signed))?\b",
        re.IGNORECASE,
    )
    return pattern, table


_Compiled = tuple[str, tuple[frozenset[str], ...], re.Pattern[str], re.Pattern[str]]


@cache
def _patterns() -> list[_Compiled]:
    """Named phrase patterns, most specific first; matches may not overlap.

    Each comes with what it needs before it can match: every space-separated item must
    be present, "a|b" being alternatives; <digit> is `\\d`, <year> a 19xx/20xx number, <month>
    a word starting with a month abbreviation, <dash> "-" or "–", <quarter> the substring
    "quarter", anything else a whole word. The whole words are literal in the patterns
    (between `\\b` or spaces), so skipping a pattern that lacks one never changes the result.

    Each also comes lower-cased without IGNORECASE, to scan the lower-cased sentence: plain
    literal comparisons are up to 3x faster, and a hit is then matched again on the text.
    """
    dmy, mdy = rf"{D}\s+(?:of\s+)?({M}),?\s+{Y}", rf"({M})\s+{D},?\s+{Y}"
    to = r"\s*(?:-|–|—|to|until|till|through)\s*"
    raw = [
        # "in the year to 31 March 2025": the twelve months ending that day
        (
            "year_to",
            "<digit> <month> <year> year|months",
            rf"\b(?:in\s+|during\s+|over\s+)?the\s+(?:financial\s+|fiscal\s+)?(?:year|twelve\s+months|"
            rf"12\s+months)\s+(?:to|ending|ended)\s+{dmy}",
        ),
        # "1 October 2022 to 30 September 2023": both ends with their years
        (
            "dmy_range",
            "<digit> <month> <year>",
            rf"\b(?:between\s+{dmy}\s+and\s+{dmy}|(?:from\s+)?{dmy}{to}{dmy})",
        ),
        (
            "mdy_range",
            "<digit> <month> <year>",
            rf"\b(?:between\s+{mdy}\s+and\s+{mdy}|(?:from\s+)?{mdy}{to}{mdy})",
        ),
        (
            "day_range",
            "<digit> <month> between|from",
            rf"\b(?:between|from)\s+{D}(?:\s+({M}))?{DASH}{D}\s+({M})(?:,?\s+{Y})?",
        ),
        ("day_range", "<digit> <month> <dash>", rf"\b{D}\s*[-–]\s*{D}\s+({M})(?:,?\s+{Y})?"),
        (
            "day_range_us",
            "<digit> <month> between|from",
            rf"\b(?:between|from)\s+({M})\s+{D}{DASH}{D}(?:,?\s+{Y})?",
        ),
        (
            "month_range",
            "<month> between|from",
            rf"\b(?:between|from)\s+({M})(?:\s+{Y})?{DASH}({M})(?:\s+{Y})?{REL_YEAR}",
        ),
        ("month_span", "<month> <dash>", rf"\b({M})\s*[-–]\s*({M})(?:\s+{Y})?(?:\s+period)?"),
        (
            "anaphor",
            "same|year|month|week|months|period|quarter",
            r"\b(?:over|during|in|for|within)\s+the\s+same\s+(?:\w+\s+){0,2}?(?:period|days|week|month|months|year|time|quarter)(?:\s+of\s+((?:19|20)\d\d))?|\b(?:during|over|in|throughout)\s+the\s+(?:year|month|week|quarter|(?:\w+\s+)?months|period)\b(?!\s+(?:of|to|ahead|before)\b)",
        ),
        (
            "first_months",
            "first months",
            r"\b(?:in\s+|during\s+|over\s+)?the\s+first\s+(\w+)\s+months\s+(?:of\s+)?(?:((?:19|20)\d\d)|(this|the|last)\s+year)",
        ),
        (
            "quarter",
            "<quarter>",
            rf"\b(?:in\s+|during\s+)?the\s+(first|second|third|fourth|last|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(?:{Y}|(this|the|last)\s+year))?",
        ),
        (
            "half",
            "half",
            rf"\b(?:in\s+|during\s+|over\s+)?the\s+(first|second|1st|2nd)\s+half\s+of\s+(?:{Y}|(this|the|last)\s+year)",
        ),
        ("dmy", "<digit> <month>", rf"\b{D}\s+(?:of\s+)?({M})(?:,?\s+{Y})?(?!\d)"),
        ("mdy", "<digit> <month>", rf"\b({M})\s+{D}(?:,?\s+{Y})?(?![\d:])"),
        (
            "year_start",
            "since|year",
            r"\b(?:since\s+the\s+(?:beginning|start)\s+of\s+(?:this|the)\s+year|so\s+far\s+this\s+year|since\s+January\s+1|this\s+year\s+so\s+far|since\s+the\s+new\s+year|year\s+to\s+date)\b",
        ),
        ("year_start_of", "<year> since", rf"\bsince\s+the\s+(?:beginning|start)\s+of\s+{Y}\b"),
        ("month_year", "<year> <month>", rf"\b({M})\s+(?:month\s+)?{Y}\b"),
        (
            "month_rel",
            "<month>",
            rf"\b(?:in|since|from|during|until|by|of|early|late|mid|mid-|throughout|last|this)\s+(?:the\s+month\s+of\s+)?({M})(?:\s+month)?{REL_YEAR}\b",
        ),
        ("year_range", "<year> between", rf"\bbetween\s+{Y}\s+and\s+{Y}\b"),
        (
            "year",
            "<year>",
            rf"\b(?:in|during|since|for|throughout|from|of|over)\s+(?:the\s+year\s+)?(?:of\s+)?{Y}(?:\s+year)?\b(?!\s*[-–]\d)",
        ),
        (
            "next_day",
            "day|morning",
            r"\b(?:the\s+following|the\s+next)\s+(?:day|morning)\b|\bnext\s+day\b",
        ),
        (
            "same_day",
            "day",
            r"\b(?:later|earlier)\s+(?:the\s+same|that)\s+day\b|\bon\s+the\s+same\s+day\b|\bthe\s+same\s+day\b|"
            r"\bon\s+the\s+day\s+of\s+(?:the|that|this)\s+(?:visit|inspection|incident|accident|blast|"
            r"explosion|attack|ceremony|handover)\b",
        ),
        ("yesterday", "yesterday|night", r"\byesterday\b|\blast\s+night\b"),
        # a daily summary's "over the past day" / "in the last 24 hours": the day before
        (
            "yesterday",
            "past|last day|hours",
            r"\b(?:over|in|during|for)\s+the\s+(?:past|last)\s+(?:day|24\s+hours)\b",
        ),
        (
            "same_day",
            "later",
            r"\b(?:hours|minutes|an\s+hour|a\s+few\s+hours)\s+later\b",
        ),
        ("last_year", "year", r"\blast\s+year\b|\bthe\s+previous\s+year\b"),
        ("today", "today|morning|tonight", r"\btoday\b|\bthis\s+morning\b|\btonight\b"),
        ("last_week", "week", r"\blast\s+week\b|\bthe\s+previous\s+week\b|\bthe\s+past\s+week\b"),
        ("this_week", "week", r"\bthis\s+week\b"),
        ("last_month", "month", r"\blast\s+month\b|\bthe\s+previous\s+month\b"),
        ("this_month", "month", r"\b(?:earlier\s+)?this\s+month\b"),
        (
            "weekday",
            "monday|tuesday|wednesday|thursday|friday|saturday|sunday",
            r"\b(?:on\s+|last\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?\b",
        ),
    ]
    assert not any(re.search(r"\\[A-Z]", p) for _, _, p in raw)  # lower() keeps escapes
    return [
        (
            name,
            tuple(frozenset(item.split("|")) for item in needs.split()),
            re.compile(p, re.IGNORECASE),
            re.compile(p.lower()),
        )
        for name, needs, p in raw
    ]


_MONTH3 = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_START = re.compile(rf"\b(?:{'|'.join(_MONTH3)})")
_YEAR = re.compile(r"(?:19|20)\d\d")


@cache
def _vocabulary() -> frozenset[str]:
    """Every word and marker that some pattern needs."""
    return frozenset(w for _, needs, _, _ in _patterns() for need in needs for w in need)


@lru_cache(maxsize=1024)
def _runnable(present: frozenset[str]) -> list[_Compiled]:
    """The patterns whose needs are met by `present` (a subset of the vocabulary)."""
    return [p for p in _patterns() if not any(present.isdisjoint(need) for need in p[1])]


def _present(text: str, cue: Cues) -> frozenset[str]:
    """The needed words and markers that a sentence has."""
    marks = set(cue.words & _vocabulary())
    if cue.digit:
        marks.add("<digit>")
        if _YEAR.search(text):
            marks.add("<year>")
    if any(m in cue.low for m in _MONTH3) and _MONTH_START.search(cue.low):
        marks.add("<month>")
    if "-" in text or "–" in text:
        marks.add("<dash>")
    if "quarter" in cue.low:
        marks.add("<quarter>")
    return frozenset(marks)


# A date after "the statement of" or "produced in" is no period of the facts. The nouns and
# verbs are kept apart so that a sentence with none of them skips both look-behind checks.
_DOCUMENT_NOUNS = ("statement", "agreement", "declaration", "accord", "decree", "resolution",
                   "law", "convention", "treaty", "ceasefire", "protocol", "memorandum", "letter",
                   "report")  # fmt: skip
_PRODUCTION_VERBS = ("produced", "made", "manufactured", "dating", "dated", "built", "fabricated")
_NOT_A_PERIOD = re.compile(
    rf"(?:{'|'.join(_DOCUMENT_NOUNS)})\s+(?:signed\s+|adopted\s+|issued\s+)?"
    r"(?:of|on|dated|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PRODUCTION = re.compile(
    rf"(?:{'|'.join(_PRODUCTION_VERBS)})\s+(?:from\s+|back\s+to\s+)?"
    r"(?:in\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+)?(?:in\s+)?$",
    re.IGNORECASE,
)
# "since the ceasefire of 27 November": the day the document is dated opens the period
_SINCE_DOCUMENT = re.compile(
    rf"\bsince\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(_DOCUMENT_NOUNS)})\s+"
    r"(?:signed\s+|adopted\s+|issued\s+)?(?:of|on|dated)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"\b(?:than|compared|against|versus|vs\.?|(?:up|down|rise|fall|increase|decrease|drop)\s+"
    r"from|same\s+(?:period|time|months?))\b"
    r"[^.;:]{0,40}$",
    re.IGNORECASE,
)
_SINCE_BEFORE = re.compile(r"\bsince\b[^.;:!?]{0,70}$", re.IGNORECASE)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _prec(first: dt.date, last: dt.date) -> int:
    days = (last - first).days + 1
    if days <= 1:
        return 1
    if days <= 6:
        return 2
    if days <= 8:
        return 3
    if days <= 31:
        return 4
    return 5


def _year_for(month: int, day: int, pub: dt.date | None, rel: str | None) -> int | None:
    """The year of a day-month (or month) with no year: latest on or before publication."""
    if pub is None:
        return None
    if rel:
        word = rel.split()[-1].lower()
        return pub.year - 1 if word in {"last", "previous"} else pub.year
    try:
        candidate = dt.date(pub.year, month, day)
    except ValueError:
        return pub.year
    return pub.year if candidate <= pub else pub.year - 1


def _safe_date(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month(token: str) -> int:
    return _MONTHS[lower_folded(token).rstrip(".")]  # IGNORECASE matched "Auguſt" too


def _resolve(name: str, m: re.Match[str], pub: dt.date | None) -> DateExpr | None:
    g = m.groups()
    s, e = m.span()
    first: dt.date | None = None
    last: dt.date | None = None
    open_ended = False
    anaphoric = False
    if name == "year_to":
        last = _safe_date(int(g[2]), _month(g[1]), int(g[0]))
        if last is None:
            return None
        first = last.replace(year=last.year - 1) + dt.timedelta(days=1) if (
            last.month, last.day) != (2, 29) else dt.date(last.year - 1, 3, 1)  # fmt: skip
    elif name in ("dmy_range", "mdy_range"):
        v = [x for x in g if x is not None]
        d1, m1, y1, d2, m2, y2 = v if name == "dmy_range" else (v[1], v[0], v[2], v[4], v[3], v[5])
        first = _safe_date(int(y1), _month(m1), int(d1))
        last = _safe_date(int(y2), _month(m2), int(d2))
        if first is None or last is None or first > last:
            return None
    elif name == "day_range":
        month = _month(g[3]) if len(g) > 4 else _month(g[2])
        d1, d2 = int(g[0]), int(g[2] if len(g) > 4 else g[1])
        year_tok = g[4] if len(g) > 4 else g[3]
        m1 = _month(g[1]) if len(g) > 4 and g[1] else month
        year = int(year_tok) if year_tok else _year_for(month, d2, pub, None)
        # "between 29 April and 5 May"; "from 28 December to 3 January" starts the year before
        y1 = year - 1 if year is not None and m1 > month else year
        first, last = _safe_date(y1, m1, d1), _safe_date(year, month, d2)
    elif name == "day_range_us":
        month = _month(g[0])
        year = int(g[3]) if g[3] else _year_for(month, int(g[2]), pub, None)
        first, last = _safe_date(year, month, int(g[1])), _safe_date(year, month, int(g[2]))
    elif name == "month_range":
        m1, m2 = _month(g[0]), _month(g[2])
        rel = g[4] if len(g) > 4 else None
        y2 = int(g[3]) if g[3] else (int(g[1]) if g[1] else _year_for(m2, 1, pub, rel))
        y1 = int(g[1]) if g[1] else (y2 - 1 if y2 is not None and m1 > m2 else y2)
        if y1 is not None and y2 is not None:
            first, last = dt.date(y1, m1, 1), _month_end(y2, m2)
    elif name == "month_span":
        m1, m2 = _month(g[0]), _month(g[1])
        y2 = int(g[2]) if g[2] else _year_for(m2, 1, pub, None)
        if y2 is not None:
            first, last = dt.date(y2 - (m1 > m2), m1, 1), _month_end(y2, m2)
    elif name == "first_months":
        count = _COUNT_WORDS.get(lower_folded(g[0]))
        if count is None:
            return None
        year = int(g[1]) if g[1] else _year_for(12, 31, pub, g[2] if g[2] != "the" else "this")
        if year is not None:
            first, last = dt.date(year, 1, 1), _month_end(year, count)
    elif name == "quarter":
        q = _ORDINAL_WORDS[lower_folded(g[0])]
        year = int(g[1]) if g[1] else None
        if year is None and pub is not None:
            year = pub.year - 1 if (g[2] or "").lower() == "last" else pub.year
            if dt.date(year, 3 * q - 2, 1) > pub:
                year -= 1
        if year is not None:
            first, last = dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    elif name == "half":
        h = _ORDINAL_WORDS[lower_folded(g[0])]
        year = int(g[1]) if g[1] else None
        if year is None and pub is not None:
            year = pub.year - 1 if (g[2] or "").lower() == "last" else pub.year
            if dt.date(year, 6 * h - 5, 1) > pub:
                year -= 1
        if year is not None:
            first, last = dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h)
    elif name in {"dmy", "mdy"}:
        day, mon = (g[0], g[1]) if name == "dmy" else (g[1], g[0])
        month, d = _month(mon), int(day)
        if not 1 <= d <= 31:
            return None
        if mon.lower().startswith("may") and not g[2] and name == "mdy":
            return None
        year = int(g[2]) if g[2] else _year_for(month, d, pub, None)
        first = last = _safe_date(year, month, d)
    elif name == "year_start":
        if pub is not None:
            first, last, open_ended = dt.date(pub.year, 1, 1), None, True
    elif name == "year_start_of":
        first, last, open_ended = dt.date(int(g[0]), 1, 1), None, True
    elif name == "month_year":
        month, year = _month(g[0]), int(g[1])
        first, last = dt.date(year, month, 1), _month_end(year, month)
    elif name == "month_rel":
        if g[0].lower().startswith("may") and g[0][0] != "M":
            return None
        month = _month(g[0])
        year = _year_for(month, 1, pub, g[1])
        if year is not None:
            first, last = dt.date(year, month, 1), _month_end(year, month)
    elif name == "year_range":
        first, last = dt.date(int(g[0]), 1, 1), dt.date(int(g[1]), 12, 31)
    elif name == "year":
        year = int(g[0])
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if m.group().lower().startswith("since"):
            last, open_ended = None, True
    elif name == "anaphor":
        anaphoric = True
        if g[0]:  # "the same period of 2022": the caller moves the earlier period to 2022
            first = dt.date(int(g[0]), 1, 1)
    elif name in {"next_day", "same_day"}:
        anaphoric = True
    elif pub is not None:
        if name == "yesterday":
            first = last = pub - dt.timedelta(days=1)
        elif name == "today":
            first = last = pub
        elif name == "last_year":
            first, last = dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31)
        elif name == "last_week":
            monday = pub - dt.timedelta(days=pub.weekday() + 7)
            first, last = monday, monday + dt.timedelta(days=6)
        elif name == "this_week":
            first, last = pub - dt.timedelta(days=pub.weekday()), pub
        elif name == "last_month":
            end = pub.replace(day=1) - dt.timedelta(days=1)
            first, last = end.replace(day=1), end
        elif name == "this_month":
            first, last = pub.replace(day=1), _month_end(pub.year, pub.month)
        elif name == "weekday":
            back = (pub.weekday() - _WEEKDAYS[lower_folded(g[0])]) % 7
            if m.group().lower().startswith("last") and back == 0:
                back = 7
            first = last = pub - dt.timedelta(days=back)
    if first is None and not anaphoric and name not in _RELATIVE:
        return None
    prec = None
    if first is not None:
        prec = 5 if open_ended and name.startswith("year") else _prec(first, last or first)
        if open_ended and name == "year":
            prec = 5
    return DateExpr(s, e, first, last, prec, open_ended, anaphoric, m.group())


_RELATIVE = {"yesterday", "today", "last_week", "last_year", "this_week", "last_month",
             "this_month", "weekday", "year_start", "first_months", "quarter", "half",
             "month_rel", "day_range", "dmy", "mdy", "month_range", "day_range_us",
             "month_span", "dmy_range", "mdy_range", "year_to"}  # fmt: skip


def find_dates(
    text: str, offset: int, published: dt.date | None, cue: Cues | None = None
) -> list[DateExpr]:
    """Date and period phrases of one sentence, resolved; offsets are absolute.

    Only the patterns whose needed words are in the sentence run (most need a digit or
    a month name), which skips most of the 26 patterns on a typical sentence.
    """
    cue = cue or cues(text)
    present = _present(text, cue)
    runnable = _runnable(present)
    if not runnable and "since" not in present:
        return []
    check_document = any(w in cue.low for w in _DOCUMENT_NOUNS)
    check_production = any(w in cue.low for w in _PRODUCTION_VERBS)
    check_since = "since" in present
    taken: list[tuple[int, int]] = []
    found: list[DateExpr] = []
    event_re, events = _events()
    for event in event_re.finditer(text) if check_since else ():
        phrase = event.group().lower()
        day = next((d for n, d in events.items() if n in phrase), None)
        if day is not None:
            found.append(DateExpr(event.start(), event.end(), day, None, 1, True, False,
                                  event.group()))  # fmt: skip
            taken.append(event.span())
    for name, _, pattern, lowered in runnable:
        for hit in lowered.finditer(cue.low):
            m = pattern.match(text, hit.start())  # the same match, with the text's own case
            if m is None:  # pragma: no cover - the two patterns agree on every input
                continue
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            before = text[max(0, s - 60) : s]
            if (
                check_document
                and _NOT_A_PERIOD.search(before)
                and not (check_since and _SINCE_DOCUMENT.search(before))
            ) or (check_production and _PRODUCTION.search(before)):
                taken.append((s, e))
                continue
            expr = _resolve(name, m, published)
            taken.append((s, e))
            if expr is None or (name == "last_year" and _COMPARISON.search(before)):
                continue  # "up from 250 last year": a figure compared with, not a period
            if (
                expr.first is not None
                and not expr.open_ended
                and not m.group().lower().startswith("since")
                and check_since
                and _SINCE_BEFORE.search(before)
                and not any(x.open_ended for x in found)
            ):
                # "since the end of the war on 10 November 2020": the date opens a period.
                expr = DateExpr(s, e, expr.first, None, expr.prec, True, False, expr.text)
            elif m.group().lower().startswith("since") and expr.first is not None:
                expr = DateExpr(s, e, expr.first, None, expr.prec, True, False, expr.text)
            found.append(expr)
    shifted = [
        DateExpr(
            x.start + offset,
            x.end + offset,
            x.first,
            x.last,
            x.prec,
            x.open_ended,
            x.anaphoric,
            x.text,
        )
        for x in found
    ]
    return sorted(shifted, key=lambda x: x.start)


_REPORTING = re.compile(
    r"\b(?:said|says|told\s+(?:\w+\s+){0,2}?|reported|announced|stated|added|noted|informed|"
    r"confirmed|wrote|posted)(?:\s+(?:at|in|during)\s+(?:a|an|its|the)\s+(?:\w+\s+){0,2}?"
    r"(?:briefing|statement|conference|report|interview|post|release))?\s+$",
    re.IGNORECASE,
)
_RECENT = re.compile(r"(?:earlier\s+)?(?:last|this)\s+(?:week|month)\b", re.IGNORECASE)


_PUBLISHED = re.compile(
    r"\b(?:report|statement|bulletin|review|figures|data|survey|study)\s*,?\s+(?:which\s+was\s+|"
    r"was\s+)?(?:released|published|issued|presented)\s+(?:on\s+|in\s+)?$",
    re.IGNORECASE,
)


def dates_the_report(before: str, d: DateExpr) -> bool:
    """A day or a recent week right after a speech verb ("said on Monday", "said last week"),
    or any date a report was released on ("its annual report, released in June"), dates the
    statement, not what it reports; `before` is the sentence text before the date."""
    if _PUBLISHED.search(before[-60:]):
        return True
    recent = d.is_day or _RECENT.match(d.text) is not None
    return recent and bool(_REPORTING.search(re.sub(r"\bon\s+$", "", before[-60:])))
