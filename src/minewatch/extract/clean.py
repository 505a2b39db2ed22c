"""Text as the rules read it: scraping leftovers undone, with a map back to the original.

Reports reach us from scrapers, feeds and PDFs: HTML tags and entities ("1&nbsp;204"),
e-mail quote markers ("> "), lines hard-wrapped in mid-sentence and words hyphenated across
lines ("demi-\\nning"). The rules see the cleaned text; every offset they produce is mapped
back through `origin`, so evidence still points into the document as stored. Clean input
(the common case) is returned unchanged with no map.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from minewatch.extract.tokens import BULLET

_BLOCK_TAGS = frozenset({"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                         "ul", "ol", "table", "blockquote", "section", "article"})  # fmt: skip
_MARKUP = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]{0,200}>|<!\[CDATA\[|\]\]>|"
    r"&(?:[a-zA-Z][a-zA-Z0-9]{1,8}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});|"
    r"^[ \t]*(?:>[ \t]?)+",
    re.MULTILINE,
)
# Words that cannot end a sentence: a line ending with one goes on in the next line.
_OPEN_TEXT = """a an the of in on at to for by from with and or but its their his her our this
    that these those as than into onto over under near about since during between among per via"""
_OPEN_WORDS = frozenset(_OPEN_TEXT.split())
_LIST_START = re.compile(rf"[ \t]*(?:{BULLET}[ \t]|\d{{1,3}}[.)][ \t]|[|+])")
_TABLE_LIKE = re.compile(r"\||\S {2,}\S.* {2,}\S")
_KEEP_HYPHEN = frozenset({"anti", "non", "self", "well", "post", "pre", "ex", "co", "sub",
                          "cross", "counter", "semi", "multi", "mine", "un", "war",
                          "long", "short", "half", "three", "two", "four", "five"})  # fmt: skip
_PAGE_MARK = re.compile(r"\bpage\s+\d+\s+(?:of|/)\s+\d+\b", re.IGNORECASE)
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_TERMINAL = ".!?;:"
_CLOSERS = "\"'”’)]»"


# Page furniture: lines that belong to the page, not the report ("Share on Facebook",
# "Photo: ...", "Tags: ...", a byline, a cookie notice) ...
_FURNITURE_LINE = re.compile(
    r"[ \t]*(?:Share\s+on\b.*|Photo\s*:.*|Tags?\s*:.*|(?:Read|See|Also\s+read)\s+"
    r"(?:also|more)?\s*:.*|Updated\s+(?:at|on)\b.*|Home\s*[»›>|/].*|By\s+[A-Z][^|\n]{2,60}\|.*|"
    r"(?:\(c\)|©|Copyright)\s.*|All\s+rights\s+reserved.*|"
    r"Cookie\s+settings\b.*|.*\bcookies?\b.*\b(?:policy|settings|accept)\b.*|Print|Copy\s+link.*)"
    r"[ \t]*",
    re.IGNORECASE,
)
# ... and blocks under a heading that are not the report: related links, "About us"
# boilerplate, contacts. The block runs to the next blank line.
_FURNITURE_HEAD = re.compile(
    r"[ \t]*(?:Related(?:\s+(?:news|articles|stories|posts|links))?|More\s+(?:news|stories)|"
    r"Latest\s+news|Most\s+read|Read\s+also|See\s+also|About\s+(?:us|(?:the\s+)?[A-Z][^\n.:]{1,60})|"
    r"Media\s+contacts?|Press\s+contacts?|Contacts?|Notes\s+to\s+editors|"
    r"For\s+more\s+information)[ \t]*:?[ \t]*"
)
# Furniture inside a page scraped into one line: share buttons, and "ALSO READ: ..." or
# "Tags: ..." up to the next full stop (their headlines have none) or the end.
_INLINE = re.compile(
    r"\bShare\s+(?:on\s+)?(?:Facebook|Twitter|X|WhatsApp|Telegram|Email|LinkedIn)"
    r"(?:\s+(?:Facebook|Twitter|X|WhatsApp|Telegram|Email|LinkedIn|Print))*\b|"
    r"\b(?:ALSO\s+READ|READ\s+ALSO|Read\s+also|See\s+also|Related\s+news|Tags)\s*:[^.]*(?:\.|$)"
)
# Lower-cased line starts that the two patterns above can match: other lines are skipped.
_FURNITURE_STARTS = ("share", "photo", "tag", "read", "see", "also", "updated", "home", "by ",
                     "(c)", "©", "copyright", "all rights", "cookie", "print", "copy", "related",
                     "more ", "latest", "most read", "about", "media", "press", "contact",
                     "notes", "for more")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The cleaned text and, when it differs, the original offset of each of its characters
    (one more entry than characters, for end offsets)."""

    text: str
    origin: list[int] | None = None

    def to_original(self, offset: int) -> int:
        """The original offset of a cleaned offset (identity when nothing changed)."""
        if self.origin is None:
            return offset
        return self.origin[max(0, min(offset, len(self.origin) - 1))]


def clean(text: str) -> Cleaned:
    """Undo markup, quote markers, hyphenation and hard wraps; see the module docstring."""
    edits: list[tuple[int, int, str]] = []
    edits += _furniture_edits(text)
    if "<" in text or "&" in text or ">" in text:
        edits += _markup_edits(text)
    if "\n" in text and _may_join(text):
        edits += _line_edits(text, edits)
    if not edits:
        return Cleaned(text)
    return _apply(text, sorted(edits))


