"""What the train and eval command modules share: the embedder they run, progress lines on stderr."""

from __future__ import annotations

import os

import typer

__all__ = ["say", "training_embedder"]


def training_embedder():
    """The packaged MiniLM, with PyTorch limited to the machine's first two cores."""
    import torch

    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    from factdesk.embed import MiniLMEmbedder

    return MiniLMEmbedder()


def say(message: str) -> None:
    typer.echo(message, err=True)
