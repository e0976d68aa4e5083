"""Reports of claims checked on their own (``factdesk verify``): terminal text, Markdown and JSON.

The same words and colours as an article's report (:mod:`factdesk.report.vocabulary`), without the
article around the claims.

>>> from factdesk.models import Claim, ClaimsReport, Verdict
>>> claim = Claim(id="c", text="The lift opened in 1902.", sentence="The lift opened in 1902.", span=(0, 24),
...               paragraph=0, checkworthiness=0.8, checked=True,
...               verdict=Verdict(label="supported", confidence=0.91, rationale="The source says 1902."))
>>> print(render_claims(ClaimsReport(claims=[claim]), "markdown").splitlines()[2])
1. **Supported** — The lift opened in 1902.
"""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from factdesk.errors import InputError
from factdesk.models import ClaimsReport
from factdesk.report.markdown import link, md_escape
from factdesk.report.terminal import claim_details, print_to_text, verdict_table
from factdesk.report.vocabulary import confidence_text, one_line, quoted, reason_text, undecided_text, verdict_detail

CLAIM_FORMATS = ("text", "json", "markdown")


def render_claims(report: ClaimsReport, fmt: str, *, color: bool | None = None) -> str:
    """``report`` as ``text`` (the terminal's), ``markdown`` or ``json``."""
    if fmt == "json":
        return report.to_json()
    if fmt == "markdown":
        return _markdown(report)
    if fmt == "text":
        parts: list = [verdict_table(report.claims, "Claims"), *claim_details(report.claims)]
        if report.warnings:
            warn = Text("\n".join(f"⚠ {one_line(w)}" for w in report.warnings), style="yellow")
            parts.append(Panel(warn, title="Warnings", border_style="yellow"))
        return print_to_text(Group(*parts), color=color)
    raise InputError(f"unknown format {fmt!r} for claims; choose one of {', '.join(CLAIM_FORMATS)}")


def _markdown(report: ClaimsReport) -> str:
    lines = ["# Claims checked", ""]
    for i, c in enumerate(report.claims, 1):
        lines.append(f"{i}. **{md_escape(verdict_detail(c))}** — {md_escape(c.text)}")
        if c.verdict is None:
            lines.append(f"   {md_escape(reason_text(c))}")
            continue
        v = c.verdict
        kind = undecided_text(v)
        lead = confidence_text(v) + (f"; {kind}" if kind else "")
        lines.append(f"   *{lead}* — {md_escape(v.rationale)}")
        for ev in v.evidence:
            lines.append(f"   - {ev.stance}: {md_escape(quoted(ev.text))} — {link(ev.title or ev.source, ev.url)}")
    if report.warnings:
        lines += ["", "## Warnings", ""] + [f"- {md_escape(w)}" for w in report.warnings]
    return "\n".join(lines) + "\n"
