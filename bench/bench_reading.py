"""What the learned checks cost: in-process check time cold and warm, memory, start-up.

A 1,000-character reply (corpus replies joined, as in ``bench_check.py``) is checked with
each of the corpus's customer messages, the customer reading and the learned reply rules on:

- cold: nothing cached, as on the first check of a conversation (both encoders' caches are
  emptied before every sample, so the customer's message and every sentence of the reply go
  through the models);
- warm: the same customer message as the previous check and one sentence of the reply
  changed, as on a re-check after a keystroke.

``--examples N`` adds a team pack holding N - 1 copies of every core learned rule (under
other ids), so the learned rules compare each sentence with N times the examples.

Start-up is the time to import the app and build it (rule packs compiled, model files
checked and loaded) in a fresh interpreter, median of ``--starts``. Memory is the resident
set of that process once it has checked a reply. One core: onnxruntime runs one thread.
Run: ``python bench/bench_reading.py [--repeat 5] [--starts 5] [--examples 1]``.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_check import corpus, of_length, summary
from tactful.app import build_checker
from tactful.config import Settings
from tactful.engine.rulebook import CORE_PACK
from tactful.engine.rules import load_pack

START = """
import resource, time
started = time.perf_counter()
from tactful.app import create_app
from tactful.config import Settings
app = create_app(Settings())
elapsed = time.perf_counter() - started
app.test_client().post("/v1/check", json={"text": "Sorry about that.", "customer_message": "It broke again."})
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def copies_pack(copies: int, directory: Path) -> Path:
    """A team pack with ``copies`` copies of each core learned rule."""
    (directory / "pack.yml").write_text("name: copies\n", encoding="utf-8")
    for rule in load_pack(CORE_PACK)[1]:
        if rule.kind == "learned":
            for copy in range(copies):
                shutil.copy(rule.path, directory / f"{rule.id}-copy-{copy + 1}.yml")
    return directory


def timed(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--examples", type=int, default=1, help="times the core learned rules' examples")
    args = parser.parse_args()
    packs = (copies_pack(args.examples - 1, Path(tempfile.mkdtemp())),) if args.examples > 1 else ()
    started = time.perf_counter()
    checker = build_checker(Settings(rule_packs=packs))
    learned = checker.book.indexes["learned"]
    print(f"{len(learned.rules)} learned rules, {sum(len(r.bad) + len(r.good) for r in learned.rules)} examples and "
          f"{len(learned.near_misses)} near misses; rulebook and models loaded in {time.perf_counter() - started:.2f} s")
    rows = corpus()
    messages = [r["customer_message"] for r in rows if r.get("customer_message")]
    reply = of_length(rows, 1_000, 0)
    sentences = reply.split(". ")
    cold, warm = [], []
    for _ in range(args.repeat):
        for index, message in enumerate(messages):
            for encoder in checker.encoders():
                encoder._cache.clear()
            learned._scores.clear()
            cold.append(timed(lambda: checker.check(reply, channel="email", customer_message=message)))
            edited = sentences.copy()
            edited[index % len(edited)] += f" {index}"
            warm.append(timed(lambda: checker.check(". ".join(edited), channel="email", customer_message=message)))
    print(f"1,000-character reply, {len(messages)} customer messages x {args.repeat}")
    print(f"{'':6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, samples in (("cold", cold), ("warm", warm)):
        p50, p95, p99 = summary(samples)
        print(f"{name:6} {p50:>8.2f} {p95:>8.2f} {p99:>8.2f}")
    starts = [subprocess.run([sys.executable, "-c", START], capture_output=True, text=True, check=True).stdout.split()
              for _ in range(args.starts)]
    print(f"start-up (import and create_app): median {statistics.median(float(s[0]) for s in starts):.2f} s "
          f"of {args.starts}; peak RSS after a check {statistics.median(int(s[1]) for s in starts) / 1024:.0f} MiB")
    print(json.dumps({"cold": summary(cold), "warm": summary(warm)}))


if __name__ == "__main__":
    main()
