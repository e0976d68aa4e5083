"""Comment sections in HTML markup → ``Comment`` objects, threads kept (``Comment.reply_to``).

Shapes read, each after the markup its system documents or renders:

* schema.org ``Comment`` in **microdata** (``itemprop=author/name``, ``dateCreated`` /
  ``datePublished``, ``text``) — also what Discourse serves to readers without JavaScript and what
  forum software marks up for search engines; a ``Comment`` nested in another is its reply;
* **JSON-LD** ``Comment`` objects (``author``, ``dateCreated``, ``text``), replies nested under
  ``comment`` or pointing to their parent with ``parentItem`` (``@id``);
* **class/id shapes**: a container whose class or id has a whole token such as ``comments``,
  ``comments-area``, ``commentlist``, ``disqus_thread``, ``commentarea``, ``kommentare`` holding
  items — WordPress (``li.comment`` with ``.comment-author .fn``, ``.comment-metadata time``,
  ``.comment-content``, replies in ``ol.children``), Drupal (``.comment`` / ``article.js-comment``
  with ``.username``, replies in the ``div.indented`` after their parent), Blogger (``li.comment``
  with ``cite.user``, ``.comment-content``, ``.comment-replies``; classic ``dl#comments-block``),
  Disqus as rendered (``li.post``, ``.author``, ``.post-message``, ``ul.children``), Reddit (old:
  ``div.thing.comment`` with ``a.author``, ``.usertext-body``; new: ``<shreddit-comment>`` with its
  ``author``/``thingid``/``parentid`` attributes), news "reader comments" lists (``li.d-comment``…);
* a **heading** that announces the section ("Responses (3)", "12 Comments", "Reader comments")
  followed by blocks without any comment class (Medium-like responses, hand-made lists): read with
  the plain-text comment rules of :mod:`factdesk.ingest.page_text`.

The first three are all tried and the one that reads the most comment text wins (a page often
marks the same section twice). Everything is bounded: at most :data:`MAX_COMMENTS` comments,
JSON-LD blocks up to 1 MB and 40 levels deep, linear passes over the tree.

>>> import lxml.html
>>> root = lxml.html.document_fromstring(
...     '<div id="comments"><ol class="commentlist"><li class="comment"><cite class="fn">Ann</cite>'
...     '<div class="comment-content"><p>Good reporting.</p></div><ol class="children">'
...     '<li class="comment"><cite class="fn">Bo</cite><div class="comment-content"><p>Agreed.</p></div>'
...     '</li></ol></li></ol></div>')
>>> [(c.index, c.author, c.text, c.reply_to) for c in find_comments(root).comments]
[(0, 'Ann', 'Good reporting.', None), (1, 'Bo', 'Agreed.', 0)]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import islice
from dataclasses import dataclass, field

from lxml import etree

from factdesk.ingest import lexicon
from factdesk.ingest.page_text import is_prose, parse_comment_lines, strip_controls
from factdesk.models import Comment

#: comments read from one page at most
MAX_COMMENTS = 5000
#: a JSON-LD block larger than this is ignored
MAX_JSONLD_CHARS = 1_000_000
#: JSON-LD nesting followed at most this deep
MAX_JSONLD_DEPTH = 40

#: class/id tokens that name a comment section (whole tokens: "comments-open" on an article is not one)
CONTAINER_TOKENS = frozenset({
    "comments", "comment-list", "commentlist", "comments-list", "comments-area", "comment-section",
    "comments-section", "comment-thread", "comments-thread", "disqus_thread", "reader-comments", "user-comments",
    "comments-container", "comments-wrapper", "comments-block", "article-comments", "post-comments",
    "discussion", "leserkommentare", "kommentare", "commentaires", "comentarios", "commenti", "reacties",
    "commentarea", "comment-wrapper", "comments-content", "comments-block", "dsq-comments", "responses",
    "comment-stream", "comments-stream", "comments__list", "d-discussion", "discussion__comments",
    "wp-block-comments", "comment-tree", "coral_thread", "commento", "isso-thread", "isso-root",
    "comments-page", "js-comments-container",
})

_ITEM_TOKENS = frozenset({
    "comment", "comment-item", "single-comment", "comment-entry", "js-comment", "post-comment", "c-comment",
    "comments__item", "comment-list__item", "kommentar", "commentaire", "comentario", "commento", "reactie",
    "response", "comment-container", "comtr", "commento-card", "comment-list-item",
})
#: "d-comment", "wp-comment", "c-comment": a short prefix and "comment" (not "no-comment", "add-comment")
_ITEM_TOKEN_SHAPE = re.compile(r"^(?!(?:no|has|add|new|leave|write|show|load|more|hide|toggle|count|reply|open|"
                               r"closed|post|top|your|first|last)[-_])[a-z0-9]{1,8}[-_]{1,2}comment$")
#: item tokens that count only inside a comment container (a Disqus thread lists ``li.post``)
_INNER_ITEM_TOKENS = frozenset({"post", "thing"})
#: class tokens of the element that holds a comment's replies (Drupal: the sibling after the parent)
_REPLY_BLOCK_TOKENS = frozenset({"indented", "children", "replies", "comment-replies", "child", "comment-children",
                                 "isso-follow-up", "coral-replylist", "commento-children", "d-thread--responses"})

_AUTHOR_CLASS = re.compile(r"(?:^|[\s_-])(?:comment-author|author|fn|username|user-name|user|commenter|hnuser|"
                           r"comment-user|nickname|name|creator|commenter-name|autor|auteur|autore|naam|nombre|"
                           r"nome|pseudo|benutzer)(?:$|[\s_-])", re.I)
_TIME_CLASS = re.compile(r"(?:^|[\s_-])(?:comment-date|comment-time|date|time|timestamp|published|datetime|"
                         r"comment-metadata|commentmetadata|comment-meta|time-ago|timeago|post-time|age|datum|"
                         r"fecha|data)(?:$|[\s_-])", re.I)
#: text containers named for a comment's text; the innermost one found is the text (a WordPress
#: "comment-body" wraps the whole comment, a Substack "comment-content" too)
_TEXT_STRONG = re.compile(r"(?:^|\s)(?:comment-content|comment-text|comment-body|comment__body|comment__text|"
                          r"comment__content|comment-message|usertext-body|post-message|message-body|cooked|"
                          r"bbwrapper|d-comment__body|field-name-comment-body|field--name-comment-body|comment-copy|"
                          r"commtext|gh-comment-content|isso-text|commento-body|coral-comment-content|"
                          r"dsq-comment-message)(?:$|\s)", re.I)
#: generic names, the first one in the comment wins
_TEXT_CLASS = re.compile(r"(?:^|[\s_-])(?:content|text|message|body|md|entry|texte|texto|testo|tekst|inhalt|"
                         r"contenu|contenido|contenuto)(?:$|[\s_-])", re.I)
_SKIP_CLASS = re.compile(r"(?:^|[\s_-])(?:reply|comment-reply-link|actions|comment-actions|toolbar|vote|votes|"
                         r"likes|report|share|avatar|children|replies|indented|comment-replies|buttons|"
                         r"flat-list|post-menu|comment-footer|says|follow-up|replylist|votelinks|navs)(?:$|[\s_-])", re.I)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "form", "button", "svg", "template", "iframe", "select",
                        "textarea", "input", "nav", "img", "video", "audio", "object", "embed"})
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "blockquote", "section", "article", "h1", "h2", "h3", "h4",
                         "h5", "h6", "pre", "tr", "dd", "dt", "header", "footer", "figcaption", "ul", "ol"})


@dataclass
class Found:
    """The comments of a page and the elements of the sections they came from."""

    comments: list[Comment] = field(default_factory=list)
    containers: list[etree._Element] = field(default_factory=list)
    shape: str | None = None


# -- text helpers ------------------------------------------------------------------------------
def clean(text: str) -> str:
    return " ".join(strip_controls(text).split())


def classes(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def _tokens(el: etree._Element) -> set[str]:
    return set(classes(el).lower().split())


def text_lines(el: etree._Element, skip: set[etree._Element] | None = None) -> list[str]:
    """Visible text of ``el`` as lines (one per block), skipping scripts, forms and ``skip`` subtrees."""
    skip = skip or set()
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = clean("".join(buf))
        if text:
            lines.append(text)
        buf.clear()

    stack: list[tuple[etree._Element, bool]] = [(el, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if isinstance(node.tag, str) and node.tag.lower() in _BLOCK_TAGS:
                flush()
            if node is not el and node.tail:
                buf.append(node.tail)
            continue
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if node is not el and (node in skip or tag in _SKIP_TAGS or not isinstance(node.tag, str)):
            if node.tail:
                buf.append(node.tail)
            continue
        if tag in _BLOCK_TAGS:
            flush()
        if node.text:
            buf.append(node.text)
        stack.append((node, True))
        for child in reversed(list(node)):
            stack.append((child, False))
    flush()
    return lines


def _own_nodes(el: etree._Element, stop: set[etree._Element]) -> Iterator[etree._Element]:
    """Descendants of ``el`` in document order, not entering the subtrees in ``stop`` (linear)."""
    stack = list(reversed([c for c in el if isinstance(c.tag, str)]))
    while stack:
        node = stack.pop()
        if node in stop:
            continue
        yield node
        stack.extend(reversed([c for c in node if isinstance(c.tag, str)]))


def _first(el: etree._Element, pattern: re.Pattern[str], skip: set[etree._Element]) -> etree._Element | None:
    for node in _own_nodes(el, skip):
        if pattern.search(classes(node)):
            return node
    return None


def _parents(items: list[etree._Element]) -> dict[etree._Element, etree._Element | None]:
    """Each item's parent item: its nearest item ancestor, or — for a reply block placed after its
    parent (Drupal's ``div.indented``) — the item just before that block."""
    item_set = set(items)
    parent: dict[etree._Element, etree._Element | None] = {}
    for el in items:
        parent[el] = None
        for anc in el.iterancestors():
            if anc in item_set:
                parent[el] = anc
                break
            if _tokens(anc) & _REPLY_BLOCK_TOKENS:
                prev = anc.getprevious()
                while prev is not None and not isinstance(prev.tag, str):
                    prev = prev.getprevious()
                if prev is not None and prev in item_set:
                    parent[el] = prev
                    break
                if prev is not None:  # a wrapper around the parent item
                    inner = [d for d in islice(prev.iter(), 2000) if d in item_set]
                    if inner:
                        parent[el] = inner[0]
                        break
    return parent


def _nested(items: list[etree._Element]) -> dict[etree._Element, set[etree._Element]]:
    """For each item, the items directly nested in it (their subtrees are not its text)."""
    item_set = set(items)
    nested: dict[etree._Element, set[etree._Element]] = {el: set() for el in items}
    for el in items:
        for anc in el.iterancestors():
            if anc in item_set:
                nested[anc].add(el)
                break
    return nested


def _time_of(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    t = el if el.tag == "time" else el.find(".//time")
    if t is not None and (t.get("datetime") or "").strip():
        return clean(t.get("datetime"))[:64]
    for attr in ("datetime", "ts", "data-time", "content"):
        if (el.get(attr) or "").strip():
            return clean(el.get(attr))[:64]
    titled = el if el.get("title") else el.find(".//*[@title]")
    if titled is not None and lexicon.date_of(clean(titled.get("title") or "")[:120]):
        return clean(titled.get("title"))[:64]
    text = clean(el.text_content())[:120]
    return lexicon.date_of(text) or lexicon.relative_or_absolute_time(text) or (text or None)


def _looks_like_time(el: etree._Element) -> bool:
    if el.tag == "time" or el.get("datetime"):
        return True
    text = clean(el.text_content())[:120]
    if not text or len(text) > 80:
        return False
    words = {w.lower().strip(".,") for w in text.split()}
    return bool(lexicon.date_of(text) or lexicon.relative_or_absolute_time(text)
                or re.search(r"\d{1,2}[:.]\d{2}", text)
                or (words & lexicon.MONTH_NAMES and re.search(r"\d", text))
                or any(lexicon.relative_or_absolute_time(p.strip()) for p in re.split(r"[·•|]", text)))


def _author_of(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    for node in el.iter():
        if isinstance(node.tag, str) and re.search(r"(?:^|\s)(?:fn|name|author-name|username)(?:$|\s)",
                                                   node.get("class") or ""):
            name = node
            break
    else:
        name = el
    text = clean(name.text_content())
    text = re.sub(r"^(?:by|von|par|por)\s+", "", text, flags=re.I)
    text = re.sub(r"\s+(?:says|said|wrote|schreibt|a écrit|dice|dit)\s*:?$", "", text, flags=re.I)
    return text[:80] or None


# -- microdata ---------------------------------------------------------------------------------
def _microdata(root: etree._Element) -> list[dict]:
    items = [el for el in root.iter() if isinstance(el.tag, str)
             and "schema.org/comment" in (el.get("itemtype") or "").lower()][:MAX_COMMENTS]
    nested_of = _nested(items)
    parent_of = _parents(items)
    out = []
    for el in items:
        nested = nested_of[el]

        def prop(names: tuple[str, ...]) -> etree._Element | None:
            for node in _own_nodes(el, nested):
                if (node.get("itemprop") or "") in names:
                    return node
            return None

        author_el = prop(("author", "creator"))
        author = el.get("data-author") or None
        if author_el is None and author is None:
            author_el = prop(("name",))  # a forum's "<a class=username itemprop=name>"
        if author_el is not None and author is None:
            name = author_el.find(".//*[@itemprop='name']")
            author = clean((name if name is not None else author_el).text_content()) or author_el.get("content")
            if not author and name is not None:
                author = name.get("content")
        time_el = prop(("dateCreated", "datePublished", "commentTime", "dateModified"))
        posted = None
        if time_el is not None:
            posted = clean(time_el.get("datetime") or time_el.get("content") or time_el.text_content())[:64]
        text_el = prop(("text", "commentText", "description"))
        skip = nested | {x for x in (author_el, time_el) if x is not None}
        lines = text_lines(text_el, nested) if text_el is not None else text_lines(el, skip)
        out.append({"el": el, "parent": parent_of[el], "author": author or None, "posted": posted or None,
                    "text": "\n".join(lines)})
    return out


# -- JSON-LD -----------------------------------------------------------------------------------
def jsonld_blocks(root: etree._Element) -> list[object]:
    """The parsed ``application/ld+json`` blocks of a page (bad or oversized ones skipped)."""
    blocks = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if not raw.strip() or len(raw) > MAX_JSONLD_CHARS:
            continue
        try:
            blocks.append(json.loads(raw))
        except (ValueError, RecursionError):
            continue
    return blocks


def walk_json(node: object, depth: int = 0) -> Iterator[dict]:
    if depth > MAX_JSONLD_DEPTH:
        return
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk_json(value, depth + 1)
    elif isinstance(node, list):
        for value in node[:10_000]:
            yield from walk_json(value, depth + 1)


def name_of(value: object) -> str | None:
    if isinstance(value, str):
        return clean(value)[:80] or None
    if isinstance(value, dict):
        return name_of(value.get("name") or value.get("alternateName"))
    if isinstance(value, list) and value:
        return name_of(value[0])
    return None


def _is_type(obj: dict, name: str) -> bool:
    types = obj.get("@type")
    types = types if isinstance(types, list) else [types]
    return name in types


def _jsonld_comments(blocks: list[object]) -> list[dict]:
    out: list[dict] = []
    by_id: dict[str, dict] = {}

    def visit(node: object, parent: dict | None, depth: int) -> None:
        if depth > MAX_JSONLD_DEPTH or len(out) >= MAX_COMMENTS:
            return
        if isinstance(node, list):
            for value in node[:10_000]:
                visit(value, parent, depth + 1)
            return
        if not isinstance(node, dict):
            return
        here = parent
        if _is_type(node, "Comment"):
            text = node.get("text") or node.get("commentText") or node.get("description")
            when = node.get("dateCreated") or node.get("datePublished")
            item = {"el": node, "parent": parent, "ref": node.get("parentItem"),
                    "author": name_of(node.get("author")),
                    "posted": (clean(when)[:64] or None) if isinstance(when, str) else None,
                    "text": strip_controls(text).strip() if isinstance(text, str) else ""}
            out.append(item)
            if isinstance(node.get("@id"), str):
                by_id[node["@id"]] = item
            here = item
        for value in node.values():
            visit(value, here, depth + 1)

    for block in blocks:
        visit(block, None, 0)
    for item in out:
        ref = item.pop("ref")
        ref_id = ref.get("@id") if isinstance(ref, dict) else ref if isinstance(ref, str) else None
        if item["parent"] is None and ref_id in by_id and by_id[ref_id] is not item:
            item["parent"] = by_id[ref_id]
        item["el"], item["parent"] = id(item), id(item["parent"]) if item["parent"] is not None else None
    return out


# -- class / id shapes -------------------------------------------------------------------------
def is_container(el: etree._Element) -> bool:
    return bool(_tokens(el) & CONTAINER_TOKENS)


def _is_item(el: etree._Element, inner: bool) -> bool:
    if not isinstance(el.tag, str):
        return False
    if el.tag == "shreddit-comment":
        return True
    if el.tag not in ("li", "article", "div", "section", "dl", "tr"):
        return False
    tokens = set((el.get("class") or "").lower().split())
    if tokens & _ITEM_TOKENS or any(_ITEM_TOKEN_SHAPE.match(t) for t in tokens):
        return True
    return inner and bool(tokens & _INNER_ITEM_TOKENS)


def _outer(elements: list[etree._Element]) -> list[etree._Element]:
    found = set(elements)
    return [c for c in elements if not any(a in found for a in c.iterancestors())]


def _css_comments(root: etree._Element) -> tuple[list[dict], list[etree._Element]]:
    containers = _outer([el for el in root.iter() if isinstance(el.tag, str) and el.tag not in ("body", "html")
                         and (is_container(el) or el.tag == "shreddit-comment-tree")])
    out: list[dict] = []
    used: list[etree._Element] = []
    for container in containers:
        items = [el for el in container.iterdescendants() if _is_item(el, inner=True)]
        if not items:
            items = list(container.iterdescendants("article"))
        if not items and container.find(".//dt") is not None and container.find(".//dd") is not None:
            out.extend(_dl_comments(container))
            used.append(container)
            continue
        if not items:
            lists = list(container.iterdescendants("ol", "ul"))
            items = [li for lst in lists[:1] for li in lst if isinstance(li.tag, str) and li.tag == "li"]
        items = _without_bodies(items)[:MAX_COMMENTS - len(out)]
        if not items:
            continue
        used.append(container)
        nested_of = _nested(items)
        parent_of = _parents(items)
        _thread_by_depth(items, parent_of)
        for el in items:
            out.append(_css_item(el, nested_of[el], parent_of[el]))
        if len(out) >= MAX_COMMENTS:
            break
    return out, used


def _without_bodies(items: list[etree._Element]) -> list[etree._Element]:
    """Drop an "item" that is only the text of the item around it (Hacker News: ``tr.comtr`` holds
    the author and ``div.comment`` the text): the outer item has no text element of its own."""
    nested = _nested(items)
    drop: set[etree._Element] = set()
    for outer, inner in nested.items():
        if len(inner) != 1:
            continue
        (only,) = inner
        if nested[only]:
            continue
        between = []
        for anc in only.iterancestors():
            if anc is outer:
                break
            between.append(anc)
        if any(_tokens(a) & _REPLY_BLOCK_TOKENS or a.tag in ("ol", "ul") for a in between):
            continue  # a reply in its parent's reply list
        if any(_TEXT_STRONG.search(classes(n)) or _TEXT_CLASS.search(classes(n)) for n in _own_nodes(outer, inner)):
            continue
        if any(len(ln) > 60 or is_prose(ln) for ln in text_lines(outer, {only})):
            continue  # the outer comment has text of its own
        drop.add(only)
    return [el for el in items if el not in drop]


_DEPTH_ATTRS = ("depth", "data-depth", "data-level", "aria-level", "indent")
_DEPTH_CLASS = re.compile(r"(?:^|\s)depth-(\d{1,2})(?:$|\s)")


def _depth(el: etree._Element) -> int | None:
    for attr in _DEPTH_ATTRS:
        value = (el.get(attr) or "").strip()
        if value.isdigit():
            return int(value)
    match = _DEPTH_CLASS.search(el.get("class") or "")
    if match:
        return int(match.group(1)) - 1
    for node in islice(el.iter(), 40):  # Hacker News: <td class="ind" indent="2">
        if node is not el and isinstance(node.tag, str) and (node.get("indent") or "").strip().isdigit():
            return int(node.get("indent"))
    return None


def _thread_by_depth(items: list[etree._Element], parent_of: dict) -> None:
    """Threads written flat with a depth per comment (an indent attribute, ``depth-2`` classes):
    a comment replies to the nearest earlier one a level up."""
    depths = [_depth(el) for el in items]
    if not any(d for d in depths if d):
        return
    last_at: dict[int, etree._Element] = {}
    for el, d in zip(items, depths):
        if d is None:
            continue
        if parent_of.get(el) is None and d > 0 and (d - 1) in last_at:
            parent_of[el] = last_at[d - 1]
        last_at[d] = el
        for deeper in [k for k in last_at if k > d]:
            del last_at[deeper]


def _text_element(el: etree._Element, avoid: set[etree._Element]) -> etree._Element | None:
    """The element holding a comment's text: the innermost one with a comment-text class (several
    innermost ones: the smallest element holding them all), else the first with a generic name."""
    strong = [n for n in _own_nodes(el, avoid) if _TEXT_STRONG.search(classes(n))][:20]
    if strong:
        inner = [n for n in strong if not any(m is not n and n in set(m.iterancestors()) for m in strong)]
        if len(inner) == 1:
            return inner[0]
        holders = [n for n in strong if all(m is n or n in set(m.iterancestors()) for m in inner)]
        return holders[-1] if holders else el
    return _first(el, _TEXT_CLASS, avoid)


def _time_element(el: etree._Element, skip: set[etree._Element]) -> etree._Element | None:
    for node in _own_nodes(el, skip):
        if node.tag in ("time", "faceplate-timeago"):
            return node
    for node in _own_nodes(el, skip):
        if _TIME_CLASS.search(classes(node)) and _looks_like_time(node):
            return node
    return None


def _css_item(el: etree._Element, nested: set[etree._Element], parent: etree._Element | None) -> dict:
    skip = set(nested)
    for node in _own_nodes(el, nested):
        if _SKIP_CLASS.search(node.get("class") or ""):
            skip.add(node)
    if el.tag == "shreddit-comment":
        text_el = next((n for n in _own_nodes(el, skip) if n.get("slot") == "comment"), None)
        lines = text_lines(text_el, skip) if text_el is not None else []
        return {"el": el, "parent": parent, "author": clean(el.get("author") or "")[:80] or None,
                "posted": _time_of(_time_element(el, skip)), "text": "\n".join(lines)}
    author_el = _first(el, _AUTHOR_CLASS, skip)
    time_el = _time_element(el, skip | ({author_el} if author_el is not None else set()))
    avoid = skip | ({author_el} if author_el is not None else set())
    text_el = _text_element(el, avoid)
    if text_el is not None and author_el is not None and text_el in set(author_el.iterancestors()):
        text_el = None
    meta = {x for x in (author_el, time_el) if x is not None}
    if text_el is not None and any(text_el in set(m.iterancestors()) for m in meta):
        lines = text_lines(text_el, skip | meta)  # a wrapper holding the byline too: its text less byline
    elif text_el is not None:
        lines = text_lines(text_el, skip)
    else:
        lines = text_lines(el, skip | meta)
    lines = [ln for ln in lines if re.search(r"\w", ln) and not lexicon.chrome_kind(ln)
             and not _is_meta_line(ln, author_el, time_el)]
    if len(lines) >= 2 and lines[0].endswith(("…", "...")) and lines[1].startswith(lines[0].rstrip("…. ")):
        lines = lines[1:]  # a subject made of the text's first words (Drupal)
    author = el.get("data-author") or el.get("data-username") or el.get("data-comment-author") or None
    return {"el": el, "parent": parent, "author": clean(author)[:80] if author else _author_of(author_el),
            "posted": _time_of(time_el), "text": "\n".join(lines)}


def _is_meta_line(line: str, author_el: etree._Element | None, time_el: etree._Element | None) -> bool:
    """A line that only repeats the comment's author or time (a byline inside the text wrapper)."""
    for el in (author_el, time_el):
        if el is not None and line == clean(el.text_content()):
            return True
    return False


def _dl_comments(container: etree._Element) -> list[dict]:
    """Classic Blogger: ``dt.comment-author`` then ``dd.comment-body`` (+ ``dd.comment-footer``)."""
    out: list[dict] = []
    current: dict | None = None
    for node in container.iter("dt", "dd"):
        cls = node.get("class") or ""
        if node.tag == "dt":
            author = clean(node.text_content())
            author = re.sub(r"\s+(?:said|says|wrote)\s*\.{0,3}:?$", "", author, flags=re.I)
            current = {"el": node, "parent": None, "author": author[:80] or None, "posted": None, "text": ""}
            out.append(current)
        elif current is not None and "footer" in cls:
            current["posted"] = _time_of(node)
        elif current is not None:
            lines = [ln for ln in text_lines(node) if not lexicon.chrome_kind(ln)]
            current["text"] = "\n".join([current["text"], *lines]).strip()
        if len(out) >= MAX_COMMENTS:
            break
    return out


# -- a heading that announces the section ------------------------------------------------------
_HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6", "div", "span", "p", "strong", "b")
_HEADING_CLASS = re.compile(r"title|heading|header|count|label", re.I)
_CHROME_PARENTS = frozenset({"nav", "header", "footer", "aside", "form", "button", "a", "select"})


def _small(el: etree._Element, limit: int = 6) -> bool:
    """At most ``limit`` elements in ``el``'s subtree (checked without walking a big one)."""
    return sum(1 for _ in islice(el.iter(), limit + 1)) <= limit


def _heading_led(root: etree._Element) -> tuple[list[Comment], list[etree._Element]]:
    """A heading below the article reading "Responses (3)" / "12 Comments" / "Reader comments",
    and the blocks after it (up to the next section), read with the plain-text comment rules."""
    body = root.find("body")
    scope = body if body is not None else root
    h1 = scope.find(".//h1")
    after_h1 = h1 is None
    tries = 0
    for el in scope.iter():
        if el is h1:
            after_h1 = True
            continue
        if not after_h1 or not isinstance(el.tag, str) or el.tag not in _HEADING_TAGS:
            continue
        if el.tag in ("div", "span", "p", "strong", "b") and not _HEADING_CLASS.search(classes(el)) \
                and not (el.getparent() is not None and el.getparent().tag in ("h2", "h3", "h4", "h5", "h6")):
            continue
        if not _small(el) or any(a.tag in _CHROME_PARENTS for a in el.iterancestors()):
            continue
        text = clean(el.text_content())
        if not text or len(text) > 60:
            continue
        count = lexicon.comment_count(text)
        if count is None and not lexicon.is_comment_header(text):
            continue
        if lexicon.chrome_kind(text) or re.match(r"^(?:leave|post|add|write|submit)\b", text, re.I):
            continue  # a comment form's heading, not the comments
        tries += 1
        if tries > 20:
            break
        zone: list[etree._Element] = []
        anchor = el
        for _ in range(3):  # the heading's following siblings, or its parent's
            zone = [s for s in anchor.itersiblings() if isinstance(s.tag, str)]
            if zone:
                break
            anchor = anchor.getparent()
            if anchor is None or anchor is scope:
                break
        blocks = []
        for sib in zone:
            if sib.tag in ("footer", "nav", "aside", "form", "script", "style", "h1", "h2", "main", "article") \
                    or sib.find(".//h1") is not None or sib.find(".//article") is not None:
                break
            blocks.append(sib)
        lines = [ln for b in blocks for ln in text_lines(b)]
        if not lines:
            continue
        comments, _chrome = parse_comment_lines(lines, count)
        if not comments or (len(comments) < 2 and not any(c.author for c in comments)):
            continue
        if count is not None and len(comments) > 2 * count + 2:
            continue
        return comments[:MAX_COMMENTS], blocks
    return [], []


# -- the page ----------------------------------------------------------------------------------
def _build(items: list[dict]) -> list[Comment]:
    kept = [d for d in items if d["text"].strip()][:MAX_COMMENTS]
    index = {d["el"]: i for i, d in enumerate(kept)}
    comments = []
    for i, d in enumerate(kept):
        parent = index.get(d["parent"]) if d["parent"] is not None else None
        comments.append(Comment(index=i, author=d["author"] or None, posted=d["posted"] or None,
                                text=d["text"].strip(), reply_to=parent if parent is not None and parent < i else None))
    return comments


def _weight(comments: list[Comment]) -> int:
    return sum(len(c.text) for c in comments)


def find_comments(root: etree._Element, jsonld: list[object] | None = None) -> Found:
    """The comment section of a parsed page: the shape that reads the most comment text."""
    jsonld = jsonld_blocks(root) if jsonld is None else jsonld
    micro_items = _microdata(root)
    micro = _build(micro_items)
    micro_containers = _outer([d["el"] for d in micro_items])
    css_items, css_containers = _css_comments(root)
    css = _build(css_items)
    ld = _build(_jsonld_comments(jsonld))
    candidates = [(_weight(micro), 3, "microdata", micro, micro_containers),
                  (_weight(css), 2, "markup", css, css_containers),
                  (_weight(ld), 1, "json-ld", ld, [])]
    weight, _, shape, comments, containers = max(candidates, key=lambda c: (c[0], c[1]))
    if weight:
        # the containers of every shape that read comments are comment sections (not article text)
        sections = _outer([*micro_containers, *css_containers]) if micro or css else containers
        return Found(comments=comments, containers=sections, shape=shape)
    led, blocks = _heading_led(root)
    if led:
        return Found(comments=led, containers=blocks, shape="heading")
    return Found()


def extract_comments(root: etree._Element, jsonld: list[object] | None = None) -> list[Comment]:
    """The comments of a parsed page (see :func:`find_comments`)."""
    return find_comments(root, jsonld).comments


# -- comment widgets that load by script -------------------------------------------------------
#: (name, pattern on script URLs / element ids, classes and data attributes)
EMBEDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(p, re.I)) for name, p in (
    ("disqus", r"disqus\.com/embed\.js|\bdisqus_thread\b|\bdsq-"),
    ("coral", r"coral(?:project)?[\w.-]*/assets/js/embed\.js|\bcoral_thread\b|\bcoral-talk\b|Coral\.createStreamEmbed"),
    ("openweb", r"launcher\.spot\.im|\bspot\.im\b|data-spotim-module|\bspotim\b|openweb"),
    ("viafoura", r"viafoura|\bvf-conversations\b"),
    ("facebook", r"\bfb-comments\b|facebook\.com/plugins/comments"),
    ("commento", r"commento(?:\.io)?/js/commento\.js"),
    ("hyvor", r"talk\.hyvor\.com|\bhyvor-talk"),
    ("remark42", r"\bremark42\b"),
    ("utterances", r"utteranc\.es/client\.js"),
    ("giscus", r"giscus\.app/client\.js|\bgiscus\b"),
    ("isso", r"\bisso-thread\b|data-isso"),
    ("cusdis", r"\bcusdis_thread\b|cusdis\.com/js"),
    ("ghost", r"comments-ui(?:\.min)?\.js|data-ghost-comments"),
    ("graphcomment", r"\bgraphcomment\b"),
    ("vuukle", r"\bvuukle"),
    ("livefyre", r"\blivefyre"),
    ("talkyard", r"talkyard"),
))


def comment_embed(root: etree._Element) -> str | None:
    """The name of a comment widget the page loads by script (Disqus, Coral, OpenWeb…), if any.

    >>> import lxml.html
    >>> comment_embed(lxml.html.document_fromstring(
    ...     '<div id="disqus_thread"></div><script src="https://x.disqus.com/embed.js"></script>'))
    'disqus'
    """
    signals: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in ("script", "iframe"):
            signals.append(el.get("src") or "")
            if el.tag == "script" and el.text and len(el.text) < 20_000:
                signals.append(el.text)
        signals.append(classes(el))
        signals.extend(f"{k}={v}" for k, v in el.attrib.items() if k.startswith("data-"))
        if el.tag.startswith("vf-"):
            signals.append(el.tag)
    blob = "\n".join(s for s in signals if s)
    for name, pattern in EMBEDS:
        if pattern.search(blob):
            return name
    return None
