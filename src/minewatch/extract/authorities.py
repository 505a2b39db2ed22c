"""Who a figure is attributed to: named bodies, ministries of any country, local sources.

Mentions come from a lexicon of mine action bodies (data/authorities.json), a pattern for
ministries of any country ("Azerbaijan's Defence Ministry" -> "Ministry of Defence of
Azerbaijan"), named institutions, and generic nouns ("the ministry", "police", "residents")
that are resolved against earlier mentions in the document. A mention is an attribution
when a speech verb or "according to" ties it to the sentence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from minewatch.extract.tokens import cues, finditer_unglued, lower_folded
from minewatch.extract.types import AuthorityMention, Cues


@dataclass(frozen=True, slots=True)
class Body:
    """One lexicon entry."""

    name: str
    head: str
    country: str | None


_MINISTRIES = {
    "defence": "Defence", "defense": "Defence", "foreign affairs": "Foreign Affairs",
    "foreign": "Foreign Affairs", "internal affairs": "Internal Affairs",
    "interior": "Internal Affairs", "internal": "Internal Affairs",
    "emergency situations": "Emergency Situations", "emergencies": "Emergency Situations",
    "emergency": "Emergency Situations", "health": "Health", "agriculture": "Agriculture",
    "justice": "Justice", "education": "Education", "social affairs": "Social Affairs",
    "economy": "Economy", "reintegration": "Reintegration",
    "national defence": "National Defence", "national defense": "National Defence",
}  # fmt: skip
_SPEECH = (
    r"said|says|say|reported|reports|report|stated|states|announced|announces|informed|informs?(?!\w)|"
    r"added|"
    r"noted|told|tells|confirmed|confirms|recalled|concluded|stressed|stresses|warned|warns|"
    r"explained|claimed|claims|gave|giving|reporting|quoted|published|publishes|estimated|"
    r"estimates|counted|recorded|documented|registered|wrote|writes|posted|tweeted|declared|"
    r"revealed|indicated|specified|underlined|emphasised|emphasized|highlighted|urged|"
    r"reminded|reminds|briefed|clarified|summed\s+up|has\s+published|"
    r"(?:spread|issued|released|circulated)\s+(?:a\s+|the\s+)?statement"
)
_GENERIC_HEADS = (
    "ministry|agency|centre|center|service|authority|administration|observatory|project|"
    "directorate|department|office|programme|program|mission|committee|commission|army|"
    "military|police|official|officials|spokesman|spokesperson|spokeswoman|institute|trust|"
    "organisation|organization|monitor|network|group|council|foundation|campaign|"
    "commissioner|governor"
)
_INSTITUTION_HEADS = ("Administration", "Office", "Directorate", "Department", "Command", "Army",
                      "Observatory", "Commission", "Committee", "Agency", "Authority", "Service",
                      "Centre", "Center", "Mission", "Police Force", "Police Service",
                      "Police", "Headquarters", "Secretariat", "Forces", "Force")  # fmt: skip
_LOCAL_SOURCES = [  # a name ending in "source" keeps the plural when the text has it
    (r"(?:a\s+)?local\s+security\s+sources?", "local security source"),
    (r"(?:a\s+)?security\s+sources?", "security source"),
    (r"(?:a\s+)?local\s+medical\s+sources?", "local medical source"),
    (r"(?:a\s+)?medical\s+sources?", "medical source"),
    (r"(?:a\s+)?military\s+sources?", "military source"),
    (r"(?:a\s+)?local\s+police\s+sources?", "local police source"),
    (r"(?:a\s+)?police\s+sources?", "police source"),
    (r"(?:a\s+)?local\s+sources?", "local source"),
    (r"(?:a\s+)?local\s+security\s+officials?", "local security official"),
    (r"(?:a\s+)?local\s+officials?", "local official"),
    (r"local\s+authorities", "local authorities"),
    (r"(?:local\s+)?(?:residents|villagers|locals)", "local residents"),
    (r"witnesses", "witnesses"),
]


@cache
def _countries() -> tuple[dict[str, str], re.Pattern[str], dict[str, str]]:
    """Map of adjective/alias/name -> country, its pattern, and country -> main adjective."""
    raw = json.loads(
        resources.files("minewatch.extract").joinpath("data/countries.json").read_text()
    )
    table: dict[str, str] = {}
    adjective: dict[str, str] = {}
    for c in raw["countries"]:
        for form in [c["name"], *c["adj"], *c["aliases"]]:
            table[form] = c["name"]
        if c["adj"]:
            adjective[c["name"]] = c["adj"][0]
    forms = "|".join(re.escape(f) for f in sorted(table, key=len, reverse=True))
    return table, re.compile(rf"\b(?:{forms})\b"), adjective


def country_of(form: str) -> str | None:
    """The country named by a name, adjective or alias ("Soviet" -> "USSR")."""
    table, _, _ = _countries()
    return table.get(form) or table.get(form.rstrip("'’s").strip())


def country_pattern() -> re.Pattern[str]:
    """One compiled alternation of all country names, adjectives and aliases."""
    return _countries()[1]


def country_adjective(country: str) -> str:
    """The main adjective of a country ("Colombia" -> "Colombian")."""
    return _countries()[2].get(country, country)


@cache
def _lexicon() -> tuple[re.Pattern[str], dict[str, Body]]:
    raw = json.loads(
        resources.files("minewatch.extract").joinpath("data/authorities.json").read_text()
    )
    table: dict[str, Body] = {}
    for entry in raw["authorities"]:
        body = Body(entry["name"], entry["head"], entry.get("country"))
        for alias in entry["aliases"]:
            table[alias] = body
    forms = "|".join(re.escape(a) for a in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{forms})(?![\w-])"), table


@cache
def _unglued() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The country and lexicon alternations without their leading assertion.

    For `finditer_unglued`: every name starts with a word character, so the `\\b` or
    `(?<![\\w-])` in front of them is exactly "not after a word character (or a hyphen)".
    """
    _, countries, _ = _countries()
    lexicon, _ = _lexicon()
    assert countries.pattern.startswith(r"\b(?:") and lexicon.pattern.startswith(r"(?<![\w-])")
    return re.compile(countries.pattern[2:]), re.compile(lexicon.pattern[len(r"(?<![\w-])") :])


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    _, cpat, _ = _countries()
    countries = cpat.pattern[5:-3]  # the bare alternation inside \b(?:...)\b
    kinds = "|".join(sorted(_MINISTRIES, key=len, reverse=True))
    return {
        "ministry": re.compile(
            rf"(?:\b(?P<c1>{countries})(?:'s|’s)?\s+)?"
            rf"(?:Ministry\s+of\s+(?:the\s+)?(?P<k1>{kinds})|(?P<k2>{kinds})\s+Ministry|"
            rf"\b(?P<k3>MFA|MoD|MOD|MoI|MES))"  # whole words: not the "mes" of "times"
            rf"(?:\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?(?P<c2>{countries}))?\b",
            re.IGNORECASE,
        ),
        "institution": re.compile(
            r"\b(?:[A-Z][\w'’.-]*\s+(?:(?:of|for|and|the|-|–)\s+)*){0,5}?"
            r"(?:[A-Z][\w'’-]*\s+|(?:regional|provincial|district|municipal|departmental|county|"
            r"city|state|military)\s+)*"
            rf"(?:{'|'.join(_INSTITUTION_HEADS)}|"
            r"prosecutor's\s+office|prosecutor’s\s+office|Prosecutor's\s+Office)"
            r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:for|of|and)?\s*[A-Z][\w'’-]*){0,4})?"
        ),
        "generic": re.compile(
            rf"\b(?:(?:the|The|its|a|A)\s+)?(?:(?:regional|provincial|district|municipal|departmental|local|state|"
            rf"national|federal|press)\s+)*({_GENERIC_HEADS})(?:'s|’s)?\b",
            re.IGNORECASE,
        ),
        "local": re.compile(
            "|".join(rf"(?P<l{i}>\b{p}\b)" for i, (p, _) in enumerate(_LOCAL_SOURCES)),
            re.IGNORECASE,
        ),
        "after": re.compile(
            rf"^(?:'s|’s)?(?:\s+(?:press\s+service|spokes(?:man|woman|person)|chief|head|"
            rf"(?:\d+(?:st|nd|rd|th)\s+)?(?:[A-Z]\w+\s+)?(?:[Bb]rigade|[Dd]ivision|[Bb]attalion|"
            rf"[Rr]egiment|[Cc]orps|[Cc]ommand|engineering\s+unit|demining\s+unit)|"
            rf"director(?:-general)?|representative|officials?|statement|data|figures|"
            rf"(?:regional\s+|provincial\s+|local\s+)?(?:department|office|branch|headquarters)|"
            rf"report|once\s+again|again|also|later|has|have|had|on\s+\w+|in\s+\w+day|in\s+a\s+(?:joint\s+)?"
            rf"statement|\([^()]{{1,40}}\)))*\s*,?\s*(?:{_SPEECH})\b",
            re.IGNORECASE,
        ),
        "before": re.compile(
            r"(?:according\s+to|citing|quoting|cited\s+by|reported\s+by|quoted\s+by|"
            r"(?:" + _SPEECH + r")(?:\s+\w+){0,2}?)\s+(?:(?:the\s+)?(?:data|figures|statistics|"
            r"information|reports?|a\s+(?:report|statement)|estimates)\s+(?:of|from|by)\s+)?"
            r"(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}$",
            re.IGNORECASE,
        ),
    }


