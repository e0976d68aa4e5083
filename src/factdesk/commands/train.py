"""factdesk train …: rebuild factdesk's own models, seeded and reproducible."""

import typer

from factdesk.commands._plugins import collect

app = collect(typer.Typer(help="Train factdesk's own models (seeded, reproducible).", no_args_is_help=True), "register_train")
