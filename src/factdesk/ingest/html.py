"""An HTML page → ``Article``: main text and metadata with trafilatura, comments from the markup.

Parsing is bounded and offline: lxml's HTML parser with no network access, no huge-tree mode
(libxml2 caps nesting depth and node sizes), processing instructions and HTML comments dropped;
the page must already be within ``Config.max_input_bytes`` (the caller checks). trafilatura gets a
copy of the tree and a ``max_tree_size`` cap.

Comment sections are read from the common shapes: schema.org ``Comment`` (microdata and JSON-LD),
WordPress (``ol.commentlist > li.comment`` with ``.comment-author`` / ``.comment-content``),
Disqus-like ``#comments`` containers, ``section.comments article`` and ``.comment`` items.

>>> html = ('<html lang="en"><head><title>Rates | Daily</title></head><body><article>'
...         '<h1>Central Bank Holds Rates</h1><p>The central bank left its main rate at 4 percent on '
...         'Thursday, citing slower inflation and a cooling labour market across the region.</p>'
...         '</article></body></html>')
>>> art = article_from_html(html)
>>> art.title, len(art.paragraphs), art.language
('Central Bank Holds Rates', 1, 'en')
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from factdesk.errors import InputError
from factdesk.ingest import lexicon
from factdesk.ingest.page_text import is_prose, parse_comment_lines, split_page, strip_controls, valid_unicode
from factdesk.models import Article, Comment

#: elements trafilatura may look at (bigger trees are refused by it, not parsed forever)
MAX_TREE_SIZE = 300_000
#: a JSON-LD block larger than this is ignored
MAX_JSONLD_CHARS = 1_000_000
#: JSON-LD nesting followed at most this deep
MAX_JSONLD_DEPTH = 40
#: comments read from one page at most
MAX_COMMENTS = 5000

#: class/id tokens that name a comment section (whole tokens: "comments-open" on an article is not one)
_CONTAINER_TOKENS = frozenset({
    "comments", "comment-list", "commentlist", "comments-list", "comments-area", "comment-section",
    "comments-section", "comment-thread", "comments-thread", "disqus_thread", "reader-comments", "user-comments",
    "comments-container", "comments-wrapper", "comments-block", "article-comments", "post-comments",
    "discussion", "leserkommentare", "kommentare", "commentaires", "comentarios", "commenti", "reacties",
})


def _is_container(el: etree._Element) -> bool:
    tokens = f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()
    return any(t in _CONTAINER_TOKENS for t in tokens)


_ITEM_CLASS = re.compile(r"(?:^|\s)(?:comment|comment-item|single-comment|comment-entry|js-comment|post-comment|"
                         r"c-comment|comments__item|comment-list__item|kommentar|commentaire|comentario)(?:$|\s)", re.I)
_AUTHOR_CLASS = re.compile(r"(?:^|[\s_-])(?:comment-author|author|fn|username|user-name|user|commenter|"
                           r"comment-user|nickname|name)(?:$|[\s_-])", re.I)
_TIME_CLASS = re.compile(r"(?:^|[\s_-])(?:comment-date|comment-time|date|time|timestamp|published|"
                         r"comment-metadata|commentmetadata|comment-meta)(?:$|[\s_-])", re.I)
_TEXT_CLASS = re.compile(r"(?:^|[\s_-])(?:comment-content|comment-text|comment-body|comment__body|comment__text|"
                         r"content|text|message|body|entry)(?:$|[\s_-])", re.I)
_SKIP_CLASS = re.compile(r"(?:^|[\s_-])(?:reply|comment-reply-link|actions|comment-actions|toolbar|vote|votes|"
                         r"likes|report|share|avatar|children|replies)(?:$|[\s_-])", re.I)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "form", "button", "svg", "template", "iframe", "select",
                        "textarea", "input", "nav", "img", "video", "audio", "object", "embed"})
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "blockquote", "section", "article", "h1", "h2", "h3", "h4",
                         "h5", "h6", "pre", "tr", "dd", "dt", "header", "footer", "figcaption", "ul", "ol"})


# -- parsing -----------------------------------------------------------------------------------
def _parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(
        recover=True,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        compact=True,
        default_doctype=False,
    )


def parse_html(html: str | bytes, *, origin: str = "html") -> lxml.html.HtmlElement:
    """Parse HTML safely (no network, bounded depth); raise ``InputError`` if nothing parses."""
    if isinstance(html, str):
        html = valid_unicode(html)
        # lxml refuses str with an XML encoding declaration; a declaration is meaningless for str
        html = re.sub(r"^\s*<\?xml[^>]{0,300}\?>", "", html[:1000]) + html[1000:]
        html = html.replace("\x00", "")
    try:
        root = lxml.html.document_fromstring(html, parser=_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"{origin}: not readable HTML ({exc})") from None
    if root is None:
        raise InputError(f"{origin}: not readable HTML (empty document)")
    return root


# -- text helpers ------------------------------------------------------------------------------
def _classes(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def _clean(text: str) -> str:
    return " ".join(strip_controls(text).split())


def _text_lines(el: etree._Element, skip: set[etree._Element] | None = None) -> list[str]:
    """Visible text of ``el`` as lines (one per block), skipping scripts, forms and ``skip`` subtrees."""
    skip = skip or set()
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = _clean("".join(buf))
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


def page_text_lines(root: lxml.html.HtmlElement) -> list[str]:
    """All visible text of a page, one line per block element (the fallback when extraction fails)."""
    body = root.find("body")
    return _text_lines(body if body is not None else root)


# -- comments ----------------------------------------------------------------------------------
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
        if pattern.search(_classes(node)):
            return node
    return None


def _nested_items(items: list[etree._Element]) -> dict[etree._Element, set[etree._Element]]:
    """For each item, the items directly nested in it (its nearest item descendants).

    Skipping those subtrees whole skips every deeper item too; the pass is items × depth (≤ 255).
    """
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
        return _clean(t.get("datetime"))[:64]
    text = _clean(el.text_content())[:120]
    return lexicon.date_of(text) or lexicon.relative_or_absolute_time(text) or (text or None)


def _looks_like_time(el: etree._Element) -> bool:
    text = _clean(el.text_content())[:120]
    return bool(text) and bool(lexicon.date_of(text) or lexicon.relative_or_absolute_time(text)
                               or re.search(r"\d{1,2}[:.]\d{2}", text))


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
    text = _clean(name.text_content())
    text = re.sub(r"\s+(?:says|said|wrote|schreibt|a écrit|dice|dit)\s*:?$", "", text, flags=re.I)
    return text[:80] or None


def _structured_items(root: etree._Element) -> Iterator[dict]:
    """schema.org Comment in microdata."""
    items = [el for el in root.iter() if isinstance(el.tag, str)
             and "schema.org/comment" in (el.get("itemtype") or "").lower()][:MAX_COMMENTS]
    nested_of = _nested_items(items)
    for el in items:
        nested = nested_of[el]

        def prop(names: tuple[str, ...]) -> etree._Element | None:
            for node in _own_nodes(el, nested):
                if (node.get("itemprop") or "") in names:
                    return node
            return None

        author_el = prop(("author", "creator"))
        author = None
        if author_el is not None:
            name = author_el.find(".//*[@itemprop='name']")
            author = _clean((name if name is not None else author_el).text_content()) or author_el.get("content")
        time_el = prop(("dateCreated", "datePublished", "commentTime", "dateModified"))
        posted = None
        if time_el is not None:
            posted = _clean(time_el.get("datetime") or time_el.get("content") or time_el.text_content())[:64]
        text_el = prop(("text", "commentText", "description"))
        lines = _text_lines(text_el) if text_el is not None else _text_lines(el, skip=nested | {author_el, time_el} - {None})
        yield {"author": author or None, "posted": posted or None, "text": "\n".join(lines)}


def _walk_json(node: object, depth: int = 0) -> Iterator[dict]:
    if depth > MAX_JSONLD_DEPTH:
        return
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk_json(value, depth + 1)
    elif isinstance(node, list):
        for value in node[:10_000]:
            yield from _walk_json(value, depth + 1)


def _jsonld_blocks(root: etree._Element) -> list[object]:
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


def _name_of(value: object) -> str | None:
    if isinstance(value, str):
        return _clean(value)[:80] or None
    if isinstance(value, dict):
        return _name_of(value.get("name"))
    if isinstance(value, list) and value:
        return _name_of(value[0])
    return None


def _jsonld_items(blocks: list[object]) -> Iterator[dict]:
    for block in blocks:
        for obj in _walk_json(block):
            types = obj.get("@type")
            types = types if isinstance(types, list) else [types]
            if "Comment" in types:
                text = obj.get("text") or obj.get("commentText") or obj.get("description")
                if isinstance(text, str) and text.strip():
                    when = obj.get("dateCreated") or obj.get("datePublished")
                    yield {"author": _name_of(obj.get("author")),
                           "posted": _clean(when)[:64] or None if isinstance(when, str) else None,
                           "text": strip_controls(text).strip()}


def _css_items(root: etree._Element) -> Iterator[dict]:
    """WordPress / Disqus-like / ``section.comments`` shapes, found by class and id names."""
    containers = [el for el in root.iter() if isinstance(el.tag, str) and el.tag not in ("body", "html")
                  and _is_container(el)]
    # outermost containers only
    container_set = set(containers)
    outer = [c for c in containers if not any(a in container_set for a in c.iterancestors())]
    for container in outer:
        items = [el for el in container.iterdescendants() if isinstance(el.tag, str)
                 and el.tag in ("li", "article", "div", "section") and _ITEM_CLASS.search(el.get("class") or "")]
        if not items:
            items = [el for el in container.iterdescendants("article")]
        if not items:
            lists = [el for el in container.iterdescendants("ol", "ul")]
            items = [li for lst in lists[:1] for li in lst if isinstance(li.tag, str) and li.tag == "li"]
        items = items[:MAX_COMMENTS]
        nested_of = _nested_items(items)
        for el in items:
            nested = nested_of[el]
            skip = set(nested)
            for node in _own_nodes(el, nested):
                if _SKIP_CLASS.search(node.get("class") or ""):
                    skip.add(node)
            author_el = _first(el, _AUTHOR_CLASS, skip)
            time_el = next((n for n in _own_nodes(el, skip) if n.tag == "time"), None)
            if time_el is None:
                time_el = _first(el, _TIME_CLASS, skip)
                if time_el is not None and not _looks_like_time(time_el):
                    time_el = None
            text_el = _first(el, _TEXT_CLASS, skip | ({author_el} if author_el is not None else set()))
            if text_el is not None and author_el is not None and text_el in set(author_el.iterancestors()):
                text_el = None
            exclude = skip | {x for x in (author_el, time_el) if x is not None}
            lines = _text_lines(text_el, skip) if text_el is not None else _text_lines(el, exclude)
            lines = [ln for ln in lines if not lexicon.chrome_kind(ln)]
            yield {"author": _author_of(author_el), "posted": _time_of(time_el), "text": "\n".join(lines)}


def extract_comments(root: etree._Element, jsonld: list[object] | None = None) -> list[Comment]:
    """The comment section of a parsed page (first shape that yields comments wins)."""
    jsonld = _jsonld_blocks(root) if jsonld is None else jsonld
    for finder in (lambda: _structured_items(root), lambda: _jsonld_items(jsonld), lambda: _css_items(root)):
        found = []
        for item in finder():
            if item["text"].strip():
                found.append(item)
            if len(found) >= MAX_COMMENTS:
                break
        if found:
            return [Comment(index=i, author=d["author"], posted=d["posted"], text=d["text"]) for i, d in enumerate(found)]
    return []


def _comment_containers(root: etree._Element) -> list[etree._Element]:
    found = [el for el in root.iter() if isinstance(el.tag, str) and el.tag not in ("body", "html")
             and (_is_container(el) or "schema.org/comment" in (el.get("itemtype") or "").lower())]
    found_set = set(found)
    outer = [c for c in found if not any(a in found_set for a in c.iterancestors())]
    # never a container that holds the page's headline: that is the article, not its comments
    return [c for c in outer if c.find(".//h1") is None]


# -- metadata ----------------------------------------------------------------------------------
def _language(root: etree._Element, fallback: str | None) -> str | None:
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        for meta in root.iter("meta"):
            key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
            if key in ("content-language", "og:locale", "language", "dc.language"):
                lang = meta.get("content")
                break
    lang = lang or fallback
    if not lang:
        return None
    code = re.split(r"[-_]", lang.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def _jsonld_article(blocks: list[object]) -> dict:
    for block in blocks:
        for obj in _walk_json(block):
            types = obj.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.endswith(("Article", "BlogPosting", "Report")) for t in types):
                return obj
    return {}


def _abs_links(body: etree._Element | None, base: str | None) -> list[str]:
    if body is None:
        return []
    seen: dict[str, None] = {}
    for ref in body.iter("ref"):
        target = (ref.get("target") or "").strip()
        if not target:
            continue
        url = urljoin(base, target) if base else target
        if urlsplit(url).scheme in ("http", "https"):
            seen.setdefault(url, None)
    return list(seen)


def _paragraphs(body: etree._Element | None, title: str | None) -> list[str]:
    if body is None:
        return []
    out: list[str] = []
    for child in body:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "list":
            items = [_clean(" ".join(i.itertext())) for i in child.iter("item")]
            out.extend(i for i in items if i)
            continue
        text = _clean(" ".join(child.itertext()))
        if not text:
            continue
        if child.tag == "head" and title and text.casefold() == title.casefold():
            continue
        out.append(text)
    return out


# -- the article -------------------------------------------------------------------------------
_TRAFILATURA_CONFIG = None


def _trafilatura_config():
    """trafilatura settings: a tree-size cap, no download settings used (we never let it fetch)."""
    global _TRAFILATURA_CONFIG
    if _TRAFILATURA_CONFIG is None:
        from trafilatura.settings import use_config

        cfg = use_config()
        cfg.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
        cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
        cfg.set("DEFAULT", "MIN_EXTRACTED_SIZE", "100")
        cfg.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")  # no guessed dates: only what the page states
        _TRAFILATURA_CONFIG = cfg
    return _TRAFILATURA_CONFIG


def article_from_html(html: str | bytes, url: str | None = None, *, origin: str = "html") -> Article:
    """Extract the article of an HTML page: title, author, date, canonical URL, language, body
    paragraphs, the links cited in the body and the comment section.

    Raises ``InputError`` when the page has no article text.
    """
    import trafilatura

    root = parse_html(html, origin=origin)
    size = sum(1 for _ in root.iter())
    if size > MAX_TREE_SIZE:
        raise InputError(f"{origin}: page too large to read ({size} elements; at most {MAX_TREE_SIZE})")
    jsonld = _jsonld_blocks(root)
    comments = extract_comments(root, jsonld)

    work = copy.deepcopy(root)
    for container in _comment_containers(work):
        parent = container.getparent()
        if parent is not None:
            parent.remove(container)
    try:
        doc = trafilatura.bare_extraction(
            work,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_links=True,
            include_tables=True,
            include_images=False,
            output_format="python",
            date_extraction_params={"extensive_search": False, "original_date": True},
            config=_trafilatura_config(),
        )
    except (RecursionError, ValueError, TypeError, etree.LxmlError):
        doc = None
    meta = _jsonld_article(jsonld)
    title = _clean(getattr(doc, "title", None) or _name_of(meta.get("headline")) or "")
    paragraphs = _paragraphs(getattr(doc, "body", None), title)
    paragraphs, tail_comments, tail_chrome = _split_comment_tail(paragraphs)
    if not comments:
        comments = tail_comments
    paragraphs, chrome, byline_author = _split_chrome(paragraphs)
    chrome += tail_chrome
    if paragraphs and len(paragraphs) > 1 and not is_prose(paragraphs[0]) and len(paragraphs[0].split()) <= 20:
        head = paragraphs.pop(0)  # a headline the extractor kept as text
        if len(title.split()) < 3 or head.casefold() in title.casefold():
            title = head
        elif head.casefold() != title.casefold():
            paragraphs.insert(0, head)
    if sum(len(p.split()) for p in paragraphs) < 15:
        return _fallback(root, url, origin, comments)
    if not title:
        t = root.find(".//title")
        title = _clean(t.text_content()) if t is not None else ""
    base = getattr(doc, "url", None) or url
    author = _clean_author(getattr(doc, "author", None) or _name_of(meta.get("author")) or byline_author)
    published = getattr(doc, "date", None) or (meta.get("datePublished") if isinstance(meta.get("datePublished"), str) else None)
    published = _clean(published)[:64] or None if published else None
    return Article(
        title=title,
        url=base,
        published=published,
        author=author,
        language=_language(root, getattr(doc, "language", None)),
        paragraphs=paragraphs,
        comments=comments,
        links=_abs_links(getattr(doc, "body", None), base),
        chrome=chrome,
        source_kind="html",
    )


def _clean_author(author: str | None) -> str | None:
    """Drop date fragments an extractor left in an author string ("Omar Haddad · July" → "Omar Haddad")."""
    if not author:
        return None
    author = _clean(author)
    parts = [p.strip() for p in re.split(r"\s+[·|•–—]\s+|\s*[·|•]\s*", author) if p.strip()]
    keep = [p for p in parts if not re.search(r"\d", p)
            and not all(w.lower().strip(".,") in lexicon.MONTH_NAMES for w in p.split())]
    return ", ".join(keep) or None


def _split_comment_tail(paragraphs: list[str]) -> tuple[list[str], list[Comment], list[str]]:
    """When the extracted text holds a comment count/heading below the article (markup without
    comment classes), what follows it is the comment section, read with the plain-text rules."""
    for k, text in enumerate(paragraphs):
        if k == 0 or len(text) > 80:
            continue
        count = lexicon.comment_count(text)
        if count is not None or lexicon.is_comment_header(text):
            comments, chrome = parse_comment_lines(paragraphs[k + 1:], count)
            return paragraphs[:k], comments, [text, *chrome]
    return paragraphs, [], []


def _split_chrome(paragraphs: list[str]) -> tuple[list[str], list[str], str | None]:
    """Move short chrome the extractor kept (bylines, datelines, "Advertisement", counts) out of the body."""
    body, chrome, author = [], [], None
    for text in paragraphs:
        short = len(text.split()) <= 12
        name = lexicon.byline(text) if short else None
        if short and (name or lexicon.is_dateline(text) or lexicon.chrome_kind(text)
                      or lexicon.comment_count(text) is not None):
            chrome.append(text)
            author = author or name
        else:
            body.append(text)
    return body, chrome, author


def _fallback(root: lxml.html.HtmlElement, url: str | None, origin: str, comments: list[Comment]) -> Article:
    """When the extractor finds no article: read the page's visible text with the plain-text rules.

    With comments already read from the markup, the comment containers are left out of the text.
    """
    body = root.find("body")
    skip = set(_comment_containers(root)) if comments else set()
    lines = _text_lines(body if body is not None else root, skip)
    if not lines:
        raise InputError(f"{origin}: no article found (the page has no visible text)")
    page = split_page("\n".join(lines), origin=origin)
    t = root.find(".//title")
    title = page.title or (_clean(t.text_content()) if t is not None else "")
    return Article(
        title=title,
        url=url,
        published=page.published,
        author=page.author,
        language=_language(root, None),
        paragraphs=page.paragraphs,
        comments=comments or page.comments,
        chrome=page.chrome,
        source_kind="html",
    )
