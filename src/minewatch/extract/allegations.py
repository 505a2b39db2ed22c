"""Allegations: statements of blame or treaty violation, kept out of every count.

An allegation is who accuses whom of what ("X accused Y of laying mines", "Y, contrary to
point 4 of the trilateral statement of 10 November 2020, has not withdrawn ...", "this
activity of Y is a war crime"). It is the accuser's claim, never a verified fact: it has no
figure and no statistic counts it. The accuser is the body the sentence is attributed to; the
accused is the party as the text names it. Without either we abstain, so history pieces and
blame that nobody voices yield nothing. Lexicons live in data/allegations.json.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from minewatch.extract import authorities as auth
from minewatch.extract.context import Doc
from minewatch.extract.types import Draft, Sentence, Span

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
             "twelfth": 12}  # fmt: skip
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")  # fmt: skip
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DATE = rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH}),?\s+(?P<y1>(?:19|20)\d\d)|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d))"  # noqa: E501
_PREFILTER = re.compile(  # lower case, run on Doc.cue(i).low: a literal scan, ~7x faster
    r"accus|blam|violat|breach|contrary\s+to|as\s+required\s+by|defiance|flout|crime|"
    r"against\s+humanity|terror|genocide|ecocide|provocation|deliberate|laying\s+"
    r"(?:new\s+)?(?:land)?mines|planting\s+(?:new\s+)?(?:land)?mines|mine-laying"
)
_EXCLUDED_BEFORE = re.compile(
    r"(?:\b(?:from|against|to|into|in|on|at|towards?|with|for|across|near|inside)|"
    r"territor(?:y|ies)\s+of|soil\s+of|help\s+of|support\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PRONOUN_SUBJECT = re.compile(r"^\s*(?:It|it|They|they|He|he|She|she)\b")


@dataclass(frozen=True, slots=True)
class _Item:
    """One allegation found in a sentence, before its accuser is attached."""

    statement: str
    start: int  # sentence-relative span of the statement
    end: int
    accused: str | None = None
    accused_span: Span | None = None
    subject_end: int | None = None  # where the accusing verb starts ("X accused ...")


def _phrases(forms: list[str]) -> str:
    return "|".join(
        re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True)
    )


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The data file, by section: normalised name per lower-cased form, and name lists."""

    instruments: dict[str, str]
    crimes: dict[str, str]
    party_nouns: list[str]
    parties: list[str]


