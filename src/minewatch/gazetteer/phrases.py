"""Parse a place phrase into what it names, what contains it and what it is relative to.

"near the village of Verbivka, Balakliia community, Izium district" is one locality with two
containing units; "Maqbanah district, west of Taiz" is a district and a reference place;
"Tartar, Aghdam and Fuzuli districts" is a list of three districts; "Kherson's Dniprovskyi
district" names its parent first. Pure syntax: whether a name exists is asked through the
``known`` callback, so "Bosnia and Herzegovina" is not split into two places.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from minewatch.gazetteer.names import TYPE_PHRASES, TYPE_WORDS, name_key, split_type

_DIR = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
_NEAR = re.compile(
    rf"^(?:(?:near|around|outside|close\s+to|not\s+far\s+from|next\s+to|by)\s+|"
    rf"(?:on\s+)?(?:the\s+)?(?:outskirts|vicinity|environs|edge)\s+of\s+|"
    rf"(?:the\s+)?{_DIR}\s+(?:directions?|outskirts|side|slopes?|approaches)\s+of\s+|"
    rf"(?:(?:the\s+)?(?:desert|area|areas|mountains|hills|fields?|forests?|steppe|countryside)\s+)?"
    rf"{_DIR}\s+(?:of|from)\s+)",
    re.IGNORECASE,
)
_IN = re.compile(
    r"^(?:(?:in|inside|within|across|throughout|at|on)\s+|"
    r"(?:the\s+)?(?:territory|territories|rural\s+areas?|areas?|streets|countryside|"
    r"(?:[\w-]+\s+)?parts?|(?:[\w-]+\s+)?districts?\s+centre)\s+of\s+)",
    re.IGNORECASE,
)
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_PREFIX_TYPE = re.compile(
    r"^(?:the\s+)?(village|villages|town|city|settlement|municipality|municipalities|district|"
    r"districts|province|provinces|region|governorate|governorates|oblast|commune|township)"
    r"\s+of\s+",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"^([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})['’]s\s+(.+)$")
_SPLIT_IN = re.compile(r"\s*,?\s+in\s+(?=[A-Z]|the\s)", re.IGNORECASE)
_AND = re.compile(r"\s*(?:,\s*)?\band\b\s*|\s*&\s*")


@dataclass(frozen=True, slots=True)
class Item:
    """One name of a phrase: its key (no type word) and the type word that came with it."""

    text: str
    key: str
    full_key: str
    type: str | None


@dataclass(frozen=True, slots=True)
class ParsedPhrase:
    """``items``: the places meant; ``parents``: containing units, innermost first;
    ``references``: places the items lie relative to ("west of Taiz")."""

    text: str
    relation: str  # "in" or "near"
    items: tuple[Item, ...]
    parents: tuple[Item, ...]
    references: tuple[Item, ...]


def _item(text: str, default_type: str | None = None) -> Item | None:
    text = _THE.sub("", text.strip(" ,.;:\"'()"))
    prefix = _PREFIX_TYPE.match(text)
    if prefix:
        default_type = TYPE_WORDS.get(prefix.group(1).lower(), default_type)
        text = text[prefix.end() :]
    full = name_key(text)
    if not full:
        return None
    core, kind = split_type(full)
    return Item(text, core, full, kind or default_type)


def _relation(text: str) -> tuple[str, str]:
    """Strip leading relation words; "near" wins over "in" when both occur."""
    relation = "in"
    while True:
        text = _THE.sub("", text.strip())
        m = _NEAR.match(text)
        if m:
            relation = "near"
            text = text[m.end() :]
            continue
        m = _IN.match(text)
        if m:
            text = text[m.end() :]
            continue
        return relation, text


def _split_of(segment: str) -> list[str]:
    """ "Andar district of Ghazni province" -> both parts; "Plain of Jars" stays whole."""
    m = re.match(r"^(.+?)\s+of\s+(.+)$", segment)
    if m and name_key(m.group(1)).rpartition(" ")[2] in TYPE_WORDS:
        return [m.group(1), *_split_of(m.group(2))]
    return [segment]


def _list_items(segment: str, known: Callable[[str], bool]) -> list[str] | None:
    """Split "A and B districts" into ["A districts", "B districts"] unless it is one name."""
    if not _AND.search(segment):
        return None
    core, _ = split_type(name_key(segment))
    if known(core) or known(name_key(segment)):
        return None
    return [p for p in _AND.split(segment) if p.strip()]


def parse_phrase(phrase: str, known: Callable[[str], bool] = lambda _k: False) -> ParsedPhrase:
    """Structure of a place phrase (see the module docstring for the shapes handled)."""
    text = phrase.strip(" ,.;:")
    parents: list[Item] = []
    references: list[Item] = []
    possessive = _POSSESSIVE.match(_THE.sub("", text))
    if possessive and not known(name_key(_THE.sub("", text))):
        if p := _item(possessive.group(1)):
            parents.append(p)
        text = possessive.group(2)
    relation, text = _relation(text)
    prefix = _PREFIX_TYPE.match(text)
    shared_type = TYPE_WORDS.get(prefix.group(1).lower()) if prefix else None
    if prefix:
        text = text[prefix.end() :]
    head_text, *rest = _SPLIT_IN.split(text)
    segments = [s for s in re.split(r"\s*,\s*", head_text) if s.strip()] or [head_text]
    # a list ends at the first segment holding "and": "A, B, C and D districts"
    names: list[str] = []
    tail: list[str] = []
    for i, seg in enumerate(segments):
        parts = _list_items(seg, known)
        if parts is not None and all(len(_split_of(s)) == 1 for s in segments[:i]):
            names = [*segments[:i], *parts]
            tail = segments[i + 1 :]
            break
    if not names:
        first = _split_of(segments[0])
        names, tail = [first[0]], [*first[1:], *segments[1:]]
    items = [it for it in (_item(n) for n in names) if it is not None]
    last_type = items[-1].type if items else None
    shared = shared_type or last_type
    items = [it if it.type else Item(it.text, it.key, it.full_key, shared) for it in items]
    for seg in [*tail, *rest]:
        rel, body = _relation(seg)
        for n, part in enumerate(_SPLIT_IN.split(body)):
            target = references if rel == "near" and n == 0 else parents
            for sub in _split_of(part):
                if it := _item(sub):
                    target.append(it)
    return ParsedPhrase(phrase, relation, tuple(items), tuple(parents), tuple(references))


__all__ = ["TYPE_PHRASES", "Item", "ParsedPhrase", "parse_phrase"]