def _furniture_edits(text: str) -> list[tuple[int, int, str]]:
    """Blank the page's own lines and blocks (kept as empty lines, so paragraphs stay apart)."""
    out: list[tuple[int, int, str]] = []
    lines = text.split("\n")
    at = 0
    block_end = -1  # offset where the current furniture block ends
    for line in lines:
        start, at = at, at + len(line) + 1
        if start < block_end:
            continue
        head = line.lstrip()[:12].lower()
        if len(line) > 300:  # a whole article scraped into one line: only inline furniture
            out += [(start + m.start(), start + m.end(), "") for m in _INLINE.finditer(line)]
            continue
        if not head.startswith(_FURNITURE_STARTS) and "ookie" not in line:
            continue
        if _FURNITURE_HEAD.fullmatch(line):
            end = text.find("\n\n", start)
            block_end = len(text) if end < 0 else end
            block = text[start:block_end]
            out.append((start, block_end, "\n" * block.count("\n")))
        elif _FURNITURE_LINE.fullmatch(line):
            out.append((start, start + len(line), ""))
    return out


def _may_join(text: str) -> bool:
    """True when some line break may need joining: an unfinished line followed by text,
    directly or, lower-cased, after blank lines (a page break); or a page mark."""
    lines = text.split("\n")
    for n in range(len(lines) - 1):
        head = lines[n].rstrip()
        if not head or head[-1] in _TERMINAL or head[-1] in _CLOSERS:
            continue
        m = n + 1
        while m < len(lines) and not lines[m].strip():
            m += 1
        if m < len(lines) and (m == n + 1 or lines[m].lstrip()[:1].islower()):
            return True
    return "age " in text and _PAGE_MARK.search(text) is not None


def _markup_edits(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in _MARKUP.finditer(text):
        token = m.group()
        if token.startswith("&"):
            out.append((m.start(), m.end(), html.unescape(token).replace("\u00a0", " ")))
        elif token.startswith("<") and m.group(2):
            block = m.group(2).lower() in _BLOCK_TAGS
            out.append((m.start(), m.end(), "\n" if block else ""))
        elif token.startswith(("<!", "]]")):
            out.append((m.start(), m.end(), ""))
        else:  # "> " quote markers at a line start
            out.append((m.start(), m.end(), ""))
    return out


def _line_edits(text: str, taken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join lines that break a sentence: the newline becomes a space (or nothing, for a word
    hyphenated across lines). Lists, tables and finished sentences are never joined. A page
    break ("clus-" ... running footer and header ... "ter submunitions") is joined across the
    lines between when the next text line plainly goes on with the sentence."""
    out: list[tuple[int, int, str]] = []
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    blanked = {(a, b) for a, b, new in taken if not new.strip()}
    counts: dict[str, int] = {}
    for line in lines:
        key = line.strip()
        counts[key] = counts.get(key, 0) + 1
    gone: set[int] = set()
    for n, line in enumerate(lines):
        key = line.strip()
        if not key or any(a <= starts[n] and starts[n] + len(line) <= b for a, b in blanked):
            gone.add(n)
        elif _PAGE_MARK.search(key) or (
            counts[key] > 1 and len(key) >= 8 and key.rstrip(_CLOSERS)[-1:] not in _TERMINAL
        ):
            gone.add(n)  # a running page header or footer
            out.append((starts[n], starts[n] + len(line), ""))
    wrapped = _wrapped_lines(lines, gone)
    for n in range(len(lines) - 1):
        if n in gone:
            continue
        m = n + 1
        while m < len(lines) and m in gone:
            m += 1
        if m == len(lines):
            break
        line, nxt = lines[n], _QUOTE.sub("", lines[m])
        head = line.rstrip()
        end = starts[n] + len(head)  # where the line's text ends
        if _LIST_START.match(nxt) or _TABLE_LIKE.search(line) or _TABLE_LIKE.search(nxt):
            continue
        stem = head.rstrip(_CLOSERS)
        if stem and stem[-1] in _TERMINAL:
            continue
        first = nxt.lstrip()[:1]
        last_word = re.split(r"\W+", head.lower())[-1] if head[-1].isalnum() else ""
        to = starts[m] + (len(lines[m]) - len(lines[m].lstrip()))  # the next text
        gap = m > n + 1
        if head.endswith("-") and len(head) > 1 and head[-2].isalpha() and first.islower():
            prefix = re.split(r"[^\w]", head[:-1])[-1].lower()
            out.append((end if prefix in _KEEP_HYPHEN else end - 1, to, ""))
        elif (
            first.islower()
            or head.endswith(",")
            or last_word in _OPEN_WORDS
            or (first.isdigit() and not gap)
            or (n in wrapped and not gap)
        ):
            out.append((end, to, " "))
    return out


def _wrapped_lines(lines: list[str], gone: set[int]) -> set[int]:
    """Lines of paragraphs hard-wrapped at a fixed width: blocks of three or more lines whose
    lines (but the last) are long and of nearly equal length, like "... to Crooks" /
    "Corner minefield ...". A heading is a single short line and never qualifies."""
    out: set[int] = set()
    n = 0
    while n < len(lines):
        if n in gone:
            n += 1
            continue
        m = n
        while m < len(lines) and m not in gone:
            m += 1
        body = [len(lines[k].rstrip()) for k in range(n, m - 1)]
        if m - n >= 3 and min(body) >= 45 and max(body) - min(body) <= 30:
            out.update(range(n, m - 1))
        n = m
    return out


def _apply(text: str, edits: list[tuple[int, int, str]]) -> Cleaned:
    pieces: list[str] = []
    origin: list[int] = []
    at = 0
    for start, end, new in edits:
        if start < at:
            continue  # overlapping edit: the first one wins
        pieces.append(text[at:start])
        origin.extend(range(at, start))
        pieces.append(new)
        origin.extend([start] * len(new))
        at = end
    pieces.append(text[at:])
    origin.extend(range(at, len(text) + 1))
    return Cleaned("".join(pieces), origin)
