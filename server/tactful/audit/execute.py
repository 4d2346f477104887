"""Where the batches run: worker processes on this machine, or a Dask cluster.

Either way each worker is a process with its own checker (with ``--processes 1``, this one) (``check.worker_checker``), batches
are handed out a few per worker ahead (so memory stays bounded whatever the export's size)
and their verdicts come back in the order the batches went out, so the output files are the
same row for row however many workers there are and wherever they run.

Dask: ``--workers N`` starts a local cluster of N single-threaded worker processes;
``--scheduler tcp://host:8786`` uses a running one. Its workers need the same version of
tactful installed and the rule packs and models at the paths this machine's settings name
(``TACTFUL_RULE_PACKS``, ``TACTFUL_MODELS``); the audit checks the version before it starts.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from typing import Any, Protocol, Self

from .. import __version__
from ..config import Settings
from .check import Task, Verdict, check_batch, worker_checker
from .redact import Redactor

AHEAD_PER_WORKER = 3
CONNECT_TIMEOUT = "20s"
LOCAL_CLUSTER = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None, "distributed.worker.profile.enabled": False}
"""Dask's nannies start workers with glibc told to give freed memory back at 64 KiB, which
made the checks (numpy and onnxruntime allocate and free on every reply) take twice as long
(``bench_audit.py``); and the workers' profiler only feeds a dashboard the audit does not start."""


class AuditError(Exception):
    """A cluster that cannot run the audit (unreachable, or other versions of tactful)."""


class _Result(Protocol):
    def result(self) -> list[Verdict]: ...


@dataclass(frozen=True)
class Where:
    """``processes`` local worker processes, or Dask: ``workers`` for a local cluster,
    ``scheduler`` for a running one."""

    processes: int = 1
    workers: int | None = None
    scheduler: str | None = None

    def describe(self) -> str:
        if self.scheduler:
            return f"Dask cluster at {self.scheduler}"
        if self.workers:
            return f"local Dask cluster, {self.workers} worker processes"
        return f"{self.processes} local worker processes"


def in_order(submit: Any, batches: Iterable[Sequence[Task]], ahead: int) -> Iterator[list[Verdict]]:
    """Each batch's verdicts in submission order, with at most ``ahead`` batches in flight."""
    pending: deque[_Result] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class Runner(AbstractContextManager["Runner"]):
    """``runner.run(batches)`` checks batches where ``Where`` says."""

    def __init__(self, settings: Settings, where: Where, redactor: Redactor | None = None) -> None:
        self.settings, self.where, self.redactor = settings, where, redactor
        self._stack = ExitStack()
        self._submit: Any = None
        self._slots = 1

    def __enter__(self) -> Self:
        if self.where.workers or self.where.scheduler:
            self._start_dask()
        elif self.where.processes == 1:
            self._submit = lambda batch: _done(check_batch(self.settings, batch, self.redactor))
        else:
            pool = self._stack.enter_context(ProcessPoolExecutor(
                self.where.processes, mp_context=multiprocessing.get_context("spawn"),
                initializer=worker_checker, initargs=(self.settings,)))
            self._submit = lambda batch: pool.submit(check_batch, self.settings, batch, self.redactor)
            self._slots = self.where.processes
        return self

    def _start_dask(self) -> None:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise AuditError("--workers and --scheduler run on Dask, which is not installed: "
                             "pip install -e '.[dask]'") from None

        if self.where.scheduler:
            try:
                client = self._stack.enter_context(Client(self.where.scheduler, timeout=CONNECT_TIMEOUT))
            except (OSError, TimeoutError) as error:
                raise AuditError(f"cannot reach the Dask scheduler at {self.where.scheduler} ({error})") from None
        else:
            with dask.config.set(LOCAL_CLUSTER):
                cluster = self._stack.enter_context(LocalCluster(
                    n_workers=self.where.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                    silence_logs=40))
            client = self._stack.enter_context(Client(cluster))
        try:
            versions = set(client.run(_version).values())
        except Exception as error:  # noqa: BLE001 - whatever a worker raises, it cannot run the audit
            raise AuditError(f"the Dask workers cannot run tactful ({error})") from None
        if versions != {__version__}:
            raise AuditError(f"the Dask workers run tactful {', '.join(sorted(versions)) or '(none)'}, "
                             f"this machine {__version__}: install the same version on every worker")
        self._slots = max(1, sum(client.nthreads().values()))
        self._submit = lambda batch: client.submit(check_batch, self.settings, batch, self.redactor, pure=False)

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def run(self, batches: Iterable[Sequence[Task]]) -> Iterator[list[Verdict]]:
        return in_order(self._submit, batches, self._slots * AHEAD_PER_WORKER)


def _done(verdicts: list[Verdict]) -> Future[list[Verdict]]:
    """One process: the batch is checked here, at once."""
    future: Future[list[Verdict]] = Future()
    future.set_result(verdicts)
    return future


def _version() -> str:
    return __version__