_ACTOR_HEADS = frozenset({"agency", "centre", "service", "project", "programme", "trust",
                          "group", "organisation", "foundation", "authority", "directorate",
                          "institute", "administration"})  # fmt: skip


# Prefilters: each pattern below can only match when its cue is present (see `find_mentions`).
_MINISTRY_CUES = ("ministry", "mfa", "mod", "moi", "mes")  # where a ministry match can start
_INSTITUTION_CUE = re.compile("|".join(_INSTITUTION_HEADS) + "|prosecutor")  # a literal scan
_LOCAL_WORDS = frozenset({"source", "sources", "official", "officials", "authorities", "residents",
                          "villagers", "locals",
                          "witnesses"})  # fmt: skip
# Heads that a place name in front makes a named body: "the Lika-Senj police", "Xepon
# district officials", "the Gash-Barka regional administration".
_PLACE_LED_HEADS = frozenset({"police", "officials", "administration", "commissioner",
                              "governor"})  # fmt: skip
# Capitalised words in front of such a head that are not the place it serves.
_NOT_PLACE_TEXT = """
    the a an and but or so then when while after before since on in at by for from with as if
    this that these those its his her their our local state national federal traffic border
    riot military armed special separately meanwhile later earlier however also both all some
    many most other yesterday today tonight monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november
    december police army one two three four five six seven eight nine ten several many few"""
