"""The article analysis as a reader reads it: sections of prose, tables and lists, for every format.

The analysis stage keeps its findings as data (``Analysis``: techniques, voices, vague attributions,
the headline check, the comment-section summary, and more in ``extra``). :func:`analysis_sections`
turns all of it into :class:`Section` s — a title, sentences, at most one :class:`Table` and a list —
which the terminal, Markdown and HTML reports each lay out in their own way, so no format ever shows
program data. A field this module does not know yet is still shown, as a list or a table with its
keys written as words.

>>> from factdesk.models import Analysis, Article, Report
>>> report = Report(article=Article(title="T", paragraphs=["P."]),
...                 analysis=Analysis(headline={"support": "supported", "support_score": 0.83,
...                                             "text": "The body supports the headline."}))
>>> [s.title for s in analysis_sections(report)]
['Headline']
>>> analysis_sections(report)[0].prose
['The body supports the headline.']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from factdesk.models import Report
from factdesk.report.vocabulary import FLAG_TEXT, key_words, one_line, percent, quoted


@dataclass
class Table:
    """Rows of text under headers; ``numeric`` marks the columns read as numbers (aligned right)."""

    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.numeric:
            self.numeric = [False] * len(self.headers)


@dataclass
class Section:
    """One part of the analysis: ``key`` (stable, for anchors and tests), ``title``, sentences, a table
    and list items, each optional."""

    key: str
    title: str
    prose: list[str] = field(default_factory=list)
    table: Table | None = None
    items: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.prose or self.table or self.items)


# -- words -----------------------------------------------------------------------------------------
def sentence(text: Any) -> str:
    """Text as a sentence: one line, a capital first letter, a full stop at the end."""
    text = one_line(str(text)).strip()
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".!?…”\"')" else text + "."


def value_text(value: Any) -> str:
    """A value as a reader reads it: yes/no, a number with two decimals at most, a list joined."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(v) for v in value) or "none"
    if isinstance(value, dict):
        return "; ".join(f"{key_words(k).lower()}: {value_text(v)}" for k, v in value.items())
    return one_line(str(value))


def comment_refs(indexes: list[Any]) -> str:
    """``#4, #5 and #8``."""
    refs = [f"#{i}" for i in indexes]
    return refs[0] if len(refs) == 1 else ", ".join(refs[:-1]) + " and " + refs[-1] if refs else ""


def technique_parts(technique: str, explanation: str) -> tuple[str, str]:
    """The technique's name and what it does: ``("Name calling / labelling", "a label that …")`` from
    an explanation ``"Name calling / labelling: a label that …"``; else the name from its key."""
    name, sep, what = explanation.partition(": ")
    if sep and name and len(name) <= 60:
        return name.strip(), what.strip()
    return key_words(technique), explanation.strip()


# -- generic fallback ------------------------------------------------------------------------------
def _generic(key: str, value: Any) -> Section:
    """Any finding, without program syntax: a list of dicts is a table, a dict a list of entries."""
    section = Section(key=key, title=key_words(key))
    if isinstance(value, dict):
        text = value.get("text") or value.get("summary")
        if text:
            section.prose.append(sentence(text))
        section.items = [f"{key_words(k)}: {value_text(v)}" for k, v in value.items() if k not in ("text", "summary")]
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        keys = list(dict.fromkeys(k for row in value for k in row if k != "span"))
        section.table = Table([key_words(k) for k in keys], [[value_text(row.get(k)) for k in keys] for row in value])
    elif isinstance(value, list):
        section.items = [value_text(v) for v in value]
    elif value not in (None, ""):
        section.prose.append(sentence(value_text(value)))
    return section


# -- the sections ----------------------------------------------------------------------------------
def _techniques(report: Report) -> Section:
    rows = []
    for t in report.analysis.techniques:
        name, what = technique_parts(t.technique, t.explanation)
        rows.append([name, quoted(t.text), sentence(what) if what else ""])
    section = Section("language", "Language")
    if rows:
        n = len(rows)
        section.prose.append(f"Persuasive wording was found in {n} place{'s' if n != 1 else ''}.")
        section.table = Table(["Technique", "Passage", "What it does"], rows)
    return section


def _voices(report: Report) -> Section:
    an = report.analysis
    section = Section("voices", "Sources and voices")
    balance = an.extra.get("balance") if isinstance(an.extra.get("balance"), dict) else {}
    if balance.get("text"):
        section.prose.append(sentence(balance["text"]))
    if balance.get("one_sided"):
        section.prose.append("The quoted voices are one-sided: one voice has most of the quoted words, or only one "
                             "is quoted.")
    if an.voices:
        section.table = Table(
            ["Voice", "Role", "Direct quotes", "Indirect quotes", "Quoted words"],
            [[one_line(v.speaker), one_line(v.role or "—"), str(v.direct_quotes), str(v.indirect_quotes), str(v.words)]
             for v in an.voices],
            [False, False, True, True, True],
        )
    return section


def _quotes(report: Report) -> Section:
    quotes = report.analysis.extra.get("quotes")
    section = Section("quotes", "Quotations")
    if isinstance(quotes, list) and quotes:
        rows = []
        for q in quotes:
            if not isinstance(q, dict):
                continue
            kind = {"direct": "direct quote", "indirect": "reported speech"}.get(q.get("kind"), value_text(q.get("kind")))
            rows.append([one_line(q.get("speaker") or "no one named"), kind, quoted(q.get('text', ''))])
        if rows:
            section.table = Table(["Speaker", "Kind", "Quoted words"], rows)
    return section


