"""Build the ingest development set from real pages shipped in extractors' source distributions.

    python scripts/ingest_devset.py [--out DIR]      # default: <user cache>/factdesk/ingest-devset

Nothing third-party is committed to the repository: the script downloads pinned source
distributions from PyPI with pip (hash-checked), unpacks their test pages and writes folders in
the ``factdesk eval ingest`` format (``cases.jsonl`` + ``html/<file>``):

* ``newspaper4k/`` — the pages of newspaper4k's ``tests/data/html`` that come with expected text
  (``tests/data/txt``) and metadata. ``must_contain``: up to 10 sentences of the expected text
  (spread over it) that occur in the page's visible text; ``must_not_contain``: up to 8 short text
  blocks inside the page's navigation, footer, sidebar, share and related-links containers that
  the expected text does not hold; ``title``: the metadata's title when the page shows it in a
  heading or its ``og:title``.
* ``encodings/`` — some of the same pages saved in a legacy charset (Shift_JIS, GB18030, EUC-KR,
  windows-1252, windows-1256, TIS-620…), once with the charset declared in ``<meta>`` and once
  with no declaration at all, and the same expectations. (The HTTP-header case is tested against a
  local server in ``tests/ingest``.)

Other extractors' source distributions were checked for pages with expected text (goose3 3.1.22,
news-please 1.6.16, readability-lxml 0.9, jusText 3.0.2, htmldate 1.11.0, boilerpy3 1.0.7): they
ship none. Pages of the ScrapingHub article-extraction benchmark and of trafilatura's test folders
are deliberately not used.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import lxml.html
import platformdirs

#: (requirement, sha256 of the sdist) — pinned, so the set is the same on every machine
SDISTS = {
    "newspaper4k": ("newspaper4k==0.9.6", "a3f2f0e017dddb6f1019ee77aaa8980e13e6ecea0b949abc7167aae4770d2d0e"),
}

#: page → legacy charset it is re-saved in for ``encodings/``
LEGACY = {
    "spanish_article": "windows-1252",
    "latvian_article": "windows-1257",
    "arabic_article": "windows-1256",
    "japanese_article2": "shift_jis",
    "chinese_article_001": "gb18030",
    "thai_article": "tis-620",
    "yna_co_kr": "euc-kr",
    "cnn_002": "iso-8859-1",
}

MAX_MUST = 10
MAX_MUST_NOT = 8

_BOILER_TAGS = {"nav", "footer", "aside"}
_BOILER_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|sidebar|side-bar|related|share|sharing|social|promo|"
    r"newsletter|breadcrumbs?|copyright|subscribe|advert|advertisement|cookie|masthead|trending|most-popular|"
    r"mostpopular|outbrain|taboola|site-header|topnav)(?:$|[\s_-])", re.I)
_CJK = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-ZÀ-ÖØ-Þ0-9\u0600-\u06ff])|(?<=[。！？])")


def norm(text: str) -> str:
    return " ".join(text.split())


def _is_cjk(text: str) -> bool:
    return len(_CJK.findall(text)) > len(text) / 3


def _size_ok(text: str, lo_words: int, hi_words: int, lo_chars: int, hi_chars: int) -> bool:
    if _is_cjk(text):
        return lo_chars <= len(text) <= hi_chars
    return lo_words <= len(text.split()) <= hi_words


def _spread(items: list[str], k: int) -> list[str]:
    if len(items) <= k:
        return items
    return [items[round(i * (len(items) - 1) / (k - 1))] for i in range(k)]


def download(req: str, sha: str, into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    name = req.split("==")[0]
    found = [p for p in into.glob("*.tar.gz") if p.name.lower().replace("_", "-").startswith(name.lower() + "-")]
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps", "-q", req,
                        "-d", str(into)], check=True)
        found = [p for p in into.glob("*.tar.gz") if p.name.lower().replace("_", "-").startswith(name.lower() + "-")]
    path = found[0]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha:
        raise SystemExit(f"{path.name}: sha256 {digest} does not match the pinned {sha}")
    return path


def _visible(root: lxml.html.HtmlElement) -> str:
    root = lxml.html.fromstring(lxml.html.tostring(root, encoding="unicode"))
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    body = root.find("body")
    return norm((body if body is not None else root).text_content())


def _boilerplate(root: lxml.html.HtmlElement, expected: str, title: str | None) -> list[str]:
    root = lxml.html.fromstring(lxml.html.tostring(root, encoding="unicode"))
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    containers = [el for el in root.iter() if isinstance(el.tag, str)
                  and (el.tag in _BOILER_TAGS or _BOILER_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"))]
    found: dict[str, None] = {}
    for container in containers:
        for el in container.iter("a", "li", "p", "h2", "h3", "h4", "span", "div", "dt", "dd"):
            text = norm(el.text_content())
            if not text or not _size_ok(text, 4, 20, 8, 60):
                continue
            if any(norm(c.text_content()) == text for c in el if isinstance(c.tag, str)):
                continue  # the innermost element with this text speaks for it
            if text in expected or (title and (text in title or title in text)):
                continue
            if any(len(piece) > 12 and piece in expected for piece in re.split(r"[|·•»›]", text)):
                continue
            found.setdefault(text, None)
    return _spread(sorted(found, key=lambda t: (len(t), t)), MAX_MUST_NOT)


def _must_contain(expected_text: str, visible: str) -> list[str]:
    out: list[str] = []
    for para in expected_text.split("\n"):
        for sentence in _SENTENCE_END.split(norm(para)):
            sentence = sentence.strip()
            if _size_ok(sentence, 6, 80, 12, 200) and sentence in visible and sentence not in out:
                out.append(sentence)
    return _spread(out, MAX_MUST)


_SITE_SUFFIX = re.compile(r"\s+(?:[|»–—-]|::?)\s+.*$|\s*[：|]\s*[^：|]*$")


def _title(meta: dict, root: lxml.html.HtmlElement) -> str | None:
    """The metadata's title when the page shows it (a heading, ``og:title``, or ``<title>`` less a
    site-name suffix); without metadata, the page's only ``<h1>`` when ``og:title``/``<title>`` agree."""
    h1 = [norm(h.text_content()) for h in root.iter("h1") if norm(h.text_content())]
    headings = set(h1) | {norm(h.text_content()) for h in root.iter("h2")}
    og = {norm(m.get("content") or "") for m in root.iter("meta") if m.get("property") == "og:title"}
    shown = og | {_SITE_SUFFIX.sub("", s) for s in og | {norm(t.text_content()) for t in root.iter("title")}}
    title = norm(meta.get("title") or "")
    if title:
        return title if title in headings | shown else None
    return h1[0] if len(h1) == 1 and h1[0] in shown else None


