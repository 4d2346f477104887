"""How check time grows with the number of phrase rules: shipped packs, then 10× (and 30×).

Generates a team pack of synthetic phrase rules into a temporary directory: realistic
multi-word phrases a team might ban ("please re-read the setup instructions", "you must
consult the shipping policy"…), two patterns per rule, a suggestion, two bad examples with
their exact ``flagged`` and ``fixed`` text and a good example, all validated against the
loaded checker the same way ``tests/test_rule_examples.py`` validates the core pack. A
factor of 10 means ten times as many phrase *patterns* as the shipped packs have (the RE2
set's unit of work), which is also over 400 rules.

For each rulebook it reports the load time (YAML read and validated, patterns compiled) and
the compile time alone (the RE2 sets rebuilt from loaded rules), then p50/p95/p99 of
in-process checks of 1,000-character replies (corpus replies joined, email, a complaint as
the customer message) — once as they are, and once with three of the synthetic phrases
spliced into each reply, so the synthetic rules also have hits to report. Medians over
``--runs``, the rulebooks measured in turn within each run.

Run: ``python bench/bench_scaling.py [--factors 10,30] [--runs 3] [--repeat 10]``.
"""
from __future__ import annotations

import argparse
import itertools
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench_check import COMPLAINT, corpus, measure, of_length, summary
from tactful.engine.checker import Checker
from tactful.engine.rewrite import apply
from tactful.engine.rulebook import Rulebook, load_rulebook

OPENERS = ["please", "kindly", "you need to", "you must", "you should", "make sure you", "be sure to",
           "remember to", "you are required to", "you'll want to"]
VERBS = [("read", "re-read"), ("check", "double-check"), ("review", "go over"), ("consult", "refer to"),
         ("follow", "work through"), ("study", "look through"), ("see", "look at"), ("visit", "open")]
OBJECTS = ["the attached guide", "our help centre", "the FAQ page", "the user manual", "the setup instructions",
           "the product page", "the order confirmation", "the shipping policy", "the returns portal",
           "the release notes", "your account settings", "the welcome email", "the troubleshooting steps",
           "the knowledge base article", "the previous ticket", "the terms of sale", "the warranty card",
           "the quick start card", "the status page", "the billing page"]
RULE = """\
category: dismissive
severity: warning
message: "Sending the customer off to read something sounds like a brush-off; bring the answer to them."
patterns:
  - '{first_pattern}'
  - '{second_pattern}'
suggestions:
  - "I've put the steps from {obj} right here"
examples:
  bad:
    - text: "{first_cap} before you contact us again."
      flagged: "{first_cap}"
      fixed: "I've put the steps from {obj} right here before you contact us again."
    - text: "Thanks for waiting. When you have a moment, {second} and let me know."
      flagged: "{second}"
      fixed: "Thanks for waiting. When you have a moment, I've put the steps from {obj} right here and let me know."
  good:
    - "I've put the steps from {obj} right here for you."
"""


def phrases() -> list[tuple[str, str, str]]:
    """(first pattern, second pattern, object) for every distinct rule the lists allow."""
    return [(f"{o} {v1} {obj}", f"{o} {v2} {obj}", obj)
            for o, (v1, v2), obj in itertools.product(OPENERS, VERBS, OBJECTS)]


def write_pack(directory: Path, rules: int) -> list[str]:
    """A pack of ``rules`` synthetic phrase rules; returns their first phrases."""
    every = phrases()
    random.Random(7).shuffle(every)
    chosen = every[:rules]  # a smaller pack is a prefix of a larger one
    directory.mkdir(parents=True)
    (directory / "pack.yml").write_text("name: synthetic\n", encoding="utf-8")
    for index, (first, second, obj) in enumerate(chosen):
        text = RULE.format(first=first, second=second, obj=obj, first_cap=first[:1].upper() + first[1:],
                           first_pattern=first.replace("'", "''"), second_pattern=second.replace("'", "''"))
        (directory / f"synthetic-{index:04d}.yml").write_text(text, encoding="utf-8")
    return [first for first, _, _ in chosen]


