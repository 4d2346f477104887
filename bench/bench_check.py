"""In-process check time: median and percentiles per reply length.

Replies come from ``bench/data/replies.jsonl`` (help-desk emails and social replies);
longer texts are built by joining them until the target length, then cut at a space.
Run: ``python bench/bench_check.py [--repeat N] [--runs 3] [--channel email]``; the figures
are medians over the runs of each run's percentiles.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from tactful.engine.checker import Checker
from tactful.engine.rulebook import load_rulebook

DATA = Path(__file__).parent / "data" / "replies.jsonl"
COMPLAINT = "My refund never arrived and nobody answers the phone."


def corpus() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


def of_length(rows: list[dict], length: int, start: int) -> str:
    pieces, total, index = [], 0, start
    while total < length:
        text = rows[index % len(rows)]["text"]
        pieces.append(text)
        total += len(text) + 2
        index += 1
    return "\n\n".join(pieces)[:length].rsplit(" ", 1)[0]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(checker: Checker, texts: list[str], customer: str | None, repeat: int, channel: str = "email") -> list[float]:
    samples = []
    for _ in range(repeat):
        for text in texts:
            started = time.perf_counter()
            checker.check(text, channel=channel, customer_message=customer)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def summary(samples: list[float]) -> tuple[float, float, float]:
    return statistics.median(samples), percentile(samples, 0.95), percentile(samples, 0.99)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3, help="repeat the whole measurement; medians are reported")
    parser.add_argument("--channel", default="email", help="twitter adds X's weighted length (twitter-text)")
    args = parser.parse_args()
    started = time.perf_counter()
    checker = Checker(load_rulebook())
    print(f"rule packs loaded and compiled in {(time.perf_counter() - started) * 1000:.0f} ms")
    rows = corpus()
    lengths = (100, 1_000, 5_000, 20_000)
    batches = {
        length: ([of_length(rows, length, start) for start in range(0, len(rows), max(1, len(rows) // 20))],
                 args.repeat if length <= 5_000 else max(2, args.repeat // 5))
        for length in lengths
    }
    real = [row["text"] for row in rows]
    batches["corpus as is"] = (real, args.repeat)
    results: dict = {name: [] for name in batches}
    for _ in range(args.runs):
        for name, (texts, repeat) in batches.items():
            samples = measure(checker, texts, COMPLAINT, repeat, args.channel)
            results[name].append((*summary(samples), len(samples)))
    print(f"channel {args.channel}; medians of {args.runs} runs")
    print(f"{'reply length':>14} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'samples':>8}")
    for name, runs in results.items():
        p50, p95, p99 = (statistics.median(run[i] for run in runs) for i in range(3))
        label = f"{name:>14,}" if isinstance(name, int) else f"{name:>14}"
        note = f"  ({len(real)} replies, median {statistics.median(map(len, real)):.0f} chars)" if name == "corpus as is" else ""
        print(f"{label} {p50:>8.3f} {p95:>8.3f} {p99:>8.3f} {runs[0][3]:>8}{note}")


if __name__ == "__main__":
    main()
