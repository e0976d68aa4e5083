"""The claims evaluation articles (tests/data/claims/eval/{dev,holdout}) follow their format.

Format checks only (see tests/data/claims/eval/README.md): every sentence of the body listed once and in
order, the verifiable/reason/atoms contract, atoms ending with a period, `keep` and `refs` pointing into
their sentence, ids unique across both splits. Nothing here judges whether the expected atoms are right.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[1] / "data" / "claims" / "eval"
SPLITS = ("dev", "holdout")
GENRES = {"science", "sport", "business", "politics", "culture", "local", "obituary", "review", "history",
          "health", "technology", "crime", "environment", "transport", "education"}
REASONS = {"opinion", "prediction", "rhetorical", "exhortation", "no_content"}
REQUIRED = {"id": str, "genre": str, "provenance": str, "title": str, "paragraphs": list, "sentences": list}
# An atom ends with a period, possibly followed by closing quotation marks or brackets: `… said: "We won."`
ATOM_END = re.compile(r"\.[\"'”’»)\]]*$")

FILES = sorted(p for split in SPLITS for p in (EVAL / split).glob("*.json"))


def _norm(text: str) -> str:
    return " ".join(text.split())


def _is_text(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _sentence_problems(i: int, s, paragraphs: list[str]) -> list[str]:
    where = f"sentences[{i}]"
    if not isinstance(s, dict):
        return [f"{where} is not an object"]
    out = []
    text = s.get("text")
    if not _is_text(text):
        return [f"{where}.text is missing or empty"]
    if text != text.strip():
        out.append(f"{where}.text has leading/trailing whitespace")
    if not any(text in p for p in paragraphs):
        out.append(f"{where}.text does not occur verbatim in any paragraph: {text[:60]!r}")
    atoms = s.get("atoms")
    if not isinstance(atoms, list):
        return out + [f"{where}.atoms is missing or not a list"]
    verifiable = s.get("verifiable")
    if verifiable is False:
        if s.get("reason") not in REASONS:
            out.append(f"{where}: not verifiable but reason {s.get('reason')!r} is not one of {sorted(REASONS)}")
        if atoms:
            out.append(f"{where}: not verifiable but has atoms")
    elif verifiable is True:
        if not atoms:
            out.append(f"{where}: verifiable but has no atoms")
        if s.get("reason"):
            out.append(f"{where}: verifiable but has a reason")
    else:
        out.append(f"{where}.verifiable is not a boolean")
    for j, atom in enumerate(atoms):
        if not _is_text(atom):
            out.append(f"{where}.atoms[{j}] is not a non-empty string")
        elif atom != atom.strip() or not ATOM_END.search(atom):
            out.append(f"{where}.atoms[{j}] does not end with a period: {atom[-40:]!r}")
    keep = s.get("keep", [])
    if not isinstance(keep, list):
        out.append(f"{where}.keep is not a list")
    else:
        for k in keep:
            if not _is_text(k) or k not in text:
                out.append(f"{where}.keep item {k!r} does not occur in the sentence")
    refs = s.get("refs", [])
    if not isinstance(refs, list):
        out.append(f"{where}.refs is not a list")
    else:
        for r in refs:
            if not isinstance(r, dict) or not _is_text(r.get("mention")) or not _is_text(r.get("antecedent")):
                out.append(f"{where}.refs item {r!r} needs a non-empty mention and antecedent")
            elif r["mention"] not in text:
                out.append(f"{where}.refs mention {r['mention']!r} does not occur in the sentence")
    return out


def problems(data, stem: str) -> list[str]:
    """Everything wrong with the format of one article file (empty when it is well formed)."""
    if not isinstance(data, dict):
        return ["the file is not a JSON object"]
    out = []
    for key, kind in REQUIRED.items():
        if not isinstance(data.get(key), kind) or not data[key]:
            out.append(f"{key!r} is missing, empty or not a {kind.__name__}")
    if out:
        return out
    if data["id"] != stem:
        out.append(f"id {data['id']!r} differs from the file name {stem!r}")
    if data["genre"] not in GENRES:
        out.append(f"genre {data['genre']!r} is not one of {sorted(GENRES)}")
    if "published" in data:
        try:
            dt.date.fromisoformat(data["published"])
        except (TypeError, ValueError):
            out.append(f"published {data['published']!r} is not an ISO date")
    paragraphs = data["paragraphs"]
    if not all(_is_text(p) for p in paragraphs):
        return out + ["every paragraph must be a non-empty string"]
    for i, s in enumerate(data["sentences"]):
        out.extend(_sentence_problems(i, s, paragraphs))
    texts = [s.get("text") for s in data["sentences"] if isinstance(s, dict)]
    if all(isinstance(t, str) for t in texts) and _norm(" ".join(texts)) != _norm(" ".join(paragraphs)):
        body, listed = _norm(" ".join(paragraphs)), _norm(" ".join(texts))
        at = next((k for k, (a, b) in enumerate(zip(body, listed)) if a != b), min(len(body), len(listed)))
        out.append(f"the sentences, in order, do not cover the body exactly; first difference near {body[at:at + 50]!r}")
    return out


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_both_splits_have_articles():
    for split in SPLITS:
        assert list((EVAL / split).glob("*.json")), f"no articles in {EVAL / split}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_article_format(path):
    found = problems(_load(path), path.stem)
    assert not found, f"{path.relative_to(EVAL)}:\n  " + "\n  ".join(found)


def test_ids_unique_across_files():
    seen: dict[str, Path] = {}
    for path in FILES:
        ident = _load(path).get("id")
        assert ident not in seen, f"id {ident!r} in both {seen.get(ident)} and {path}"
        seen[ident] = path


def _mutations():
    """Broken copies of a well-formed article, each of which the checker must reject."""

    def first(data, pred):
        return next(s for s in data["sentences"] if pred(s))

    def drop_sentence(d):
        del d["sentences"][1]

    def swap_sentences(d):
        d["sentences"][0], d["sentences"][1] = d["sentences"][1], d["sentences"][0]

    def edit_text(d):
        d["sentences"][0]["text"] = d["sentences"][0]["text"].replace(" ", "  ", 1)

    def no_reason(d):
        first(d, lambda s: not s["verifiable"]).pop("reason")

    def bad_reason(d):
        first(d, lambda s: not s["verifiable"])["reason"] = "boring"

    def atoms_on_unverifiable(d):
        first(d, lambda s: not s["verifiable"])["atoms"] = ["Something happened."]

    def no_atoms(d):
        first(d, lambda s: s["verifiable"])["atoms"] = []

    def no_period(d):
        s = first(d, lambda s: s["verifiable"])
        s["atoms"][0] = s["atoms"][0].rstrip(".")

    def foreign_keep(d):
        first(d, lambda s: s["verifiable"]).setdefault("keep", []).append("Atlantis 1789")

    def foreign_mention(d):
        first(d, lambda s: s["verifiable"]).setdefault("refs", []).append({"mention": "Xyzzy", "antecedent": "A"})

    def missing_key(d):
        d.pop("provenance")

    def bad_genre(d):
        d["genre"] = "gossip"

    def wrong_id(d):
        d["id"] = d["id"] + "-x"

    return [drop_sentence, swap_sentences, edit_text, no_reason, bad_reason, atoms_on_unverifiable, no_atoms,
            no_period, foreign_keep, foreign_mention, missing_key, bad_genre, wrong_id]


@pytest.mark.parametrize("mutate", _mutations(), ids=lambda f: f.__name__)
def test_checker_rejects_broken_articles(mutate):
    path = next(p for p in FILES if any(not s["verifiable"] for s in _load(p)["sentences"]))
    good = _load(path)
    assert problems(good, path.stem) == []
    bad = copy.deepcopy(good)
    mutate(bad)
    assert problems(bad, path.stem), f"{mutate.__name__} went unnoticed"
