"""``factdesk eval verdicts``: claim-level, end-to-end verdict evaluation.

For each set a fresh evidence store is built from the set's own evidence, then every claim is verified
the way ``factdesk verify`` does (the same retrieval and verification), and the predicted labels are
scored against the gold ones. Layouts (a folder named like, or holding the files of, one of these):

- ``scifact/``: claims from ``claims_train.jsonl``; the store holds every abstract of ``corpus.jsonl``
  (title + abstract). Gold: SUPPORT → supported, CONTRADICT → refuted, no evidence → not_enough_evidence,
  both → mixed.
- ``climate-fever/``: claims from ``climate-fever.jsonl``; the store holds every evidence sentence of
  every claim in the file, pooled (its article title as title). Gold: SUPPORTS, REFUTES, NOT_ENOUGH_INFO,
  DISPUTED → supported, refuted, not_enough_evidence, mixed.
- ``averitec/``: claims from ``dev.json``; the store holds every answer that is not "Unanswerable",
  pooled, its question as title. Gold: Supported, Refuted, Not Enough Evidence, Conflicting
  Evidence/Cherrypicking → supported, refuted, not_enough_evidence, mixed.
- article cases: a folder of case folders, each with ``article.txt``, ``evidence.jsonl`` and
  ``expected.json`` (see :func:`load_cases`); every needle is scored.

Without ``--data`` the shared sets' dev claims are scored: the claims that the stance models' data
split (:func:`factdesk.lab.stance.data.hash_split`) keeps out of training.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from factdesk.errors import InputError
from factdesk.models import Document

LABELS = ("supported", "refuted", "mixed", "not_enough_evidence")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class GoldClaim:
    id: str
    text: str
    gold: str


@dataclass
class ClaimSet:
    """A claim-level set: the claims with gold labels and the documents its store holds."""

    name: str
    layout: str
    claims: list[GoldClaim]
    documents: list[Document] = field(repr=False, default_factory=list)



# -- the three claim-level layouts ---------------------------------------------------------------
def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{n}: not valid JSON ({exc.msg})") from None


def _scifact(folder: Path) -> ClaimSet:
    docs = [Document(id=f"sf-{r['doc_id']}", title=r.get("title") or None, text=" ".join(r["abstract"]),
                     source="local") for r in _jsonl(folder / "corpus.jsonl")]
    claims = []
    for r in _jsonl(folder / "claims_train.jsonl"):
        labels = {rat["label"] for rats in (r.get("evidence") or {}).values() for rat in rats}
        gold = ("not_enough_evidence" if not labels else "mixed" if len(labels) > 1
                else "supported" if labels == {"SUPPORT"} else "refuted")
        claims.append(GoldClaim(f"sf{r['id']}", r["claim"], gold))
    return ClaimSet(folder.name, "scifact", claims, docs)


_CF = {"SUPPORTS": "supported", "REFUTES": "refuted", "NOT_ENOUGH_INFO": "not_enough_evidence", "DISPUTED": "mixed"}


def _climate(folder: Path) -> ClaimSet:
    claims, docs, seen = [], [], set()
    for r in _jsonl(folder / "climate-fever.jsonl"):
        claims.append(GoldClaim(f"cf{r['claim_id']}", r["claim"], _CF[r["claim_label"]]))
        for e in r.get("evidences", []):
            key = (e.get("article") or "", e["evidence"])
            if key in seen:
                continue
            seen.add(key)
            docs.append(Document(id=f"cf-{len(docs)}", title=e.get("article") or None, text=e["evidence"]))
    return ClaimSet(folder.name, "climate-fever", claims, docs)


_AV = {"Supported": "supported", "Refuted": "refuted", "Not Enough Evidence": "not_enough_evidence",
       "Conflicting Evidence/Cherrypicking": "mixed"}


def _averitec(folder: Path) -> ClaimSet:
    rows = json.loads((folder / "dev.json").read_text(encoding="utf-8"))
    claims, docs, seen = [], [], set()
    for i, r in enumerate(rows):
        claims.append(GoldClaim(f"av{i}", r["claim"], _AV[r["label"]]))
        for q in r.get("questions", []):
            for a in q.get("answers", []):
                if a.get("answer_type") == "Unanswerable" or not (a.get("answer") or "").strip():
                    continue
                text = a["answer"].strip()
                if a.get("answer_type") == "Boolean" and a.get("boolean_explanation"):
                    text = f"{text}. {a['boolean_explanation'].strip()}"
                key = (q["question"], text)
                if key in seen:
                    continue
                seen.add(key)
                docs.append(Document(id=f"av-{len(docs)}", title=q["question"].strip() or None, text=text,
                                     url=a.get("source_url") or None))
    return ClaimSet(folder.name, "averitec", claims, docs)


LAYOUTS: dict[str, tuple[str, Callable[[Path], ClaimSet]]] = {
    "scifact": ("claims_train.jsonl", _scifact),
    "climate-fever": ("climate-fever.jsonl", _climate),
    "averitec": ("dev.json", _averitec),
}


def detect_layout(folder: Path) -> str:
    """``scifact``, ``climate-fever``, ``averitec`` or ``cases``: by the folder's name, then its files."""
    if folder.name in LAYOUTS:
        return folder.name
    for name, (probe, _) in LAYOUTS.items():
        if (folder / probe).is_file():
            return name
    if any((p / "expected.json").is_file() for p in folder.iterdir() if p.is_dir()):
        return "cases"
    raise InputError(f"{folder}: not laid out like scifact/, climate-fever/, averitec/ or a folder of article cases")


