"""How well Tactful reads the customer: rules alone, the learned reading alone, and both.

The labelled set is ``bench/data/twcs_customer_mood.csv``: 1,991 customer tweets of the
public "Customer Support on Twitter" corpus (both files in ``../shared/data``), labelled
upset or not by hand, ids only (the tweets are read from ``--twcs`` and never copied; they
are never trained on). Even tweet ids are the dev half, where the default threshold was
chosen; odd ids are the test half, never looked at to tune anything.

- rules: the signal rules' weights against the pack's ``upset_threshold``, as before;
- learned: the same head recipe on the embedding alone (trained here, on the same
  committed examples, to show what the rules add; needs the ``train`` extra);
- both: the shipped head (embedding and the rules' evidence) at the shipped threshold.

It also reports recall at the best threshold on dev that keeps precision at or above 0.85,
and that threshold's precision and recall on test. Run: ``python bench/evaluate_customer.py``.
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

from evaluate import DATA, SHARED
from tactful.engine.checks.customer import find_signals
from tactful.engine.rulebook import load_rulebook
from tactful.learned.customer import DEFAULT_THRESHOLD, CustomerModel
from tactful.learned.examples import read_examples
from tactful.learned.train import feature_matrix, fit_head


def labelled(twcs: list[Path]) -> tuple[list[str], np.ndarray, np.ndarray]:
    texts: dict[str, str] = {}
    for path in twcs:
        with path.open(newline="", encoding="utf-8") as handle:
            texts.update((row["tweet_id"], row["text"]) for row in csv.DictReader(handle))
    with (DATA / "twcs_customer_mood.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return ([texts[r["tweet_id"]] for r in rows], np.array([r["upset"] == "1" for r in rows]),
            np.array([int(r["tweet_id"]) % 2 == 0 for r in rows]))


def scores(gold: np.ndarray, guess: np.ndarray) -> dict[str, float]:
    tp, fp = int((guess & gold).sum()), int((guess & ~gold).sum())
    fn, tn = int((~guess & gold).sum()), int((~guess & ~gold).sum())
    def f1(a: int, b: int, c: int) -> float:
        return 2 * a / (2 * a + b + c) if a else 0.0
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "macro_f1": (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2,
    }


def line(name: str, gold: np.ndarray, guess: np.ndarray) -> str:
    s = scores(gold, guess)
    return f"  {name:34} P {s['precision']:.3f}  R {s['recall']:.3f}  macro-F1 {s['macro_f1']:.3f}  (n={len(gold)})"


def threshold_for_precision(gold: np.ndarray, probability: np.ndarray, floor: float = 0.85) -> float | None:
    candidates = [t for t in np.arange(0.05, 0.951, 0.01) if scores(gold, probability >= t)["precision"] >= floor]
    return max(candidates, key=lambda t: scores(gold, probability >= t)["recall"], default=None)


def report(name: str, probability: np.ndarray, gold: np.ndarray, dev: np.ndarray, threshold: float) -> None:
    print(f"{name} (threshold {threshold:.2f})")
    print(line("dev", gold[dev], probability[dev] >= threshold))
    print(line("test", gold[~dev], probability[~dev] >= threshold))
    best = threshold_for_precision(gold[dev], probability[dev])
    if best is not None:
        print(f"  precision >= 0.85 on dev from threshold {best:.2f}:")
        print(line("  dev", gold[dev], probability[dev] >= best))
        print(line("  test", gold[~dev], probability[~dev] >= best))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--twcs", type=Path, nargs="+", default=[SHARED / "twcs_sample.csv", SHARED / "twcs_more.csv"])
    args = parser.parse_args()
    texts, gold, dev = labelled(args.twcs)
    print(f"{len(texts)} labelled customer tweets: dev {int(dev.sum())} ({gold[dev].mean():.0%} upset), "
          f"test {int((~dev).sum())} ({gold[~dev].mean():.0%} upset)\n")
    book = load_rulebook()
    evidence = [find_signals(t, book)[1] for t in texts]
    rules = np.array([e.rules_upset for e in evidence])
    print("rules alone")
    print(line("dev", gold[dev], rules[dev]))
    print(line("test", gold[~dev], rules[~dev]))

    model = CustomerModel.shipped()
    shipped = np.array([model.probability(t, e) for t, e in zip(texts, evidence)])
    embeddings = model.encoder.embed(texts)
    train_texts, train_labels, _ = read_examples()
    weights, bias, _ = fit_head(feature_matrix(train_texts)[:, :embeddings.shape[1]], train_labels)
    learned = 1 / (1 + np.exp(-(embeddings @ weights + bias)))
    report("learned alone (embedding only)", learned, gold, dev, DEFAULT_THRESHOLD)
    report("both (shipped head)", shipped, gold, dev, model.threshold)
    either = (learned >= DEFAULT_THRESHOLD) | rules
    print(f"learned OR rules (threshold {DEFAULT_THRESHOLD:.2f})")
    print(line("dev", gold[dev], either[dev]))
    print(line("test", gold[~dev], either[~dev]))


if __name__ == "__main__":
    main()
