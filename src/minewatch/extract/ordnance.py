"""Device noun phrases: "350 anti-personnel PMN-E landmines", "1,017 items of unexploded ordnance".

A device phrase is a run of allowed modifiers (hedges such as "more", categories such as
"anti-tank", origins such as "Soviet-made", catalogue model names) ending in a device head
noun. Category comes from the modifiers, then the model's catalogue category, then the head;
plain "mines" stay `unknown`. Origin and production year are read only from the text, never
from the catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from minewatch.extract.authorities import country_of

_HEADS = [
    # "items of war-era ordnance", "pieces of explosive remnants of war" (ERW is unexploded
    # and abandoned ordnance); "items of explosive ordnance" (which includes mines) is not UXO
    (
        r"(?:items?|pieces?|units?|rounds?|types?)\s+of\s+(?:(?:unexploded|abandoned|explosive|"
        r"[a-z]+-(?:era|vintage))\s+)*(?:(?<!explosive\s)ordnance|ammunition|munitions?|UXO|ERW|"
        r"remnants\s+of\s+war)",
        "UXO",
    ),
    (r"unexploded\s+(?:ordnance|munitions?|devices?|bombs?)", "UXO"),
    (r"explosive\s+remnants\s+of\s+war|ERWs?\b", "unknown"),
    (r"explosive\s+ordnance|items?\s+of\s+explosive\s+ordnance", "unknown"),
    (r"improvised\s+explosive\s+devices?|IEDs?\b", "IED"),
    (r"explosive\s+(?:objects?|items?|devices?|hazards?)", "unknown"),
    (r"(?:land)?mines?\b|land\s+mines?\b|minutes\b", "unknown"),
    (r"UXOs?\b", "UXO"),
    (r"roadside\s+bombs?", "IED"),
    (r"(?:cluster\s+)?(?:sub-?munitions?|bomblets?|bombies?)\b", "cluster submunition"),
    (r"cluster\s+(?:bombs?|munitions?)", "cluster submunition"),
    (r"(?:artillery\s+|mortar\s+|tank\s+)?(?:shells?|rounds?|projectiles?)\b", "UXO"),
    (
        r"mortars?\b|grenades?\b|rockets?\b|missiles?\b|aerial\s+bombs?\b|bombs?\b|warheads?\b",
        "UXO",
    ),
    (r"munitions?\b|ammunition\b|cartridges?\b", "UXO"),
    (r"booby[\s-]traps?\b", "IED"),
    (r"fuzes?\b|fuses?\b|detonators?\b", "other"),
]
_MODIFIERS = frozenset(
    [
        "more",
        "other",
        "additional",
        "further",
        "new",
        "unexploded",
        "rusty",
        "old",
        "live",
        "plastic",
        "small",
        "large",
        "anti-personnel",
        "antipersonnel",
        "anti",
        "personnel",
        "anti-tank",
        "antitank",
        "anti-vehicle",
        "antivehicle",
        "ap",
        "at",
        "improvised",
        "bounding",
        "fragmentation",
        "directional",
        "blast",
        "high-explosive",
        "he",
        "artillery",
        "mortar",
        "tank",
        "aerial",
        "aircraft",
        "air",
        "air-dropped",
        "cluster",
        "scatterable",
        "remotely-delivered",
        "remote",
        "delivered",
        "butterfly",
        "petal",
        "soviet-era",
        "landmine",
        "land",
        "abandoned",
        "buried",
        "active",
        "homemade",
        "home-made",
        "self-made",
        "pressure-activated",
        "victim-activated",
        "tripwire-activated",
        "type",
        "stake",
        "jumping",
        "anti-lift",
        "metal",
        "wooden",
        "makeshift",
        "factory-made",
        "powerful",
        "unexploded-ordnance",
        "such",
        "various",
        "different",
        "russian-made",
        "hand",
        "rifle",
        "crude",
        "legacy",
        "unfired",
        "dud",
        "smoke",
        "illumination",
        "incendiary",
        "anti-handling",
        "rocket-propelled",
        "shoulder-fired",
        "hand-held",
        "pressure-plate",
        "command-wire",
        "tripwire",
        "trip-wire",
        "booby-trapped",
        "cluster-type",
        "unguided",
        "guided",
        "howitzer",
        "rusted",
        "corroded",
        "the",
        "of",
    ]
)
_AP = frozenset(
    [
        "anti-personnel",
        "antipersonnel",
        "ap",
        "bounding",
        "fragmentation",
        "directional",
        "butterfly",
        "petal",
        "stake",
        "jumping",
    ]
)
# Compound modifiers by their last part ("pressure-operated", "radio-controlled", "air-dropped",
# "Soviet-era", "105-millimetre"): open classes, so matched by form rather than listed.
_COMPOUND_MODIFIER = re.compile(
    r"[a-z0-9]+(?:-[a-z0-9]+)*-(?:operated|activated|controlled|initiated|fuzed|fused|plate|"
    r"wire|delivered|dropped|laid|launched|propelled|fired|era|vintage|type|pattern|style|"
    r"calibre|caliber|millimetre|millimeter|pound|kilogram|kg|lb|borne)|\d{2,3}-?(?:mm|millimetre|millimeter)"
)
_AT = frozenset(["anti-tank", "antitank", "at", "anti-vehicle", "antivehicle", "tank"])
# A model name the catalogue does not list: a capitalised name with a number ("Tellermine 42")
# or a short letter-digit code ("B4", "M-15"); accepted only before a device head.
_UNLISTED_MODEL = re.compile(r"[A-Z][a-z]{3,}\s\d{1,3}\b|[A-Z]{1,3}-?\d{1,3}[A-Z]?\d?\b(?!-)")
_CALIBRE = re.compile(r"\d{2,3}-?(?:mm|millimetre|millimeter)")
_CALIBRE_PAIR = re.compile(r"(?:and|or)\s+\d{2,3}-?mm\b")
_TOKEN = re.compile(r"[\"“”«»'‘’()]|[\w./-]+")


@dataclass(frozen=True, slots=True)
class Device:
    """A device phrase after a quantity (offsets absolute)."""

    start: int
    end: int
    category: str
    model: str | None
    model_span: tuple[int, int] | None
    origin: str | None
    origin_span: tuple[int, int] | None
    year: int | None
    year_span: tuple[int, int] | None
    head: str


@cache
def _head_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<h{i}>{p})" for i, (p, _) in enumerate(_HEADS)), re.IGNORECASE)


@cache
def catalogue() -> Any:
    """The ordnance catalogue, or None when the ordnance package is unavailable."""
    try:
        from minewatch.ordnance.catalogue import load_catalogue
    except ImportError:  # pragma: no cover - the package ships with minewatch
        return None
    return load_catalogue()


def model_regex() -> re.Pattern[str] | None:
    """The catalogue's alternation of all model names and aliases."""
    cat = catalogue()
    return cat.regex() if cat is not None else None


