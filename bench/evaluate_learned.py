"""Learned reply rules on real brand replies, over a grid of threshold and margin.

Reads a pack's learned rules (the core pack unless ``--pack``) and its shared near misses,
embeds them with the reply encoder in ``--models``, and judges each sentence of the 420
span-labelled brand replies (``bench/evaluate.py``) as the ``learned`` rule kind does, with
every rule's threshold and margin set to each point of the grid, then as the rule files set
them. Scored like the phrase rules: span recall and precision (dismissive and non-apology
spans), bad replies caught and fine replies falsely flagged, on the dev half (even ids); the
test half only for the rule files' own settings (tune on dev, then look at test). The last
column is the share of the rules' own test sentences (never learned from) that come out right.

Run: ``python bench/evaluate_learned.py [--pack DIR] [--models DIR]``.
"""
from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import numpy as np
from ruamel.yaml import YAML

from evaluate import SHARED, labelled_replies, span_scores
from tactful.engine.checks.customer import read_customer
from tactful.engine.checks.learned import LearnedIndex
from tactful.engine.layout import closing, opening
from tactful.engine.rulebook import CORE_PACK, Rulebook
from tactful.engine.rules import load_pack
from tactful.engine.sentences import sentence_spans
from tactful.learned.customer import CustomerModel
from tactful.learned.files import MODELS
from tactful.learned.vectors import example_vectors

MISSES = Path(__file__).parent / "data" / "learned-misses.yml"
THRESHOLDS = (0.6, 0.8, 0.9)
MARGINS = (0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.07, 0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, default=CORE_PACK, help="the pack whose learned rules to measure")
    parser.add_argument("--models", type=Path, default=MODELS, help="a folder with reply-encoder/ and SHA256SUMS")
    args = parser.parse_args()
    pack, rules = load_pack(args.pack)
    learned = [r for r in rules if r.kind == "learned"]
    index = LearnedIndex.build(learned, pack.near_misses, example_vectors(args.models))
    core, core_rules = load_pack(CORE_PACK)
    layout = Rulebook([core], {r.id: r for r in core_rules if r.kind != "learned"})
    replies = labelled_replies(SHARED / "twcs_more.csv")
    sentences = {
        text: sentence_spans(text, opening(text, layout.greetings), closing(text, layout.signoffs))
        for _, text, _ in replies
    }
    model = CustomerModel.shipped()
    upset = {customer: customer is None or read_customer(customer, layout, model).upset for _, _, customer in replies}
    print(f"{len(learned)} learned rules, {sum(len(r.bad) for r in learned)} bad and {sum(len(r.good) for r in learned)} "
          f"good examples, {len(pack.near_misses)} shared near misses; {len(replies)} labelled replies")
    print(f"{'threshold':>9} {'margin':>6}  half  {'span recall':>11} {'precision':>9} {'bad caught':>10} "
          f"{'fine flagged':>12} {'tests right':>11}")
    settings = [(t, m) for t in THRESHOLDS for m in MARGINS] + [None]
    for setting in settings:
        tuned = index if setting is None else replace(index, rules=[
            replace(x, rule=replace(x.rule, threshold=setting[0], margin=setting[1])) for x in index.rules])

        def flag(text: str, customer: str | None) -> list[tuple[str, int, int]]:
            wanted = {r.id for r in learned if r.applies_to("twitter", upset[customer])}
            return [(rule.category, s, e) for rule, s, e in tuned.find(text, sentences[text], wanted)]

        right = np.mean([t.right for t in tuned.test_results()])
        for name, parity in (("dev", 0), ("test", 1)):
            if parity and setting is not None:
                continue
            s = span_scores(replies, flag, parity)
            where = "each rule's own" if setting is None else f"{setting[0]:>9.2f} {setting[1]:>6.2f}"
            print(f"{where:>16}  {name:4}  {s['span recall']:>11.2f} {s['span precision']:>9.2f} "
                  f"{s['bad caught']:>10.2f} {s['fine flagged']:>12.3f} {right:>11.2f}")
    if MISSES.is_file() and args.pack == CORE_PACK:
        print(known_misses(index))


def known_misses(index: LearnedIndex) -> str:
    """How many of the tests taken out of the rule files (they failed when the rules were
    tuned) the rules' own settings still get wrong."""
    misses = YAML(typ="safe").load(MISSES.read_text(encoding="utf-8"))
    total = wrong = 0
    for examples in index.rules:
        for side, expected in (("missed", True), ("flagged", False)):
            texts = misses.get(examples.rule.id, {}).get(side, [])
            if texts:
                flagged = index.judge(examples, index.encoder.embed(texts))[0]
                total, wrong = total + len(texts), wrong + int((flagged != expected).sum())
    return f"known misses (bench/data/learned-misses.yml) still wrong at the rules' own settings: {wrong} of {total}"


if __name__ == "__main__":
    main()
