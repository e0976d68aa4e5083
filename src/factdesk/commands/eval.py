"""factdesk eval …: score each stage on the public dev sets (or any folder laid out like one)."""

import typer

from factdesk.commands._plugins import collect

app = collect(typer.Typer(help="Evaluate factdesk on labelled data.", no_args_is_help=True), "register_eval")