def validate(checker: Checker, prefix: str = "synthetic-") -> int:
    """Every synthetic rule's examples hold; returns how many examples were checked."""
    checked = 0
    for rule in checker.book.rules.values():
        if not rule.id.startswith(prefix):
            continue
        for example in rule.bad:
            found = [f for f in checker.check(example.text).findings if f.rule == rule.id]
            assert len(found) == 1 and found[0].text == example.flagged, (rule.id, example.text, found)
            assert apply(example.text, [found[0].suggestions[0]]) == example.fixed, (rule.id, example.text)
        for example in rule.good:
            assert not [f for f in checker.check(example.text).findings if f.rule == rule.id], (rule.id, example.text)
        checked += len(rule.bad) + len(rule.good)
    return checked


def with_hits(texts: list[str], spliced: list[str]) -> list[str]:
    """Each text with three of the phrases put in at sentence starts, cut back to its length."""
    rnd = random.Random(3)
    out = []
    for text in texts:
        pieces = text.split(". ")
        for phrase in rnd.sample(spliced, 3):
            at = rnd.randrange(len(pieces))
            pieces[at] = phrase[:1].upper() + phrase[1:] + " first. " + pieces[at]
        out.append(". ".join(pieces)[:len(text)])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=lambda s: [int(f) for f in s.split(",")], default=[10, 30])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=10, help="passes over the texts per run and rulebook")
    parser.add_argument("--length", type=int, default=1_000)
    args = parser.parse_args()

    rows = corpus()
    texts = [of_length(rows, args.length, start) for start in range(0, len(rows), max(1, len(rows) // 40))]
    core_patterns = sum(len(r.patterns) for r in load_rulebook().of_kind("phrase"))
    books: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        spliced: list[str] = []
        for factor in [1, *args.factors]:
            pack = None
            if factor > 1:
                rules = -(-core_patterns * (factor - 1) // 2)  # two patterns a rule, on top of the core's
                pack = Path(tmp) / f"x{factor}"
                written = write_pack(pack, rules)
                spliced = spliced or written[:50]  # in every pack: each is a prefix of the next
            started = time.perf_counter()
            book = load_rulebook([pack] if pack else [])
            load_ms = (time.perf_counter() - started) * 1000
            started = time.perf_counter()
            Rulebook(book.packs, book.rules)
            compile_ms = (time.perf_counter() - started) * 1000
            checker = Checker(book)
            examples = validate(checker)
            phrase_rules = book.of_kind("phrase")
            books[f"{factor}×"] = {
                "checker": checker, "load_ms": load_ms, "compile_ms": compile_ms, "examples": examples,
                "rules": len(phrase_rules), "patterns": sum(len(r.patterns) for r in phrase_rules),
                "samples": {"as is": [], "3 synthetic hits": []},
            }
        hit_texts = with_hits(texts, spliced)
        for _ in range(args.runs):
            for book in books.values():
                for name, batch in (("as is", texts), ("3 synthetic hits", hit_texts)):
                    measure(book["checker"], batch[:5], COMPLAINT, 1)
                    samples = measure(book["checker"], batch, COMPLAINT, args.repeat)
                    book["samples"][name].append(summary(samples))

    print(f"{len(texts)} replies of {args.length} characters, {args.repeat} passes a run, median of {args.runs} runs")
    print(f"{'rulebook':>9} {'phrase rules':>12} {'patterns':>9} {'load ms':>8} {'compile ms':>10} "
          f"{'replies':>17} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for label, book in books.items():
        for name, runs in book["samples"].items():
            p50, p95, p99 = (statistics.median(run[i] for run in runs) for i in range(3))
            head = (f"{label:>9} {book['rules']:>12} {book['patterns']:>9} {book['load_ms']:>8.0f} {book['compile_ms']:>10.0f}"
                    if name == "as is" else " " * 53)
            print(f"{head} {name:>17} {p50:>7.3f} {p95:>7.3f} {p99:>7.3f}")
    print("synthetic examples validated: " + ", ".join(f"{label} {b['examples']}" for label, b in books.items() if b["examples"]))


if __name__ == "__main__":
    main()
