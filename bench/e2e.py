"""End-to-end benchmark of ``factdesk check`` on the seed article with local sources.

* **cold**: a new process per run (``python -m factdesk check SEED --format json --sources local``),
  wall time measured around the process, per-stage times read from the report it writes
  (``Report.timings``), peak RSS of that process from ``wait4`` (``ru_maxrss``).
* **warm**: one process (this one): a first article warms every lazily built part (models, store),
  then the seed is checked as the *second* article; ingest is timed here, the other stages come
  from ``Report.timings``; peak RSS of this process (``getrusage``) and its RSS after the run.

It runs against whatever pipeline stages exist: a stage that fails is recorded as an error in the
JSON, not hidden. Results go to ``bench/results/e2e.json``.

    .venv/bin/python bench/e2e.py                 # 3 cold runs + 3 warm runs
    .venv/bin/python bench/e2e.py --cold 1 --warm 1 --out /tmp/e2e.json

Targets (issue 3, for the whole pipeline on the 2-core reference machine): ≤ 3 s warm, ≤ 10 s cold
for a ~700-word article. The JSON records the load average at start and end, because the machine
may be shared and timings then say as much about the neighbours as about factdesk.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FACTDESK_SHARED_DATA", ROOT.parent / "shared" / "data")).resolve().parent
SEED = SHARED / "seed" / "article.txt"
WARMUP_ARTICLE = ROOT / "tests" / "data" / "ingest" / "en_subheads.txt"
RESULTS = ROOT / "bench" / "results" / "e2e.json"


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             timeout=10)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, timeout=10)
        return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "") if out.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None


def _env(db: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    env["FACTDESK_CONFIG"] = str(Path(db).with_suffix(".no-config.toml"))  # defaults only
    env["FACTDESK_DB"] = db
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def cold_run(article: Path, workdir: Path, n: int) -> dict:
    """One new process: wall time, exit code, peak RSS (MiB), the report's stage timings."""
    db = str(workdir / f"cold-{n}.db")
    out = workdir / f"cold-{n}.json"
    cmd = [sys.executable, "-m", "factdesk", "check", str(article), "--format", "json", "--sources", "local",
           "--db", db, "--quiet", "--output", str(out)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=_env(db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=workdir)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.stdout and proc.stdout.close()
    proc.stderr and proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    row: dict = {"wall_s": round(wall, 3), "exit_code": code, "peak_rss_mib": round(usage.ru_maxrss / 1024, 1)}
    if code == 0 and out.is_file():
        report = json.loads(out.read_text(encoding="utf-8"))
        row["timings"] = report.get("timings", {})
        art = report.get("article", {})
        row["article"] = {"title": art.get("title"), "paragraphs": len(art.get("paragraphs", [])),
                          "comments": len(art.get("comments", [])), "claims": len(report.get("claims", []))}
    else:
        row["error"] = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit code {code}"
    return row


def warm_runs(article: Path, warmup: Path, workdir: Path, repeats: int) -> dict:
    """In this process: warm up on another article, then time ``article`` ``repeats`` times."""
    import psutil

    from factdesk.config import load_config
    from factdesk.ingest import load_article
    from factdesk.pipeline import check
    from factdesk.runtime import Runtime

    os.environ.update({k: v for k, v in _env(str(workdir / "warm.db")).items() if k.startswith(("HF_", "TOK"))})
    os.environ["FACTDESK_CONFIG"] = str(workdir / "no-config.toml")
    cfg = load_config(db=str(workdir / "warm.db"), sources=["local"])
    result: dict = {"warmup_article": str(warmup.relative_to(ROOT)) if warmup.is_relative_to(ROOT) else str(warmup)}
    runs = []
    with Runtime(cfg) as runtime:
        start = time.perf_counter()
        try:
            check(load_article(str(warmup), cfg), runtime)
            result["first_article_s"] = round(time.perf_counter() - start, 3)
        except Exception as exc:  # noqa: BLE001 - recorded, the bench must run on partial pipelines
            result["first_article_error"] = f"{type(exc).__name__}: {exc}"
        for _ in range(repeats):
            row: dict = {}
            start = time.perf_counter()
            try:
                t0 = time.perf_counter()
                art = load_article(str(article), cfg)
                row["timings"] = {"ingest": round(time.perf_counter() - t0, 4)}
                report = check(art, runtime)
                row["wall_s"] = round(time.perf_counter() - start, 3)
                row["timings"].update(report.timings)
                row["article"] = {"title": art.title, "paragraphs": len(art.paragraphs),
                                  "comments": len(art.comments), "claims": len(report.claims)}
            except Exception as exc:  # noqa: BLE001
                row["wall_s"] = round(time.perf_counter() - start, 3)
                row["error"] = f"{type(exc).__name__}: {exc}"
                row["traceback_tail"] = traceback.format_exc().splitlines()[-3:]
            runs.append(row)
    result["runs"] = runs
    result["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result["rss_after_mib"] = round(psutil.Process().memory_info().rss / 2**20, 1)
    return result


def ingest_only(article: Path, repeats: int = 5) -> dict:
    """Ingest alone (it works whatever the later stages do): a new process, and warm repeats here."""
    code = ("import sys, time; t=time.perf_counter(); from factdesk.ingest import load_article; "
            "a=load_article(sys.argv[1]); print(time.perf_counter()-t, len(a.paragraphs), len(a.comments))")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, str(article)], capture_output=True, text=True,
                          env=_env(str(Path(tempfile.gettempdir()) / "unused.db")), timeout=300)
    cold_wall = time.perf_counter() - start
    from factdesk.ingest import load_article

    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        load_article(str(article))
        times.append(time.perf_counter() - t0)
    out = proc.stdout.split()
    return {
        "cold_process_wall_s": round(cold_wall, 3),
        "cold_import_and_ingest_s": round(float(out[0]), 3) if proc.returncode == 0 and out else None,
        "warm_ingest_s_median": round(statistics.median(times), 4),
        "paragraphs": int(out[1]) if len(out) > 2 else None,
        "comments": int(out[2]) if len(out) > 2 else None,
    }


