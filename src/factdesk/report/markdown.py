r"""The Markdown report: readable as plain text, renders cleanly on any Markdown viewer.

Text from the page is escaped: ``<`` ``>`` ``&`` become entities (so a Markdown viewer that allows
HTML still shows ``<script>`` as text) and Markdown punctuation is backslash-escaped.

>>> md_escape("a <b> *c*")
'a &lt;b&gt; \\*c\\*'
"""

from __future__ import annotations

import re

from factdesk.models import Claim, Report
from factdesk.report.vocabulary import (
    comment_author,
    confidence_text,
    count_text,
    flag_text,
    one_line,
    percent,
    reason_text,
    score_text,
    verdict_counts,
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


def _link(title: str | None, url: str | None) -> str:
    name = md_escape(title) or md_escape(url) or "source"
    if url and re.match(r"^https?://", url):
        safe = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
        return f"[{name}]({safe})"
    return name


def _claims(claims: list[Claim], heading: str) -> list[str]:
    lines = [f"## {heading}", "", "| # | Claim | Type | Verdict | Confidence |", "|---:|---|---|---|---:|"]
    for i, c in enumerate(claims, 1):
        conf = percent(c.verdict.confidence) if c.verdict else ""
        lines.append(f"| {i} | {md_escape(c.text)} | {c.type} | {verdict_text(c)} | {conf} |")
    lines.append("")
    for i, c in enumerate(claims, 1):
        lines.append(f"### {i}. {verdict_text(c)}: {md_escape(c.text)}")
        lines.append("")
        if c.speaker:
            lines.append(f"Speaker: {md_escape(c.speaker)}  ")
        if c.text != c.sentence:
            lines.append(f"Sentence: “{md_escape(c.sentence)}”  ")
        if c.verdict is None:
            lines += [md_escape(reason_text(c)), ""]
            continue
        v = c.verdict
        lines += [f"{md_escape(v.rationale)} ({confidence_text(v)})", ""]
        for ev in v.evidence:
            lines.append(
                f"- *{ev.stance}* ({score_text(ev.score)}): “{md_escape(ev.text)}” — {_link(ev.title, ev.url)}"
                f" ({md_escape(ev.source)})"
            )
        for pf in v.prior_fact_checks:
            who = ", ".join(md_escape(x) for x in (pf.publisher, pf.date) if x)
            lines.append(
                f"- prior fact-check: “{md_escape(pf.claim_reviewed)}” rated **{md_escape(pf.rating)}**"
                f" {('(' + who + ') ') if who else ''}{_link(pf.publisher, pf.url) if pf.url else ''}".rstrip()
            )
        lines.append("")
    return lines


def render_markdown(report: Report) -> str:
    a = report.article
    lines = [f"# {md_escape(a.title)}", ""]
    meta = [md_escape(x) for x in (a.author, a.published) if x]
    if a.url:
        meta.append(_link(a.url, a.url))
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
    an = report.analysis
    body = []
    if an.summary:
        body += [md_escape(an.summary), ""]
    for t in an.techniques:
        body.append(f"- **{md_escape(t.technique)}**: “{md_escape(t.text)}” — {md_escape(t.explanation)}")
    for v in an.voices:
        body.append(f"- voice: {md_escape(v.speaker)} ({v.direct_quotes} direct, {v.indirect_quotes} indirect quotes)")
    for va in an.vague_attributions:
        body.append(f"- vague attribution: “{md_escape(str(va.get('text', va)))}”")
    if an.unattributed_claims:
        body.append(f"- claims with no attribution: {len(an.unattributed_claims)}")
    if an.comments.get("summary"):
        body.append(f"- comments: {md_escape(str(an.comments['summary']))}")
    if body:
        lines += ["## Analysis", "", *body, ""]
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
