"""``factdesk listen INPUT -o article.ogg``: the article's title and body read aloud, with timings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

__all__ = ["listen"]


def listen(
    input: Annotated[str, typer.Argument(help="A file path (text or HTML), a URL, or '-' for stdin.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Audio file to write: .ogg, .wav or .mp3 (the suffix picks).")
    ],
    voice: Annotated[
        Optional[str],
        typer.Option("--voice", help="piper (natural, GPL-3.0 extra) or espeak; default: [listen] voice in the config, else the first installed."),
    ] = None,
    timings: Annotated[
        Optional[Path],
        typer.Option("--timings", help="Where to write the sentence timings (default: OUTPUT + '.json')."),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Synthesise again even if cached.")] = False,
    config: Annotated[Optional[Path], typer.Option("--config", help="Config file (TOML).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Read an article aloud (title and body; never the comments) into an audio file."""
    import tempfile

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from factdesk.config import load_config
    from factdesk.ingest import load_article
    from factdesk.listen import get_speaker, synthesize
    from factdesk.outputs import OutputError, OutputSet, is_stream, preflight

    audio_out = preflight(output)  # an unwritable output fails now, not after the synthesis
    if timings is None and is_stream(output):
        raise OutputError(f"-o {output} is not a regular file: say where the timings go with --timings")
    sidecar = timings or output.with_name(output.name + ".json")
    timings_out = preflight(sidecar)
    cfg = load_config(config)
    article = load_article(input, config=cfg)
    speaker = get_speaker(voice or cfg.listen.voice)
    console = Console(stderr=True)
    show = not quiet and console.is_terminal
    with tempfile.TemporaryDirectory(prefix="factdesk-listen-") as scratch, Progress(
        TextColumn("[bold]listen[/] {task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} sentences"),
        TimeRemainingColumn(),
        console=console,
        disable=not show,
        transient=True,
    ) as bar:
        task = bar.add_task(speaker.voice, total=None)
        # the audio is made in the cache (or, with --no-cache, in a private scratch folder) and then
        # copied to OUTPUT together with the timings: both are written, or neither
        fmt = _format_of(output)
        target = None if not no_cache else Path(scratch) / f"audio.{fmt or 'ogg'}"
        audio = synthesize(
            article,
            target,
            fmt=fmt,
            speaker=speaker,
            use_cache=not no_cache,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
        made = Path(audio.path)
        audio = audio.model_copy(update={"path": str(output)})
        with OutputSet() as outs:
            outs.add(audio_out, source=made)
            outs.add(timings_out, audio.model_dump_json(indent=2))
    if not quiet:
        note = " (cached)" if audio.cached else ""
        console.print(
            f"wrote {output} · {audio.duration_s:.1f} s · {len(audio.sentences)} sentences · "
            f"{audio.voice}{note} · timings in {sidecar}",
            highlight=False,
            soft_wrap=True,
            markup=False,
        )


def _format_of(output: Path) -> str | None:
    """The audio format the -o suffix asks for (``None``: the default); checked by synthesize."""
    suffix = output.suffix.lstrip(".").lower()
    if not suffix:
        return None
    return "ogg" if suffix == "oga" else suffix
