"""Gunicorn settings for serving Tactful (read automatically by ``gunicorn wsgi:app``).

Checks are CPU-bound and take about a millisecond, so one synchronous worker per core is
enough; the app is preloaded so rule packs are compiled once, and a broken pack stops the
master with its file, line and reason instead of a worker boot loop. The access log records
method, path, status and timing only: request bodies (customer conversations) are never logged.
"""
import multiprocessing
import os

bind = os.environ.get("TACTFUL_BIND", "127.0.0.1:8080")
workers = int(os.environ.get("TACTFUL_WORKERS", multiprocessing.cpu_count()))
preload_app = True
timeout = 30
graceful_timeout = 30
keepalive = 5
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