def lookup_model(text: str) -> tuple[str, str] | None:
    """(standard name, category) of a model designation, or None."""
    cat = catalogue()
    if cat is None:
        return None
    model = cat.lookup(text)
    return (model.name, model.category) if model is not None else None


@cache
def _after_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    origin = re.compile(
        r"^[,\s]*(?:(?:which|that)\s+(?:were|was)\s+)?(?:produced|made|manufactured|"
        r"fabricated)\s+in\s+(?:the\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)"
        r"(?:\s+in\s+((?:19|20)\d\d))?"
    )
    dating = re.compile(
        r"^[,\s]*(?:(?:produced|made|manufactured)\s+in\s+|dating\s+(?:from|back\s+to)\s+)((?:19|20)\d\d)"
    )
    typed = re.compile(r"^\s+of\s+(?:the\s+)?(\S+)\s+(?:type|model)")
    return origin, dating, typed


# After the head, in the word order of French, Spanish or Arabic originals: "mines
# anti-personnel" (not "mines, anti-tank mines"), "of Russian manufacture", "of Soviet origin",
# "of manufacture Russian".
_POST_CATEGORY = re.compile(
    r"\s+(anti-?\s?personnel|antipersonnel|anti-?\s?tank|antitank|anti-?vehicle)\b"
    r"(?!\s+(?:land)?mines?\b)",
    re.IGNORECASE,
)
_OF_ORIGIN = re.compile(
    r"\s+of\s+(?:(?P<a>[A-Z][\w-]+)\s+(?:manufacture|make|origin|production)|"
    r"(?:manufacture|make|origin|production)\s+(?P<b>[A-Z][\w-]+))\b"
)


def _made_origin(token: str) -> str | None:
    low = token.lower()
    for suffix in ("-made", "-produced", "-manufactured"):
        if low.endswith(suffix):
            return country_of(token[: -len(suffix)])
    return None


