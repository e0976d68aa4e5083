"""The plain text of a scraped news page → title, body paragraphs, comments and the chrome around them.

A page copied as text mixes the article with page chrome (widget labels, share and newsletter lines,
"9 Comments"), bylines and the comment section. The rules here use the *shape* of each line and
its *position*, never the strings of a particular page:

1. **Line shape.** Each line is *prose* (enough words, ends like a sentence), *short* (a label, a
   headline, a name), or recognised by :mod:`factdesk.ingest.lexicon` as a comment count
   ("9 Comments", "Kommentare (3)"), a comment-section heading, a byline, a dateline or chrome.
2. **The body** is the longest run of prose lines (by words), extended across a short
   interruption (an advertisement line, a sub-heading) when at least two prose lines follow, or
   backwards over a substantial lead. A run that follows a comment count and has about as many
   lines as the count announces is a comment section, never the body.
3. **The title** is the most headline-like short line above the body: headline casing, length,
   and closeness to the body. Lines above it are chrome; prose between it and the body is a
   standfirst (kept as the first paragraphs); bylines and datelines become metadata.
4. **The comment section** starts after the first count line or comment heading below the body;
   with no such line, after the last widget below the body (a label and its one describing line).
   Author and time lines ("Maria K. · 2 hours ago", "jdoe says:", "vor 3 Stunden") open a comment;
   without them each prose line is a comment, or each blank-line block when the count says so.

>>> page = split_page(
...     "Share\\nCity Council Approves New Budget\\nBy Ana Ruiz\\n"
...     "The council voted 7 to 2 on Tuesday to approve the budget.\\n"
...     "The plan raises spending on parks and transit by four percent next year.\\n"
...     "2 Comments\\nFinally some money for the buses.\\nI doubt the parks will see any of it."
... )
>>> page.title, len(page.paragraphs), len(page.comments), page.author
('City Council Approves New Budget', 2, 2, 'Ana Ruiz')
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from factdesk.errors import InputError
from factdesk.ingest import lexicon
from factdesk.models import Comment

#: words a pasted line needs to be read as one sentence without its full stop (see :func:`split_page`)
MIN_SENTENCE_WORDS = 3
#: non-blank lines read at most (a page has a few thousand; more is not an article page)
MAX_LINES = 100_000

_TERMINAL = re.compile(r"[.!?…:;。！？][\"'”’»)\]」』）]*$")
_SENTENCE_INSIDE = re.compile(r"[.!?…][\"'”’»)\]]*\s+[\"'“‘«(]?[A-ZÀ-ÖØ-Þ0-9]")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
#: dropped from ingested text: zero-width characters, soft hyphens, and control characters (C0 but
#: tab/newline/CR, DEL, C1) — terminal escape sequences in a title must never reach a terminal
_INVISIBLE = dict.fromkeys(
    [*map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"),
     *(c for c in range(32) if c not in (9, 10, 13)), 127, *range(0x80, 0xA0)],
    None,
)


def strip_controls(text: str) -> str:
    """Remove control and invisible characters (keeps tab, newline, carriage return).

    >>> strip_controls("Title\x1b[31m red\x07")
    'Title[31m red'
    """
    return text.translate(_INVISIBLE)
_SMALL_WORDS = frozenset(
    "a an the of on in to for and or but nor at by with from as vs via into onto over per than up out off "
    "is are was be its it's his her their our your my not no so if".split()
    + "der die das den dem des und oder von vom im in am zu zum zur für mit auf aus bei ein eine einen".split()
    + "le la les l de des du et en à au aux un une pour sur par avec dans".split()
    + "el los las y del con por para un una al en sobre".split()
    + "il lo gli i e di da della per con su tra".split()
    + "het een van en op voor met".split()
)


# -- line model --------------------------------------------------------------------------------
@dataclass
class _Unit:
    index: int
    text: str
    gap: int  # blank lines before the unit
    kind: str = "short"  # prose | short | count | comment_header | byline | date | chrome
    words: int = 0
    count: int | None = None
    chrome: str | None = None
    titleness: float = 0.0


@dataclass
class PageText:
    """What :func:`split_page` found on a page."""

    title: str
    paragraphs: list[str]
    comments: list[Comment] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)
    author: str | None = None
    published: str | None = None
    announced_comments: int | None = None


def title_case_ratio(text: str) -> float:
    """Share of the significant words that start with a capital letter (headline casing).

    >>> title_case_ratio("Bukele Challenges Clinton on Prison Conditions")
    1.0
    >>> title_case_ratio("Council voted on the budget")
    0.0
    """
    words = _WORD.findall(text[:400])
    if len(words) >= 2:
        words = words[1:]  # the first word is capitalised in any casing
    words = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


#: scripts written without spaces between words: Han, kana (about two characters a word) and
#: Thai, Lao, Myanmar, Khmer (about five)
_DENSE2 = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DENSE5 = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


def word_count(text: str) -> int:
    """Words in ``text``, with scripts that do not separate words by spaces counted by characters.

    >>> word_count("The harbour reopened on Monday."), word_count("外国专家认为中美合作共赢符合国际社会利益。")
    (5, 10)
    """
    if len(text) >= 100_000:
        return text.count(" ") + 1
    words = len(text.split())
    if not text.isascii():
        dense2, dense5 = len(_DENSE2.findall(text)), len(_DENSE5.findall(text))
        if dense2 or dense5:
            spaced = sum(1 for w in text.split() if not _DENSE2.search(w) and not _DENSE5.search(w))
            words = max(words, spaced + (dense2 + 1) // 2 + (dense5 + 4) // 5)
    return words


def is_prose(text: str, words: int | None = None) -> bool:
    """A line of running text: ends like a sentence (and is not a headline), or is long."""
    words = word_count(text) if words is None else words
    if words >= 25:
        return True
    if words >= 3 and _TERMINAL.search(text):
        if text.rstrip("\"'”’»)]").endswith((".", ";", ":")) and words >= 3:
            return title_case_ratio(text) < 0.9 or words >= 12
        return title_case_ratio(text) < 0.75 or words > 20
    return words >= 10 and bool(_SENTENCE_INSIDE.search(text))


def valid_unicode(text: str) -> str:
    """Replace lone surrogates (possible in a Python ``str`` from JSON) so the text can be encoded."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


