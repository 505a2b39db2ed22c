"""A cheap language guess: English is processed, anything else is recorded and skipped.

Stop-word ratios per language and script checks are enough to tell English news from
Russian, Azerbaijani, French, Spanish and others; no model is needed.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

_STOPWORDS = {
    "en": [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "was",
        "were",
        "that",
        "for",
        "on",
        "with",
        "by",
        "said",
        "from",
        "have",
        "has",
        "been",
        "at",
        "as",
    ],
    "fr": [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "et",
        "est",
        "dans",
        "une",
        "un",
        "pour",
        "par",
        "sur",
        "au",
        "aux",
        "été",
        "qui",
        "que",
    ],
    "es": [
        "el",
        "la",
        "los",
        "las",
        "del",
        "de",
        "y",
        "en",
        "un",
        "una",
        "por",
        "para",
        "con",
        "que",
        "fue",
        "se",
        "al",
        "como",
    ],
    "pt": [
        "o",
        "a",
        "os",
        "as",
        "do",
        "da",
        "dos",
        "das",
        "de",
        "e",
        "em",
        "um",
        "uma",
        "por",
        "para",
        "com",
        "que",
        "foi",
    ],
    "de": [
        "der",
        "die",
        "das",
        "und",
        "ist",
        "im",
        "nicht",
        "den",
        "dem",
        "von",
        "zu",
        "mit",
        "sich",
        "des",
        "auf",
        "für",
    ],
    "az": [
        "və",
        "bu",
        "bir",
        "ilə",
        "üçün",
        "də",
        "da",
        "olan",
        "olub",
        "edib",
        "tərəfindən",
        "isə",
        "ki",
    ],
    "tr": [
        "ve",
        "bir",
        "bu",
        "ile",
        "için",
        "de",
        "da",
        "olan",
        "olarak",
        "tarafından",
        "ise",
        "ki",
    ],
    "it": [
        "il",
        "la",
        "gli",
        "le",
        "di",
        "e",
        "che",
        "per",
        "con",
        "del",
        "della",
        "un",
        "una",
        "sono",
        "stato",
    ],
}


@cache
def _stop_sets() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in _STOPWORDS.items()}


@cache
def _word_re() -> re.Pattern[str]:
    return re.compile(r"[^\W\d_]+")


_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; "und" when there is too little text.

    Runs on every document, so letters are counted without a Python loop over ASCII text:
    only non-ASCII characters (few in English) are inspected one by one.
    """
    sample = text[:5000]
    ascii_part = sample.encode("ascii", "ignore")
    others = [c for c in _NON_ASCII.findall(sample) if c.isalpha()]
    n_letters = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTERS)) + len(others)
    if n_letters < 20:
        return "und"
    cyrillic = sum(1 for c in others if "\u0400" <= c <= "\u04ff")
    if cyrillic > n_letters * 0.3:
        return "uk" if any(c in "іїєґ" for c in sample.lower()) else "ru"
    arabic = sum(1 for c in others if "\u0600" <= c <= "\u06ff")
    if arabic > n_letters * 0.3:
        return "ar"
    if sum(1 for c in others if ord(c) > 0x2E80) > n_letters * 0.3:
        return "zh"
    # Lower-casing first splits words as lower-casing each word would, except around "İ"
    # (which lower-cases to two characters).
    lowered = sample.lower()
    if "\u0130" in sample:
        words = [w.lower() for w in _word_re().findall(sample)]
    else:
        words = _word_re().findall(lowered)
    if not words:
        return "und"
    counts = Counter(words)
    scores = {lang: sum(counts[w] for w in stop) for lang, stop in _stop_sets().items()}
    if any(c in lowered for c in "əğı") and scores["az"] >= scores["tr"]:
        scores["az"] += len(words) // 10
    best = max(scores, key=lambda k: scores[k])
    if scores[best] == 0:
        return "und"
    return best
