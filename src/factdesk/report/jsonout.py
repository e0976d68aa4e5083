"""The JSON report: the public contract (``factdesk schema`` publishes its JSON Schema).

>>> from factdesk.models import Article, Report
>>> import json
>>> json.loads(render_json(Report(article=Article(title="T", paragraphs=["B"]))))["article"]["title"]
'T'
"""

from __future__ import annotations

import json

from factdesk.models import Report


def render_json(report: Report) -> str:
    """``report.model_dump(mode="json")`` as indented UTF-8 JSON (non-ASCII kept as is)."""
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False)
