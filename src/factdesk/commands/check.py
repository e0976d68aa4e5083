"""``factdesk check INPUT``: an article's claims, evidence, verdicts and analysis, in one of the report formats."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from factdesk.commands.output import emit, err_console

__all__ = ["Format", "check"]


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"
    claimreview = "claimreview"


def check(
    input: Annotated[str, typer.Argument(help="A file path (text or HTML), a URL, or '-' for stdin.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here.")] = None,
    db: Annotated[Optional[str], typer.Option("--db", help="Evidence store: SQLite path or postgresql:// URL.")] = None,
    sources: Annotated[
        Optional[str], typer.Option("--sources", help="auto (default: the store, plus the free live sources when "
                                    "the network answers) | local | all | NAME,NAME (e.g. local,wikipedia).")
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Keep everything on this machine: the store only, no URL fetched.")
    ] = False,
    source_url: Annotated[
        Optional[list[str]], typer.Option("--source-url", help="Extra URL to fetch as evidence (repeatable).")
    ] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Config file (TOML).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
    render_first: Annotated[
        Optional[bool], typer.Option("--render/--no-render", help="Render the URL in chromium first (default: "
                                     "ingest.render, 'auto': when the page needs it).")
    ] = None,
    min_checkworthiness: Annotated[
        Optional[float], typer.Option("--min-checkworthiness", min=0.0, max=1.0,
                                      help="Check only verifiable claims scoring at least this (0-1); default: all.")
    ] = None,
) -> None:
    """Check an article: claims, evidence, verdicts, analysis."""
    from factdesk.commands.common import require_store
    from factdesk.config import load_config
    from factdesk.errors import InputError
    from factdesk.ingest import is_url, load_article
    from factdesk.outputs import preflight
    from factdesk.pipeline import check as run_check
    from factdesk.report import render
    from factdesk.runtime import Runtime

    target = preflight(output) if output is not None else None  # an unwritable -o fails now, not after the check
    source_list = [s.strip() for s in sources.split(",") if s.strip()] if sources else None
    if offline:
        if source_list and source_list != ["local"] or source_url:
            raise InputError("--offline keeps everything on this machine: drop --sources / --source-url")
        if is_url(input):
            raise InputError(f"{input}: --offline fetches nothing; save the page and check the file")
        source_list = ["local"]
    cfg = load_config(config, db=db, sources={"use": source_list, "urls": source_url or None},
                      claims={"min_checkworthiness": min_checkworthiness})
    if render_first is not None:
        if render_first and not is_url(input):
            raise InputError(f"{input}: --render reads http(s) URLs; a file is read as it is")
        cfg.ingest.render = "always" if render_first else "never"
    require_store(cfg.db, "check")
    console = err_console()
    with _progress(console, quiet) as progress:
        progress("ingest", 0.0, f"reading {input}")
        article = load_article(input, config=cfg)
        with Runtime(cfg) as runtime:
            report = run_check(article, runtime, progress=progress)
    if output is not None and format == Format.text:
        from factdesk.report.terminal import render_terminal

        text = render_terminal(report, color=False)  # a file gets no colour codes, whatever stdout is
    else:
        text = render(report, format.value)
    emit(text, target, format == Format.text)


class _progress:
    """Context manager yielding a progress callback that draws a spinner with the stage on stderr."""

    def __init__(self, console: Console, quiet: bool) -> None:
        self.console, self.quiet, self.status = console, quiet or not console.is_terminal, None

    def __enter__(self):
        if not self.quiet:
            self.status = self.console.status("starting…")
            self.status.__enter__()
        return self.update

    def update(self, stage: str, fraction: float, message: str) -> None:
        if self.status is not None:
            pct = f" {fraction:.0%}" if 0 < fraction < 1 else ""
            self.status.update(f"[bold]{stage}[/]{pct} · {message}")

    def __exit__(self, *exc: object) -> None:
        if self.status is not None:
            self.status.__exit__(*exc)
