"""Where the shared LanguageTool is: how workers learn the URL without starting a JVM.

The process that owns LanguageTool (the gunicorn master or ``tactful languagetool start``)
puts the URL in ``TACTFUL_LT_URL``, which forked workers inherit, and in ``<lt home>/server.json``
with its own pid, for processes started separately (``flask run``, a second shell). A user who
sets ``TACTFUL_LT_URL`` to a remote server gets that server and no local JVM.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from tactful.config import current
from tactful.grammar.install import lt_home

URL_ENV = "TACTFUL_LT_URL"


def state_file(home: Path | None = None) -> Path:
    return (home or lt_home()) / "server.json"


def write_state(url: str, home: Path | None = None) -> None:
    path = state_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_suffix(".tmp")
    scratch.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    scratch.replace(path)


def clear_state(home: Path | None = None) -> None:
    """Remove the state file if this process wrote it."""
    path = state_file(home)
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def resolve_url(home: Path | None = None) -> str | None:
    """``TACTFUL_LT_URL``, else the URL in the state file while its owner lives, else None."""
    if current().lt_url:
        return current().lt_url
    try:
        state = json.loads(state_file(home).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(state, dict) and isinstance(state.get("pid"), int) and _pid_alive(state["pid"]):
        return state.get("url")
    return None
