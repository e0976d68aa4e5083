"""Collect commands that stage packages contribute to a shared group (train, eval, store)."""

from __future__ import annotations

import importlib

import typer

#: stage modules that may define register_train(app) / register_eval(app) / register_store(app)
STAGE_COMMAND_MODULES = (
    "factdesk.claims.commands",
    "factdesk.evidence.commands",
    "factdesk.verify.commands",
    "factdesk.analyse.commands",
)


def optional_module(name: str):
    """Import ``name`` if it exists (None if not); an import error inside it still raises."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise


def collect(app: typer.Typer, hook: str) -> typer.Typer:
    for name in STAGE_COMMAND_MODULES:
        module = optional_module(name)
        register = getattr(module, hook, None)
        if register is not None:
            register(app)
    return app
