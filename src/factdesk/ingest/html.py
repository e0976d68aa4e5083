"""An HTML page → ``Article``: main text and metadata with trafilatura, comments from the markup.

Parsing is bounded and offline: lxml's HTML parser with no network access, no huge-tree mode
(libxml2 caps nesting depth and node sizes), processing instructions and HTML comments dropped;
the page must already be within ``[ingest] max_input_bytes`` (the caller checks). trafilatura gets a
copy of the tree and a ``max_tree_size`` cap.

What this layer adds to trafilatura, and the rule it keeps: the body and the comments are never
*less* than what trafilatura alone returns for the page.

* comment sections read from their markup (:mod:`factdesk.ingest.comments`: authors, dates,
  threads), merged with the comment text trafilatura finds;
* a title checked against the page's visible headline (site-name suffixes dropped);
* short bylines, datelines and page chrome the extractor kept moved to ``Article.chrome``;
* a comment section written without any comment markup, read from the text below a count line.

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
import re
from itertools import islice
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from factdesk.errors import InputError
from factdesk.ingest import lexicon
from factdesk.ingest.comments import (
    MAX_COMMENTS,
    MAX_JSONLD_CHARS,
    MAX_JSONLD_DEPTH,
    clean,
    extract_comments,
    find_comments,
    jsonld_blocks,
    name_of,
    text_lines,
    walk_json,
)
from factdesk.ingest.page_text import (
    is_prose,
    parse_comment_lines,
    split_page,
    valid_unicode,
    word_count,
)
from factdesk.models import Article, Comment

__all__ = ["article_from_html", "parse_html", "page_text_lines", "extract_comments", "MAX_TREE_SIZE",
           "MAX_COMMENTS", "MAX_JSONLD_CHARS", "MAX_JSONLD_DEPTH"]

#: elements trafilatura may look at (bigger trees are refused by it, not parsed forever)
MAX_TREE_SIZE = 300_000
#: body words (scripts without spaces counted by characters) below which a page has no article
MIN_BODY_WORDS = 15
#: more comments than this in the markup: the article is extracted with the comment sections cut out
FLOOD_COMMENTS = 300


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


def page_text_lines(root: lxml.html.HtmlElement) -> list[str]:
    """All visible text of a page, one line per block element (the fallback when extraction fails)."""
    body = root.find("body")
    return text_lines(body if body is not None else root)


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
        for obj in walk_json(block):
            types = obj.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.endswith(("Article", "BlogPosting", "Report")) for t in types):
                return obj
    return {}


_LINK_BLOCKS = frozenset({"p", "li", "blockquote", "td", "dd", "figcaption", "h2", "h3", "h4", "h5", "h6", "div",
                          "section", "article"})
_OUTSIDE = frozenset({"nav", "header", "footer", "aside", "form", "menu"})


def _body_links(root: etree._Element, paragraphs: list[str], base: str | None) -> list[str]:
    """The URLs the body cites (absolute, http/https, in page order): links whose paragraph made it
    into the body, or whose own text is in the body and which sit in no navigation, header, footer,
    aside or form. (Read from the page, not from trafilatura's link output: asking trafilatura for
    links changes its text — it splits paragraphs at links and drops the space after them.)"""
    body_text = _norm(" \n ".join(paragraphs))
    if not body_text:
        return []
    squashed = _squash(body_text)
    seen: dict[str, None] = {}
    scope = root.find("body")
    for a in (scope if scope is not None else root).iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue
        anchor = _norm(clean(a.text_content()))
        if len(anchor) < 2 or anchor not in body_text:
            continue
        block = next((b for b in a.iterancestors() if b.tag in _LINK_BLOCKS), None)
        block_text = _norm(clean(block.text_content()))[:5000] if block is not None and _small_text(block) else ""
        in_body = len(block_text) >= max(20, 2 * len(anchor)) and _squash(block_text) in squashed
        if not in_body and (word_count(anchor) < 3 or any(x.tag in _OUTSIDE for x in a.iterancestors())):
            continue
        url = urljoin(base, href) if base else href
        if urlsplit(url).scheme in ("http", "https"):
            seen.setdefault(url, None)
    return list(seen)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _small_text(el: etree._Element) -> bool:
    return sum(1 for _ in islice(el.iter(), 200)) < 200


# -- trafilatura's XML → text --------------------------------------------------------------------
#: elements of trafilatura's output that run inside a line (everything else breaks words apart)
_INLINE = frozenset({"hi", "ref", "del", "span", "b", "i", "em", "strong", "a", "sub", "sup", "u", "s", "code"})


def xml_text(el: etree._Element) -> str:
    """The text of one element of trafilatura's output: inline markup joined as written (no space
    is invented at a link's edge), line breaks, cells and items kept apart by a space."""
    parts: list[str] = []
    stack: list[tuple[etree._Element, bool]] = [(el, False)]
    while stack:
        node, closing = stack.pop()
        inline = node.tag in _INLINE
        if closing:
            if not inline:
                parts.append(" ")
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if not inline:
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        stack.append((node, True))
        for child in reversed([c for c in node if isinstance(c.tag, str)]):
            stack.append((child, False))
    return clean("".join(parts))


