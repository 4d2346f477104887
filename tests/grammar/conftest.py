"""Fixtures for grammar tests: a real LanguageTool from the Maven-resolved jars, and a hang."""
from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tactful.grammar.install import install, libs_dir
from tactful.grammar.process import LanguageToolServer


@pytest.fixture(scope="session")
def lt_classpath() -> str:
    """The real jars; installs them (one Maven run, then cached) when missing."""
    return install()


@pytest.fixture(scope="session")
def lt_home_with_jars(tmp_path_factory: pytest.TempPathFactory, lt_classpath: str) -> Path:
    """A private LanguageTool home (config, log, state file) that shares the installed jars."""
    home = tmp_path_factory.mktemp("lt-home")
    (home / "libs").symlink_to(libs_dir(), target_is_directory=True)
    return home


@pytest.fixture(scope="session")
def lt_url(lt_classpath: str, lt_home_with_jars: Path) -> Iterator[str]:
    """One warmed-up LanguageTool server for the whole session."""
    server = LanguageToolServer(lt_classpath, home=lt_home_with_jars)
    server.start()
    server.supervise()
    yield server.url
    server.stop()


@pytest.fixture
def hanging_url() -> Iterator[str]:
    """Fault simulation: a port whose listener completes the TCP handshake and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


@pytest.fixture
def no_lt_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An environment where LanguageTool was never installed and no server is configured."""
    for name in ("TACTFUL_LT_URL", "TACTFUL_GRAMMAR", "TACTFUL_LT_DISABLED_RULES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TACTFUL_LT_HOME", str(tmp_path / "never-installed"))
    return tmp_path / "never-installed"


@pytest.fixture
def trickling_url() -> Iterator[str]:
    """Fault simulation: a server that answers one byte every 0.2 s, for ever."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            with connection:
                connection.recv(65536)
                for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: " + b"a" * 1000:
                    if stop.wait(0.2):
                        break
                    try:
                        connection.sendall(bytes([byte]))
                    except OSError:
                        break

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    listener.close()
