"""The extraction pipeline: language, relevance, sentences, claim kinds, shared post-processing.

Post-processing that concerns every kind lives here: place fallbacks (scope sentences such
as "Operations were concentrated in ..."), authorities, stated totals (`total_of`), and
serialisation to the gold schema plus evidence, estimates and precision codes.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any, Literal

from minewatch.extract.allegations import extract_allegations
from minewatch.extract.casualties import extract_casualties
from minewatch.extract.clean import Cleaned
from minewatch.extract.context import Doc
from minewatch.extract.finds import extract_finds
from minewatch.extract.grid import extract_grid
from minewatch.extract.inspections import extract_inspections
from minewatch.extract.land_release import extract_land_release
from minewatch.extract.language import detect_language
from minewatch.extract.ordnance import model_regex
from minewatch.extract.resolver import is_actor
from minewatch.extract.tokens import split_sentences
from minewatch.extract.types import AuthorityMention, Draft

GOLD_KEYS: dict[str, list[str]] = {
    "device_find": ["quantity", "device_category", "model", "origin_country", "production_year",
                    "place", "action", "period_start", "period_end", "authority"],
    "casualties": ["killed", "injured", "civilians_killed", "military_killed", "children",
                   "place", "date", "period_start", "period_end", "authority", "incident"],
    "land_release": ["area_m2", "method", "place", "period_start", "period_end", "authority"],
    "inspection": ["date", "place", "participants"],
    "allegation": ["accuser", "accused", "statement"],
}  # fmt: skip
_KEY_FIGURE = {"device_find": "quantity", "land_release": "area_m2"}


@cache
def _relevance() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Cue words of mine action text, and the rarer constructions tried only when none is found."""
    words = re.compile(
        r"landmine|land\s+mine|anti-?\s?personnel|anti-?\s?tank|mine\s+action|demin|"
        r"unexploded|ordnance|\bUXO|\bERW|explosive\s+(?:remnants|objects?|items?|devices?)|"
        r"\bIEDs?\b|submunition|bomblet|cluster\s+(?:munition|bomb)|sapper|pyrotechnic|"
        r"\bEOD\b|minefield|mine\s+clearance|mine\s+(?:victims?|casualt(?:y|ies))|mine\s+blasts?|mine\s+explosions?|"
        r"technical\s+survey|hazardous\s+areas?|land\s+release|"  # mine action jargon
        # "mines and UXO", not a ministry of "Mines and Minerals" / "Mines and Energy"
        r"mines\s+and(?!\s+(?:minerals?|mining|energy|geology|petroleum|metals?|steel|quarr))|"
        r"(?:stepped|drove|ran)\s+(?:on|over)\s+(?:a|an)\s+(?:\w+\s+)?mine|"
        r"(?:hit|struck|triggered|set\s+off)\s+(?:a|an)\s+(?:[\w-]+\s+)?mine\b",
        re.IGNORECASE,
    )
    constructions = re.compile(
        # "a PFM-1 mine exploded"; mines found or disposed of ("75 OZM-72 mines had been found")
        r"\bmines?\s+(?:had\s+|has\s+)?(?:exploded|detonated|went\s+off)|"
        r"mines\s+(?:had|have|has|were|was)\s+(?:been\s+)?(?:found|discovered|detected|defused|"
        r"neutrali[sz]ed|destroyed|removed|dismantled|cleared)|"
        r"(?:found|discovered|detected|defused|neutrali[sz]ed|destroyed|removed|dismantled)\s+"
        r"(?:(?!in\b|at\b|of\b|from\b|into\b|inside\b)[\w-]+\s+){0,4}?mines\b|"
        # a remnant of war that went off as people handled it or worked near it
        r"(?:exploded|detonated|went\s+off)\s+(?:\w+\s+){0,3}?(?:while|as|when)\s+(?:\w+\s+){0,3}?"
        r"(?:(?:collecting|gathering|picking)\s+(?:\w+\s+)?(?:scrap|firewood|wood|metal|mushrooms|"
        r"truffles|herbs|berries|nuts|fruit|grass)|playing\s+with|handling|tampering|herding|"
        r"grazing|ploughing|plowing|digging|tilling|farming|foraging|dismantling|tending|fishing)|"
        r"(?:found|discovered|defused|disarmed|neutrali[sz]ed|dismantled|picked\s+up|"
        r"playing\s+with|tampering\s+with|handling)\s+(?:an?|the|\d+|two|three|several)\s+"
        r"(?:[\w-]+\s+){0,2}?(?:shells?|mortars?|grenades?|rockets?|bombs?|projectiles?|"
        r"munitions?|devices?)\b",
        re.IGNORECASE,
    )
    return words, constructions


