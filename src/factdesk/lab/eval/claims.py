"""``factdesk eval claims``: the claim stage against hand-written articles with expected atoms.

The articles (``tests/data/claims/eval/{dev,holdout}/*.json``, format in that folder's README) list
every sentence of their body, whether it is verifiable (and why not), the one-fact claims ("atoms")
it should yield, the dates, places and quantities those atoms must keep and the references they must
resolve. Each folder is scored on its own:

- **verifiable statements**: a sentence counts as checked when at least one checked claim comes from
  it; precision and recall of "verifiable", and per unverifiable reason how many stayed unchecked;
- **atoms per sentence**: checked claims against expected atoms, on the verifiable sentences;
- **atom texts**: each expected atom is paired with at most one checked claim of its sentence (best
  token-F1 first); *exact* when the two are equal after normalising (case, curly quotes, spaces, the
  final period), *near* when their token-F1 is at least ``NEAR_F1`` (0.8);
- **references**: a reference of a checked sentence is resolved when one of its checked claims says
  the antecedent (the whole of it, or its name: its last capitalised word, once the mention itself
  is gone); the unresolved-reference rate is the share that are not;
- **kept context**: a ``keep`` item of a checked sentence is dropped when none of its checked claims
  holds it.

>>> result = evaluate_claims(load_articles(default_dirs()[0]), extractor.extract)
>>> result["verifiable"]["recall"], result["references"]["unresolved_rate"]
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from factdesk.errors import InputError
from factdesk.models import PARAGRAPH_SEPARATOR, Article, Claim

#: token-F1 from which an atom text counts as a near match
NEAR_F1 = 0.8
Extract = Callable[[Article], tuple[list[Claim], list[str]]]


def default_dirs() -> list[Path]:
    """The development articles: the holdout folder is scored only when named (``--data``), so a
    routine run never shows figures that tuning must not see."""
    root = Path(__file__).resolve().parents[4] / "tests" / "data" / "claims" / "eval"
    return [root / "dev"]


@dataclass
class EvalSentence:
    text: str
    span: tuple[int, int]
    verifiable: bool
    reason: str | None
    atoms: list[str]
    keep: list[str]
    refs: list[dict]


@dataclass
class EvalArticle:
    id: str
    article: Article
    sentences: list[EvalSentence]


def load_articles(folder: str | Path) -> list[EvalArticle]:
    """Every ``*.json`` article of ``folder``, with each sentence's span in the article body."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"not a folder of claims articles: {folder}")
    out = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            article = Article(title=data["title"], paragraphs=data["paragraphs"], published=data.get("published"))
            raw = data["sentences"]
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise InputError(f"{path}: not a claims evaluation article ({exc})") from None
        body, pos, sentences = article.body, 0, []
        for s in raw:
            at = body.find(s["text"], pos)
            if at < 0:
                raise InputError(f"{path}: sentence not found in the body, in order: {s['text'][:60]!r}")
            pos = at + len(s["text"])
            sentences.append(EvalSentence(s["text"], (at, pos), bool(s["verifiable"]), s.get("reason"),
                                          list(s.get("atoms", [])), list(s.get("keep", [])), list(s.get("refs", []))))
        out.append(EvalArticle(data.get("id", path.stem), article, sentences))
    if not out:
        raise InputError(f"no claims evaluation articles (*.json) in {folder}")
    return out


# -- text comparison ---------------------------------------------------------------------------
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_WEEKDAY_DATE = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \(([^)]*\d{4})\)")
_US_DATE = re.compile(rf"\b({_MONTHS}) (\d{{1,2}}), (\d{{4}})\b")


def normalise(text: str) -> str:
    """Case, curly quotes, dashes, spaces, the final period and the date format do not count
    ("June 8, 2026" reads as "8 June 2026"; "Monday (8 June 2026)" as "8 June 2026")."""
    text = _US_DATE.sub(r"\2 \1 \3", text)
    text = _WEEKDAY_DATE.sub(r"\1", text)
    text = " ".join(text.translate(_QUOTES).split()).lower()
    return re.sub(r"[.\s]+$", "", text)


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", normalise(text))


def token_f1(a: str, b: str) -> float:
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(tb.values()), common / sum(ta.values())
    return 2 * p * r / (p + r)


