"""Loaded language and propaganda techniques (the SemEval-2020 Task 11 / PTC technique set).

A lexicon of word n-grams mined from the technique spans of the PTC training articles (each
n-gram kept with the technique it most often marks and its precision there), plus span rules:
phrase-level techniques (loaded language, name calling, …) keep the matched words, clause-level
ones (doubt, appeal to fear, causal oversimplification, …) widen to the sentence. With an embedder,
a sentence classifier (``techclf``) decides which sentences carry each technique. Mined by ``factdesk train propaganda`` (seeded,
held-out articles split by id), scored by ``factdesk eval propaganda``.

>>> det = TechniqueDetector.load()
>>> spans = det.detect("These radical thugs want to destroy our great nation.")
>>> sorted({s.technique for s in spans}) # doctest: +SKIP
['loaded_language', 'name_calling']
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factdesk.errors import ModelError
from factdesk.models import TechniqueSpan

MODEL_DIR = Path(__file__).resolve().parents[1] / "resources" / "models" / "analyse"
LEXICON_PATH = MODEL_DIR / "propaganda_lexicon.json"


@dataclass(frozen=True)
class Technique:
    key: str
    label: str
    explanation: str
    clause: bool  # spans widen to the sentence


#: PTC technique name -> how factdesk names and explains it.
TECHNIQUES: dict[str, Technique] = {
    "Loaded_Language": Technique("loaded_language", "Loaded language",
        "emotionally charged words that push a feeling rather than describe", False),
    "Name_Calling,Labeling": Technique("name_calling", "Name calling / labelling",
        "a label that makes the reader love or hate someone instead of weighing what they did", False),
    "Repetition": Technique("repetition", "Repetition",
        "the same phrase repeated so that it sticks", False),
    "Exaggeration,Minimisation": Technique("exaggeration", "Exaggeration / minimisation",
        "something made larger or smaller than the facts support", False),
    "Doubt": Technique("doubt", "Doubt",
        "questions someone's credibility without showing evidence", True),
    "Appeal_to_fear-prejudice": Technique("appeal_to_fear", "Appeal to fear / prejudice",
        "seeks support by stoking fear or prejudice against an alternative", True),
    "Flag-Waving": Technique("flag_waving", "Flag-waving",
        "leans on national or group pride to justify a position", True),
    "Causal_Oversimplification": Technique("causal_oversimplification", "Causal oversimplification",
        "one cause given for an outcome that has many", True),
    "Slogans": Technique("slogan", "Slogan",
        "a short, striking phrase standing in for an argument", False),
    "Appeal_to_Authority": Technique("appeal_to_authority", "Appeal to authority",
        "a claim presented as true only because an authority said it", True),
    "Black-and-White_Fallacy": Technique("black_and_white", "Black-and-white fallacy",
        "two options presented as the only ones possible", True),
    "Thought-terminating_Cliches": Technique("thought_terminating_cliche", "Thought-terminating cliché",
        "a stock phrase that discourages further thought", False),
    "Whataboutism,Straw_Men,Red_Herring": Technique("whataboutism", "Whataboutism / straw man / red herring",
        "deflects by pointing elsewhere or attacking a position nobody holds", True),
    "Bandwagon,Reductio_ad_hitlerum": Technique("bandwagon", "Bandwagon / reductio ad Hitlerum",
        "urges agreement because everyone does, or rejects an idea because of who holds it", True),
}
BY_KEY: dict[str, str] = {t.key: name for name, t in TECHNIQUES.items()}

TOKEN_RE = re.compile(r"[\w][\w'’\-]*")
SENT_END_RE = re.compile(r"[.!?]+[\"”’)]*(?=\s)|\n")
MAX_N = 4


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(lower-case token, start, end) for each word of ``text``."""
    return [(m.group(0).lower().replace("’", "'"), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end)."""
    s = 0
    for m in SENT_END_RE.finditer(text, 0, start):
        s = m.end()
    m = SENT_END_RE.search(text, end)
    e = m.end() if m else len(text)
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# -- detection ------------------------------------------------------------------------------------------
class TechniqueDetector:
    """Find technique spans in a text with the mined lexicon and the span rules."""

    def __init__(self, lexicon: dict[str, Any], *, min_score: float | None = None,
                 classifier: Any = None, embedder: Any = None) -> None:
        self.lexicon = lexicon
        self.classifier = classifier  # SentenceTechniqueClassifier, used when an embedder is given
        self.embedder = embedder
        #: if True, phrase-level techniques need a lexicon match inside a marked sentence (measured: worse, off)
        self.phrase_needs_lexicon = bool(lexicon.get("phrase_needs_lexicon", False))
        self.min_score = lexicon.get("min_precision", 0.0) if min_score is None else min_score
        self.entries: dict[tuple[str, ...], tuple[str, float]] = {
            tuple(k.split()): (v[0], float(v[1])) for k, v in lexicon["entries"].items() if float(v[1]) >= self.min_score
        }
        self.max_n = int(lexicon.get("max_n", MAX_N))

    @classmethod
    def load(cls, path: Path | None = None, *, embedder: Any = None, classifier_path: Path | None = None) -> "TechniqueDetector":
        """The packaged lexicon; with an ``embedder``, also the sentence classifier (if present)."""
        path = path or LEXICON_PATH
        if not path.is_file():
            raise ModelError(f"propaganda lexicon missing: {path} (run `factdesk train propaganda`)")
        classifier = None
        if embedder is not None:
            from factdesk.analyse.techclf import CLASSIFIER_PATH, SentenceTechniqueClassifier

            cpath = classifier_path or CLASSIFIER_PATH
            if cpath.is_file():
                classifier = SentenceTechniqueClassifier.load(cpath)
        return cls(json.loads(path.read_text()), classifier=classifier, embedder=embedder if classifier else None)

    def detect_raw(self, text: str) -> list[tuple[str, int, int, float]]:
        """(PTC technique, start, end, score) spans, merged per technique.

        With the sentence classifier: for each technique it models, only sentences it marks are
        kept; inside them the lexicon's words give the span, else the whole sentence is the span.
        """
        lexical = self._lexical(text)
        if self.classifier is None or self.embedder is None:
            return lexical
        from factdesk.analyse.techclf import split_sentences

        bounds = split_sentences(text)
        if not bounds:
            return lexical
        probs = self.classifier.probs(self.embedder.encode([text[s:e] for s, e in bounds]))
        modelled = set(self.classifier.techniques)
        out = [h for h in lexical if h[0] not in modelled]
        for k, tech in enumerate(self.classifier.techniques):
            for (s, e), p in zip(bounds, probs[:, k]):
                if p < self.classifier.threshold:
                    continue
                inside = [h for h in lexical if h[0] == tech and h[1] < e and s < h[2]]
                if not TECHNIQUES[tech].clause:
                    if inside or not self.phrase_needs_lexicon:
                        out += [(tech, max(s, h[1]), min(e, h[2]), float(p)) for h in inside] or [(tech, s, e, float(p))]
                else:
                    out.append((tech, s, e, float(p)))
        return _merge(out)

    def _lexical(self, text: str) -> list[tuple[str, int, int, float]]:
        toks = tokens(text)
        words = [t for t, _, _ in toks]
        found: list[tuple[str, int, int, float]] = []
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(self.max_n, len(toks) - i), 0, -1):
                e = self.entries.get(tuple(words[i : i + n]))
                if e:
                    hit = (e[0], toks[i][1], toks[i + n - 1][2], e[1], n)
                    break
            if hit:
                tech, s, e, score, n = hit
                if TECHNIQUES.get(tech, TECHNIQUES["Loaded_Language"]).clause:
                    s, e = sentence_bounds(text, s, e)
                found.append((tech, s, e, score))
                i += n
            else:
                i += 1
        return _merge(found)

    def detect(self, text: str) -> list[TechniqueSpan]:
        """Technique spans with factdesk's names and a short explanation each."""
        out = []
        for tech, s, e, score in self.detect_raw(text):
            t = TECHNIQUES.get(tech)
            if t is None:
                continue
            snippet = text[s:e]
            out.append(TechniqueSpan(technique=t.key, span=(s, e), text=snippet,
                                     explanation=f"{t.label}: {t.explanation}.", score=round(score, 3)))
        return out


def _merge(spans: list[tuple[str, int, int, float]]) -> list[tuple[str, int, int, float]]:
    by: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    for tech, s, e, sc in spans:
        by[tech].append((s, e, sc))
    out = []
    for tech, items in by.items():
        items.sort()
        cur = list(items[0])
        for s, e, sc in items[1:]:
            if s <= cur[1]:
                cur[1] = max(cur[1], e)
                cur[2] = max(cur[2], sc)
            else:
                out.append((tech, cur[0], cur[1], cur[2]))
                cur = [s, e, sc]
        out.append((tech, cur[0], cur[1], cur[2]))
    return sorted(out, key=lambda x: (x[1], x[2], x[0]))
