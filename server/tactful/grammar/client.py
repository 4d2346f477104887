"""Check a reply against a LanguageTool server within a time budget, never failing the caller.

The agent must never wait on grammar: every problem (not installed, not running, slow, broken
answer) becomes ``GrammarResult(status="unavailable", reason=...)`` and tone findings go out
alone. Plain ``http.client`` keeps the budget exact (a deadline across connect, send and read)
and ignores ``HTTP_PROXY``, which must never see a loopback call. The reply text is never logged.
"""
from __future__ import annotations

import http.client
import json
import logging
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit

from tactful.config import current
from tactful.engine.findings import Finding
from tactful.grammar.breaker import CircuitBreaker
from tactful.grammar.defaults import DEFAULT_BUDGET, DEFAULT_DISABLED_RULES
from tactful.grammar.install import NOT_INSTALLED, installed_classpath
from tactful.grammar.matches import to_findings
from tactful.grammar.state import resolve_url

log = logging.getLogger(__name__)

_PAUSED = "LanguageTool is paused after repeated failures"
MOST_EMOJI = 200
"""Emoji (and other characters beyond U+FFFF) a text may hold to be sent to LanguageTool. Its
time grows faster than their number (200: 0.15 s, 400: 0.33 s, 1,000: over 2 s), and past a
few thousand a check runs for minutes on a full core, its ``maxCheckTimeMillis`` unheeded."""
_TOO_MANY_EMOJI = f"the reply has over {MOST_EMOJI} emoji, too many for LanguageTool"
_STATUS_REASONS = {
    413: "the reply is too long for LanguageTool",
    503: "LanguageTool is busy",
}

Status = Literal["ok", "unavailable", "off"]


@dataclass(frozen=True)
class GrammarResult:
    """Findings when ``status == "ok"``; otherwise a short human ``reason`` and no findings."""

    status: Status
    findings: tuple[Finding, ...] = ()
    reason: str | None = None


class Unavailable(Exception):
    """LanguageTool answered with an error (``counts_as_failure`` when it is its own fault)."""

    def __init__(self, reason: str, counts_as_failure: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.counts_as_failure = counts_as_failure


def _api_base(url: str) -> str:
    """Accept ``http://host:8081``, ``…/`` and ``…/v2`` alike."""
    base = url.rstrip("/")
    return base if base.endswith("/v2") else base + "/v2"


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


def _request(url: str, method: str, path: str, body: bytes | None, budget: float) -> bytes:
    """One HTTP exchange that gives up ``budget`` seconds after it started, whatever the server
    does: a socket timeout alone restarts with every byte, so a server that trickled a byte
    every 0.2 s held a 0.8 s check for 3 s. At the deadline a timer shuts the socket."""
    deadline = time.monotonic() + budget
    parts = urlsplit(_api_base(url))
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname or "127.0.0.1", parts.port, timeout=budget)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
    cutoff = threading.Timer(budget, _cut, (connection,))
    cutoff.daemon = True
    cutoff.start()
    try:
        connection.connect()
        connection.sock.settimeout(_remaining(deadline))
        connection.request(method, parts.path + path, body=body, headers=headers)
        connection.sock.settimeout(_remaining(deadline))
        response = connection.getresponse()
        connection.sock.settimeout(_remaining(deadline))
        payload = response.read()
    except (OSError, http.client.HTTPException):
        if time.monotonic() >= deadline:
            raise TimeoutError from None
        raise
    finally:
        cutoff.cancel()
        connection.close()
    if response.status >= 400:
        reason = _STATUS_REASONS.get(response.status, f"LanguageTool answered {response.status}")
        raise Unavailable(reason, counts_as_failure=response.status >= 500)
    return payload


def _cut(connection: http.client.HTTPConnection) -> None:
    """Wake a read blocked on ``connection``: a shutdown ends it, a close from another thread would not."""
    if connection.sock is not None:
        try:
            connection.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def matches(url: str, text: str, language: str, disabled_rules: tuple[str, ...], budget: float) -> list[dict[str, Any]]:
    """LanguageTool's matches for ``text``; raises on any problem (``Unavailable``, ``TimeoutError``,
    ``OSError``, ``HTTPException``, ``ValueError``) for the caller to judge."""
    form = {"text": text, "language": language}
    if disabled_rules:
        form["disabledRules"] = ",".join(disabled_rules)
    return json.loads(_request(url, "POST", "/check", urlencode(form).encode(), budget))["matches"]


