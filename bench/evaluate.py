"""Measure how well the checks agree with hand labels.

Two labelled sets:

- ``bench/data/replies.jsonl``: agent replies written and labelled for this project (spans
  for phrase categories, and which missing-* parts apply). Precision and recall per
  category: a predicted span counts as correct when it overlaps a labelled span of the same
  category; a missing-* category is judged per reply. The rules were written without seeing
  this set; after a first measurement, replies with even ids were used to tune and odd ids
  stayed held out.
- The brand replies of that sample, labelled for apology, non-apology, contact offer and
  dismissiveness in ``bench/data/twcs_brand_replies.csv`` (ids only).
- 420 brand replies of ``twcs_more.csv``, each read with the customer tweet it answers and
  labelled fine / needs-work / bad, with the spans of dismissive moves and non-apologies as
  code-point offsets (``bench/data/twcs_brand_reply_spans.jsonl``; ids and offsets only),
  before anyone looked at what the checker says. Even ids are the dev half, odd ids test.

How the customer's message is read has its own script, ``bench/evaluate_customer.py``.

Run: ``python bench/evaluate.py`` (add ``--show-errors`` to print disagreements).
"""
from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

from tactful.engine.checker import Checker
from tactful.engine.rulebook import Rulebook, load_rulebook

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SPAN_CATEGORIES = ("dismissive", "non-apology", "shouting")
REPLY_CATEGORIES = (
    "missing-apology", "missing-contact", "missing-acknowledgement", "missing-ownership",
    "missing-next-step", "missing-thanks", "too-long",
)


def _ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.2f}" if denominator else "n/a"


def evaluate_replies(checker: Checker, show_errors: bool) -> None:
    rows = [json.loads(line) for line in (DATA / "replies.jsonl").read_text(encoding="utf-8").splitlines() if line]
    print(f"Replies: {len(rows)} hand-labelled ({dict(Counter(r['channel'] for r in rows))})")
    _score_replies(checker, [r for r in rows if int(r["id"][1:]) % 2 == 0], "dev (even ids)", show_errors)
    _score_replies(checker, [r for r in rows if int(r["id"][1:]) % 2 == 1], "held-out (odd ids)", False)


def _score_replies(checker: Checker, rows: list[dict], name: str, show_errors: bool) -> None:
    tp: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    found_gold: Counter[str] = Counter()
    for row in rows:
        report = checker.check(row["text"], channel=row["channel"], customer_message=row.get("customer_message"))
        text = row["text"]
        gold_spans = []
        for span in row["spans"]:
            start = text.index(span["text"])
            gold_spans.append((span["category"], start, start + len(span["text"])))
        for category in SPAN_CATEGORIES:
            mine = [f for f in report.findings if f.category == category]
            theirs = [(s, e) for c, s, e in gold_spans if c == category]
            predicted[category] += len(mine)
            gold[category] += len(theirs)
            hits = [f for f in mine if any(f.offset < e and s < f.end for s, e in theirs)]
            tp[category] += len(hits)
            found_gold[category] += sum(any(f.offset < e and s < f.end for f in mine) for s, e in theirs)
            if show_errors:
                for f in mine:
                    if f not in hits:
                        print(f"  FP {category:12} {row['id']}: {f.text!r} ({f.rule})")
                for s, e in theirs:
                    if not any(f.offset < e and s < f.end for f in mine):
                        print(f"  FN {category:12} {row['id']}: {text[s:e]!r}")
        flagged = {f.category for f in report.findings}
        for category in REPLY_CATEGORIES:
            expected = category in row["missing"]
            actual = category in flagged
            predicted[category] += actual
            gold[category] += expected
            tp[category] += actual and expected
            found_gold[category] += actual and expected
            if show_errors and actual != expected:
                print(f"  {'FP' if actual else 'FN'} {category:12} {row['id']}: {text[:90]!r}")
    print(f"  {name}: {len(rows)} replies")
    print(f"  {'category':26} {'precision':>9} {'recall':>7} {'labelled':>9} {'flagged':>8}")
    for category in (*SPAN_CATEGORIES, *REPLY_CATEGORIES):
        print(f"  {category:26} {_ratio(tp[category], predicted[category]):>9} "
              f"{_ratio(found_gold[category], gold[category]):>7} {gold[category]:>9} {predicted[category]:>8}")


