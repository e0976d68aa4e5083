"""``factdesk schema``: the JSON Schema of the report, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from factdesk.commands.output import emit

__all__ = ["schema"]


def schema(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the schema here.")] = None,
) -> None:
    """Print the JSON Schema of the report (generated from the models)."""
    from factdesk.models import Report

    text = json.dumps(Report.model_json_schema(mode="serialization"), indent=2)
    emit(text, output, False)
