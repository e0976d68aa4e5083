"""``factdesk verify CLAIM…``: check claims without an article.

    factdesk verify "The Santa Justa Lift opened in 1902." "Lisbon has about 545,000 residents."
    factdesk verify --file claims.txt --db evidence.db -f json
    some-command | factdesk verify -            # claims from standard input, one a line

The same retrieval, live sources and verification as ``factdesk check``; one claim per argument or
per line, each checked as written.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from factdesk.commands.check import _progress
from factdesk.commands.output import emit, err_console
from factdesk.errors import InputError

__all__ = ["ClaimFormat", "read_claim_lines", "verify"]

#: the most bytes read from a claims file or standard input
MAX_CLAIMS_BYTES = 2 * 1024 * 1024


class ClaimFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


def read_claim_lines(raw: bytes, where: str) -> list[str]:
    """One claim per non-empty line of UTF-8 text (a BOM is allowed; ``#`` starts a comment line)."""
    if len(raw) > MAX_CLAIMS_BYTES:
        raise InputError(f"{where}: more than {MAX_CLAIMS_BYTES // (1024 * 1024)} MiB of claims")
    if b"\x00" in raw:
        raise InputError(f"{where}: not a text file (it holds NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 text (byte {exc.start})") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def verify(
    claims: Annotated[Optional[list[str]], typer.Argument(help="Claims to check, one per argument; '-' reads them from stdin, one a line.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", help="A text file of claims, one a line ('#' lines are skipped).")] = None,
    format: Annotated[ClaimFormat, typer.Option("--format", "-f", help="Report format.")] = ClaimFormat.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here.")] = None,
    db: Annotated[Optional[str], typer.Option("--db", help="Evidence store: SQLite path or postgresql:// URL.")] = None,
    sources: Annotated[Optional[str], typer.Option("--sources", help="auto (default) | local | all | NAME,NAME (e.g. local,wikipedia).")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Config file (TOML).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Check claims without an article: evidence, verdict, confidence and rationale for each."""
    from factdesk.commands.common import require_store
    from factdesk.config import load_config
    from factdesk.ingest.detect import read_path, read_stdin
    from factdesk.outputs import preflight
    from factdesk.pipeline import verify_claims
    from factdesk.report.claims import render_claims
    from factdesk.runtime import Runtime

    target = preflight(output) if output is not None else None  # an unwritable -o fails now, not after
    texts = [c for c in (claims or []) if c != "-"]
    if claims and "-" in claims:  # ingest's readers: a closed stdin, a pipe or a device is one line
        texts += read_claim_lines(read_stdin(limit=MAX_CLAIMS_BYTES), "standard input")
    if file is not None:
        texts += read_claim_lines(read_path(file, limit=MAX_CLAIMS_BYTES), str(file))
    if not claims and file is None and sys.stdin is not None and not sys.stdin.isatty():
        texts += read_claim_lines(read_stdin(limit=MAX_CLAIMS_BYTES), "standard input")
    if not any(t.strip() for t in texts):
        raise InputError("no claim to check: give claims as arguments, with --file, or one a line on stdin")
    source_list = [s.strip() for s in sources.split(",") if s.strip()] if sources else None
    cfg = load_config(config, db=db, sources={"use": source_list})
    require_store(cfg.db, "verify")
    with _progress(err_console(), quiet) as progress:
        with Runtime(cfg) as runtime:
            report = verify_claims(texts, runtime, progress=progress)
    color = None if output is None else False
    emit(render_claims(report, format.value, color=color), target, format == ClaimFormat.text)
