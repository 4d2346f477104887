"""Replay the hostile-client and bad-configuration findings against a real gunicorn, one line each.

Starts the repo's gunicorn (grammar on, API keys configured, a rate limit) and sends each
repro as the outside test did: slow clients, /v2 amplification, a reply that used to take
LanguageTool down, malformed JSON and chunked bodies, /v2 markup offsets, LanguageTool
clients' ways of sending a key, gunicorn's own error pages, headers; then starts gunicorn again
with each hostile rule pack and each bad setting and times its refusal. Prints ``ok`` or
``FAIL`` with what was measured; exits 1 if anything failed. The start-up race has its own
script (``count_starts.py``, 100 starts); ``--starts N`` runs N of them here too.

Run: ``python bench/replay_attacks.py [--starts 0]``.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from _gunicorn import HOST, ROOT, Gunicorn
from tactful.api.protection import hash_key
from tactful.grammar.client import GrammarChecker

KEY = "replay-key"
results: list[bool] = []


def report(passed: bool, what: str, measured: str) -> None:
    results.append(passed)
    print(f"{'ok  ' if passed else 'FAIL'}  {what}: {measured}", flush=True)


def call(port: int, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
         timeout: float = 30.0) -> tuple[int, dict[str, str], bytes, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body, headers or {})
        response = connection.getresponse()
        payload = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, payload, time.perf_counter() - started
    finally:
        connection.close()


def raw(port: int, data: bytes, timeout: float = 15.0) -> bytes:
    with socket.create_connection((HOST, port), timeout=timeout) as connection:
        connection.sendall(data)
        answer = b""
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except (ConnectionResetError, TimeoutError):
            pass
    return answer


def keyed(extra: dict[str, str] | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json", **(extra or {})}


def slow_clients(port: int) -> None:
    sockets = [socket.create_connection((HOST, port)) for _ in range(200)]
    for connection in sockets:
        connection.sendall(b"POST /v1/check HTTP/1.1\r\nHost: a\r\n")
    time.sleep(0.5)
    status, _, _, took = call(port, "GET", "/v1/health", timeout=5)
    report(status == 200 and took < 1.0, "200 connections that never finish their headers", f"health {status} in {took * 1000:.0f} ms")
    sockets[0].settimeout(15)
    answer = sockets[0].recv(200)
    report(answer.startswith(b"HTTP/1.1 408"), "a slow client is answered and closed", answer.split(b"\r\n")[0].decode())
    for connection in sockets:
        connection.close()


def amplification(port: int) -> None:
    text = ("?!\U0001F600" * 6667)[:20000]
    body = urlencode({"text": text, "language": "en-US"}).encode()
    status, _, payload, took = call(port, "POST", "/v2/check", body, {"Authorization": f"Bearer {KEY}",
                                    "Content-Type": "application/x-www-form-urlencoded"})
    ratio = len(payload) / len(body)
    incomplete = json.loads(payload)["warnings"]["incompleteResults"]
    report(status == 200 and ratio < 10, "/v2 answer to 20,000 characters of ?!😀",
           f"{status}, {len(payload):,} bytes for {len(body):,} sent ({ratio:.1f}x) in {took:.2f} s, "
           f"incompleteResults {incomplete}")


def monster_reply(port: int) -> None:
    status, _, payload, took = call(port, "POST", "/v1/check", json.dumps({"text": "a " * 9990 + " calm down tomorow"}).encode(),
                                    keyed())
    grammar = json.loads(payload)["grammar"]
    down = []
    for _ in range(30):
        time.sleep(1)
        health = json.loads(call(port, "GET", "/v1/health")[2])["grammar"]["status"]
        down.append(health != "ok")
    _, _, after, _ = call(port, "POST", "/v1/check", json.dumps({"text": "Sorry for the dealy."}).encode(), keyed())
    spelled = any(f["text"] == "dealy" for f in json.loads(after)["findings"])
    report(status == 200 and not any(down) and spelled, "'a ' x 9990 + ' calm down tomorow' with grammar on",
           f"{status} in {took:.2f} s (grammar {grammar['status']}); grammar down {sum(down)} of the next 30 s; "
           f"a check after finds 'dealy': {spelled}")


def malformed(port: int) -> None:
    deep = b'{"text":' + b"[" * 10000 + b"]" * 10000 + b"}"
    for path, body, content in [
        ("/v1/check", deep, "application/json"),
        ("/v2/check", deep, "application/json"),
        ("/v2/check", urlencode({"data": json.dumps({"annotation": None}), "language": "en-US"}).encode(),
         "application/x-www-form-urlencoded"),
    ]:
        status, headers, payload, _ = call(port, "POST", path, body, {"Authorization": f"Bearer {KEY}", "Content-Type": content})
        report(400 <= status < 500 and headers.get("content-type") == "application/json",
               f"{path} with {'JSON nested 10,000 deep' if body is deep else 'annotation: null'}",
               f"{status} {json.loads(payload)['error']['code']}")
    for size in (b"zz", b"-1", b"3 ", b"0x3"):
        answer = raw(port, b"POST /v1/check HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + KEY.encode()
                     + b"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + size + b"\r\nabc\r\n0\r\n\r\n")
        line = answer.split(b"\r\n")[0].decode()
        report(line.startswith("HTTP/1.1 4") and b"application/json" in answer, f"chunk size {size!r}", line)


def markup_offsets(port: int) -> None:
    annotation = [{"markup": "<b>"}, {"text": "Sorry, that's our policy"}, {"markup": "</b>"}, {"text": ". Bye."}]
    original = "<b>Sorry, that's our policy</b>. Bye."
    body = urlencode({"data": json.dumps({"annotation": annotation}), "language": "en-US", "apiKey": KEY}).encode()
    _, _, payload, _ = call(port, "POST", "/v2/check", body, {"Content-Type": "application/x-www-form-urlencoded"})
    flagged = [original[m["offset"]:m["offset"] + m["length"]] for m in json.loads(payload)["matches"]]
    report("that's our policy" in flagged and not any("<" in f for f in flagged), "/v2 match just before </b>",
           f"flagged {flagged}")


def languagetool_clients(port: int) -> None:
    form = {"text": "Calm down, that's our policy.", "language": "en-US", "apiKey": KEY}
    status, _, payload, _ = call(port, "POST", "/v2/check", urlencode(form).encode(),
                                 {"Content-Type": "application/x-www-form-urlencoded"})
    report(status == 200 and bool(json.loads(payload)["matches"]), "apiKey in a /v2 form body", f"{status}")
    status, _, _, _ = call(port, "POST", "/v2/check", urlencode(form).encode(), {"Content-Type": "application/json"})
    report(status == 200, "LTeX: a form labelled JSON, with apiKey", f"{status}")
    status, _, _, _ = call(port, "GET", "/v2/languages")
    report(status == 200, "/v2/languages without a key", f"{status}")


def gunicorn_errors(port: int) -> None:
    for name, request in [("a 9,000-character request line", b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: a\r\n\r\n"),
                          ("200 headers", b"GET / HTTP/1.1\r\nHost: a\r\n" + b"X-A: b\r\n" * 200 + b"\r\n"),
                          ("a garbage request line", b"GARBAGE\r\n\r\n")]:
        answer = raw(port, request)
        head = answer.split(b"\r\n\r\n")[0].decode("latin-1")
        report("application/json" in head and "nosniff" in head, name, head.split("\r\n")[0] + ", JSON")
    status, headers, payload, _ = call(port, "OPTIONS", "/v1/check")
    report(status == 204 and not payload and "content-type" not in headers, "OPTIONS without Origin", f"{status}, no body")
    status, headers, _, _ = call(port, "GET", "/v1/docs/")
    report("frame-ancestors 'none'" in headers.get("content-security-policy", "") and headers.get("x-frame-options") == "DENY",
           "/v1/docs/ headers", headers.get("content-security-policy", "no CSP"))
    status, headers, _, _ = call(port, "GET", "/v1/health")
    report(headers.get("x-content-type-options") == "nosniff", "JSON answers say nosniff", headers.get("x-content-type-options", ""))
    status, headers, _, _ = call(port, "OPTIONS", "/v1/check", headers={"Origin": "http://localhost:80@evil.example",
                                                                       "Access-Control-Request-Method": "POST"})
    report("access-control-allow-origin" not in headers, "CORS for http://localhost:80@evil.example", "no Allow-Origin")


def bad_keys(port: int) -> None:
    statuses = [call(port, "POST", "/v1/check", b'{"text": "Hi"}', {"Authorization": f"Bearer guess-{n}",
                     "Content-Type": "application/json"})[0] for n in range(12)]
    report(statuses.count(429) > 0, "12 requests with wrong keys at 10/minute", f"statuses {statuses}")


def trickling_languagetool() -> None:
    listener = socket.socket()
    listener.bind((HOST, 0))
    listener.listen(8)
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=trickle, args=(connection,), daemon=True).start()

    def trickle(connection: socket.socket) -> None:
        with connection:
            connection.recv(65536)
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 200:
                if stop.wait(0.2):
                    break
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    break

    threading.Thread(target=serve, daemon=True).start()
    url = f"http://{HOST}:{listener.getsockname()[1]}"
    started = time.perf_counter()
    result = GrammarChecker(url, budget=0.8).check("Sorry for the dealy.")
    took = time.perf_counter() - started
    stop.set()
    report(took < 1.0 and result.reason == "LanguageTool timed out",
           "the grammar client against a LanguageTool that sends a byte every 0.2 s (0.8 s budget)",
           f"gave up after {took:.2f} s: {result.reason}")


def refuses(what: str, env: dict[str, str], expect: str) -> None:
    started = time.perf_counter()
    finished = subprocess.run([sys.executable, "-m", "gunicorn", "wsgi:app"], cwd=ROOT, capture_output=True, text=True,
                              timeout=120, env={**os.environ, "TACTFUL_BIND": f"{HOST}:0", "TACTFUL_GRAMMAR": "off", **env},
                              check=False)
    took = time.perf_counter() - started
    last = finished.stderr.strip().splitlines()[-1] if finished.stderr.strip() else ""
    report(finished.returncode != 0 and expect in finished.stderr and "Traceback" not in finished.stderr,
           what, f"refused in {took:.1f} s: {last[:150]}")


def hostile_packs_and_settings() -> None:
    scratch = Path(tempfile.mkdtemp())

    def pack(name: str, files: dict[str, str], fifo: bool = False) -> str:
        folder = scratch / name
        folder.mkdir()
        (folder / "pack.yml").write_text(f"name: {name}\n", encoding="utf-8")
        for file, text in files.items():
            (folder / file).write_text(text, encoding="utf-8")
        if fifo:
            os.mkfifo(folder / "x.yml")
        return str(folder)

    rule = ("category: dismissive\nseverity: warning\nmessage: Say conversation.\npatterns:\n  - '{pattern}'\n"
            "suggestions:\n  - '{suggestion}'\nexamples:\n  bad:\n    - text: 'I updated your ticket.'\n"
            "      flagged: ticket\n  good:\n    - 'I updated your order.'\n")
    splicing = "name: splice\nvocabulary:\n" + "".join(
        f"  v{i}: '(?:{{{{v{i + 1}}}}}|{{{{v{i + 1}}}}}|{{{{v{i + 1}}}}})'\n" for i in range(12)) + "  v12: 'ticket'\n"
    cases = [
        ("a FIFO named x.yml", pack("fifo", {}, fifo=True), "x.yml"),
        ("a vocabulary that splices itself 12 deep", pack("splice", {"r.yml": rule.format(pattern="{{v0}}", suggestion="x")}),
         "r.yml"),
        ("a suggestion '{match:>20000000}'",
         pack("pad", {"r.yml": rule.format(pattern="ticket", suggestion="{match:>20000000}")}),
         "r.yml"),
        ("a 1 MB pattern", pack("huge", {"r.yml": rule.format(pattern="a" * 1_000_000, suggestion="x")}), "r.yml"),
        ("YAML nested 20,000 deep", pack("deep", {"r.yml": "a: " + "[" * 20000 + "]" * 20000 + "\n"}), "r.yml"),
        ("a 5,000-digit number", pack("digits", {"r.yml": "a: " + "9" * 5000 + "\n"}), "r.yml"),
    ]
    (Path(cases[1][1]) / "pack.yml").write_text(splicing, encoding="utf-8")
    for what, folder, file in cases:
        refuses(f"team pack with {what}", {"TACTFUL_RULE_PACKS": folder}, file)
    for name, value in [("TACTFUL_RATE_LIMIT", "600/min"), ("TACTFUL_MAX_TEXT", "20k"), ("TACTFUL_WORKERS", "two"),
                        ("TACTFUL_GRAMMAR", "maybe"), ("TACTFUL_LT_TIMEOUT", "-1")]:
        refuses(f"{name}={value}", {name: value}, f"{name}={value!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=0, help="also run this many starts of count_starts.py")
    args = parser.parse_args()
    env = {"TACTFUL_GRAMMAR": "on", "TACTFUL_API_KEYS": hash_key(KEY), "TACTFUL_RATE_LIMIT": "1000000/minute"}
    with Gunicorn(env=env) as server:
        server.wait_for_grammar()
        steps: list[Callable[[int], None]] = [slow_clients, amplification, monster_reply, malformed, markup_offsets,
                                              languagetool_clients, gunicorn_errors]
        for step in steps:
            step(server.port)
    with Gunicorn(env={**env, "TACTFUL_GRAMMAR": "off", "TACTFUL_RATE_LIMIT": "10/minute"}) as server:
        bad_keys(server.port)
    trickling_languagetool()
    hostile_packs_and_settings()
    if args.starts:
        subprocess.run([sys.executable, str(Path(__file__).with_name("count_starts.py")), "--starts", str(args.starts)],
                       check=False)
    print(f"{results.count(True)} of {len(results)} held")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
