"""Our own number normaliser: digits, number words, scales and hedges, as estimates.

Generic libraries read "twenty-five TM-62" as a unit or mangle "2.5 thousand" (DESIGN §9),
so quantities are found with bounded regexes here. Model names (TM-62, 9N210), ordinals,
ages ("14-year-old"), calibres ("122mm"), clause numbers ("point 4") and spans the caller
protects (dates) are never read as quantities.
"""

from __future__ import annotations

import re
from functools import cache

from minewatch.extract.tokens import cues, lower_folded
from minewatch.extract.types import Cues, Quantity

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_VAGUE = {"dozens": 12.0, "scores": 20.0, "hundreds": 100.0, "thousands": 1000.0}
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "three quarters": 0.75, "third": 1 / 3,
              "two thirds": 2 / 3}  # fmt: skip
_FRACTION_WORDS = frozenset({"half", "quarter", "quarters", "third", "thirds"})

_LOWER_BOUND = ("at least", "more than", "over", "in excess of", "upwards of", "no fewer than",
                "no less than", "just over", "a minimum of", "not less than")  # fmt: skip
_UPPER_BOUND = ("up to", "fewer than", "less than", "under", "no more than", "just under",
                "a maximum of", "not more than", "below")  # fmt: skip
_APPROX = ("about", "around", "approximately", "some", "nearly", "almost", "roughly",
           "close to", "an estimated", "approx.", "approx", "circa", "estimated", "an average of",
           "on average")  # fmt: skip
_CLAUSE_WORDS = r"point|points|paragraph|paragraphs|article|articles|no\.|number|resolution|item|clause|section|chapter|page|brigade|front|division|battalion|km|kilometre|route|highway|road|aged|ages|age"  # noqa: E501


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    words = "|".join(sorted([*_UNITS, *_TENS, "hundred", "thousand", "million", "billion"],
                            key=len, reverse=True))  # fmt: skip
    hedges = "|".join(
        re.escape(h).replace(r"\ ", r"\s+")
        for h in sorted((*_LOWER_BOUND, *_UPPER_BOUND, *_APPROX), key=len, reverse=True)
    )
    number_words = (
        rf"\b(?:{words})(?:(?:\s+and\s+|\s+|-)(?:{words}))*\b"
        r"(?!-(?:year|month|week|day|hectare|metre|meter|kilometre|km|storey|point))"
    )
    return {
        "digits": re.compile(
            r"(?<![\w.,/-])\d[\d,.]*\d(?![\w]|-\w|,\d)|(?<![\w.,/-])\d(?![\w]|-\w|[.,]\d)"
        ),
        # "1 316 mines", "804 120 sq.m": thousands grouped by spaces (exactly three digits
        # a group), read as one number only before a word (see `_spaced_context`)
        "spaced": re.compile(
            r"(?<![\w.,/:-])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d{1,3})?"
            r"(?![\w]|[.,]\d|[ \u00a0\u202f]\d)"
        ),
        "words": re.compile(number_words, re.IGNORECASE),
        # The same on lower-cased text: plain comparisons, ~4x faster than IGNORECASE.
        "words_lower": re.compile(number_words),
        "dozen": re.compile(r"\b(a|one|two|three|four|five|half\s+a)\s+dozen\b", re.IGNORECASE),
        # "half a hectare", "three-quarters of a square kilometre", "half a million"
        "fraction": re.compile(
            r"\b(half|a\s+half|a\s+quarter|one\s+quarter|three[\s-]quarters|a\s+third|"
            r"one\s+third|two[\s-]thirds)\s+(?:of\s+)?(?:a|an|one)(?=\s+(?:hectares?\b|ha\b|"
            r"square\b|sq\b|km2?\b|million\b|billion\b|thousand\b))",
            re.IGNORECASE,
        ),
        "couple": re.compile(r"\ba\s+couple(?=\s+of\b)", re.IGNORECASE),
        "and_half": re.compile(
            r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\s+and\s+a\s+half\b",
            re.IGNORECASE,
        ),
        "vague": re.compile(r"\b(dozens|scores|hundreds|thousands)\s+of\b", re.IGNORECASE),
        "scale": re.compile(r"\s*(thousand|million|billion|mln|bn)\b", re.IGNORECASE),
        "hedge": re.compile(rf"\b({hedges})\s+$", re.IGNORECASE),
        "clause": re.compile(
            rf"\b(?:{_CLAUSE_WORDS})\s+(?:\d+\s*(?:,|and|&|or)\s*)?$", re.IGNORECASE
        ),
        "aged": re.compile(
            r"\baged\s+(?:between\s+)?$|\baged\s+(?:between\s+)?\w+\s+(?:and|to|-)\s+$",
            re.IGNORECASE,
        ),
    }  # fmt: skip


