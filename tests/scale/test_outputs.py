"""The output directory is the batch's memory: torn files are redone, lost manifest lines restored."""

import json

from factdesk.config import Config
from factdesk.scale import BatchOutput, Job, run_jobs


def _jobs(n):
    return [Job(key=f"k{i}", kind="inline", text=f"Story {i}.", label=f"story {i}") for i in range(n)]


def test_report_whose_manifest_line_was_lost_gets_it_on_rerun(tmp_path):
    out = BatchOutput(tmp_path)
    out.report_path("k0").write_text(json.dumps({"article": {"title": "t"}}))  # written, then a crash
    summary = run_jobs(_jobs(1), Config(db=str(tmp_path / "s.db")), BatchOutput(tmp_path))
    assert summary.skipped == 1 and summary.done == 0
    lines = [json.loads(x) for x in (tmp_path / "manifest.jsonl").read_text().splitlines()]
    assert lines == [{"key": "k0", "status": "done", "label": "story 0", "error": None, "title": None}]
    run_jobs(_jobs(1), Config(db=str(tmp_path / "s.db")), BatchOutput(tmp_path))
    assert len((tmp_path / "manifest.jsonl").read_text().splitlines()) == 1, "recorded once only"


def test_torn_report_file_is_not_done(tmp_path):
    out = BatchOutput(tmp_path)
    out.report_path("k0").write_text('{"article": {"tit')
    assert not out.is_done("k0")
    out.write({"key": "k0", "status": "done", "report": json.dumps({"ok": 1})}, "story 0")
    assert out.is_done("k0")
