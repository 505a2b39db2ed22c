"""Issue 4 target: >= 0.90 of the corpus gold place strings correct, none in a wrong country."""

from __future__ import annotations

from pathlib import Path

import pytest

from minewatch.evaluate.places import score_places
from minewatch.gazetteer.resolve import Resolver


@pytest.mark.corpus
def test_corpus_place_resolution(
    corpus_dir: Path, expected_places: dict, resolver: Resolver
) -> None:
    report = score_places(corpus_dir / "gold.jsonl", corpus_dir, expected_places, resolver=resolver)
    counts = report.counts()
    assert counts["unscored"] == 0, "every gold place string needs an expected resolution"
    assert counts["wrong_country"] == 0, report.as_dict()["cases"]
    assert report.rate() >= 0.90, report.as_dict()["cases"]
    assert report.as_dict()["distinct"]["correct_rate"] >= 0.90
