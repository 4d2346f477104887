"""The service as ``./scripts/serve`` runs it, against clients that misbehave at the HTTP level.

Real gunicorn with the repo's settings (tone only, so no JVM), on a loopback port.
"""
from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import pytest

from gunicorn_helpers import gunicorn, request
from tactful.worker import DEADLINE

PARTIAL = b"POST /v1/check HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    with gunicorn({"TACTFUL_GRAMMAR": "off", "TACTFUL_RATE_LIMIT": "off"}) as port:
        yield port


def raw(port: int, data: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are and read the whole answer (the server closes the connection)."""
    with socket.create_connection(("127.0.0.1", port), timeout=DEADLINE + 5) as connection:
        connection.sendall(data)
        answer = b""
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except ConnectionResetError:
            if not answer:
                raise
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, body


def test_slow_clients_do_not_stop_the_service_and_are_answered_408(port: int) -> None:
    slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(100)]
    try:
        for connection in slow:
            connection.sendall(PARTIAL)
        started = time.monotonic()
        status, body = request(port, "POST", "/v1/check", {"text": "Calm down, that's our policy."}, timeout=5)
        assert status == 200 and body["findings"]
        assert time.monotonic() - started < 2.0
        slow[0].settimeout(DEADLINE + 5)
        answer = slow[0].recv(4096)
        assert answer.startswith(b"HTTP/1.1 408 ")
        assert json.loads(answer.partition(b"\r\n\r\n")[2])["error"]["code"] == "request_timeout"
    finally:
        for connection in slow:
            connection.close()


@pytest.mark.parametrize(("request_bytes", "status", "code"), [
    (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: a\r\n\r\n", 414, "uri_too_long"),
    (b"GET / HTTP/1.1\r\nHost: a\r\n" + b"X-A: b\r\n" * 200 + b"\r\n", 431, "headers_too_large"),
    (b"GARBAGE\r\n\r\n", 400, "bad_request"),
])
def test_errors_gunicorn_answers_itself_are_json(port: int, request_bytes: bytes, status: int, code: str) -> None:
    answered, headers, body = raw(port, request_bytes)
    assert answered == status
    assert headers["content-type"] == "application/json" and headers["x-content-type-options"] == "nosniff"
    assert json.loads(body)["error"]["code"] == code


@pytest.mark.parametrize("size", [b"zz", b"-1", b"3 ", b"0x3"])
def test_a_broken_chunked_body_is_400_not_500(port: int, size: bytes) -> None:
    answered, headers, body = raw(port, b"POST /v1/check HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                                        b"Transfer-Encoding: chunked\r\n\r\n" + size + b"\r\nabc\r\n0\r\n\r\n")
    assert answered == 400 and headers["content-type"] == "application/json"
    assert json.loads(body)["error"]["code"] == "bad_request"


def test_options_without_origin_is_an_empty_204(port: int) -> None:
    answered, headers, body = raw(port, b"OPTIONS /v1/check HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
    assert (answered, body) == (204, b"")
    assert "content-type" not in headers and "POST" in headers["allow"]