def _lines_of(el: etree._Element) -> list[str]:
    """An element's text as paragraphs: text written as ``<br><br>``-separated blocks (trafilatura's
    ``<lb/>``) is one paragraph per block; a single line break stays inside its paragraph."""
    if el.find(".//lb") is None:
        text = xml_text(el)
        return [text] if text else []
    marker = "\u2029"
    work = copy.deepcopy(el)
    for lb in work.iter("lb"):
        lb.tail = marker + (lb.tail or "")
    parts: list[str] = []
    stack: list[tuple[etree._Element, bool]] = [(work, False)]
    while stack:  # the same walk as xml_text, keeping the markers
        node, closing = stack.pop()
        inline = node.tag in _INLINE
        if closing:
            if not inline:
                parts.append(" ")
            if node is not work and node.tail:
                parts.append(node.tail)
            continue
        if not inline:
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        stack.append((node, True))
        for child in reversed([c for c in node if isinstance(c.tag, str)]):
            stack.append((child, False))
    blocks = re.split(rf"{marker}[^\S{marker}]*{marker}[{marker}\s]*", "".join(parts))
    return [t for t in (clean(b.replace(marker, " ")) for b in blocks) if t]


def _paragraphs(body: etree._Element | None, title: str | None) -> list[str]:
    if body is None:
        return []
    out: list[str] = []
    for child in body:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "list":
            items = [xml_text(i) for i in child if isinstance(i.tag, str)]
            out.extend(i for i in items if i)
            continue
        lines = [xml_text(child)] if child.tag == "table" else _lines_of(child)
        for text in lines:
            if child.tag == "head" and title and text.casefold() == title.casefold():
                continue
            out.append(text)
    return out


# -- the title ---------------------------------------------------------------------------------
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‚": "'", "`": "'", "“": '"', "”": '"', "„": '"', "«": '"',
                         "»": '"', "–": "-", "—": "-", "\u00a0": " "})
_TITLE_SEP = re.compile(r"\s+(?:[|•·»›:]|::|[-–—]{1,2})\s+|\s*[｜|]\s*|\s*[：:]\s*(?=\S)")
_HEADLINE_CLASS = re.compile(r"(?:^|[\s_-])(?:headline|entry-title|article-title|post-title|story-title|"
                             r"article__title|article-headline|content-title|page-title)(?:$|[\s_-])", re.I)


_SEPARATORS = "|-:·•»›：｜/"


def _key(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split())


def _headlines(root: etree._Element) -> list[str]:
    """The page's visible headline candidates: its ``<h1>``s, elements marked as the headline."""
    out: list[str] = []
    body = root.find("body")
    scope = body if body is not None else root
    for el in scope.iter("h1"):
        out.append(clean(el.text_content()))
        if len(out) >= 5:
            break
    for el in scope.iter():
        if len(out) >= 10:
            break
        if isinstance(el.tag, str) and el.tag in ("h2", "h3", "div", "span", "p", "header") and (
                el.get("itemprop") == "headline" or _HEADLINE_CLASS.search(el.get("class") or "")):
            if len(el) <= 5:
                out.append(clean(el.text_content()))
    return [h for h in dict.fromkeys(out) if h and len(h) <= 300]


