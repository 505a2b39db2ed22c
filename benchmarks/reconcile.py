"""Reconciliation benchmarks (issue 5).

1. ``claims``: 100,000 generated approved claims (facts syndicated over 1-5 documents, with
   spelling variants, conflicts and unrelated look-alikes) reconciled by the real flow on
   SQLite: stories, clustering, merging, checks, records, links and audit rows. Target <= 30 s.
   Baseline: the same clustering without blocking (every claim judged against every record
   of its kind) on a sample, extrapolated by its quadratic cost.
2. ``stories``: near-duplicate detection over 100,000 generated documents (salient shingles,
   numpy MinHash, LSH, story grouping). Target <= 60 s and < 2 GB peak RSS. Baseline: exact
   all-pairs Jaccard on a sample, extrapolated; LSH recall against it is reported too.

Claims come in two profiles, reported separately: ``realistic`` (distributions of places,
figures, dates and syndication like real reporting) and ``adversarial`` (the first
generator: a small name pool and a number shared by a fifth of all texts). Each run has its
own process so peak RSS is its own. Usage: ``python benchmarks/reconcile.py [--claims N]
[--documents N] [--part claims|stories] [--profile realistic|adversarial|both]``
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SYLLABLES = [
    "ka",
    "la",
    "ba",
    "ri",
    "sa",
    "ny",
    "dzh",
    "ar",
    "mo",
    "ne",
    "ti",
    "vo",
    "ko",
    "le",
    "su",
    "gi",
    "ra",
    "ba",
    "ch",
    "an",
]
WORDS = [
    "the",
    "ministry",
    "said",
    "mines",
    "were",
    "found",
    "and",
    "neutralised",
    "in",
    "area",
    "near",
    "village",
    "by",
    "sappers",
    "engineers",
    "team",
    "during",
    "operation",
    "clearance",
    "survey",
    "reported",
    "officials",
    "on",
    "statement",
    "region",
]


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def variant(word: str, rng: random.Random) -> str:
    """A transliteration-like respelling (Saribaba -> Sarybaba)."""
    swaps = [("i", "y"), ("a", "ya"), ("dzh", "j"), ("e", "ye")]
    old, new = rng.choice(swaps)
    return word.replace(old, new, 1) if old in word else word


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- part 1: claims

PROFILES = ("realistic", "adversarial")
COUNTRIES = {"Azerbaijan": 60, "Armenia": 10, "Ukraine": 10, "Iraq": 6, "Syria": 6, "Cambodia": 8}
AUTHORITIES = [
    "Ministry of Defence",
    "ANAMA",
    "HALO Trust",
    "Ministry of Emergency Situations",
    "State Border Service",
    "Prosecutor General's Office",
    "State Security Service",
    "Mine Action Agency",
]
OUTLETS = [
    "Trend",
    "APA",
    "Report",
    "Azertac",
    "News.Az",
    "Caliber",
    "Turan",
    "Xinhua",
    "Interfax",
    "Reuters",
    "AFP",
    "Anadolu",
    "TASS",
    "Sputnik",
    "Day.Az",
    "Oxu.Az",
    "Qafqazinfo",
    "JAMnews",
]
MONTHS = [date(2000, m, 1).strftime("%B") for m in range(1, 13)]


def zipf(rng: random.Random, items: list[Any], s: float = 1.0) -> Any:
    """One item, the k-th most popular with probability ~ 1 / k**s (as places and names are)."""
    weights = _ZIPF.setdefault((len(items), s), _cumulative(len(items), s))
    return rng.choices(items, cum_weights=weights)[0]


_ZIPF: dict[tuple[int, float], list[float]] = {}


def _cumulative(n: int, s: float) -> list[float]:
    out, total = [], 0.0
    for k in range(1, n + 1):
        total += 1 / k**s
        out.append(total)
    return out


def generate_claims(
    n_claims: int, seed: int = 1, profile: str = "realistic"
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Documents and claims of generated stories (see :func:`realistic_claims`)."""
    if profile == "adversarial":
        return adversarial_claims(n_claims, seed)
    return realistic_claims(n_claims, seed)