def _pairs(expected: list[str], produced: list[str]) -> list[tuple[str, str, float]]:
    """One-to-one pairs, best token-F1 first."""
    scored = sorted(((token_f1(e, p), i, j) for i, e in enumerate(expected) for j, p in enumerate(produced)), reverse=True)
    used_e, used_p, out = set(), set(), []
    for f1, i, j in scored:
        if f1 <= 0 or i in used_e or j in used_p:
            continue
        used_e.add(i)
        used_p.add(j)
        out.append((expected[i], produced[j], f1))
    return out


def _contains(haystack: str, needle: str) -> bool:
    n = normalise(needle)
    return bool(n) and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", normalise(haystack)) is not None


def _antecedent_forms(antecedent: str) -> list[str]:
    a = re.sub(r"['’]s$", "", antecedent.strip())
    forms = [a, re.sub(r"^(the|a|an)\s+", "", a, flags=re.I)]
    return [f for f in forms if f]


def ref_stated(ref: dict, before: str) -> bool:
    """Whether the article states the antecedent in those words before the reference (title and
    body so far), in full or by its name: only then can a resolver copy it; otherwise the expected
    antecedent is the annotator's own description ("merger of Café Aurora and Grão Mineiro")."""
    return any(_contains(before, f) for f in _antecedent_forms(ref.get("antecedent", "")))


def ref_resolved(ref: dict, atoms: list[str]) -> bool:
    """The atoms say the antecedent in full, or its name once the mention itself is gone."""
    forms = _antecedent_forms(ref.get("antecedent", ""))
    if any(_contains(a, f) for a in atoms for f in forms):
        return True
    mention = re.sub(r"['’]s$", "", ref.get("mention", "").strip())
    caps = [w for w in re.findall(r"[\w'’-]+", forms[0] if forms else "") if w[:1].isupper() and w.lower() != "the"]
    if not caps or any(re.search(rf"(?<![\w]){re.escape(mention)}(?!\w)", a) for a in atoms):
        return False
    name = re.sub(r"['’]s$", "", caps[-1])
    return any(_contains(a, name) for a in atoms)


def _rewritten(ref: dict, atoms: list[str]) -> bool:
    """The mention is in none of the claims any more (a pronoun or description replaced by something
    that is not its antecedent, as far as the expected antecedent tells)."""
    mention = re.sub(r"['’]s$", "", ref.get("mention", "").strip())
    return bool(mention) and not any(re.search(rf"(?<![\w]){re.escape(mention)}(?!\w)", a, re.I) for a in atoms)


#: third-person pronouns that a claim should not carry outside quotation marks
_PRONOUN = re.compile(r"\b(he|she|him|his|her|hers|it|its|they|them|their|theirs)\b", re.I)


def _outside_quotes(text: str) -> str:
    return re.sub(r"“[^”]*”|\"[^\"]*\"", " ", text)


# -- scoring -------------------------------------------------------------------------------------
def _assign(sentences: list[EvalSentence], claims: list[Claim]) -> list[list[Claim]]:
    """The claims of each expected sentence (by the largest overlap of spans)."""
    out: list[list[Claim]] = [[] for _ in sentences]
    for c in claims:
        best, overlap = None, 0
        for i, s in enumerate(sentences):
            o = min(s.span[1], c.span[1]) - max(s.span[0], c.span[0])
            if o > overlap:
                best, overlap = i, o
        if best is not None:
            out[best].append(c)
    return out


def _ratio(a: float, b: float) -> float:
    return round(a / b, 4) if b else 0.0


