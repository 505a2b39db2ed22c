"""Near-duplicate detection: signatures estimate Jaccard; the seed variants form one story."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from minewatch.documents.readers import read_document
from minewatch.reconcile import minhash
from minewatch.reconcile.stories import THRESHOLD, WINDOW_DAYS, StoryGrouper


def test_signature_estimates_jaccard() -> None:
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(400)]
    errors = []
    for _ in range(40):
        a = set(rng.sample(vocab, 120))
        b = set(rng.sample(sorted(a), rng.randint(20, 120))) | set(rng.sample(vocab, 40))
        sa, sb = minhash.signatures([minhash.hash_shingles(a), minhash.hash_shingles(b)])
        errors.append(abs(minhash.similarity(sa, sb) - minhash.jaccard(a, b)))
    assert float(np.mean(errors)) < 0.05
    assert max(errors) < 0.15


def test_batched_signatures_equal_single_ones() -> None:
    texts = ["Mines found near Saribaba on 23 November", "", "HALO Trust cleared 12 hectares"]
    hashed = [minhash.hash_shingles(minhash.shingles(t)) for t in texts]
    batch = minhash.signatures(hashed, chunk=3)
    for text, row in zip(texts, batch, strict=True):
        assert np.array_equal(row, minhash.signature(text))


def test_seed_is_one_story_and_dev_articles_are_not_merged(corpus_dir: Path) -> None:
    files = sorted((corpus_dir / "seed").glob("*.txt")) + sorted((corpus_dir / "dev").glob("*.txt"))
    grouper = StoryGrouper()
    for i, path in enumerate(files):
        doc = read_document(path)
        grouper.assign(i, doc.published, minhash.signature(doc.text))
    story = {files[i].name: grouper.story(grouper.story_of[i]) for i in range(len(files))}
    seed = {story[p.name] for p in files[:5]}
    assert len(seed) == 1
    others = [story[p.name] for p in files[5:]]
    assert len(set(others)) == len(others) and not seed & set(others)


def test_word_shingles_miss_rewrites(corpus_dir: Path) -> None:
    """Why salient shingles: plain 3-word shingles barely overlap between variants."""
    a = read_document(corpus_dir / "seed" / "newsaz-2022-11-24.txt").text
    c = read_document(corpus_dir / "seed" / "variant-c-mt-2022-11-24.txt").text
    assert minhash.jaccard(minhash.shingles(a, 3), minhash.shingles(c, 3)) < 0.1
    assert minhash.jaccard(minhash.shingles(a), minhash.shingles(c)) > minhash.THRESHOLD_HINT


def test_mersenne_folding_equals_modulo() -> None:
    rng = np.random.default_rng(7)
    hashed = [
        rng.integers(0, 1 << 32, size=int(n), dtype=np.uint64) for n in rng.integers(0, 60, 50)
    ]
    got = minhash.signatures(hashed, chunk=500)
    for row, h in zip(got, hashed, strict=True):
        if len(h):
            mixed = (h[:, None] * minhash._A[None, :] + minhash._B[None, :]) % minhash._PRIME
            want = (mixed & minhash._MASK32).min(axis=0).astype(np.uint32)
            assert np.array_equal(row, want)


def _reference_stories(items: list[tuple[int, date | None, minhash.Signature]]) -> list[set[int]]:
    """Story grouping without an index: each document against every earlier one."""
    story: dict[int, int] = {}
    for i, (doc, day, sig) in enumerate(items):
        near = [
            story[d]
            for d, p, s in items[:i]
            if (day is None or p is None or abs((day - p).days) <= WINDOW_DAYS)
            and minhash.similarity(sig, s) >= THRESHOLD
        ]
        target = min(near, default=doc)
        for other in set(near):  # merge bridged stories
            story = {k: target if v == other else v for k, v in story.items()}
        story[doc] = target
    groups: dict[int, set[int]] = {}
    for doc, key in story.items():
        groups.setdefault(key, set()).add(doc)
    return sorted(groups.values(), key=min)


def test_slotted_index_groups_as_comparing_every_pair() -> None:
    rng = random.Random(3)
    vocab = [f"W{i}" for i in range(300)]
    common = ["Azerbaijan", "Ministry", "November", "2022"]
    items: list[tuple[int, date | None, minhash.Signature]] = []
    for _story in range(120):
        words = set(rng.sample(vocab, 12)) | set(common)
        day = date(2022, 1, 1) + timedelta(days=rng.randint(0, 60))
        for _copy in range(rng.randint(1, 4)):
            kept = {w for w in words if rng.random() > 0.25}
            dated = day + timedelta(days=rng.randint(0, 5)) if rng.random() < 0.9 else None
            sig = minhash.signatures([minhash.hash_shingles(kept)])[0]
            items.append((len(items) + 1, dated, sig))
    rng.shuffle(items)  # any order: undated documents come before and after dated ones
    grouper = StoryGrouper()
    for doc, day, sig in items:
        grouper.assign(doc, day, sig)
    got: dict[int, set[int]] = {}
    for doc, key in grouper.story_of.items():
        got.setdefault(grouper.story(key), set()).add(doc)
    assert sorted(got.values(), key=min) == _reference_stories(items)
    assert len(got) < len(items)  # copies did group