@cache
def _lexicon() -> _Lexicon:
    raw = json.loads(
        resources.files("minewatch.extract").joinpath("data/allegations.json").read_text()
    )
    return _Lexicon(
        instruments={f.lower(): e["name"] for e in raw["instruments"] for f in e["forms"]},
        crimes={f.lower(): e["name"] for e in raw["crimes"] for f in e["forms"]},
        party_nouns=raw["party_nouns"],
        parties=raw["parties"],
    )


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = _lexicon()
    instr = _phrases(list(lex.instruments))
    crimes = _phrases(list(lex.crimes))
    nouns = _phrases(lex.party_nouns)
    named = _phrases(lex.parties)
    countries = auth.country_pattern().pattern[5:-3]
    ordinal = "|".join(_ORDINALS)
    return {
        "accuse": re.compile(
            r"\b(?:accus(?:ed|es|ing|e)|blam(?:ed|es|ing|e))\s+(?P<who>[^,;.:]{1,80}?)\s+"
            r"(?:of|for)\s+(?P<what>[^;.:]{3,220})"
        ),
        "blame_on": re.compile(
            r"\bblam(?:ed|es|ing|e)\s+(?P<what>[^,;.:]{3,120}?)\s+on\s+(?P<who>[^,;.:]{2,80})"
        ),
        "blame_bare": re.compile(r"\bblam(?:ed|es|ing|e)\s+(?P<who>[^,;.:]{2,80})"),
        "violation": re.compile(
            r"\b(?:contrary\s+to|in\s+(?:(?:gross|flagrant|serious|blatant|direct)\s+)?"
            r"(?:violation|breach|defiance)\s+of|(?:(?:gross|flagrant|serious|blatant)(?:ly)?\s+)?"
            r"(?:violat(?:ed|es|ing|e|ion|ions)|breach(?:ed|es|ing)?|flout(?:ed|s|ing)?)"
            r"(?:\s+of)?|(?:as\s+)?required\s+by|non-compliance\s+with|"
            r"fail(?:ed|s|ing)?\s+to\s+(?:comply\s+with|fulfil+|honou?r|respect))\b",
            re.IGNORECASE,
        ),
        "reference": re.compile(
            rf"(?:(?:the\s+)?(?:(?P<ord>\d{{1,2}})(?:st|nd|rd|th)|(?P<word>{ordinal}))\s+"
            rf"(?P<unit>point|paragraph|article|clause|provision)|(?P<unit2>point|paragraph|"
            rf"article|clause)\s+(?P<num>\d{{1,2}}))\s+of\s+(?:the\s+)?|"
            rf"(?:the\s+)?(?:obligations\s+(?:taken|assumed|undertaken)\s+[^.;]{{0,60}}?"
            rf"(?:under|within\s+the\s+framework\s+of)\s+(?:the\s+)?)?"
            rf"(?=(?:{instr}|same\s+(?:document|statement|agreement))\b)",
            re.IGNORECASE,
        ),
        "instrument": re.compile(
            rf"(?P<same>same\s+(?:document|statement|agreement))\b|(?P<instr>{instr})\b"
            rf"(?:\s+(?:signed\s+|adopted\s+)?(?:of|on|dated)\s+{_DATE})?",
            re.IGNORECASE,
        ),
        "crime": re.compile(
            rf"\b(?:is|are|was|were|be|been|constitut(?:es?|ed|ing)|amounts?\s+to|amounted\s+to|"
            rf"called\s+[^.;]{{1,60}}?|described\s+[^.;]{{1,60}}?\s+as|qualified\s+[^.;]{{1,60}}?"
            rf"\s+as|commit(?:s|ted|ting)?|guilty\s+of)\s+(?:an?\s+)?(?:(?:serious|grave|"
            rf"blatant|flagrant|real|new|another)\s+)?(?P<crime>{crimes})\b",
            re.IGNORECASE,
        ),
        "provocation": re.compile(
            r"\b(?:(?:commit|stag|continu|carr(?:y|i))\w*\s+(?:out\s+)?(?:(?:military|armed|new)"
            r"\s+)?provocations?|(?:military|armed)\s+provocations?)(?:\s+by\s+[A-Z][\w-]+)?"
            r"(?:\s+against\s+(?P<target>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?))?",
            re.IGNORECASE,
        ),
        "laying": re.compile(
            r"\b(?P<qual>deliberate(?:ly)?|continued|new|fresh|renewed|systematic(?:ally)?|"
            r"(?:has|have)\s+not\s+stopped|continu(?:es|ed|ing)(?:\s+to)?|keeps?|kept)\s+"
            r"(?:(?:deliberate(?:ly)?|new)\s+)?(?:laying|planting|mine-laying|laid|planted|lay|plant)"
            r"(?:\s+of)?(?:\s+(?:new\s+)?(?:land)?mines)?",
            re.IGNORECASE,
        ),
        "party": re.compile(
            rf"(?<![\w-])(?:(?P<named>{named})|(?P<adj>{countries})\s+(?:(?:armed|military|"
            rf"regular|special)\s+)?(?P<noun>{nouns})|(?P<country>{countries}))(?![\w-])"
        ),
    }


def _ordinal_value(m: re.Match[str]) -> int | None:
    if m.group("ord"):
        return int(m.group("ord"))
    if m.group("word"):
        return _ORDINALS[m.group("word").lower()]
    if m.group("num"):
        return int(m.group("num"))
    return None