def evaluate_claims(articles: list[EvalArticle], extract: Extract, *, show: bool = False) -> dict:
    """Score ``extract`` (the claim stage) on ``articles``; see the module docstring for the figures."""
    tp = fp = fn = tn = 0
    by_reason: Counter = Counter()
    by_reason_kept: Counter = Counter()
    exp_atoms = exp_atoms_checked = got_atoms = same_count = verifiable_checked = 0
    exact = near = paired_produced = 0
    f1_sum = 0.0
    refs_total = refs_unresolved = refs_unchecked = 0
    stated_total = stated_unresolved = rewritten = 0
    keep_total = keep_dropped = 0
    pronoun_leaks = produced_total = 0
    misses: list[dict] = []
    for art in articles:
        claims, _ = extract(art.article)
        for s, mine in zip(art.sentences, _assign(art.sentences, claims)):
            checked = [c.text for c in mine if c.checked]
            produced_total += len(checked)
            pronoun_leaks += sum(bool(_PRONOUN.search(_outside_quotes(t))) for t in checked)
            record: dict = {"article": art.id, "sentence": s.text}
            if not s.verifiable:
                by_reason[s.reason or "?"] += 1
                if checked:
                    fp += 1
                    misses.append({**record, "kind": "checked but not verifiable", "reason": s.reason, "got": checked})
                else:
                    tn += 1
                    by_reason_kept[s.reason or "?"] += 1
                continue
            if not checked:
                fn += 1
                refs_unchecked += len(s.refs)
                misses.append({**record, "kind": "verifiable but not checked", "expected": s.atoms,
                               "got": [f"[{c.type}: {c.reason}] {c.text}" for c in mine]})
                exp_atoms += len(s.atoms)
                continue
            tp += 1
            verifiable_checked += 1
            exp_atoms += len(s.atoms)
            exp_atoms_checked += len(s.atoms)
            got_atoms += len(checked)
            same_count += len(checked) == len(s.atoms)
            pairs = _pairs(s.atoms, checked)
            paired_produced += len(pairs)
            for e, p, f1 in pairs:
                f1_sum += f1
                exact += normalise(e) == normalise(p)
                near += f1 >= NEAR_F1
            unresolved = [r for r in s.refs if not ref_resolved(r, checked)]
            refs_total += len(s.refs)
            refs_unresolved += len(unresolved)
            before = art.article.title + "\n" + art.article.body[:s.span[0]]
            stated = [r for r in s.refs if ref_stated(r, before)]
            stated_total += len(stated)
            stated_unresolved += sum(1 for r in stated if r in unresolved)
            rewritten += sum(1 for r in unresolved if _rewritten(r, checked))
            dropped = [k for k in s.keep if not any(_contains(t, k) for t in checked)]
            keep_total += len(s.keep)
            keep_dropped += len(dropped)
            if show and (unresolved or dropped or sum(f1 >= NEAR_F1 for *_, f1 in pairs) < len(s.atoms)):
                misses.append({**record, "kind": "atoms", "expected": s.atoms, "got": checked,
                               "unresolved": [r["mention"] for r in unresolved], "dropped": dropped})
    n_sent = sum(len(a.sentences) for a in articles)
    result = {
        "articles": len(articles),
        "sentences": n_sent,
        "verifiable": {
            "gold": tp + fn, "checked": tp + fp, "precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn),
            "f1": _ratio(2 * tp, 2 * tp + fp + fn), "accuracy": _ratio(tp + tn, n_sent),
            "unchecked_by_reason": {r: f"{by_reason_kept[r]}/{n}" for r, n in sorted(by_reason.items())},
        },
        "atoms": {
            "expected": exp_atoms,
            "expected_per_sentence": _ratio(exp_atoms, tp + fn),
            # on the verifiable sentences that were checked (the others are recall misses)
            "checked_sentences": verifiable_checked,
            "produced_per_sentence": _ratio(got_atoms, verifiable_checked),
            "expected_per_checked_sentence": _ratio(exp_atoms_checked, verifiable_checked),
            "same_count": _ratio(same_count, verifiable_checked),
            "exact": _ratio(exact, exp_atoms),
            "near": _ratio(near, exp_atoms),
            "mean_f1": _ratio(f1_sum, exp_atoms),
            "near_precision": _ratio(near, got_atoms),
        },
        "references": {"total": refs_total, "unresolved": refs_unresolved,
                       "unresolved_rate": _ratio(refs_unresolved, refs_total),
                       "in_unchecked_sentences": refs_unchecked,
                       # those whose antecedent the article states in those words before them
                       "stated": stated_total, "stated_unresolved": stated_unresolved,
                       "stated_unresolved_rate": _ratio(stated_unresolved, stated_total),
                       # unresolved, and the mention itself is gone from the claims: most likely
                       # rewritten to a wrong antecedent (or cut away by the split)
                       "rewritten_wrongly": rewritten},
        "keep": {"total": keep_total, "dropped": keep_dropped, "dropped_rate": _ratio(keep_dropped, keep_total)},
        "pronoun_leaks": {"claims": produced_total, "with_pronoun": pronoun_leaks,
                          "rate": _ratio(pronoun_leaks, produced_total)},
    }
    if show:
        result["misses"] = misses
    return result