_NOT_PLACE = frozenset(_NOT_PLACE_TEXT.split())
_PLACE_WORDS = re.compile(r"(?<![\w'’-])(?:[A-Z][\w'’]*(?:-[A-Z][\w'’]*)*\s+){1,2}$")
# People or units named before the body they belong to: "Members of the Nicaraguan Army".
_MEMBERS_OF = re.compile(
    r"^(?:Members|Deminers|Sappers|Soldiers|Officers|Staff|Teams?|Units?|Personnel|Experts|"
    r"Specialists|Employees|Representatives|Troops|Engineers|Rescuers|Workers|Volunteers)"
    r"\s+of\s+(?:the\s+)?"
)
_GENERIC_WORDS = frozenset(_GENERIC_HEADS.split("|"))


@cache
def _alias_words() -> tuple[frozenset[str], dict[str, list[frozenset[str]]]]:
    """Lower-case word runs of every lexicon alias, indexed by the alias's first word.

    A lexicon match is delimited by non-word characters, so every word of the alias is a whole
    word of the sentence: an alias whose words are not all present cannot match.
    """
    _, table = _lexicon()
    index: dict[str, list[frozenset[str]]] = {}
    for alias in table:
        words = re.findall(r"\w+", alias.lower())
        index.setdefault(words[0], []).append(frozenset(words))
    return frozenset(index), index


