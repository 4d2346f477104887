"""Measure the fixes an agent would send: does the rewrite pass its own check, keep what the
agent said, fit the channel, and read without placeholders or new grammar errors?

Drafts: the project's 210 labelled replies (``bench/data/replies.jsonl``, written for the
project) and the 420 labelled brand replies of ``twcs_more.csv`` with the customer tweet each
answers (read from the shared data, never stored here). Each is checked through the API as
an agent's client calls it (the Flask app, grammar on with a real LanguageTool unless
``--no-grammar``) twice: without the agent's contact details and with a phone number and an
email address.

Per draft and setting:

- **passes its own check**: checking the rewrite finds none of the rules it fixed
  (``rewrite_fixes``: advice-only findings, such as a learned rule's, are not fixes, and on X
  an insert that did not fit is not made); stricter, **no category left**: nothing of a
  category any of whose findings had a fix;
- **placeholder**: the rewrite has an unfilled blank (``unfilled-placeholder``) it did not have;
- **new grammar error**: LanguageTool finds a grammar or spelling error in the rewrite (by
  rule and words) that it did not find in the draft;
- **X over 280**: an X rewrite over the limit, counted among drafts that fitted;
- **sentences kept**: of the draft's sentences, the share whose words outside flagged spans
  all survive in the rewrite, in their order; and the share that survive word for word.

Run: ``python bench/evaluate_fixes.py [--no-grammar] [--show N]`` (``--show`` prints N
before/after pairs of the project's own replies, picked at random with a fixed seed).
"""
from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask

from evaluate import DATA, SHARED, labelled_replies
from tactful.app import create_app
from tactful.config import Settings
from tactful.engine.checks.length import measure
from tactful.engine.sentences import sentence_spans
from tactful.grammar.client import GrammarChecker
from tactful.grammar.install import install
from tactful.grammar.process import LanguageToolServer

CONTACTS = {"no details": {}, "phone and email": {"phone": "+44 20 7946 0958", "email": "sam.lee@example.com"}}
X_LIMIT = 280


def drafts() -> list[dict]:
    own = [json.loads(line) for line in (DATA / "replies.jsonl").read_text(encoding="utf-8").splitlines() if line]
    rows = [{"source": "own", "id": r["id"], "text": r["text"], "channel": r["channel"],
             "customer_message": r.get("customer_message")} for r in own]
    for label, text, customer in labelled_replies(SHARED / "twcs_more.csv"):
        rows.append({"source": "twcs", "id": label["tweet_id"], "text": text, "channel": "twitter", "customer_message": customer})
    return rows


@contextmanager
def api(grammar: bool) -> Iterator[tuple[Flask, GrammarChecker | None]]:
    app = create_app(Settings(rate_limit=None))
    if not grammar:
        yield app, None
        return
    server = LanguageToolServer(install())
    print("starting LanguageTool…", flush=True)
    server.start()
    try:
        checker = GrammarChecker(server.url, budget=15.0)
        app.extensions["tactful.grammar"] = checker
        checker.check("Warm up the server once.")
        yield app, checker
    finally:
        server.stop()


def kept_sentences(text: str, findings: list[dict], rewrite: str) -> tuple[int, int]:
    """Sentences of ``text`` whose words outside flagged spans all appear in ``rewrite``, in
    their order (an inserted sentence may sit between them, as after a greeting)."""
    spans = [(f["offset"], f["offset"] + f["length"]) for f in findings if f["scope"] == "span"]
    target = re.findall(r"\w+", rewrite.lower())
    kept = total = 0
    for start, end in sentence_spans(text):
        outside = "".join(" " if any(s <= i < e for s, e in spans) else text[i] for i in range(start, end))
        words = iter(target)
        total += 1
        kept += all(word in words for word in re.findall(r"\w+", outside.lower()))
    return kept, total


def errors(grammar: GrammarChecker, text: str) -> Counter[tuple[str, str]]:
    """LanguageTool's grammar and spelling errors, by rule and the words they cover."""
    return Counter((f.rule, f.text) for f in grammar.check(text).findings if f.category != "style")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-grammar", action="store_true", help="skip LanguageTool (no new-error figure)")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N random before/after pairs")
    args = parser.parse_args()
    rows = drafts()
    print(f"{len(rows)} drafts: {dict(Counter(r['source'] for r in rows))}")
    pairs = []
    with api(not args.no_grammar) as (app, grammar):
        client = app.test_client()
        for setting, contact in CONTACTS.items():
            counts: Counter[str] = Counter()
            for row in rows:
                body = {"text": row["text"], "channel": row["channel"], "customer_message": row["customer_message"],
                        "contact": contact, "grammar": grammar is not None}
                report = client.post("/v1/check", json=body).json
                rewrite = report["rewrite"]
                again = client.post("/v1/check", json={**body, "text": rewrite}).json
                fixed = {f["category"] for f in report["findings"] if f["suggestions"]}
                counts["drafts"] += 1
                counts["passes"] += not any(f["rule"] in report["rewrite_fixes"] for f in again["findings"])
                counts["no category left"] += not any(f["category"] in fixed for f in again["findings"])
                had = sum(f["rule"] == "unfilled-placeholder" for f in report["findings"])
                counts["placeholder"] += sum(f["rule"] == "unfilled-placeholder" for f in again["findings"]) > had
                if grammar is not None and rewrite != row["text"]:
                    counts["new grammar error"] += bool(errors(grammar, rewrite) - errors(grammar, row["text"]))
                if row["channel"] == "twitter" and measure(row["text"], "twitter") <= X_LIMIT:
                    counts["x fitting"] += 1
                    counts["x over"] += measure(rewrite, "twitter") > X_LIMIT
                kept, total = kept_sentences(row["text"], report["findings"], rewrite)
                counts["sentences kept"] += kept
                counts["sentences"] += total
                counts["sentences verbatim"] += sum(row["text"][a:b] in rewrite for a, b in sentence_spans(row["text"]))
                counts["changed"] += rewrite != row["text"]
                if setting == "phone and email" and row["source"] == "own":
                    pairs.append((row, rewrite))
            share = lambda key, of: f"{counts[key] / counts[of]:.3f} ({counts[key]}/{counts[of]})"
            print(f"\n{setting}: {counts['drafts']} drafts, {counts['changed']} rewritten")
            print(f"  rewrite passes its own check   {share('passes', 'drafts')}")
            print(f"  no fixed category left         {share('no category left', 'drafts')}")
            print(f"  rewrite adds a placeholder     {share('placeholder', 'drafts')}")
            if grammar is not None:
                print(f"  LanguageTool finds a new error {share('new grammar error', 'changed')}")
            print(f"  X rewrite over {X_LIMIT}            {share('x over', 'x fitting')}")
            print(f"  draft sentences kept           {share('sentences kept', 'sentences')}")
            print(f"  draft sentences word for word  {share('sentences verbatim', 'sentences')}")
    for row, rewrite in random.Random(11).sample(pairs, min(args.show, len(pairs))):
        print(f"\n[{row['id']}, {row['channel']}] customer: {row['customer_message']}\n  before: {row['text']}\n  after:  {rewrite}")


if __name__ == "__main__":
    main()
