"""Start the repo's gunicorn on a loopback port for a benchmark, and measure it from /proc.

Shared by ``bench_http.py`` and ``profile_check.py``; Linux only (it reads ``/proc``).
"""
from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from bench_check import corpus
from tactful.grammar.process import free_port

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "gunicorn.conf.py"
HOST = "127.0.0.1"


def check_bodies(grammar: bool, texts: list[str] | None = None, channel: str | None = None) -> list[str]:
    """One JSON body per reply of the corpus, with its channel and customer message.

    ``texts`` replaces the replies' own texts (e.g. replies joined to 1,000 characters) and
    ``channel`` their channels.
    """
    rows = corpus()
    texts = texts or [r["text"] for r in rows]
    return [
        json.dumps({"text": text, "channel": channel or row["channel"], "customer_message": row["customer_message"],
                    "grammar": grammar})
        for text, row in zip(texts, rows * (len(texts) // len(rows) + 1))
    ]


def _status(url_path: str, port: int, timeout: float = 1.0) -> int | None:
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
        connection.request("GET", url_path)
        status = connection.getresponse().status
        connection.close()
        return status
    except OSError:
        return None


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in KiB. PSS splits pages shared with the preloaded master between sharers."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


@dataclass
class Gunicorn:
    """``gunicorn wsgi:app`` with the repo's config, bound to a free loopback port."""

    workers: int = os.cpu_count() or 1
    config: Path = CONFIG
    env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    startup_s: float = 0.0
    process: subprocess.Popen | None = None

    def __enter__(self) -> Self:
        self.log = tempfile.TemporaryFile()
        env = {**os.environ, "TACTFUL_BIND": f"{HOST}:{self.port}", "TACTFUL_WORKERS": str(self.workers), **self.env}
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(self.config), "wsgi:app"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=self.log,
        )
        while _status("/v1/health", self.port, timeout=0.5) != 200:
            if self.process.poll() is not None or time.perf_counter() - started > 60:
                self.stop()
                self.log.seek(0)
                raise RuntimeError("gunicorn did not become healthy:\n" + self.log.read().decode(errors="replace")[-3000:])
            time.sleep(0.005)
        self.startup_s = time.perf_counter() - started
        deadline = time.perf_counter() + 30
        while len(self.worker_pids()) < self.workers and time.perf_counter() < deadline:
            time.sleep(0.05)
        return self

    def wait_for_grammar(self, seconds: float = 240.0) -> None:
        """Until /v1/health says LanguageTool (started by the master) answers."""
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
            try:
                connection.request("GET", "/v1/health")
                if json.loads(connection.getresponse().read())["grammar"]["status"] == "ok":
                    return
            except (OSError, ValueError, KeyError):
                pass
            finally:
                connection.close()
            time.sleep(1)
        raise RuntimeError("LanguageTool did not become ready")

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def worker_pids(self) -> list[int]:
        return _children(self.process.pid) if self.process else []

    def worker_memory(self) -> list[tuple[int, int]]:
        return [memory_kib(pid) for pid in self.worker_pids()]

    def stop(self) -> None:
        """Graceful stop (SIGTERM lets workers finish and run their exit hooks), then kill."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=35)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