def _site_names(root: etree._Element, meta: dict, url: str | None) -> set[str]:
    names: set[str] = set()
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or "").lower()
        if key in ("og:site_name", "application-name", "twitter:site", "publisher", "apple-mobile-web-app-title"):
            names.add(_key((m.get("content") or "").lstrip("@")))
    publisher = name_of(meta.get("publisher")) if meta else None
    if publisher:
        names.add(_key(publisher))
    hosts = [url or ""] + [m.get("content") or "" for m in root.iter("meta") if m.get("property") == "og:url"]
    hosts += [link.get("href") or "" for link in root.iter("link") if (link.get("rel") or "").lower() == "canonical"]
    for h in hosts:
        host = (urlsplit(h).hostname or "") if "://" in h else ""
        labels = [p for p in host.split(".") if p not in ("www", "m", "amp", "com", "org", "net", "co", "uk", "de")]
        if labels:
            names.add(labels[0])
    return {n for n in names if n}


def _matches_site(part: str, sites: set[str]) -> bool:
    k = _key(part)
    squashed = re.sub(r"[^\w]", "", k)
    return any(len(s) >= 3 and (s in k or (len(k) >= 3 and k in s) or re.sub(r"[^\w]", "", s) in squashed)
               for s in sites)


def choose_title(candidate: str, root: etree._Element, meta: dict, url: str | None) -> str:
    """The article's title: the extractor's ``candidate`` when the page shows it; the visible
    headline when the candidate is that headline plus a site name; else the candidate less a
    site-name prefix or suffix ("Headline | Site", "Site: Headline")."""
    candidate = clean(candidate)
    heads = _headlines(root)
    if not candidate:
        return heads[0] if heads else ""
    ck = _key(candidate)
    for h in heads:
        hk = _key(h)
        if hk == ck:
            return h
    sites = _site_names(root, meta, url)
    for h in heads:
        hk = _key(h)
        if len(hk) < 12 or len(hk) < 0.3 * len(ck) or _matches_site(h, sites):
            continue  # too short to be the headline, or the site's name in an <h1> logo
        if ck.startswith(hk):
            rest, edge = ck[len(hk):], ck[len(hk):].lstrip()[:1]
        elif ck.endswith(hk):
            rest, edge = ck[:-len(hk)], ck[:-len(hk)].rstrip()[-1:]
        else:
            continue
        # "Headline | Site", "Site: Headline": the rest is cut off by a separator and shorter than
        # the headline, or is the site
        rest = rest.strip(_SEPARATORS + " ")
        if (edge and edge in _SEPARATORS and len(rest) < len(hk)) or _matches_site(rest, sites):
            return h
    parts = [p for p in _TITLE_SEP.split(candidate) if p.strip()]
    if len(parts) > 1:
        keep = list(parts)
        while len(keep) > 1 and _matches_site(keep[-1], sites):
            keep.pop()
            while len(keep) > 1 and len(keep[-1].split()) <= 2 and word_count(keep[-1]) <= 2:
                keep.pop()  # section names between the headline and the site name ("» Local » News")
        while len(keep) > 1 and _matches_site(keep[0], sites):
            keep.pop(0)
        if len(keep) < len(parts):
            # re-cut the original string so the headline keeps its own punctuation
            first, last = keep[0], keep[-1]
            start = candidate.find(first)
            end = candidate.rfind(last) + len(last)
            if 0 <= start < end:
                return candidate[start:end].strip()
    return candidate


# -- the article -------------------------------------------------------------------------------
_TRAFILATURA_CONFIGS: dict[bool, object] = {}
#: above this many elements, trafilatura's second opinion (jusText, quadratic in the paragraphs) is
#: asked only for very short extractions: a page flooded with 5 000 one-line comments costs seconds
BIG_TREE = 10_000


