"""``factdesk eval ingest``: the scoring rules, and the command on the comment-section pages."""

from __future__ import annotations

import json
from pathlib import Path

from factdesk.lab.eval.ingest import Case, Extraction, score_page, summarise
from tests.helpers import run_cli

COMMENTS = Path(__file__).resolve().parents[1] / "data" / "ingest" / "comments"


def _case(**kw) -> Case:
    base = dict(folder="f", file="p.html", title="A  Title", must_contain=[], must_not_contain=[],
                comments_must_contain=[])
    return Case(**{**base, **kw})


def test_matching_is_on_whitespace_normalised_text():
    case = _case(must_contain=["one  two\nthree", "four five"], must_not_contain=["Home  | News", "Share"],
                 comments_must_contain=["Good\u00a0point."])
    got = Extraction(title="A Title", body="x one two three y\n\nfour\nfive", comments=["Good point.", "Home | News"])
    page = score_page(case, got)
    assert page["body"] == [2, 2] and page["comments"] == [1, 1]
    assert page["boilerplate"] == [1, 2] and page["leaked"] == ["Home  | News"]
    assert page["title"] is True and page["failed"] is False


def test_a_failed_page_finds_nothing_and_counts_once():
    case = _case(must_contain=["a b"], must_not_contain=["c"], comments_must_contain=["d"])
    page = score_page(case, Extraction(error="InputError: no article found"))
    assert page["failed"] and page["body"] == [0, 1] and page["comments"] == [0, 1] and page["title"] is False
    assert summarise([page])["failed"] == 1


def test_the_command_prints_both_rows_and_writes_json(tmp_path):
    out = tmp_path / "r.json"
    proc = run_cli("eval", "ingest", "--data", str(COMMENTS), "--json", str(out), timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = [ln for ln in proc.stdout.splitlines() if ln.startswith("| factdesk") or ln.startswith("| trafilatura")]
    assert len(rows) == 2
    result = json.loads(out.read_text())
    ours, alone = (result["extractors"][n]["total"] for n in ("factdesk", "trafilatura"))
    assert result["pages"] == sum(1 for line in (COMMENTS / "cases.jsonl").read_text().splitlines() if line)
    for column in ("body", "boilerplate", "comments", "title"):
        assert ours[column] >= alone[column], column
    assert ours["failed"] <= alone["failed"]


def test_a_folder_without_cases_is_one_clear_error(tmp_path):
    proc = run_cli("eval", "ingest", "--data", str(tmp_path))
    assert proc.returncode == 2 and "no cases.jsonl" in proc.stderr and "Traceback" not in proc.stderr
