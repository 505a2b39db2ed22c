"""Document text as HTML with every claim's values marked inside its evidence sentence.

Spans may overlap (two claims read the same number, a model inside a quantity phrase), so the
text is cut at every span boundary into flat segments; each segment lists the claims and
fields covering it. Flat output keeps the markup valid and the offsets exact: concatenating
the segments of one (claim, field) gives back ``text[start:end]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from typing import Any

from minewatch.claims.figures import field_title, figure, kind_label


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted value: a field of a claim at ``[start, end)`` of the text."""

    start: int
    end: int
    claim_id: int
    kind: str
    field: str
    title: str


@dataclass(frozen=True, slots=True)
class SentenceRange:
    """The evidence sentence of a claim (shaded when the claim is hovered)."""

    start: int
    end: int
    claim_id: int


def span_pairs(value: Any) -> list[tuple[int, int]]:
    """Spans are ``[start, end]`` or a list of them (one per participant, say)."""
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        return [(value[0], value[1])]
    if isinstance(value, list | tuple):
        return [pair for item in value for pair in span_pairs(item)]
    return []


def marks_of(claims: Iterable[Any], text_length: int) -> tuple[list[Mark], list[SentenceRange]]:
    """Value marks and evidence sentences of stored claims; out-of-range spans are dropped."""
    marks: list[Mark] = []
    sentences: list[SentenceRange] = []
    for claim in claims:
        fields = claim.fields or {}
        evidence = claim.evidence or {}
        headline = f"{kind_label(claim.kind)} #{claim.id}: {figure(claim.kind, fields)}"
        for name, value in (evidence.get("spans") or {}).items():
            for start, end in span_pairs(value):
                if 0 <= start < end <= text_length:
                    title = f"{headline} ({field_title(name, fields)})"
                    marks.append(Mark(start, end, claim.id, claim.kind, name, title))
        first, last = evidence.get("start"), evidence.get("end")
        if isinstance(first, int) and isinstance(last, int) and 0 <= first < last <= text_length:
            sentences.append(SentenceRange(first, last, claim.id))
    return marks, sentences


def _ids(items: Iterable[int]) -> str:
    return " ".join(str(i) for i in dict.fromkeys(items))


def render(text: str, marks: Sequence[Mark], sentences: Sequence[SentenceRange] = ()) -> str:
    """HTML of ``text`` (escaped) with ``<mark>`` around values and spans around sentences."""
    cuts = {0, len(text)}
    cuts.update(m.start for m in marks)
    cuts.update(m.end for m in marks)
    cuts.update(s.start for s in sentences)
    cuts.update(s.end for s in sentences)
    out: list[str] = []
    for a, b in pairwise(sorted(cuts)):
        chunk = escape(text[a:b], quote=False)
        here = [m for m in marks if m.start <= a and b <= m.end]
        around = _ids(s.claim_id for s in sentences if s.start <= a and b <= s.end)
        sent_attr = f' data-sentence-of="{around}"' if around else ""
        if here:
            kinds = {m.kind for m in here}
            css = "hl " + (f"k-{next(iter(kinds))}" if len(kinds) == 1 else "k-multi")
            tags = " ".join(f"{m.claim_id}:{m.field}" for m in here)
            title = escape("\n".join(dict.fromkeys(m.title for m in here)))
            out.append(
                f'<mark class="{css}" data-claims="{_ids(m.claim_id for m in here)}" '
                f'data-marks="{escape(tags)}"{sent_attr} title="{title}">{chunk}</mark>'
            )
        elif around:
            out.append(f'<span class="ev"{sent_attr}>{chunk}</span>')
        else:
            out.append(chunk)
    return "".join(out)


def highlighted_html(text: str, claims: Iterable[Any]) -> str:
    """Shortcut: the document text with the given stored claims highlighted."""
    marks, sentences = marks_of(claims, len(text))
    return render(text, marks, sentences)
