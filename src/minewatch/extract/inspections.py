"""Inspections: monitoring or quality visits to a mined site, with date, place and participants.

A visit sentence (inspected, visited, toured, monitoring visit, taken to the minefield)
with a date and at least one participant: people by name (titles stripped, spelled as
written) or groups by the phrase used ("foreign military attachés").
"""

from __future__ import annotations

import re
from functools import cache

from minewatch.extract.authorities import country_of
from minewatch.extract.context import Doc
from minewatch.extract.types import Draft

_TITLES = frozenset(
    [
        "major",
        "general",
        "maj-gen",
        "maj.-gen.",
        "major-general",
        "rear",
        "admiral",
        "rear-admiral",
        "counter-admiral",
        "vice-admiral",
        "admiral",
        "lieutenant",
        "colonel",
        "lt",
        "col",
        "colonel",
        "brigadier",
        "general",
        "commander",
        "head",
        "chief",
        "minister",
        "deputy",
        "ambassador",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "president",
        "governor",
        "vice-governor",
        "captain",
        "sergeant",
        "programme",
        "manager",
        "director",
    ]
)
# Words of role titles and of the bodies people are named with ("State Secretary at the
# Ministry of the Interior Ivana Kovačić"): a name starts after the last of them.
_ROLE_WORDS = frozenset(["secretary", "state", "ambassador", "envoy", "consul", "mayor", "attaché",
                         "attache", "adviser", "advisor", "coordinator", "representative",
                         "inspector", "officer", "spokesman", "spokeswoman", "interior", "defence",
                         "defense", "foreign", "affairs", "emergency", "situations", "justice",
                         "health", "sector", "unit", "division", "section", "protection", "civil",
                         "mine", "action", "national", "deputy", "chairman",
                         "chairwoman"])  # fmt: skip
_ORG_WORDS = re.compile(
    r"\b(?:Center|Centre|Ministry|Department|Office|Embassy|Programme|Program|Trust|Agency|"
    r"Army|Forces|Service|Council|Commission|Committee|Mission|Monitoring|Contingent|"
    r"Administration|Directorate|Authority|Government|Republic|Nations|Union|Group|Aid|"
    r"Foundation|Institute|Organi[sz]ation|Troops|Corps)\b"
)
# "Deputy Minister of Economy Olena Marchuk": the portfolio word before the name
_PORTFOLIO = re.compile(
    r"\b(?:Minister|Secretary|Director|Head|Chief|Commissioner)\s+(?:of|for)\s+(?:the\s+)?$"
)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        "trigger": re.compile(
            r"\b(?:inspected|visited|toured|monitoring\s+visit|inspection\s+visit|"
            r"(?:were|was)\s+(?:taken|brought|shown)\s+(?:to|around)|visit\s+was\s+(?:organi[sz]ed|paid)|"
            # "the director took the ambassador and embassy officials to the Berkaber site"
            r"(?:took|brought|showed)\s+[^.;]{3,150}?\s+(?:to|around)\s+the\s+(?:[\w-]+\s+){0,2}?"
            r"(?:site|minefield|mined\s+area|task|clearance\s+site))\b",
        ),  # lower case: searched on Doc.cue(i).low, which is faster than IGNORECASE
        # capitalised words in any Latin script ("Ivana Kovačić", "Zoran Perković"), up to six
        "name": re.compile(
            r"(?<![\w-])[^\W\d_a-z][^\W\d_'’]*['’]?[^\W\d_]*(?:-[^\W\d_a-z][^\W\d_]*)?"
            r"(?:\s+(?:(?:da|de|do|dos|van|von|bin|al|del)\s+)?[^\W\d_a-z][^\W\d_'’]*['’]?[^\W\d_]*"
            r"(?:-[^\W\d_a-z][^\W\d_]*)?){1,5}"
        ),
        "group": re.compile(
            r"\b(?:(?:foreign\s+)?military\s+attach[ée]s(?:\s+of\s+foreign\s+(?:countries|states))?|"
            r"media\s+representatives|representatives\s+of\s+(?:the\s+)?(?:mass\s+)?media|"
            r"members\s+of\s+the\s+press|journalists|(?:foreign\s+)?(?:diplomats|ambassadors)|"
            r"(?:[A-Z][\w'’-]+\s+)?(?:embassy|ministry|donor|government)\s+officials|"
            r"representatives\s+of\s+(?:international\s+organi[sz]ations|embassies|donors)|"
            # "officials of the Embassy of Japan", "members of the parliamentary portfolio
            # committee on defence": people named by the body they come from
            r"(?:officials|representatives|members|delegates)\s+(?:of|from)\s+(?:the\s+)?"
            r"(?:[\w'’-]+\s+){0,4}?(?:embass(?:y|ies)|committee|commission|parliament|ministry|"
            r"mission|delegation|government|donors?)(?:\s+(?:of|on|for)\s+(?:the\s+)?"
            r"(?:[\w'’-]+\s+){0,2}?[\w'’-]+)?(?=\s*[,;.]|\s+(?:and|visited|inspected|toured|"
            r"were|who)\b))\b",
            re.IGNORECASE,
        ),
        "site": re.compile(
            r"\b(?:the\s+mined\s+(?:area|territory)|mined\s+territory|(?:this|the\s+same|the)\s+"
            r"minefield|the\s+(?:site|area))\b",
            re.IGNORECASE,
        ),
        # "visited the Bir Lahlou clearance site", "took ... to the Berkaber site"
        "named_site": re.compile(
            r"\b(?:visited|toured|inspected|to|around)\s+the\s+((?:[A-Z][\w-]*\s+){1,3}"
            r"(?:(?:clearance|demining|mine|task)\s+)?(?:site|minefield|area|task))\b"
        ),
        "attended": re.compile(
            r"^(?:The\s+(?:visit|inspection|delegation)\s+(?:was\s+(?:attended|led|headed)\s+by|"
            r"included)|"
            r"(?:Participants|Those\s+present)\s+included)",
        ),
    }