_METAPHOR_WORDS = ("gold", "goal", "coal", "salt", "copper", "diamond", "tactical", "political",
                   "legal")  # fmt: skip
_METAPHOR = re.compile(rf"(?:{'|'.join(_METAPHOR_WORDS)})\s+(?:mine|minefield)", re.IGNORECASE)


def is_relevant(text: str) -> bool:
    """True when the text is about explosive ordnance (not coal mines or goal mines).

    One cue other than a lone "minefield" is enough, so the scan stops at the first such hit.
    """
    low = text.lower()
    original = text
    if any(w in low for w in _METAPHOR_WORDS):
        text = _METAPHOR.sub(" ", text)
    words, constructions = _relevance()
    mining: bool | None = None  # looked up on the first weak cue
    n = 0
    for m in words.finditer(text):
        cue = m.group().lower()
        if _WEAK.match(cue):  # "mine blast", "mines and": also said of mining
            mining = _MINING.search(original) is not None if mining is None else mining
            if mining:
                continue
        if n == 1 or cue != "minefield":
            return True
        n += 1
    # the constructions are weaker cues: not in a story about mining ("miners", "quarry")
    if _MINING.search(original) is not None:
        return False
    return constructions.search(text) is not None or _names_a_model(text)


_MODEL_HEAD = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:(?:land)?mines?|bombs?|bomblets?|submunitions?|shells?)\b"
)


def _names_a_model(text: str) -> bool:
    """A catalogue model named as ordnance ("an M14 mine", "a Mk 82 bomb"); the head noun is
    needed because some designations also name rifles or vehicles."""
    models = model_regex()
    return models is not None and any(
        _MODEL_HEAD.match(text, m.end()) for m in models.finditer(text)
    )


# Mining-industry stories (a copper-pit collapse, a colliery blast): there the weak cues
# ("mine blast", "mines and", "hazardous areas", "hit a mine") are about mining, not ordnance.
_MINING = re.compile(
    r"\bmin(?:ers?|ing)\b|\bcollier|\bquarr(?:y|ies)\b|\bopen[\s-]pit\b|\bslag\b|"
    r"\b(?:copper|gold|coal|salt|diamond|tin|iron|nickel|cobalt|lithium|uranium|zinc|silver|"
    r"jade|emerald|potash|bauxite)\s+mines?\b",
    re.IGNORECASE,
)
_WEAK = re.compile(
    r"mines\s+and|mine\s+(?:victim|casualt|blast|explosion)|hazardous|stepped|drove|ran\b|hit\b|"
    r"struck|triggered|set\b"
)


def run(text: str, published: dt.date | None) -> tuple[str, list[dict[str, Any]]]:
    """Language and JSON-ready facts of one document body."""
    language = detect_language(text)
    if language != "en" or not is_relevant(text):
        return language, []
    doc = Doc(text, published, split_sentences(text))
    drafts: list[Draft] = []
    drafts += extract_finds(doc)
    drafts += extract_grid(doc)
    drafts += extract_casualties(doc)
    drafts += extract_land_release(doc)
    drafts = _distinct([d for d in drafts if not _denied(doc, d.sentences[0].index)])
    finds_places = [d for d in drafts if d.fields.get("place")]
    drafts += extract_inspections(doc, finds_places[0].fields["place"] if finds_places else None)
    _fill_places(doc, drafts)
    _fill_authorities(doc, drafts)
    drafts += extract_allegations(doc)
    drafts.sort(key=lambda d: (d.sentences[0].index, d.anchor))
    _mark_totals(drafts)
    return language, [_serialise(d, drafts) for d in drafts]