def _normalise(text: str) -> str:
    text = valid_unicode(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = unicodedata.normalize("NFC", text)
    return text.replace("\u00a0", " ").replace("\t", " ").replace("\u2028", "\n").replace("\u2029", "\n\n")


def _lines(text: str, origin: str = "text") -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    gap = 0
    if text.count("\n") > 4 * MAX_LINES:
        raise InputError(f"{origin}: too many lines for an article page (at most {MAX_LINES})")
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            gap += 1
            continue
        out.append((line, gap))
        gap = 0
        if len(out) > MAX_LINES:
            raise InputError(f"{origin}: too many lines for an article page (more than {MAX_LINES})")
    return out


def _unwrap(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Join hard-wrapped lines (text saved at a fixed width) back into paragraphs."""
    if len(lines) < 6 or not any(gap for _, gap in lines[1:]):
        return lines
    lengths = sorted(len(t) for t, _ in lines)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > 110 or width < 30:
        return lines
    long_lines = [t for t, _ in lines if len(t) >= 0.75 * width]
    unterminated = sum(1 for t in long_lines if not _TERMINAL.search(t))
    if len(long_lines) < 0.4 * len(lines) or unterminated < 0.5 * len(long_lines):
        return lines
    out: list[tuple[str, int]] = []
    for text, gap in lines:
        if out and gap == 0 and _continues(out[-1][0], text, width):
            prev, pgap = out[-1]
            joined = prev[:-1] + text if prev.endswith("-") and prev[-2:-1].isalpha() else f"{prev} {text}"
            out[-1] = (joined, pgap)
        else:
            out.append((text, gap))
    return out


def _continues(prev: str, nxt: str, width: int) -> bool:
    last_line = prev[-width:] if len(prev) > width else prev
    if len(last_line) < 0.6 * width or lexicon.comment_count(prev):
        return False
    # two headline-cased lines in a row are two headlines (a list of links), not one wrapped line
    return not (title_case_ratio(prev) >= 0.75 and title_case_ratio(nxt) >= 0.75 and not _TERMINAL.search(prev))


def _classify(units: list[_Unit]) -> None:
    for u in units:
        text = u.text
        u.words = word_count(text)
        if len(text) <= lexicon.SHORT_LINE_CHARS:
            u.count = lexicon.comment_count(text)
            if u.count is not None:
                u.kind = "count"
                continue
            if lexicon.is_comment_header(text):
                u.kind = "comment_header"
                continue
            if lexicon.byline(text):
                u.kind = "byline"
                continue
            if lexicon.is_dateline(text):
                u.kind = "date"
                continue
            u.chrome = lexicon.chrome_kind(text)
            if u.chrome:
                u.kind = "chrome"
                continue
        u.kind = "prose" if is_prose(text, u.words) else "short"
        if u.kind == "short" and 2 <= u.words <= 30:
            u.titleness = title_case_ratio(text)
    # a short prose line right under a media credit ("Photo: …") is that picture's caption
    for prev, u in zip(units, units[1:]):
        if prev.chrome == "media" and u.kind == "prose" and u.words <= 30 and u.gap <= 1:
            u.kind, u.chrome = "chrome", "caption"


# -- runs of prose -----------------------------------------------------------------------------
@dataclass
class _Run:
    start: int
    end: int  # inclusive
    words: int


def _typical_gap(units: list[_Unit]) -> int:
    gaps = [units[i].gap for i in range(1, len(units)) if units[i].kind == "prose" and units[i - 1].kind == "prose"]
    return int(statistics.median(gaps)) if gaps else 0


def _runs(units: list[_Unit], typical: int) -> list[_Run]:
    runs: list[_Run] = []
    for i, u in enumerate(units):
        if u.kind != "prose":
            continue
        if runs and runs[-1].end == i - 1 and u.gap <= typical:
            runs[-1].end = i
            runs[-1].words += u.words
        else:
            runs.append(_Run(i, i, u.words))
    return runs


def _comment_led(run: _Run, units: list[_Unit]) -> bool:
    """Does ``run`` directly follow a comment count/heading (and match the announced count)?"""
    for j in range(run.start - 1, -1, -1):
        u = units[j]
        if u.kind in ("count", "comment_header"):
            if u.kind == "comment_header":
                return True
            n = run.end - run.start + 1
            return abs(n - (u.count or 0)) <= max(1, int(0.3 * (u.count or 0)))
        if u.kind in ("prose",) or (u.kind == "short" and u.titleness >= 0.75):
            return False
    return False


def _body_span(units: list[_Unit], runs: list[_Run], typical: int) -> tuple[int, int]:
    candidates = [r for r in runs if not _comment_led(r, units)] or runs
    core = max(candidates, key=lambda r: (r.words, -r.start))
    by_start = {r.start: r for r in runs}
    by_end = {r.end: r for r in runs}
    start, end = core.start, core.end
    # forward: over at most 3 interrupting lines (one of them a sub-heading) to >= 2 prose lines
    while True:
        j, inter = end + 1, []
        while j < len(units) and units[j].kind != "prose" and len(inter) <= 3:
            inter.append(units[j])
            j += 1
        nxt = by_start.get(j)
        if nxt is None or not _bridgeable(inter, units[j], typical):
            break
        # an unknown short line followed by a single prose line is a widget (label + description);
        # known inline chrome ("Advertisement", "Read more: …") may precede the last paragraph
        only_known_chrome = bool(inter) and all(u.kind == "chrome" for u in inter)
        if nxt.end - nxt.start + 1 < 2 and not only_known_chrome:
            break
        # a label whose next line speaks about the page or to the reader is a widget, not a sub-heading
        if inter and inter[-1].kind == "short" and lexicon.addresses_reader(units[j].text):
            break
        if _comment_led(nxt, units):
            break
        end = nxt.end
    # backward: over at most 3 lines to >= 2 prose lines or one substantial lead paragraph
    while True:
        j, inter = start - 1, []
        while j >= 0 and units[j].kind != "prose" and len(inter) <= 3:
            inter.append(units[j])
            j -= 1
        prv = by_end.get(j)
        if prv is None or not _bridgeable(inter, units[start], typical):
            break
        if prv.end - prv.start + 1 < 2 and prv.words < 30:
            break
        start = prv.start
    return start, end


def _bridgeable(inter: list[_Unit], after: _Unit, typical: int) -> bool:
    if len(inter) > 3:
        return False
    if any(u.kind in ("count", "comment_header") for u in inter):
        return False
    if sum(1 for u in inter if u.kind in ("short", "byline", "date")) > 1:
        return False
    return all(u.gap <= typical + 1 for u in [*inter, after])


# -- title -------------------------------------------------------------------------------------
def _pick_title(units: list[_Unit], body_start: int) -> int | None:
    best, best_score, distance = None, 0.0, 0
    first_content = next((i for i, u in enumerate(units) if u.kind in ("short", "prose")), None)
    for i in range(body_start - 1, -1, -1):
        u = units[i]
        if u.kind == "prose":
            distance += 1
            continue
        if u.kind != "short":
            continue
        if 2 <= u.words <= 30 and len(u.text) <= 300:
            score = 0.4 * u.titleness + 0.25 * min(u.words, 8) / 8 + 0.35 / (1 + distance)
            if i == first_content:
                score += 0.05
            prev = units[i - 1] if i > 0 else None
            if (prev is not None and prev.kind == "short" and u.gap == 0 and prev.words >= 3
                    and u.words > prev.words and u.titleness <= prev.titleness):
                score -= 0.3  # a headline directly followed by a longer, less headline-cased line: a standfirst
            if score > best_score:
                best, best_score = i, score
        distance += 1
    return best


# -- comments ----------------------------------------------------------------------------------
def _comment_zone_start(units: list[_Unit], body_end: int) -> tuple[int | None, int | None, list[int]]:
    """Index where comment lines start, the announced count, and post-body indices that are chrome."""
    chrome: list[int] = []
    after_label: int | None = None
    for i in range(body_end + 1, len(units)):
        u = units[i]
        if u.kind in ("count", "comment_header"):
            chrome.append(i)
            return i + 1, u.count, chrome
        if _header_line(units, i):
            return i, None, chrome
        if u.kind != "prose":
            chrome.append(i)
            after_label = i if u.kind in ("short", "chrome") else None
            continue
        if after_label is not None and after_label == i - 1 and u.gap <= 1:
            chrome.append(i)  # a widget's describing line
            after_label = None
            continue
        return i, None, chrome
    return None, None, chrome


def _header_line(units: list[_Unit], i: int) -> tuple[str | None, str | None] | None:
    """(author, time) when line ``i`` opens a comment, else ``None``."""
    u = units[i]
    if u.kind == "prose" and not u.text.endswith(":"):
        return None
    found = lexicon.comment_author(u.text)
    if found:
        return found
    when = lexicon.relative_or_absolute_time(u.text)
    if when and u.kind in ("short", "date", "chrome"):
        return (None, when)
    nxt = units[i + 1] if i + 1 < len(units) else None
    if (
        nxt is not None
        and u.kind in ("short", "byline")
        and lexicon.looks_like_name(u.text)
        and lexicon.relative_or_absolute_time(nxt.text)
    ):
        return (u.text.rstrip(":"), None)
    return None


def _parse_comments(units: list[_Unit], start: int, announced: int | None) -> tuple[list[Comment], list[int]]:
    zone = list(range(start, len(units)))
    headers = {i: _header_line(units, i) for i in zone}
    headers = {i: h for i, h in headers.items() if h is not None}
    chrome: list[int] = []
    drafts: list[dict] = []
    if headers:
        current: dict | None = None
        for i in zone:
            u = units[i]
            head = headers.get(i)
            if head is not None:
                author, when = head
                if author is None and current is not None and not current["text"] and current["posted"] is None:
                    current["posted"] = when  # a time line under an author line
                    continue
                current = {"author": author, "posted": when, "text": []}
                drafts.append(current)
                continue
            if u.kind in ("chrome", "count", "comment_header") or (u.kind == "short" and u.chrome):
                chrome.append(i)
                continue
            if current is None:
                if u.kind == "prose":
                    current = {"author": None, "posted": None, "text": []}
                    drafts.append(current)
                else:
                    chrome.append(i)
                    continue
            if current["text"] and u.kind != "prose" and not _TERMINAL.search(u.text):
                chrome.append(i)  # a link label after the comment's text (a footer menu), not more comment
                continue
            current["text"].append(u.text)
    else:
        texts = [i for i in zone if units[i].kind == "prose"]
        if announced is not None and len(texts) < announced:
            # "Great piece.": a short line that ends like a sentence is a comment when it makes the count
            short = [i for i in zone if units[i].kind == "short" and not units[i].chrome and _TERMINAL.search(units[i].text)]
            if len(texts) + len(short) == announced:
                texts = sorted(texts + short)
        chrome = [i for i in zone if i not in set(texts)]
        groups = [[i] for i in texts]
        if announced is not None and len(texts) != announced and texts:
            blocks: list[list[int]] = []
            for i in texts:
                if blocks and blocks[-1][-1] == i - 1 and units[i].gap == 0:
                    blocks[-1].append(i)
                else:
                    blocks.append([i])
            if len(blocks) == announced:
                groups = blocks
        drafts = [{"author": None, "posted": None, "text": [units[i].text for i in g]} for g in groups]
    comments = [
        Comment(index=n, author=d["author"], posted=d["posted"], text="\n".join(d["text"]))
        for n, d in enumerate(d for d in drafts if d["text"])
    ]
    return comments, chrome


def parse_comment_lines(lines: list[str], announced: int | None = None) -> tuple[list[Comment], list[str]]:
    """Read lines known to be a comment section (below its count line) → (comments, chrome lines).

    >>> comments, chrome = parse_comment_lines(["Ann · 2h", "Good news.", "Reply", "Bo · 3h", "Too late."], 2)
    >>> [(c.author, c.text) for c in comments], chrome
    ([('Ann', 'Good news.'), ('Bo', 'Too late.')], ['Reply'])
    """
    units = [_Unit(index=i, text=" ".join(t.split()), gap=0) for i, t in enumerate(lines) if t.strip()]
    _classify(units)
    comments, chrome = _parse_comments(units, 0, announced)
    return comments, [units[i].text for i in chrome]


# -- the whole page ----------------------------------------------------------------------------
def split_page(text: str, *, origin: str = "text") -> PageText:
    """Split the plain text of a page into title, paragraphs, comments and chrome.

    Raises ``InputError`` when no article body (running prose) is found.
    """
    lines = _lines(_normalise(text), origin)
    if not lines:
        raise InputError(f"{origin}: empty input (only whitespace)")
    lines = _unwrap(lines)
    units = [_Unit(index=i, text=t, gap=g) for i, (t, g) in enumerate(lines)]
    _classify(units)
    if len(units) == 1 and units[0].kind == "short" and _bare_sentence(units[0]):
        units[0].kind = "prose"  # a one-line paste is one sentence, full stop or not
    typical = _typical_gap(units)
    runs = _runs(units, typical)
    if not runs:
        raise InputError(f"{origin}: no article found (no sentence of running prose)")
    body_start, body_end = _body_span(units, runs, typical)

    title_i = _pick_title(units, body_start)
    # prose between the title and the body is a standfirst: part of the article
    if title_i is not None:
        first_prose = next((i for i in range(title_i + 1, body_start) if units[i].kind == "prose"), None)
        if first_prose is not None:
            body_start = first_prose

    body_idx: list[int] = []
    meta_idx: list[int] = []
    for i in range(body_start, body_end + 1):
        u = units[i]
        if u.kind == "prose":
            body_idx.append(i)
        elif u.kind == "short" and _between_prose(units, i, body_start, body_end):
            body_idx.append(i)  # a sub-heading
        else:
            meta_idx.append(i)
    # any text with one sentence of running prose is an article (a two-sentence paste is worth a check)
    title = units[title_i].text if title_i is not None else ""
    if (title_i is None and len(body_idx) > 1 and units[body_idx[0]].words <= 20
            and not units[body_idx[0]].text.endswith(".")):
        title = units[body_idx.pop(0)].text

    zone_start, announced, post_chrome = _comment_zone_start(units, body_end)
    comments: list[Comment] = []
    comment_chrome: list[int] = []
    if zone_start is not None:
        comments, comment_chrome = _parse_comments(units, zone_start, announced)
    used = set(body_idx) | ({title_i} if title_i is not None else set())
    comment_lines = set(range(zone_start, len(units))) - set(comment_chrome) if zone_start is not None else set()
    chrome_idx = [i for i in range(len(units)) if i not in used and i not in comment_lines]

    author = published = None
    for i in chrome_idx:
        if author is None and units[i].kind == "byline":
            author = lexicon.byline(units[i].text)
        if published is None and units[i].kind in ("date", "byline"):
            published = lexicon.date_of(units[i].text)
    if announced is None:
        announced = next((units[i].count for i in chrome_idx if units[i].kind == "count"), None)
    return PageText(
        title=title,
        paragraphs=[units[i].text for i in body_idx],
        comments=comments,
        chrome=[units[i].text for i in chrome_idx],
        author=author,
        published=published,
        announced_comments=announced,
    )


def _bare_sentence(u: _Unit) -> bool:
    """A line that reads as a sentence without its full stop: a few words, not a headline's capitals.

    >>> _bare_sentence(_Unit(index=0, text="Inflation hit 9 percent in 2022", gap=0, words=5))
    True
    >>> _bare_sentence(_Unit(index=0, text="Home About Contact", gap=0, words=3))
    False
    """
    return u.words >= MIN_SENTENCE_WORDS and title_case_ratio(u.text) < 0.75


def _between_prose(units: list[_Unit], i: int, lo: int, hi: int) -> bool:
    before = any(units[j].kind == "prose" for j in range(max(lo, i - 3), i))
    after = any(units[j].kind == "prose" for j in range(i + 1, min(hi, i + 3) + 1))
    return before and after and units[i].words <= 20