def device_at(text: str, pos: int, offset: int = 0, limit: int = 10) -> Device | None:
    """The device phrase starting at `pos` in `text` (right after a quantity), or None."""
    models = model_regex()
    head_re = _head_re()
    i = pos
    n_tokens = 0
    mods: set[str] = set()
    model: tuple[str, str] | None = None
    model_span: tuple[int, int] | None = None
    origin: str | None = None
    origin_span: tuple[int, int] | None = None
    start: int | None = None
    while n_tokens < limit:
        while i < len(text) and text[i] in " \t":
            i += 1
        if i >= len(text):
            return None
        if models is not None:
            mm = models.match(text, i)
            if mm and mm.end() > i:
                found = lookup_model(mm.group())
                if found:
                    model, model_span = found, (mm.start() + offset, mm.end() + offset)
                    start = i if start is None else start
                    i = mm.end()
                    n_tokens += 1
                    continue
        hm = head_re.match(text, i)
        if hm and hm.end() > i:
            word = hm.group().lower()
            if word == "minutes" and not re.match(
                r"\s+(?:were|have|had)\s+(?:been\s+)?(?:found|detected)", text[hm.end() :]
            ):
                return None
            head_cat = _HEADS[int(next(k for k, v in hm.groupdict().items() if v)[1:])][1]
            if word in {"at", "ap"} or (
                word.startswith("mortar") and text[hm.end() : hm.end() + 1] == "-"
            ):
                head_cat = ""
            if head_cat:
                return _build(text, i if start is None else start, hm.end(), offset, mods,
                              head_cat, word, model, model_span, origin, origin_span)  # fmt: skip
        tm = _TOKEN.match(text, i)
        if tm is None:
            return None
        token = tm.group()
        low = token.lower().strip(".,")
        um = _UNLISTED_MODEL.match(text, i) if model is None else None
        if um is not None and (rest := device_at(text, um.end(), offset, limit - n_tokens - 1)):
            # "611 German-made Tellermine 42 anti-tank mines", "284 B4 mines": a model name the
            # catalogue lacks, its number part of the name and no count of its own
            if rest.model is not None:
                return None
            category = "AP mine" if mods & _AP else "AT mine" if mods & _AT else rest.category
            return replace(
                rest,
                start=(i if start is None else start) + offset,
                category=category,
                model=re.sub(r"\s+", " ", um.group()),
                model_span=(i + offset, um.end() + offset),
                origin=origin or rest.origin,
                origin_span=origin_span if origin else rest.origin_span,
            )
        if token in "\"“”«»'‘’()":
            pass
        elif (made := _made_origin(token)) is not None:
            origin, origin_span = made, (i + offset, tm.end() + offset)
        elif (
            low in _MODIFIERS
            or _COMPOUND_MODIFIER.fullmatch(low)
            or (model is not None and low[:1] == "-" and _COMPOUND_MODIFIER.fullmatch("x" + low))
        ):  # "M18A1 Claymore-type": the catalogue alias ends before "-type"
            mods.add(low)
        elif (
            low in {"and", "or"}
            and _CALIBRE_PAIR.match(text, i)
            and any(_CALIBRE.fullmatch(m) for m in mods)
        ):
            pass  # "14 unexploded 60mm and 81mm mortar bombs": two calibres of one head
        else:
            return None
        start = i if start is None else start
        i = tm.end()
        n_tokens += 1
    return None


_MADE_APPOSITION = re.compile(
    r"\s*,\s+(?:both|all|each|all\s+of\s+them)\s+(?:of\s+them\s+)?([A-Z][\w]+)-"
    r"(?:made|produced|manufactured)\b"
)
_LIST_LINK = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")
# The end of a breakdown set off by dashes or brackets: "41 mines - 29 Type 72 and 12 PMN-2 -"
_CLOSER = re.compile(r"\s*(?:[-–—).;]|$|,\s+(?:as\s+well\s+as|and|plus)\b)")


