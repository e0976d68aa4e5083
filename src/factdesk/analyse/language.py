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
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factdesk.analyse.phrases import STOPWORDS
from factdesk.errors import InputError, ModelError
from factdesk.models import TechniqueSpan
from factdesk.modelpaths import shipped_models_dir

MODEL_DIR = shipped_models_dir() / "analyse"
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


# -- the PTC corpus ------------------------------------------------------------------------------------
def load_ptc(path: Path) -> list[dict[str, Any]]:
    if path.is_dir():
        path = path / "train_articles.jsonl"
    if not path.is_file():
        raise InputError(f"PTC data not found: {path}")
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def split_ptc(articles: list[dict[str, Any]], dev_fraction: float = 0.2, seed: int = 13) -> tuple[list, list]:
    """Split by article id (never by span): (train, held-out dev)."""
    ids = sorted({a["article_id"] for a in articles})
    random.Random(seed).shuffle(ids)
    dev_ids = set(ids[: int(round(len(ids) * dev_fraction))])
    return [a for a in articles if a["article_id"] not in dev_ids], [a for a in articles if a["article_id"] in dev_ids]


# -- mining ---------------------------------------------------------------------------------------------
def mine_lexicon(articles: list[dict[str, Any]], *, min_count: int = 3, min_precision: float = 0.4) -> dict[str, Any]:
    """n-grams (1-4 words) that mostly occur inside one technique's spans in ``articles``."""
    total: Counter[tuple[str, ...]] = Counter()
    inside: dict[str, Counter[tuple[str, ...]]] = defaultdict(Counter)
    for art in articles:
        toks = tokens(art["text"])
        words = [t for t, _, _ in toks]
        for n in range(1, MAX_N + 1):
            for i in range(len(words) - n + 1):
                total[tuple(words[i : i + n])] += 1
        starts = [s for _, s, _ in toks]
        import bisect

        for sp in art["technique_spans"]:
            a = bisect.bisect_left(starts, sp["start"])
            b = a
            while b < len(toks) and toks[b][2] <= sp["end"]:
                b += 1
            span_words = words[a:b]
            seen: set[tuple[str, ...]] = set()
            for n in range(1, MAX_N + 1):
                for i in range(len(span_words) - n + 1):
                    ng = tuple(span_words[i : i + n])
                    if ng not in seen:
                        seen.add(ng)
                        inside[sp["technique"]][ng] += 1
    entries: dict[str, list] = {}
    for tech, counter in inside.items():
        for ng, k in counter.items():
            if k < min_count or all(w in STOPWORDS or w.isdigit() for w in ng):
                continue
            prec = k / total[ng]
            if prec < min_precision:
                continue
            key = " ".join(ng)
            if key not in entries or entries[key][1] < prec:
                entries[key] = [tech, round(prec, 4), k]
    return {"min_count": min_count, "min_precision": min_precision, "max_n": MAX_N, "entries": entries}


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


# -- scoring ---------------------------------------------------------------------------------------------
def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_articles(detector: TechniqueDetector, articles: list[dict[str, Any]]) -> dict[str, Any]:
    """Span-level (SemEval SI: partial-overlap P/R/F1) and technique-level (same technique, overlapping) scores."""
    si_p_num = si_p_den = si_r_num = si_r_den = 0.0
    per: dict[str, list[int]] = {name: [0, 0, 0] for name in TECHNIQUES}
    for art in articles:
        pred = detector.detect_raw(art["text"])
        pred_spans = _union([(s, e) for _, s, e, _ in pred])
        gold_spans = [(g["start"], g["end"]) for g in art["propaganda_spans"]]
        for p in pred_spans:
            si_p_den += 1
            si_p_num += sum(_overlap(p, g) for g in gold_spans) / max(1, p[1] - p[0])
        for g in gold_spans:
            si_r_den += 1
            si_r_num += sum(_overlap(g, p) for p in pred_spans) / max(1, g[1] - g[0])
        for name in TECHNIQUES:
            golds = [(g["start"], g["end"]) for g in art["technique_spans"] if g["technique"] == name]
            preds = [(s, e) for t, s, e, _ in pred if t == name]
            matched: set[int] = set()
            tp = 0
            for p in preds:
                j = next((k for k, g in enumerate(golds) if k not in matched and _overlap(p, g) > 0), None)
                if j is not None:
                    matched.add(j)
                    tp += 1
            per[name][0] += tp
            per[name][1] += len(preds) - tp
            per[name][2] += len(golds) - len(matched)
    from factdesk.analyse.evaluate import prf

    p = si_p_num / si_p_den if si_p_den else 0.0
    r = si_r_num / si_r_den if si_r_den else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    micro = [sum(v[k] for v in per.values()) for k in range(3)]
    return {
        "articles": len(articles),
        "span": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)},
        "technique_micro": prf(*micro),
        "technique_macro_f1": round(sum(prf(*v)["f1"] for v in per.values()) / len(per), 4),
        "per_technique": {TECHNIQUES[n].key: prf(*v) for n, v in per.items()},
    }


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]