def realistic_claims(n_claims: int, seed: int = 1) -> tuple[list[dict[str, Any]], list[dict]]:
    """Stories shaped like mine-action reporting, per Landmine Monitor and the seed corpus.

    Three years of news; a story has 1-4 facts (finds 55%, casualties 20%, land release 15%,
    inspections 10%) and runs in 1-5 outlets (55% in one, 5% in five). Places follow a
    Zipf law over 1,500 names (the top district is in ~13% of facts), device counts are
    log-normal (median 4, p99 ~120; 10% are aggregates in the hundreds), incidents kill or
    injure 0-4 people, areas are log-normal hectares. Every text names a country (one
    dominates the feed), an authority, the month and year, its outlet and the facts' places
    and figures, so unrelated articles share several salient words as real ones do. Copies
    are rewrites: each drops ~20% of the story's words and respells some names (Saribaba /
    Sarybaba); 3% of claims state a different figure (a conflict).
    """
    rng = random.Random(seed)
    docs: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    base = date(2022, 1, 1)
    places = list(dict.fromkeys(name(rng) + name(rng).lower() for _ in range(1600)))[:1500]
    people = [f"{name(rng)} {name(rng)}ov" for _ in range(400)]
    while len(claims) < n_claims:
        published = base + timedelta(days=rng.randint(0, 3 * 365))
        day = published - timedelta(days=rng.choice([0, 0, 1, 1, 2, 3]))
        facts = [
            _realistic_fact(rng, places, people, day)
            for _ in range(rng.choices([1, 2, 3, 4], [50, 30, 15, 5])[0])
        ]
        core = [
            rng.choices(list(COUNTRIES), list(COUNTRIES.values()))[0],
            zipf(rng, AUTHORITIES),
            MONTHS[day.month - 1],
            str(day.year),
            *(name(rng) for _ in range(rng.randint(6, 14))),  # people, units, villages
            *(w for _kind, fields in facts for w in _salient(fields)),
        ]
        copies = rng.choices([1, 2, 3, 4, 5], [55, 20, 12, 8, 5])[0]
        for outlet in rng.sample(OUTLETS, copies):
            doc_id = len(docs) + 1
            kept = [
                variant(w, rng) if rng.random() < 0.1 else w for w in core if rng.random() > 0.2
            ]
            words = kept + [outlet] + [rng.choice(WORDS) for _ in range(rng.randint(60, 160))]
            rng.shuffle(words)
            pub = published + timedelta(days=rng.choice([0, 0, 0, 1]))
            docs.append(
                {"id": doc_id, "text": " ".join(words), "published": pub, "publisher": outlet}
            )
            for ordinal, (kind, fields) in enumerate(facts):
                stated = dict(fields)
                if rng.random() < 0.2:
                    stated["place"] = variant(stated["place"], rng)
                figure = _FIGURE[kind]
                if figure and rng.random() < 0.03:
                    stated[figure] = stated[figure] + 1  # a conflicting report
                claims.append(
                    {"document_id": doc_id, "ordinal": ordinal, "kind": kind, "fields": stated}
                )
    return docs, claims[:n_claims]


_FIGURE = {"device_find": "quantity", "casualties": "killed", "land_release": "area_m2"}
_FIGURE |= {"inspection": ""}  # inspections have no figure to contradict


