"""Run one LanguageTool HTTP server on a loopback port and keep it alive.

A JVM per gunicorn worker would cost ~0.5 GB and a cold start each, so exactly one process
owns LanguageTool: ``tactful languagetool start`` (which the gunicorn master runs as its child,
``spawn_owner``), or ``start_shared`` for a process that checks in-process. It starts the JVM,
waits for ``/v2/healthcheck``, warms the pipelines up with real checks (the first check of a cold JVM takes seconds), restarts the JVM if
it dies, and publishes the URL through ``state`` so workers only ever see a URL.
"""
from __future__ import annotations

import atexit
import ctypes
import http.client
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from tactful.config import Settings, current
from tactful.engine.rulebook import core_dialects
from tactful.grammar.client import Unavailable, is_healthy, matches
from tactful.grammar.install import NOT_INSTALLED, installed_classpath, lt_home
from tactful.grammar.state import URL_ENV, clear_state, write_state

log = logging.getLogger(__name__)

SERVER_CLASS = "org.languagetool.server.HTTPServer"
SERVER_PROPERTIES = {
    "pipelineCaching": "true",          # reuse built rule pipelines: the big latency win
    "maxPipelinePoolSize": "50",
    "pipelineExpireTimeInSeconds": "3600",
    "cacheSize": "2000",                # sentences whose matches are remembered
    "cacheTTLSeconds": "600",
    "maxCheckThreads": "4",
    "maxWorkQueueSize": "64",           # beyond this, 503 at once instead of an ever-longer queue
}
"""Written to ``server.properties`` with ``request_limits``. Never ``pipelinePrewarming``: it
crashes an English-only server."""


def request_limits(settings: Settings) -> dict[str, str]:
    """What one request may ask of LanguageTool, from Tactful's own limits.

    - ``maxCheckTimeMillis``: one second past the client's budget. LanguageTool does not stop a
      check its client gave up on; without a limit, 20,000 characters of "a a a …" kept it busy
      for 17 s after Tactful had answered and then killed it (out of memory), taking grammar
      away from every agent. Now such a check is cut off and the JVM carries on.
    - ``maxTextLength``: LanguageTool counts UTF-16 units, Tactful code points (an emoji is
      two units), so twice Tactful's limit: any text Tactful accepts, LanguageTool checks.
    """
    return {
        "maxCheckTimeMillis": str(round(settings.lt_timeout * 1000) + 1000),
        "maxTextLength": str(2 * settings.max_text_length),
    }

# LanguageTool logs three INFO lines per check; warnings are what an operator needs.
_LOGBACK = """<configuration>
  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d %-5level %logger{0} %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="out"/></root>
</configuration>
"""

WARMUP_TEXT = (
    "Hi Sam, thank you for your paitence. I has checked you're order and we will ship it "
    "tomorow. Sorry 😊 for the dealy! Let me know if there is anything else I can help with."
)

try:
    _LIBC: ctypes.CDLL | None = ctypes.CDLL(None, use_errno=True)
except OSError:
    _LIBC = None


_SETPRIV = shutil.which("setpriv")
_DIES_WITH_PARENT = [_SETPRIV, "--pdeathsig", "TERM"] if _SETPRIV else []
"""The JVM gets SIGTERM when its starter dies, so a killed owner leaves no orphan JVM:
util-linux's ``setpriv`` sets the parent-death signal and execs java. A ``preexec_fn`` would
do the same in Python between fork and exec, which deadlocks when another thread holds a lock
at the fork (the supervisor restarts the JVM while the dialects are being warmed)."""


def _die_with_parent() -> None:
    """Linux: SIGTERM this child when its starter dies (for the owner, started from one thread)."""
    if _LIBC is not None and hasattr(_LIBC, "prctl"):
        _LIBC.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class LanguageToolError(RuntimeError):
    """LanguageTool is missing or could not be started."""


