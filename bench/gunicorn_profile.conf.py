"""The repo's ``gunicorn.conf.py`` plus a cProfile of every worker, for ``profile_check.py``.

Each worker profiles itself from ``post_worker_init`` to ``worker_exit`` (a graceful stop)
and writes ``worker-<pid>.prof`` into ``$TACTFUL_PROFILE_DIR``. Hooks the base configuration
defines still run.
"""
import cProfile
import os
import runpy
from pathlib import Path

_base = runpy.run_path(str(Path(__file__).resolve().parents[1] / "gunicorn.conf.py"))
globals().update({name: value for name, value in _base.items() if not name.startswith("__")})
_profile = cProfile.Profile()


def post_worker_init(worker):
    if _base.get("post_worker_init"):
        _base["post_worker_init"](worker)
    _profile.enable()


def worker_exit(server, worker):
    _profile.disable()
    _profile.dump_stats(os.path.join(os.environ["TACTFUL_PROFILE_DIR"], f"worker-{worker.pid}.prof"))
    if _base.get("worker_exit"):
        _base["worker_exit"](server, worker)