def _iso(m: re.Match[str]) -> str | None:
    day = m.group("d1") or m.group("d2")
    month = m.group("m1") or m.group("m2")
    year = m.group("y1") or m.group("y2")
    if not (day and month and year):
        return None
    try:
        return dt.date(int(year), _MONTH_NAMES.index(month.lower()) + 1, int(day)).isoformat()
    except ValueError:
        return None


class _Memory:
    """What earlier sentences established: instrument dates, the last instrument and party."""

    def __init__(self) -> None:
        self.dates: dict[str, str] = {}
        self.last_instrument: str | None = None
        self.last_accused: tuple[int, str] | None = None


def _violations(text: str, memory: _Memory) -> list[_Item]:
    """ "contrary to point 4 of the X of DATE", "violating the 6th point of the same document"."""
    pats = _patterns()
    instruments = _lexicon().instruments
    triggers = list(pats["violation"].finditer(text))
    out: list[_Item] = []
    for n, trig in enumerate(triggers):
        stop = triggers[n + 1].start() if n + 1 < len(triggers) else len(text)
        pos = trig.end()
        while pos < stop:
            ref = pats["reference"].search(text, pos, stop)
            if ref is None or ref.start() - pos > 40:
                break
            inst = pats["instrument"].match(text, ref.end())
            if inst is None or inst.start() >= stop:
                pos = ref.end() + 1
                continue
            if inst.group("same"):
                name = memory.last_instrument
            else:
                name = instruments.get(re.sub(r"\s+", " ", inst.group("instr").lower()))
            if name is None:
                pos = inst.end()
                continue
            date = _iso(inst) if inst.group("instr") else None
            if date:
                memory.dates[name] = date
            memory.last_instrument = name
            date = date or memory.dates.get(name)
            point = _ordinal_value(ref) if ref.group() else None
            unit = (ref.group("unit") or ref.group("unit2") or "point").lower()
            what = f"the {name}" if name[0].islower() or name.startswith("trilateral") else name
            if name in {"international humanitarian law", "international law"}:
                what = name
            statement = "violation of " + (f"{unit} {point} of " if point else "") + what
            if date:
                statement += f" of {date}"
            out.append(_Item(statement, trig.start(), inst.end()))
            pos = inst.end()
    return out


def _clean_what(what: str) -> str:
    """A short normalised description from an accusation's object clause."""
    what = re.split(
        r",\s+(?:the|which|who|it|he|she|they|saying|pointing|adding|citing|according|"
        r"and\s+(?:said|added|called))\b|\s+(?:and|but)\s+(?:said|says|added|called|urged)\b",
        what,
    )[0]
    what = re.sub(
        r"\s+(?:near|around|outside|in|at|on)\s+(?:the\s+)?(?:village|town|city|district|region|"
        r"province|area|outskirts|border)\b.*$|\s+(?:on|last|this)\s+\w+day\b.*$",
        "",
        what,
    )
    words = what.split()
    if len(words) > 14:
        words = words[:14]
    text = " ".join(words).strip(" ,\"'“”")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _party_in(text: str, offset: int = 0) -> tuple[str, Span] | None:
    m = _patterns()["party"].search(text)
    if m is None:
        return None
    name = m.group()
    return name, (offset + m.start(), offset + m.end())