def find_java() -> str:
    """``$JAVA_HOME/bin/java`` if set, else ``java`` from PATH."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not candidate or not os.access(candidate, os.X_OK):
        raise LanguageToolError("Java not found: install Java 17 or set JAVA_HOME")
    return candidate


def _port_is_free(port: int) -> bool:
    """Checked before spawning, or a stranger on the port would pass our health check.

    SO_REUSEADDR as the JVM sets it, so a restart is not refused over TIME_WAIT leftovers.
    """
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LanguageToolServer:
    """One supervised ``HTTPServer`` JVM, bound to localhost only (no ``--public``)."""

    def __init__(
        self,
        classpath: str,
        *,
        port: int | None = None,
        home: Path | None = None,
        java_opts: tuple[str, ...] | None = None,
        startup_timeout: float = 120.0,
    ) -> None:
        self.classpath = classpath
        settings = current()
        self.port = port or settings.lt_port or free_port()
        self.home = home or lt_home()
        self.java_opts = java_opts or settings.lt_java_opts
        self.startup_timeout = startup_timeout
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.home / "server.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> str:
        """Start the JVM, wait until it answers and is warm; return its URL."""
        self._stopping.clear()
        return self._launch()

    def _launch(self) -> str:
        with self._lock:
            if self._stopping.is_set():
                raise LanguageToolError("LanguageTool is stopping")
            self._spawn()
            try:
                self._wait_ready()
                first, *others = core_dialects()
                self._warm_up(first)
            except BaseException:
                self._terminate()
                raise
        threading.Thread(target=self._warm_others, args=(others, self._process), name="languagetool-dialects", daemon=True).start()
        return self.url

    def _command(self) -> list[str]:
        self.home.mkdir(parents=True, exist_ok=True)
        properties = self.home / "server.properties"
        values = {**SERVER_PROPERTIES, **request_limits(current())}
        properties.write_text("".join(f"{key}={value}\n" for key, value in values.items()), encoding="utf-8")
        logback = self.home / "logback.xml"
        logback.write_text(_LOGBACK, encoding="utf-8")
        return [
            *_DIES_WITH_PARENT, find_java(), *self.java_opts, f"-Dlogback.configurationFile={logback}",
            "-cp", self.classpath, SERVER_CLASS,
            "--port", str(self.port), "--config", str(properties),
        ]

    def _spawn(self) -> None:
        if not _port_is_free(self.port):
            raise LanguageToolError(f"port {self.port} is already in use")
        command = self._command()
        with open(self.log_path, "ab") as server_log:
            self._process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=server_log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while not is_healthy(self.url, timeout=1.0):
            if self._stopping.is_set():
                raise LanguageToolError("LanguageTool start-up was cancelled")
            if not self.running:
                raise LanguageToolError(f"LanguageTool exited during start-up; see {self.log_path}")
            if time.monotonic() > deadline:
                raise LanguageToolError(f"LanguageTool not ready after {self.startup_timeout:.0f} s")
            time.sleep(0.1)

    def _warm_up(self, language: str, jvm: subprocess.Popen[bytes] | None = None) -> None:
        """Load rules and dictionaries and build the pipeline the API's requests will reuse.

        Same language and disabled rules as the API, since pipelines are cached per setting. The
        first check of a cold JVM takes 5-30 s (2 busy cores), longer than the server lets any
        one check run (``maxCheckTimeMillis``), so it is cut off and sent again: the rules it
        loaded stay loaded, and after a few tries the check passes in milliseconds.
        """
        deadline = time.monotonic() + self.startup_timeout
        while True:
            try:
                matches(self.url, WARMUP_TEXT, language, current().lt_disabled_rules, max(0.1, deadline - time.monotonic()))
                return
            except (Unavailable, TimeoutError, OSError, http.client.HTTPException, ValueError, KeyError, TypeError) as problem:
                if time.monotonic() > deadline or self._stopping.is_set() or not self.running or (jvm and self._process is not jvm):
                    raise LanguageToolError(f"LanguageTool warm-up failed: {problem or 'timed out'}") from None
            time.sleep(0.2)

    def _warm_others(self, languages: list[str], jvm: subprocess.Popen[bytes] | None) -> None:
        """The other dialects' pipelines, once the server is published: each dialect's first
        checks are cut off like a cold JVM's (en-GB's for 35 s on 2 busy cores, en-CA's and
        en-AU's for 10 s more), and warming them before answering would hold start-up that
        long; until one is warm, its checks say grammar is unavailable and tone goes out alone.
        Bound to the JVM it was started for (``jvm``): after a restart the new JVM gets its own
        thread, and this one stops rather than warm a cold JVM twice at once."""
        for language in languages:
            if self._process is not jvm or self._stopping.is_set():
                return
            try:
                self._warm_up(language, jvm)
            except LanguageToolError as problem:
                if self._process is jvm and not self._stopping.is_set():
                    log.warning("LanguageTool did not warm up %s: %s", language, problem)
                return

    def supervise(self, interval: float = 1.0) -> threading.Thread:
        """Restart the JVM whenever it dies, from a daemon thread, until ``stop()``."""
        thread = threading.Thread(
            target=self.run_supervisor, args=(interval,), name="languagetool-supervisor",
            daemon=True,
        )
        thread.start()
        return thread

    def run_supervisor(self, interval: float = 1.0) -> None:
        """Blocking form of ``supervise``; waits longer after each failed restart (max 60 s)."""
        delay = interval
        while not self._stopping.wait(delay):
            if self.running:
                delay = interval
                continue
            code = self._process.returncode if self._process else None
            log.warning("LanguageTool exited (code %s); restarting on port %d", code, self.port)
            try:
                self._launch()
                delay = interval
            except LanguageToolError as problem:
                log.error("LanguageTool restart failed: %s", problem)
                delay = min(delay * 2, 60.0)

    def stop(self) -> None:
        """Stop for good; a start or restart in progress fails fast instead of being waited for."""
        self._stopping.set()
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
        with self._lock:
            self._terminate()

    def _terminate(self) -> None:
        if not self.running or self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


_shared: LanguageToolServer | None = None
_owner_pid: int | None = None


def start_shared(home: Path | None = None, supervise: bool = True) -> str | None:
    """Start the machine's LanguageTool for this process and its future forks; return the URL.

    For the gunicorn master (``on_starting`` hook) or ``tactful serve``, before workers exist.
    Does nothing when ``TACTFUL_GRAMMAR=off`` or ``TACTFUL_LT_URL`` already names a server.
    Never raises: on failure it logs and returns None, and workers report grammar unavailable.
    """
    global _shared, _owner_pid
    if not current().grammar:
        return None
    if current().lt_url:
        return current().lt_url
    classpath = installed_classpath(home)
    if classpath is None:
        log.warning(NOT_INSTALLED)
        return None
    server = LanguageToolServer(classpath, home=home)
    try:
        started = time.monotonic()
        url = server.start()
    except LanguageToolError as problem:
        log.error("LanguageTool did not start: %s", problem)
        return None
    log.info("LanguageTool ready at %s in %.1f s", url, time.monotonic() - started)
    if supervise:
        server.supervise()
    _shared, _owner_pid = server, os.getpid()
    os.environ[URL_ENV] = url
    write_state(url, home)
    atexit.register(stop_shared)
    return url


def stop_shared() -> None:
    """Stop the shared server; a no-op in forked workers, which must not kill the master's JVM."""
    global _shared
    if _shared is None or os.getpid() != _owner_pid:
        return
    _shared.stop()
    clear_state(_shared.home)
    if current().lt_url == _shared.url:
        del os.environ[URL_ENV]
    _shared = None


