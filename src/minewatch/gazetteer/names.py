"""Name keys: how spellings and transliterations of one place meet on one key.

Two levels, because reports spell names every possible way (Kəlbəcər, Kelbajar, Kalbajar;
Sarybaba, Saribaba; Dniprovskyi, Dniprovsky): the *key* (stored in ``place_names.key``)
folds case, diacritics, Azerbaijani/Turkish letters and punctuation; the *loose* key (in
memory only, a fallback) also folds common transliteration variants (dzh/j, kh/h, y/i,
doubled letters, spaces). Type words ("district", "oblast", "Rayon") are split off so that
"Kharkiv region" finds "Kharkivska oblast" through its core "Kharkiv".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD cannot decompose; Azerbaijani ə/ı matter most (Kəlbəcər, Laçın).
_FOLD = str.maketrans(
    {
        "ə": "a",
        "ǝ": "a",
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ʻ": "",
        "ʼ": "",
        "’": "",
        "‘": "",
        "'": "",
        "`": "",
        "´": "",
        "ʿ": "",
        "ʾ": "",
    }
)
_NON_WORD = re.compile(r"[^\w]+")
_NON_WORD_LINE = re.compile(r"[^\w\n]+")
_LATIN = re.compile(r"[a-z0-9 ]+")

# Ordered: multi-letter transliterations first; then q/w/y to g/v/i, hyphens and spaces out.
_MULTI_LOOSE: tuple[tuple[str, str], ...] = (
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "c"),
    ("ph", "f"),
    ("ou", "u"),
)
_DOUBLE = re.compile(r"(.)\1+")

TYPE_WORDS: dict[str, str] = {
    # word (singular or plural, lowercase) -> canonical type
    "district": "district",
    "districts": "district",
    "raion": "district",
    "raions": "district",
    "rayon": "district",
    "rayons": "district",
    "rayonu": "district",
    "province": "province",
    "provinces": "province",
    "governorate": "province",
    "governorates": "province",
    "oblast": "province",
    "oblasts": "province",
    "state": "province",
    "department": "province",
    "departamento": "province",
    "provincia": "province",
    "region": "region",
    "regions": "region",
    "municipality": "municipality",
    "municipalities": "municipality",
    "municipio": "municipality",
    "county": "municipality",
    "canton": "canton",
    "community": "community",
    "communities": "community",
    "hromada": "community",
    "commune": "community",
    "communes": "community",
    "township": "township",
    "townships": "township",
    "city": "locality",
    "town": "locality",
    "village": "locality",
    "villages": "locality",
    "settlement": "locality",
    "settlements": "locality",
    "height": "feature",
    "heights": "feature",
    "hill": "feature",
    "mount": "feature",
    "mountain": "feature",
    "peak": "feature",
    "ridge": "feature",
    "river": "feature",
    "road": "feature",
    "pass": "feature",
    "direction": "direction",
    "directions": "direction",
}
# Multi-word designations, tried before single words.
TYPE_PHRASES: dict[str, str] = {
    "economic region": "economic_region",
    "economic regions": "economic_region",
    "autonomous republic": "region",
    "territorial community": "community",
    "urban community": "community",
    "city municipality": "municipality",
}


class _Marks(dict[int, int | None]):
    """``str.translate`` table dropping combining marks, filled lazily per code point."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_MARKS = _Marks()