def _summary(rows: list[dict]) -> dict:
    ok = [r for r in rows if "error" not in r]
    if not ok:
        return {"runs_ok": 0}
    stages: dict[str, list[float]] = {}
    for r in ok:
        for stage, secs in r.get("timings", {}).items():
            stages.setdefault(stage, []).append(secs)
    return {
        "runs_ok": len(ok),
        "wall_s_median": round(statistics.median(r["wall_s"] for r in ok), 3),
        "wall_s_min": round(min(r["wall_s"] for r in ok), 3),
        "stage_s_median": {k: round(statistics.median(v), 4) for k, v in stages.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--article", type=Path, default=SEED)
    parser.add_argument("--warmup-article", type=Path, default=WARMUP_ARTICLE)
    parser.add_argument("--cold", type=int, default=3, help="cold runs (new process each)")
    parser.add_argument("--warm", type=int, default=3, help="warm runs (same process)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not args.article.is_file():
        print(f"article not found: {args.article}", file=sys.stderr)
        return 2
    words = sum(len(line.split()) for line in args.article.read_text(encoding="utf-8").splitlines())
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="factdesk-e2e-") as tmp:
        work = Path(tmp)
        cold = [cold_run(args.article, work, i) for i in range(args.cold)]
        ingest = ingest_only(args.article)
        warm = warm_runs(args.article, args.warmup_article, work, args.warm) if args.warm else {}
    result = {
        "benchmark": "e2e",
        "started": started,
        "commit": _git_commit(),
        "article": str(args.article),
        "article_words_on_page": words,
        "sources": ["local"],
        "store": "empty SQLite store in a temporary directory",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "loadavg_start": [round(x, 2) for x in load_start],
            "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        },
        "targets": {"warm_s": 3.0, "cold_s": 10.0},
        "ingest_only": ingest,
        "cold": {"summary": _summary(cold), "runs": cold},
        "warm": {"summary": _summary(warm.get("runs", [])), **warm,
                 "first_run_wall_s": (warm.get("runs") or [{}])[0].get("wall_s"),
                 "note": "the first run is the honest warm figure: later repeats of the same article reuse "
                         "sentence vectors from the runtime's embedding cache"},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({"ingest_only": ingest, "cold": result["cold"]["summary"], "warm": result["warm"]["summary"],
                      "warm_peak_rss_mib": warm.get("peak_rss_mib")}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
