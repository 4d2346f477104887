"""Committed vectors of the core pack's example sentences, so start-up does not embed them.

The learned rules compare each sentence of a reply with thousands of example sentences and
near misses. Embedding them all at start-up would take seconds per process, so
``scripts/export-encoder --reply`` stores their vectors beside the reply encoder, keyed by
the SHA-256 of each sentence, together with the SHA-256 of the model that made them. A
sentence not in the file (a team pack's examples, an edited core example) is embedded at
start-up like any other text; a file made by another model is not used at all. Each vector
is what ``Encoder.embed`` gives the sentence on its own, so a cached example and a freshly
embedded one are the same numbers.
"""
from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from .encoder import REPLY_ENCODER, Encoder, shared_encoder
from .files import ModelFileError, checked, sha256

VECTORS_NAME = "examples.npz"


def _key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class ExampleVectors:
    """Vectors for fixed sentences: from the committed file where it has them, else embedded."""

    def __init__(self, encoder: Encoder, stored: dict[bytes, np.ndarray] | None = None) -> None:
        self.encoder = encoder
        self.stored = stored or {}

    @classmethod
    def load(cls, encoder: Encoder, models: Path) -> ExampleVectors:
        path = encoder.model_path.parent / VECTORS_NAME
        if not path.is_file():
            return cls(encoder)
        checked(path, models)
        try:
            with np.load(path) as data:
                if str(data["model"]) != sha256(encoder.model_path):
                    return cls(encoder)
                return cls(encoder, dict(zip((bytes(k) for k in data["keys"]), data["vectors"])))
        except (OSError, KeyError, ValueError) as error:
            raise ModelFileError(path, f"not a vector file ({error})") from None

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        stored = [self.stored.get(_key(t)) for t in texts]
        missing = [t for t, vector in zip(texts, stored) if vector is None]
        fresh = dict(zip(missing, self.encoder.embed(missing)))
        rows = [fresh[t] if vector is None else vector for t, vector in zip(texts, stored)]
        return np.stack(rows) if rows else np.zeros((0, self.encoder.dimensions), np.float32)


@cache
def example_vectors(models: Path) -> ExampleVectors:
    """The reply encoder in ``models`` with its committed example vectors, read and checked
    once per process and folder like the encoder itself, not at every rulebook load."""
    return ExampleVectors.load(shared_encoder(models, REPLY_ENCODER), models)


def write_vectors(encoder: Encoder, texts: Sequence[str]) -> Path:
    """Embed ``texts`` one at a time and store them beside ``encoder``'s model, as an ``.npz``
    whose members carry a fixed date, so the same sentences give the same bytes."""
    unique = list(dict.fromkeys(texts))
    arrays = {"model": np.array(sha256(encoder.model_path)), "keys": np.array([_key(t) for t in unique], dtype="S32"),
              "vectors": encoder.embed(unique)}
    path = encoder.model_path.parent / VECTORS_NAME
    with zipfile.ZipFile(path, "w") as archive:
        for name, array in arrays.items():
            with archive.open(zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)), "w") as member:
                np.lib.format.write_array(member, array, allow_pickle=False)
    return path