# A figure inside a claim that the text calls false: "reports claiming that eleven people had
# died ... were false", "Claims that 40 soldiers had died were described as 'pure fabrication'".
_CLAIM = re.compile(
    r"\b(?:claims?|claiming|claimed|rumou?rs?|circulat\w+|social\s+media|allegedly)\b", re.I
)
_DENIAL = re.compile(
    r"\b(?:false|untrue|not\s+true|fabricat\w+|baseless|unfounded|fake|denied|denies|rejected|"
    r"no\s+truth|misinformation|disinformation|unverified)\b",
    re.IGNORECASE,
)


_SAME_FIGURES = ("kind", "killed", "injured", "quantity", "area_m2", "place", "date",
                 "period_start", "period_end")  # fmt: skip


def _distinct(drafts: list[Draft]) -> list[Draft]:
    """One fact told twice with the same figures, place and dates (a headline run into the
    body of a scraped page, a summary repeating the lead) is kept once."""
    seen: set[tuple[object, ...]] = set()
    out: list[Draft] = []
    for d in drafts:
        key = (d.kind, *(d.fields.get(k) for k in _SAME_FIGURES[1:]))
        if d.kind == "casualties" and key in seen:
            continue
        seen.add(key)
        out.append(d)
    return out


def _denied(doc: Doc, i: int) -> bool:
    """True when sentence i reports a claim that it, or the next sentence, calls false."""
    text = doc.sentences[i].text
    if not _CLAIM.search(text):
        return False
    nxt = doc.sentences[i + 1].text if i + 1 < len(doc.sentences) else ""
    return bool(_DENIAL.search(text) or _DENIAL.search(nxt))


_SCOPE = re.compile(
    r"\b(?:operations|work|activities|teams|clearance|efforts)\s+(?:were|was)?\s*"
    r"(?:concentrated|carried\s+out|conducted|focused|worked|operated|took\s+place)\s+in\b"
    r"|\b(?:teams|deminers|operators)\s+(?:worked|operated)\s+in\b"
    r"|\b(?:operations|work|activities|clearance|efforts)\s+(?:covered|spanned)\b",
    re.IGNORECASE,
)


_SCOPE_VERBS = ("concentrated", "carried", "conducted", "focused", "worked", "operated", "took")


def _fill_places(doc: Doc, drafts: list[Draft]) -> None:
    """Fill missing places from scope sentences, totals and the body credited."""
    scopes = []
    for i, s in enumerate(doc.sentences):
        cue = doc.cue(i)  # the verb may follow "was" with no space, so a substring test
        wide = "covered" in cue.words or "spanned" in cue.words  # "The operations covered X"
        scoped = wide or ("in" in cue.words and any(v in cue.low for v in _SCOPE_VERBS))
        if scoped and _SCOPE.search(s.text):
            places = doc.places(i)
            if places:
                scopes.append((s.paragraph, s.index, places[0]))
    for d in drafts:
        national_part = d.part_of is not None and d.fields.get("place") == doc.country
        # a place with no name ("the territories liberated from occupation") gives way to the
        # named areas a scope sentence lists ("The operations covered the Aghdam, ... districts")
        own = d.fields.get("place")
        vague = isinstance(own, str) and not any(c.isupper() for c in own)
        if d.kind not in {"device_find", "land_release"} or (
            d.fields.get("place") and not national_part and not vague
        ):
            continue
        para = d.sentences[0].paragraph
        for scope_para, _, place in scopes:
            if scope_para in (para, para + 1):
                d.fields["place"] = place.text
                d.spans["place"] = (place.start, place.end)
                d.place_span = (place.start, place.end)
                break
    for d in drafts:
        site = d.extras.pop("_site", False)
        if d.kind in {"device_find", "land_release"} and not d.fields.get("place"):
            i = d.sentences[0].index
            if site or _BACK_REF.search(doc.sentences[i].text):
                d.fields["place"] = _earlier_place(doc, drafts, i) or (
                    _first_place(doc) if site else None
                )
            elif _SAME_SCOPE.search(doc.sentences[i].text):
                d.fields["place"] = _scope_place(doc, drafts, i)
    by_anchor = {f"find:{d.anchor}": d for d in drafts}  # parts last: their totals are placed
    for d in drafts:
        if d.part_of and not d.fields.get("place") and d.part_of in by_anchor:
            d.fields["place"] = by_anchor[d.part_of].fields.get("place")


