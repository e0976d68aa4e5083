"""Batch throughput: articles per minute and peak memory, one-by-one loop vs Ray with 1 and 2 workers.

    .venv/bin/python -m bench.scale_bench [--articles 24] [--out bench/results/scale.json]

Peak memory is the largest resident set of this process plus all its children (the Ray
processes), sampled every 0.2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import threading
import time
from pathlib import Path

import psutil

from factdesk.config import load_config
from factdesk.scale import BatchOutput, expand_inputs, run_jobs

TEMPLATES = [
    "The city council of {city} voted {a} to {b} on Tuesday to approve a {km}-kilometre tram line. "
    "Councillor {name} said the line would cost {m} million pounds. Construction is due to start in {year}.",
    "Farmers in {city} harvested {a} million bushels of wheat this year, down from {b} million. "
    "The agriculture department blamed the driest spring since {year}. Prices rose {km} percent in July.",
    "The museum in {city} returned {a} bronze statues on Monday, said director {name}. "
    "The return followed {km} years of talks. The statues date from the {b}th century.",
]
CITIES = ["Leeds", "Lyon", "Porto", "Graz", "Turku", "Ghent", "Brno", "Cork"]
NAMES = ["Maria Gomez", "Jan Novak", "Aino Virtanen", "Luc Martin"]


def make_corpus(root: Path, n: int) -> None:
    for i in range(n):
        t = TEMPLATES[i % len(TEMPLATES)]
        body = t.format(city=CITIES[i % len(CITIES)], a=10 + i, b=40 + i, km=3 + i % 9, name=NAMES[i % len(NAMES)],
                        m=100 + 7 * i, year=1990 + i)
        text = f"Local desk story {i}\n\n{body}\n\n{body.split('. ')[0]}, officials confirmed on the record.\n"
        (root / f"a{i:03d}.txt").write_text(text, encoding="utf-8")


class PeakRSS:
    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(0.2)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run(engine: str, workers: int, jobs, cfg, out: Path) -> dict:
    with PeakRSS() as mem:
        start = time.perf_counter()
        summary = run_jobs(jobs, cfg, BatchOutput(out), engine=engine, workers=workers, batch_size=2)
        wall = time.perf_counter() - start
    return {
        "engine": engine,
        "workers": workers,
        "articles": summary.done + summary.failed,
        "failed": summary.failed,
        "wall_s": round(wall, 2),
        "articles_per_minute": round(60 * (summary.done + summary.failed) / wall, 2),
        "peak_rss_mb": round(mem.peak / 2**20, 1),
        "note": "wall time includes starting the engine and loading models in every worker",
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=24)
    ap.add_argument("--out", default="bench/results/scale.json")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "corpus").mkdir()
        make_corpus(root / "corpus", args.articles)
        os.environ["FACTDESK_CONFIG"] = str(root / "none.toml")
        cfg = load_config(db=str(root / "store.db"), sources={"use": ["local"]})
        jobs = expand_inputs([str(root / "corpus")])
        results.append(run("local", 1, jobs, cfg, root / "loop"))
        for workers in (1, 2):
            results.append(run("ray", workers, jobs, cfg, root / f"ray{workers}"))
    payload = {
        "benchmark": "scale",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "results": results,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(payload, indent=2))
    print(json.dumps(payload, indent=2))


if __name__ == "__main__":
    main()
