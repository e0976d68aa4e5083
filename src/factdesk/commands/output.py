"""What the command modules share for output: the stderr console and writing a result."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from factdesk.errors import FactdeskError

__all__ = ["emit", "err_console"]


def err_console() -> Console:
    return Console(stderr=True)


def emit(text: str, output: Path | None, rich_text: bool) -> None:
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