def _first_place(doc: Doc) -> str | None:
    """The first place the body names ("the site" with no fact placed before it)."""
    for j, s in enumerate(doc.sentences):
        if not s.headline and (places := doc.places(j)):
            return places[0].text
    return None


# A sentence that goes on about work already placed: "During the work, deminers ...",
# "The teams also destroyed ...", "In the process ...", "... neutralised there".
_BACK_REF = re.compile(
    r"^(?:During|In|Over|Throughout|After|Within|In\s+the\s+course\s+of)\s+(?:the|that|this)\s+"
    r"(?:same\s+)?(?:work|operations?|process|clearance|search|survey|task)\b|"
    r"\b(?:[Tt]he|[Tt]hese|[Tt]hose|[Ii]ts|[Tt]heir|[Oo]ur)\s+(?:same\s+)?(?:[\w-]+\s+)?"
    r"(?:teams?|deminers|sappers|work|operations?|force|units?|patrol|squad)\b|"
    r"\b(?:found|discovered|detected|destroyed|neutrali[sz]ed|defused|removed|cleared)\s+there\b"
)


# A sentence that goes on with the period or the areas of the one before: "during the
# month", "During the same fiscal year", "in these provinces".
_SAME_SCOPE = re.compile(
    r"\b(?i:during|over|in|throughout)\s+(?:the\s+same|the|that|this)\s+"
    r"(?:fiscal\s+|calendar\s+)?(?:month|quarter|year|period|week)\b|"
    r"\b(?i:in|across|throughout)\s+(?:these|those|the\s+same)\s+"
    r"(?:two\s+|three\s+|four\s+|five\s+)?"
    r"(?:provinces|districts|regions|areas|governorates|municipalities|departments|states)\b"
)


def _scope_place(doc: Doc, drafts: list[Draft], i: int) -> str | None:
    """The place of the facts, or else the last place, of the sentence just before."""
    before = {str(e.fields["place"]) for e in drafts
              if e.sentences[0].index == i - 1 and e.fields.get("place")}  # fmt: skip
    if before:  # parts by place ("Bint Jbeil ..., Marjayoun ...") give no one place
        return before.pop() if len(before) == 1 else None
    if i > 0 and not doc.sentences[i - 1].headline and (places := doc.places(i - 1)):
        return places[-1].text
    return None


def _earlier_place(doc: Doc, drafts: list[Draft], i: int) -> str | None:
    """The place of the latest earlier fact nearby, else the last place named just before."""
    earlier = [
        e
        for e in drafts
        if 0 < i - e.sentences[0].index <= 4
        and e.fields.get("place")
        and e.fields.get("incident") is not False
    ]
    if earlier:
        return str(max(earlier, key=lambda e: (e.sentences[0].index, e.anchor)).fields["place"])
    for j in range(i - 1, max(-1, i - 4), -1):
        if not doc.sentences[j].headline and (places := doc.places(j)):
            return places[-1].text
    return None


