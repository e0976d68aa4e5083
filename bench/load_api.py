"""Load on the REST API: N concurrent clients against a real ``factdesk serve`` on 127.0.0.1.

Each client loops for a fixed time: submit a check (a varied generated article), poll its status
until the report is ready, read the report JSON, the article page and the ClaimReview, and read an
earlier report again. Every client has at most one check in flight, so the load is bounded.
Measured: requests/s, checks/min, latency percentiles per endpoint, error count (any non-2xx or
transport error), and the server's resident memory sampled every 0.2 s (peak, and a timeline).

    .venv/bin/python bench/load_api.py --clients 8 --duration 60 --out bench/results/load_api.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]

PLACES = ["Harbour Road", "the river port", "Northgate", "the old mill district", "Lakeside", "the airport road"]
BODIES = ["city council", "regional assembly", "school board", "water agency", "transport authority"]
PEOPLE = ["Ana Ruiz", "Tom Becker", "Leila Haddad", "Marta Kowalska", "James Okafor", "Yuki Tanaka"]


def make_article(rng: random.Random, n: int) -> str:
    """A short, varied news article (never the same text twice)."""
    place, body, person = rng.choice(PLACES), rng.choice(BODIES), rng.choice(PEOPLE)
    money, votes_for, votes_against = rng.randint(2, 90), rng.randint(5, 12), rng.randint(0, 4)
    year, people = rng.randint(2019, 2026), rng.randint(1_000, 500_000)
    return "\n\n".join([
        f"The {body.title()} Backs Plan {n} for {place.title()}",
        f"The {body} voted {votes_for} to {votes_against} on Tuesday to approve a plan for {place} "
        f"costing {money} million dollars, officials said.",
        f"{person}, who chairs the {body}, said the work would start in {year} and serve about {people:,} residents.",
        f"Critics said the {body} had ignored a {year - 1} report that found the plan would cost twice as much.",
        f"\"We have waited long enough,\" {person} said. The plan is the {rng.randint(2, 9)}th of its kind this decade.",
    ])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.checks_done = 0
        self.check_s: list[float] = []

    def call(self, name: str, fn, *args, **kw):
        start = time.perf_counter()
        try:
            resp = fn(*args, **kw)
        except httpx.HTTPError as exc:
            with self.lock:
                self.errors.append(f"{name}: {type(exc).__name__}: {exc}"[:200])
            return None
        took = time.perf_counter() - start
        with self.lock:
            self.latency[name].append(took)
            if resp.status_code >= 400:
                self.errors.append(f"{name}: HTTP {resp.status_code} {resp.text[:150]}")
                return None
        return resp


def client_loop(base: str, idx: int, stop_at: float, rec: Recorder, done_ids: list[str], seed: int) -> None:
    rng = random.Random(seed * 1000 + idx)
    n = 0
    with httpx.Client(base_url=base, timeout=120.0) as c:
        while time.monotonic() < stop_at:
            n += 1
            started = time.monotonic()
            resp = rec.call("POST /api/checks", c.post, "/api/checks", json={"text": make_article(rng, idx * 10_000 + n)})
            if resp is None:
                time.sleep(0.5)
                continue
            job = resp.json()["id"]
            status = None
            while time.monotonic() < stop_at + 120:  # let the last check finish
                got = rec.call("GET /api/checks/{id}", c.get, f"/api/checks/{job}")
                status = got.json()["status"] if got is not None else None
                if status in ("done", "failed"):
                    break
                time.sleep(0.5)
            if status != "done":
                with rec.lock:
                    rec.errors.append(f"check {job} ended as {status}")
                continue
            with rec.lock:
                rec.checks_done += 1
                rec.check_s.append(time.monotonic() - started)
                done_ids.append(job)
            rec.call("GET /checks/{id} (page)", c.get, f"/checks/{job}")
            rec.call("GET /api/checks/{id}/claimreview", c.get, f"/api/checks/{job}/claimreview")
            old = rng.choice(done_ids)
            rec.call("GET /api/checks/{id} (report)", c.get, f"/api/checks/{old}")


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    return {"n": len(values), "p50_ms": round(pct(50) * 1000, 1), "p95_ms": round(pct(95) * 1000, 1),
            "p99_ms": round(pct(99) * 1000, 1), "max_ms": round(ordered[-1] * 1000, 1),
            "mean_ms": round(statistics.fmean(values) * 1000, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load (bounded)")
    ap.add_argument("--workers", type=int, default=1, help="server check workers")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--models-dir", help="a folder of models that replace the shipped ones ([models] dir)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "load_api.json")
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="factdesk-load-"))
    cfg = work / "factdesk.toml"
    models = f"[models]\ndir = {json.dumps(args.models_dir)}\n" if args.models_dir else ""
    cfg.write_text(f'[sources]\nuse = ["local"]\n\n{models}\n[server]\nrate_limit_per_minute = 100000\n'
                   "max_queued_jobs = 64\nprefetch_audio = false\n", encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "FACTDESK_CONFIG": str(cfg), "FACTDESK_DATA_DIR": str(work), "OMP_NUM_THREADS": "1",
           "TOKENIZERS_PARALLELISM": "false", "PYTHONPATH": str(ROOT / "src")}
    subprocess.run([sys.executable, "-m", "factdesk", "store", "init", "--db", str(work / "store.db")], env=env,
                   check=True, capture_output=True)  # `factdesk serve` serves a store that exists
    server = subprocess.Popen(
        [sys.executable, "-m", "factdesk", "serve", "--port", str(port), "--db", str(work / "store.db"),
         "--config", str(cfg), "--workers", str(args.workers), "--log-level", "warning"],
        env=env, stdout=(work / "server.log").open("wb"), stderr=subprocess.STDOUT,
    )
    proc = psutil.Process(server.pid)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/api/health", timeout=2).json().get("ready"):
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"server did not become ready; see {work / 'server.log'}")
            time.sleep(0.3)

        rss_start = proc.memory_info().rss
        samples: list[tuple[float, int]] = []
        sampling = threading.Event()

        def sample() -> None:
            t0 = time.monotonic()
            while not sampling.is_set():
                try:
                    rss = proc.memory_info().rss + sum(ch.memory_info().rss for ch in proc.children(recursive=True))
                except psutil.Error:
                    break
                samples.append((time.monotonic() - t0, rss))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        rec = Recorder()
        done_ids: list[str] = []
        t0 = time.monotonic()
        stop_at = t0 + args.duration
        threads = [threading.Thread(target=client_loop, args=(base, i, stop_at, rec, done_ids, args.seed))
                   for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - t0
        sampling.set()
        sampler.join()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()

    all_lat = [v for vals in rec.latency.values() for v in vals]
    peak = max((r for _, r in samples), default=rss_start)
    step = max(1, len(samples) // 30)
    result = {
        "bench": "load_api",
        "what": "N concurrent clients: submit a check, poll it, read report/page/ClaimReview, re-read an old report",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "note": "shared 2-core machine; other work may have run at the same time"},
        "clients": args.clients,
        "server_workers": args.workers,
        "duration_s": round(elapsed, 1),
        "requests": len(all_lat),
        "throughput_rps": round(len(all_lat) / elapsed, 2),
        "checks_completed": rec.checks_done,
        "checks_per_min": round(rec.checks_done * 60 / elapsed, 2),
        "check_turnaround": percentiles(rec.check_s),
        "latency_all": percentiles(all_lat),
        "latency": {name: percentiles(vals) for name, vals in sorted(rec.latency.items())},
        "errors": len(rec.errors),
        "error_examples": rec.errors[:10],
        "server_rss_mb": {"start": round(rss_start / 2**20, 1), "peak": round(peak / 2**20, 1),
                          "end": round(samples[-1][1] / 2**20, 1) if samples else None,
                          "timeline": [(round(t, 1), round(r / 2**20, 1)) for t, r in samples[::step]]},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    tmp.replace(args.out)
    print(json.dumps({k: v for k, v in result.items() if k not in ("latency", "server_rss_mb")}, indent=2))
    print("peak server RSS MB:", result["server_rss_mb"]["peak"])
    return 0 if not rec.errors else 1


if __name__ == "__main__":
    sys.exit(main())
