"""A cheap language guess: English is processed, anything else is recorded and skipped.

Stop-word ratios per language and script checks are enough to tell English news from
Russian, Azerbaijani, French, Spanish and others; no model is needed.
"""

from __future__ import annotations

import re
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


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; "und" when there is too little text."""
    sample = text[:5000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < 20:
        return "und"
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if cyrillic > len(letters) * 0.3:
        return "uk" if any(c in "іїєґ" for c in sample.lower()) else "ru"
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    if arabic > len(letters) * 0.3:
        return "ar"
    if sum(1 for c in letters if ord(c) > 0x2E80) > len(letters) * 0.3:
        return "zh"
    words = [w.lower() for w in _word_re().findall(sample)]
    if not words:
        return "und"
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _stop_sets().items()}
    if any(c in "əğı" for c in sample.lower()) and scores["az"] >= scores["tr"]:
        scores["az"] += len(words) // 10
    best = max(scores, key=lambda k: scores[k])
    if scores[best] == 0:
        return "und"
    return best