def _realistic_fact(
    rng: random.Random, places: list[str], people: list[str], day: date
) -> tuple[str, dict[str, Any]]:
    kind = rng.choices(
        ["device_find", "casualties", "land_release", "inspection"], [55, 20, 15, 10]
    )[0]
    place = zipf(rng, places)
    iso = day.isoformat()
    if kind == "device_find":
        if rng.random() < 0.1:  # an aggregate: "since the start of the month, 412 mines"
            start = day.replace(day=1).isoformat()
            quantity = int(rng.lognormvariate(6.0, 1.0)) + 1
            return kind, {
                "quantity": quantity,
                "place": f"{place} district",
                "period_start": start,
                "period_end": iso,
                "action": "found",
                "date_prec": 4,
            }
        quantity = max(1, round(rng.lognormvariate(1.4, 1.2)))
        return kind, {
            "quantity": quantity,
            "place": f"near {place}",
            "period_start": iso,
            "period_end": iso,
            "action": "found",
            "date_prec": 1,
        }
    if kind == "casualties":
        killed = rng.choices([0, 1, 2, 3, 4], [30, 45, 15, 6, 4])[0]
        injured = rng.choices([0, 1, 2, 3, 4], [35, 35, 18, 8, 4])[0]
        return kind, {
            "killed": killed,
            "injured": injured,
            "place": place,
            "date": iso,
            "incident": True,
            "date_prec": 1,
        }
    if kind == "land_release":
        area = round(rng.lognormvariate(3.0, 1.2) * 10_000, -2)
        return kind, {
            "area_m2": area,
            "method": "clearance",
            "place": f"{place} district",
            "period_start": iso,
            "period_end": iso,
        }
    return kind, {
        "date": iso,
        "place": f"{place} height",
        "participants": [zipf(rng, people) for _ in range(rng.randint(1, 3))],
    }


def _salient(fields: dict[str, Any]) -> list[str]:
    """The words of a fact as a text states them: its place names and figures."""
    out = [w for w in str(fields["place"]).split() if w[:1].isupper()]
    for key in ("quantity", "killed", "injured", "area_m2"):
        if isinstance(fields.get(key), int | float) and fields[key]:
            out.append(f"{fields[key]:,.0f}")
    return out + [p.split()[-1] for p in fields.get("participants", [])]


def adversarial_claims(n_claims: int, seed: int = 1) -> tuple[list[dict[str, Any]], list[dict]]:
    """The first generator, kept as a stress test: every text ends in "copy N" (so a fifth of
    all articles share the number N), headlines are 12 names from a pool where each short
    name recurs in ~5% of articles, and copies are verbatim. Figures are uniform 1-3,000 and
    places uniform over 3,000 names, which is kind to blocking. Each fact is stated by 1-5
    documents of one story."""
    rng = random.Random(seed)
    docs: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    base = date(2022, 1, 1)
    places = [name(rng) for _ in range(3000)]
    while len(claims) < n_claims:
        day = base + timedelta(days=rng.randint(0, 900))
        story_facts = []
        for _ in range(rng.randint(1, 4)):
            kind = rng.choice(["device_find", "casualties", "land_release", "inspection"])
            place = rng.choice(places)
            story_facts.append((kind, place, rng.randint(1, 3000)))
        copies = rng.randint(1, 5)
        headline = " ".join(name(rng) for _ in range(12))
        for c in range(copies):
            doc_id = len(docs) + 1
            pub = day + timedelta(days=rng.randint(0, 1))
            words = [rng.choice(WORDS) for _ in range(40)]
            text = f"{headline} {' '.join(words)} {' '.join(p for _k, p, _n in story_facts)}"
            text += " " + " ".join(str(n) for *_x, n in story_facts) + f" copy {c}"
            docs.append({"id": doc_id, "text": text, "published": pub, "publisher": f"P{c}"})
            for ordinal, (kind, place, n) in enumerate(story_facts):
                shown = variant(place, rng) if rng.random() < 0.2 else place
                value = n + (1 if rng.random() < 0.03 else 0)  # an occasional conflict
                claims.append(
                    {
                        "document_id": doc_id,
                        "ordinal": ordinal,
                        "kind": kind,
                        "fields": fact_fields(kind, shown, value, day),
                    }
                )
    return docs, claims[:n_claims]


def fact_fields(kind: str, place: str, n: int, day: date) -> dict[str, Any]:
    iso = day.isoformat()
    if kind == "device_find":
        return {
            "quantity": n,
            "place": f"near {place}",
            "period_start": iso,
            "period_end": iso,
            "action": "found",
            "date_prec": 1,
        }
    if kind == "casualties":
        return {
            "killed": n % 7 + 1,
            "injured": n % 5,
            "place": place,
            "date": iso,
            "incident": True,
            "date_prec": 1,
        }
    if kind == "land_release":
        return {
            "area_m2": float(n * 1000),
            "method": "clearance",
            "place": f"{place} district",
            "period_start": iso,
            "period_end": iso,
        }
    return {"date": iso, "place": f"{place} height", "participants": [f"Officer {place}"]}