def _interrupt(*_: object) -> None:
    """SIGTERM acts like Ctrl-C: unwinds the main thread, whose ``finally`` stops the JVM.

    Stopping from inside the handler could deadlock on the lock the interrupted start holds.
    """
    raise KeyboardInterrupt


def _start_patiently(server: LanguageToolServer) -> None:
    """A failed first start (a warm-up that timed out on a busy machine, a port still held) is
    retried with a growing pause; a missing Java is not."""
    find_java()
    delay = 5.0
    while True:
        try:
            server.start()
            return
        except LanguageToolError as problem:
            log.warning("LanguageTool did not start (%s); trying again in %.0f s", problem, delay)
        time.sleep(delay)
        delay = min(delay * 2, 60.0)


def spawn_owner() -> subprocess.Popen[bytes] | None:
    """For the gunicorn master: ``python -m tactful.grammar start`` as a child process that owns
    LanguageTool, or None when grammar is off, remote or not installed.

    Called before any worker is forked, from the master's main thread. Starting the JVM from a
    thread of the master instead raced the fork of the workers: a worker forked while the JVM
    was being spawned inherited the pipe the master waited on, and the master waited forever
    (grammar was gone for good in about 1 start in 6). The owner publishes the URL in the state
    file, where workers find it, and dies with the master (parent-death signal).
    """
    if not current().grammar or current().lt_url:
        return None
    if installed_classpath() is None:
        log.warning(NOT_INSTALLED)
        return None
    return subprocess.Popen(
        [sys.executable, "-m", "tactful.grammar", "start"], stdin=subprocess.DEVNULL,
        preexec_fn=_die_with_parent,  # noqa: PLW1509 - no other thread forks here (docstring)
    )


def stop_owner(owner: subprocess.Popen[bytes] | None) -> None:
    """SIGTERM the owner, which stops the JVM and removes the state file; kill it after 15 s."""
    if owner is None or owner.poll() is not None:
        return
    owner.terminate()
    try:
        owner.wait(timeout=15)
    except subprocess.TimeoutExpired:
        owner.kill()
        owner.wait()


def serve_forever(port: int | None = None, home: Path | None = None) -> None:
    """Run LanguageTool in the foreground until SIGINT/SIGTERM (``tactful languagetool start``)."""
    classpath = installed_classpath(home)
    if classpath is None:
        raise LanguageToolError(NOT_INSTALLED)
    server = LanguageToolServer(classpath, port=port, home=home)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        _start_patiently(server)
        write_state(server.url, server.home)
        print(f"LanguageTool ready at {server.url} (pid {server.pid}); Ctrl-C stops it", flush=True)
        server.run_supervisor()
    finally:
        server.stop()
        clear_state(server.home)