def _accusations(text: str) -> list[_Item]:
    pats = _patterns()
    out: list[_Item] = []
    for m in pats["accuse"].finditer(text):
        who = re.sub(r"^(?:the|The)\s+", "", m.group("who")).strip()
        if _party_in(who) is None or re.search(r"\beach\s+other\b|\bone\s+another\b", who):
            continue
        lead = m.group("who").find(who)
        span = (m.start("who") + lead, m.start("who") + lead + len(who))
        out.append(_Item(_clean_what(m.group("what")), m.start(), m.end(), who, span, m.start()))
    for m in pats["blame_on"].finditer(text):
        if any(i.start == m.start() for i in out):
            continue
        party = _party_in(m.group("who"), m.start("who"))
        if party is not None:
            out.append(_Item(_clean_what(m.group("what")), m.start(), m.end(), party[0],
                             party[1], m.start()))  # fmt: skip
    for m in pats["blame_bare"].finditer(text):
        if any(i.start == m.start() for i in out):
            continue
        party = _party_in(m.group("who"), m.start("who"))
        if party is not None and party[1][0] - m.start("who") <= 4:
            end = re.search(r"\s+(?:which|who|that|for)\b|$", m.group("who"))
            stop = m.start("who") + (end.start() if end else len(m.group("who")))
            who = text[party[1][0] : stop].strip(" ,")
            out.append(_Item("responsibility for the incident", m.start(), m.end(), who,
                             (party[1][0], party[1][0] + len(who)), m.start()))  # fmt: skip
    return out


def _other_items(text: str, memory: _Memory) -> list[_Item]:
    pats = _patterns()
    crimes = _lexicon().crimes
    out = _violations(text, memory)
    for m in pats["crime"].finditer(text):
        name = crimes.get(re.sub(r"\s+", " ", m.group("crime").lower()), "war crime")
        out.append(_Item(name, m.start(), m.end()))
    for m in pats["provocation"].finditer(text):
        target = m.group("target")
        statement = f"provocations against {target}" if target else "provocations"
        out.append(_Item(statement, m.start(), m.end()))
    for m in pats["laying"].finditer(text):
        qual = m.group("qual").lower()
        if qual == "new" and not re.search(r"\b(?:planting|laying|mine-laying)\b", m.group()):
            continue
        low = m.group().lower()
        statement = "continued laying of mines"
        if "deliberate" in low:
            statement = "deliberate laying of mines"
        elif re.search(r"\b(?:new|fresh|renewed)\b", low):
            statement = "laying of new mines"
        out.append(_Item(statement, m.start(), m.end()))
    return out


def _accused(s: Sentence, item: _Item, accuser_country: str | None) -> tuple[str, Span] | None:
    """The party a statement blames: the clause subject before it, or "by X" / "of X" after."""
    text = s.text
    pats = _patterns()
    start = text.rfind(" that ", 0, item.start)
    start = start + 6 if start >= 0 else 0
    for m in pats["party"].finditer(text, start, item.start):
        if _EXCLUDED_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        if text[m.end() : m.end() + 5].startswith(("-made", " made", "'s ", "’s ")):
            continue
        if _country(m.group()) == accuser_country:
            continue
        return m.group(), (s.start + m.start(), s.start + m.end())
    after = re.compile(r"\s+(?:by|of)\s+(?:the\s+)?$")
    for m in pats["party"].finditer(text, item.start, min(len(text), item.end + 60)):
        before = text[max(0, m.start() - 30) : m.start()]
        agent = after.search(before) and not _EXCLUDED_BEFORE.search(before)
        if agent and _country(m.group()) != accuser_country:
            return m.group(), (s.start + m.start(), s.start + m.end())
    return None


def _agent_before(doc: Doc, i: int, accuser_country: str | None) -> tuple[str, Span] | None:
    """The party the previous sentence names as the agent ("The mines were laid by X")."""
    if i == 0:
        return None
    prev = doc.sentences[i - 1]
    for m in _patterns()["party"].finditer(prev.text):
        before = prev.text[max(0, m.start() - 40) : m.start()]
        agent = re.search(r"\bby\s+(?:\w+\s+){0,4}$", before) and not _EXCLUDED_BEFORE.search(
            before
        )
        if agent and _country(m.group()) != accuser_country:
            return m.group(), (prev.start + m.start(), prev.start + m.end())
    return None


def _country(party: str) -> str | None:
    first = party.split()[0] if party.split() else party
    return auth.country_of(party) or auth.country_of(first)


