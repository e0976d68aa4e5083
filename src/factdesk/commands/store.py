"""factdesk store …: the local evidence store."""

import typer

from factdesk.commands._plugins import collect

app = collect(typer.Typer(help="Manage the local evidence store.", no_args_is_help=True), "register_store")
