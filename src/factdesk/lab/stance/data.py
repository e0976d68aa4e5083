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
DEV_FRACTIONS = {"fever-symmetric": 0.5, "averitec": 0.3, "scifact": 0.3, "imppres": 0.06, "fm2": 0.3,
                 "healthver": 0.3, "nli-new-protocols": 0.1, "semi-auto-nli": 0.1, "fnc-1": 0.1}


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


def _lingnli(d: Path, forced: str | None) -> Iterator[Pair]:
    for f in sorted(d.glob("*.jsonl")):
        split = forced or ("dev" if f.stem == "val" else "train")
        for r in _jsonl(f):
            if r.get("label") in _NLI:
                yield Pair("lingnli", r["hypothesis"].strip(), r["premise"].strip(), _NLI[r["label"]], split,
                           r["premise"].strip())


def _nli_new_protocols(d: Path, forced: str | None) -> Iterator[Pair]:
    # train only here: the authors' val is held out; the premise is the group (one premise, several hypotheses)
    for r in _jsonl(d / "train.jsonl"):
        if r.get("label") in _NLI:
            prem = r["premise"].strip()
            yield Pair("nli-new-protocols", r["hypothesis"].strip(), prem, _NLI[r["label"]], _split(forced, prem, "nli-new-protocols"),
                       prem)


def _semi_auto(d: Path, forced: str | None) -> Iterator[Pair]:
    for r in _jsonl(d / "train.jsonl"):
        if r.get("label") in _NLI:
            prem = r["premise"].strip()
            yield Pair("semi-auto-nli", r["hypothesis"].strip(), prem, _NLI[r["label"]], _split(forced, prem, "semi-auto-nli"),
                       prem)


def _fever_gold(d: Path, forced: str | None) -> Iterator[Pair]:
    for r in _jsonl(d / "dev.jsonl"):
        lab = _FEVER.get(r.get("fever_label", ""))
        if lab:
            claim = detok(r["claim"])
            yield Pair("fever-dev-gold", claim, detok(r["evidence"]), lab, _split(forced, "fg" + claim), "fg" + claim)


def _fm2(d: Path, forced: str | None) -> Iterator[Pair]:
    for r in _jsonl(d / "dev.jsonl"):
        lab = _FEVER.get(r.get("label", ""))
        if lab:
            page = r.get("wikipedia_page") or ""
            # grouped by Wikipedia page, as the authors split the set
            yield Pair("fm2", r["claim"], r["evidence"], lab, _split(forced, "fm" + page, "fm2"), "fm" + page, page)


def _covidfact(d: Path, forced: str | None) -> Iterator[Pair]:
    lab_map = {"entailment": "supports", "not_entailment": "refutes"}
    for name, split in (("train.jsonl", "train"), ("dev.jsonl", "dev")):
        if (d / name).exists():
            for r in _jsonl(d / name):
                lab = lab_map.get(r.get("label", ""))
                if lab:
                    yield Pair("covidfact", r["claim"].strip(), r["evidence"].strip(), lab, forced or split,
                               r.get("gold_source") or r["claim"])


def _healthver(d: Path, forced: str | None) -> Iterator[Pair]:
    lab_map = {"Supports": "supports", "Refutes": "refutes", "Neutral": "neutral"}
    for r in _jsonl(d / "dev.jsonl"):
        lab = lab_map.get(r.get("label", ""))
        if lab:
            claim = r["claim"].strip()
            yield Pair("healthver", claim, r["evidence"].strip(), lab, _split(forced, "hv" + claim, "healthver"), "hv" + claim)


_FNC = {"agree": "supports", "disagree": "refutes", "discuss": "neutral", "unrelated": "neutral"}
#: FNC-1 "unrelated" pairs kept (a seeded share): 73 % of the set, they would drown the stances
FNC_UNRELATED_SHARE = 0.1


def _body_excerpt(headline: str, body: str, n: int = 3) -> str:
    """The ``n`` body sentences sharing most content words with the headline, in body order: what the
    verifier would retrieve, and short enough for a 128-token pair."""
    sents = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", body) if len(s.strip()) > 20]
    if not sents:
        return body[:600]
    words = {w for w in re.findall(r"[a-z0-9]{3,}", headline.lower())}
    scored = sorted(range(len(sents)), key=lambda i: (-len(words & set(re.findall(r"[a-z0-9]{3,}", sents[i].lower()))), i))
    return " ".join(sents[i] for i in sorted(scored[:n]))[:900]


def _fnc(d: Path, forced: str | None) -> Iterator[Pair]:
    bodies = {r["body_id"]: r["body"] for r in _jsonl(d / "bodies.jsonl")}
    for name in ("ukp_train.jsonl", "ukp_test.jsonl"):
        if not (d / name).exists():
            continue
        for r in _jsonl(d / name):
            stance, body = r.get("stance", ""), bodies.get(r.get("body_id"))
            if stance not in _FNC or body is None:
                continue
            if stance == "unrelated" and hash_split("u" + r["id"], FNC_UNRELATED_SHARE) != "dev":
                continue
            key = f"fnc{r['body_id']}"
            # the two UKP files share headlines and bodies: split by body instead
            yield Pair("fnc-1", r["headline"].strip(), _body_excerpt(r["headline"], body), _FNC[stance],
                       _split(forced, key, "fnc-1"), key)


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
    "lingnli": _lingnli,
    "nli-new-protocols": _nli_new_protocols,
    "semi-auto-nli": _semi_auto,
    "fever-dev-gold": _fever_gold,
    "fm2": _fm2,
    "covidfact": _covidfact,
    "healthver": _healthver,
    "fnc-1": _fnc,
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
        "fnc-1": "bodies.jsonl", "lingnli": "train-*.jsonl",
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