def bare_model(text: str, pos: int, offset: int = 0, *, closed: bool = False) -> Device | None:
    """A device named without its head noun before a coordinated count: "61 VS-50 and 36 TS-50
    anti-personnel mines", "87 anti-personnel and 34 anti-tank mines". The device of the first
    count, with the category its model or modifiers give (the caller lends it the list's head).
    With `closed`, the last item of a bracketed breakdown ("- 29 Chinese-made Type 72 and 12
    PMN-2 -") may also end at the closing dash or bracket."""
    models = model_regex()
    i = pos
    model: tuple[str, str] | None = None
    span: tuple[int, int] | None = None
    origin: tuple[str, tuple[int, int]] | None = None
    mods: set[str] = set()
    start: int | None = None
    for _ in range(4):
        while i < len(text) and text[i] in " \t":
            i += 1
        if i == pos:
            return None
        mm = models.match(text, i) if models is not None else None
        tm = None
        if mm is not None and mm.end() > i and (found := lookup_model(mm.group())):
            model, span, end = found, (mm.start() + offset, mm.end() + offset), mm.end()
        else:
            tm = _TOKEN.match(text, i)
            low = tm.group().lower() if tm is not None else ""
            if tm is not None and model is None and (made := _made_origin(tm.group())):
                origin = (made, (i + offset, tm.end() + offset))  # "29 Chinese-made Type 72"
            elif tm is None or low not in _AP | _AT or low in {"at", "ap", "tank"}:
                break
            else:
                mods.add(low)
            end = tm.end()  # type: ignore[union-attr]
        start = i if start is None else start
        i = end
        if tm is not None and model is None and not mods:
            continue  # an origin alone is no device: the model must follow
        if _LIST_LINK.match(text, i) or (closed and _CLOSER.match(text, i)):
            category = "AP mine" if mods & _AP else "AT mine" if mods & _AT else None
            category = category or (model[1] if model else "unknown")
            return Device(start + offset, i + offset, category, model[0] if model else None,
                          span, origin[0] if origin else None, origin[1] if origin else None,
                          None, None, "")  # fmt: skip
    return None


def _build(
    text: str,
    start: int,
    end: int,
    offset: int,
    mods: set[str],
    head_cat: str,
    head: str,
    model: tuple[str, str] | None,
    model_span: tuple[int, int] | None,
    origin: str | None,
    origin_span: tuple[int, int] | None,
) -> Device:
    origin_re, dating_re, typed_re = _after_patterns()
    after = text[end : end + 5].lower()
    if after.startswith(" anti") and (pc := _POST_CATEGORY.match(text, end)) and "mine" in head:
        mods.add(re.sub(r"[\s-]", "", pc.group(1).lower()).replace("anti", "anti-"))
        end = pc.end()
        after = text[end : end + 5].lower()
    if after.startswith(" of ") and origin is None and (oo := _OF_ORIGIN.match(text, end)):
        key = "a" if oo.group("a") else "b"
        if (country := country_of(oo.group(key))) is not None:
            origin, origin_span = country, (oo.start(key) + offset, oo.end(key) + offset)
            end = oo.end()
    rest = text[end : end + 90]
    if model is None:
        tm = typed_re.match(rest)
        if tm and (found := lookup_model(tm.group(1))):
            model = found
            s = end + tm.start(1)
            model_span = (s + offset, s + len(tm.group(1)) + offset)
    year: int | None = None
    year_span: tuple[int, int] | None = None
    tail = rest
    if model_span is not None and typed_re.match(rest):
        cut = re.search(r"(?:type|model)", rest)
        tail = rest[cut.end() :] if cut else rest
    base = end + (len(rest) - len(tail))
    om = origin_re.match(tail)
    if om:
        country = country_of(om.group(1)) or country_of(om.group(1).split()[0])
        if country and origin is None:
            origin = country
            origin_span = (base + om.start(1) + offset, base + om.end(1) + offset)
        if om.group(2):
            year = int(om.group(2))
            year_span = (base + om.start(2) + offset, base + om.end(2) + offset)
    if origin is None and (am := _MADE_APPOSITION.match(tail)) is not None:
        # "61 VS-50 and 36 TS-50 mines, both Italian-made types laid ..."
        origin = country_of(am.group(1))
        if origin is not None:
            origin_span = (base + am.start(1) + offset, base + am.end(1) + offset)
    if year is None:
        dm = dating_re.match(tail)
        if dm:
            year = int(dm.group(1))
            year_span = (base + dm.start(1) + offset, base + dm.end(1) + offset)
    category = head_cat
    if mods & _AP:
        category = "AP mine"
    elif mods & _AT:
        category = "AT mine"
    elif model is not None:
        category = model[1]
    elif "improvised" in mods and head_cat == "unknown":
        category = "IED"
    elif "cluster" in mods:
        category = "cluster submunition"
    elif "unexploded" in mods and head_cat == "unknown" and "mine" not in head:
        category = "UXO"
    return Device(
        start=start + offset,
        end=end + offset,
        category=category,
        model=model[0] if model else None,
        model_span=model_span,
        origin=origin,
        origin_span=origin_span,
        year=year,
        year_span=year_span,
        head=head,
    )
