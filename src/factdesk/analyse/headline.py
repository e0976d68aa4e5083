"""Headline against body: does the body carry what the headline says, and is the headline hotter?

Support combines word overlap (the headline's content words and names found in the body) with
the best sentence-embedding similarity between the headline and a body sentence (MiniLM, when an
embedder is given). Sensationalism is the density of loaded words, intensifiers, clickbait
phrasing, capitals and exclamation marks, in the headline and in the body.

>>> from factdesk.models import Article
>>> a = Article(title="SHOCKING: Council DESTROYS Local Park!", paragraphs=["The council voted to close part of a park for repairs."])
>>> h = compare_headline(a)
>>> h["more_sensational_than_body"]
True
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from factdesk.analyse.comments import stem
from factdesk.analyse.phrases import STOPWORDS
from factdesk.analyse.textutil import normalise, sentences, words
from factdesk.models import Article

SENSATIONAL_RE = re.compile(
    r"\b(?:shocking|shock|stunning|stuns?|slams?|blasts?|destroys?|obliterates?|rips?|explodes?|chaos|meltdown|"
    r"outrage|outraged|furious|fury|bombshell|devastating|horrific|terrifying|insane|crazy|epic|massive|huge|"
    r"unbelievable|incredible|you won'?t believe|what happened next|must see|goes viral|breaking|disaster|"
    r"catastroph\w*|crisis|war on|attack on|exposed?|brutal|evil|radical|scandal|humiliat\w*|savage\w*|"
    r"ever|never|always|worst|best|totally|completely|absolutely|finally)\b",
    re.IGNORECASE,
)


def _content(text: str) -> set[str]:
    return {stem(t.lower()) for t in words(text) if t.lower() not in STOPWORDS and len(t) > 2}


def sensational_score(text: str) -> dict[str, Any]:
    """Sensational markers per word (0-1, capped) and which markers were found."""
    toks = words(text)
    n = max(1, len(toks))
    hits = [m.group(0) for m in SENSATIONAL_RE.finditer(text)]
    caps = [t for t in toks if len(t) > 3 and t.isupper()]
    bangs = text.count("!")
    questions = 1 if normalise(text).strip().endswith("?") else 0
    raw = (len(hits) + len(caps) + 2 * bangs + questions) / n
    return {"score": round(min(1.0, raw * 3), 4), "markers": hits + caps + (["!"] * bangs) + (["?"] * questions)}


def compare_headline(article: Article, embedder: Any = None) -> dict[str, Any]:
    """Support and sensationalism of the headline against the body (see module docstring)."""
    title = normalise(article.title)
    body = normalise(article.body)
    head_words = _content(title)
    body_words = _content(body)
    overlap = len(head_words & body_words) / len(head_words) if head_words else 0.0
    missing = sorted(t for t in (w for w in words(title) if w.lower() not in STOPWORDS and len(w) > 2)
                     if stem(t.lower()) not in body_words)
    best_sim, best_sentence = None, None
    sents = sentences(body)
    if embedder is not None and sents and title:
        # only the sentences that share most words with the headline are embedded (cheap on CPU)
        ranked = sorted(sents, key=lambda s: -len(_content(s) & head_words))[:6]
        sents = ranked
        vecs = embedder.encode([title] + ranked)
        sims = vecs[1:] @ vecs[0]
        k = int(np.argmax(sims))
        best_sim, best_sentence = round(float(sims[k]), 4), sents[k]
    if best_sim is None:
        support = overlap
    else:
        support = 0.5 * overlap + 0.5 * max(0.0, best_sim)
    label = "supported" if support >= 0.6 else "partly supported" if support >= 0.35 else "not supported"
    head_s = sensational_score(title)
    body_s = sensational_score(body)
    more = head_s["score"] > body_s["score"] + 0.1
    text = f"The body {'supports' if label == 'supported' else 'partly supports' if label == 'partly supported' else 'does not support'} the headline"
    if missing:
        text += f" (headline words not in the body: {', '.join(missing[:6])})"
    text += "; the headline is " + ("more sensational than the body" if more else "no more sensational than the body")
    if head_s["markers"]:
        text += f" (markers: {', '.join(head_s['markers'][:6])})"
    return {
        "support": label,
        "support_score": round(support, 4),
        "word_overlap": round(overlap, 4),
        "headline_words_missing_from_body": missing,
        "best_matching_sentence": best_sentence,
        "embedding_similarity": best_sim,
        "headline_sensationalism": head_s["score"],
        "body_sensationalism": body_s["score"],
        "headline_markers": head_s["markers"],
        "more_sensational_than_body": more,
        "text": text + ".",
    }