def _cut(words: list[str]) -> list[str]:
    """The words after the last title, body or nationality word of a capitalised run:
    "Civil Protection Directorate Zoran Perković" -> "Zoran Perković", "Norwegian Ambassador
    Ingrid Solheim" -> "Ingrid Solheim"."""
    last = -1
    for n, w in enumerate(words):
        low = w.lower()
        if (low in _TITLES or low in _ROLE_WORDS or _ORG_WORDS.fullmatch(w)
                or country_of(w) is not None):  # fmt: skip
            last = n
    return words[last + 1 :]


def _people(text: str) -> list[str]:
    out: list[str] = []
    for m in _patterns()["name"].finditer(text):
        if not m.group()[0].isupper():
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        words = m.group().split()
        if _PORTFOLIO.search(before) and len(words) > 2:
            words = words[1:]
        words = _cut(words)
        while words and words[0].lower().rstrip(",") in _TITLES:
            words = words[1:]
        if words and words[0].lower() in {"general", "admiral"}:
            words = words[1:]
        name = " ".join(words)
        if len(words) < 2 or _ORG_WORDS.search(name) or country_of(name) is not None:
            continue  # "... at the Embassy of Japan in Sri Lanka": a country is no participant
        if words[0] in {"At", "On", "The", "In", "According", "Today", "Major", "Rear"}:
            continue
        if re.search(r"\b(?:Russian|Turkish|Azerbaijani|Armenian|Foreign|Defence|Defense)\b", name):
            continue
        out.append(name)
    return out


def _groups(text: str) -> list[str]:
    out: list[str] = []
    for m in _patterns()["group"].finditer(text):
        phrase = m.group()  # "Journalists" opening a sentence is lower-cased; "Japanese" is not
        first = phrase.split()[0]
        out.append(phrase if country_of(first) else phrase[0].lower() + phrase[1:])
    return out


# A visit is an inspection of mine action only where mine action is around it: a minister
# visiting a collapsed copper pit is not one.
_MINE_CONTEXT = re.compile(
    r"landmine|minefield|\bmined\b|demin|mine\s+action|clearance|\bcleared|ordnance|\bUXO|"
    r"\bERW|explosive|sapper|anti-?\s?personnel|anti-?\s?tank|\bmines\b(?!\s+and\s+minerals)",
    re.IGNORECASE,
)


def _mine_action_context(doc: Doc, i: int) -> bool:
    """True when the visit sentence or one of the three before or the one after it is about
    mine action."""
    lo, hi = max(0, i - 3), min(len(doc.sentences), i + 2)
    return any(_MINE_CONTEXT.search(doc.sentences[j].text) for j in range(lo, hi))


def extract_inspections(doc: Doc, site: str | None) -> list[Draft]:
    """Inspection facts of a document; `site` is the main find's place for "the minefield"."""
    pats = _patterns()
    drafts: list[Draft] = []
    for i, s in enumerate(doc.sentences):
        if s.headline or not pats["trigger"].search(doc.cue(i).low):
            continue
        group = [s]
        placed = " ".join(p.text for p in doc.places(i))
        named = pats["named_site"].search(s.text)
        placed += " " + named.group(1) if named else ""
        participants = [p for p in _people(s.text) if p not in placed] + _groups(s.text)
        nxt = doc.sentences[i + 1] if i + 1 < len(doc.sentences) else None
        if nxt is not None and pats["attended"].match(nxt.text):
            group.append(nxt)
            participants += _people(nxt.text) + _groups(nxt.text)
        if not participants or not _mine_action_context(doc, i):
            continue
        when = next((d for d in doc.dates(i) if d.is_day), None)
        when = when or doc.inherited_date(i, want_day=True)  # "After the ceremony, X toured"
        if when is None or not when.is_day:
            continue
        fields: dict[str, object] = {
            "date": when.first.isoformat() if when.first else None,
            "place": None,
            "participants": list(dict.fromkeys(participants)),
        }
        spans = {"date": (when.start, when.end)}
        draft = Draft("inspection", fields, group, spans=spans, anchor=when.start)
        draft.date_prec = when.prec
        places = doc.places(i)
        if named is not None:
            fields["place"] = named.group(1)
            spans["place"] = (s.start + named.start(1), s.start + named.end(1))
            draft.place_span = spans["place"]
        elif pats["site"].search(s.text) and site:
            fields["place"] = site
        elif places:
            fields["place"] = places[0].text
            spans["place"] = (places[0].start, places[0].end)
            draft.place_span = spans["place"]
        drafts.append(draft)
    return drafts
