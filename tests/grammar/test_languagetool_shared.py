"""The shared server: started once, found by workers, restarted when killed."""
from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tactful.app import create_app
from tactful.config import Settings
from tactful.grammar import process
from tactful.grammar.client import GrammarChecker
from tactful.grammar.state import URL_ENV, resolve_url, state_file

SAMPLE = "Sorry for the dealy."


@pytest.fixture(scope="module")
def shared_url(lt_home_with_jars: Path) -> Iterator[str]:
    """One ``start_shared`` for the module; its teardown checks that ``stop_shared`` cleans up."""
    with pytest.MonkeyPatch.context() as env:
        env.delenv(URL_ENV, raising=False)
        env.delenv("TACTFUL_GRAMMAR", raising=False)
        env.setenv("TACTFUL_LT_HOME", str(lt_home_with_jars))
        env.setenv("TACTFUL_LT_TIMEOUT", "15")     # busy CI machines; the budget is tested apart
        url = process.start_shared()
        assert url is not None and state_file(lt_home_with_jars).exists()
        yield url
        process.stop_shared()
        assert URL_ENV not in os.environ
        assert not state_file(lt_home_with_jars).exists()


def _wait_for_ok(checker: GrammarChecker, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if checker.check(SAMPLE).status == "ok":
            return True
        time.sleep(0.5)
    return False


def test_workers_find_the_shared_url(shared_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert os.environ[URL_ENV] == shared_url                  # what forked workers inherit
    monkeypatch.delenv(URL_ENV)
    assert resolve_url() == shared_url                        # what other processes read
    assert GrammarChecker.from_env().check(SAMPLE).status == "ok"


def test_killed_server_is_unavailable_then_recovers(shared_url: str) -> None:
    checker = GrammarChecker.from_env()
    assert checker.check(SAMPLE).status == "ok"
    server = process._shared
    assert server is not None and server.pid is not None
    old_pid = server.pid
    os.kill(old_pid, signal.SIGKILL)
    time.sleep(0.2)
    dead = checker.check(SAMPLE)
    assert (dead.status, dead.reason) == ("unavailable", "LanguageTool is not reachable")
    api = _api(GrammarChecker.from_env())
    started = time.monotonic()
    body = api.post("/v1/check", json={"text": "I'm sorry you feel that way. " + SAMPLE}).json
    assert time.monotonic() - started < 2.0
    assert body["grammar"]["status"] == "unavailable" and "non-apology" in {f["category"] for f in body["findings"]}
    fresh = GrammarChecker.from_env()        # a new breaker: the old one may have opened
    assert _wait_for_ok(fresh, seconds=180)
    assert server.pid != old_pid and server.url == shared_url
    recovered = _api(fresh).post("/v1/check", json={"text": SAMPLE}).json
    assert recovered["grammar"]["status"] == "ok" and "dealy" in {f["text"] for f in recovered["findings"]}


def _api(checker: GrammarChecker):
    app = create_app(Settings(rate_limit=None))
    app.extensions["tactful.grammar"] = checker
    return app.test_client()
