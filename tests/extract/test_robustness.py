"""Pathological input never crashes and stays linear in time."""

from __future__ import annotations

import datetime as dt
import time

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
