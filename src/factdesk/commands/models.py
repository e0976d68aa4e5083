"""``factdesk models …``: the models a check reads, and the one set-up prepares.

    factdesk models prepare          # once per installation (set-up runs it): the embedder's ONNX graphs
    factdesk models list             # every model, the folder it is read from, and whether it is there
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

__all__ = ["app"]

#: models a check can do without, and what it uses instead
OPTIONAL = {"verdict": "a hand-set default is used"}

app = typer.Typer(help="The models a check reads (and the one set-up prepares).", no_args_is_help=True)

ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="Config file (TOML).")]


@app.command("prepare")
def prepare(
    force: Annotated[bool, typer.Option("--force", help="Make the graphs again even if they are there.")] = False,
    config: ConfigOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing when all is done.")] = False,
) -> None:
    """Export and quantise the embedding model once, where every user of this installation reads it
    (``[models] dir`` when set, else ``<prefix>/share/factdesk/models``). Needs PyTorch; about 15 s."""
    from factdesk.config import load_config
    from factdesk.embed import prepare_embedder
    from factdesk.modelpaths import ModelPaths

    cfg = load_config(config)
    target = ModelPaths.from_config(cfg).prepare_dir("embedder")
    paths = prepare_embedder(target, force=force)
    if not quiet:
        for path in paths:
            typer.echo(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")


@app.command("list")
def list_models(config: ConfigOption = None) -> None:
    """Every model a check reads: where from, and whether it is there."""
    from factdesk.config import load_config
    from factdesk.embed import prepared_graph
    from factdesk.errors import ModelError
    from factdesk.modelpaths import MODELS, ModelPaths

    cfg = load_config(config)
    paths = ModelPaths.from_config(cfg)
    missing = 0
    for name, kind in MODELS.items():
        folder = paths.dir(name)
        if name == "embedder":
            try:
                precision = "fp32" if cfg.models.embedder == "minilm-fp32" else "int8"
                prepared_graph(precision, folder)
                state = "ready"
            except ModelError as exc:
                state, missing = f"missing: {exc}", missing + 1
        elif folder.is_dir() and any(folder.iterdir()):
            state = "ready"
        elif name in OPTIONAL:
            state = f"not there: {OPTIONAL[name]}"
        else:
            state, missing = "missing", missing + 1
        typer.echo(f"{name:<13} {kind:<9} {folder}  {state}")
    if missing:
        raise typer.Exit(1)
