"""What the command modules share for output: the stderr console and writing a result."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from factdesk.outputs import Target, write_output, write_stdout

__all__ = ["emit", "err_console"]


def err_console() -> Console:
    return Console(stderr=True)


def emit(text: str, output: Path | Target | None, rich_text: bool = False) -> None:
    """Print ``text`` (one final newline) or write it to ``output`` safely (see factdesk.outputs)."""
    if output is None:
        write_stdout(text if text.endswith("\n") else text + "\n")
        return
    write_output(output, text)
