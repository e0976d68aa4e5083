"""Read the public check-worthiness corpora (or any folder laid out like one of them).

Every supported layout is a folder of ``.tsv`` / ``.jsonl`` files whose header names a text column
and a label column; the split is read from the file name (``dev`` / ``test`` / otherwise ``train``).

>>> rows = read_folder(Path("../shared/data/checkthat-2024-task1-english"))
>>> rows[0].text, rows[0].label, rows[0].split, rows[0].corpus
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from factdesk.config import shared_data_dir
from factdesk.errors import InputError

TEXT_COLUMNS = ("Text", "text", "tweet_text", "sentence", "Sentence")
LABEL_COLUMNS = ("class_label", "check_worthiness", "label", "Label")
POSITIVE = {"yes", "1", "true"}

#: the corpora factdesk trains on, by folder name under the shared data directory
TRAIN_CORPORA = (
    "checkthat-2024-task1-english",
    "claimbuster",
    "checkthat-2020-task1-english-tweets",
    "checkthat-2020-task5-english-debates",
)
#: the corpora that have a dev split (scored by ``factdesk eval checkworthy`` without ``--data``)
DEV_CORPORA = ("checkthat-2024-task1-english", "checkthat-2020-task1-english-tweets")


@dataclass(frozen=True)
class Example:
    text: str
    label: int
    split: str
    corpus: str


def norm_text(text: str) -> str:
    """Normalisation used to find the same sentence in two corpora."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", text.lower())).strip()


def _split_of(name: str) -> str:
    low = name.lower()
    if "dev" in low:
        return "dev"
    if "test" in low:
        return "test"
    return "train"


def _label(value: object) -> int:
    return 1 if str(value).strip().lower() in POSITIVE else 0


def _read_tsv(path: Path, corpus: str) -> list[Example]:
    out: list[Example] = []
    with path.open(encoding="utf-8", errors="replace") as fh:
        header = fh.readline().rstrip("\r\n").split("\t")
        ti = next((header.index(c) for c in TEXT_COLUMNS if c in header), None)
        li = next((header.index(c) for c in LABEL_COLUMNS if c in header), None)
        if ti is None or li is None:
            raise InputError(f"{path}: no text/label column in header {header}")
        split = _split_of(path.name)
        for line in fh:
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) <= max(ti, li):
                continue
            text = cols[ti].strip()
            if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
                text = text[1:-1].replace('""', '"')
            if text:
                out.append(Example(text, _label(cols[li]), split, corpus))
    return out


def _read_jsonl(path: Path, corpus: str) -> list[Example]:
    out: list[Example] = []
    split = _split_of(path.name)
    with path.open(encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}: not JSON ({exc.msg})") from None
            text = next((obj[c] for c in TEXT_COLUMNS if c in obj), None)
            label = next((obj[c] for c in LABEL_COLUMNS if c in obj), None)
            if text is None or label is None:
                raise InputError(f"{path}:{n}: no text/label field")
            out.append(Example(str(text).strip(), _label(label), split, corpus))
    return out


def read_folder(folder: Path, splits: tuple[str, ...] | None = None) -> list[Example]:
    """All labelled examples in ``folder`` (``splits`` filters by split name)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"data folder not found: {folder}")
    rows: list[Example] = []
    files = sorted(p for p in folder.iterdir() if p.suffix in (".tsv", ".jsonl"))
    if not files:
        raise InputError(f"{folder}: no .tsv or .jsonl files")
    for path in files:
        reader = _read_tsv if path.suffix == ".tsv" else _read_jsonl
        rows += reader(path, folder.name)
    if splits is not None:
        rows = [r for r in rows if r.split in splits]
    return rows
