"""Load the shared NLI / fact-verification sets as (claim, evidence, label) pairs with a fixed split.

Every set in ``../shared/data/<name>`` that has claim + evidence text (or premise + hypothesis) has a
loader here. Labels are mapped to the stance vocabulary: ``supports`` / ``refutes`` / ``neutral``, and
``not_supports`` for the 2-way sets (RTE, MED) whose negative class merges refutes and neutral.

Splits: sets with an official train/dev split keep it; sets shipped as dev only are divided by a
stable hash of a *group key* (the premise, or the claim id) so no premise or claim appears on both
sides; 20 % of each such set is the evaluation portion (``split="dev"``), the rest is training data.
With ``--data DIR`` (see :func:`load_folder`) every example of the folder is returned as ``dev``.

>>> pairs = load_dataset("fever-symmetric")          # doctest: +SKIP
>>> {p.split for p in pairs}                         # doctest: +SKIP
{'train', 'dev'}
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from factdesk.config import shared_data_dir
from factdesk.errors import InputError
from factdesk.evidence.store.base import titled

csv.field_size_limit(10_000_000)

STANCES = ("supports", "refutes", "neutral")
DEV_FRACTION = 0.2


@dataclass(frozen=True)
class Pair:
    """One labelled (claim, evidence) pair."""

    dataset: str
    claim: str
    evidence: str
    label: str  # supports | refutes | neutral | not_supports
    split: str  # train | dev
    group: str
    title: str = ""  # the evidence's document title, where the set gives one (Climate-FEVER, SciFact)

    @property
    def passage_text(self) -> str:
        """The evidence as the stance model sees it: with its title, exactly as stored passages are embedded."""
        return titled(self.evidence, self.title)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def hash_split(key: str, fraction: float = DEV_FRACTION) -> str:
    """``dev`` for a stable ``fraction`` of group keys, else ``train``."""
    h = int(hashlib.sha1(_norm(key).encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "dev" if h < fraction else "train"


_NLI = {"entailment": "supports", "contradiction": "refutes", "neutral": "neutral", "e": "supports",
        "c": "refutes", "n": "neutral"}
_FEVER = {"SUPPORTS": "supports", "SUPPORT": "supports", "SUPPORTED": "supports", "REFUTES": "refutes",
          "CONTRADICT": "refutes", "NOT_ENOUGH_INFO": "neutral", "Supported": "supports",
          "Refuted": "refutes", "Not Enough Evidence": "neutral"}

_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}


def detok(text: str) -> str:
    """Undo PTB-style tokenisation (``-LRB-``, spaces before punctuation) found in FEVER / SNLI."""
    for k, v in _PTB.items():
        text = text.replace(k, v)
    text = re.sub(r"\s+([.,;:!?%)\]}'])", r"\1", text)
    text = re.sub(r"([(\[{$])\s+", r"\1", text)
    text = re.sub(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _tsv(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


#: evaluation share for sets shipped as dev only (small sets get a larger share so the figures mean something)
DEV_FRACTIONS = {"fever-symmetric": 0.5, "averitec": 0.3, "scifact": 0.3, "imppres": 0.06}


def _split(forced: str | None, key: str, dataset: str = "") -> str:
    return forced or hash_split(key, DEV_FRACTIONS.get(dataset, DEV_FRACTION))


# -- one loader per set --------------------------------------------------------------------------
def _anli(d: Path, forced: str | None) -> Iterator[Pair]:
    for f in sorted(d.glob("anli_R*_dev.jsonl")):
        for r in _jsonl(f):
            yield Pair("anli-dev", r["hypothesis"], r["premise"], _NLI[r["label"]], _split(forced, r["premise"]),
                       r["premise"])


def _averitec(d: Path, forced: str | None) -> Iterator[Pair]:
    for r in json.loads((d / "dev.json").read_text(encoding="utf-8")):
        label = _FEVER.get(r["label"])
        if label is None:  # conflicting / cherry-picking: no single stance
            continue
        parts = []
        for q in r.get("questions", []):
            answers = [a.get("answer", "") for a in q.get("answers", []) if a.get("answer_type") != "Unanswerable"]
            answers = [a for a in answers if a and a.lower() not in {"no answer could be found.", ""}]
            if answers:
                parts.append(f"{q['question'].rstrip('?')}? {' '.join(answers)}")
        if parts:
            yield Pair("averitec", r["claim"], " ".join(parts)[:1500], label, _split(forced, r["claim"], "averitec"), r["claim"])


def _climate(d: Path, forced: str | None) -> Iterator[Pair]:
    for r in _jsonl(d / "climate-fever.jsonl"):
        for e in r["evidences"]:
            yield Pair("climate-fever", r["claim"], e["evidence"], _FEVER[e["evidence_label"]],
                       _split(forced, "cf" + r["claim_id"]), "cf" + r["claim_id"], e.get("article") or "")


def _cad(d: Path, forced: str | None) -> Iterator[Pair]:
    for f in sorted(d.glob("*.tsv")):
        split = forced or ("dev" if f.stem.endswith("_dev") else "train")
        for r in _tsv(f):
            if r.get("gold_label") in _NLI:
                yield Pair("counterfactual-nli-cad", r["sentence2"], r["sentence1"], _NLI[r["gold_label"]], split,
                           r["sentence1"])


def _fever_sym(d: Path, forced: str | None) -> Iterator[Pair]:
    for f in sorted(d.glob("fever_symmetric_*.jsonl")):
        for r in _jsonl(f):
            base = re.sub(r"000000[234]$", "", str(r["id"]))
            yield Pair("fever-symmetric", detok(r["claim"]), detok(r["evidence"]), _FEVER[r["label"]],
                       _split(forced, "fs" + base, "fever-symmetric"), "fs" + base)


def _imppres(d: Path, forced: str | None) -> Iterator[Pair]:
    for f in sorted(d.glob("*/*.jsonl")):
        for r in _jsonl(f):
            lab = r.get("gold_label") or r.get("gold_label_log")
            if lab in _NLI:
                yield Pair("imppres", r["sentence2"], r["sentence1"], _NLI[lab], _split(forced, r["sentence1"]),
                           r["sentence1"])


def _med(d: Path, forced: str | None) -> Iterator[Pair]:
    for r in _tsv(d / "MED.tsv"):
        lab = {"entailment": "supports", "neutral": "not_supports"}.get(r.get("gold_label", ""))
        if lab:
            yield Pair("med-monotonicity", r["sentence2"], r["sentence1"], lab, _split(forced, r["sentence1"]),
                       r["sentence1"])


def _mnli(d: Path, forced: str | None) -> Iterator[Pair]:
    for r in _jsonl(d / "dev_matched.jsonl"):
        yield Pair("multinli-dev-matched", r["hypothesis"], r["premise"], _NLI[r["label"]],
                   _split(forced, r["premise"]), r["premise"])


def _rte(d: Path, forced: str | None) -> Iterator[Pair]:
    for name, split in (("train.tsv", "train"), ("dev.tsv", "dev")):
        if (d / name).exists():
            for r in _tsv(d / name):
                lab = {"0": "supports", "1": "not_supports"}.get(r.get("label", ""))
                if lab:
                    yield Pair("rte-glue", r["sentence2"], r["sentence1"], lab, forced or split, r["sentence1"])


def _scifact(d: Path, forced: str | None) -> Iterator[Pair]:
    for r in _jsonl(d / "train_pairs.jsonl"):
        lab = _FEVER[r["label"]]
        ev = " ".join(r["rationale"]) if r["rationale"] else " ".join(r["abstract"][:2])
        key = f"sf{r['claim_id']}"
        yield Pair("scifact", r["claim"], ev[:1500], lab, _split(forced, key, "scifact"), key, r.get("title") or "")


def _sick(d: Path, forced: str | None) -> Iterator[Pair]:
    for r in _tsv(d / "SICK_train_trial.tsv"):
        lab = _NLI.get(r.get("entailment_label", "").lower())
        if lab:
            yield Pair("sick-nli", r["sentence_B"], r["sentence_A"], lab, _split(forced, r["sentence_A"]),
                       r["sentence_A"])


def _snli(d: Path, forced: str | None) -> Iterator[Pair]:
    for r in _jsonl(d / "snli_dev_esnli.jsonl"):
        yield Pair("snli-dev-esnli", detok(r["hypothesis"]), detok(r["premise"]), _NLI[r["label"]],
                   _split(forced, detok(r["premise"])), detok(r["premise"]))


def _taxinli(d: Path, forced: str | None) -> Iterator[Pair]:
    # only the pairs NOT in multinli-dev-matched (the overlap file duplicates that set)
    for r in _tsv(d / "taxinli_not_in_dev_matched.tsv"):
        lab = _NLI.get(r.get("label", ""))
        if lab:
            yield Pair("taxinli", r["hyp"], r["prem"], lab, _split(forced, r["prem"]), r["prem"])


Loader = Callable[[Path, "str | None"], Iterator[Pair]]

#: data set folder name → loader. HoVer is absent on purpose: it ships no evidence text.
LOADERS: dict[str, Loader] = {
    "anli-dev": _anli,
    "averitec": _averitec,
    "climate-fever": _climate,
    "counterfactual-nli-cad": _cad,
    "fever-symmetric": _fever_sym,
    "imppres": _imppres,
    "med-monotonicity": _med,
    "multinli-dev-matched": _mnli,
    "rte-glue": _rte,
    "scifact": _scifact,
    "sick-nli": _sick,
    "snli-dev-esnli": _snli,
    "taxinli": _taxinli,
}


def detect(folder: Path) -> str:
    """Name of the loader for a folder laid out like ``shared/data/<name>`` (by its name, then its files)."""
    if folder.name in LOADERS:
        return folder.name
    probes = {
        "anli-dev": "anli_R*_dev.jsonl", "averitec": "dev.json", "climate-fever": "climate-fever.jsonl",
        "fever-symmetric": "fever_symmetric_*.jsonl", "med-monotonicity": "MED.tsv",
        "multinli-dev-matched": "dev_matched.jsonl", "scifact": "train_pairs.jsonl",
        "sick-nli": "SICK_*.tsv", "snli-dev-esnli": "snli_*.jsonl", "taxinli": "taxinli_*.tsv",
        "imppres": "*/*presupposition*.jsonl", "counterfactual-nli-cad": "revised_*.tsv", "rte-glue": "dev.tsv",
    }
    for name, pattern in probes.items():
        if any(folder.glob(pattern)):
            return name
    raise InputError(f"{folder}: not laid out like any known data set ({', '.join(LOADERS)})")


def load_dataset(name: str, root: Path | None = None) -> list[Pair]:
    """All pairs of one shared set, each marked train or dev."""
    folder = (root or shared_data_dir()) / name
    if name not in LOADERS:
        raise InputError(f"unknown data set {name!r}")
    if not folder.is_dir():
        raise InputError(f"data set folder not found: {folder}")
    return list(LOADERS[name](folder, None))


def load_folder(folder: Path) -> list[Pair]:
    """Every example in ``folder`` (e.g. a held-out test split), all marked ``dev``."""
    if not folder.is_dir():
        raise InputError(f"not a folder: {folder}")
    name = detect(folder)
    try:
        return list(LOADERS[name](folder, "dev"))
    except (KeyError, json.JSONDecodeError, OSError) as exc:
        raise InputError(f"{folder}: cannot read as {name}: {exc}") from exc


def load_all(root: Path | None = None) -> list[Pair]:
    """Every pair of every known set, with leakage guards between sets that share text."""
    root = root or shared_data_dir()
    pairs: list[Pair] = []
    for name in LOADERS:
        if (root / name).is_dir():
            pairs.extend(load_dataset(name, root))
    # CAD dev pairs are edits of SNLI dev pairs: keep SNLI pairs whose premise is in a CAD dev pair out of train
    cad_dev = {_norm(p.evidence) for p in pairs if p.dataset == "counterfactual-nli-cad" and p.split == "dev"}
    cad_dev |= {_norm(p.claim) for p in pairs if p.dataset == "counterfactual-nli-cad" and p.split == "dev"}
    out = []
    for p in pairs:
        if p.dataset == "snli-dev-esnli" and p.split == "train" and _norm(p.evidence) in cad_dev:
            continue
        out.append(p)
    # drop exact duplicate training pairs and any training pair identical to a dev pair
    dev_keys = {(_norm(p.claim), _norm(p.evidence)) for p in out if p.split == "dev"}
    seen: set[tuple[str, str]] = set()
    final = []
    for p in out:
        key = (_norm(p.claim), _norm(p.evidence))
        if p.split == "train":
            if key in dev_keys or key in seen:
                continue
            seen.add(key)
        final.append(p)
    return final
