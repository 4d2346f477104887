"""Normal checks while hundreds of clients hold connections open without finishing a request.

Starts the repo's gunicorn (tone only, as ``bench_http.py``), measures ``POST /v1/check`` at
8 clients with wrk, then opens ``--slow`` connections that never complete their request (half
send part of the headers and stop, half trickle one header byte a second) and measures again
while they hang on. Prints req/s, p50 and p99 for both, how many slow connections were still
waiting at the end (neither answered 408 nor closed), and the ratio of the two throughputs. ``--worker-class`` runs the same against another
gunicorn worker class (``sync``, ``gthread``) for comparison.

Run: ``python bench/bench_slow_clients.py [--slow 200] [--duration 10] [--runs 3]``.
"""
from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

from _gunicorn import HOST, Gunicorn, check_bodies
from bench_http import ensure_wrk, lua_script, run_wrk

PARTIAL = b"POST /v1/check HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"


class SlowClients:
    """Connections that start a request and never finish it, until ``close()``."""

    def __init__(self, port: int, count: int) -> None:
        self.sockets: list[socket.socket] = []
        for index in range(count):
            connection = socket.create_connection((HOST, port), timeout=5)
            connection.sendall(PARTIAL if index % 2 == 0 else PARTIAL[:10])
            self.sockets.append(connection)
        self._stop = threading.Event()
        self._trickler = threading.Thread(target=self._trickle, daemon=True)
        self._trickler.start()

    def _trickle(self) -> None:
        while not self._stop.wait(1.0):
            for connection in self.sockets[1::2]:
                try:
                    connection.send(b"X")
                except OSError:
                    pass

    def waiting(self) -> int:
        """Connections the server has neither answered (408) nor closed."""
        count = 0
        for connection in self.sockets:
            connection.setblocking(False)
            try:
                connection.recv(1, socket.MSG_PEEK)
            except BlockingIOError:
                count += 1
            except OSError:
                pass
        return count

    def close(self) -> None:
        self._stop.set()
        for connection in self.sockets:
            connection.close()


def one_run(args: argparse.Namespace, wrk: str, script: Path) -> dict[str, float]:
    env = {"TACTFUL_GRAMMAR": "off", "TACTFUL_RATE_LIMIT": "1000000/minute"}
    if args.worker_class:
        env["GUNICORN_CMD_ARGS"] = f"--worker-class {args.worker_class}"
    with Gunicorn(env=env) as server:
        run_wrk(wrk, script, server.port, 8, args.warmup)
        calm = run_wrk(wrk, script, server.port, 8, args.duration)
        slow = SlowClients(server.port, args.slow)
        time.sleep(1.0)
        try:
            loaded = run_wrk(wrk, script, server.port, 8, args.duration)
            waiting = slow.waiting()
        finally:
            slow.close()
    print(f"  calm: {calm['rps']:6.0f} req/s p50 {calm['p50_ms']:5.2f} p99 {calm['p99_ms']:6.2f} ms | "
          f"{args.slow} slow: {loaded['rps']:6.0f} req/s p50 {loaded['p50_ms']:5.2f} p99 {loaded['p99_ms']:6.2f} ms, "
          f"errors {loaded['socket_errors'] + loaded['non_2xx']}, still waiting {waiting}", flush=True)
    return {"calm_rps": calm["rps"], "calm_p99": calm["p99_ms"], "slow_rps": loaded["rps"],
            "slow_p50": loaded["p50_ms"], "slow_p99": loaded["p99_ms"], "waiting": waiting,
            "errors": loaded["socket_errors"] + loaded["non_2xx"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", type=int, default=200, help="connections that never finish a request")
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=20.0, help="seconds of unmeasured load first: a cold worker encodes every sentence once")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--worker-class", help="gunicorn worker class instead of the configured one")
    args = parser.parse_args()
    wrk = ensure_wrk()
    if not wrk:
        raise SystemExit("wrk is needed (apt-get install wrk)")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, encoding="utf-8") as handle:
        handle.write(lua_script(check_bodies(grammar=False)))
    print(f"POST /v1/check, 8 clients, tone only, worker class {args.worker_class or 'as configured'}, "
          f"{args.slow} slow connections, {args.duration:g} s per measure, {args.runs} runs")
    runs = [one_run(args, wrk, Path(handle.name)) for _ in range(args.runs)]
    Path(handle.name).unlink()
    medians = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    print(f"median: calm {medians['calm_rps']:.0f} req/s (p99 {medians['calm_p99']:.2f} ms); with slow clients "
          f"{medians['slow_rps']:.0f} req/s, p50 {medians['slow_p50']:.2f} ms, p99 {medians['slow_p99']:.2f} ms; "
          f"ratio {medians['slow_rps'] / medians['calm_rps']:.2f}; slow ones still waiting at the end {medians['waiting']:.0f}")


if __name__ == "__main__":
    main()