def run_claims(n_claims: int, profile: str = "realistic") -> None:
    from sqlalchemy import insert

    from minewatch.claims.models import Claim
    from minewatch.documents.models import Document
    from minewatch.flows import reconcile as flow
    from minewatch.reconcile.cluster import Clusterer
    from minewatch.reconcile.match import Profile, best_match
    from minewatch.reconcile.views import ClaimView
    from minewatch.store.base import utcnow
    from minewatch.store.engine import make_engine
    from minewatch.store.migrate import upgrade

    docs, claims = generate_claims(n_claims, profile=profile)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(engine)
        now = utcnow()
        with engine.begin() as conn:
            conn.execute(
                insert(Document),
                [
                    {
                        **d,
                        "sha256": f"{d['id']:064x}",
                        "language": "en",
                        "kind": "article",
                        "chars": len(d["text"]),
                        "ingested_at": now,
                    }
                    for d in docs
                ],
            )
            conn.execute(
                insert(Claim),
                [
                    {
                        **c,
                        "evidence": {},
                        "extractor_version": "bench",
                        "status": "approved",
                        "origin": "extractor",
                        "created_by": "bench",
                        "created_at": now,
                    }
                    for c in claims
                ],
            )
        t0, cpu0 = time.perf_counter(), time.process_time()
        summary = flow.run(engine, actor="bench")
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        again = time.perf_counter()
        rerun = flow.run(engine, actor="bench")
        rerun_s = time.perf_counter() - again
        engine.dispose()

    # baseline: no blocking, every claim judged against every profile of its kind (sample)
    sample = 3000
    views = [
        ClaimView(
            i,
            c["document_id"],
            c["ordinal"],
            c["kind"],
            c["fields"],
            published=docs[c["document_id"] - 1]["published"],
        )
        for i, c in enumerate(claims[:sample])
    ]
    t1 = time.perf_counter()
    profiles: list[Profile] = []
    for v in views:
        match = best_match(v, [p for p in profiles if p.kind == v.kind])
        if match is None:
            profiles.append(Profile(-len(profiles) - 1, v.kind))
            match = (profiles[-1], None)  # type: ignore[assignment]
        match[0].add(v)
    naive_sample = time.perf_counter() - t1
    t2 = time.perf_counter()
    engine_ = Clusterer()
    for v in views:
        engine_.assign(v)
    blocked_sample = time.perf_counter() - t2
    naive_full = naive_sample * (n_claims / sample) ** 2
    print(f"claims ({profile}): {n_claims:,} claims in {len(docs):,} documents")
    print(
        f"  reconcile flow (stories + clustering + records + audit, SQLite): {elapsed:.1f} s "
        f"(target <= 30 s; CPU {cpu:.1f} s) -> {summary.records_created:,} records, "
        f"{summary.stories_created:,} stories, {summary.linked:,} links"
    )
    print(f"  re-run with nothing new: {rerun_s:.2f} s, {rerun.linked} links")
    print(
        f"  baseline without blocking: {naive_sample:.2f} s for {sample:,} claims "
        f"(blocked: {blocked_sample:.3f} s, {naive_sample / max(blocked_sample, 1e-9):.0f}x); "
        f"extrapolated to {n_claims:,}: {naive_full:,.0f} s = "
        f"{naive_full / elapsed:,.0f}x the flow"
    )
    print(f"  peak RSS {rss_mb():,.0f} MB")


# ---------------------------------------------------------------- part 2: stories


