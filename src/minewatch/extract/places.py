"""Place phrases: the location text a report attaches to a figure, copied as written.

Only spans here; matching them to gazetteer entries (and where_prec) comes later. A place
phrase follows a locative preposition ("in", "near", "north of") and is a run of
capitalised names joined by commas and "and", with admin and feature words ("district",
"province", "the village of", "northern direction of the ... height").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from minewatch.extract.tokens import lower_folded

_ADMIN = (
    "districts?|provinces?|regions?|governorates?|municipalit(?:y|ies)|communit(?:y|ies)|"
    "communes?|townships?|villages?|city|cities|towns?|oblasts?|raions?|count(?:y|ies)|"
    "areas?|settlements?|height|heights|directions?|borders?|outskirts|territory|territories|"
    "parts?|deserts?|mountains|valleys?|zones?|front|sectors?|economic|rural|de-occupied|"
    "liberated|northern|southern|eastern|western|central|streets|states?|departments?|cantons?|"
    "tehsils?|woredas?|upazilas?|prefectures?|parish|parishes|wilayas?|sub-districts?|"
    "localit(?:y|ies)|hamlets?|LGAs?|"
    "Region|Province|District|Township|Governorate|"
    # physical features a find or incident is placed at ("the Murovdag ridge")
    "ridges?|hills?|hillsides?|slopes?|plateaus?|pass|passes|rivers?|riverbanks?|lakes?|"
    "forests?|woods|roads?|highways?|airports?|airfields?|railways?|bridges?|canals?|dams?|"
    "minefields?|front\\s+line|suburbs?|neighbourhoods?|neighborhoods?|quarters?|camps?|"
    "oil\\s+fields?|oilfields?|gas\\s+fields?|"
    "bases?|coasts?|islands?|peninsulas?|"
    "Ridge|Hills?|Pass|River|Lake|Forest|Airport|Highway|Mountains?"
)
_LEAD = (
    r"(?:near|(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of|"
    r"outside|around|along|above|below|beyond|close\s+to|next\s+to)"
)
_DESCRIPTIVE = (
    r"(?:(?:northern|southern|eastern|western|central)\s+directions?\s+of\s+(?:the\s+)?|"
    r"(?:the\s+)?outskirts\s+of\s+|(?:the\s+)?(?:old\s+)?(?:village|town|city|settlement|hamlet|locality|"
    r"municipalities|municipality|districts?|provinces?|governorates?|regions?|oblasts?|"
    r"counties|states|areas?)\s+of\s+|(?:the\s+)?(?:rural\s+area|edge|outskirts|centre|center|heart|north|south|east|west)\s+of\s+|"
    r"(?:the\s+)?desert\s+(?:north|south|east|west)\s+of\s+|(?:the\s+)?streets\s+of\s+(?:the\s+)?|"
    r"(?:the\s+)?territory\s+of\s+(?:the\s+)?|(?:the\s+)?de-occupied\s+part\s+of\s+(?:the\s+)?|"
    r"(?:the\s+)?(?:(?:northern|southern|eastern|western)\s+)?suburbs\s+of\s+|"
    r"(?:the\s+)?(?:slopes?|foot|banks?|shores?)\s+of\s+(?:the\s+)?|(?:the\s+)?height\s+|"
    r"(?:the\s+)?(?:(?:northern|southern|eastern|western|central)\s+)?(?:sector|section|edge|part)"
    r"\s+of\s+(?:the\s+)?|(?:the\s+)?(?:road|highway|route|track|path|railway)\s+between\s+|"
    r"(?:northern|southern|eastern|western|central|north-eastern|north-western|south-eastern|"
    r"south-western|northeastern|northwestern|southeastern|southwestern)\s+(?=[A-Z]))"
)
# A name: capitalised words, with the lower-case particles of Arabic, Romance and Dutch
# names between them ("Deir ez-Zor", "Ras al-Ain", "San José del Guaviare", "Nad-e Ali").
_NAME = (
    r"[A-Z][\w'’.-]*(?:\s+(?:de|del|da|do|dos|das|di|du|des|al|el|la|le|of|bin|ibn|van|von)"
    r"\s+[A-Z][\w'’-]*|\s+(?:al|el|ez|ed|es|ad|ar|as|ash|an|az|at|ud|ul|um|e|i)-[A-Z][\w'’-]*|"
    r"\s+[A-Z][\w'’-]*){0,3}"
)
_ANAPHORA = re.compile(
    r"\b(?:[Ii]n|[Aa]cross|[Tt]hroughout|of)\s+the\s+(region|province|governorate|district|oblast|"
    r"municipality|department|county|country)\b|\b[Tt]he\s+(province|region|governorate|oblast)\s+"
    r"(?:registered|recorded|reported)|\b([Nn]ationwide|[Cc]ountrywide)\b|"
    # "in the three provinces": the list named before
    r"\b(?:[Ii]n|[Aa]cross|[Tt]hroughout)\s+(?:the|these|those)\s+(?:two|three|four|five|six|seven|"
    r"eight|nine|ten|\d{1,2}|same)\s+(regions|provinces|governorates|districts|oblasts|"
    r"municipalities|departments|counties|states)\b",
)
_NOT_LOCATIVE_WORDS = ("produced", "made", "manufactured", "fabricated", "withdrawn", "born",
                       "based", "citizens?", "accredited", "deployed", "stationed")  # fmt: skip
_NOT_LOCATIVE = re.compile(rf"\b(?:{'|'.join(_NOT_LOCATIVE_WORDS)})\s*$", re.IGNORECASE)
_CALENDAR_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December", "Monday", "Tuesday",
                   "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")  # fmt: skip
_STOP_NAMES = frozenset(
    [
        *_CALENDAR_NAMES,
        "The",
        "A",
        "An",
        "According",
        "Ministry",
        # bodies, not places: "counsellor at the Embassy of Japan in Ukraine"
        "Embassy",
        "Consulate",
        "Office",
        "Department",
        "Directorate",
        "Agency",
        "Committee",
        "Commission",
        "Council",
        "Parliament",
        "University",
        "Headquarters",
    ]
)


_CALENDAR = tuple(sorted(_CALENDAR_NAMES))


@dataclass(frozen=True, slots=True)
class Place:
    """A place phrase with absolute offsets; `admin` is its last admin word, if any."""

    text: str
    start: int
    end: int
    admin: str | None
    anaphoric: bool = False


@cache
def _pattern() -> re.Pattern[str]:
    months = "|".join(_CALENDAR)  # "on Tuesday near X": the match must not end at Tuesday
    bare = rf"(?![A-Z]{{2,}}\b)(?!(?:{months})\b){_NAME}(?:\s+(?:{_ADMIN})\b)*"
    unit = rf"(?:{_DESCRIPTIVE}){{0,2}}{bare}"
    listed = rf"{unit}(?:(?:,\s+|\s+and\s+){unit}){{0,9}}"
    # "... in the south of Tripoli", "... border in Mashonaland Central, Manicaland and Masvingo
    # provinces": after "in", the part of a place and a list of names
    part = r"(?:the\s+(?:north|south|east|west|centre|center)\s+of\s+)?"
    tail = (
        rf"(?:\s+in\s+{part}(?:{_LEAD}\s+)?{bare}(?:(?:,\s+|\s+and\s+){bare}){{0,9}}|"
        rf"(?:,\s+|\s+of\s+|,\s+in\s+)(?:{_LEAD}\s+)?{bare})?"
    )
    return re.compile(
        rf"\b(?:(?P<lead>{_LEAD})\s+|(?:in|at|on|across|inside|from|covered|covering|In|At|Across|"
        rf"Inside)\s+)"
        rf"(?P<body>(?:the\s+)?{listed}(?:\s+(?:{_LEAD})\s+{unit})?{tail}{tail})"
    )


_THE = re.compile(r"^the\s+")
_TERRITORY_OF = re.compile(r"^(?:territory|areas?)\s+of\s+(?:the\s+)?")
_STREETS_OF = re.compile(r"^streets\s+of\s+(?:the\s+)?")
_DIRECTIONS_OF = re.compile(r"(directions)\s+of\s+.*$")


def _clean(body: str) -> str:
    body = _THE.sub("", body)
    body = _TERRITORY_OF.sub("", body)
    body = _STREETS_OF.sub("", body)
    # "Kalbajar and Lachin directions of the Azerbaijan-Armenia border": the complement
    # of a plural direction names the border, not the place.
    if "directions" in body:
        body = _DIRECTIONS_OF.sub(r"\1", body)
    return body.rstrip(" ,.")


# Place phrases without a proper name that mine action reports use for their area of work.
_PHRASE_CUES = ("liberated", "occupied", "occupation", "front line", "front-line")
_PHRASES = re.compile(
    r"\b(?i:in|on|across|throughout|along)\s+(?P<body>(?i:(?:the\s+)?(?:"
    r"(?:territories|areas|lands|districts|regions)\s+(?:liberated|freed)\s+from\s+(?:the\s+)?"
    r"occupation|(?:liberated|de-occupied|formerly\s+occupied|recently\s+liberated)\s+"
    r"(?:territories|areas|lands|districts|regions)|"
    r"former\s+front[\s-]lines?(?:\s+(?:areas?|positions?|zones?))?))"
    # the named area it lies in, if any: "the former front line in southern Zaporizhzhia"
    r"(?:\s+(?:in|at|near|around)\s+(?:(?:northern|southern|eastern|western)\s+)?"
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:\s+(?:district|region|oblast|province))?)?)"
)
_ADMIN_WORD = re.compile(rf"\b({_ADMIN})\b")
_ANAPHORA_WORDS = ("region", "province", "governorate", "district", "oblast", "municipality",
                   "department", "county", "country", "ationwide")  # fmt: skip
_NOT_LOCATIVE_CUES = tuple(w.removesuffix("s?") for w in _NOT_LOCATIVE_WORDS)


def find_places(text: str, offset: int, low: str | None = None) -> list[Place]:
    """Place phrases of one sentence, in order (offsets absolute); `low` is `lower_folded`."""
    out: list[Place] = []
    low = lower_folded(text) if low is None else low
    locative_check = any(c in low for c in _NOT_LOCATIVE_CUES)
    for m in _pattern().finditer(text):
        body = m.group("body")
        lead = m.group("lead")
        first = _THE.sub("", body).split()[0].rstrip(".,") if body.split() else ""
        if first in _STOP_NAMES or m.group().startswith("from"):
            continue
        if locative_check and _NOT_LOCATIVE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        words = body.split()
        has_admin = _ADMIN_WORD.search(body) is not None
        if len(words) == 1 and not has_admin and not lead and first.isupper():
            continue  # a lone acronym ("in SES") is not a place
        cleaned = _clean(body)
        if lead:
            cleaned = body.rstrip(" ,.")
        start = m.start("lead") if lead else m.start("body") + body.find(cleaned.split()[0])
        admin = _ADMIN_WORD.findall(cleaned)
        phrase = f"{lead} {cleaned}" if lead else cleaned
        out.append(Place(phrase, start + offset, start + len(phrase) + offset,
                         admin[-1].lower() if admin else None))  # fmt: skip
    if any(c in low for c in _PHRASE_CUES):
        for m in _PHRASES.finditer(text):  # the phrase wins over a name inside it
            a, b = m.start("body") + offset, m.end() + offset
            out = [p for p in out if not (p.start < b and a < p.end)]
            out.append(Place(_THE.sub("", m.group("body")), a, b, None))
    anaphora = any(w in text for w in _ANAPHORA_WORDS)  # case-sensitive, like the pattern
    for m in _ANAPHORA.finditer(text) if anaphora else ():
        if not any(p.start - offset <= m.start() < p.end - offset for p in out):
            g = m.lastindex or 1
            unit = "country" if g == 3 else m.group(g).lower()  # "nationwide"
            out.append(Place(m.group(g).lower(), m.start(g) + offset, m.end(g) + offset,
                             unit, anaphoric=True))  # fmt: skip
    return sorted(out, key=lambda p: p.start)


# A country as the subject of a tally or release: "Myanmar recorded the highest toll",
# "Croatia released 27.8 square kilometres", "Syria followed with 611 casualties".
_SUBJECT = re.compile(
    r"^([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}(?P<unit>\s+(?:province|governorate|region|Region|"
    r"district|state|State|oblast|county|department))?)\s+(?:again\s+|also\s+|still\s+)?"
    r"(?:has\s+|have\s+|had\s+)?(?:recorded|registered|reported|released|cleared|cancelled|"
    r"reduced|followed|saw|suffered|logged|counted|had\s+the\s+(?:most|highest|largest))\b"
)


def subject_country(text: str, offset: int) -> Place | None:
    """The country, or the named province or region, a sentence opens with as the subject
    of its tally: "Myanmar recorded ...", "Idlib governorate recorded the highest toll",
    "Battambang province again had the most casualties". A country goes by its name, not
    its adjective."""
    m = _SUBJECT.match(text)
    if m is None:
        return None
    if m.group("unit"):
        unit = m.group("unit").strip().lower()
        return Place(m.group(1), m.start(1) + offset, m.end(1) + offset, unit)
    from minewatch.extract.authorities import country_of

    if country_of(m.group(1)) != m.group(1):
        return None
    return Place(m.group(1), m.start(1) + offset, m.end(1) + offset, "country")


# "... followed by Aleppo governorate (118 killed, 230 injured)": the next place of a ranking
_FOLLOWED = re.compile(
    r"\bfollowed\s+by\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}\s+(?:province|governorate|"
    r"region|Region|district|state|State|oblast|county|department))\b"
)


def ranking_places(text: str, offset: int) -> list[Place]:
    """The places a ranking sentence names after "followed by", in order."""
    return [Place(m.group(1), m.start(1) + offset, m.end(1) + offset, None)
            for m in _FOLLOWED.finditer(text)] if "followed" in text else []  # fmt: skip
