"""The stance vocabulary and the protocols of stance models, and the stance designs by config value.

A stance model reads (claim, passage) pairs and returns one row per pair: P(supports), P(refutes),
P(neutral) (the columns of :data:`LABELS`; rows sum to 1). Two are shipped: the head over sentence
embeddings (:class:`factdesk.verify.head.OnnxStanceModel`, an :class:`EmbeddingStanceModel`) and
the cross-encoder (:class:`factdesk.verify.crossenc.CrossEncoderStance`). A model's ``meta`` holds
what was fitted with it: the verdict thresholds and confidence curve (``"aggregate"``) and, for the
cross-encoder, the weight of its reading in the cascade (``"blend_weight"``).

>>> sorted(STANCE_DESIGNS)
['cascade', 'head']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

import numpy as np

__all__ = ["LABELS", "STANCE_DESIGNS", "EmbeddingStanceModel", "StanceModel"]

LABELS: tuple[str, str, str] = ("supports", "refutes", "neutral")


@runtime_checkable
class StanceModel(Protocol):
    """Anything that scores (claim, passage) pairs: columns are :data:`LABELS`, rows sum to 1."""

    name: str
    meta: dict[str, Any]

    def predict(self, pairs: list[tuple[str, str]]) -> np.ndarray: ...


@runtime_checkable
class EmbeddingStanceModel(StanceModel, Protocol):
    """A stance model that also reads pairs already embedded: the claims' vectors ``u``, the passages'
    vectors ``v`` (rows aligned) and the pairs' alignment features (:mod:`factdesk.verify.features`).
    The verifier embeds each text once (or takes the evidence store's vector) and calls this."""

    def predict_embedded(self, u: np.ndarray, v: np.ndarray, feats: np.ndarray) -> np.ndarray: ...


def _load_cross(model_dir=None) -> StanceModel:
    from factdesk.verify.crossenc import CrossEncoderStance

    return CrossEncoderStance.load(model_dir)


#: stance designs by config value (``[verify] stance``): the loader of the cross-encoder each one adds
#: to the head, given the model's folder (``None``: the head alone)
STANCE_DESIGNS: dict[str, Callable[..., StanceModel] | None] = {"head": None, "cascade": _load_cross}
