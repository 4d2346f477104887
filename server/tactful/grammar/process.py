"""Run one LanguageTool HTTP server on a loopback port and keep it alive.

A JVM per gunicorn worker would cost ~0.5 GB and a cold start each, so exactly one process
owns LanguageTool: the gunicorn master (``start_shared`` from an ``on_starting`` hook), or
``tactful languagetool start``. It starts the JVM, waits for ``/v2/healthcheck``, warms the
pipelines up with real checks (the first check of a cold JVM takes seconds), restarts the JVM if
it dies, and publishes the URL through ``state`` so workers only ever see a URL.
"""
from __future__ import annotations

import atexit
import ctypes
import logging
import os
import shlex
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

from tactful.grammar.client import GrammarChecker, disabled_rules_from_env, is_healthy
from tactful.grammar.install import NOT_INSTALLED, installed_classpath, lt_home
from tactful.grammar.state import URL_ENV, clear_state, grammar_off, write_state

log = logging.getLogger(__name__)

SERVER_CLASS = "org.languagetool.server.HTTPServer"
DEFAULT_JAVA_OPTS = (
    "-Xms256m", "-Xmx1g", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
    "-Dfile.encoding=UTF-8", "-Djava.awt.headless=true",
)
"""JVM flags for a 2-core, 24 GB machine shared with the API (``TACTFUL_LT_JAVA_OPTS`` replaces them).

English-only LanguageTool keeps ~150-250 MB live, so 1 GB of heap leaves room for the caches;
the serial collector needs no GC threads competing with gunicorn for two cores, and its pauses
on this heap are milliseconds. Out of memory, the JVM exits and the supervisor starts a clean one
instead of limping on.
"""

SERVER_PROPERTIES = {
    "pipelineCaching": "true",          # reuse built rule pipelines: the big latency win
    "maxPipelinePoolSize": "50",
    "pipelineExpireTimeInSeconds": "3600",
    "cacheSize": "2000",                # sentences whose matches are remembered
    "cacheTTLSeconds": "600",
    "maxTextLength": "20000",           # far above any reply; longer input is refused (413)
    "maxCheckTimeMillis": "60000",      # frees a runaway thread; a cold JVM's 1st check takes 5-20 s
    "maxCheckThreads": "4",
    "maxWorkQueueSize": "64",           # beyond this, 503 at once instead of an ever-longer queue
}
"""Written to ``server.properties``. Never ``pipelinePrewarming``: it crashes an English-only server."""

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


def _die_with_parent() -> None:
    """Linux: SIGTERM the JVM when its starter dies, so a killed master leaves no orphan JVM."""
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
        self.port = port or int(os.environ.get("TACTFUL_LT_PORT") or free_port())
        self.home = home or lt_home()
        env_opts = os.environ.get("TACTFUL_LT_JAVA_OPTS")
        self.java_opts = java_opts or (tuple(shlex.split(env_opts)) if env_opts else DEFAULT_JAVA_OPTS)
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
                self._warm_up()
            except BaseException:
                self._terminate()
                raise
        return self.url

    def _command(self) -> list[str]:
        self.home.mkdir(parents=True, exist_ok=True)
        properties = self.home / "server.properties"
        properties.write_text(
            "".join(f"{key}={value}\n" for key, value in SERVER_PROPERTIES.items()), encoding="utf-8"
        )
        logback = self.home / "logback.xml"
        logback.write_text(_LOGBACK, encoding="utf-8")
        return [
            find_java(), *self.java_opts, f"-Dlogback.configurationFile={logback}",
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
                start_new_session=True, preexec_fn=_die_with_parent,
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

    def _warm_up(self) -> None:
        """Load rules and dictionaries and build the pipeline the API's requests will reuse.

        Same language and disabled rules as the API, since pipelines are cached per setting. The
        first check of a cold JVM takes 5-30 s (2 busy cores); the next ones take milliseconds.
        """
        checker = GrammarChecker(self.url, budget=self.startup_timeout, disabled_rules=disabled_rules_from_env())
        result = checker.check(WARMUP_TEXT)
        if result.status != "ok":
            raise LanguageToolError(f"LanguageTool warm-up failed: {result.reason}")

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
    if grammar_off():
        return None
    if os.environ.get(URL_ENV):
        return os.environ[URL_ENV]
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


def run_shared(home: Path | None = None) -> None:
    """``start_shared`` for a background thread, which then stays on as the supervisor.

    A failed first start (a warm-up that timed out on a busy machine) is retried with a
    growing pause, unless grammar is off, remote or not installed. Linux sends a child's
    parent-death signal when the *thread* that started it ends, so the thread that starts the
    JVM (and restarts it) must live as long as the JVM should.
    """
    delay = 5.0
    while start_shared(home, supervise=False) is None:
        if grammar_off() or installed_classpath(home) is None:
            return
        log.warning("LanguageTool did not start; trying again in %.0f s", delay)
        time.sleep(delay)
        delay = min(delay * 2, 60.0)
    if _shared is not None:
        _shared.run_supervisor()


def stop_shared() -> None:
    """Stop the shared server; a no-op in forked workers, which must not kill the master's JVM."""
    global _shared
    if _shared is None or os.getpid() != _owner_pid:
        return
    _shared.stop()
    clear_state(_shared.home)
    if os.environ.get(URL_ENV) == _shared.url:
        del os.environ[URL_ENV]
    _shared = None


def _interrupt(*_: object) -> None:
    """SIGTERM acts like Ctrl-C: unwinds the main thread, whose ``finally`` stops the JVM.

    Stopping from inside the handler could deadlock on the lock the interrupted start holds.
    """
    raise KeyboardInterrupt


def serve_forever(port: int | None = None, home: Path | None = None) -> None:
    """Run LanguageTool in the foreground until SIGINT/SIGTERM (``tactful languagetool start``)."""
    classpath = installed_classpath(home)
    if classpath is None:
        raise LanguageToolError(NOT_INSTALLED)
    server = LanguageToolServer(classpath, port=port, home=home)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.start()
        write_state(server.url, server.home)
        print(f"LanguageTool ready at {server.url} (pid {server.pid}); Ctrl-C stops it", flush=True)
        server.run_supervisor()
    finally:
        server.stop()
        clear_state(server.home)