def evaluate_brand_replies(checker: Checker, twcs: Path, show_errors: bool) -> None:
    """Real brand replies: how often a flag agrees with a hand label (no customer context)."""
    with twcs.open(newline="", encoding="utf-8") as handle:
        texts = {row["tweet_id"]: row["text"] for row in csv.DictReader(handle)}
    with (DATA / "twcs_brand_replies.csv").open(newline="", encoding="utf-8") as handle:
        labels = list(csv.DictReader(handle))
    pairs = {"dismissive": "dismissive", "non-apology": "non_apology"}
    counts: Counter[tuple[str, str]] = Counter()
    for row in labels:
        text = texts[row["tweet_id"]]
        report = checker.check(text, channel="twitter", customer_message=None)
        flagged = {f.category for f in report.findings}
        for category, column in pairs.items():
            counts[category, ("t" if (category in flagged) == (row[column] == "1") else "f") + ("p" if category in flagged else "n")] += 1
            if show_errors and (category in flagged) != (row[column] == "1"):
                print(f"  {'FP' if category in flagged else 'FN'} {category:12} {row['tweet_id']}: {text[:90]!r}")
        apologised = "missing-apology" not in flagged
        counts["apology", ("t" if apologised == (row["apology"] == "1") else "f") + ("p" if apologised else "n")] += 1
        offers_contact = "missing-contact" not in flagged
        counts["contact", ("t" if offers_contact == (row["contact"] == "1") else "f") + ("p" if offers_contact else "n")] += 1
    print(f"Brand replies on X: {len(labels)} real replies labelled by hand (per reply)")
    print(f"  {'label':26} {'precision':>9} {'recall':>7} {'labelled':>9}")
    for label in (*pairs, "apology", "contact"):
        tp, fp, fn = counts[label, "tp"], counts[label, "fp"], counts[label, "fn"]
        print(f"  {label + (' found' if label in ('apology', 'contact') else ''):26} {_ratio(tp, tp + fp):>9} {_ratio(tp, tp + fn):>7} {tp + fn:>9}")


def labelled_replies(twcs_more: Path) -> list[tuple[dict, str, str | None]]:
    """The span-labelled brand replies with their text and the customer tweet they answer."""
    with twcs_more.open(newline="", encoding="utf-8") as handle:
        tweets = {row["tweet_id"]: row for row in csv.DictReader(handle)}
    labels = [json.loads(line) for line in (DATA / "twcs_brand_reply_spans.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [
        (label, tweets[label["tweet_id"]]["text"],
         tweets.get(tweets[label["tweet_id"]]["in_response_to_tweet_id"].split(".")[0], {}).get("text"))
        for label in labels
    ]


def span_scores(replies: list[tuple[dict, str, str | None]], flag, parity: int,
                categories: tuple[str, ...] = ("dismissive", "non-apology")) -> dict[str, float]:
    """Span recall and precision, bad replies caught and fine replies flagged on one half.

    ``flag(text, customer)`` gives the ``(category, start, end)`` spans a checker flags.
    """
    counts: Counter[str] = Counter()
    for label, text, customer in replies:
        if int(label["tweet_id"]) % 2 != parity:
            continue
        mine = [(c, s, e) for c, s, e in flag(text, customer) if c in categories]
        gold = [g for g in label["spans"] if g["category"] in categories]
        overlap = lambda m, g: m[0] == g["category"] and m[1] < g["end"] and g["start"] < m[2]
        counts["gold"] += len(gold)
        counts["found"] += sum(any(overlap(m, g) for m in mine) for g in gold)
        counts["flagged"] += len(mine)
        counts["right"] += sum(any(overlap(m, g) for g in gold) for m in mine)
        counts[label["verdict"]] += 1
        counts[label["verdict"] + " flagged"] += bool(mine)
    ratio = lambda a, b: a / b if b else 0.0
    return {"span recall": ratio(counts["found"], counts["gold"]), "span precision": ratio(counts["right"], counts["flagged"]),
            "bad caught": ratio(counts["bad flagged"], counts["bad"]), "fine flagged": ratio(counts["fine flagged"], counts["fine"]),
            "spans": counts["gold"], "bad": counts["bad"], "fine": counts["fine"]}


def evaluate_reply_spans(checker: Checker, twcs_more: Path) -> None:
    """Real replies with their customer tweet, through the whole checker."""
    replies = labelled_replies(twcs_more)

    def flag(text: str, customer: str | None) -> list[tuple[str, int, int]]:
        report = checker.check(text, channel="twitter", customer_message=customer)
        return [(f.category, f.offset, f.end) for f in report.findings]

    print(f"Brand replies with spans: {len(replies)} real replies, each against the customer tweet it answers")
    print_span_scores(replies, flag)


def without_learned(book: Rulebook) -> Rulebook:
    return Rulebook(book.packs, {rule_id: r for rule_id, r in book.rules.items() if r.kind != "learned"}, models=book.models)


def print_span_scores(replies: list[tuple[dict, str, str | None]], flag, label: str = "") -> None:
    for name, parity in (("dev", 0), ("test", 1)):
        s = span_scores(replies, flag, parity)
        apologies = span_scores(replies, flag, parity, ("non-apology",))
        print(f"  {label}{name:5} span recall {s['span recall']:.2f}  precision {s['span precision']:.2f}  "
              f"bad caught {s['bad caught']:.2f}  fine flagged {s['fine flagged']:.3f}  "
              f"non-apology recall {apologies['span recall']:.2f}  ({s['spans']} spans; {s['bad']} bad, {s['fine']} fine)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--twcs", type=Path, default=SHARED / "twcs_sample.csv")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    book = load_rulebook()
    for name, rules in (("phrase rules only (learned rules off)", without_learned(book)), ("all rules", book)):
        print(f"== {name} ==")
        checker = Checker(rules)
        evaluate_replies(checker, args.show_errors)
        if args.twcs.is_file():
            evaluate_brand_replies(checker, args.twcs, args.show_errors)
            evaluate_reply_spans(checker, args.twcs.with_name("twcs_more.csv"))
        else:
            print(f"Brand replies: skipped, {args.twcs} not found")


if __name__ == "__main__":
    main()
