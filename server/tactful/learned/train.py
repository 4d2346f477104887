"""``tactful train customer``: rebuild ``models/customer-upset.json`` from the committed examples.

Trained only on ``models/training/customer-messages.csv``: messages written for the project
(tweets, emails and chats, every industry, each complaint kind beside its calm look-alike).
The core pack's signal rules give the evidence features; team packs are left out so that
the shipped weights depend on committed files alone. A logistic regression is fitted on all
rows; its Platt calibration comes from five-fold out-of-fold scores and is folded into the
weights. Same files in, same weights out (rounded to six decimals).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np

from ..engine.checks.customer import find_signals
from ..engine.rulebook import load_rulebook
from .customer import FEATURES, HEAD_FILE, features, shared_encoder
from .examples import TRAINING_FILE, read_examples
from .files import MODELS, sha256, write_checksums
from .head import LinearHead

REGULARISATION = 1.0
FOLDS = 5


def feature_matrix(texts: list[str]) -> np.ndarray:
    book = load_rulebook()
    embeddings = shared_encoder().embed(texts)
    return np.stack([features(e, find_signals(t, book)[1]) for t, e in zip(texts, embeddings)])


def fit_head(x: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, float, np.ndarray]:
    """Calibrated logistic weights and bias, and the out-of-fold scores they were calibrated on."""
    try:
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
    except ImportError:
        raise SystemExit("training needs scikit-learn: pip install -e '.[train]'") from None
    model = LogisticRegression(C=REGULARISATION, max_iter=5000)
    scores = cross_val_predict(model, x, labels, cv=StratifiedKFold(FOLDS), method="decision_function")
    platt = LogisticRegression(C=1e6, max_iter=1000).fit(scores[:, None], labels)
    model.fit(x, labels)
    slope, offset = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    return slope * model.coef_[0], slope * float(model.intercept_[0]) + offset, scores


def train_customer(out: Path = HEAD_FILE) -> LinearHead:
    texts, labels, rows = read_examples()
    weights, bias, scores = fit_head(feature_matrix(texts), labels)
    agreed = (scores >= 0) == labels.astype(bool)
    kinds = Counter(f"{r['upset']}:{r['kind']}" for r in rows)
    head = LinearHead(
        name="customer-upset",
        features=FEATURES,
        weights=weights,
        bias=bias,
        trained_on={
            "file": TRAINING_FILE.relative_to(MODELS).as_posix(),
            "sha256": sha256(TRAINING_FILE),
            "rows": len(rows),
            "upset": int(labels.sum()),
            "calm": int(len(labels) - labels.sum()),
            "channels": dict(Counter(r["channel"] for r in rows)),
            "kinds": dict(sorted(kinds.items())),
            "encoder": sha256(MODELS / "encoder" / "model.onnx"),
            "model": f"logistic regression, C={REGULARISATION}, Platt-calibrated on {FOLDS}-fold out-of-fold scores",
            "cross_validated_accuracy": round(float(agreed.mean()), 3),
        },
    )
    out.write_text(head.to_json(), encoding="utf-8")
    write_checksums()
    return head
