"""Real HTTP through gunicorn under concurrent load, with LanguageTool killed in the middle.

Bounded: a fixed number of client threads for a fixed time against 127.0.0.1 only. Every
response must be complete JSON with a 200 (grammar "ok" or "unavailable"), never a 5xx, and
grammar must come back once gunicorn's master has restarted LanguageTool.
"""
from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tactful.grammar.install import install, libs_dir
from tactful.grammar.process import free_port

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 8
SECONDS = 12.0
REPLY = "Hi Sam,\n\nAs I already explained, your refnd is on its way 😊. Sorry for the dealy.\n\nBest,\nAnna"


def request(port: int, method: str, path: str, body: dict | None = None, timeout: float = 10.0) -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        connection.request(method, path, payload, {"Content-Type": "application/json"} if payload else {})
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    install()
    home = tmp_path_factory.mktemp("lt-home")
    (home / "libs").symlink_to(libs_dir(), target_is_directory=True)
    port = free_port()
    env = {**os.environ, "TACTFUL_BIND": f"127.0.0.1:{port}", "TACTFUL_WORKERS": "2", "TACTFUL_RATE_LIMIT": "off",
           "TACTFUL_LT_HOME": str(home), "TACTFUL_LT_TIMEOUT": "2", "TACTFUL_LT_BREAKER_COOLDOWN": "3"}
    for name in ("TACTFUL_LT_URL", "TACTFUL_GRAMMAR"):
        env.pop(name, None)
    gunicorn = subprocess.Popen([sys.executable, "-m", "gunicorn", "wsgi:app"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: request(port, "GET", "/v1/health")[0] == 200, 30), "gunicorn did not answer"
        assert wait_for(lambda: request(port, "GET", "/v1/health")[1]["grammar"]["status"] == "ok", 240), \
            "LanguageTool did not become ready"
        yield port, home
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=60)


def test_no_5xx_and_complete_answers_while_languagetool_is_killed(server: tuple[int, Path]) -> None:
    port, home = server
    statuses: Counter[int] = Counter()
    grammar: Counter[str] = Counter()
    problems: list[str] = []
    stop = time.monotonic() + SECONDS
    lock = threading.Lock()

    def client() -> None:
        while time.monotonic() < stop:
            try:
                status, body = request(port, "POST", "/v1/check", {"text": REPLY, "customer_message": "Where is my refund?!"})
                complete = {"findings", "rewrite", "score", "grammar"} <= body.keys()
                tone = any(f["rule"] == "repetition-jab" for f in body.get("findings", []))
            except (OSError, ValueError) as error:
                with lock:
                    problems.append(type(error).__name__)
                continue
            with lock:
                statuses[status] += 1
                grammar[body.get("grammar", {}).get("status", "?")] += 1
                if status != 200 or not complete or not tone:
                    problems.append(f"{status} complete={complete} tone={tone}")

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(SECONDS / 3)
    lt_pid = json.loads((home / "server.json").read_text())["pid"]
    jvm = subprocess.run(["pgrep", "-P", str(lt_pid), "java"], capture_output=True, text=True).stdout.split()
    assert jvm, "the LanguageTool JVM should be a child of gunicorn's master"
    os.kill(int(jvm[0]), signal.SIGKILL)
    for thread in threads:
        thread.join()

    assert problems == []
    assert sum(statuses.values()) > 50 and set(statuses) == {200}
    assert grammar["ok"] > 0 and grammar["unavailable"] > 0, grammar
    assert wait_for(lambda: request(port, "GET", "/v1/health")[1]["grammar"]["status"] == "ok", 240), \
        "grammar did not come back after LanguageTool was restarted"

    answers: list[dict] = []

    def grammar_is_back() -> bool:
        answers.append(request(port, "POST", "/v1/check", {"text": REPLY})[1])
        return answers[-1]["grammar"]["status"] == "ok"

    assert wait_for(grammar_is_back, 60), "a check gets grammar again"
    assert {"dealy", "refnd"} <= {f["text"] for f in answers[-1]["findings"]}