def _lexicon_possible(words: frozenset[str]) -> bool:
    firsts, index = _alias_words()
    return any(need <= words for w in words & firsts for need in index[w])


@cache
def _country_forms() -> tuple[frozenset[str], tuple[int, ...]]:
    """Lower-case country forms and their distinct lengths (for `_ministry_matches`)."""
    forms = frozenset(form.lower() for form in _countries()[0])
    return forms, tuple(sorted({len(f) for f in forms}))


def _space_before(low: str, i: int) -> int:
    """Start of the run of whitespace that ends at `i` (`i` itself when there is none)."""
    while i > 0 and low[i - 1].isspace():
        i -= 1
    return i


def _ministry_matches(text: str, low: str) -> Iterator[re.Match[str]]:
    """What `finditer` of the ministry pattern yields, tried only where a match can start.

    A match starts at its core ("Ministry of X", "X Ministry", a code such as MoD) or at a
    country name followed by 's and spaces right before that core. Matching the pattern at
    those few positions saves trying its ~200 country names at every character.
    """
    kinds = [k for k in _MINISTRIES if k in low]
    cores: set[int] = set()
    for needle in _MINISTRY_CUES:
        i = low.find(needle)
        while i >= 0:
            cores.add(i)
            gap = _space_before(low, i)
            if needle == "ministry" and gap < i:  # "Defence Ministry"
                cores.update(gap - len(k) for k in kinds if low.endswith(k, 0, gap))
            i = low.find(needle, i + 1)
    forms, lengths = _country_forms()
    starts = set(cores)
    for core in cores:
        gap = _space_before(low, core)
        if gap == core:
            continue
        ends = (gap, gap - 2) if low[gap - 2 : gap] in ("'s", "’s") else (gap,)
        starts.update(e - n for e in ends for n in lengths if n <= e and low[e - n : e] in forms)
    pattern = _patterns()["ministry"]
    pos = 0
    for start in sorted(starts):
        if start >= pos and (m := pattern.match(text, start)) is not None:
            yield m
            pos = m.end()


_LEVELS = ("provincial", "district", "municipal", "departmental")
_GENERIC_PREFIX = frozenset({"the", "its", "a", "regional", "provincial", "district", "local",
                             "state", "national", "federal", "press", "municipal",
                             "departmental"})  # fmt: skip


def _generic_matches(text: str, low: str, words: frozenset[str]) -> Iterator[re.Match[str]]:
    """What `finditer` of the generic pattern yields, tried only where a match can start.

    A match is a head noun ("ministry", "police") preceded only by whole words from
    `_GENERIC_PREFIX`, so it starts at a head or at one of the prefix words before it.
    """
    starts: set[int] = set()
    for head in words & _GENERIC_WORDS:
        i = low.find(head)
        while i >= 0:
            starts.add(i)
            at = i
            while (gap := _space_before(low, at)) < at:
                word_start = gap
                while word_start > 0 and (
                    low[word_start - 1].isalnum() or low[word_start - 1] == "_"
                ):
                    word_start -= 1
                if low[word_start:gap] not in _GENERIC_PREFIX:
                    break
                at = word_start
                starts.add(at)
            i = low.find(head, i + 1)
    pattern = _patterns()["generic"]
    pos = 0
    for start in sorted(starts):
        if start >= pos and (m := pattern.match(text, start)) is not None:
            yield m
            pos = m.end()


