"""End-to-end benchmark of ``factdesk check`` with local sources, against a store that holds evidence.

The store: every ``evidence.jsonl`` of the article cases in ``tests/data/cases/dev`` (16 articles of
240–360 words, each with the 6–9 documents its claims are checked against), added with
``factdesk store add``; so each case article finds its own evidence among the others' (and
verification has real passages to weigh). The seed (a 700-word scraped page) is checked against the
same store: it finds related-looking passages but none about it.

* **cold**: a new process per run (``python -m factdesk check ARTICLE --format json --sources local
  --db STORE``), wall time measured around the process, per-stage times read from the report it
  writes (``Report.timings``), peak RSS of that process from ``wait4`` (``ru_maxrss``);
* **warm**: one process (this one): a first article warms every lazily built part (models, store),
  then each article is checked once; ingest is timed here, the other stages come from
  ``Report.timings``; peak RSS of this process (``getrusage``) and its RSS after the runs.

Verdicts are counted, so the figures say what the check had to weigh. Results go to
``bench/results/e2e.json``.

    .venv/bin/python -m bench.e2e                              # the seed ×3 + 4 cases cold, all warm
    .venv/bin/python -m bench.e2e --cold 1 --cold-cases 1 --out /tmp/e2e.json

Targets (for the whole pipeline on the 2-core reference machine): ≤ 3 s warm, ≤ 10 s cold for a
~700-word article. The JSON records the load average at start and end, because the machine
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
CASES = ROOT / "tests" / "data" / "cases" / "dev"
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


def build_store(cases: Path, db: Path) -> dict:
    """``factdesk store add`` of every case's evidence into ``db``; returns what it holds and the time."""
    files = sorted(str(p) for p in cases.glob("*/evidence.jsonl"))
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "factdesk", "store", "add", *files, "--db", str(db), "-q"],
                          env=_env(str(db)), capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise SystemExit(f"could not build the evidence store: {proc.stderr.strip()}")
    stats = json.loads(subprocess.run([sys.executable, "-m", "factdesk", "store", "stats", "--db", str(db), "--json"],
                                      env=_env(str(db)), capture_output=True, text=True, timeout=120).stdout)
    return {"cases": len(files), "documents": stats["documents"], "passages": stats["passages"],
            "build_s": round(time.perf_counter() - start, 2)}


def _verdicts(claims: list) -> dict:
    """How many claims got each verdict, and how many evidence passages the verdicts cite."""
    labels: dict[str, int] = {}
    cited = 0
    for c in claims:
        verdict = c.get("verdict") if isinstance(c, dict) else (c.verdict.model_dump() if c.verdict else None)
        if verdict:
            labels[verdict["label"]] = labels.get(verdict["label"], 0) + 1
            cited += len(verdict.get("evidence", []))
    return {"labels": dict(sorted(labels.items())), "evidence_cited": cited}


def cold_run(article: Path, workdir: Path, n: int, db: str) -> dict:
    """One new process: wall time, exit code, peak RSS (MiB), the report's stage timings."""
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
        row["article"] = {"file": _name(article), "title": art.get("title"),
                          "paragraphs": len(art.get("paragraphs", [])), "comments": len(art.get("comments", [])),
                          "claims": len(report.get("claims", []))}
        row["verdicts"] = _verdicts(report.get("claims", []))
    else:
        row["error"] = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit code {code}"
    return row


def _name(article: Path) -> str:
    return str(article.relative_to(ROOT)) if article.is_relative_to(ROOT) else str(article)


