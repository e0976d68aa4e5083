"""Every bad input through the real CLI: one line on stderr naming the problem, exit code 2."""

from __future__ import annotations

import concurrent.futures
import os

import pytest

from tests.helpers import run_cli

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@pytest.fixture(scope="module")
def cli_results(tmp_path_factory, http_server):
    tmp = tmp_path_factory.mktemp("bad")
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_bytes(b"   \n\n\t \n")
    (tmp / "image.txt").write_bytes(PNG)
    (tmp / "nav.txt").write_text("Home\nNews\nSport\nWeather\nContact us\n", encoding="utf-8")
    (tmp / "nav.html").write_text("<html><body><nav><a href='/'>Home</a><a href='/n'>News</a></nav></body></html>",
                                  encoding="utf-8")
    big = tmp / "huge.txt"
    with big.open("wb") as fh:  # 100 MB, sparse: no disk is spent and nothing reads it all
        fh.write(b"A title\nSome words in a line.\n")
        fh.truncate(100 * 1024 * 1024)
    (tmp / "dir").mkdir()
    cfg = tmp / "local.toml"
    cfg.write_text(
        "[ingest]\nmax_input_bytes = 4000\n[http]\nallowed_hosts = [\"127.0.0.1\"]\nread_timeout_s = 0.5\n"
        "total_timeout_s = 2.0\nmax_bytes = 262144\n",
        encoding="utf-8",
    )
    local = ("--config", str(cfg))
    cases = {
        "missing": (("check", str(tmp / "nope.txt")), None, "no such file"),
        "empty": (("check", str(tmp / "empty.txt")), None, "empty input"),
        "binary": (("check", str(tmp / "image.txt")), None, "binary file (a PNG image)"),
        "no_article_text": (("check", str(tmp / "nav.txt")), None, "no article found"),
        "huge_file": (("check", str(big)), None, "file too large (100.0 MiB"),
        "stdin_empty": (("check", "-"), b"", "stdin: empty input"),
        "url_timeout": (("check", http_server + "/slow", *local), None, "timed out"),
        "url_404": (("check", http_server + "/missing", *local), None, "HTTP 404"),
        "url_redirect_loop": (("check", http_server + "/loop", *local), None, "redirect loop"),
        "url_pdf": (("check", http_server + "/pdf", *local), None, "unsupported content type 'application/pdf'"),
        "url_too_large": (("check", http_server + "/stream-big", *local), None, "too large"),
    }

    def one(item):
        name, (args, stdin, _) = item
        return name, run_cli(*args, "--quiet", input=stdin, timeout=60)

    workers = max(2, min(3, os.cpu_count() or 2))
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(pool.map(one, cases.items()))
    return {name: (results[name], cases[name][2]) for name in cases}


# The library tests (test_detect, test_url_ingest, test_http) cover more shapes of each; the CLI runs
# here are the list, kept short because each is a new process.
CASES = [
    "missing", "empty", "binary", "no_article_text", "huge_file", "stdin_empty",
    "url_timeout", "url_404", "url_redirect_loop", "url_pdf", "url_too_large",
]


@pytest.mark.parametrize("name", CASES)
def test_bad_input_one_line_exit_2(cli_results, name):
    proc, fragment = cli_results[name]
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ")
    assert fragment in lines[0], lines[0]
    assert proc.stdout == ""
