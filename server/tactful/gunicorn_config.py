"""Gunicorn settings for serving Tactful: ``gunicorn wsgi:app`` reads them through the
repository's ``gunicorn.conf.py``, and ``tactful serve`` passes them directly.

- Checks are CPU-bound and take about a millisecond, so one synchronous worker per core.
  Threaded workers (gthread, 4 threads) were measured against it on 2 cores: tone-only
  throughput at 8 clients fell from 1,059 to 579 req/s (the GIL), while with grammar it rose
  only from 61 to 68 req/s, since LanguageTool shares the same cores.
- The app is preloaded: rule packs compile once, and a broken pack stops the master with its
  file, line and reason instead of a worker boot loop.
- The master owns the one LanguageTool server of the machine. It starts it in the
  background, so the API answers at once; workers find it when it is warm (until then the
  agent sees "grammar unavailable"), the master's supervisor restarts it if it dies, and it
  stops with the master. ``TACTFUL_GRAMMAR=off`` or ``TACTFUL_LT_URL`` skip the local JVM.
- The sentence encoder's files are checked in the master (a missing or corrupt one stops
  start-up, naming the file); each worker opens its own one-thread onnxruntime session
  after the fork and keeps its own sentence cache.
- ``max_requests`` recycles workers now and then (with jitter, so not all at once); a HUP
  reloads workers gracefully without restarting LanguageTool.
- The access log records client, method, path, status, size and time: never a body, which
  is a customer conversation.
"""
import multiprocessing
import os
import threading

from tactful.grammar import process

bind = os.environ.get("TACTFUL_BIND", "127.0.0.1:8080")
workers = int(os.environ.get("TACTFUL_WORKERS", multiprocessing.cpu_count()))
preload_app = True
timeout = 30
graceful_timeout = 30
keepalive = 5
max_requests = 20_000
max_requests_jitter = 2_000
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'


def on_starting(server) -> None:
    threading.Thread(target=process.run_shared, name="languagetool", daemon=True).start()


def post_fork(server, worker) -> None:
    """Each worker opens its own onnxruntime sessions before its first request."""
    for encoder in server.app.wsgi().extensions["tactful.checker"].encoders():
        encoder.session()


def on_exit(server) -> None:
    process.stop_shared()