# A unit of a ministry named before it: "Civil Protection Directorate of the Ministry of ..."
_SUB_BODY = re.compile(
    r"(?<![\w-])((?:[A-Z][\w'’-]*\s+){1,4}(?:Directorate|Department|Administration|Service|"
    r"Agency|Office|Centre|Center|Inspectorate))\s+of\s+(?:the\s+)?$"
)
# "(NMAC)", "(MoD)", "(FAMa)": a short form with two capitals or more, not "(Dubai)"
_ACRONYM = re.compile(r"\s*\(((?=(?:[a-z]*[A-Z]){2})[A-Z][A-Za-z]{1,8})\)")


_NAME_WORD_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*\s+$")


def _place_before(text: str, start: int) -> int | None:
    """Start of the one or two place words right before `start` ("the Poonch| police")."""
    m = _PLACE_WORDS.search(text, max(0, start - 40), start)
    if m is None:
        return None
    words = m.group().split()
    while words and words[0].lower() in _NOT_PLACE:
        words.pop(0)
    if not words or any(w.lower() in _NOT_PLACE for w in words):
        return None
    return start - len(m.group()) + m.group().index(words[0])


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in taken)


@cache
def _speech_head() -> re.Pattern[str]:
    """The words a "before" attribution starts with, for lower-case text (see `_attribution`)."""
    assert not any(c.isupper() for c in _SPEECH), "speech verbs must be lower case for this scan"
    return re.compile(
        r"according\s+to|citing|quoting|cited\s+by|reported\s+by|quoted\s+by|" + _SPEECH
    )