def _trafilatura_config(big: bool = False):
    """trafilatura's own defaults, plus a tree-size cap and no guessed dates (only what the page
    states); for a big tree, its fallback extractors only below 100 characters (default 250)."""
    if big not in _TRAFILATURA_CONFIGS:
        from trafilatura.settings import use_config

        cfg = use_config()
        cfg.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
        cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
        cfg.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
        if big:
            cfg.set("DEFAULT", "MIN_EXTRACTED_SIZE", "100")
        _TRAFILATURA_CONFIGS[big] = cfg
    return _TRAFILATURA_CONFIGS[big]


def _extract(tree: etree._Element, url: str | None):
    import trafilatura

    big = sum(1 for _ in islice(tree.iter(), BIG_TREE + 1)) > BIG_TREE

    try:
        return trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=True,
            include_links=False,  # with links on, trafilatura splits paragraphs at each link
            include_tables=True,
            include_images=False,
            output_format="python",
            date_extraction_params={"extensive_search": False, "original_date": True},
            config=_trafilatura_config(big),
        )
    except (RecursionError, ValueError, TypeError, etree.LxmlError):
        return None


def _prunable(container: etree._Element, covered: int, capped: bool = False) -> bool:
    """A comment container may be cut out before extraction only when it is the comments: it does
    not hold the page's headline, and the comments read from the page (``covered`` characters)
    cover most of its text. A schema.org ``Comment`` is a comment by its own declaration, and a
    section that filled the comment cap (``capped``) is one by its size."""
    if container.tag in ("h1", "main", "article") or container.find(".//h1") is not None:
        return False
    if capped or "schema.org/comment" in (container.get("itemtype") or "").lower():
        return True
    text = clean(container.text_content())
    return not text or covered >= 0.5 * len(text) or len(text) <= 2 * covered + 400


def _without(root: etree._Element, elements: list[etree._Element]) -> etree._Element:
    """A copy of the page without ``elements`` (their tail text kept); linear in the page size."""
    targets = set(elements)
    positions = [i for i, el in enumerate(root.iter()) if el in targets]
    work = copy.deepcopy(root)
    nodes = list(work.iter())
    for i in reversed(positions):
        _drop(nodes[i])
    return work


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _drop(el: etree._Element) -> None:
    """Remove ``el`` from its tree, keeping its tail text (lxml would drop it with the element)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        # text the parser let through may hold characters lxml refuses to assign
        if prev is not None:
            prev.tail = _NOT_XML.sub("", (prev.tail or "") + el.tail)
        else:
            parent.text = _NOT_XML.sub("", (parent.text or "") + el.tail)
    parent.remove(el)


def _union(first: list[str], second: list[str]) -> list[str]:
    """``first``, with the paragraphs of ``second`` it lacks put back after their predecessor."""
    have = {_norm(p) for p in first}
    out = list(first)
    pos = 0
    for p in second:
        key = _norm(p)
        if key in have:
            pos = next((i + 1 for i, q in enumerate(out) if _norm(q) == key), pos)
            continue
        out.insert(pos, p)
        have.add(key)
        pos += 1
    return out


def _without_form_text(paragraphs: list[str], root: etree._Element) -> list[str]:
    """Drop paragraphs that are the text of a form (a newsletter sign-up, a comment form) and occur
    nowhere else on the page. A form wrapping the whole page (ASP.NET) is not one."""
    body = root.find("body")
    if body is None or body.find(".//form") is None:
        return paragraphs
    forms = [f for f in body.iter("form") if f.find(".//h1") is None and f.find(".//article") is None]
    form_set = set(forms)
    forms = [f for f in forms if not any(a in form_set for a in f.iterancestors())]
    texts = {f: _visible(f) for f in forms}
    forms = [f for f in forms if len(texts[f]) <= 3000]
    if not forms:
        return paragraphs
    inside = " \n ".join(texts[f] for f in forms)
    suspects = {p for p in paragraphs if _norm(p) in inside}
    if not suspects:
        return paragraphs
    total = len(_visible(body))
    if sum(len(texts[f]) for f in forms) > 0.25 * total:
        return paragraphs  # forms that hold a quarter of the page are its content
    outside = _visible(_without(root, forms))
    return [p for p in paragraphs if p not in suspects or _norm(p) in outside]


def _visible(el: etree._Element) -> str:
    """An element's visible text (no scripts, styles), whitespace-normalised and case-folded."""
    return _norm(" ".join(text_lines(el)))