def warm_runs(articles: list[Path], warmup: Path, db: str) -> dict:
    """In this process: warm up on another article, then check each of ``articles`` once."""
    import psutil

    from factdesk.config import load_config
    from factdesk.ingest import load_article
    from factdesk.pipeline import check
    from factdesk.runtime import Runtime

    os.environ.update({k: v for k, v in _env(db).items() if k.startswith(("HF_", "TOK"))})
    os.environ["FACTDESK_CONFIG"] = str(Path(db).with_suffix(".no-config.toml"))
    cfg = load_config(db=db, sources={"use": ["local"]})
    result: dict = {"warmup_article": str(warmup.relative_to(ROOT)) if warmup.is_relative_to(ROOT) else str(warmup)}
    runs = []
    with Runtime(cfg) as runtime:
        start = time.perf_counter()
        try:
            check(load_article(str(warmup), cfg), runtime)
            result["first_article_s"] = round(time.perf_counter() - start, 3)
        except Exception as exc:  # noqa: BLE001 - recorded, the bench must run on partial pipelines
            result["first_article_error"] = f"{type(exc).__name__}: {exc}"
        for article in articles:
            row: dict = {}
            start = time.perf_counter()
            try:
                t0 = time.perf_counter()
                art = load_article(str(article), cfg)
                row["timings"] = {"ingest": round(time.perf_counter() - t0, 4)}
                report = check(art, runtime)
                row["wall_s"] = round(time.perf_counter() - start, 3)
                row["timings"].update(report.timings)
                row["article"] = {"file": _name(article), "title": art.title, "paragraphs": len(art.paragraphs),
                                  "comments": len(art.comments), "claims": len(report.claims)}
                row["verdicts"] = _verdicts(report.claims)
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


def _by_group(rows: list[dict], seed: Path) -> dict:
    seed_rows = [r for r in rows if r.get("article", {}).get("file") == _name(seed)]
    case_rows = [r for r in rows if r not in seed_rows]
    out = {"seed": _summary(seed_rows), "cases": _summary(case_rows)}
    for name, group in (("seed", seed_rows), ("cases", case_rows)):
        labels: dict[str, int] = {}
        for r in group:
            for label, n in r.get("verdicts", {}).get("labels", {}).items():
                labels[label] = labels.get(label, 0) + n
        out[name]["verdict_labels"] = dict(sorted(labels.items()))
        if group and all("peak_rss_mib" in r for r in group):
            out[name]["peak_rss_mib_max"] = max(r["peak_rss_mib"] for r in group)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--article", type=Path, default=SEED, help="the long article (default: the seed)")
    parser.add_argument("--cases", type=Path, default=CASES, help="article cases whose evidence fills the store")
    parser.add_argument("--warmup-article", type=Path, default=WARMUP_ARTICLE)
    parser.add_argument("--cold", type=int, default=3, help="cold runs of the long article (new process each)")
    parser.add_argument("--cold-cases", type=int, default=4, help="case articles checked cold (one run each)")
    parser.add_argument("--no-warm", action="store_true", help="skip the warm runs")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not args.article.is_file():
        print(f"article not found: {args.article}", file=sys.stderr)
        return 2
    case_articles = sorted(args.cases.glob("*/article.txt"))
    words = sum(len(line.split()) for line in args.article.read_text(encoding="utf-8").splitlines())
    case_words = [len(p.read_text(encoding="utf-8").split()) for p in case_articles]
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="factdesk-e2e-") as tmp:
        work = Path(tmp)
        db = str(work / "evidence.db")
        store = build_store(args.cases, Path(db))
        cold_list = [args.article] * args.cold + case_articles[: args.cold_cases]
        cold = [cold_run(a, work, i, db) for i, a in enumerate(cold_list)]
        ingest = ingest_only(args.article)
        warm = {} if args.no_warm else warm_runs([args.article, *case_articles], args.warmup_article, db)
    result = {
        "benchmark": "e2e",
        "started": started,
        "commit": _git_commit(),
        "article": str(args.article),
        "article_words_on_page": words,
        "case_articles": len(case_articles),
        "case_words": {"min": min(case_words), "max": max(case_words)} if case_words else {},
        "sources": ["local"],
        "store": {"what": f"SQLite store holding the evidence of every case in {_name(args.cases)}", **store},
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "loadavg_start": [round(x, 2) for x in load_start],
            "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        },
        "targets": {"warm_s": 3.0, "cold_s": 10.0},
        "ingest_only": ingest,
        "cold": {"summary": _by_group(cold, args.article), "runs": cold},
        "warm": {"summary": _by_group(warm.get("runs", []), args.article), **warm,
                 "note": "each article is checked once in the warm process, after a different warm-up article"},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({"store": result["store"], "cold": result["cold"]["summary"],
                      "warm": result["warm"]["summary"], "warm_peak_rss_mib": warm.get("peak_rss_mib")}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
