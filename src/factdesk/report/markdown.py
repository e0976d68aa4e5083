r"""The Markdown report: readable as plain text, renders cleanly on any Markdown viewer.

Text from the page is escaped: ``<`` ``>`` ``&`` become entities (so a Markdown viewer that allows
HTML still shows ``<script>`` as text) and Markdown punctuation is backslash-escaped.

>>> md_escape("a <b> *c*")
'a &lt;b&gt; \\*c\\*'
"""

from __future__ import annotations

import re

from factdesk.models import Claim, Report
from factdesk.report.readable import Section, analysis_sections
from factdesk.report.vocabulary import (
    comment_author,
    confidence_short,
    confidence_text,
    count_text,
    flag_text,
    one_line,
    quoted,
    reason_text,
    score_text,
    undecided_text,
    verdict_counts,
    verdict_detail,
    verdict_text,
)

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def md_escape(text: str | None) -> str:
    """Escape page text for inline Markdown (one line, HTML entities, Markdown punctuation)."""
    if not text:
        return ""
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # a leading "-", "1." or ">" would start a list or quote
    return re.sub(r"^(\d+)\.", r"\1\\.", re.sub(r"^([-=])", r"\\\1", text))


def link(title: str | None, url: str | None) -> str:
    name = md_escape(title) or md_escape(url) or "source"
    if url and re.match(r"^https?://", url):
        safe = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
        return f"[{name}]({safe})"
    return name


def _claims(claims: list[Claim], heading: str) -> list[str]:
    lines = [f"## {heading}", "", "| # | Claim | Type | Verdict | Confidence |", "|---:|---|---|---|---:|"]
    for i, c in enumerate(claims, 1):
        conf = confidence_short(c.verdict) if c.verdict else ""
        lines.append(f"| {i} | {md_escape(c.text)} | {c.type} | {md_escape(verdict_detail(c))} | {conf} |")
    lines.append("")
    for i, c in enumerate(claims, 1):
        lines.append(f"### {i}. {verdict_text(c)}: {md_escape(c.text)}")
        lines.append("")
        if c.speaker:
            lines.append(f"Speaker: {md_escape(c.speaker)}  ")
        if c.text != c.sentence:
            lines.append(f"Sentence: {md_escape(quoted(c.sentence))}  ")
        if c.verdict is None:
            lines += [md_escape(reason_text(c)), ""]
            continue
        v = c.verdict
        kind = undecided_text(v)
        lead = confidence_text(v) + (f"; {kind}" if kind else "")
        lines += [f"*{lead}* — {md_escape(v.rationale)}", ""]
        for ev in v.evidence:
            lines.append(
                f"- *{ev.stance}* ({score_text(ev.score)}): {md_escape(quoted(ev.text))} — {link(ev.title, ev.url)}"
                f" ({md_escape(ev.source)})"
            )
        for pf in v.prior_fact_checks:
            who = ", ".join(md_escape(x) for x in (pf.publisher, pf.date) if x)
            lines.append(
                f"- prior fact-check: {md_escape(quoted(pf.claim_reviewed))} rated **{md_escape(pf.rating)}**"
                f" {('(' + who + ') ') if who else ''}{link(pf.publisher, pf.url) if pf.url else ''}".rstrip()
            )
        lines.append("")
    return lines


def _section(section: Section) -> list[str]:
    """One analysis section: a heading, its sentences, a table, a list."""
    lines = [f"### {md_escape(section.title)}", ""]
    for para in section.prose:
        lines += [md_escape(para), ""]
    if section.table is not None:
        t = section.table
        lines.append("| " + " | ".join(md_escape(h) for h in t.headers) + " |")
        lines.append("|" + "|".join("---:" if n else "---" for n in t.numeric) + "|")
        for row in t.rows:
            lines.append("| " + " | ".join(md_escape(cell) or " " for cell in row) + " |")
        lines.append("")
    if section.items:
        lines += [f"- {md_escape(item)}" for item in section.items] + [""]
    return lines


def render_markdown(report: Report) -> str:
    a = report.article
    lines = [f"# {md_escape(a.title)}", ""]
    meta = [md_escape(x) for x in (a.author, a.published) if x]
    if a.url:
        meta.append(link(a.url, a.url))
    if meta:
        lines += [" · ".join(meta), ""]
    counts = ", ".join(count_text(k, n) for k, n in verdict_counts(report).items() if n)
    lines += [f"**Fact check:** {counts or 'no claims found'}", ""]
    lines += ["## Article", ""]
    for para in a.paragraphs:
        lines += [md_escape(para), ""]
    if report.claims:
        lines += _claims(report.claims, "Claims")
    if report.comment_claims:
        lines += _claims(report.comment_claims, "Claims made in comments")
    sections = analysis_sections(report)
    if sections:
        lines += ["## Analysis", ""]
        for section in sections:
            lines += _section(section)
    if a.comments:
        lines += [f"## Comments ({len(a.comments)})", ""]
        for c in a.comments:
            flags = " ".join(f"`{flag_text(f)}`" for f in c.flags)
            who = md_escape(comment_author(c))
            lines.append(f"- **#{c.index}** {who}{' ' + flags if flags else ''}: {md_escape(c.text)}")
            for r in c.reasons:
                lines.append(f"    - {md_escape(r)}")
        lines.append("")
    if report.warnings:
        lines += ["## Warnings", "", *(f"- {md_escape(w)}" for w in report.warnings), ""]
    lines.append(f"*factdesk {md_escape(report.version)}*")
    return "\n".join(lines) + "\n"
