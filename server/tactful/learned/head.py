"""A small trained head: a calibrated logistic layer over named features.

The file holds the weights already folded with their Platt calibration, so one dot product
and a sigmoid give a probability. ``features`` names the blocks the weights expect, in
order; loading refuses a file whose blocks are not the ones the caller builds, so a head
retrained on other features cannot be read with the wrong ones.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .files import MODELS, ModelFileError, checked


@dataclass(frozen=True)
class LinearHead:
    name: str
    features: tuple[tuple[str, int], ...]
    weights: np.ndarray
    bias: float
    trained_on: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path, features: tuple[tuple[str, int], ...], models: Path = MODELS) -> LinearHead:
        checked(path, models)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            head = cls(
                data["name"], tuple((name, int(size)) for name, size in data["features"]),
                np.array(data["weights"], dtype=np.float32), float(data["bias"]), data.get("trained_on", {}),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ModelFileError(path, f"not a head file ({error})") from None
        if head.features != features or len(head.weights) != sum(size for _, size in features):
            raise ModelFileError(path, f"expects features {head.features}, the code builds {features}")
        return head

    def probability(self, x: np.ndarray) -> float:
        return float(1.0 / (1.0 + np.exp(-(x @ self.weights + self.bias))))

    def to_json(self) -> str:
        """Readable JSON: the manifest indented, the weights on one line each block."""
        head = {"name": self.name, "features": [list(f) for f in self.features], "bias": round(self.bias, 6),
                "trained_on": self.trained_on, "weights": "WEIGHTS"}
        weights = ", ".join(f"{float(w):.6f}" for w in self.weights)
        return json.dumps(head, indent=2, ensure_ascii=False).replace('"WEIGHTS"', f"[{weights}]") + "\n"
