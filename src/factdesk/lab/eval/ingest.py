"""Score HTML ingest on folders of real pages, side by side with trafilatura alone.

A folder holds ``cases.jsonl`` — one line per page::

    {"file": "story.html", "title": "…", "must_contain": ["…"], "must_not_contain": ["…"],
     "comments_must_contain": ["…"]}

— and the pages under ``html/<file>``. Each page is read from its bytes twice in one run: by
factdesk (:func:`factdesk.ingest.article_from_bytes`, what ``factdesk check page.html`` does) and by
``trafilatura.bare_extraction`` with its defaults and comments on (what ``trafilatura.extract``
returns, with the main text and the comments kept apart). Matching is on whitespace-normalised
text; every figure pools the strings of all pages:

* **body strings found** — ``must_contain`` strings found in the body (factdesk: the paragraphs;
  trafilatura: its main text);
* **boilerplate kept out** — ``must_not_contain`` strings found neither in the body nor in the
  comments;
* **comment strings found** — ``comments_must_contain`` strings found in the comments;
* **title** — pages whose title equals the expected one (of the pages that give one);
* **pages that failed** — an exception, or no body at all. A failed page finds none of its strings.

>>> result = evaluate([Path("tests/data/ingest/comments")])     # doctest: +SKIP
>>> print(format_table(result))                                   # doctest: +SKIP
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from factdesk.errors import InputError

EXTRACTORS = ("factdesk", "trafilatura")
COLUMNS = ("body", "boilerplate", "comments", "title", "failed")
HEADERS = {
    "body": "body strings found",
    "boilerplate": "boilerplate kept out",
    "comments": "comment strings found",
    "title": "title",
    "failed": "pages that failed",
}


def norm(text: str | None) -> str:
    """Whitespace-normalised text (every run of whitespace, NBSP included, is one space)."""
    return " ".join((text or "").split())


@dataclass
class Case:
    folder: str
    file: str
    title: str | None
    must_contain: list[str]
    must_not_contain: list[str]
    comments_must_contain: list[str]

    @property
    def path(self) -> Path:
        return Path(self.folder) / "html" / self.file


@dataclass
class Extraction:
    title: str = ""
    body: str = ""
    comments: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None or not norm(self.body)


def load_cases(folder: Path) -> list[Case]:
    """The cases of one folder; ``InputError`` naming the folder, line or page that is wrong."""
    path = folder / "cases.jsonl"
    if not path.is_file():
        raise InputError(f"--data {folder}: no cases.jsonl in it")
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            case = Case(folder=str(folder), file=str(raw["file"]), title=raw.get("title") or None,
                        must_contain=list(raw.get("must_contain") or []),
                        must_not_contain=list(raw.get("must_not_contain") or []),
                        comments_must_contain=list(raw.get("comments_must_contain") or []))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{n}: not a case line ({exc})") from None
        if not case.path.is_file():
            raise InputError(f"{path}:{n}: page {case.path} not found")
        cases.append(case)
    return cases


# -- the two extractors --------------------------------------------------------------------------
def extract_factdesk(data: bytes, origin: str) -> Extraction:
    from factdesk.ingest import article_from_bytes

    try:
        article = article_from_bytes(data, origin=origin)
    except Exception as exc:  # noqa: BLE001 - a failure is a result here
        return Extraction(error=f"{type(exc).__name__}: {exc}"[:300])
    return Extraction(title=article.title or "", body="\n".join(article.paragraphs),
                      comments=[c.text for c in article.comments])


def extract_trafilatura(data: bytes, origin: str) -> Extraction:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(data, include_comments=True, with_metadata=True)
    except Exception as exc:  # noqa: BLE001
        return Extraction(error=f"{type(exc).__name__}: {exc}"[:300])
    if doc is None:
        return Extraction(error="nothing extracted")
    comments = getattr(doc, "comments", None) or ""
    return Extraction(title=getattr(doc, "title", None) or "", body=getattr(doc, "text", None) or "",
                      comments=[comments] if comments.strip() else [])


Extractor = Callable[[bytes, str], Extraction]
_EXTRACT: dict[str, Extractor] = {"factdesk": extract_factdesk, "trafilatura": extract_trafilatura}


# -- scoring -------------------------------------------------------------------------------------
def score_page(case: Case, got: Extraction) -> dict:
    """Per-page counts and the strings missed (or leaked), for one extractor."""
    failed = got.failed
    body = "" if failed else norm(got.body)
    comments = "" if failed else norm(" \n ".join(got.comments))
    found = [s for s in case.must_contain if norm(s) in body]
    leaked = [s for s in case.must_not_contain if norm(s) in body or norm(s) in comments]
    c_found = [s for s in case.comments_must_contain if norm(s) in comments]
    title_ok = None if not case.title else (not failed and norm(got.title) == norm(case.title))
    return {
        "file": f"{Path(case.folder).name}/{case.file}",
        "body": [len(found), len(case.must_contain)],
        "boilerplate": [len(case.must_not_contain) - len(leaked), len(case.must_not_contain)],
        "comments": [len(c_found), len(case.comments_must_contain)],
        "title": title_ok,
        "got_title": got.title,
        "n_comments": len(got.comments),
        "failed": failed,
        "error": got.error,
        "missed": [s for s in case.must_contain if s not in found],
        "leaked": leaked,
        "comments_missed": [s for s in case.comments_must_contain if s not in c_found],
    }


def summarise(pages: list[dict]) -> dict:
    def ratio(key: str) -> float | None:
        hit = sum(p[key][0] for p in pages)
        total = sum(p[key][1] for p in pages)
        return round(hit / total, 3) if total else None

    titled = [p for p in pages if p["title"] is not None]
    return {
        "body": ratio("body"),
        "boilerplate": ratio("boilerplate"),
        "comments": ratio("comments"),
        "title": round(sum(1 for p in titled if p["title"]) / len(titled), 3) if titled else None,
        "failed": sum(1 for p in pages if p["failed"]),
        "pages": len(pages),
    }


def evaluate(folders: Iterable[Path], extractors: Iterable[str] = EXTRACTORS) -> dict:
    """Run every extractor on every page of ``folders``; totals, per-folder figures and per-page detail."""
    cases = [case for folder in folders for case in load_cases(Path(folder))]
    result: dict = {"pages": len(cases), "strings": {
        "body": sum(len(c.must_contain) for c in cases),
        "boilerplate": sum(len(c.must_not_contain) for c in cases),
        "comments": sum(len(c.comments_must_contain) for c in cases),
        "titles": sum(1 for c in cases if c.title)}, "extractors": {}}
    for name in extractors:
        extract = _EXTRACT[name]
        pages, start = [], time.perf_counter()
        for case in cases:
            pages.append(score_page(case, extract(case.path.read_bytes(), case.file)))
        seconds = time.perf_counter() - start
        folders_seen = sorted({p["file"].split("/")[0] for p in pages})
        result["extractors"][name] = {
            "total": summarise(pages),
            "folders": {f: summarise([p for p in pages if p["file"].split("/")[0] == f]) for f in folders_seen},
            "seconds": round(seconds, 2),
            "pages": pages,
        }
    return result


def _cell(value: float | int | None) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def format_table(result: dict) -> str:
    """The issue's table: one row per extractor, totals first, then one block per folder."""
    lines = [f"{result['pages']} pages; {result['strings']['body']} body strings, "
             f"{result['strings']['boilerplate']} boilerplate strings, {result['strings']['comments']} comment "
             f"strings, {result['strings']['titles']} titles", ""]
    head = "| | " + " | ".join(HEADERS[c] for c in COLUMNS) + " |"
    rule = "|---|" + "---|" * len(COLUMNS)

    def block(label: str, key: str | None) -> None:
        lines.extend([f"{label}", "", head, rule])
        for name, data in result["extractors"].items():
            figures = data["total"] if key is None else data["folders"].get(key, {})
            lines.append(f"| {name} | " + " | ".join(_cell(figures.get(c)) for c in COLUMNS) + " |")
        lines.append("")

    block("all pages", None)
    folder_names = sorted({f for data in result["extractors"].values() for f in data["folders"]})
    if len(folder_names) > 1:
        for folder in folder_names:
            block(folder, folder)
    return "\n".join(lines).rstrip() + "\n"


def write_json(result: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


__all__ = ["Case", "Extraction", "load_cases", "evaluate", "format_table", "score_page", "summarise",
           "write_json", "norm"]