def _accuser_country(name: str) -> str | None:
    m = re.search(r"\bof\s+(?:the\s+)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)$", name)
    if m and auth.country_of(m.group(1)):
        return auth.country_of(m.group(1))
    _, table = auth._lexicon()
    body = table.get(name)
    return body.country if body is not None else auth.country_of(name)


def _accuser(doc: Doc, i: int, item: _Item) -> tuple[str | None, Span | None]:
    """The body voicing the allegation: the subject of "X accused", else the attribution."""
    s = doc.sentences[i]
    if item.subject_end is not None and not _PRONOUN_SUBJECT.match(s.text[: item.subject_end]):
        clause_start = max(s.text.rfind(",", 0, item.subject_end - 40), 0)
        lo, hi = s.start + clause_start, s.start + item.subject_end
        subjects = [m for m in doc.mentions(i) if lo <= m.start and m.end <= hi]
        if subjects:
            m = subjects[-1]
            return m.name, (m.start, m.end)
        name, span = doc.authority([i])
        if name is not None:
            return name, span
        zone = s.text[clause_start : item.subject_end]
        party = _party_in(zone, s.start + clause_start)
        if party is not None and _country(party[0]):
            return _country(party[0]), party[1]
        return None, None
    return doc.authority([i])


def _is_history(doc: Doc, i: int) -> bool:
    """A sentence dated years before publication is history, not a current allegation."""
    if doc.published is None:
        return False
    dated = [d for d in doc.dates(i) if d.first is not None and not d.open_ended]
    limit = doc.published - dt.timedelta(days=3 * 365)
    return bool(dated) and all((d.last or d.first) < limit for d in dated)  # type: ignore[operator]


def extract_allegations(doc: Doc) -> list[Draft]:
    """Who accuses whom of what, one draft per distinct statement of a document."""
    memory = _Memory()
    drafts: list[Draft] = []
    seen: set[tuple[str | None, str, str]] = set()
    for i, s in enumerate(doc.sentences):
        if s.headline or not _PREFILTER.search(doc.cue(i).low):
            continue
        items = _accusations(s.text)
        taken = [(it.start, it.end) for it in items]
        items += [it for it in _other_items(s.text, memory)
                  if not any(a <= it.start < b for a, b in taken)]  # fmt: skip
        if not items or _is_history(doc, i):
            continue
        for item in sorted(items, key=lambda it: it.start):
            accuser, accuser_span = _accuser(doc, i, item)
            if accuser is None:
                continue
            accused: tuple[str, Span] | None = None
            if item.accused is not None and item.accused_span is not None:
                span = item.accused_span
                accused = item.accused, (s.start + span[0], s.start + span[1])
            else:
                country = _accuser_country(accuser)
                accused = _accused(s, item, country) or _agent_before(doc, i, country)
            if accused is None and memory.last_accused and i - memory.last_accused[0] <= 2:
                accused = memory.last_accused[1], None  # type: ignore[assignment]
            if accused is None:
                continue
            memory.last_accused = (i, accused[0])
            key = (accuser, accused[0], item.statement)
            if key in seen:
                continue
            seen.add(key)
            drafts.append(_draft(s, item, accuser, accuser_span, accused))
    return drafts


def _draft(
    s: Sentence,
    item: _Item,
    accuser: str,
    accuser_span: Span | None,
    accused: tuple[str, Span | None],
) -> Draft:
    spans: dict[str, Span] = {"statement": (s.start + item.start, s.start + item.end)}
    if accused[1] is not None:
        spans["accused"] = accused[1]
    if accuser_span is not None:
        spans["accuser"] = accuser_span
        spans["authority"] = accuser_span
    fields: dict[str, object] = {
        "accuser": accuser,
        "accused": accused[0],
        "statement": item.statement,
        "authority": accuser,
    }
    draft = Draft("allegation", fields, [s], spans=spans, anchor=s.start + item.start)
    draft.authority_span = accuser_span
    return draft
