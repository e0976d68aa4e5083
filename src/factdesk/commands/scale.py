"""factdesk batch / factdesk monitor: many articles, many feeds, one engine (local or Ray)."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

__all__ = ["batch", "monitor", "warn_duplicates"]


def _open_report_store(config):
    from factdesk.evidence.store import open_store

    return open_store(config.db)


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()

    def handler(signum, frame):  # finish what is in flight, then stop
        stop.set()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    return stop


def batch(
    inputs: Annotated[list[str], typer.Argument(help="Paths, directories, URLs, JSONL of articles, feeds.")],
    engine: Annotated[str, typer.Option("--engine", help="local (one process) or ray.")] = "local",
    address: Annotated[Optional[str], typer.Option("--address", help="Ray cluster: ray://host:10001 or auto.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Checker workers (Ray actors).")] = 1,
    out: Annotated[Path, typer.Option("--out", help="Output directory (reports/, errors/, manifest.jsonl).")] = Path("factdesk-batch"),
    db: Annotated[Optional[str], typer.Option("--db", help="Evidence store (also keeps the reports).")] = None,
    sources: Annotated[Optional[str], typer.Option("--sources", help="auto | local | all | NAME,NAME")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Config file (TOML).")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per actor call.")] = 2,
) -> None:
    """Check many articles in parallel; re-running skips what is done.

    Exit code 0 when every article is checked (now or by an earlier run), 1 when some failed (each
    is listed, the rest are saved), 2 for unusable input or output."""
    from factdesk.config import load_config
    from factdesk.http import FEED_TYPES, fetch_sync
    from factdesk.outputs import preflight_dir
    from factdesk.scale import BatchOutput, expand_inputs, run_jobs

    from factdesk.commands.common import require_store

    preflight_dir(out)  # an unusable --out fails now, before any input is read or model loaded
    cfg = load_config(config, db=db, sources={"use": [s for s in sources.split(",") if s] if sources else None})
    require_store(cfg.db, "batch")
    console = Console(stderr=True)

    def fetch(url: str):
        fetched = fetch_sync(url, config=cfg.http)
        return fetched.content, fetched.content_type

    duplicates = []
    jobs = expand_inputs(inputs, fetch=fetch, on_duplicate=lambda kept, dropped: duplicates.append((kept, dropped)))
    warn_duplicates(console, [(kept.source, dropped.source, f"article {dropped.label[:60]!r}")
                              for kept, dropped in duplicates])
    output = BatchOutput(out)  # its folders are checked before the store is opened
    store = output.store = _open_report_store(cfg)
    stop = _stop_on_signals()
    with Progress(TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[failed]} failed · {task.fields[rate]:.1f}/min"),
                  TimeElapsedColumn(), console=console, transient=False) as bar:
        task = bar.add_task("batch", total=len(jobs), failed=0, rate=0.0)
        skipped = sum(1 for j in jobs if output.is_done(j.key))
        bar.update(task, completed=skipped)

        def progress(done: int, failed: int, total: int, rate: float) -> None:
            bar.update(task, completed=skipped + done + failed, failed=failed, rate=rate)

        summary = run_jobs(jobs, cfg, output, engine=engine, workers=workers, address=address,
                           batch_size=batch_size, progress=progress, stop=stop)
    store.close()
    console.print(f"{summary.done} checked, {summary.failed} failed, {summary.skipped} already done "
                  f"→ {out}  ({summary.per_minute:.1f} articles/min)", markup=False)
    for key, error in sorted(summary.errors.items()):
        console.print(f"  failed {key}: {error}", highlight=False, markup=False)
    if summary.failed:
        raise typer.Exit(1)


#: duplicate warnings printed one by one (the rest are counted)
SHOWN_DUPLICATES = 5


def warn_duplicates(console: Console, duplicates: list[tuple[str, str, str]]) -> None:
    """One rule for batch and store add: the first occurrence of an id wins; each later one is named.

    ``duplicates``: (where the kept one is, where the dropped one is, what it is)."""
    for kept, dropped, what in duplicates[:SHOWN_DUPLICATES]:
        console.print(f"warning: {dropped}: duplicate {what} (first at {kept}); the first is kept",
                      highlight=False, soft_wrap=True, markup=False)
    if len(duplicates) > SHOWN_DUPLICATES:
        console.print(f"warning: {len(duplicates) - SHOWN_DUPLICATES} more duplicates skipped (the first of "
                      "each is kept)", highlight=False)

def monitor(
    feeds: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs or files.")],
    engine: Annotated[str, typer.Option("--engine", help="local or ray.")] = "local",
    address: Annotated[Optional[str], typer.Option("--address", help="Ray cluster address.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1)] = 1,
    interval: Annotated[float, typer.Option("--interval", min=0.0, help="Seconds between polls.")] = 300.0,
    polls: Annotated[Optional[int], typer.Option("--polls", min=1, help="Stop after N polls.")] = None,
    out: Annotated[Path, typer.Option("--out", help="Output directory.")] = Path("factdesk-monitor"),
    db: Annotated[Optional[str], typer.Option("--db")] = None,
    config: Annotated[Optional[Path], typer.Option("--config")] = None,
) -> None:
    """Poll feeds; check each new or changed article once; say what changed. Stops cleanly on Ctrl-C."""
    from factdesk.config import load_config
    from factdesk.outputs import preflight_dir
    from factdesk.scale import FeedMonitor

    from factdesk.commands.common import require_store

    preflight_dir(out)  # an unusable --out fails now, before any feed is read or model loaded
    cfg = load_config(config, db=db)
    require_store(cfg.db, "monitor")
    console = Console(stderr=True)
    stop = _stop_on_signals()
    mon = FeedMonitor(feeds, cfg, out, engine=engine, workers=workers, address=address)
    store = mon.output.store = _open_report_store(cfg)  # after its folders are checked
    try:
        mon.run(interval, stop, max_polls=polls, on_poll=lambda s: typer.echo(s.describe()))
    finally:
        store.close()
    if stop.is_set():
        console.print("monitor stopped; every finished report is saved")
