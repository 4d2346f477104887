"""HTTP throughput and latency of POST /v1/check through gunicorn on loopback.

Starts gunicorn with the repo's ``gunicorn.conf.py`` (one worker per core unless
``--workers``) on a free 127.0.0.1 port, waits for ``/v1/health`` (the start-up time), then
drives ``POST /v1/check`` with the 210 replies of ``bench/data/replies.jsonl`` in turn (their
channel and customer message included) at each concurrency for a fixed time, after a short
warm-up. Each concurrency level is a closed loop of N clients on keep-alive connections.

The load generator is ``wrk`` (Debian package ``wrk``; installed with apt-get when missing
and running as root), fed by a generated Lua script that also prints p50/p95/p99 from wrk's
own latency histogram. ``--client python`` uses a small threaded stdlib generator instead
(it competes with gunicorn for the same cores, so it understates throughput).

The rate limit stays on, set far above the load (``--rate-limit``), so its cost is counted;
``--rate-limit off`` measures without it. Tone only by default, with the server's grammar
off so no LanguageTool JVM competes for the cores; ``--grammar`` lets the master start
LanguageTool, waits until it is warm, and sends ``grammar: true``.

Run: ``python bench/bench_http.py [--duration 10] [--runs 3] [--concurrency 1,8,32]``.
Reports medians over the runs; a fresh gunicorn per run. Stops the server at the end.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _gunicorn import HOST, Gunicorn, check_bodies
from bench_check import corpus, of_length

LUA = """\
local bodies = {{
{bodies}
}}
local i = 0
wrk.method = "POST"
wrk.path = "/v1/check"
wrk.headers["Content-Type"] = "application/json"

request = function()
  i = i % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {{"requests": %d, "duration_s": %.6f, "non_2xx": %d, "socket_errors": %d, ' ..
    '"p50_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f}}\\n',
    summary.requests, summary.duration / 1e6, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3))
end
"""


def lua_script(bodies: list[str]) -> str:
    level = "=" * 8
    assert not any(f"]{level}]" in body for body in bodies)
    return LUA.format(bodies=",\n".join(f"[{level}[{body}]{level}]" for body in bodies))


def texts_of_length(length: int) -> list[str]:
    rows = corpus()
    return [of_length(rows, length, start) for start in range(len(rows))]


def ensure_wrk() -> str | None:
    found = shutil.which("wrk")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    print("installing wrk with apt-get …", file=sys.stderr)
    subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True)
    return shutil.which("wrk")


def run_wrk(wrk: str, script: Path, port: int, clients: int, seconds: float) -> dict:
    command = [wrk, "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "10s", "-s", str(script),
               f"http://{HOST}:{port}/v1/check"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = json.loads(next(line for line in output.splitlines() if line.startswith("RESULT "))[7:])
    result["rps"] = result["requests"] / result["duration_s"]
    return result


def run_python(bodies: list[str], port: int, clients: int, seconds: float) -> dict:
    """Closed loop: each thread keeps one connection and sends the next body on each answer."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures = [0] * clients
    errors = [0] * clients
    stop_at = time.perf_counter() + seconds

    def client(index: int) -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        n = index
        while time.perf_counter() < stop_at:
            body = bodies[n % len(bodies)].encode()
            n += clients
            started = time.perf_counter()
            try:
                connection.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
            except OSError:
                errors[index] += 1
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=10)
                continue
            latencies[index].append((time.perf_counter() - started) * 1000)
            failures[index] += not 200 <= response.status < 300
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.perf_counter() - started
    samples = sorted(ms for per_client in latencies for ms in per_client)

    def pct(q: float) -> float:
        return samples[min(len(samples) - 1, int(q * len(samples)))] if samples else float("nan")

    return {"requests": len(samples), "duration_s": duration, "rps": len(samples) / duration,
            "non_2xx": sum(failures), "socket_errors": sum(errors),
            "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": samples[-1] if samples else 0.0}