def generate_documents(n_docs: int, seed: int = 2) -> list[tuple[int, date, str]]:
    """Articles; 30% belong to groups of 2-5 rewrites of one statement."""
    rng = random.Random(seed)
    out: list[tuple[int, date, str]] = []
    base = date(2022, 1, 1)
    while len(out) < n_docs:
        day = base + timedelta(days=rng.randint(0, 1000))
        names = [name(rng) for _ in range(14)]
        numbers = [str(rng.randint(2, 5000)) for _ in range(6)]
        copies = rng.randint(2, 5) if rng.random() < 0.3 else 1
        for _ in range(copies):
            kept = [w for w in names + numbers if rng.random() < 0.8]
            kept = [variant(w, rng) if rng.random() < 0.1 else w for w in kept]
            filler = [rng.choice(WORDS) for _ in range(120)]
            words = kept + filler
            rng.shuffle(words)
            out.append((len(out) + 1, day + timedelta(days=rng.randint(0, 1)), " ".join(words)))
    return out[:n_docs]


def run_stories(n_docs: int) -> None:
    from minewatch.reconcile import minhash
    from minewatch.reconcile.stories import THRESHOLD, StoryGrouper

    docs = generate_documents(n_docs)
    t0 = time.perf_counter()
    hashed = [minhash.hash_shingles(minhash.shingles(text)) for _i, _d, text in docs]
    t_shingle = time.perf_counter() - t0
    sigs = minhash.signatures(hashed)
    t_sign = time.perf_counter() - t0 - t_shingle
    grouper = StoryGrouper()
    for (doc_id, published, _t), sig in zip(docs, sigs, strict=True):
        grouper.assign(doc_id, published, sig)
    elapsed = time.perf_counter() - t0
    stories = len({grouper.story(s) for s in grouper.story_of.values()})

    sample = 2000
    sets = [minhash.shingles(text) for _i, _d, text in docs[:sample]]
    t1 = time.perf_counter()
    exact = {
        (i, j)
        for i in range(sample)
        for j in range(i + 1, sample)
        if minhash.jaccard(sets[i], sets[j]) >= THRESHOLD
    }
    exact_s = time.perf_counter() - t1
    found = {
        (i, j)
        for i, j in exact
        if grouper.story(grouper.story_of[i + 1]) == grouper.story(grouper.story_of[j + 1])
    }
    pairs_full = n_docs * (n_docs - 1) / 2
    pairs_sample = sample * (sample - 1) / 2
    exact_full = exact_s * pairs_full / pairs_sample
    print(f"stories: {n_docs:,} documents -> {stories:,} stories")
    print(
        f"  shingling {t_shingle:.1f} s, signatures {t_sign:.1f} s, total {elapsed:.1f} s "
        f"(target <= 60 s); peak RSS {rss_mb():,.0f} MB (target < 2,048 MB)"
    )
    print(
        f"  baseline exact all-pairs Jaccard: {exact_s:.1f} s for {sample:,} documents; "
        f"extrapolated to {n_docs:,}: {exact_full:,.0f} s = {exact_full / elapsed:,.0f}x"
    )
    recall = len(found) / len(exact) if exact else 1.0
    print(
        f"  pairs >= {THRESHOLD} in the sample found in one story: {len(found)}/{len(exact)} "
        f"(recall {recall:.3f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--part", choices=["claims", "stories"])
    parser.add_argument(
        "--profile",
        choices=[*PROFILES, "both"],
        default="both",
        help="generated claims: realistic reporting, the adversarial stress test, or both",
    )
    args = parser.parse_args()
    profiles = list(PROFILES) if args.profile == "both" else [args.profile]
    if args.part == "claims" and len(profiles) == 1:
        run_claims(args.claims, profiles[0])
    elif args.part == "stories":
        run_stories(args.documents)
    else:  # each run in its own process, so peak RSS is its own
        jobs = [["--part", "claims", "--profile", p] for p in profiles]
        jobs += [] if args.part == "claims" else [["--part", "stories"]]
        for job in jobs:
            sizes = ["--claims", str(args.claims), "--documents", str(args.documents)]
            subprocess.run([sys.executable, __file__, *job, *sizes], check=True)


if __name__ == "__main__":
    main()
