"""The PyTorch stance head (training only) and its ONNX export.

>>> head = StanceHead(384, 20)                                       # doctest: +SKIP
>>> export_onnx(head, Path("stance.onnx"), 20)                       # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn


class StanceHead(nn.Module):
    """MLP over [u, v, |u−v|, u⊙v, cos(u, v), alignment features] → 3 logits (supports, refutes, neutral)."""

    def __init__(self, dim: int, n_features: int, hidden: int = 512, dropout: float = 0.2) -> None:
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(4 * dim + 1 + n_features, hidden),
            nn.GELU(),
            nn.Dropout(dropout),
            nn.Linear(hidden, hidden // 2),
            nn.GELU(),
            nn.Dropout(dropout),
            nn.Linear(hidden // 2, 3),
        )
        self.register_buffer("temperature", torch.tensor(1.0))

    def logits(self, u: torch.Tensor, v: torch.Tensor, feats: torch.Tensor) -> torch.Tensor:
        cos = (u * v).sum(dim=1, keepdim=True)
        x = torch.cat([u, v, (u - v).abs(), u * v, cos, feats], dim=1)
        return self.net(x)

    def forward(self, u: torch.Tensor, v: torch.Tensor, feats: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.logits(u, v, feats) / self.temperature, dim=1)


def export_onnx(model: StanceHead, path: Path, n_features: int, dim: int = 384) -> None:
    model.eval()
    dummy = (torch.zeros(2, dim), torch.zeros(2, dim), torch.zeros(2, n_features))
    torch.onnx.export(
        model, dummy, str(path), input_names=["u", "v", "feats"], output_names=["probs"],
        dynamic_axes={"u": {0: "n"}, "v": {0: "n"}, "feats": {0: "n"}, "probs": {0: "n"}}, opset_version=17,
        dynamo=False,
    )
