"""The gunicorn worker that serves Tactful: gevent, with a deadline per connection and JSON errors.

A synchronous worker is held by one client that never finishes its headers, so two such
clients stopped the service. A gevent worker holds each connection in a greenlet and only
spends the CPU when a whole request has arrived; the checks themselves still run one at a
time per worker, as before. Each connection gets ``DEADLINE`` seconds for its request (headers
and body) and is then answered 408 and closed, so slow clients cannot pile up. The errors
gunicorn answers itself (a malformed request line, headers too large, a broken chunked body)
are JSON in the API's shape instead of an HTML page, and their log line names the kind of
problem, never what the client sent (which may be a customer's words).
"""
from __future__ import annotations

import json
import logging
import socket
from http import HTTPStatus
from typing import Any

import gevent
from gunicorn import util
from gunicorn.http import errors
from gunicorn.workers.ggevent import GeventWorker

log = logging.getLogger("gunicorn.error")

DEADLINE = 10.0
"""Seconds from a connection's arrival to its answer being due: 20 KB at 2 KB/s, a 0.8 s
grammar budget and any check fit well within it."""

LINGER = 1.0
"""Seconds an error answer waits for the client to stop sending before the connection closes."""

_ANSWERS: tuple[tuple[type[BaseException], HTTPStatus, str, str], ...] = (
    (gevent.Timeout, HTTPStatus.REQUEST_TIMEOUT, "request_timeout",
     f"The request did not arrive within {DEADLINE:g} seconds."),
    (errors.LimitRequestLine, HTTPStatus.REQUEST_URI_TOO_LONG, "uri_too_long",
     "The request line is too long; send the text in the body."),
    (errors.LimitRequestHeaders, HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large",
     "The request's headers are too many or too large."),
    (errors.UnsupportedTransferCoding, HTTPStatus.NOT_IMPLEMENTED, "unsupported_transfer_coding",
     "Only chunked and identity transfer codings are accepted."),
    (errors.ExpectationFailed, HTTPStatus.EXPECTATION_FAILED, "expectation_failed",
     "Only 'Expect: 100-continue' is understood."),
    (errors.ForbiddenProxyRequest, HTTPStatus.FORBIDDEN, "forbidden",
     "Proxy headers are not accepted from this address."),
    (errors.ParseException, HTTPStatus.BAD_REQUEST, "bad_request",
     "The request is not well-formed HTTP (request line, headers or chunked body)."),
)


def answer_for(problem: BaseException) -> tuple[HTTPStatus, str, str]:
    """Status, code and message for an error gunicorn meets before or while reading a request."""
    for kind, status, code, message in _ANSWERS:
        if isinstance(problem, kind):
            return status, code, message
    return HTTPStatus.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on our side; the reply was not stored."


def error_bytes(status: HTTPStatus, code: str, message: str) -> bytes:
    body = json.dumps({"error": {"code": code, "message": message, "field": None}}).encode()
    head = (
        f"HTTP/1.1 {status.value} {status.phrase}\r\nConnection: close\r\n"
        "Content-Type: application/json\r\nX-Content-Type-Options: nosniff\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body


class Worker(GeventWorker):
    """``worker_class`` in the gunicorn settings."""

    def handle(self, listener: Any, client: Any, addr: Any) -> None:
        with gevent.Timeout(DEADLINE):
            super().handle(listener, client, addr)

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        status, code, _ = answer = answer_for(exc)
        if status >= 500:
            log.error("unexpected %s while reading a request", type(exc).__name__)
        else:
            log.warning("refused a request: %s (%s)", code, type(exc).__name__)
        try:
            util.write_nonblock(client, error_bytes(*answer))
            _linger(client)
        except OSError:
            pass


def _linger(client: socket.socket) -> None:
    """Close after the client has read the answer: unread request bytes left in the socket would
    make the close a reset, and the client would lose the answer with it."""
    client.shutdown(socket.SHUT_WR)
    with gevent.Timeout(LINGER, False):
        while client.recv(65536):
            pass