def _word_value(phrase: str) -> float | None:
    """Value of a run of number words ("twenty-five", "two hundred and ten"), else None."""
    total = 0
    current = 0
    seen = False
    for raw in re.split(r"[\s-]+", phrase.lower()):
        if raw == "and" or not raw:
            continue
        if raw in _UNITS:
            current += _UNITS[raw]
        elif raw in _TENS:
            current += _TENS[raw]
        elif raw == "hundred":
            current = max(current, 1) * 100
        elif raw in _SCALES:
            total += max(current, 1) * _SCALES[raw]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_EUROPEAN = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?")
_DOT_THOUSAND = re.compile(r"\d{1,3}\.\d{3}")
_DECIMAL_UNIT = re.compile(
    r"\s*(?:thousand|million|billion|km|sq|square|ha\b|hectare|m2|m²|per|%)", re.IGNORECASE
)
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_FIRST_WORD = re.compile(r"\w*")


def _digit_value(raw: str, following: str) -> float | None:
    """Value of a digit string with separators, European style only where unambiguous."""
    if _THOUSANDS.fullmatch(raw):
        return float(raw.replace(",", ""))
    if _EUROPEAN.fullmatch(raw):
        return float(raw.replace(".", "").replace(",", "."))
    if _DOT_THOUSAND.fullmatch(raw):
        # "1.119 mines" is a European thousands separator; "1.120 km2" is a decimal, but
        # "45.300 sq. m" is not (nobody writes 45.3 with two trailing zeros)
        if _DECIMAL_UNIT.match(following) and not raw.endswith("00"):
            return float(raw)
        return float(raw.replace(".", ""))
    if _PLAIN.fullmatch(raw):
        return float(raw)
    if _DECIMAL_COMMA.fullmatch(raw):
        return float(raw.replace(",", "."))
    return None


_MONTHS = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec", "and", "or", "to", "of", "in", "on", "at", "by"]
)  # fmt: skip
_NEXT_WORD = re.compile(r"\s*([^\W\d_][\w.²-]*)")


