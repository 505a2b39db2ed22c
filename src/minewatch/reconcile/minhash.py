"""Near-duplicate detection: shingles, MinHash signatures (numpy) and LSH banding.

Why *salient-word* shingles: syndicated copies of one statement are rewritten, not copied.
On the seed statement and its four variants, word 3-shingles give a Jaccard similarity as low
as 0.02 between variants (no better than unrelated articles), while the set of numbers and
capitalised words (names, places, models, figures), folded for transliteration, gives >= 0.35
between variants and <= 0.21 between any two unrelated corpus articles. ``shingles(k=...)``
still offers plain word k-shingles (the benchmark baseline).

Signatures are 128 x uint32 minima of universal hashes ``(a*x + b) mod p`` over 32-bit
shingle hashes, computed for many documents at once with numpy; LSH uses 64 bands of 2 rows,
so pairs at similarity 0.3 become candidates with probability 0.998, and every candidate is
then verified on its estimated Jaccard.

Why buckets are partitioned by *slot* (a caller's time bucket): news shares many salient
words across unrelated articles (country, ministry, month, year), so with 2-row bands an
unrelated article is a candidate with a fair probability; over one shared index the
candidates per query grow with the whole archive and detection becomes quadratic. Callers
that only accept matches within a time window query just the slots that window touches.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from minewatch.reconcile import names

PERMUTATIONS = 128
THRESHOLD_HINT = 0.3
"""Similarity above which two documents are copies of one statement (see stories.py)."""
BANDS = 64
ROWS = PERMUTATIONS // BANDS  # 2: a band key packs its two 32-bit minima into 64 bits
_PRIME = np.uint64((1 << 61) - 1)
_MASK32 = np.uint64(0xFFFFFFFF)
_rng = np.random.default_rng(20221124)
_A = _rng.integers(1, (1 << 32) - 1, size=PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, (1 << 32) - 1, size=PERMUTATIONS, dtype=np.uint64)
# drawn after _A and _B so stored signatures stay valid; band salts only affect the index
_BAND_SALT = _rng.integers(0, (1 << 63) - 1, size=BANDS, dtype=np.uint64)

_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_][\w\-']*")
_SKIP = frozenset(
    str.split(
        "the a an of in on at to and or for by with from as is was were be been have has had that "
        "this it its which who their they he she we our said says according since after before "
        "but also however meanwhile today yesterday monday tuesday wednesday thursday friday "
        "saturday sunday"
    )
)

Signature = npt.NDArray[np.uint32]


def salient(text: str) -> set[str]:
    """Numbers (without separators) and capitalised words, transliteration-folded."""
    out: set[str] = set()
    for word in set(_TOKEN.findall(text)):  # each distinct token once: prose repeats words
        if word[0].isdigit():
            out.add(word.replace(",", "").rstrip("."))
        elif word[0].isupper() and len(word) > 2 and word.casefold() not in _SKIP:
            out.add(names.fold(word))
    return out


def shingles(text: str, k: int = 0) -> set[str]:
    """Salient words (``k=0``, the default) or plain lower-case word k-shingles (``k>=1``)."""
    if k <= 0:
        return salient(text)
    tokens = [t.casefold() for t in _TOKEN.findall(text)]
    return {" ".join(tokens[i : i + k]) for i in range(max(0, len(tokens) - k + 1))}


def hash_shingles(items: Iterable[str]) -> npt.NDArray[np.uint64]:
    """32-bit CRC hashes of shingles (stable across runs and processes, unlike ``hash``)."""
    return np.fromiter((zlib.crc32(s.encode()) for s in items), dtype=np.uint64)


def signatures(hashed: Sequence[npt.NDArray[np.uint64]], chunk: int = 20_000) -> Signature:
    """MinHash signatures (rows) of many shingle-hash arrays, vectorised in chunks.

    ``x mod (2**61 - 1)`` is computed as Mersenne folding (high bits added to low bits, one
    conditional subtraction), which gives the same values as ``%`` at a third of the cost;
    chunks of ~20,000 shingles keep the temporaries in cache."""
    out = np.full((len(hashed), PERMUTATIONS), np.iinfo(np.uint32).max, dtype=np.uint32)
    start = 0
    while start < len(hashed):
        stop, total = start, 0
        while stop < len(hashed) and (total < chunk or stop == start):
            total += len(hashed[stop])
            stop += 1
        lengths = np.array([len(h) for h in hashed[start:stop]])
        nonempty = np.nonzero(lengths)[0]
        if len(nonempty):
            flat = np.concatenate([hashed[start + int(i)] for i in nonempty])
            mixed = flat[:, None] * _A[None, :]  # < 2**64: a and x are 32-bit
            mixed += _B[None, :]
            high = mixed >> np.uint64(61)
            mixed &= _PRIME
            mixed += high
            np.subtract(mixed, _PRIME, out=mixed, where=mixed >= _PRIME)
            mixed &= _MASK32
            offsets = np.concatenate(([0], np.cumsum(lengths[nonempty])[:-1]))
            minima = np.minimum.reduceat(mixed, offsets, axis=0)
            out[start + nonempty] = minima.astype(np.uint32)
        start = stop
    return out


def signature(text: str) -> Signature:
    """The MinHash signature of one document's salient shingles."""
    return signatures([hash_shingles(shingles(text))])[0]


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / PERMUTATIONS


