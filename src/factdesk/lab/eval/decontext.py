"""Score decontextualisation against a labelled set (``factdesk eval decontext``).

The set is JSON Lines, one short article per line::

    {"id": "a01", "topic": "courts", "title": "...", "published": "2025-04-15" | null,
     "provenance": "...", "sentences": ["...", ...],
     "expected": [["rewrite of sentence 0"], ["clause 1 of sentence 1", "clause 2"], ...],
     "resolutions": [{"sentence": 1, "source": "He", "target": "Lopez"}, ...]}

Every sentence is an item: exact match compares the list of claim texts produced for it with the
expected list; a resolution counts as found when the produced text contains the target phrase more
often than the original sentence does (the rewrite added it).
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

from factdesk.claims.relative_dates import parse_published
from factdesk.errors import InputError


def default_set() -> Path:
    """The project's own labelled set (development scores), shipped as package data."""
    return Path(str(resources.files("factdesk") / "resources" / "eval" / "decontext.jsonl"))


def load_set(path: Path) -> list[dict]:
    if not Path(path).is_file():
        raise InputError(f"decontextualisation set not found: {path}")
    items = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}: not JSON ({exc.msg})") from None
        if len(obj.get("expected", [])) != len(obj.get("sentences", [])):
            raise InputError(f"{path}:{n}: 'expected' must have one entry per sentence")
        items.append(obj)
    return items


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("“", '"').replace("”", '"')).strip().lower()


def evaluate_decontext(articles: list[dict], nlp) -> dict:
    from factdesk.claims.decontext import Decontextualizer

    dc = Decontextualizer(nlp)
    n = exact = normalised = spurious = 0
    found = expected_res = 0
    misses = []
    for art in articles:
        out = dc.run(art["title"], art["sentences"], parse_published(art.get("published")))
        for i, (sent, want, got) in enumerate(zip(art["sentences"], art["expected"], out)):
            n += 1
            if got.texts == want:
                exact += 1
            if [_norm(t) for t in got.texts] == [_norm(t) for t in want]:
                normalised += 1
            else:
                misses.append({"id": f"{art['id']}#{i}", "sentence": sent, "expected": want, "got": got.texts})
            if want == [sent] and got.texts != [sent]:
                spurious += 1
        for res in art.get("resolutions", []):
            expected_res += 1
            text = " ".join(out[res["sentence"]].texts)
            original = art["sentences"][res["sentence"]]
            if text.lower().count(res["target"].lower()) > original.lower().count(res["target"].lower()):
                found += 1
    return {
        "articles": len(articles),
        "items": n,
        "exact_match": round(exact / n, 4) if n else 0.0,
        "normalised_match": round(normalised / n, 4) if n else 0.0,
        "resolution_accuracy": round(found / expected_res, 4) if expected_res else 0.0,
        "resolutions_found": found,
        "resolutions_expected": expected_res,
        "spurious_rewrites": spurious,
        "misses": misses,
    }
