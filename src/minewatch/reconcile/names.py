"""Spelling variants of places, people and groups: when two spellings name the same thing.

Reports spell one name many ways (Saribaba / Sarybaba, Kalbajar / Kyalbadzharsky, Semenov /
Semyonov, Andrei / Andrey Volkov). Reconciliation must neither split one fact over two
spellings nor merge two facts because names look alike, so names are compared on *cores*:
casefolded, transliteration-folded proper-name tokens without direction and type words,
matched fuzzily (edit-similarity >= 0.8 on the folded form). Pure functions, no database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+", re.UNICODE)
_LOOSE = (
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("sh", "s"),
    ("ch", "c"),
    ("ph", "f"),
    ("yo", "e"),
    ("ye", "e"),
    ("ya", "a"),
    ("yu", "u"),
    ("q", "g"),
    ("w", "v"),
    ("y", "i"),
    ("-", ""),
)
_DOUBLE = re.compile(r"(.)\1+")
_ADJECTIVAL = re.compile(r"(?:skiy|skyi|skyy|skii|sky|ski|skaya|skoye|skoe|ska|ske|skiye)$")
_FOLD = str.maketrans({"ə": "a", "ı": "i", "ł": "l", "ø": "o", "’": "", "'": ""})


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that locate or classify rather than name: dropped before comparing places.
PLACE_NOISE = _wordset(
    """
    the of in on at near around between and or to from along outside inside within across
    north northern south southern east eastern west western central northeast northwest
    southeast southwest north-east north-west south-east south-west upper lower
    direction directions area areas region regions district districts province provinces
    height heights hill hills village villages town city settlement settlements territory
    territories border state part parts outskirts vicinity side sides zone zones economic
    village's district's rayon raion oblast governorate municipality community commune
    """
)
# Words that carry no identity in a group of participants ("members of the press").
GROUP_NOISE = _wordset("the of a an and members representatives group groups")
GROUP_SYNONYMS = {
    "journalists": "media",
    "journalist": "media",
    "press": "media",
    "reporters": "media",
    "mass": "",
    "attaches": "attache",
    "attachés": "attache",
    "attaché": "attache",
    "countries": "foreign",
    "states": "foreign",
}
TITLE_WORDS = _wordset(
    """
    mr mrs ms dr gen general maj major lt lieutenant col colonel capt captain rear admiral
    vice counter brig brigadier sgt sergeant minister deputy head commander
    """
)
SIMILAR = 0.8


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """Casefold, strip diacritics and fold common transliteration variants."""
    text = unicodedata.normalize("NFKD", word.casefold().translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for old, new in _LOOSE:
        text = text.replace(old, new)
    return _DOUBLE.sub(r"\1", text)


def words(text: str) -> list[str]:
    """Word tokens of a name or phrase, in order."""
    return _WORD.findall(text)


@lru_cache(maxsize=100_000)
def place_core(place: str) -> tuple[str, ...]:
    """The naming tokens of a place phrase, folded ("north of the Sarybaba height" -> saribaba).

    Only capitalised words and numbers name a place; a phrase without them ("the mined
    area") is generic and has no core, so it neither matches nor contradicts another place.
    """
    out: list[str] = []
    for word in words(place):
        low = word.casefold()
        if low in PLACE_NOISE or len(low) < 2 or not (word[0].isupper() or word[0].isdigit()):
            continue
        noun = _ADJECTIVAL.sub("", low)
        out.append(fold(noun if len(noun) >= 3 else low))
    return tuple(out)


def token_similar(a: str, b: str) -> bool:
    """True when two folded tokens are the same name spelled differently."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= SIMILAR


def _covered(small: Sequence[str], large: Sequence[str]) -> float:
    if not small:
        return 0.0
    hits = sum(1 for s in small if any(token_similar(s, t) for t in large))
    return hits / len(small)


@lru_cache(maxsize=200_000)
def place_similarity(a: str | None, b: str | None) -> float | None:
    """Share (0..1) of the shorter place's name tokens found in the other; None if unknown.

    Cached: reports name the same few places over and over, and the fuzzy comparison was the
    costliest step of matching."""
    if not a or not b:
        return None
    ca, cb = place_core(a), place_core(b)
    if not ca or not cb:
        return None
    small, large = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
    return _covered(small, large)


def same_place(a: str | None, b: str | None) -> bool | None:
    """Whether two place phrases name one place (None when either is unknown or generic)."""
    sim = place_similarity(a, b)
    return None if sim is None else sim >= 0.5


def is_person(name: str) -> bool:
    """A participant that is a named person ("Andrei Volkov") rather than a group phrase."""
    parts = words(name)
    return bool(parts) and all(p[:1].isupper() for p in parts) and len(parts) <= 4


def person_key(name: str) -> tuple[str, str]:
    """(first-name initial, folded surname) of a person, titles dropped."""
    parts = [p for p in words(name) if p.casefold().rstrip(".") not in TITLE_WORDS]
    if not parts:
        return ("", "")
    surname = fold(parts[-1])
    first = fold(parts[0])[:1] if len(parts) > 1 else ""
    return (first, surname)


def same_person(a: str, b: str) -> bool:
    """Andrei Volkov = Andrey Volkov = Volkov; Semenov = Semyonov; not Oleg vs Igor Volkov."""
    (fa, sa), (fb, sb) = person_key(a), person_key(b)
    if not sa or not sb or not token_similar(sa, sb):
        return False
    return not fa or not fb or fa == fb


def group_core(phrase: str) -> tuple[str, ...]:
    """Identity tokens of a group phrase ("members of the press" -> media)."""
    out = []
    for word in words(phrase):
        low = word.casefold()
        if low in GROUP_NOISE:
            continue
        low = GROUP_SYNONYMS.get(low, GROUP_SYNONYMS.get(fold(low), low))
        if low:
            out.append(fold(low).rstrip("s") or low)
    return tuple(out)


def same_group(a: str, b: str) -> bool:
    """Two phrases for one group ("foreign military attachés" = "military attaches of ...")."""
    ca, cb = group_core(a), group_core(b)
    small, large = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
    return bool(small) and _covered(small, large) >= 0.99


def same_participant(a: str, b: str) -> bool:
    """Two participant strings naming the same person or group."""
    if is_person(a) and is_person(b):
        return same_person(a, b)
    if is_person(a) != is_person(b):
        return False
    return same_group(a, b)


def link_variants(names: Iterable[str], same: Callable[[str, str], bool]) -> list[list[str]]:
    """Group distinct spellings that ``same`` says name one thing, in first-seen order."""
    groups: list[list[str]] = []
    for name in dict.fromkeys(names):
        for group in groups:
            if any(same(member, name) for member in group):
                group.append(name)
                break
        else:
            groups.append([name])
    return groups


def place_names(place: str) -> list[str]:
    """Proper-name words of a place phrase as written ("north of Sarybaba height" -> Sarybaba)."""
    return [w for w in words(place) if w[:1].isupper() and w.casefold() not in PLACE_NOISE]


def same_name_word(a: str, b: str) -> bool:
    """Two written name words that are one name (Saribaba / Sarybaba, Kalbajar / Kyalbadzharsky)."""
    return token_similar(
        place_core(a)[0] if place_core(a) else fold(a),
        place_core(b)[0] if place_core(b) else fold(b),
    )