def article_from_html(html: str | bytes, url: str | None = None, *, origin: str = "html") -> Article:
    """Extract the article of an HTML page: title, author, date, canonical URL, language, body
    paragraphs, the links cited in the body and the comment section.

    Raises ``InputError`` when the page has no article text.
    """
    root = parse_html(html, origin=origin)
    size = sum(1 for _ in root.iter())
    if size > MAX_TREE_SIZE:
        raise InputError(f"{origin}: page too large to read ({size} elements; at most {MAX_TREE_SIZE})")
    jsonld = jsonld_blocks(root)
    found = find_comments(root, jsonld)

    covered = sum(len(c.text) + len(c.author or "") + len(c.posted or "") for c in found.comments)
    capped = len(found.comments) >= MAX_COMMENTS
    sections = [c for c in found.containers if _prunable(c, covered, capped)]
    meta = _jsonld_article(jsonld)
    if sections and len(found.comments) > FLOOD_COMMENTS:
        # a huge comment section: the article is extracted without it (trafilatura would spend
        # seconds weighing thousands of comment paragraphs against it)
        doc = _extract(_without(root, sections), url)
        title = choose_title(getattr(doc, "title", None) or name_of(meta.get("headline")) or "", root, meta, url)
        extracted = _paragraphs(getattr(doc, "body", None), title)
    else:
        # trafilatura on the page as it is: what it alone returns is the floor for body and comments
        doc = _extract(copy.deepcopy(root), url)
        title = choose_title(getattr(doc, "title", None) or name_of(meta.get("headline")) or "", root, meta, url)
        extracted = _paragraphs(getattr(doc, "body", None), title)
        inside = " \n ".join(_visible(c) for c in sections)
        suspects = {p for p in extracted if _norm(p) in inside} if sections else set()
        if suspects:
            without = _without(root, sections)
            outside = _visible(without)
            base = [p for p in extracted if p not in suspects or _norm(p) in outside]
            if len(base) < len(extracted):
                # comment text got into the body: extract again without the comment sections, so
                # that comments never pass for the article; what the first run found outside them stays
                pruned = _extract(without, url)
                base = _union(_paragraphs(getattr(pruned, "body", None), title), base)
            extracted = base
    extracted = _without_form_text(extracted, root)
    paragraphs = list(extracted)

    tool_lines = _paragraphs(getattr(doc, "commentsbody", None), None)
    comments = _merge_comments(found.comments, tool_lines)
    tail_chrome: list[str] = []
    if found.comments and not found.containers:
        # comments known only from JSON-LD: their text may close the extracted body
        paragraphs = _strip_comment_tail(paragraphs, found.comments)
    elif not comments:
        paragraphs, comments, tail_chrome = _split_comment_tail(paragraphs)
    paragraphs, chrome, byline_author = _split_chrome(paragraphs)
    chrome += tail_chrome
    title = _headline_from_body(paragraphs, title)
    if sum(word_count(p) for p in paragraphs) < MIN_BODY_WORDS:
        try:
            return _fallback(root, url, origin, comments)
        except InputError:
            if not any(is_prose(p) or word_count(p) >= 5 for p in extracted):
                raise
            paragraphs = extracted  # the extractor's text is still the page's article, however short
    if not title:
        t = root.find(".//title")
        title = clean(t.text_content()) if t is not None else ""
    base = getattr(doc, "url", None) or url
    author = _clean_author(getattr(doc, "author", None) or name_of(meta.get("author")) or byline_author)
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
        links=_body_links(root, paragraphs, base),
        chrome=chrome,
        source_kind="html",
    )


def _clean(text: str) -> str:
    return clean(text)


