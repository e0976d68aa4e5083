"""Usage mistakes get the usage message and exit code 2, never a traceback."""

import pytest

from tests.helpers import run_cli


@pytest.mark.parametrize(
    "args, says",
    [
        (("check",), "Missing argument"),
        (("check", "--format", "bogus", "x.txt"), "--format"),
        (("nosuchcommand",), "No such command"),
        (("store", "add", "--batch-size", "many"), "Invalid value"),
    ],
)
def test_usage_errors_are_short_and_exit_2(args, says):
    proc = run_cli(*args, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert says in proc.stderr
