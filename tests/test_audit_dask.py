"""The audit on Dask: a local cluster of real worker processes gives the same files as the
local run, whether the audit starts the cluster (--workers) or joins one (--scheduler)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit_exports import write_twcs
from tactful.cli import main

distributed = pytest.importorskip("distributed")


def audit(*args: str) -> None:
    result = CliRunner().invoke(main, ["audit", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def same_files(a: Path, b: Path) -> None:
    for name in ("replies.csv", "findings.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("dask")
    export = write_twcs(folder / "tweets.csv")
    audit(str(export), "--out", str(folder / "local"), "--processes", "1")
    return export, folder / "local"


def test_a_running_cluster_of_worker_processes_gives_the_local_results(local: tuple[Path, Path], tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    export, expected = local
    monkeypatch.setattr("tactful.audit.run.BATCH", 1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        audit(str(export), "--out", str(tmp_path / "out"), "--scheduler", cluster.scheduler_address)
        pids = client.run(os.getpid)
        loaded = client.run(lambda: __import__("tactful.audit.check").audit.check.worker_checker.cache_info().currsize)
    same_files(tmp_path / "out", expected)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
    assert sum(loaded.values()) >= 1, "the checks ran on the workers, each with its own checker"
    assert "Dask cluster at tcp://" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


def test_workers_starts_a_local_cluster(local: tuple[Path, Path], tmp_path: Path) -> None:
    export, expected = local
    audit(str(export), "--out", str(tmp_path / "out"), "--workers", "2")
    same_files(tmp_path / "out", expected)
    assert "local Dask cluster, 2 worker processes" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


def test_an_unreachable_scheduler_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tactful.audit.execute.CONNECT_TIMEOUT", "2s")
    export = write_twcs(tmp_path / "tweets.csv")
    result = CliRunner().invoke(main, ["audit", str(export), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
