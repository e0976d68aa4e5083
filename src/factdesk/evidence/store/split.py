"""Documents → sentence-level passages (the unit of evidence).

A fast rule-based splitter (the embedder is the import bottleneck; a heavier segmenter would halve
throughput). It keeps abbreviations ("Dr.", "U.S.", "e.g."), initials ("J. K. Rowling"), decimals
("3.5") and ellipses inside sentences.

>>> passage_sentences("Dr. Smith paid $3.5 million. The U.S. agreed! Really?")
['Dr. Smith paid $3.5 million.', 'The U.S. agreed!', 'Really?']
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from factdesk.models import Document, Passage

#: lower-cased tokens (without the final dot) after which a dot does not end a sentence
ABBREVIATIONS: frozenset[str] = frozenset(
    """mr mrs ms dr prof sr jr st mt ft gen gov sen rep col lt sgt capt cmdr adm rev hon pres supt
    vs etc e.g i.e cf al approx ca inc ltd co corp bros dept univ assn est fig figs no nos vol vols
    ed eds pp p jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u d.c a.m p.m
    ph.d b.a m.a m.d u.s.a n.y l.a op cit ibid""".split()
)

# candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace
_BOUNDARY = re.compile(r"""([.!?…]+["'”’)\]]*)(\s+)(?=["'“‘(\[]?[A-Z0-9À-Ý])""")
_LAST_TOKEN = re.compile(r"(\S+)$")
_WS = re.compile(r"\s+")

MAX_SENTENCE_CHARS = 1500
MIN_SENTENCE_CHARS = 3


def _is_abbreviation(before: str) -> bool:
    m = _LAST_TOKEN.search(before)
    if not m:
        return False
    token = m.group(1).lstrip("\"'“‘([").lower()
    if token.endswith("."):
        token = token[:-1]
    if token in ABBREVIATIONS:
        return True
    # single-letter initials ("J." in "J. K. Rowling") and dotted acronyms ("U.S.A")
    return len(token) == 1 and token.isalpha() or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token))


def passage_sentences(text: str) -> list[str]:
    """Split a paragraph or document into sentences (whitespace normalised)."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n|\r\n\s*\r\n", text):
        para = _WS.sub(" ", para).strip()
        if not para:
            continue
        start = 0
        for m in _BOUNDARY.finditer(para):
            end = m.end(1)
            if m.group(1) == "." and _is_abbreviation(para[start:end]):
                continue
            out.append(para[start:end].strip())
            start = m.end()
        out.append(para[start:].strip())
    return [s for piece in out for s in _cap(piece) if len(s) >= MIN_SENTENCE_CHARS]


def _cap(sentence: str) -> Iterator[str]:
    """Very long 'sentences' (tables, lists without punctuation) are cut at word boundaries."""
    while len(sentence) > MAX_SENTENCE_CHARS:
        cut = sentence.rfind(" ", 0, MAX_SENTENCE_CHARS)
        cut = cut if cut > MAX_SENTENCE_CHARS // 2 else MAX_SENTENCE_CHARS
        yield sentence[:cut].strip()
        sentence = sentence[cut:].strip()
    if sentence:
        yield sentence


def content_hash(doc: Document) -> str:
    """Hash of everything stored about a document; a changed hash means the document is replaced."""
    h = hashlib.sha256()
    for part in (doc.url, doc.title, doc.text, doc.published, doc.source, doc.publisher):
        h.update(b"\x00" + (part or "").encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


def passage_id(doc_id: str, position: int) -> str:
    return f"{doc_id}#{position}"


def split_document(doc: Document, *, context_chars: int = 240) -> list[Passage]:
    """Split a document into passages that keep its metadata, position and a little context.

    >>> ps = split_document(Document(id="d1", text="A is B. C is D. E is F."))
    >>> [(p.id, p.text) for p in ps]
    [('d1#0', 'A is B.'), ('d1#1', 'C is D.'), ('d1#2', 'E is F.')]
    >>> ps[1].context
    'A is B. C is D. E is F.'
    """
    sentences = passage_sentences(doc.text)
    passages = []
    for i, sent in enumerate(sentences):
        prev = sentences[i - 1] if i > 0 else ""
        nxt = sentences[i + 1] if i + 1 < len(sentences) else ""
        context = " ".join(s for s in (prev[-context_chars:], sent, nxt[:context_chars]) if s)
        passages.append(
            Passage(
                id=passage_id(doc.id, i),
                doc_id=doc.id,
                text=sent,
                url=doc.url,
                title=doc.title,
                published=doc.published,
                source=doc.source,
                publisher=doc.publisher,
                position=i,
                context=context,
            )
        )
    return passages
