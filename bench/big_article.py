"""A 20 MiB article through ``factdesk check``, end to end: does it finish (or say why), how long, how
much memory?

The article is generated (seeded): a headline and about 40,000 varied news paragraphs (names,
numbers, dates, quotes, attributions), just under the 20 MiB input cap (``max_input_bytes``). It is
checked by the real CLI in a child process (``check FILE -f json -o OUT``, local sources, a store
holding the web tests' evidence documents, so claims find passages and reach the cross-encoder)
under a wrapper whose only child is the CLI, so ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the
CLI's peak resident memory. The report's stage timings and warnings are kept.

    .venv/bin/python bench/big_article.py                       # writes bench/results/big_article.json
    .venv/bin/python bench/big_article.py --mib 5 --src /path/to/other/src --label before

``--src`` runs another checkout's code (e.g. the code before a change) on the same input.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "big_article.json"
#: the 1 GiB bound the issue sets for a 20 MiB article
MEMORY_BOUND_MIB = 1024

PEOPLE = ["Ana Ruiz", "Tom Becker", "Leila Haddad", "Marta Kowalska", "James Okafor", "Yuki Tanaka", "Priya Nair"]
BODIES = ["city council", "regional assembly", "school board", "water agency", "transport authority", "port authority"]
PLACES = ["Harbour Road", "the river port", "Northgate", "the old mill district", "Lakeside", "the airport road"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def paragraph(rng: random.Random) -> str:
    person, body, place = rng.choice(PEOPLE), rng.choice(BODIES), rng.choice(PLACES)
    year, money, share = rng.randint(2015, 2026), rng.randint(2, 900), rng.randint(1, 60)
    month, day = rng.choice(MONTHS), rng.randint(1, 28)
    shapes = [
        f"The {body} voted {rng.randint(5, 12)} to {rng.randint(0, 4)} on {month} {day}, {year} to approve a plan "
        f"for {place} costing {money} million dollars, officials said.",
        f"\"We have waited long enough,\" said {person}, who chairs the {body}. Unemployment in {place} fell "
        f"to {share / 10:.1f} percent last year, according to figures released on Tuesday.",
        f"Critics said the {body} had ignored a {year - 1} report that found the work would cost {share} percent "
        f"more than planned. Some experts say the estimate is too low.",
        f"{person} told reporters that about {rng.randint(1_000, 500_000):,} residents would benefit and that "
        f"construction would start in {month} {year + 1}.",
    ]
    return " ".join(rng.sample(shapes, k=rng.randint(2, 4)))


def make_article(path: Path, target_bytes: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    size, paragraphs = 0, 0
    with path.open("w", encoding="utf-8") as fh:
        head = "Council Approves Record Budget for the Harbour District\n\n"
        fh.write(head)
        size += len(head.encode())
        while True:
            para = paragraph(rng) + "\n\n"
            n = len(para.encode())
            if size + n > target_bytes:
                break
            fh.write(para)
            size += n
            paragraphs += 1
    return {"bytes": size, "paragraphs": paragraphs}


_WRAPPER = r"""
import json, resource, subprocess, sys, time
report, timeout = sys.argv[1], float(sys.argv[2])
start = time.perf_counter()
try:
    proc = subprocess.run(sys.argv[3:], stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    rc, err = proc.returncode, proc.stderr
except subprocess.TimeoutExpired as exc:  # run() killed and reaped the CLI: its peak still counts
    rc, err = "timeout", exc.stderr or b""
wall = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(report, "w") as out:
    json.dump({"rc": rc, "wall_s": round(wall, 1), "peak_rss_mib": round(peak_kib / 1024, 1),
               "stderr_tail": err.decode("utf-8", "replace")[-2000:]}, out)
"""


EVIDENCE = ROOT / "tests" / "data" / "web" / "evidence.jsonl"


def run_check(article: Path, work: Path, src: Path, timeout: float, evidence: Path | None) -> dict:
    out = work / "report.json"
    measure = work / "measure.json"
    env = {**os.environ, "PYTHONPATH": str(src), "FACTDESK_CONFIG": "/nonexistent/factdesk.toml",
           "FACTDESK_DATA_DIR": str(work / "data"), "OMP_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}
    if evidence is not None:
        subprocess.run([sys.executable, "-m", "factdesk", "store", "add", str(evidence), "--db", str(work / "store.db"),
                        "-q"], env=env, timeout=timeout, check=True, capture_output=True)
    cmd = [sys.executable, "-c", _WRAPPER, str(measure), str(timeout), sys.executable, "-m", "factdesk", "check",
           str(article),
           "-f", "json", "-o", str(out), "--sources", "local", "--db", str(work / "store.db"), "--quiet"]
    subprocess.run(cmd, env=env, timeout=timeout + 120, check=True)
    result = json.loads(measure.read_text())
    if result["rc"] == 0 and out.is_file():
        report = json.loads(out.read_text(encoding="utf-8"))
        result.update({
            "report_bytes": out.stat().st_size,
            "claims": len(report.get("claims", [])),
            "checked_claims": sum(1 for c in report.get("claims", []) if c.get("checked")),
            "stage_timings_s": report.get("timings", {}),
            "warnings": report.get("warnings", []),
        })
    else:
        lines = [ln for ln in result["stderr_tail"].splitlines() if ln.strip()]
        result["last_stderr_line"] = lines[-1] if lines else f"killed after {timeout:.0f} s (--timeout)"
    result["completed"] = result["rc"] == 0
    result["within_memory_bound"] = result["peak_rss_mib"] < MEMORY_BOUND_MIB
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=float, default=20.0, help="article size in MiB (default 20, minus 1 KiB)")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the factdesk source tree to run")
    parser.add_argument("--label", default="current", help="name of this run in the results file")
    parser.add_argument("--timeout", type=float, default=3600.0)
    parser.add_argument("--evidence", type=Path, default=EVIDENCE, help="JSONL documents for the store "
                        "(default: the web tests' evidence); --evidence '' for an empty store")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()

    target = int(args.mib * 1024 * 1024) - 1024
    with tempfile.TemporaryDirectory(prefix="factdesk-big-") as tmp:
        work = Path(tmp)
        article = work / "big-article.txt"
        made = make_article(article, target)
        chars = len(article.read_text(encoding="utf-8"))
        evidence = args.evidence if str(args.evidence) not in ("", ".") else None
        run = run_check(article, work, args.src, args.timeout, evidence)
    run.update({"input_bytes": made["bytes"], "input_chars": chars, "paragraphs": made["paragraphs"],
                "src": str(args.src), "evidence": str(evidence) if evidence else None, "load_average_at_end": [round(x, 1) for x in os.getloadavg()]})
    results = json.loads(args.out.read_text()) if args.out.is_file() else {}
    results.setdefault("runs", {})[args.label] = run
    results["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    results["memory_bound_mib"] = MEMORY_BOUND_MIB
    results["measured"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(run, indent=2))
    return 0 if run["completed"] and run["within_memory_bound"] else 1


if __name__ == "__main__":
    sys.exit(main())
