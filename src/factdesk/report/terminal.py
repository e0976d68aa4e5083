"""The terminal report (rich): article, verdict table, evidence under each claim, analysis, comments.

Colour follows the stream the report is printed to: ``render_terminal`` asks rich whether standard
output is a terminal (and honours ``NO_COLOR`` / ``FORCE_COLOR``), so a piped or redirected report is
plain text with no control codes.

>>> from factdesk.models import Article, Report
>>> text = render_terminal(Report(article=Article(title="T", paragraphs=["Body."])), color=False)
>>> "T" in text and "Body." in text
True
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from factdesk.models import Claim, Report
from factdesk.report.readable import Section, analysis_sections
from factdesk.report.vocabulary import (
    confidence_short,
    confidence_text,
    count_text,
    flag_text,
    one_line,
    quoted,
    reason_text,
    score_text,
    stance_style,
    undecided_text,
    verdict_counts,
    verdict_detail,
    verdict_key,
    verdict_style,
    verdict_text,
)


def _label(claim: Claim, detail: bool = False) -> Text:
    return Text(verdict_detail(claim) if detail else verdict_text(claim), style=verdict_style(verdict_key(claim)))


def _article(report: Report) -> list:
    a = report.article
    meta = " · ".join(x for x in (a.author, a.published, a.url) if x)
    parts: list = [Text(a.title, style="bold underline")]
    if meta:
        parts.append(Text(meta, style="dim"))
    parts.append(Text(""))
    for i, para in enumerate(a.paragraphs, 1):
        line = Text(f"{i:>2}  ", style="dim")
        line.append(para)
        parts.append(line)
    return [Rule("Article"), *parts]


def verdict_table(claims: list[Claim], title: str) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, show_lines=False, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Claim", ratio=4)
    table.add_column("Verdict", ratio=2)
    table.add_column("Confidence", justify="right", no_wrap=True)
    for i, c in enumerate(claims, 1):
        conf = confidence_short(c.verdict) if c.verdict else ""
        table.add_row(str(i), Text(one_line(c.text)), _label(c, detail=True), conf)
    return table


def claim_details(claims: list[Claim]) -> list:
    out: list = []
    for i, c in enumerate(claims, 1):
        head = Text(f"{i}. ", style="bold")
        head.append(one_line(c.text))
        head.append("  ")
        head.append_text(_label(c))
        head.append(f"  ({c.type}{', speaker: ' + c.speaker if c.speaker else ''})", style="dim")
        out.append(head)
        if c.verdict is None:
            out.append(Text(f"   {one_line(reason_text(c))}", style="dim"))
            continue
        v = c.verdict
        kind = undecided_text(v)
        lead = confidence_text(v) + (f"; {kind}" if kind else "")
        out.append(Text(f"   {lead} — {one_line(v.rationale)}"))
        for ev in v.evidence:
            line = Text("   • ")
            line.append(ev.stance, style=stance_style(ev.stance))
            line.append(f" {score_text(ev.score)}  ", style="dim")
            line.append(quoted(ev.text))
            src = " — ".join(x for x in (ev.title and one_line(ev.title), ev.source, ev.url) if x)
            if src:
                line.append(f"  [{src}]", style="cyan")
            out.append(line)
        for pf in v.prior_fact_checks:
            line = Text("   ✓ prior fact-check: ", style="magenta")
            line.append(f"{quoted(pf.claim_reviewed)} rated {one_line(pf.rating)}")
            extra = ", ".join(x for x in (pf.publisher, pf.date, pf.url) if x)
            if extra:
                line.append(f" ({extra})", style="dim")
            out.append(line)
    return out


def section_parts(section: Section) -> list:
    """One analysis section (see :mod:`factdesk.report.readable`) as rich renderables."""
    out: list = [Text(section.title, style="bold")]
    out += [Text(p) for p in section.prose]
    if section.table is not None:
        t = section.table
        table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=False)
        for header, numeric in zip(t.headers, t.numeric):
            table.add_column(header, justify="right" if numeric else "left", no_wrap=numeric)
        for row in t.rows:
            table.add_row(*[Text(cell) for cell in row])
        out.append(table)
    out += [Text(f"• {item}") for item in section.items]
    return out


def _analysis(report: Report) -> list:
    out: list = []
    for n, section in enumerate(analysis_sections(report)):
        if n:
            out.append(Text(""))
        out += section_parts(section)
    return out


def _comments(report: Report) -> list:
    out: list = []
    for c in report.article.comments:
        head = Text(f"#{c.index} ", style="bold")
        if c.author:
            head.append(f"{c.author} ", style="bold")
        if c.posted:
            head.append(f"{c.posted} ", style="dim")
        for flag in c.flags:
            head.append(f"[{flag_text(flag)}] ", style="bold red")
        out.append(head)
        out.append(Text(f"   {one_line(c.text)}"))
        for reason in c.reasons:
            out.append(Text(f"   ↳ {one_line(reason)}", style="yellow"))
    return out


def build(report: Report) -> Group:
    """The report as one rich renderable (printable on any console)."""
    parts: list = _article(report)
    counts = verdict_counts(report)
    summary = Text("Fact check: ")
    for key, n in counts.items():
        if n:
            summary.append(f"{count_text(key, n)}  ", style=verdict_style(key))
    if not report.claims:
        summary.append("no claims found", style="dim")
    parts += [Text(""), Rule("Fact check"), summary]
    if report.claims:
        parts += [verdict_table(report.claims, "Claims"), *claim_details(report.claims)]
    if report.comment_claims:
        parts += [Text(""), verdict_table(report.comment_claims, "Claims made in comments")]
        parts += claim_details(report.comment_claims)
    analysis = _analysis(report)
    if analysis:
        parts += [Text(""), Rule("Analysis"), *analysis]
    if report.article.comments:
        parts += [Text(""), Rule(f"Comments ({len(report.article.comments)})"), *_comments(report)]
    if report.warnings:
        warn = Text("\n".join(f"⚠ {one_line(w)}" for w in report.warnings), style="yellow")
        parts += [Text(""), Panel(warn, title="Warnings", border_style="yellow")]
    footer = f"factdesk {report.version}"
    if report.timings:
        footer += " · " + ", ".join(f"{k} {v:.2f}s" for k, v in report.timings.items())
    parts += [Text(""), Text(escape(footer), style="dim")]
    return Group(*parts)


def render_terminal(report: Report, *, color: bool | None = None, width: int | None = None) -> str:
    """Render for a terminal. ``color=None`` asks rich about standard output (TTY, NO_COLOR…)."""
    return print_to_text(build(report), color=color, width=width)


def print_to_text(renderable, *, color: bool | None = None, width: int | None = None) -> str:
    """A rich renderable as text, coloured when ``color`` (``None``: when standard output is a terminal)."""
    probe = Console()
    is_terminal = probe.is_terminal if color is None else color
    console = Console(
        file=io.StringIO(),
        force_terminal=is_terminal,
        no_color=(probe.no_color or not is_terminal) if color is None else not color,
        color_system=(probe.color_system or "standard") if is_terminal else None,
        width=width or (probe.width if is_terminal else 100),
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]
