"""Every report format, on hand-built reports: contract, escaping, content, layout."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import jsonschema
import pytest

from factdesk.errors import InputError
from factdesk.models import Report
from factdesk.report import FORMATS, RENDERERS, render
from factdesk.report.terminal import render_terminal
from tests.helpers import run_cli
from tests.report.reports import empty_report, overlapping_report, rich_report

REPORTS = {"rich": rich_report, "empty": empty_report, "overlapping": overlapping_report}


@pytest.fixture(scope="module")
def report_schema() -> dict:
    proc = run_cli("schema")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _words(text: str) -> str:
    return " ".join(text.split())


# -- registry ------------------------------------------------------------------------------------


def test_formats_are_the_cli_formats():
    from factdesk.commands.check import Format

    assert set(FORMATS) == {f.value for f in Format} == set(RENDERERS)


@pytest.mark.parametrize("name", sorted(REPORTS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_every_report(name, fmt):
    out = render(REPORTS[name](), fmt)
    assert isinstance(out, str) and out.strip()


def test_unknown_format_is_an_input_error():
    with pytest.raises(InputError, match="unknown report format 'pdf'"):
        render(empty_report(), "pdf")


# -- JSON ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_json_validates_against_the_published_schema_and_round_trips(name, report_schema):
    report = REPORTS[name]()
    data = json.loads(render(report, "json"))
    jsonschema.validate(data, report_schema)
    assert Report.model_validate(data) == report
    # contract field names
    assert {"article", "claims", "analysis", "warnings", "version"} <= set(data)
    for claim in data["claims"]:
        assert {"id", "text", "sentence", "span", "paragraph", "type", "speaker", "checkworthiness", "checked", "verdict"} <= set(claim)


def test_json_schema_rejects_a_broken_report(report_schema):
    data = json.loads(render(rich_report(), "json"))
    data["claims"][0]["verdict"]["label"] = "probably"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, report_schema)


# -- HTML ----------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Collects tags, attributes, landmark roles, ids, mark highlights and paragraph text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.stack: list[tuple[str, dict]] = []
        self.paragraph_text: dict[str, str] = {}
        self.marks: list[tuple[str, str, str]] = []  # (class, href, text)
        self.h1 = ""
        self._mark: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "mark":
            self._mark = [a.get("class", ""), "", ""]
        if tag == "a" and self._mark is not None:
            self._mark[1] = a.get("href", "")
        if tag not in {"meta", "br", "img", "link", "input"}:
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark is not None:
            self.marks.append(tuple(self._mark))
            self._mark = None
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        if self._mark is not None:
            self._mark[2] += data
        for tag, a in reversed(self.stack):
            if tag == "p" and a.get("id", "").startswith("p"):
                in_sr = any("sr-only" in (x.get("class") or "") for _, x in self.stack)
                if not in_sr:
                    self.paragraph_text[a["id"]] = self.paragraph_text.get(a["id"], "") + data
                break
        if self.stack and self.stack[-1][0] == "h1":
            self.h1 += data


def _page(report: Report) -> tuple[str, _Page]:
    html = render(report, "html")
    parser = _Page()
    parser.feed(html)
    return html, parser


def test_html_escapes_everything_and_runs_no_script():
    report = rich_report()
    html, page = _page(report)
    assert "<script" not in html.lower()
    assert not [t for t, _ in page.tags if t in {"script", "iframe", "object", "embed"}]
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html
    for tag, attrs in page.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert "src" not in attrs, "a standalone report loads nothing"
        if tag == "link":
            raise AssertionError("no external stylesheet")
        if tag == "a":
            assert re.match(r"^(#|https?://)", attrs["href"]), attrs["href"]
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]


def test_html_is_accessible_and_mobile_ready():
    report = rich_report()
    html, page = _page(report)
    tags = [t for t, _ in page.tags]
    assert tags.count("h1") == 1 and _words(page.h1) == _words(report.article.title)
    assert {"main", "aside", "header", "footer", "article"} <= set(tags)
    for tag, a in page.tags:
        if tag in {"aside", "section", "article"}:
            assert a.get("aria-labelledby") in page.ids, (tag, a)
    html_tag = next(a for t, a in page.tags if t == "html")
    assert html_tag.get("lang") == "en"
    assert any(t == "meta" and a.get("name") == "viewport" and "width=device-width" in a["content"] for t, a in page.tags)
    assert "@media" in html
    assert any(t == "a" and a.get("href") == "#main" for t, a in page.tags), "skip link"


def test_html_highlights_claims_by_verdict_without_changing_the_text():
    report = rich_report()
    _, page = _page(report)
    for i, para in enumerate(report.article.paragraphs):
        assert page.paragraph_text[f"p{i}"] == para
    marked = {href.removeprefix("#claim-"): (cls, text) for cls, href, text in page.marks}
    for claim in report.claims:
        cls, text = marked[claim.id]
        expected = claim.verdict.label if claim.verdict else "unchecked"
        assert cls == f"v-{expected}"
        assert text == claim.sentence
        assert f"claim-{claim.id}" in page.ids, "each highlight opens its claim in the panel"
    for claim in report.comment_claims:
        assert f"claim-{claim.id}" in page.ids


def test_html_panel_lists_evidence_links_prior_checks_and_flagged_comments():
    report = rich_report()
    html, page = _page(report)
    hrefs = {a.get("href") for t, a in page.tags if t == "a"}
    for claim in report.claims:
        for ev in claim.verdict.evidence if claim.verdict else []:
            if ev.url and ev.url.startswith("http"):
                assert ev.url in hrefs
    assert "https://check.example.net/1" in hrefs
    for comment in report.article.comments:
        assert f"comment-{comment.index}" in page.ids
    for label in ("generic", "templated", "near duplicate", "machine-written", "coordinated"):
        assert f'<span class="badge flag">{label}</span>' in html
    assert "reason for coordinated: &lt;script&gt;" in html
    # comments are numbered by Comment.index, the numbering the analysis reasons use ("linked to comment #5")
    assert "<strong>#5 Ana</strong>" in html
    assert "(opinion: a judgement, not a verifiable fact)" in html


def test_html_overlapping_and_out_of_range_spans_keep_the_text():
    report = overlapping_report()
    _, page = _page(report)
    for i, para in enumerate(report.article.paragraphs):
        assert page.paragraph_text[f"p{i}"] == para
    # the sentence shared by two atomic claims is highlighted once per segment, leading with a verdict
    assert page.marks[0][0] in {"v-supported", "v-refuted"}


def test_html_for_an_empty_report_says_so():
    html, page = _page(empty_report())
    assert "No claims were found" in html and "No comments." in html
    assert not page.marks


# -- Markdown ------------------------------------------------------------------------------------


def test_markdown_is_readable_and_escaped():
    report = rich_report()
    md = render(report, "markdown")
    assert "<script" not in md and "&lt;script&gt;" in md
    lines = md.splitlines()
    assert lines[0].startswith("# Marathon record falls in Montreal")
    assert "| # | Claim | Type | Verdict | Confidence |" in md
    for label in ("Supported", "Refuted", "Mixed evidence", "Not enough evidence: nothing relevant found",
                  "Not checked"):
        assert f"| {label} |" in md
    assert "| high (91%) |" in md and "| low (40%) |" in md
    # a table row never breaks: each claim row has exactly 6 unescaped pipes
    rows = [ln for ln in lines if re.match(r"^\| \d+ \|", ln)]
    assert len(rows) == len(report.claims) + len(report.comment_claims)
    assert all(len(re.findall(r"(?<!\\)\|", r)) == 6 for r in rows)
    assert "[Results 2026](https://results.example.com/2026)" in md
    assert "javascript:" not in md
    for flag in ("`generic`", "`templated`", "`near duplicate`", "`machine-written`", "`coordinated`"):
        assert flag in md
    assert "## Warnings" in md and "## Comments (6)" in md
    assert "- **#5** Ana: I ran it in 2019" in md
    assert "東京" in md and "Élise" in md


# -- terminal ------------------------------------------------------------------------------------


def test_terminal_shows_article_verdicts_evidence_comments_and_warnings():
    report = rich_report()
    text = render_terminal(report, color=False, width=120)
    assert "\x1b" not in text
    flat = _words(text)
    assert _words(report.article.title) in flat
    for para in report.article.paragraphs:
        assert _words(para) in flat
    for comment in report.article.comments:
        assert _words(comment.text) in flat
        for reason in comment.reasons:
            assert _words(reason) in flat
    for flag in ("[generic]", "[templated]", "[near duplicate]", "[machine-written]", "[coordinated]"):
        assert flag in flat
    for label in ("Supported", "Refuted", "Mixed evidence", "Not enough evidence", "Not checked"):
        assert label in flat
    assert "“14,200 runners started the 2026 Montreal marathon.”" in flat
    assert "prior fact-check" in flat and "timed out" in flat
    assert "#5 Ana" in flat


def test_terminal_colours_only_when_asked():
    report = rich_report()
    coloured = render_terminal(report, color=True, width=120)
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured).split() == render_terminal(report, color=False, width=120).split()


_PRINT = (
    "import sys; sys.path.insert(0, %r); from tests.report.reports import rich_report; "
    "from factdesk.report import render; sys.stdout.write(render(rich_report(), 'text'))"
)


def test_terminal_detects_a_pipe_and_a_tty(tmp_path):
    """Let rich decide: piped output is plain, a pseudo-terminal gets colour."""
    import os
    import pty
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR", "TERM"}}
    env["TERM"] = "xterm-256color"
    piped = subprocess.run([sys.executable, "-c", _PRINT % root], capture_output=True, env=env, timeout=60)
    assert piped.returncode == 0, piped.stderr
    assert b"\x1b" not in piped.stdout and b"Montreal" in piped.stdout

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", _PRINT % root], stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    assert proc.returncode == 0
    assert b"\x1b[" in b"".join(chunks)

    env_nc = {**env, "NO_COLOR": "1"}
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", _PRINT % root], stdout=slave, env=env_nc)
    os.close(slave)
    out = b""
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
    proc.wait(timeout=60)
    os.close(master)
    assert not re.search(rb"\x1b\[[0-9;]*3\dm", out), "NO_COLOR: no foreground colours"


def test_terminal_shows_the_whole_seed_page(seed_path):
    """A new user sees the seed's title, every paragraph and every comment in the terminal."""
    from factdesk.ingest import load_article

    article = load_article(str(seed_path))
    flat = _words(render_terminal(Report(article=article), color=False, width=100))
    assert _words(article.title) in flat
    assert article.paragraphs and all(_words(p) in flat for p in article.paragraphs)
    assert article.comments and all(_words(c.text) in flat for c in article.comments)
    assert f"Comments ({len(article.comments)})" in flat