def _attribution(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(is an attribution, is a data source rather than a speaker).

    The "before" pattern can only start where one of its head words does; finding the first
    one in the lower-cased window is a fast literal scan, and the costly search starts there.
    """
    pats = _patterns()
    window = text[max(0, start - 70) : start]
    head = _speech_head().search(lower_folded(window))
    before = pats["before"].search(window, head.start()) if head is not None else None
    if before and re.match(r"(?i)according|citing|quoting|cited|data|figures", before.group()):
        return True, True
    if pats["after"].match(text[end : end + 90]):
        return True, False
    return bool(before), False


def _wanted(text: str, cue: Cues) -> tuple[bool, bool, bool, bool, bool]:
    """Which of the ministry, lexicon, institution, local and generic patterns can match."""
    return (
        any(c in cue.low for c in _MINISTRY_CUES),
        _lexicon_possible(cue.words),
        _INSTITUTION_CUE.search(text) is not None,
        not _LOCAL_WORDS.isdisjoint(cue.words),
        not _GENERIC_WORDS.isdisjoint(cue.words),
    )


def find_mentions(text: str, offset: int, cue: Cues | None = None) -> list[AuthorityMention]:
    """Authority mentions in one sentence (generic ones unresolved: name is the head).

    Most sentences name no body, so each pattern runs only when its cue words are present;
    the patterns themselves are costly (alternations of every country and alias).
    """
    cue = cue or cues(text)
    low, words = cue.low, cue.words
    use_ministry, use_lexicon, use_institution, use_local, use_generic = _wanted(text, cue)
    if not (use_ministry or use_lexicon or use_institution or use_local or use_generic):
        return []
    pats = _patterns()
    _, table = _lexicon()
    taken: list[tuple[int, int]] = []
    out: list[AuthorityMention] = []

    def add(name: str, s: int, e: int, generic: bool, head: str) -> None:
        taken.append((s, e))
        attributed, source = _attribution(text, s, e)
        out.append(
            AuthorityMention(name, s + offset, e + offset, attributed, generic, head, source)
        )

    for m in _ministry_matches(text, low) if use_ministry else ():
        if (sub := _SUB_BODY.search(text, max(0, m.start() - 80), m.start())) is not None:
            # "the Civil Protection Directorate of the Ministry of the Interior said": the unit
            name = re.sub(r"^The\s+", "", sub.group(1))
            add(name, sub.end(1) - len(name), m.end(), False, name.split()[-1].lower())
            continue
        kind = m.group("k1") or m.group("k2")
        if kind is None:
            code = lower_folded(m.group("k3") or "").upper()
            kind = {"MFA": "foreign", "MOD": "defence", "MOI": "interior", "MES": "emergency"}[code]
        country_form = m.group("c1") or m.group("c2")
        country = country_of(country_form) if country_form else None
        name = f"Ministry of {_MINISTRIES[lower_folded(kind)]}"
        if country:
            name += f" of {country}"
        add(name, m.start(), m.end(), country is None, "ministry" if country is None else "")
    for m in finditer_unglued(_unglued()[1], text, "-") if use_lexicon else ():
        if not _overlaps(m.span(), taken):
            body = table[m.group()]
            end, name = m.end(), body.name
            acronym = _ACRONYM.match(text, end)
            if acronym is not None:
                # "(NMAA)" repeats the name; "the Israel National Mine Action Authority
                # (INMAA)" names a body of its own that the lexicon lacks; "National Agency
                # for Mine Action (ANAM)" is Angola's ANAM, not Azerbaijan's ANAMA
                end = acronym.end()
                named = table.get(acronym.group(1))
                longer = _NAME_WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
                if named is not None:
                    name = named.name
                elif longer is not None:  # the lexicon matched inside a longer name
                    name = acronym.group(1)
            add(name, m.start(), end, False, body.head)
    for m in pats["institution"].finditer(text) if use_institution else ():
        span = m.span()
        if _overlaps(span, taken):
            continue
        name = re.sub(r"^(?:The|the)\s+", "", m.group()).strip()
        if (members := _MEMBERS_OF.match(name)) is not None:
            name = name[members.end() :]
            span = (span[1] - len(name), span[1])
        # "TRIPOLI - The Attorney General's Office": a dateline is no part of the name;
        # "Croatia's Civil Protection Directorate" is the directorate
        name = re.split(r"\s[-–—]\s+", name)[-1]
        name = re.sub(r"^(?:The|the)\s+", "", name)
        if (owner := re.match(r"([A-Z][\w-]*)['’]s\s+", name)) and country_of(owner.group(1)):
            name = name[owner.end() :]
        span = (span[1] - len(name), span[1])  # the name ends the match, as written
        # "Republic Administration of Civil Protection": the head comes before "of"
        head = re.split(r"\s+(?:of|for)\s+", name, maxsplit=1)[0].split()[-1].lower()
        if len(name.split()) < (3 if head in {"police", "army"} else 2):
            continue  # "the Somali National Army" is named; "the Thai Army" is the army
        end = span[1]
        if (acronym := _ACRONYM.match(text, end)) is not None:
            # "the National Mine Action Centre (NMAC)": the short form names it
            name, end = acronym.group(1), acronym.end()
        add(name, span[0], end, False, head)
    for m in pats["local"].finditer(text) if use_local else ():
        if not _overlaps(m.span(), taken):
            name = next(_LOCAL_SOURCES[int(k[1:])][1] for k, v in m.groupdict().items() if v)
            if name.endswith(("source", "official")) and lower_folded(m.group()).endswith("s"):
                name += "s"  # "security sources", "local officials": the number as written
            add(name, m.start(), m.end(), False, "local")
    for m in _generic_matches(text, low, words) if use_generic else ():
        if _overlaps(m.span(), taken):
            continue
        head = m.group(1).lower()
        phrase = m.group().lower()
        level = next((w for w in _LEVELS if w in phrase.split()), None)
        place = _place_before(text, m.start()) if head in _PLACE_LED_HEADS else None
        if place is not None and not phrase.startswith(("the ", "its ", "a ")):
            add(f"{text[place : m.start()]}{m.group()}", place, m.end(), False, head)
        elif level and head in {"police", "officials", "official"}:
            # "district police", "provincial officials": named after the unit by `Doc.authority`
            add(f"{level} {head}", m.start(), m.end(), False, head)
        elif head in {"police", "army", "military"} or phrase.startswith(("the ", "its ")):
            add(head, m.start(), m.end(), True, head)
    return sorted(out, key=lambda x: x.start)
