"""The learned reading of the customer's message: how likely is it a complaint?

The message's embedding and the signal rules' evidence go through one calibrated head
(``models/customer-upset.json``). The rules stay as features because they read the whole
message, also past the encoder's ``MAX_TOKENS``, and know words the encoder blurs
("refund", "cancelled"); the encoder reads what no phrase list can: complaints asked as
questions, bare facts that are breaches ("7:20 bus not here, it's 7:22"), waiting. Sarcasm
whose words are praise still reads as calm (BENCHMARKS.md, "Reading the customer").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from .encoder import Encoder, shared_encoder
from .files import MODELS
from .head import LinearHead

HEAD_NAME = "customer-upset.json"
HEAD_FILE = MODELS / HEAD_NAME
DEFAULT_THRESHOLD = 0.4
EVIDENCE_CAP = 4


@dataclass(frozen=True)
class Evidence:
    """What the signal rules found: weights for and against a complaint, and their verdict."""

    for_upset: int = 0
    against: int = 0
    rules_upset: bool = False

    def vector(self) -> np.ndarray:
        return np.array([
            min(self.for_upset, EVIDENCE_CAP) / EVIDENCE_CAP,
            min(self.against, EVIDENCE_CAP) / EVIDENCE_CAP,
            float(self.rules_upset),
        ], dtype=np.float32)


FEATURES = (("embedding", Encoder.dimensions), ("signals", 3))


def features(embedding: np.ndarray, evidence: Evidence) -> np.ndarray:
    return np.concatenate([embedding, evidence.vector()])


class CustomerModel:
    """Encoder and head together; ``threshold`` is where a probability becomes "upset"."""

    def __init__(self, encoder: Encoder, head: LinearHead, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.encoder, self.head, self.threshold = encoder, head, threshold

    @classmethod
    def load(cls, threshold: float = DEFAULT_THRESHOLD, models: Path = MODELS) -> CustomerModel:
        """The encoder and head in ``models``, each checked against its ``SHA256SUMS``."""
        return cls(shared_encoder(models), LinearHead.load(models / HEAD_NAME, FEATURES, models), threshold)

    @classmethod
    @cache
    def shipped(cls) -> CustomerModel:
        """The committed head at the default threshold, one per process."""
        return cls.load()

    def probability(self, message: str, evidence: Evidence) -> float:
        return self.head.probability(features(self.encoder.embed([message])[0], evidence))
