"""The ``factdesk`` command: thin over the library (parse, call, render).

Every deliberate error (``FactdeskError``) ends as one line on stderr and exit code 2.
Sub-command groups live in ``factdesk.commands.*`` and are registered below.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from factdesk import __version__
from factdesk.errors import FactdeskError

app = typer.Typer(
    name="factdesk",
    help="An offline fact desk for news: what in this article is true?",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: (module, name) of sub-command groups; each module exposes ``app`` (a typer.Typer).
SUBCOMMAND_GROUPS: list[tuple[str, str]] = [
    ("factdesk.commands.store", "store"),
    ("factdesk.commands.train", "train"),
    ("factdesk.commands.eval", "eval"),
]
#: modules exposing ``register(app)`` that add top-level commands (listen, serve, batch, monitor…)
COMMAND_MODULES: list[str] = [
    "factdesk.commands.listen",
    "factdesk.commands.serve",
    "factdesk.commands.scale",
]


def err_console() -> Console:
    return Console(stderr=True)


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"
    claimreview = "claimreview"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factdesk {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = None,
) -> None:
    """factdesk reads a news article the way a careful fact-checker would."""


@app.command()
def check(
    input: Annotated[str, typer.Argument(help="A file path (text or HTML), a URL, or '-' for stdin.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here.")] = None,
    db: Annotated[Optional[str], typer.Option("--db", help="Evidence store: SQLite path or postgresql:// URL.")] = None,
    sources: Annotated[
        Optional[str], typer.Option("--sources", help="local | all | NAME,NAME (e.g. local,wikipedia).")
    ] = None,
    source_url: Annotated[
        Optional[list[str]], typer.Option("--source-url", help="Extra URL to fetch as evidence (repeatable).")
    ] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Config file (TOML).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
    min_checkworthiness: Annotated[
        Optional[float], typer.Option("--min-checkworthiness", min=0.0, max=1.0,
                                      help="Check only verifiable claims scoring at least this (0-1); default: all.")
    ] = None,
) -> None:
    """Check an article: claims, evidence, verdicts, analysis."""
    from factdesk.config import load_config
    from factdesk.ingest import load_article
    from factdesk.pipeline import check as run_check
    from factdesk.report import render
    from factdesk.runtime import Runtime

    source_list = [s.strip() for s in sources.split(",") if s.strip()] if sources else None
    cfg = load_config(config, db=db, sources=source_list, source_urls=source_url or None,
                      min_checkworthiness=min_checkworthiness)
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
    _emit(text, output, format == Format.text)


@app.command()
def schema(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the schema here.")] = None,
) -> None:
    """Print the JSON Schema of the report (generated from the models)."""
    from factdesk.models import Report

    text = json.dumps(Report.model_json_schema(mode="serialization"), indent=2)
    _emit(text, output, False)


def _emit(text: str, output: Path | None, rich_text: bool) -> None:
    if output is None:
        if rich_text:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        else:
            typer.echo(text)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = output.with_name(output.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    except OSError as exc:
        raise FactdeskError(f"cannot write {output}: {exc.strerror or exc}") from None


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


def _register() -> None:
    from factdesk.commands._plugins import optional_module

    for module_name, name in SUBCOMMAND_GROUPS:
        module = optional_module(module_name)
        if module is not None:
            app.add_typer(module.app, name=name)
    for module_name in COMMAND_MODULES:
        module = optional_module(module_name)
        if module is not None:
            module.register(app)


_register()


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI, turning deliberate errors into one line and exit code 2."""
    try:
        rc = app(args=argv, standalone_mode=False)
        if isinstance(rc, int) and rc:  # click returns (not raises) a typer.Exit code here
            return rc
    except FactdeskError as exc:
        err_console().print(f"[red]error:[/] {exc}", highlight=False, soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        err_console().print("interrupted")
        return 130
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        return 1
    except typer.TyperException as exc:  # usage errors (typer's own click): its short message, no traceback
        if hasattr(exc, "show"):
            exc.show()
        else:
            err_console().print(f"[red]error:[/] {exc}", highlight=False, soft_wrap=True)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
