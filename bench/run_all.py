"""Run the benchmarks, one process each, in a row; each writes its JSON to ``bench/results/``.

    .venv/bin/python -m bench.run_all               # the everyday set (about 10 minutes on 2 idle cores)
    .venv/bin/python -m bench.run_all --all         # also the long ones (store sizes up to 100k, load, Ray…)
    .venv/bin/python -m bench.run_all e2e first_check
    .venv/bin/python -m bench.run_all --list

``make bench`` runs the everyday set. A benchmark that fails is reported and the others still run;
the exit code is 1 when any failed. The figures the README and ``docs/`` quote come from these files.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: name → (module arguments, in the everyday set?, what it measures)
BENCHMARKS: dict[str, tuple[list[str], bool, str]] = {
    "first_check": ([], True, "a new user's first check (fresh HOME) → first_check.json"),
    "e2e": ([], True, "whole check, cold and warm, against a store with the articles' evidence → e2e.json"),
    "claims_bench": ([], True, "claims stage per 1,000 words → claims.json"),
    "verify_bench": ([], True, "verification per claim → verify.json"),
    "store_import": (["--passages", "3000"], True, "store import, embedding included → store_import.json"),
    "sources_bench": ([], True, "live sources against local servers with latency → sources.json"),
    "listen_bench": ([], True, "speech real-time factor → listen.json"),
    "big_store_check": ([], False, "the seed warm against a million-passage store holding its evidence → big_store_check.json"),
    "big_article": ([], False, "a 20 MiB article through check → big_article.json"),
    "store_latency": ([], False, "hybrid query latency at 10k and 100k passages → store_latency.json"),
    "store_recall": ([], False, "retrieval recall on CLIMATE-FEVER and SciFact → store_recall.json"),
    "comments_bench": ([], False, "comment analysis 1k → 100k comments → comments.json"),
    "load_api": ([], False, "REST API under load → load_api.json"),
    "scale_bench": ([], False, "batch throughput, one process and Ray → scale.json"),
    "fuzz_all": ([], False, "fuzzing, 60 s per target → fuzz.json"),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="benchmarks to run (default: the everyday set)")
    ap.add_argument("--all", action="store_true", help="every benchmark, the long ones too")
    ap.add_argument("--list", action="store_true", help="list the benchmarks and stop")
    args = ap.parse_args(argv)
    if args.list:
        for name, (_, everyday, what) in BENCHMARKS.items():
            print(f"{name:<15} {'everyday' if everyday else 'long':<9} {what}")
        return 0
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark {unknown[0]!r} (see --list)", file=sys.stderr)
        return 2
    names = args.names or [n for n, (_, everyday, _) in BENCHMARKS.items() if everyday or args.all]
    failed: list[str] = []
    for name in names:
        extra, _, what = BENCHMARKS[name]
        print(f"== {name}: {what}", flush=True)
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", f"bench.{name}", *extra], cwd=ROOT)
        print(f"== {name}: {'ok' if proc.returncode == 0 else f'FAILED (exit {proc.returncode})'} "
              f"in {time.perf_counter() - start:.0f} s", flush=True)
        if proc.returncode != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
