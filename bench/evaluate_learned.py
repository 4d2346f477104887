"""Learned reply rules on real brand replies: could written examples catch real deflection?

Reads the six candidate moves in ``bench/data/learned-moves/`` (redirecting, canned lines,
interrogating, contradicting, a rule as the answer, a refusal with no alternative: 40 bad
and 40 good sentences each, plus 12 + 12 test sentences) and, with ``--fine``, 500 ordinary
fine support sentences as near misses shared by every move. Each sentence of the 420
span-labelled brand replies (``bench/evaluate.py``) is judged by nearest neighbours, as the
``learned`` rule kind does, over a grid of threshold and margin, and scored like the phrase
rules: span recall and precision (dismissive spans), bad replies caught, fine replies
flagged, on the dev half (even ids) and, for the row named by ``--pick``, the test half. The
last column is the share of the moves' own test sentences that come out right.
Run: ``python bench/evaluate_learned.py [--fine] [--pick 0.55,0.05] [--models DIR]``.
"""
from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import numpy as np
from evaluate import SHARED, labelled_replies, span_scores
from ruamel.yaml import YAML

from tactful.engine.checks.learned import RuleExamples
from tactful.engine.layout import closing, opening
from tactful.engine.rulebook import load_rulebook
from tactful.engine.rules import load_rule
from tactful.engine.sentences import sentence_spans
from tactful.learned.customer import shared_encoder
from tactful.learned.files import MODELS

MOVES = Path(__file__).parent / "data" / "learned-moves"
GRID = [(t, m) for t in (0.5, 0.55, 0.6, 0.65, 0.7) for m in (0.0, 0.02, 0.05, 0.1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fine", action="store_true", help="add the shared fine sentences to every move's near misses")
    parser.add_argument("--pick", type=lambda s: tuple(float(x) for x in s.split(",")), default=(0.55, 0.05))
    parser.add_argument("--models", type=Path, default=MODELS, help="a folder with encoder/ and SHA256SUMS")
    args = parser.parse_args()
    encoder, book = shared_encoder(args.models), load_rulebook()
    rules = [load_rule(path, book.packs[0].vocabulary) for path in sorted(MOVES.glob("*.yml")) if path.stem != "fine-sentences"]
    fine = YAML(typ="safe").load((MOVES / "fine-sentences.yml").read_text(encoding="utf-8"))["fine"] if args.fine else []
    shared = encoder.embed_many(fine)
    examples = [RuleExamples(r, encoder.embed_many([e.text for e in r.bad]),
                             np.vstack([encoder.embed_many([e.text for e in r.good]), shared])) for r in rules]
    tests = [(x, encoder.embed([t.text for t in x.rule.tests_bad]), encoder.embed([t.text for t in x.rule.tests_good]))
             for x in examples]
    replies = labelled_replies(SHARED / "twcs_more.csv")
    sentences = {text: [(s, e) for s, e in sentence_spans(text, opening(text, book.greetings), closing(text, book.signoffs))]
                 for _, text, _ in replies}

    def flagger(threshold: float, margin: float):
        tuned = [replace(x, rule=replace(x.rule, threshold=threshold, margin=margin)) for x in examples]

        def flag(text: str, customer: str | None) -> list[tuple[str, int, int]]:
            spans = sentences[text]
            if not spans:
                return []
            vectors = encoder.embed([text[s:e] for s, e in spans])
            hits = np.any([x.flags(vectors) for x in tuned], axis=0)
            return [("dismissive", s, e) for (s, e), hit in zip(spans, hits) if hit]

        def passing() -> float:
            right = [np.r_[x.flags(b), ~x.flags(g)] for x, (_, b, g) in zip(tuned, tests)]
            return float(np.concatenate(right).mean())

        return flag, passing

    print(f"{len(rules)} moves, {sum(len(r.bad) for r in rules)} bad and {sum(len(r.good) for r in rules)} good sentences"
          f"{f', plus {len(fine)} shared fine sentences' if fine else ''}; {len(replies)} labelled replies")
    print(f"{'threshold':>9} {'margin':>6}  half  {'span recall':>11} {'precision':>9} {'bad caught':>10} {'fine flagged':>12} {'tests right':>11}")
    for threshold, margin in GRID:
        flag, passing = flagger(threshold, margin)
        for name, parity in (("dev", 0), ("test", 1)):
            if parity and (threshold, margin) != args.pick:
                continue
            s = span_scores(replies, flag, parity, ("dismissive",))
            print(f"{threshold:>9.2f} {margin:>6.2f}  {name:4}  {s['span recall']:>11.2f} {s['span precision']:>9.2f} "
                  f"{s['bad caught']:>10.2f} {s['fine flagged']:>12.3f} {passing():>11.2f}")


if __name__ == "__main__":
    main()
