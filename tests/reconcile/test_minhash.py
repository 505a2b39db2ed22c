"""Near-duplicate detection: signatures estimate Jaccard; the seed variants form one story."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from minewatch.documents.readers import read_document
from minewatch.reconcile import minhash
from minewatch.reconcile.stories import StoryGrouper


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
