"""Real HTTP through gunicorn under concurrent load, with LanguageTool killed in the middle.

Bounded: a fixed number of client threads for a fixed time against 127.0.0.1 only. Every
response must be complete JSON with a 200 (grammar "ok" or "unavailable"), never a 5xx, and
grammar must come back once gunicorn's master has restarted LanguageTool.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from gunicorn_helpers import gunicorn, request, wait_for
from tactful.grammar.install import install, libs_dir

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 8
SECONDS = 12.0
REPLY = "Hi Sam,\n\nAs I already explained, your refnd is on its way 😊. Sorry for the dealy.\n\nBest,\nAnna"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    install()
    home = tmp_path_factory.mktemp("lt-home")
    (home / "libs").symlink_to(libs_dir(), target_is_directory=True)
    env = {"TACTFUL_RATE_LIMIT": "off", "TACTFUL_LT_HOME": str(home), "TACTFUL_LT_TIMEOUT": "2",
           "TACTFUL_LT_BREAKER_COOLDOWN": "3"}
    with gunicorn(env) as port:
        assert wait_for(lambda: request(port, "GET", "/v1/health")[1]["grammar"]["status"] == "ok", 240), \
            "LanguageTool did not become ready"
        yield port, home


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
    jvm = subprocess.run(["pgrep", "-P", str(lt_pid), "java"], capture_output=True, text=True, check=False).stdout.split()
    assert jvm, "the LanguageTool JVM should be a child of the process that owns it"
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