def _fill_authorities(doc: Doc, drafts: list[Draft]) -> None:
    by_anchor = {f"find:{d.anchor}": d for d in drafts}
    writer: AuthorityMention | Literal[False] | None = False  # looked up on first need
    ordered = sorted(drafts, key=lambda e: (e.sentences[0].index, e.anchor))  # reading order
    for n, d in enumerate(ordered):
        if d.kind == "inspection":
            continue
        idx = [s.index for s in d.sentences]
        name, span = doc.authority(idx, d.fields.get("place"))
        parent = by_anchor.get(d.part_of or "")
        if parent is None and _ADDITION.match(d.sentences[0].text):
            # "In addition, sappers demined 4.6 hectares ...": more of the previous fact's work
            parent = next((e for e in reversed(ordered[:n])
                           if e.kind in {"device_find", "land_release"}
                           and 0 < idx[0] - e.sentences[-1].index <= 1), None)  # fmt: skip
        if parent is not None and not any(m.attribution for i in idx for m in doc.mentions(i)):
            name, span = parent.fields.get("authority"), parent.authority_span
        if name is None and d.kind != "allegation":
            writer = writer if writer is not False else _writer(doc)
            if writer is not None:  # a first-person release by the body it names as writer
                name, span = writer.name, (writer.start, writer.end)
        d.fields["authority"] = name
        d.authority_span = span
        if span is not None:
            d.spans["authority"] = span
        if d.kind in {"device_find", "land_release"} and not d.fields.get("place"):
            country = _country_of_body(name)
            if country:
                d.fields["place"] = country


_ADDITION = re.compile(
    r"^(?:In\s+addition|Additionally|Also|Furthermore|Besides|(?:During|In\s+the\s+course\s+of|"
    r"Throughout)\s+(?:the|that|this)\s+(?:work|operations?|clearance|survey|task))\b"
)
_WE = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b")
_QUOTES = ('"', "“", "”", "«", "»")


def _writer(doc: Doc) -> AuthorityMention | None:
    """The organisation a first-person-plural text names as its writer, if exactly one.

    "FSD teams ... our teams", or a sentence with the body as its subject next to one in the
    first person ("FSD has worked in Ukraine since 2015. In 2024 we aim ..."). Bodies named
    after the pronoun ("we thank our partners in the State Emergency Service") are not.
    """
    sentences = doc.sentences
    voiced = []
    for s in sentences:
        quoted = any(q in s.text for q in _QUOTES)
        voiced.append(not s.headline and not quoted and _WE.search(s.text) is not None)
    if not any(voiced):
        return None
    found: dict[str, AuthorityMention] = {}
    for i, s in enumerate(sentences):
        for m in doc.mentions(i):
            if not is_actor(m) or m.attribution:
                continue
            rel = m.start - s.start
            # the body comes before the first pronoun of its sentence ("FSD teams ... our")
            we = _WE.search(s.text) if voiced[i] else None
            own = we is not None and we.start() > rel
            subject = re.fullmatch(r"\s*(?:The\s+)?", s.text[:rel]) is not None
            near = any(
                voiced[j] and sentences[j].paragraph == s.paragraph
                for j in (i - 1, i + 1)
                if 0 <= j < len(sentences)
            )
            if own or (subject and near):
                found.setdefault(m.name, m)
    return next(iter(found.values())) if len(found) == 1 else None


def _country_of_body(name: str | None) -> str | None:
    if not name:
        return None
    from minewatch.extract.authorities import _lexicon

    _, table = _lexicon()
    body = table.get(name)
    return body.country if body is not None and body.head in {"centre", "authority"} else None