def _vague(report: Report) -> Section:
    vague = report.analysis.vague_attributions
    section = Section("vague", "Vague attributions")
    if vague:
        n = len(vague)
        section.prose.append(f"{n} statement{'s rest' if n != 1 else ' rests'} on sources that are not named.")
        rows = []
        for v in vague:
            phrase = v.get("phrase") or v.get("text") or ""
            rows.append([quoted(phrase), one_line(v.get("sentence") or ""),
                         sentence(v.get("reason") or v.get("explanation") or "")])
        section.table = Table(["Phrase", "Sentence", "Why it matters"], rows)
    return section


def _unattributed(report: Report) -> Section:
    an = report.analysis
    section = Section("unattributed", "Statements without attribution")
    listed = an.extra.get("unattributed_sentences")
    texts: list[str] = []
    if isinstance(listed, list) and listed:
        texts = [one_line(x.get("text", "")) for x in listed if isinstance(x, dict) and x.get("text")]
    elif an.unattributed_claims:
        by_id = {c.id: c.text for c in report.claims}
        texts = [one_line(by_id[i]) for i in an.unattributed_claims if i in by_id]
    n = len(texts) or len(an.unattributed_claims)
    if n:
        section.prose.append(f"{n} factual statement{'s carry' if n != 1 else ' carries'} no attribution: the "
                             "article does not say who says so.")
        section.items = texts
    return section


def _headline(report: Report) -> Section:
    hl = dict(report.analysis.headline)
    section = Section("headline", "Headline")
    if not hl:
        return section
    lead = hl.pop("text", None) or hl.pop("summary", None)
    if lead:
        section.prose.append(sentence(lead))
    support, score = hl.pop("support", None), hl.pop("support_score", None)
    overlap, similarity = hl.pop("word_overlap", None), hl.pop("embedding_similarity", None)
    if support is not None:
        how = []
        if score is not None:
            how.append(f"score {value_text(score)}")
        if overlap is not None:
            how.append(f"{percent(overlap)} of its words are in the body")
        if similarity is not None:
            how.append(f"closest body sentence similarity {value_text(similarity)}")
        section.items.append(f"Headline support: {support}" + (f" ({'; '.join(how)})" if how else ""))
    best = hl.pop("best_matching_sentence", None)
    if best:
        section.items.append(f"Closest sentence in the body: {quoted(best)}")
    missing = hl.pop("headline_words_missing_from_body", None)
    if missing is not None:
        section.items.append(f"Headline words not found in the body: {value_text(missing)}")
    head_s, body_s = hl.pop("headline_sensationalism", None), hl.pop("body_sensationalism", None)
    more, markers = hl.pop("more_sensational_than_body", None), hl.pop("headline_markers", None)
    if head_s is not None or body_s is not None:
        line = f"Sensational wording: headline {value_text(head_s)}, body {value_text(body_s)} (0 none, 1 most)"
        if more is not None:
            line += "; the headline is " + ("more sensational than the body" if more else "no more sensational")
        section.items.append(line)
    if markers:
        section.items.append(f"Sensational markers in the headline: {value_text(markers)}")
    section.items += [f"{key_words(k)}: {value_text(v)}" for k, v in hl.items()]
    return section


def _comments(report: Report) -> Section:
    cm = dict(report.analysis.comments)
    section = Section("comments", "Comment section")
    if not cm:
        return section
    lead = cm.pop("text", None) or cm.pop("summary", None)
    if lead:
        section.prose.append(sentence(lead))
    count = cm.pop("count", None)
    flags = cm.pop("flags", None)
    if isinstance(flags, dict) and any(flags.values()):
        rows = [[FLAG_TEXT.get(k, key_words(k).lower()), str(v)] for k, v in flags.items()]
        if count is not None:
            rows.append(["comments in all", str(count)])
        section.table = Table(["Flag", "Comments"], rows, [False, True])
    elif count is not None and not lead:
        section.prose.append(f"{count} comment{'s' if count != 1 else ''}.")
    specific = cm.pop("specific", None)
    if specific is not None and count:
        section.items.append(f"Comments that engage with specifics of the article: {specific} of {count}")
    for cluster in cm.pop("clusters", None) or []:
        if isinstance(cluster, dict):
            members = cluster.get("comments") or []
            how = value_text(cluster.get("links") or [])
            section.items.append(f"Coordinated cluster {cluster.get('id', '')}: {cluster.get('size', len(members))} "
                                 f"comments ({comment_refs(members)}), linked by {how}")
    for template in cm.pop("templates", None) or []:
        if isinstance(template, dict):
            section.items.append(f"Shared template {quoted(template.get('skeleton', ''))}: comments "
                                 f"{comment_refs(template.get('comments') or [])}")
    for pair in cm.pop("near_duplicate_pairs", None) or []:
        if isinstance(pair, dict):
            similar = f" (word overlap {percent(pair['jaccard'])})" if isinstance(pair.get("jaccard"), float) else ""
            section.items.append(f"Near duplicates: comments #{pair.get('a')} and #{pair.get('b')}{similar}")
    section.items += [f"{key_words(k)}: {value_text(v)}" for k, v in cm.items()]
    return section


#: ``Analysis.extra`` keys a section above shows
_KNOWN_EXTRA = frozenset({"balance", "quotes", "unattributed_sentences"})


def analysis_sections(report: Report) -> list[Section]:
    """Every finding of the analysis, as sections a reader reads; sections with nothing in them left out."""
    an = report.analysis
    sections = [Section("summary", "Summary", prose=[sentence(an.summary)] if an.summary else [])]
    sections += [_techniques(report), _voices(report), _quotes(report), _vague(report), _unattributed(report),
                 _headline(report), _comments(report)]
    sections += [_generic(key, value) for key, value in an.extra.items() if key not in _KNOWN_EXTRA]
    return [s for s in sections if s]
