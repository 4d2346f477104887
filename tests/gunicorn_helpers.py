"""Run the repo's gunicorn on a loopback port and talk plain HTTP to it, for the tests that
need the real server (load, LanguageTool killed, misbehaving clients)."""
from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tactful.grammar.process import free_port

ROOT = Path(__file__).resolve().parents[1]


def request(port: int, method: str, path: str, body: dict | None = None, timeout: float = 10.0) -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        connection.request(method, path, payload, {"Content-Type": "application/json"} if payload else {})
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def wait_for(predicate: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


@contextmanager
def gunicorn(env: dict[str, str]) -> Iterator[int]:
    """``gunicorn wsgi:app`` with two workers and ``env`` on a free port; yields the port once
    ``/v1/health`` answers, and stops it with SIGTERM."""
    port = free_port()
    full_env = {**os.environ, "TACTFUL_BIND": f"127.0.0.1:{port}", "TACTFUL_WORKERS": "2", **env}
    for name in ("TACTFUL_LT_URL", "TACTFUL_GRAMMAR"):
        if name not in env:
            full_env.pop(name, None)
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "wsgi:app"], cwd=ROOT, env=full_env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: request(port, "GET", "/v1/health")[0] == 200, 30), "gunicorn did not answer"
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
