"""Stories: group near-duplicate documents published close together, incrementally.

A document joins the story of its most similar earlier document (estimated Jaccard of
salient shingles >= ``THRESHOLD``, publication dates at most ``WINDOW_DAYS`` apart or
unknown); a document bridging two stories merges them into the older one. Pure and in
memory; :mod:`minewatch.reconcile.story_service` loads and stores the state.

The LSH index is partitioned into slots of ``2 * WINDOW_DAYS + 1`` publication days, and a
dated document only looks in the slots its window touches (plus the undated slot): without
this, every article sharing common words ("Ukraine", "Ministry", a month) was a candidate
for every later one and grouping grew quadratically with the archive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from minewatch.reconcile.minhash import THRESHOLD_HINT, LSHIndex, Signature, band_keys

THRESHOLD = THRESHOLD_HINT
WINDOW_DAYS = 3


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a document went: story key (negative = a new story), best similarity, merges."""

    document_id: int
    story: int
    similarity: float | None
    merged: tuple[int, ...] = ()


UNDATED = -1
"""The slot of documents without a publication date (every document may match them)."""


def _near(a: date | None, b: date | None, window: int) -> bool:
    return a is None or b is None or abs((a - b).days) <= window


class StoryGrouper:
    """Assign documents to stories through an LSH index of their signatures."""

    def __init__(self, threshold: float = THRESHOLD, window_days: int = WINDOW_DAYS) -> None:
        self.threshold = threshold
        self.window = window_days
        self.index = LSHIndex()
        self.story_of: dict[int, int] = {}
        self.published: dict[int, date | None] = {}
        self._parent: dict[int, int] = {}
        self._next = -1

    def story(self, key: int) -> int:
        """The surviving story a (possibly merged) story key belongs to."""
        root = key
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        while self._parent.get(key, key) != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def add_existing(
        self,
        document_id: int,
        story: int,
        published: date | None,
        sig: Signature,
        keys: list[int] | None = None,
    ) -> None:
        """Index a document that already belongs to a stored story (``keys``: its band keys,
        :func:`minewatch.reconcile.minhash.band_keys_many`, when the caller has them)."""
        self.index.add(document_id, sig, self._slot(published), keys)
        self.story_of[document_id] = story
        self.published[document_id] = published

    def _slot(self, published: date | None) -> int:
        return UNDATED if published is None else published.toordinal() // (2 * self.window + 1)

    def _slots(self, published: date | None) -> list[int] | None:
        """The slots holding every document within the window (None: all, for undated)."""
        if published is None:
            return None
        day = published.toordinal()
        width = 2 * self.window + 1
        return [UNDATED, *range((day - self.window) // width, (day + self.window) // width + 1)]

    def assign(
        self,
        document_id: int,
        published: date | None,
        sig: Signature,
        keys: list[int] | None = None,
    ) -> Placement:
        """Place a new document: join, bridge or start a story (``keys``: as for
        :meth:`add_existing`)."""
        if keys is None:
            keys = band_keys(sig)
        matches = [
            (doc, sim)
            for doc, sim in self.index.query(sig, self.threshold, self._slots(published), keys)
            if _near(published, self.published[doc], self.window)
        ]
        stories = sorted({self.story(self.story_of[doc]) for doc, _ in matches}, key=_age)
        if stories:
            target = stories[0]
            for other in stories[1:]:
                self._parent[other] = target
            similarity: float | None = matches[0][1]
        else:
            target, similarity = self._next, None
            self._next -= 1
        self.add_existing(document_id, target, published, sig, keys)
        return Placement(document_id, target, similarity, tuple(stories[1:]))


def _age(key: int) -> tuple[bool, int]:
    """Stored stories (positive ids, oldest first) before new ones (in creation order)."""
    return (key < 0, abs(key))
