"""Long fuzzing runs of every atheris target in the project; results in ``bench/results/fuzz.json``.

    .venv/bin/python bench/fuzz_all.py                      # 60 s per target
    .venv/bin/python bench/fuzz_all.py --seconds 600        # longer
    .venv/bin/python bench/fuzz_all.py --only fuzz_claims   # one target

Each target runs in its own process (``-max_total_time``), with a corpus directory outside the
repository (``--corpus-dir``, default: the user cache, ``…/factdesk/fuzz-corpus/<target>/``; kept
between runs, so later runs start where earlier ones stopped) and crash reproducers, if any, under
``bench/results/fuzz-crashes/`` (small files, worth committing with the fix that they prove). The JSON says, per target, how
many inputs were executed, how long it ran, the coverage reached and what was found.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
#: every atheris target: tests/fuzz/fuzz_*.py plus the store's own target
TARGETS = sorted((ROOT / "tests" / "fuzz").glob("fuzz_*.py")) + sorted((ROOT / "tests").glob("*/fuzz_*.py"))
SEEDS = {  # seed corpora (small real inputs), where the project has them
    "fuzz_ingest": ROOT / "tests" / "data" / "ingest",
}


def _unique(paths: list[Path]) -> list[Path]:
    seen, out = set(), []
    for p in paths:
        if p.resolve() not in seen:
            seen.add(p.resolve())
            out.append(p)
    return out


def default_corpus_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("factdesk")) / "fuzz-corpus"


def run_target(target: Path, seconds: int, max_len: int, rss_mb: int, corpus_root: Path) -> dict:
    name = target.stem
    corpus = corpus_root / name
    corpus.mkdir(parents=True, exist_ok=True)
    crashes = RESULTS / "fuzz-crashes"
    crashes.mkdir(parents=True, exist_ok=True)
    before = set(crashes.glob(f"{name}-*"))
    args = [sys.executable, str(target), f"-max_total_time={seconds}", f"-max_len={max_len}", "-timeout=30",
            f"-rss_limit_mb={rss_mb}", f"-artifact_prefix={crashes}/{name}-", "-print_final_stats=1", str(corpus)]
    seed = SEEDS.get(name)
    if seed and seed.is_dir():
        args.append(str(seed))
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}", "OMP_NUM_THREADS": "1"}
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env, timeout=seconds + 600)
    wall = time.perf_counter() - start
    err = proc.stderr
    execs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", err) or re.findall(r"Done (\d+) runs", err)
    cov = re.findall(r"cov: (\d+)", err)
    found = sorted(str(p.relative_to(ROOT)) for p in set(crashes.glob(f"{name}-*")) - before)
    if not any(crashes.iterdir()):
        crashes.rmdir()
    problem = None
    if proc.returncode != 0:
        tail = [ln for ln in err.splitlines() if "ERROR" in ln or "Error" in ln or "Uncaught" in ln]
        problem = (tail[0] if tail else err.strip().splitlines()[-1] if err.strip() else f"exit {proc.returncode}")[:500]
    return {
        "target": str(target.relative_to(ROOT)),
        "executions": int(execs[-1]) if execs else 0,
        "seconds": round(wall, 1),
        "coverage_edges": int(cov[-1]) if cov else None,
        "corpus_files": sum(1 for _ in corpus.iterdir()),
        "exit_code": proc.returncode,
        "found": found,
        "problem": problem,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=60, help="fuzzing time per target")
    ap.add_argument("--max-len", type=int, default=4096)
    ap.add_argument("--rss-mb", type=int, default=2048, help="a target over this much memory counts as a finding")
    ap.add_argument("--only", action="append", default=[], help="target name (stem), repeatable")
    ap.add_argument("--out", type=Path, default=RESULTS / "fuzz.json")
    ap.add_argument("--corpus-dir", type=Path, default=None, help="where corpora are kept (default: user cache)")
    args = ap.parse_args(argv)
    targets = [t for t in _unique(TARGETS) if not args.only or t.stem in args.only]
    results = []
    for target in targets:
        print(f"fuzzing {target.relative_to(ROOT)} for {args.seconds} s …", file=sys.stderr, flush=True)
        res = run_target(target, args.seconds, args.max_len, args.rss_mb, args.corpus_dir or default_corpus_dir())
        print(f"  {res['executions']} executions, exit {res['exit_code']}, found {len(res['found'])}",
              file=sys.stderr, flush=True)
        results.append(res)
    summary = {
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "seconds_per_target": args.seconds,
        "max_len": args.max_len,
        "total_executions": sum(r["executions"] for r in results),
        "targets_with_findings": [r["target"] for r in results if r["found"] or r["exit_code"] != 0],
        "targets": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 1 if summary["targets_with_findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