_ASCII_FOLD = str.maketrans({"'": "", "`": ""})
_SINGLE_LOOSE = str.maketrans({"q": "g", "w": "v", "y": "i", "-": None, " ": None})
_HAS_DOUBLE = re.compile(r"(.)\1")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The stored key: casefolded, no diacritics, punctuation as single spaces."""
    if name.isascii():  # most names: casefold is lower, NFKD is the identity
        plain = name.lower().translate(_ASCII_FOLD)
    else:
        folded = name.casefold().translate(_FOLD)
        plain = unicodedata.normalize("NFKD", folded).translate(_MARKS)
    return _NON_WORD.sub(" ", plain).replace("_", " ").strip()


def name_keys(names: list[str]) -> list[str]:
    """`name_key` of many names in one pass over their joined text (bulk imports).

    Exact because every step works character by character or within a run of non-word
    characters that the line break ends: casefolding, the letter table, NFKD (the break is
    a starter, so no reordering crosses it) and dropping marks. Names with a line break go
    one by one.
    """
    text = "\n".join(names)
    if not names or text.count("\n") != len(names) - 1:
        return [name_key(n) for n in names]
    if text.isascii():
        plain = text.lower().translate(_ASCII_FOLD)
    else:
        folded = text.casefold().translate(_FOLD)
        plain = unicodedata.normalize("NFKD", folded).translate(_MARKS)
    joined = _NON_WORD_LINE.sub(" ", plain).replace("_", " ")
    return [k.strip() for k in joined.split("\n")]


def _first(match: re.Match[str]) -> str:
    return match.group(1)


def loose_key(key: str) -> str:
    """A fallback key that also folds transliteration variants (Sarybaba = Saribaba)."""
    out = key
    if "h" in out:  # the rules in order, skipping the ones that cannot apply
        for old, new in _MULTI_LOOSE:
            out = out.replace(old, new)
    else:
        out = out.replace("dj", "j").replace("ou", "u")
    out = out.translate(_SINGLE_LOOSE)  # the one-letter rules do not feed each other
    return _DOUBLE.sub(_first, out) if _HAS_DOUBLE.search(out) else out


def loose_keys(keys: list[str]) -> list[str]:
    """`loose_key` of many keys in one pass over their joined text (C string work, no loop).

    Exact because no rule spans a line break: ``.`` in the doubled-letter pattern does not
    match it and no transliteration rule contains it. Keys with a line break go one by one.
    """
    text = "\n".join(keys)
    if text.count("\n") != max(len(keys) - 1, 0):
        return [loose_key(k) for k in keys]
    for old, new in _MULTI_LOOSE:
        text = text.replace(old, new)
    text = _DOUBLE.sub(_first, text.translate(_SINGLE_LOOSE))
    return text.split("\n") if keys else []


def is_latin(key: str) -> bool:
    """True for keys in Latin script (what English-language reports can contain)."""
    return bool(_LATIN.fullmatch(key))


_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ad|ath|adh)\s+(?=\w{3})")


def strip_article(key: str) -> str:
    """Drop a leading Arabic article: "al anbar" -> "anbar", "ad dali" -> "dali"."""
    return _ARTICLE.sub("", key) if key.startswith(("a", "e")) else key


def split_type(key: str) -> tuple[str, str | None]:
    """Split a type word off a key: "kharkiv region" -> ("kharkiv", "region")."""
    head, _, last = key.rpartition(" ")
    if last in _PHRASE_ENDS:
        for phrase, kind in TYPE_PHRASES.items():
            if key.endswith(" " + phrase):
                return key[: -len(phrase) - 1].strip(), kind
    if head and last in TYPE_WORDS:
        return head, TYPE_WORDS[last]
    first, _, rest = key.partition(" ")
    if rest and first in TYPE_WORDS and TYPE_WORDS[first] == "feature":
        return rest, "feature"  # "height saribaba" (machine translation word order)
    return key, None


_PHRASE_ENDS = frozenset(p.rpartition(" ")[2] for p in TYPE_PHRASES)
_LAST_WORDS = _PHRASE_ENDS | set(TYPE_WORDS)
_FIRST_WORDS = frozenset(w for w, kind in TYPE_WORDS.items() if kind == "feature")


def plain_key(key: str) -> bool:
    """True when `key_variants` of ``key`` is just ``(key,)``: a cheap pre-check for bulk use."""
    return (
        bool(key)
        and key[0] not in "ae"
        and key.rpartition(" ")[2] not in _LAST_WORDS
        and key.partition(" ")[0] not in _FIRST_WORDS
    )


_ADJECTIVAL = re.compile(r"(?:skiy|skyi|skyy|skii|sky|ski|skaya|skoye|skoe|ska|ske)$")


def strip_adjectival(key: str) -> str | None:
    """Russian-style adjective to noun ("kyalbadzharsky" -> "kyalbadzhar"), or None."""
    out = _ADJECTIVAL.sub("", key)
    return out if out != key and len(out) >= 3 else None


def core_keys(name: str) -> set[str]:
    """Every key a stored name is findable by: full, without type word, without article."""
    return set(key_variants(name_key(name)))


def key_variants(key: str) -> tuple[str, ...]:
    """`core_keys` of a name whose `name_key` is ``key`` (what the database stores)."""
    if not key:
        return ()
    core, kind = split_type(key)
    if core == key and not key.startswith(("a", "e")):
        return (key,)  # most names: no type word, no article
    keys = {key, core}
    if kind is not None and (noun := strip_adjectival(core)):
        keys.add(noun)  # "Kharkivska oblast" is also found as "Kharkiv"
    for k in list(keys):
        keys.add(strip_article(k))
    keys.discard("")
    return tuple(keys)
