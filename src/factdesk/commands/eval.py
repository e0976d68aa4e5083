"""factdesk eval …: score each stage on the public dev sets (or any folder laid out like one)."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from factdesk.commands._plugins import collect
from factdesk.errors import InputError

app = collect(typer.Typer(help="Evaluate factdesk on labelled data.", no_args_is_help=True), "register_eval")


@app.command("ingest")
def eval_ingest(
    data: Annotated[list[Path], typer.Option("--data", help="A folder with cases.jsonl and html/ (repeatable).")],
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the results as JSON here.")] = None,
) -> None:
    """HTML ingest against trafilatura alone: body, boilerplate, comments, title, failures."""
    from factdesk.lab.eval.ingest import evaluate, format_table, write_json

    for folder in data:
        if not folder.is_dir():
            raise InputError(f"--data: not a folder: {folder}")
    result = evaluate(data)
    typer.echo(format_table(result), nl=False)
    if json_out:
        write_json(result, json_out)
