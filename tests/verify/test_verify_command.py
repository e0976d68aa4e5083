"""``factdesk verify``: claims checked without an article, through the real CLI (``POST /api/claims``
is tested with the real server in tests/web/test_claims_api.py)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT
from tests.helpers import run_cli

SPORT = ROOT / "tests" / "data" / "verify" / "sport_evidence.jsonl"


@pytest.fixture(scope="module")
def sport_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("verify") / "sport.db"
    proc = run_cli("store", "add", str(SPORT), "--db", str(db), "-q")
    assert proc.returncode == 0, proc.stderr
    return db


def _labels(stdout: str) -> dict[str, str]:
    report = json.loads(stdout)
    return {c["text"]: c["verdict"]["label"] for c in report["claims"]}


def test_claims_as_arguments_get_a_verdict_each(sport_db):
    claims = ["Ravenna FC was founded in 1927.", "Ravenna FC was founded in 1921.",
              "The club's coach studied medicine in Vienna."]
    proc = run_cli("verify", *claims, "--db", str(sport_db), "-f", "json", "-q")
    assert proc.returncode == 0, proc.stderr
    labels = _labels(proc.stdout)
    assert list(labels) == claims  # one claim per argument, in order, as written
    assert labels[claims[0]] == "supported"
    assert labels[claims[1]] == "refuted"
    assert labels[claims[2]] == "not_enough_evidence"


def test_claims_from_stdin_and_from_a_file(sport_db, tmp_path):
    lines = "# checked on Monday\nStriker Tomas Ek scored 24 goals for Ravenna FC in the 2020 season.\n\n"
    proc = run_cli("verify", "-", "--db", str(sport_db), "-f", "json", "-q", input=lines)
    assert proc.returncode == 0, proc.stderr
    assert list(_labels(proc.stdout).values()) == ["supported"]
    f = tmp_path / "claims.txt"
    f.write_text("\ufeffStriker Tomas Ek scored 31 goals for Ravenna FC in the 2020 season.\n", encoding="utf-8")
    proc = run_cli("verify", "--file", str(f), "--db", str(sport_db), "-f", "json", "-q")
    assert proc.returncode == 0, proc.stderr
    assert list(_labels(proc.stdout).values()) == ["refuted"]


def test_the_text_report_names_the_verdict_and_why(sport_db):
    proc = run_cli("verify", "Ravenna FC was founded in 1921.", "--db", str(sport_db), "-q")
    assert proc.returncode == 0, proc.stderr
    assert "Refuted" in proc.stdout and "1927" in proc.stdout


@pytest.mark.parametrize("args,stdin,message", [
    ((), "", "no claim to check"),
    (("",), None, "no claim to check"),
    (("--file", "/nonexistent/claims.txt"), None, "no such file"),
    (("-",), b"\xff\xfe\x00bad", "not"),
    (("x" * 2500,), None, "at most 2000"),
])
def test_bad_input_is_one_line_and_exit_2(sport_db, args, stdin, message):
    proc = run_cli("verify", *args, "--db", str(sport_db), "-q", input=stdin)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr
