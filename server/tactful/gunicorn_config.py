"""Gunicorn settings for serving Tactful: ``gunicorn wsgi:app`` reads them through the
repository's ``gunicorn.conf.py``, and ``tactful serve`` passes them directly.

- Checks are CPU-bound and take a few milliseconds, so one worker per core, running one check
  at a time. The worker is gevent's (``tactful.worker``): a connection that never finishes its
  request costs a greenlet, not the worker, so 200 slow clients no longer stop the service (two
  did with synchronous workers), and each connection has 10 s for its request. Threaded
  workers were measured against synchronous ones on 2 cores: tone-only throughput at 8 clients
  fell from 1,059 to 579 req/s (the GIL); gthread with its default thread also stops at the
  first slow clients. ``bench/bench_slow_clients.py`` measures all three.
- No keep-alive: a kept-alive connection stays with the worker that accepted it, and with
  two workers an uneven share of connections made p99 at 8 clients 158-199 ms instead of 29-33 ms
  (``keepalive = 0`` lets the kernel hand each request to the worker that is free, as the
  synchronous workers did).
- The app is preloaded: rule packs compile once, and a broken pack stops the master with its
  file, line and reason instead of a worker boot loop.
- The one LanguageTool server of the machine belongs to a child of the master
  (``tactful languagetool start``), started before any worker is forked, so the API answers at
  once; workers find it when it is warm (until then the agent sees "grammar unavailable"), the
  child restarts it if it dies, and it stops with the master. ``TACTFUL_GRAMMAR=off`` or
  ``TACTFUL_LT_URL`` skip the local JVM.
- The sentence encoder's files are checked in the master (a missing or corrupt one stops
  start-up, naming the file); each worker opens its own one-thread onnxruntime session
  after the fork and keeps its own sentence cache.
- ``max_requests`` recycles workers now and then (with jitter, so not all at once); a HUP
  reloads workers gracefully without restarting LanguageTool.
- The access log records client, method, path, status, size and time: never a body, which
  is a customer conversation.
"""
import logging
import os
import sys

from tactful.config import current
from tactful.grammar import process

try:
    _settings = current()
except ValueError as error:
    sys.exit(f"tactful: cannot start: {error}")
bind = _settings.bind
workers = _settings.workers
worker_class = "tactful.worker.Worker"
preload_app = True
timeout = 30
graceful_timeout = 30
keepalive = 0
max_requests = 20_000
max_requests_jitter = 2_000
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'


def on_starting(server) -> None:
    server.languagetool = process.spawn_owner()


def post_fork(server, worker) -> None:
    """Each worker opens its own onnxruntime sessions before its first request."""
    for encoder in server.app.wsgi().extensions["tactful.checker"].encoders():
        encoder.session()


def worker_exit(server, worker) -> None:
    """End the worker at once, after its logs are flushed: onnxruntime's exit handlers wait
    forever in a forked process (a condition variable the master's runtime owned), so every
    stop or ``max_requests`` recycle used to hang each worker until the master killed it
    after 30 s. gunicorn calls this while the worker's ``SystemExit`` unwinds; its code is kept."""
    leaving = sys.exc_info()[1]
    code = leaving.code if isinstance(leaving, SystemExit) and isinstance(leaving.code, int) else 0
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def on_exit(server) -> None:
    process.stop_owner(server.languagetool)
