"""Texts in, unit vectors out: all-MiniLM-L6-v2 as int8 ONNX on one CPU thread.

Checks run while the agent types, so the encoder keeps an LRU cache keyed by the exact text:
a re-check after a keystroke embeds only the sentence that changed. A text longer than
``MAX_TOKENS`` word pieces is read up to there (about 180 words; MiniLM was trained on 128).

Across gunicorn's fork: the master loads and checks the files once (a bad file stops it);
an onnxruntime session is not shared across processes, so each worker opens its own on
first use (``gunicorn_config.post_fork`` does it before the first request) and keeps one
intra-op thread, since the workers already fill the cores.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import onnxruntime
from cachetools import LRUCache
from tokenizers import Tokenizer

from .files import MODELS, ModelFileError, checked

CUSTOMER_ENCODER = "encoder"
REPLY_ENCODER = "reply-encoder"
ENCODER_DIR = MODELS / CUSTOMER_ENCODER
MAX_TOKENS = 256
CACHE_SIZE = 4096


class Encoder:
    """all-MiniLM-L6-v2: mean pooling over the tokens, then L2 normalisation.

    ``embedded`` counts the texts that went through the model (the cache's misses).
    """

    dimensions = 384

    def __init__(self, directory: Path = ENCODER_DIR, *, verify: bool = True, cache_size: int = CACHE_SIZE) -> None:
        self.model_path = directory / "model.onnx"
        tokenizer_path = directory / "tokenizer.json"
        if verify:
            checked(self.model_path, directory.parent)
            checked(tokenizer_path, directory.parent)
        try:
            self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as error:  # noqa: BLE001 - any failure to read it means the file is not one
            raise ModelFileError(tokenizer_path, f"not a tokenizer file ({error})") from None
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self._cache: LRUCache[str, np.ndarray] = LRUCache(cache_size)
        self._lock = threading.Lock()
        self.embedded = 0
        self._pid = -1
        self._session = self.session()

    def session(self) -> onnxruntime.InferenceSession:
        """This process's session, opened on first use after a fork."""
        if self._pid != os.getpid():
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            try:
                self._session = onnxruntime.InferenceSession(
                    str(self.model_path), options, providers=["CPUExecutionProvider"],
                )
            except Exception as error:  # noqa: BLE001 - any failure to load it means the file is not one
                raise ModelFileError(self.model_path, f"onnxruntime cannot load it ({error})") from None
            self._pid = os.getpid()
        return self._session

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text (``float32``, shape ``(len(texts), 384)``)."""
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for text in dict.fromkeys(texts):
                vector = self._cache.get(text)
                if vector is None:
                    vector = self._cache[text] = self._run(text)
                    self.embedded += 1
                found[text] = vector
        return np.stack([found[t] for t in texts]) if texts else np.zeros((0, self.dimensions), np.float32)

    def _run(self, text: str) -> np.ndarray:
        """The mean-pooled, normalised vector of one text. Texts go through the model one at a
        time: int8 activations are scaled over the whole input tensor, so in a padded batch a
        text's vector depended on the texts beside it (cosine 0.98 to the same text alone),
        and a cached vector would depend on what was checked before it."""
        ids = np.array([self.tokenizer.encode(text).ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        pooled = self.session().run(["last_hidden_state"], feeds)[0].mean(axis=1)
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)[0]


@cache
def shared_encoder(models: Path = MODELS, name: str = CUSTOMER_ENCODER) -> Encoder:
    """One encoder per process, folder and model, whoever asks: it holds the model and the cache.

    ``CUSTOMER_ENCODER`` is the stock model the customer reading was trained on;
    ``REPLY_ENCODER`` is the same model tuned on the learned reply rules' examples
    (``scripts/export-encoder --reply``), so that sentences of one deflecting move sit
    together and apart from ordinary fine support sentences.
    """
    return Encoder(models / name)