def band_keys(sig: Signature) -> list[int]:
    """One 64-bit bucket key per band: its 2 minima packed together, salted by band."""
    packed = np.ascontiguousarray(sig, dtype=np.uint32).view(np.uint64)
    return (packed ^ _BAND_SALT).tolist()  # type: ignore[no-any-return]


def band_keys_many(sigs: Signature) -> list[list[int]]:
    """:func:`band_keys` of every row of a signature matrix, in one numpy pass."""
    packed = np.ascontiguousarray(sigs, dtype=np.uint32).view(np.uint64).reshape(len(sigs), -1)
    return (packed ^ _BAND_SALT[None, :]).tolist()  # type: ignore[no-any-return]


Bucket = int | list[int]
"""The rows of one bucket: a bare row number while it holds a single document."""


class LSHIndex:
    """Bucket documents by band so near-duplicates meet without comparing every pair.

    Buckets live in one dict per slot (keys salted by band): a dated query touches a few
    small dicts that stay in cache. A bucket with a single document holds its row number
    rather than a list, which halves the memory of an index of mostly unique documents;
    lookups are set operations on the dict's keys, so the per-band loop runs in C."""

    def __init__(self) -> None:
        self._buckets: dict[int, dict[int, Bucket]] = {}
        self._rows = np.empty((256, PERMUTATIONS), dtype=np.uint32)
        self._keys: list[int] = []
        self._row_of: dict[int, int] = {}

    @property
    def signatures(self) -> dict[int, Signature]:
        """Indexed signatures by key (a view for inspection; not used on the hot path)."""
        return {k: self._rows[i] for k, i in self._row_of.items()}

    def add(self, key: int, sig: Signature, slot: int = 0, keys: list[int] | None = None) -> None:
        """Index one signature under ``key`` in time bucket ``slot`` (``keys``: its
        :func:`band_keys` when the caller has them)."""
        row = len(self._keys)
        if row == len(self._rows):
            self._rows = np.concatenate([self._rows, np.empty_like(self._rows)])
        self._rows[row] = sig
        self._keys.append(key)
        self._row_of[key] = row
        buckets = self._buckets.setdefault(slot, {})
        keys = band_keys(sig) if keys is None else keys
        shared = {k: buckets[k] for k in buckets.keys() & keys}
        buckets.update(dict.fromkeys(keys, row))
        for bucket, found in shared.items():
            if isinstance(found, int):
                buckets[bucket] = [found, row]
            else:
                found.append(row)
                buckets[bucket] = found

    def query(
        self,
        sig: Signature,
        threshold: float,
        slots: Iterable[int] | None = (0,),
        keys: list[int] | None = None,
    ) -> list[tuple[int, float]]:
        """Keys indexed in ``slots`` (every slot when None) whose estimated similarity to
        ``sig`` reaches ``threshold``, best first (``keys``: as for :meth:`add`)."""
        keys = band_keys(sig) if keys is None else keys
        if slots is None:
            wanted = list(self._buckets.values())
        else:
            wanted = [self._buckets[s] for s in set(slots) if s in self._buckets]
        seen: set[int] = set()
        for buckets in wanted:
            for bucket in buckets.keys() & keys:
                found = buckets[bucket]
                if isinstance(found, int):
                    seen.add(found)
                else:
                    seen.update(found)
        if not seen:
            return []
        rows = np.fromiter(seen, dtype=np.int64, count=len(seen))
        sims = np.count_nonzero(self._rows[rows] == sig, axis=1) / PERMUTATIONS
        hits = [
            (self._keys[r], float(s))
            for r, s in zip(rows.tolist(), sims.tolist(), strict=True)
            if s >= threshold
        ]
        return sorted(hits, key=lambda ks: (-ks[1], ks[0]))

    def candidate_pairs(self) -> set[tuple[int, int]]:
        """Every pair of keys sharing at least one bucket (for batch detection)."""
        pairs: set[tuple[int, int]] = set()
        for buckets in self._buckets.values():
            for members in buckets.values():
                if isinstance(members, int):
                    continue
                ordered = sorted(self._keys[m] for m in members)
                for i, a in enumerate(ordered):
                    for b in ordered[i + 1 :]:
                        pairs.add((a, b))
        return pairs


def jaccard(a: set[str], b: set[str]) -> float:
    """Exact Jaccard similarity (the baseline the signatures estimate)."""
    return len(a & b) / len(a | b) if a or b else 0.0