def load_claim_set(folder: Path) -> ClaimSet:
    layout = detect_layout(folder)
    if layout == "cases":
        raise InputError(f"{folder}: a folder of article cases, not a claim set")
    probe, loader = LAYOUTS[layout]
    try:
        cs = loader(folder)
    except (KeyError, TypeError, OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{folder}: cannot read as {layout}: {exc}") from None
    cs.layout = layout
    return cs


def dev_claims(cs: ClaimSet, split: Callable[[str, str], str]) -> ClaimSet:
    """The claims the stance data split keeps for development (``split(group_key, dataset) == 'dev'``)."""
    keep = []
    for c in cs.claims:
        if cs.layout == "scifact":
            key = "sf" + c.id[2:]
        elif cs.layout == "climate-fever":
            key = "cf" + c.id[2:]
        else:
            key = c.text
        if split(key, cs.layout) == "dev":
            keep.append(c)
    return ClaimSet(cs.name, cs.layout, keep, cs.documents)


# -- article cases -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Needle:
    needle: str
    verdict: str


@dataclass
class Case:
    name: str
    article: Path
    evidence: Path
    title: str
    comments: int | None
    needles: list[Needle]
    not_checkable: list[str]
    generic_comments: list[int]
    specific_comments: list[int]


def load_cases(folder: Path) -> list[Case]:
    cases = []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        exp_path = sub / "expected.json"
        if not exp_path.is_file():
            continue
        try:
            exp = json.loads(exp_path.read_text(encoding="utf-8"))
            needles = [Needle(n["needle"], n["verdict"]) for n in exp.get("claims", [])]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{exp_path}: not a valid expected.json ({exc})") from None
        bad = [n.verdict for n in needles if n.verdict not in LABELS]
        if bad:
            raise InputError(f"{exp_path}: unknown verdict {bad[0]!r} (use one of {', '.join(LABELS)})")
        for name in ("article.txt", "evidence.jsonl"):
            if not (sub / name).is_file():
                raise InputError(f"{sub}: {name} is missing")
        cases.append(Case(sub.name, sub / "article.txt", sub / "evidence.jsonl", exp.get("title", ""),
                          exp.get("comments"), needles, list(exp.get("not_checkable_needles", [])),
                          list(exp.get("generic_comments", [])), list(exp.get("specific_comments", []))))
    if not cases:
        raise InputError(f"{folder}: no article cases (folders with expected.json) found")
    return cases


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')).strip().lower()


def _value_words(needle: str) -> list[str]:
    """The words of a needle that carry its fact: figures and names (capitalised after its first word)."""
    words = needle.split()
    return [_norm(w.strip(".,;:()")) for i, w in enumerate(words)
            if any(ch.isdigit() for ch in w) or (i > 0 and w[:1].isupper())]


def score_case(case: Case, report) -> dict:
    """Needle by needle: the checked claims whose text holds the needle must all carry its verdict
    (none holding it is a miss); a not-checkable needle's sentence must yield no checked claim."""
    claims = list(report.claims)
    rows = []
    for n in case.needles:
        key = _norm(n.needle)
        hits = [c for c in claims if c.checked and key in _norm(c.text)]
        if not hits:  # the needle may have been rewritten: fall back to the claims of its sentence ...
            hits = [c for c in claims if c.checked and key in _norm(c.sentence)]
            how = "sentence"
            # ... those of them that hold the needle's figures and names ("Weighing nearly 2,000 pounds" is
            # the atom "Curiosity weighs nearly 2,000 pounds", not "Curiosity carries 17 cameras")
            marks = _value_words(n.needle)
            holding = [c for c in hits if marks and all(m in _norm(c.text) for m in marks)]
            hits = holding or hits
        else:
            how = "claim"
        got = [c.verdict.label if c.verdict else "not_checked" for c in hits] or ["not_checked"]
        rows.append({"needle": n.needle, "expected": n.verdict, "got": got, "matched_by": how if hits else "none",
                     "ok": bool(hits) and all(g == n.verdict for g in got)})
    unchecked = []
    for needle in case.not_checkable:
        key = _norm(needle)
        checked = [c.text for c in claims if c.checked and key in _norm(c.sentence)]
        unchecked.append({"needle": needle, "checked_claims": checked, "ok": not checked})
    comments = report.article.comments
    flags = {i: set(getattr(c, "flags", []) or []) for i, c in enumerate(comments)}
    generic_ok = [i for i in case.generic_comments if "generic" in flags.get(i, set())]
    specific_ok = [i for i in case.specific_comments if "generic" not in flags.get(i, {"generic"})]
    return {
        "case": case.name,
        "title_ok": _norm(report.article.title) == _norm(case.title) if case.title else None,
        "comments_found": len(comments), "comments_expected": case.comments,
        "needles": rows, "not_checkable": unchecked,
        "verdicts_right": sum(r["ok"] for r in rows), "verdicts": len(rows),
        "generic_flagged": f"{len(generic_ok)}/{len(case.generic_comments)}",
        "specific_unflagged": f"{len(specific_ok)}/{len(case.specific_comments)}",
    }


# -- metrics -------------------------------------------------------------------------------------
def metrics(gold: list[str], pred: list[str]) -> dict:
    """accuracy, macro-F1 (over the labels present in gold or predictions), precision and recall per
    label, confusion (gold → predicted → count), coverage (share not answered not_enough_evidence), and
    the majority baseline's accuracy and macro-F1."""
    n = len(gold)
    labels = [lab for lab in LABELS if lab in set(gold) | set(pred)]
    conf = {g: {p: 0 for p in LABELS} for g in LABELS}
    for g, p in zip(gold, pred):
        conf[g][p] += 1
    prec, rec, f1 = {}, {}, {}
    for lab in labels:
        tp = conf[lab][lab]
        npred = sum(conf[g][lab] for g in LABELS)
        ngold = sum(conf[lab].values())
        prec[lab] = round(tp / npred, 4) if npred else 0.0
        rec[lab] = round(tp / ngold, 4) if ngold else 0.0
        f1[lab] = round(2 * prec[lab] * rec[lab] / (prec[lab] + rec[lab]), 4) if prec[lab] + rec[lab] else 0.0
    majority_label = Counter(gold).most_common(1)[0][0] if gold else "not_enough_evidence"
    maj_f1 = {lab: 0.0 for lab in set(gold)}
    share = Counter(gold)[majority_label] / n if n else 0.0
    maj_f1[majority_label] = round(2 * share / (share + 1), 4) if share else 0.0
    return {
        "n": n,
        "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / n, 4) if n else 0.0,
        "macro_f1": round(sum(f1.values()) / len(f1), 4) if f1 else 0.0,
        "precision": prec, "recall": rec, "f1": f1,
        "confusion": {g: {p: c for p, c in row.items() if c} for g, row in conf.items() if any(row.values())},
        "coverage": round(sum(p != "not_enough_evidence" for p in pred) / n, 4) if n else 0.0,
        "majority": {"label": majority_label, "accuracy": round(share, 4),
                     "macro_f1": round(sum(maj_f1.values()) / len(maj_f1), 4) if maj_f1 else 0.0},
    }


def format_table(results: dict[str, dict]) -> str:
    head = (f"{'set':<18} {'n':>5} {'acc':>6} {'macroF1':>8} {'P(sup)':>7} {'P(ref)':>7} {'R(sup)':>7} "
            f"{'R(ref)':>7} {'cover':>6} {'majority acc/F1':>16}")
    lines = [head, "-" * len(head)]
    notes = []
    for name, r in results.items():
        if "per_case" in r:  # article cases
            notes.append(f"{name}: {r['cases']} cases, verdicts right {r['verdicts_right']}/{r['verdicts']}; "
                         f"not-checkable sentences kept out {r['not_checkable_ok']}/{r['not_checkable']}")
        p, rc, mj = r["precision"], r["recall"], r["majority"]
        lines.append(f"{name:<18} {r['n']:>5} {r['accuracy']:>6.3f} {r['macro_f1']:>8.3f} "
                     f"{p.get('supported', 0):>7.3f} {p.get('refuted', 0):>7.3f} {rc.get('supported', 0):>7.3f} "
                     f"{rc.get('refuted', 0):>7.3f} {r['coverage']:>6.3f} {mj['accuracy']:>8.3f}/{mj['macro_f1']:.3f}")
    return "\n".join(lines + notes)


# -- running -------------------------------------------------------------------------------------
def store_path(documents: list[Document], layout: str, cache_dir: Path, embedder_tag: str) -> Path:
    """Where a set's store is cached: keyed by its documents and the embedder."""
    h = hashlib.sha1(layout.encode())
    for d in documents:
        h.update(f"{d.id}\x00{d.title}\x00{d.text}\x01".encode())
    return cache_dir / f"{layout}-{h.hexdigest()[:16]}-{embedder_tag}.db"


def build_store(documents: list[Document], db: Path, embedder, name: str, progress: Progress | None = None) -> Path:
    """A fresh store with the set's documents (built once per documents × embedder, then reused)."""
    from factdesk.evidence.store import open_store

    if db.exists():
        return db
    db.parent.mkdir(parents=True, exist_ok=True)
    tmp = db.with_name(db.name + ".building")
    for leftover in db.parent.glob(tmp.name + "*"):
        leftover.unlink()
    store = open_store(str(tmp), embedder=embedder)
    total = len(documents)
    every = max(1, total // 10)

    def report(n: int, _msg: str) -> None:
        if progress and (n % every < 256 or n >= total):
            progress(f"{name}: stored {n}/{total} documents")

    try:
        store.add_documents(documents, progress=report)
    finally:
        store.close()
    for suffix in ("", "-wal", "-shm"):
        src = tmp.with_name(tmp.name + suffix)
        if src.exists():
            src.replace(db.with_name(db.name + suffix))
    return db


def score_claims(cs: ClaimSet, predicted: list[str]) -> dict:
    return metrics([c.gold for c in cs.claims], predicted)


def case_documents(case: Case) -> list[Document]:
    from factdesk.evidence.store.importers import read_jsonl

    return list(read_jsonl(case.evidence))


class Bench:
    """Runtimes over per-set stores that share one set of models (loaded once)."""

    def __init__(self, config, cache_dir: Path) -> None:
        from factdesk.runtime import Runtime

        local = config.with_sources(["local"])
        self.config = local.model_copy(update={"sources": local.sources.model_copy(update={"urls": []})})
        self.cache_dir = cache_dir
        self.base = Runtime(self.config)
        emb = self.base.embedder
        self.tag = f"{getattr(emb, 'name', 'embedder')}-{getattr(emb, 'precision', '')}".replace("/", "_")

    def runtime(self, db: Path):
        from factdesk.runtime import Runtime

        rt = Runtime(self.config.model_copy(update={"db": str(db)}))
        for part in ("embedder", "nlp", "claim_extractor", "analyser"):
            rt.__dict__[part] = getattr(self.base, part)
        return rt

    def store_for(self, documents: list[Document], layout: str, name: str, progress: Progress | None) -> Path:
        return build_store(documents, store_path(documents, layout, self.cache_dir, self.tag), self.base.embedder,
                           name, progress)


def run_claim_set(bench: Bench, cs: ClaimSet, progress: Progress | None = None) -> tuple[dict, list]:
    """Verify every claim of ``cs`` against a store of its own documents, as ``factdesk verify`` does."""
    from factdesk.pipeline import verify_claims

    db = bench.store_for(cs.documents, cs.layout, cs.name, progress)
    predicted: list[str] = []
    claims: list = []
    with bench.runtime(db) as rt:
        for start in range(0, len(cs.claims), 64):
            batch = cs.claims[start:start + 64]
            report = verify_claims([c.text for c in batch], rt)
            claims += report.claims
            predicted += [c.verdict.label if c.verdict else "not_enough_evidence" for c in report.claims]
            if progress:
                progress(f"{cs.name}: verified {len(predicted)}/{len(cs.claims)} claims")
    return score_claims(cs, predicted), claims


def run_cases(bench: Bench, folder: Path, progress: Progress | None = None) -> tuple[dict, list]:
    """Check every article case against a store of its own evidence and score its needles."""
    from factdesk.ingest import load_article
    from factdesk.pipeline import check

    scored, reports = [], []
    cases = load_cases(folder)
    for i, case in enumerate(cases, 1):
        db = bench.store_for(case_documents(case), "case", case.name, None)
        with bench.runtime(db) as rt:
            report = check(load_article(str(case.article), config=bench.config), rt)
        scored.append(score_case(case, report))
        reports.append(report)
        if progress:
            progress(f"{folder.name}: checked {i}/{len(cases)} cases")
    return summarise_cases(scored), reports


def default_sets(root: Path, split: Callable[[str, str], str]) -> list[ClaimSet]:
    """The shared sets' development claims (those the stance data split keeps out of training)."""
    return [dev_claims(load_claim_set(root / name), split) for name in LAYOUTS if (root / name).is_dir()]


def evaluate_verdicts(folders: list[Path] | None, config, cache_dir: Path, progress: Progress | None = None,
                      keep: dict | None = None) -> dict[str, dict]:
    """``factdesk eval verdicts``: one result per set, keyed by the folder's name (or the layout's name for
    the default dev sets). ``keep``, if given, receives each set's claims or reports."""
    from factdesk.config import shared_data_dir
    from factdesk.lab.stance.data import DEV_FRACTIONS, hash_split

    bench = Bench(config, cache_dir)
    results: dict[str, dict] = {}
    jobs: list[tuple[str, object]] = []
    if folders:
        for folder in folders:
            if not folder.is_dir():
                raise InputError(f"--data: not a folder: {folder}")
            layout = detect_layout(folder)
            jobs.append((folder.name, folder if layout == "cases" else load_claim_set(folder)))
    else:
        root = shared_data_dir()
        if not root.is_dir():
            raise InputError(f"the shared data folder is missing: {root} (set FACTDESK_SHARED_DATA, or pass --data)")
        jobs = [(cs.layout, cs) for cs in default_sets(root, lambda key, ds: hash_split(key, DEV_FRACTIONS.get(ds, 0.2)))]
    for name, job in jobs:
        if isinstance(job, Path):
            results[name], kept = run_cases(bench, job, progress)
        else:
            results[name], kept = run_claim_set(bench, job, progress)  # type: ignore[arg-type]
        if keep is not None:
            keep[name] = kept
    return results


def summarise_cases(scored: list[dict]) -> dict:
    """The needles of all cases: the verdict metrics (a needle whose claims disagree counts as mixed),
    verdicts right, not-checkable sentences kept out, and each case's detail."""
    right = sum(r["verdicts_right"] for r in scored)
    total = sum(r["verdicts"] for r in scored)
    nc = [x for r in scored for x in r["not_checkable"]]
    gold = [n["expected"] for r in scored for n in r["needles"]]
    pred = [n["got"][0] if len(set(n["got"])) == 1 else "mixed" for r in scored for n in r["needles"]]
    pred = [p if p in LABELS else "not_enough_evidence" for p in pred]
    out = metrics(gold, pred)
    out.update({"cases": len(scored), "verdicts": total, "verdicts_right": right,
                "accuracy": round(right / total, 4) if total else 0.0,
                "not_checkable": len(nc), "not_checkable_ok": sum(x["ok"] for x in nc), "per_case": scored})
    return out