def build_newspaper4k(sdist: Path, out: Path) -> list[dict]:
    cases: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(sdist) as tar:
        members = [m for m in tar.getmembers() if "/tests/data/" in m.name and m.isfile()]
        tar.extractall(tmp, members=members, filter="data")
        data = next(Path(tmp).glob("*/tests/data"))
        (out / "html").mkdir(parents=True, exist_ok=True)
        for html_path in sorted((data / "html").glob("*.html")):
            txt = data / "txt" / (html_path.stem + ".txt")
            if not txt.exists():
                continue
            raw = html_path.read_bytes()
            root = lxml.html.document_fromstring(raw.decode("utf-8"))  # every page there is UTF-8
            meta_path = data / "metadata" / (html_path.stem + ".json")
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            expected_text = txt.read_text(encoding="utf-8")
            visible = _visible(root)
            title = _title(meta, root)
            case = {
                "file": html_path.name,
                "title": title,
                "must_contain": _must_contain(expected_text, visible),
                "must_not_contain": _boilerplate(root, norm(expected_text), title),
                "comments_must_contain": [],
                "source": f"{SDISTS['newspaper4k'][0]} tests/data/html/{html_path.name}",
            }
            if not case["must_contain"]:
                continue
            (out / "html" / html_path.name).write_bytes(raw)
            cases.append(case)
    _write_cases(out, cases)
    return cases


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*[A-Za-z0-9_.:-]{1,40}["']?[^>]{0,200}>""", re.I)


def build_encodings(src: Path, cases: list[dict], out: Path) -> list[dict]:
    by_file = {c["file"]: c for c in cases}
    variants: list[dict] = []
    (out / "html").mkdir(parents=True, exist_ok=True)
    for stem, charset in LEGACY.items():
        case = by_file.get(stem + ".html")
        if case is None:
            continue
        text = (src / "html" / case["file"]).read_text(encoding="utf-8")
        legacy = text.encode(charset, errors="xmlcharrefreplace")
        stripped = _META_CHARSET.sub(b"", legacy)
        head = re.search(rb"<head[^>]*>", stripped, re.I)
        declared = (stripped[:head.end()] + f'<meta charset="{charset}">'.encode() + stripped[head.end():]
                    if head else f'<meta charset="{charset}">'.encode() + stripped)
        for kind, payload in (("meta", declared), ("none", stripped)):
            name = f"{stem}.{charset}.{kind}.html"
            (out / "html" / name).write_bytes(payload)
            variants.append({**case, "file": name, "source": f"{case['source']} re-saved as {charset}, "
                             + ("charset in <meta>" if kind == "meta" else "no charset declared")})
    _write_cases(out, variants)
    return variants


def _write_cases(out: Path, cases: list[dict]) -> None:
    with (out / "cases.jsonl").open("w", encoding="utf-8") as fh:
        for case in cases:
            fh.write(json.dumps(case, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path(platformdirs.user_cache_dir("factdesk")) / "ingest-devset")
    args = ap.parse_args(argv)
    out: Path = args.out
    req, sha = SDISTS["newspaper4k"]
    sdist = download(req, sha, out / "sdists")
    cases = build_newspaper4k(sdist, out / "newspaper4k")
    variants = build_encodings(out / "newspaper4k", cases, out / "encodings")
    print(f"{out / 'newspaper4k'}: {len(cases)} pages, "
          f"{sum(len(c['must_contain']) for c in cases)} body strings, "
          f"{sum(len(c['must_not_contain']) for c in cases)} boilerplate strings, "
          f"{sum(1 for c in cases if c['title'])} titles")
    print(f"{out / 'encodings'}: {len(variants)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