def _spaced_context(text: str, end: int) -> bool:
    """True when a space-grouped number is followed by the thing counted or an area unit
    ("1 316 antipersonnel mines", "804 120 sq.m"), not by a month or a link word ("12 100 and")."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1).lower().rstrip(".") not in _MONTHS


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


_NUMBER_WORDS = frozenset([*_UNITS, *_TENS, *_SCALES])
# Whole words the look-behind checks need: the clause and "aged" patterns start with one,
# and a hedge ends with one right before the number (see `_word_before`).
_CLAUSE_SET = frozenset(w.rstrip(".\\") for w in _CLAUSE_WORDS.split("|"))
_HEDGE_ENDS = frozenset(h.split()[-1].rstrip(".") for h in (*_LOWER_BOUND, *_UPPER_BOUND, *_APPROX))


def _word_before(low: str, i: int) -> str:
    """The word ending where the spaces before offset `i` start ("" if no space precedes).

    A trailing period is skipped ("approx. 50"), as hedges may end with one.
    """
    j = i
    while j > 0 and low[j - 1].isspace():
        j -= 1
    if j == i:
        return ""
    if j > 0 and low[j - 1] == ".":
        j -= 1
    k = j
    while k > 0 and (low[k - 1].isalnum() or low[k - 1] == "_"):
        k -= 1
    return low[k:j]


def may_have_quantities(cue: Cues) -> bool:
    """False when a sentence has no digit and no number word: `find_quantities` finds nothing."""
    words = cue.words
    return (
        cue.digit
        or not _NUMBER_WORDS.isdisjoint(words)
        or "dozen" in words
        or "couple" in words
        or not _FRACTION_WORDS.isdisjoint(words)
        or not _VAGUE.keys().isdisjoint(words)
    )


def find_quantities(
    text: str,
    offset: int = 0,
    protected: list[tuple[int, int]] | None = None,
    cue: Cues | None = None,
) -> list[Quantity]:
    """All quantities in `text` (a sentence), with offsets shifted by `offset`.

    Hedges before the number become low/high/approx; scales after it multiply
    ("2.5 thousand"); vague plurals ("dozens of") are flagged vague. Each pattern runs only
    when its whole words (or a digit) are in the sentence: most sentences have no number.
    """
    cue = cue or cues(text)
    if not may_have_quantities(cue):
        return []
    words = cue.words
    has_words = not _NUMBER_WORDS.isdisjoint(words)
    pats = _patterns()
    guard = [(a - offset, b - offset) for a, b in (protected or [])]
    found: list[tuple[int, int, float, bool, bool]] = []  # start, end, value, vague, year_like
    taken: list[tuple[int, int]] = []

    for m in pats["dozen"].finditer(text) if "dozen" in words else ():
        head = m.group(1).lower()
        mult = 0.5 if head.startswith("half") else (_UNITS.get(head) or 1)
        found.append((m.start(), m.end(), 12.0 * mult, False, False))
        taken.append(m.span())
    for m in pats["and_half"].finditer(text) if "half" in words else ():
        whole = int(m.group(1)) if m.group(1).isdigit() else _UNITS.get(m.group(1).lower())
        if whole is not None:  # "two and a half hectares"
            found.append((m.start(), m.end(), whole + 0.5, False, False))
            taken.append(m.span())
    for m in pats["fraction"].finditer(text) if not _FRACTION_WORDS.isdisjoint(words) else ():
        head = re.sub(r"^(?:a|one)\s+|[\s-]+", " ", m.group(1).lower()).strip()
        found.append((m.start(), m.end(), _FRACTIONS[head], False, False))
        taken.append(m.span())
    for m in pats["couple"].finditer(text) if "couple" in words else ():
        found.append((m.start(), m.end(), 2.0, False, False))
        taken.append(m.span())
    for m in pats["vague"].finditer(text) if not _VAGUE.keys().isdisjoint(words) else ():
        if not _overlaps(*m.span(), taken):
            found.append((m.start(), m.start() + len(m.group(1)), _VAGUE[lower_folded(m.group(1))],
                          True, False))  # fmt: skip
            taken.append(m.span())
    for m in pats["spaced"].finditer(text) if cue.digit and " " in text else ():
        if _spaced_context(text, m.end()):
            raw = m.group()
            found.append((m.start(), m.end(), float("".join(raw.split())), False, False))
            taken.append(m.span())
    for m in pats["digits"].finditer(text) if cue.digit else ():
        s, e = m.span()
        if _overlaps(s, e, taken):
            continue
        value = _digit_value(m.group(), text[e : e + 12])
        if value is None:
            continue
        year_like = _YEAR_LIKE.fullmatch(m.group()) is not None
        found.append((s, e, value, False, year_like))
        taken.append((s, e))
    for m in pats["words_lower"].finditer(cue.low) if has_words else ():
        s, e = m.span()  # the offsets of `text`: lower-casing keeps them
        if _overlaps(s, e, taken):
            continue
        value = _word_value(text[s:e])  # as written: "ſeven" (long s) is no number word
        if value is None:
            continue
        # A bare scale word ("thousand") is a scale of the previous number, not a number.
        if text[s:e].lower() in _SCALES:
            continue
        found.append((s, e, value, False, False))
        taken.append((s, e))

    out: list[Quantity] = []
    clauses = not _CLAUSE_SET.isdisjoint(words)  # "aged" is one of the clause words
    for s, e, value, vague, year_like in sorted(found):
        if _overlaps(s, e, guard):
            continue
        before = text[max(0, s - 40) : s]
        # The window may cut a word ("check|point 4"), which the patterns then see as whole.
        head = _FIRST_WORD.match(cue.low, s - 40) if s > 40 else None
        cut = head is not None and head.group() in _CLAUSE_SET
        if (clauses or cut) and (pats["clause"].search(before) or pats["aged"].search(before)):
            continue
        if e < len(text) and text[e : e + 1] == "-" and text[e + 1 : e + 2].isalpha():
            continue
        if _MONEY_BEFORE.search(text, max(0, s - 5), s) or _PERCENT.match(text, e):
            continue  # "US$2.4 million", "€300", "40 percent": money or a share, not a count
        scale = pats["scale"].match(text, e)
        if _MONEY_AFTER.match(text, scale.end() if scale else e):
            continue  # "9 billion Iraqi dinars"
        if scale and not vague:
            word = lower_folded(scale.group(1))
            factor = {"mln": 1e6, "bn": 1e9}.get(word) or _SCALES[word]
            value = round(value * factor, 6)
            e = scale.end()
            year_like = False
        low: float | None = None
        high: float | None = None
        approx = False
        hedged = _word_before(cue.low, s) in _HEDGE_ENDS
        hedge = pats["hedge"].search(text, max(0, s - 30), s) if hedged else None
        if hedge:
            word = re.sub(r"\s+", " ", hedge.group(1).lower())
            if word in _LOWER_BOUND:
                low = value
            elif word in _UPPER_BOUND:
                high = value
            else:
                approx = True
            s = hedge.start()
        out.append(
            Quantity(
                best=value,
                start=s + offset,
                end=e + offset,
                low=low,
                high=high,
                approx=approx,
                vague=vague,
                year_like=year_like,
            )
        )
    return _ranges(text, offset, out) if "between" in words else out


_MONEY_BEFORE = re.compile(
    r"(?:[$€£¥₼₽₴₹]|\b(?:USD|EUR|GBP|CHF|AZN|UAH|IQD|NOK|SEK|DKK|JPY|NIS|Rs\.?))\s?$"
)
_MONEY_AFTER = re.compile(
    r"\s+(?:[A-Z][a-z]+\s+)?(?:dollars?|euros?|pounds\s+sterling|manats?|dinars?|rials?|riyals?|"
    r"hryvnias?|hryvnia|roubles?|rubles?|francs?|kroner|krone|kronor|yen|yuan|shekels?|rupees?|"
    r"kwacha|birr|afghanis?|riels?|kip|dong|pesos?|soles?|lari|drams?|somoni|shillings?)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\s?(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+")


def _ranges(text: str, offset: int, found: list[Quantity]) -> list[Quantity]:
    """ "between 40 and 50 mines": one count, at least 40 (best) and at most 50 (high)."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not (prev.year_like or q.year_like or prev.vague or q.vague)
            and prev.high is None
            and prev.best < q.best
            and _AND.fullmatch(text, prev.end - offset, q.start - offset)
            and _BETWEEN.search(text, max(0, prev.start - offset - 10), prev.start - offset)
        ):
            out[-1] = Quantity(best=prev.best, start=prev.start, end=q.end, low=prev.best,
                               high=q.best, approx=False, vague=False)  # fmt: skip
            continue
        out.append(q)
    return out
