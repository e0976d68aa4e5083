"""A new user's first check: ``factdesk check SEED`` with local sources, in a fresh ``HOME``.

Each run is a user who never ran factdesk: a new, empty home directory (no user cache, no data
directory, no config), nothing in the environment but ``PATH``, ``LANG`` and ``PYTHONPATH``. Measured
around the process: wall time, peak RSS (``wait4``), what it wrote on stderr (the target: nothing but
the line that creates the user's store), and what it left under ``~/.cache``. A second check by the
same user shows what a later cold check costs.

    .venv/bin/python -m bench.first_check                      # this checkout → bench/results/first_check.json
    .venv/bin/python -m bench.first_check --src /other/checkout/src --out /tmp/before.json

``--src`` measures another checkout's code with this virtualenv (how the figure before the models
were prepared at set-up was taken: that code exported and quantised the embedder on first use).
Target (the everyday-use issue): ≤ 5 s and ≤ 500 MB for the 700-word seed, with no warnings.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
RESULTS = ROOT / "bench" / "results" / "first_check.json"


def _commit(src: Path) -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=src, capture_output=True, text=True,
                             timeout=10)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=src,
                               capture_output=True, text=True, timeout=10)
        return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "") if out.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None


def _cache_bytes(home: Path) -> int:
    cache = home / ".cache"
    return sum(p.stat().st_size for p in cache.rglob("*") if p.is_file()) if cache.exists() else 0


def one_check(home: Path, src: Path, article: Path) -> dict:
    """``factdesk check ARTICLE --sources local`` as the user whose home is ``home``."""
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
           "PYTHONPATH": str(src)}
    out = home / "report.json"
    cmd = [sys.executable, "-m", "factdesk", "check", str(article), "--sources", "local", "--format", "json",
           "--quiet", "--output", str(out)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=home)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    for stream in (proc.stdout, proc.stderr):
        stream and stream.close()
    code = os.waitstatus_to_exitcode(status)
    row = {"wall_s": round(wall, 2), "peak_rss_mb": round(usage.ru_maxrss * 1024 / 1e6, 1), "exit_code": code,
           "stderr_lines": [ln for ln in stderr.splitlines() if ln.strip()],
           "user_cache_bytes": _cache_bytes(home)}
    if code == 0 and out.is_file():
        report = json.loads(out.read_text(encoding="utf-8"))
        row["claims"] = len(report.get("claims", []))
        row["timings"] = report.get("timings", {})
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--article", type=Path, default=SEED)
    ap.add_argument("--users", type=int, default=3, help="new users (each: a first and a second check)")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the checkout's src/ to run")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    words = len(args.article.read_text(encoding="utf-8").split())
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    load_start = os.getloadavg()
    users = []
    for _ in range(args.users):
        with tempfile.TemporaryDirectory(prefix="factdesk-new-user-") as tmp:
            home = Path(tmp)
            users.append({"first": one_check(home, args.src, args.article),
                          "second": one_check(home, args.src, args.article)})
    firsts = [u["first"] for u in users]
    seconds = [u["second"] for u in users]
    result = {
        "bench": "first_check",
        "started": started,
        "code": {"src": str(args.src), "commit": _commit(args.src.parent)},
        "article": str(args.article), "article_words": words,
        "command": "factdesk check ARTICLE --sources local --format json (a new, empty HOME per user)",
        "first_check": {"wall_s_median": statistics.median(r["wall_s"] for r in firsts),
                        "peak_rss_mb_max": max(r["peak_rss_mb"] for r in firsts),
                        "stderr_lines": firsts[0]["stderr_lines"],
                        "user_cache_bytes_max": max(r["user_cache_bytes"] for r in firsts)},
        "second_check": {"wall_s_median": statistics.median(r["wall_s"] for r in seconds),
                         "peak_rss_mb_max": max(r["peak_rss_mb"] for r in seconds)},
        "targets": {"first_check_s": 5.0, "first_check_mb": 500, "stderr": "no warnings"},
        "users": users,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "loadavg_start": [round(x, 2) for x in load_start],
                    "loadavg_end": [round(x, 2) for x in os.getloadavg()],
                    "note": "2 cores shared with other jobs: the load average says how much"},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: result[k] for k in ("code", "first_check", "second_check")}, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