def _mark_totals(drafts: list[Draft]) -> None:
    """Mark a stated total whose stated parts follow it (2,728 = 1,119 + 1,609)."""
    for n, d in enumerate(drafts):
        key = _KEY_FIGURE.get(d.kind)
        if key is None or d.fields.get(key) is None:
            continue
        total = float(d.fields[key])
        low = d.estimates.get(key, {}).get("low")
        parts: list[int] = []
        acc = 0.0
        last = d.sentences[-1].index  # parts follow each other: a list may run on
        for m in range(n + 1, min(n + 12, len(drafts))):
            e = drafts[m]
            if e.kind != d.kind or e.fields.get(key) is None:
                continue
            if d.fields.get("device_category") in _SPECIFIC and e.fields.get(
                "device_category"
            ) != d.fields.get("device_category"):
                continue  # 11,204 AP mines are broken down by AP mines, not by the UXO after it
            if e.sentences[0].index - last > 2:
                break
            last = e.sentences[0].index
            acc += float(e.fields[key])
            parts.append(m)
            if len(parts) >= 2 and _sums_to(acc, total, low is not None):
                d.extras["total_of"] = parts
                methods = {drafts[k].fields.get("method") for k in parts}
                if d.kind == "land_release" and len(methods) > 1:
                    d.fields["method"] = "unknown"  # released by several methods at once
                break
            if acc > total * 1.1:
                break


_SPECIFIC = frozenset({"AP mine", "AT mine", "IED"})


def _sums_to(acc: float, total: float, lower_bound: bool) -> bool:
    if abs(acc - total) <= total * 0.005:
        return True
    return lower_bound and total <= acc <= total * 1.1


def _serialise(d: Draft, drafts: list[Draft]) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": d.kind}
    for key in GOLD_KEYS[d.kind]:
        out[key] = d.fields.get(key)
    if d.kind != "allegation":
        out["authority"] = d.fields.get("authority")
    else:
        out["authority"] = d.fields.get("authority")
    out["authority_span"] = list(d.authority_span) if d.authority_span else None
    start = d.sentences[0].start
    end = d.sentences[-1].end
    text = d.sentences[0].text if len(d.sentences) == 1 else ""
    out["evidence"] = {
        "sentence_index": d.sentences[0].index,
        "start": start,
        "end": end,
        "text": text or "",
        "spans": {k: [a, b] for k, (a, b) in d.spans.items() if _stated(out, d.extras, k)},
    }
    out["estimates"] = {k: v for k, v in d.estimates.items() if _stated(out, d.extras, k)}
    out["date_prec"] = d.date_prec
    out["where_prec"] = None
    out["place_span"] = list(d.place_span) if d.place_span and out.get("place") else None
    if "total_of" in d.extras:
        out["total_of"] = [drafts.index(drafts[i]) for i in d.extras["total_of"]]
    for k, v in d.extras.items():
        if k != "total_of":
            out[k] = v
    return out


def _stated(out: dict[str, Any], extras: dict[str, Any], key: str) -> bool:
    """True when the field a span or estimate belongs to has a value ("occupations.journalist"
    belongs to the journalist entry of `occupations`)."""
    name, _, part = key.partition(".")
    value = out.get(name, extras.get(name))
    if part:
        return isinstance(value, dict) and value.get(part) is not None
    return value is not None


def map_back(facts: list[dict[str, Any]], cleaned: Cleaned) -> None:
    """Offsets into the cleaned text -> offsets into the document as stored (see `clean`).

    A start maps to its character's origin; an end maps to one past its last character's.
    The evidence text is re-read from the document by `attach_text`.
    """

    def span(pair: list[int]) -> list[int]:
        a, b = pair
        return [cleaned.to_original(a), cleaned.to_original(b - 1) + 1 if b > a else a]

    for f in facts:
        for key in ("authority_span", "place_span"):
            if f.get(key):
                f[key] = span(f[key])
        ev = f["evidence"]
        ev["start"], ev["end"] = span([ev["start"], ev["end"]])
        ev["spans"] = {k: span(v) for k, v in ev["spans"].items()}
        ev["text"] = ""


def attach_text(facts: list[dict[str, Any]], text: str) -> None:
    """Fill evidence text of multi-sentence facts from the body."""
    for f in facts:
        ev = f["evidence"]
        if not ev["text"]:
            ev["text"] = re.sub(r"\s+", " ", text[ev["start"] : ev["end"]])
