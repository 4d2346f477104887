"""The committed training examples of the customer reading, as the training and the tests read them."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from .files import MODELS

TRAINING_FILE = MODELS / "training" / "customer-messages.csv"


def read_examples(path: Path = TRAINING_FILE) -> tuple[list[str], np.ndarray, list[dict[str, str]]]:
    """Texts, labels (1 upset, 0 calm) and the rows as read."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r["text"] for r in rows], np.array([int(r["upset"]) for r in rows]), rows