def _headline_from_body(paragraphs: list[str], title: str) -> str:
    """A first extracted line shaped like a headline is the title when the page's own is missing,
    shorter, or that line plus a site name; it leaves the body then."""
    if len(paragraphs) > 1 and not is_prose(paragraphs[0]) and word_count(paragraphs[0]) <= 20 \
            and not lexicon.chrome_kind(paragraphs[0]):
        head = paragraphs[0]
        if head.casefold() == title.casefold():
            paragraphs.pop(0)
        elif head.casefold() in title.casefold() and word_count(head) >= 3:
            paragraphs.pop(0)
            return head
        elif word_count(title) < 3 and word_count(head) >= 3:
            paragraphs.pop(0)
            return head
    return title


def _clean_author(author: str | None) -> str | None:
    """Drop date fragments an extractor left in an author string ("Omar Haddad · July" → "Omar Haddad")."""
    if not author:
        return None
    author = _clean(author)
    parts = [p.strip() for p in re.split(r"\s+[·|•–—]\s+|\s*[·|•]\s*", author) if p.strip()]
    keep = [p for p in parts if not re.search(r"\d", p)
            and not all(w.lower().strip(".,") in lexicon.MONTH_NAMES for w in p.split())]
    return ", ".join(keep) or None


# -- comments: markup + extractor -----------------------------------------------------------------
def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _merge_comments(marked: list[Comment], tool_lines: list[str]) -> list[Comment]:
    """The comments read from the markup, plus every comment line trafilatura found that they do
    not already hold (so the section is never less than the extractor's); with no markup, the
    extractor's comment lines read with the plain-text comment rules (author / time lines)."""
    if not tool_lines:
        return marked
    base = marked
    if not marked:
        base, _chrome = parse_comment_lines(tool_lines)
    covered = _covered_words(base)
    blob = _norm(" \n ".join(f"{c.author or ''} {c.posted or ''} {c.text}" for c in base))
    extra = [ln for ln in tool_lines if _uncovered(ln, blob, covered)]
    if not base:
        return [Comment(index=i, text=ln) for i, ln in enumerate(extra[:MAX_COMMENTS])]
    if not extra:
        return base
    return _renumber([*base, *(Comment(index=0, text=ln) for ln in extra)])


_TOKEN = re.compile(r"\w+")


def _covered_words(comments: list[Comment]) -> set[str]:
    return {w.casefold() for c in comments for part in (c.author, c.posted, c.text) if part
            for w in _TOKEN.findall(part)}


def _uncovered(line: str, blob: str, covered: set[str]) -> bool:
    """A comment line the comments read so far do not hold: running text (not a count, heading,
    form note, action, author or time line), most of whose words are new."""
    key = _norm(line).rstrip("….").strip()
    if not key or key in blob:
        return False
    if lexicon.chrome_kind(line) or lexicon.comment_count(line) is not None or lexicon.is_comment_header(line):
        return False
    if lexicon.comment_author(line) or lexicon.relative_or_absolute_time(line):
        return False
    words = [w.casefold() for w in _TOKEN.findall(line) if not w.isdigit()]
    if not words:
        return False
    new = sum(1 for w in words if w not in covered) / len(words)
    return new >= 0.5 and (is_prose(line) or word_count(line) >= 2)


def _renumber(comments: list[Comment]) -> list[Comment]:
    comments = comments[:MAX_COMMENTS]
    return [c.model_copy(update={"index": i}) for i, c in enumerate(comments)]


def _strip_comment_tail(paragraphs: list[str], comments: list[Comment]) -> list[str]:
    """Drop comment text the extractor left at the end of the body (a section it did not know)."""
    covered = _norm(" \n ".join(f"{c.author or ''} {c.posted or ''} {c.text}" for c in comments))
    end = len(paragraphs)
    while end > 1:
        p = paragraphs[end - 1]
        if _norm(p) in covered or lexicon.chrome_kind(p) or lexicon.comment_count(p) is not None \
                or lexicon.is_comment_header(p):
            end -= 1
            continue
        break
    if end == len(paragraphs) or not any(_norm(p) in covered for p in paragraphs[end:]):
        return paragraphs
    return paragraphs[:end]


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
        short = word_count(text) <= 12
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
    skip = set(find_comments(root).containers) if comments else set()
    skip = {c for c in skip if c.find(".//h1") is None}
    lines = text_lines(body if body is not None else root, skip)
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
