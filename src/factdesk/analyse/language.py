"""Propaganda techniques (the SemEval-2020 Task 11 / PTC technique set) with character spans.

The detector runs the fine-tuned span tagger (``tagger.py``: MiniLM, BIO spans + a technique head)
and shows a span to readers only at an operating point measured precise enough on the development
PTC articles (see ``TechniqueDetector``). Without the tagger's files it falls back to a lexicon of
word n-grams mined from the PTC training spans (phrase-level techniques keep the matched words,
clause-level ones widen to the sentence); that fallback was never measured precise enough, so its
spans are kept for audits but never shown. Trained by ``factdesk train propaganda``, scored by
``factdesk eval propaganda``.

>>> det = TechniqueDetector.load()
>>> [(c.technique, c.shown) for c in det.candidates("These radical thugs want to destroy our great nation.")]
[('Flag-Waving', False)]
>>> det.detect("These radical thugs want to destroy our great nation.")  # nothing reaches a shown operating point
[]
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


# -- detection ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    """A technique span before the reader's filter: PTC technique, characters, score, and whether
    its technique and score reach an operating point measured precise enough to show."""

    technique: str
    start: int
    end: int
    score: float
    shown: bool


class TechniqueDetector:
    """Find technique spans with the span tagger (``tagger.py``) or, without it, the mined lexicon.

    Every span carries ``shown``: true only when its technique has an operating point — a score at
    which its spans on the development articles were right often enough (``meta.json`` →
    ``operating_point``: target 0.65 both by character overlap and by technique, so that new articles
    stay above 0.6) — and its score reaches it. The lexicon has no such point: its spans are never
    shown to readers.
    """

    def __init__(self, lexicon: dict[str, Any] | None = None, *, tagger: Any = None, min_score: float | None = None) -> None:
        self.tagger = tagger
        self.lexicon = lexicon or {"entries": {}}
        self.min_score = self.lexicon.get("min_precision", 0.0) if min_score is None else min_score
        self.entries: dict[tuple[str, ...], tuple[str, float]] = {
            tuple(k.split()): (v[0], float(v[1])) for k, v in self.lexicon["entries"].items() if float(v[1]) >= self.min_score
        }
        self.max_n = int(self.lexicon.get("max_n", MAX_N))
        op = (tagger.meta.get("operating_point") or {}) if tagger is not None else {}
        #: PTC technique -> the least score at which it is shown (techniques missing here never are)
        self.show_at: dict[str, float] = {t: float(v) for t, v in (op.get("show_at") or {}).items()}

    @classmethod
    def load(cls, path: Path | None = None, *, tagger_dir: Path | None = None, use_tagger: bool = True,
             embedder: Any = None) -> "TechniqueDetector":
        """The packaged span tagger (if present and ``use_tagger``) and the packaged lexicon.

        ``embedder`` is accepted for callers that pass the shared sentence embedder; the tagger runs
        its own fine-tuned MiniLM and does not use it.
        """
        from factdesk.analyse.tagger import PropagandaTagger, default_tagger_dir

        del embedder
        path = path or LEXICON_PATH
        if not path.is_file():
            raise ModelError(f"propaganda lexicon missing: {path} (run `factdesk train propaganda`)")
        tagger = None
        tdir = Path(tagger_dir or default_tagger_dir())
        if use_tagger and (tdir / "tagger.onnx").is_file():
            tagger = PropagandaTagger.load(tdir)
        return cls(json.loads(path.read_text()), tagger=tagger)

    @property
    def kind(self) -> str:
        return "span tagger" if self.tagger is not None else "lexicon"

    def candidates(self, text: str) -> list[Candidate]:
        """Every span found, shown or not, in text order."""
        if self.tagger is None:
            return [Candidate(t, s, e, sc, False) for t, s, e, sc in self._lexical(text)]
        return self.from_tagged(self.tagger.spans(text))

    def from_tagged(self, spans: list[Any]) -> list[Candidate]:
        """Candidates from the tagger's spans: the top technique, score = P(span) × P(technique),
        shown when the technique has an operating point and the score reaches it."""
        out = []
        for sp in spans:
            tech, p = sp.techniques[0]
            score = round(sp.span_score * p, 4)
            at = self.show_at.get(tech)
            out.append(Candidate(tech, sp.start, sp.end, score, at is not None and score >= at))
        return out

    def detect_raw(self, text: str) -> list[tuple[str, int, int, float]]:
        """(PTC technique, start, end, score) of every span found, shown or not."""
        return [(c.technique, c.start, c.end, c.score) for c in self.candidates(text)]

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

    def detect(self, text: str, *, include_hidden: bool = False) -> list[TechniqueSpan]:
        """Technique spans with factdesk's names and a short explanation each.

        Only spans that may be shown to readers, unless ``include_hidden`` (then the others come
        too, marked ``shown=False``, for the JSON report and audits).
        """
        out = []
        for c in self.candidates(text):
            t = TECHNIQUES.get(c.technique)
            if t is None or not (c.shown or include_hidden):
                continue
            out.append(TechniqueSpan(technique=t.key, span=(c.start, c.end), text=text[c.start:c.end],
                                     explanation=f"{t.label}: {t.explanation}.", score=round(c.score, 3), shown=c.shown))
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