def one_run(args: argparse.Namespace, bodies: list[str], wrk: str | None, script: Path | None) -> dict:
    env = {"TACTFUL_RATE_LIMIT": args.rate_limit, **({} if args.grammar else {"TACTFUL_GRAMMAR": "off"})}
    with Gunicorn(workers=args.workers, env=env) as server:
        if args.grammar:
            server.wait_for_grammar()
        run = {"startup_s": server.startup_s, "idle_memory_kib": server.worker_memory(), "levels": {}}
        for clients in args.concurrency:
            if wrk:
                run_wrk(wrk, script, server.port, clients, args.warmup)
                result = run_wrk(wrk, script, server.port, clients, args.duration)
            else:
                run_python(bodies, server.port, clients, args.warmup)
                result = run_python(bodies, server.port, clients, args.duration)
            result["load_avg"] = os.getloadavg()[0]
            run["levels"][clients] = result
            print(f"  {clients:>3} clients: {result['rps']:8.0f} req/s  p50 {result['p50_ms']:6.2f}  "
                  f"p95 {result['p95_ms']:6.2f}  p99 {result['p99_ms']:6.2f} ms  non-2xx {result['non_2xx']}  "
                  f"socket errors {result['socket_errors']}  (load {result['load_avg']:.1f})", flush=True)
        run["loaded_memory_kib"] = server.worker_memory()
    return run


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds measured per concurrency level")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of unmeasured load before each level")
    parser.add_argument("--concurrency", type=lambda s: [int(c) for c in s.split(",")], default=[1, 8, 32])
    parser.add_argument("--runs", type=int, default=3, help="fresh gunicorn per run; medians are reported")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--grammar", action="store_true", help="send grammar: true (default: tone only)")
    parser.add_argument("--rate-limit", default="1000000/minute", help="TACTFUL_RATE_LIMIT for the server, or 'off'")
    parser.add_argument("--length", type=int, help="send corpus replies joined to this many characters instead")
    parser.add_argument("--channel", help="send every reply on this channel (default: each reply's own)")
    parser.add_argument("--client", choices=("wrk", "python"), default="wrk")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    args = parser.parse_args()

    bodies = check_bodies(args.grammar, texts_of_length(args.length) if args.length else None, args.channel)
    wrk = ensure_wrk() if args.client == "wrk" else None
    if args.client == "wrk" and not wrk:
        print("wrk is not available; using the Python load generator", file=sys.stderr)
    script = None
    if wrk:
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, encoding="utf-8") as handle:
            handle.write(lua_script(bodies))
        script = Path(handle.name)
    print(f"POST /v1/check, {len(bodies)} corpus replies{f' joined to {args.length} chars' if args.length else ''}, channel {args.channel or 'as in the corpus'}, grammar={'on' if args.grammar else 'off'}, "
          f"{args.workers} workers, {os.cpu_count()} cores, client {'wrk' if wrk else 'python'}, "
          f"{args.duration:g} s per level after {args.warmup:g} s warm-up, rate limit {args.rate_limit}")
    runs = []
    try:
        for number in range(1, args.runs + 1):
            print(f"run {number}/{args.runs}", flush=True)
            runs.append(one_run(args, bodies, wrk, script))
            print(f"  start-up to first healthy response {runs[-1]['startup_s']:.2f} s; worker RSS/PSS after load "
                  + ", ".join(f"{r / 1024:.0f}/{p / 1024:.0f} MiB" for r, p in runs[-1]["loaded_memory_kib"]))
    finally:
        if script:
            script.unlink()

    print(f"\nmedian of {len(runs)} runs")
    print(f"{'clients':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'sock err':>8}")
    for clients in args.concurrency:
        levels = [run["levels"][clients] for run in runs]
        print(f"{clients:>8} {median([l['rps'] for l in levels]):>8.0f} {median([l['p50_ms'] for l in levels]):>8.2f} "
              f"{median([l['p95_ms'] for l in levels]):>8.2f} {median([l['p99_ms'] for l in levels]):>8.2f} "
              f"{sum(l['non_2xx'] for l in levels):>8} {sum(l['socket_errors'] for l in levels):>8}")
    rss = [r for run in runs for r, _ in run["loaded_memory_kib"]]
    pss = [p for run in runs for _, p in run["loaded_memory_kib"]]
    idle = [r for run in runs for r, _ in run["idle_memory_kib"]]
    print(f"start-up to first healthy response: median {median([r['startup_s'] for r in runs]):.2f} s "
          "(runs: " + ", ".join(f"{r['startup_s']:.2f}" for r in runs) + ")")
    print(f"RSS per worker: idle median {median(idle) / 1024:.0f} MiB, after load median {median(rss) / 1024:.0f} MiB "
          f"(max {max(rss) / 1024:.0f}); PSS after load median {median(pss) / 1024:.0f} MiB")
    print("(non-2xx counts wrk's status >= 400; summed over runs)" if wrk else "")
    if args.json:
        args.json.write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()}, "runs": runs}, indent=1))


if __name__ == "__main__":
    main()
