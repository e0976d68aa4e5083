"""A/B of the claims stage across commits: ``bench.claims_bench`` run for each, alternately, on one machine.

The host's speed drifts by tens of per cent within a day (the same code measured 299–310 ms per
1,000 words on 25 Nov and 430–470 on 4 Dec), so figures from different days do not compare; runs
of the old and the new code interleaved a minute apart do. Each commit is checked out in a
temporary ``git worktree`` (with ``../shared`` linked beside it for the seed) and benchmarked with
this checkout's virtual environment; the median of each commit's runs is reported.

    .venv/bin/python -m bench.claims_ab BASE [BASE2 …] [--rounds 3] [--repeat 7] [--out FILE] [--append]

``HEAD`` (the working tree, uncommitted changes included) is always the last code of each round.
Results go to ``bench/results/claims_ab.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "claims_ab.json"


def _git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def _bench(checkout: Path, repeat: int, out: Path) -> dict:
    subprocess.run([sys.executable, "-m", "bench.claims_bench", "--repeat", str(repeat), "--out", str(out)],
                   cwd=checkout, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("bases", nargs="+", help="commits to compare with the working tree")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--append", action="store_true", help="add this session to the sessions already in --out")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="factdesk-ab-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "shared").symlink_to((ROOT.parent / "shared").resolve())  # SEED = checkout/../shared
        checkouts: dict[str, Path] = {}
        for base in args.bases:
            commit = _git("rev-parse", "--short", base)
            path = tmp_path / commit
            _git("worktree", "add", "--detach", str(path), commit)
            checkouts[commit] = path
        checkouts["working tree"] = ROOT
        runs = []
        try:
            for round_ in range(1, args.rounds + 1):
                for code, path in checkouts.items():
                    print(f"round {round_}/{args.rounds}: {code}", file=sys.stderr, flush=True)
                    result = _bench(path, args.repeat, tmp_path / "run.json")
                    warm = result["warm"]
                    runs.append({
                        "round": round_, "code": code,
                        "loadavg_start": result["machine"]["loadavg_start_1_5_15"],
                        "ms_per_1000_words_overall": warm["ms_per_1000_words_overall"],
                        "ms_per_1000_words": {k: a["ms_per_1000_words"] for k, a in warm["articles"].items()},
                        "runs_with_worker_thread": {k: a["runs_with_worker_thread"] for k, a in warm["articles"].items()},
                    })
        finally:
            for path in checkouts.values():
                if path != ROOT:
                    _git("worktree", "remove", "--force", str(path))
    medians = {code: statistics.median(r["ms_per_1000_words_overall"] for r in runs if r["code"] == code)
               for code in checkouts}
    session = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "head": _git("rev-parse", "--short", "HEAD"),
        "rounds": args.rounds, "repeat": args.repeat,
        "median_ms_per_1000_words": medians,
        "runs": runs,
    }
    sessions = []
    if args.append and args.out.is_file():
        sessions = json.loads(args.out.read_text()).get("sessions", [])
    result = {
        "benchmark": "claims stage A/B (issue 4): python -m bench.claims_bench, the codes alternated on one "
                     "machine; compare codes within a session, not across sessions (the host's speed drifts)",
        "cpus": os.cpu_count(),
        "target_ms_per_1000_words": 300,
        "sessions": sessions + [session],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({"median_ms_per_1000_words": medians}, indent=2))

if __name__ == "__main__":
    main()
