"""Training and evaluation of the stance models (``factdesk train stance`` / ``factdesk eval stance``).

Modules: ``data`` (the shared NLI and fact-verification sets as labelled pairs), ``refutations``
(synthetic one-detail refutations and off-topic pairs), ``embedding_cache`` (sentence vectors kept
on disk), ``torch_head`` (the PyTorch head and its ONNX export), ``train`` (the head),
``train_cross`` (the cross-encoder), ``evaluate`` and ``metrics`` (dev figures), ``card``
(``MODEL_CARD.md``). A function named like its module (``train_cross``) is imported from the
module, so the package attribute stays the module. The claim-level decision that reads these models'
outputs is trained in :mod:`factdesk.lab.verdict`.
"""

from factdesk.lab.stance.card import write_cross_card, write_model_card
from factdesk.lab.stance.data import Pair, load_all, load_dataset, load_folder
from factdesk.lab.stance.evaluate import evaluate_stance, format_table
from factdesk.lab.stance.train import TrainConfig, train_stance
from factdesk.lab.stance.train_cross import CrossConfig

__all__ = [
    "CrossConfig",
    "Pair",
    "TrainConfig",
    "evaluate_stance",
    "format_table",
    "load_all",
    "load_dataset",
    "load_folder",
    "train_stance",
    "write_cross_card",
    "write_model_card",
]
