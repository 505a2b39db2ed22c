"""Pathological input never crashes and stays linear in time; the fast paths change nothing."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterable

from minewatch.extract import extract


def _timed(text: str) -> float:
    start = time.perf_counter()
    extract(text, published=dt.date(2023, 1, 1))
    return time.perf_counter() - start


def test_long_unpunctuated_sentence_is_linear() -> None:
    unit = "mines found and destroyed 12 anti-tank mines near the village of Alpha "
    small = _timed(unit * 200)
    large = _timed(unit * 1500)
    assert large < max(small, 0.05) * 30


def test_garbage_does_not_crash() -> None:
    samples = [
        "",
        "\x00\x01\x02 landmine \x7f",
        "<div><p>12 mines</p></div>" * 100,
        "1 2 3 4 5 6 7 8 9 10 " * 2000 + " landmine",
        "💣 12 mines found 🧨 " * 50,
        "|".join(str(i) for i in range(5000)) + " unexploded ordnance",
    ]
    for text in samples:
        result = extract(text)
        assert isinstance(result.facts, list)


def test_non_english_gives_no_facts() -> None:
    ru = "С начала года саперы обнаружили и обезвредили 120 противопехотных мин в районе."
    fr = "Les démineurs ont détruit 120 mines antipersonnel dans la province, selon le centre."
    assert extract(ru).language == "ru" and extract(ru).facts == []
    assert extract(fr).language == "fr" and extract(fr).facts == []


# ---- prefilters and fast scans give exactly what the plain patterns give ----------------

SENTENCES = [
    "Azerbaijan's Defence Ministry said 12 mines were found, the MoD and MFA added.",
    "The South Sudan  Ministry of Health and the ministry of emergency situations reported.",
    "At times the homes of the regional police and local residents were hit, officials said.",
    "The HALO Trust, UXO Lao and RMAC-South (Regional Mine Action Centre - South) worked.",
    "According to the data of the Kherson Regional Military Administration, 5 died.",
    "BUS XSouth Sudan, U.S. and USSR-made mines; the national press service's spokesman.",
    "MİNİSTRY OF DEFENCE, the ſtate ſervice and the K-sign agency spoke to witnesses.",
    "Nothing here names a body, only mines and fields and a road.",
    "A local security source, medical sources, a military source, local officials, villagers,"
    " locals and witnesses told the provincial police and the Prosecutor's Office.",
]


def _spans(matches: Iterable[re.Match[str] | None]) -> list[tuple[int, int] | None]:
    return [m.span() if m is not None else None for m in matches]


def test_fast_scans_equal_the_patterns() -> None:
    from minewatch.extract import authorities as auth
    from minewatch.extract.tokens import cues, finditer_unglued

    countries, lexicon = auth._unglued()
    pats = auth._patterns()
    for text in SENTENCES:
        cue = cues(text)
        assert _spans(auth._ministry_matches(text, cue.low)) == _spans(
            pats["ministry"].finditer(text)
        )
        assert _spans(auth._generic_matches(text, cue.low, cue.words)) == _spans(
            pats["generic"].finditer(text)
        )
        assert _spans(finditer_unglued(countries, text)) == _spans(
            auth.country_pattern().finditer(text)
        )
        assert _spans(finditer_unglued(lexicon, text, "-")) == _spans(
            auth._lexicon()[0].finditer(text)
        )
        # An attribution before a mention starts at a speech word: search from the first one.
        head = auth._speech_head().search(cue.low)
        before = pats["before"]
        expected = _spans([before.search(text)])
        assert expected == ([None] if head is None else _spans([before.search(text, head.start())]))
    assert _spans(finditer_unglued(re.compile("ab"), "xab ab-ab", "-")) == [(4, 6)]


def test_mention_prefilter_skips_only_patterns_without_a_match() -> None:
    from minewatch.extract import authorities as auth
    from minewatch.extract.tokens import cues

    pats = auth._patterns()
    plain = [pats["ministry"], auth._lexicon()[0], pats["institution"], pats["local"],
             pats["generic"]]  # fmt: skip
    for text in SENTENCES:
        for wanted, pattern in zip(auth._wanted(text, cues(text)), plain, strict=True):
            assert wanted or pattern.search(text) is None, (pattern.pattern[:40], text)


def _reference_detect_language(text: str) -> str:
    """The letter-by-letter implementation the fast one replaced (kept as the oracle)."""
    from minewatch.extract.language import _stop_sets, _word_re

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
    return "und" if scores[best] == 0 else best


def test_language_guess_equals_the_reference() -> None:
    from minewatch.extract.language import detect_language

    samples = [
        *SENTENCES,
        "Minalar İLƏ və bu ərazidə tərəfindən aşkar edilib, İlham Əliyev bildirib ki.",
        "Bu bölgede mayın temizlenmesi için ve ile bir çalışma yapıldı, olarak ki.",
        "С начала года саперы обнаружили 120 мин, їх знешкодили.",
        "Les démineurs ont détruit 120 mines dans la province, selon le centre.",
        "x² + y² ½ Ⅻ and ΟΔΟΣ'Α with the of and to in a",
        "中国 地雷 " * 10,
        "12 34",
    ]
    for text in samples:
        assert detect_language(text) == _reference_detect_language(text), text


def test_any_isdigit_counts_superscripts() -> None:
    from minewatch.extract.context import _any_isdigit
    from minewatch.extract.tokens import cues

    for text in ["3.5 km²", "km² only", "no digits", "١٢ arabic digits", "Ⅻ roman"]:
        assert _any_isdigit(text, cues(text)) == any(ch.isdigit() for ch in text)


def test_ministry_codes_are_whole_words() -> None:
    from minewatch.extract.authorities import find_mentions

    names = [m.name for m in find_mentions("At times, homes and names, said the residents.", 0)]
    assert names == ["local residents"]
    names = [m.name for m in find_mentions("The MES and the MoD said.", 0)]
    assert names == ["Ministry of Emergency Situations", "Ministry of Defence"]


def test_letters_that_ignorecase_equates_with_ascii_do_not_crash() -> None:
    # "ſ" (long s), "İ" and "ı" (Turkish i) and "K" (Kelvin sign) match s, i and k under
    # IGNORECASE, so a pattern accepts "Auguſt"; the lookups after it must accept it too.
    from minewatch.extract.authorities import find_mentions
    from minewatch.extract.dates import find_dates
    from minewatch.extract.numbers import find_quantities

    pub = dt.date(2022, 11, 24)
    assert find_dates("on 5 Auguſt, on Thurſday, in the fİrst quarter", 0, pub)[0].first == (
        dt.date(2022, 8, 5)
    )
    assert [q.best for q in find_quantities("2 thouſand mines and dozenſ of shells")] == [
        2000,
        12,
    ]
    names = [m.name for m in find_mentions("The Ministry of Foreİgn Affairs and the MOİ said.", 0)]
    assert names == ["Ministry of Foreign Affairs", "Ministry of Internal Affairs"]