def _astral(text: str) -> int:
    """Characters beyond U+FFFF: each is two UTF-16 units, one code point."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2 - len(text)


def is_healthy(url: str, timeout: float = 1.0) -> bool:
    """Whether the server answers ``/v2/healthcheck`` (ready to take checks)."""
    try:
        return _request(url, "GET", "/healthcheck", None, timeout).strip() == b"OK"
    except (OSError, http.client.HTTPException, Unavailable):
        return False


class GrammarChecker:
    """Checks replies against one LanguageTool URL (``None``: answers ``missing_reason``).

    Thread-safe: each check opens its own connection; the breaker is locked. With
    ``discover``, a checker that has no URL yet looks for one (at most once a second), so a
    worker that started before LanguageTool finished warming up picks it up when it is ready.
    """

    def __init__(
        self,
        url: str | None,
        *,
        budget: float = DEFAULT_BUDGET,
        disabled_rules: tuple[str, ...] = DEFAULT_DISABLED_RULES,
        breaker: CircuitBreaker | None = None,
        missing_reason: str = "LanguageTool is not configured",
        status_when_missing: Status = "unavailable",
        discover: Callable[[], str | None] | None = None,
    ) -> None:
        self.url = url
        self._discover = discover
        self._looked_at = 0.0
        self.budget = budget
        self.disabled_rules = disabled_rules
        self.breaker = breaker or CircuitBreaker()
        self._missing = GrammarResult(status_when_missing, reason=missing_reason)

    @classmethod
    def from_env(cls) -> GrammarChecker:
        """Built from the settings of the environment (``config.current()``).

        Until LanguageTool's owner has published its URL (the state file, or ``TACTFUL_LT_URL``)
        the checker answers "starting or not running" and looks again at most once a second.
        """
        settings = current()
        if not settings.grammar:
            return cls(None, missing_reason="grammar checking is off", status_when_missing="off")
        missing = NOT_INSTALLED if installed_classpath() is None else "LanguageTool is starting or not running"
        return cls(
            resolve_url(),
            discover=resolve_url,
            budget=settings.lt_timeout,
            disabled_rules=settings.lt_disabled_rules,
            breaker=CircuitBreaker(threshold=settings.lt_breaker_failures, cooldown=settings.lt_breaker_cooldown),
            missing_reason=missing,
        )

    def _current_url(self) -> str | None:
        if self.url is None and self._discover and time.monotonic() - self._looked_at >= 1.0:
            self._looked_at = time.monotonic()
            self.url = self._discover()
        return self.url

    def status(self) -> dict[str, str | None]:
        """For health checks: is LanguageTool answering right now (one quick request)?

        The probe counts as the breaker's trial call, so a LanguageTool that came back is
        seen as back even when no check has been sent since.
        """
        url = self._current_url()
        if url is None:
            return {"status": self._missing.status, "reason": self._missing.reason}
        if not self.breaker.allow():
            return {"status": "unavailable", "reason": _PAUSED}
        if is_healthy(url, timeout=min(self.budget, 1.0)):
            self.breaker.record_success()
            return {"status": "ok", "reason": None}
        self.breaker.record_failure()
        return {"status": "unavailable", "reason": "LanguageTool is not reachable"}

    def check(self, text: str, language: str = "en-US") -> GrammarResult:
        """Grammar, spelling and style findings for ``text``; never raises."""
        if self._current_url() is None:
            return self._missing
        if not text.strip():
            return GrammarResult("ok")
        if _astral(text) > MOST_EMOJI:
            return GrammarResult("unavailable", reason=_TOO_MANY_EMOJI)
        if not self.breaker.allow():
            return GrammarResult("unavailable", reason=_PAUSED)
        try:
            findings = to_findings(text, self._matches(text, language))
        except Unavailable as problem:
            return self._fail(problem.reason, problem.counts_as_failure)
        except TimeoutError:
            return self._fail("LanguageTool timed out")
        except (OSError, http.client.HTTPException):
            return self._fail("LanguageTool is not reachable")
        except (ValueError, KeyError, TypeError):
            return self._fail("LanguageTool sent an answer we could not read")
        self.breaker.record_success()
        return GrammarResult("ok", tuple(findings))

    def _matches(self, text: str, language: str) -> list[dict[str, Any]]:
        return matches(self.url or "", text, language, self.disabled_rules, self.budget)

    def _fail(self, reason: str, counts_as_failure: bool = True) -> GrammarResult:
        """A refusal (4xx) proves the server is up, so it closes the breaker like a success."""
        if counts_as_failure:
            self.breaker.record_failure()
        else:
            self.breaker.record_success()
        log.warning("grammar check unavailable: %s", reason)
        return GrammarResult("unavailable", reason=reason)