def evaluate_model(articles: list[EvalArticle], model, embedder) -> dict:
    """The verifiability model alone on the sentences (probability ≥ 0.5 reads as verifiable): a
    second opinion beside the rules, measured on its own."""
    sentences = [s for a in articles for s in a.sentences]
    texts = [s.text for s in sentences]
    probs = model.probability(texts, embedder.encode(texts)) if texts else []
    tp = sum(1 for s, p in zip(sentences, probs) if s.verifiable and p >= 0.5)
    fp = sum(1 for s, p in zip(sentences, probs) if not s.verifiable and p >= 0.5)
    fn = sum(1 for s, p in zip(sentences, probs) if s.verifiable and p < 0.5)
    return {"precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn)}


# -- the article cases' needles (``tests/data/cases/<split>/*/``) ------------------------------------
def _case_norm(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split()).lower()


def evaluate_cases(cases: list[tuple[str, Article, list[str], list[str]]], extract: Extract) -> dict:
    """The claims part of the end-to-end article cases: every checked needle must be held by a checked
    claim's text (``held``; ``sentence_only`` counts those whose sentence yielded checked claims that
    no longer hold the needle, rewritten or cut), and no not-checkable needle's sentence may yield a
    checked claim. ``cases`` holds (name, article, needles, not-checkable needles).

    >>> r = evaluate_cases([("library", article, ["opened in 1904"], ["Go and see it for yourself."])], extract)
    >>> r["needles"]["held"], r["not_checkable"]["kept_out"]
    """
    held = sentence_only = total = nc_total = nc_ok = 0
    misses: list[dict] = []
    for name, article, needles, not_checkable in cases:
        claims, _ = extract(article)
        checked = [c for c in claims if c.checked]
        for needle in needles:
            key = _case_norm(needle)
            total += 1
            if any(key in _case_norm(c.text) for c in checked):
                held += 1
                continue
            of_sentence = [c for c in claims if key in _case_norm(c.sentence)]
            got = [c.text for c in of_sentence if c.checked]
            sentence_only += bool(got)
            misses.append({"case": name, "kind": "needle not held" if got else "needle not checked", "needle": needle,
                           "got": got or [f"[{c.type}: {c.reason}] {c.text}" for c in of_sentence]})
        for needle in not_checkable:
            key = _case_norm(needle)
            nc_total += 1
            got = [c.text for c in checked if key in _case_norm(c.sentence)]
            if got:
                misses.append({"case": name, "kind": "not-checkable checked", "needle": needle, "got": got})
            else:
                nc_ok += 1
    return {
        "cases": len(cases),
        "needles": {"total": total, "held": held, "held_rate": _ratio(held, total), "sentence_only": sentence_only},
        "not_checkable": {"total": nc_total, "kept_out": nc_ok, "kept_out_rate": _ratio(nc_ok, nc_total)},
        "misses": misses,
    }


def load_cases(folder: str | Path) -> list[tuple[str, Article, list[str], list[str]]]:
    """The article cases of ``folder`` (one sub-folder per case with ``article.txt`` and
    ``expected.json``), each read as ``factdesk check`` reads a page."""
    from factdesk.ingest import load_article

    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"not a folder of article cases: {folder}")
    out = []
    for sub in sorted(p for p in folder.iterdir() if (p / "expected.json").is_file()):
        try:
            exp = json.loads((sub / "expected.json").read_text(encoding="utf-8"))
            needles = [c["needle"] for c in exp.get("claims", [])]
            not_checkable = list(exp.get("not_checkable_needles", []))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{sub / 'expected.json'}: not a valid article case ({exc})") from None
        if not (sub / "article.txt").is_file():
            raise InputError(f"{sub}: article.txt is missing")
        out.append((sub.name, load_article(str(sub / "article.txt")), needles, not_checkable))
    if not out:
        raise InputError(f"{folder}: no article cases (folders with expected.json) found")
    return out
