"""Where a check's time goes: cProfile in process, and inside gunicorn workers under load.

In process: ``--checks`` checks of 1,000-character replies (corpus replies joined, as in
``bench_check.py``) on the email channel (``--channel``) with a complaint as the customer
message, profiled with cProfile.

HTTP path (``--http``): gunicorn with ``bench/gunicorn_profile.conf.py`` (the repo's
configuration plus a cProfile per worker), driven by wrk with the same replies at
``--clients`` concurrent clients for ``--duration`` seconds, tone only; after a graceful stop
the workers' profiles are merged.

Both print exclusive (self) time grouped by area (RE2 matching, the engine's Python, Flask
and Werkzeug, the rate limiter, JSON, gunicorn, waiting for a request…) and the functions
with the most self time and the most cumulative time.

Run: ``python bench/profile_check.py [--http] [--length 1000]``.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from _gunicorn import ROOT, Gunicorn, check_bodies
from bench_check import COMPLAINT
from bench_http import ensure_wrk, lua_script, run_wrk, texts_of_length
from tactful.engine.checker import Checker
from tactful.engine.rulebook import load_rulebook

# (area, substrings of "file:function"); the first that matches wins.
AREAS = [
    ("waiting for a request (idle)", ("select.", "poll", "accept", "time.sleep", "method 'acquire'", "recv_into")),
    ("RE2 matching itself (C++: re2._re2)", ("_re2.",)),
    ("RE2 Python wrapper (google-re2's re2/__init__.py: match objects, offsets)", ("re2/__init__",)),
    ("regex (Python re)", ("method 'sub' of 're.Pattern'", "method 'match' of 're.Pattern'",
                           "method 'search' of 're.Pattern'", "method 'finditer' of 're.Pattern'", "/re/")),
    ("engine: phrases", ("engine/checks/phrases", "engine/suggest")),
    ("engine: missing parts and layout", ("engine/checks/missing", "engine/layout")),
    ("engine: customer reading", ("engine/checks/customer",)),
    ("engine: length (twitter-text)", ("engine/checks/length", "twitter_text")),
    ("engine: rule index, pattern set (rulebook.py, patterns.py)", ("engine/rulebook", "engine/patterns")),
    ("engine: checker, context, rewrite, score", ("tactful/engine",)),
    ("API: validation (marshmallow)", ("marshmallow",)),
    ("API: serialisation, views, offsets", ("tactful/api", "tactful/engine/offsets")),
    ("JSON encode/decode", ("json",)),
    ("rate limiter (flask-limiter, limits)", ("flask_limiter", "limits/")),
    ("CORS", ("flask_cors",)),
    ("Flask / Werkzeug", ("flask/", "werkzeug")),
    ("gunicorn (HTTP parsing, workers, logging)", ("gunicorn", "logging")),
    ("socket I/O", ("socket", "method 'send", "sendall")),
]


def area(location: str) -> str:
    for name, needles in AREAS:
        if any(needle in location for needle in needles):
            return name
    return "other (builtins, stdlib)"


def summarise(stats: pstats.Stats, top: int, save: Path | None = None) -> None:
    if save:
        stats.dump_stats(save)
    by_area: dict[str, float] = defaultdict(float)
    for (filename, _line, function), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        by_area[area(f"{filename}:{function}")] += tottime
    busy = sum(t for name, t in by_area.items() if not name.endswith("(idle)"))
    print(f"\nself time by area (share of busy time {busy:.2f} s; idle not counted)")
    for name, seconds in sorted(by_area.items(), key=lambda item: -item[1]):
        share = f"{100 * seconds / busy:5.1f} %" if not name.endswith("(idle)") else "   idle"
        print(f"  {share}  {seconds:7.3f} s  {name}")
    for order, title in (("tottime", "most self time"), ("cumulative", "most cumulative time")):
        buffer = io.StringIO()
        stats.stream = buffer
        stats.sort_stats(order).print_stats(top)
        lines = buffer.getvalue().splitlines()
        start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
        print(f"\n{title}:")
        print("\n".join(lines[start:start + top + 1]))


def in_process(args: argparse.Namespace) -> None:
    checker = Checker(load_rulebook())
    replies = texts_of_length(args.length)
    for text in replies[:20]:
        checker.check(text, channel=args.channel, customer_message=COMPLAINT)
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for n in range(args.checks):
        checker.check(replies[n % len(replies)], channel=args.channel, customer_message=COMPLAINT)
    profile.disable()
    elapsed = time.perf_counter() - started
    print(f"in process: {args.checks} checks of {args.length}-character {args.channel} replies, "
          f"{1000 * elapsed / args.checks:.3f} ms a check under cProfile")
    summarise(pstats.Stats(profile), args.top, args.save)


def http_path(args: argparse.Namespace) -> None:
    wrk = ensure_wrk()
    if not wrk:
        raise SystemExit("the HTTP profile needs wrk")
    with tempfile.TemporaryDirectory() as directory:
        script = Path(directory) / "check.lua"
        script.write_text(lua_script(check_bodies(False, texts_of_length(args.length), args.channel)), encoding="utf-8")
        env = {"TACTFUL_PROFILE_DIR": directory, "TACTFUL_RATE_LIMIT": args.rate_limit, "TACTFUL_GRAMMAR": "off"}
        with Gunicorn(config=ROOT / "bench" / "gunicorn_profile.conf.py", env=env) as server:
            result = run_wrk(wrk, script, server.port, args.clients, args.duration)
        profiles = sorted(Path(directory).glob("worker-*.prof"))
        print(f"HTTP path: {result['requests']} requests of {args.length}-character {args.channel} replies at {args.clients} clients "
              f"under cProfile ({result['rps']:.0f} req/s, p50 {result['p50_ms']:.1f} ms, non-2xx {result['non_2xx']}); "
              f"{len(profiles)} worker profiles, rate limit {args.rate_limit}")
        if not profiles:
            raise SystemExit("no worker wrote a profile")
        stats = pstats.Stats(str(profiles[0]))
        for extra in profiles[1:]:
            stats.add(str(extra))
        summarise(stats, args.top, args.save)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--http", action="store_true", help="profile gunicorn workers instead of the engine alone")
    parser.add_argument("--length", type=int, default=1_000)
    parser.add_argument("--channel", default="email", help="twitter adds X's weighted length (twitter-text)")
    parser.add_argument("--checks", type=int, default=3_000, help="in process: how many checks")
    parser.add_argument("--clients", type=int, default=8, help="HTTP: concurrent clients")
    parser.add_argument("--duration", type=float, default=10.0, help="HTTP: seconds of load")
    parser.add_argument("--rate-limit", default="1000000/minute", help="HTTP: TACTFUL_RATE_LIMIT, or 'off'")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--save", type=Path, help="also write the (merged) profile here, for pstats or snakeviz")
    args = parser.parse_args()
    (http_path if args.http else in_process)(args)


if __name__ == "__main__":
    main()
