"""The same replies through Tactful's tone checks, LanguageTool alone and proselint.

Side by side in one run on one machine, reported as medians, 95th percentiles and ratios to
Tactful. LanguageTool is the project's own local server (started here from the installed
jars, warmed up, then asked directly over HTTP); proselint is the PyPI package, installed on
demand into the current environment. Replies come from ``bench/data/replies.jsonl``; the
"long" set joins them into help-desk-sized texts of about 1,000 characters.

Run: ``python bench/bench_compare.py [--repeat N]``.
"""
from __future__ import annotations

import argparse
import importlib
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from bench_check import corpus, of_length, percentile
from tactful.engine.checker import Checker
from tactful.engine.rulebook import load_rulebook
from tactful.grammar.client import GrammarChecker
from tactful.grammar.install import install
from tactful.grammar.process import LanguageToolServer


def proselint_linter() -> Callable[[str], object]:
    """proselint's linter with its checks registered, as its command line does."""
    try:
        importlib.import_module("proselint")
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "proselint"], check=True)
    tools = importlib.import_module("proselint.tools")
    registry = importlib.import_module("proselint.registry").CheckRegistry()
    if not registry.checks:
        registry.register_many(importlib.import_module("proselint.checks").__register__)
    return lambda text: tools.LintFile("reply", text).lint()


def timings(run: Callable[[str], object], texts: list[str], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        for text in texts:
            started = time.perf_counter()
            run(text)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = corpus()
    sets = {
        "replies as written": [row["text"] for row in rows],
        "~1,000-char replies": [of_length(rows, 1_000, start) for start in range(0, len(rows), 5)],
    }
    tactful = Checker(load_rulebook())
    lint = proselint_linter()
    server = LanguageToolServer(install())
    print("starting and warming up LanguageTool…", flush=True)
    server.start()
    try:
        grammar = GrammarChecker(server.url, budget=30.0, disabled_rules=())
        engines: dict[str, Callable[[str], object]] = {
            "Tactful tone (in process)": lambda text: tactful.check(text, channel="email"),
            "LanguageTool (HTTP, local)": grammar.check,
            "proselint (in process)": lint,
        }
        for name, texts in sets.items():
            for text in texts[:5]:
                grammar.check(text)
            print(f"\n{name}: {len(texts)} texts × {args.repeat}, median {statistics.median(map(len, texts)):.0f} chars")
            print(f"  {'engine':28} {'p50 ms':>8} {'p95 ms':>8} {'× Tactful (p50)':>16}")
            baseline = None
            for engine, run in engines.items():
                samples = timings(run, texts, args.repeat)
                p50 = statistics.median(samples)
                baseline = baseline or p50
                print(f"  {engine:28} {p50:>8.2f} {percentile(samples, 0.95):>8.2f} {p50 / baseline:>16.1f}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
