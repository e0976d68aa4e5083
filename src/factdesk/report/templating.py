"""The Jinja2 environment both HTML outputs render with: the standalone report and the web pages.

It loads ``report/templates/`` (the standalone report and the ``_*.j2`` partials the web page includes:
the story with its highlighted body, the Fact Checker panel and its claim cards, the verdict counts,
the analysis, the comments, the verdict colours and the shared stylesheet) after any loaders given,
autoescapes everything, refuses undefined names, and offers the vocabulary as filters (``safe_url``,
``pct``, ``when``) and globals.

>>> env = environment()
>>> env.from_string("{{ count_text('mixed', 2) }} · {{ 0.834 | pct }}").render()
'2 mixed evidence · 83%'
"""

from __future__ import annotations

import jinja2

from factdesk.report import vocabulary as v
from factdesk.report.readable import analysis_sections

#: the vocabulary a template may use by name
GLOBALS = {
    "VERDICT_KEYS": v.VERDICT_KEYS,
    "VERDICT_TEXT": v.VERDICT_TEXT,
    "VERDICT_COLOURS": v.VERDICT_COLOURS,
    "STANCE_COLOUR": v.STANCE_COLOUR,
    "FLAG_COLOUR": v.FLAG_COLOUR,
    "verdict_key": v.verdict_key,
    "verdict_text": v.verdict_text,
    "count_text": v.count_text,
    "reason_text": v.reason_text,
    "confidence_text": v.confidence_text,
    "confidence_short": v.confidence_short,
    "undecided_text": v.undecided_text,
    "verdict_detail": v.verdict_detail,
    "quoted": v.quoted,
    "duration_text": v.duration_text,
    "analysis_sections": analysis_sections,
    "score_text": v.score_text,
    "flag_text": v.flag_text,
    "comment_author": v.comment_author,
}


def environment(*loaders: jinja2.BaseLoader) -> jinja2.Environment:
    """A new environment; templates of ``loaders`` come first, then ``report/templates/``."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([*loaders, jinja2.PackageLoader("factdesk.report", "templates")]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(safe_url=v.safe_url, pct=v.percent, when=v.when)
    env.globals.update(GLOBALS)
    return env
