"""Who may call the API and how often: optional API keys and a rate limit.

Keys are configured as SHA-256 digests (never the keys themselves); a presented key is
hashed and compared with every digest in constant time. With keys configured, a request
without a valid key gets 401 before anything is checked. The rate limit counts per API key
when there is one, else per client address, and answers 429 with ``Retry-After``.
Health, ``/v2/languages`` (LanguageTool clients ask it first, without a key), the OpenAPI
document, its page and the try-it page stay open so monitors and newcomers can reach them
(the try-it page asks for a key when the server needs one).
"""
from __future__ import annotations

import hashlib
import hmac

import limits
from flask import Flask, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

from ..config import Settings
from .errors import ApiError
from .params import request_params

OPEN_ENDPOINTS = {"v1.health", "v2.languages", "openapi.openapi", "openapi.docs", "static", "web.index", "web.static"}


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def presented_key() -> str | None:
    """The key from ``Authorization: Bearer …``, ``X-API-Key`` or an ``apiKey`` parameter, as
    LanguageTool clients send it (a query, a form, or a form labelled JSON). The body is read
    through the cache, so the handler still finds its text."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    if request.headers.get("X-API-Key"):
        return request.headers["X-API-Key"]
    if request.blueprint == "v2":
        return request_params().get("apiKey") or None
    return request.args.get("apiKey") or None


def _matches(key: str, digests: frozenset[str]) -> bool:
    candidate = hash_key(key)
    found = False
    for digest in digests:
        found |= hmac.compare_digest(candidate, digest)
    return found


def _client() -> str:
    return g.get("tactful_client") or get_remote_address()


def install(app: Flask, settings: Settings) -> Limiter:
    if settings.trusted_proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # Flask's documented way to wrap it
            app.wsgi_app, x_for=settings.trusted_proxies, x_proto=settings.trusted_proxies)
    limiter = Limiter(
        _client,
        default_limits=[settings.rate_limit] if settings.rate_limit else [],
        default_limits_exempt_when=lambda: request.method == "OPTIONS" or request.endpoint in OPEN_ENDPOINTS,
        storage_uri=settings.rate_limit_storage,
        headers_enabled=True,
        enabled=bool(settings.rate_limit),
    )
    bad_key_limit = limits.parse(settings.rate_limit) if settings.rate_limit else None

    @app.before_request
    def _authenticate() -> None:
        """Before the limiter, which then counts per key. Requests without a valid key are
        counted per address here, so guessing keys is rate limited like anything else."""
        if request.method == "OPTIONS" or request.endpoint in OPEN_ENDPOINTS or not settings.api_key_hashes:
            return
        key = presented_key()
        if key is None or not _matches(key, settings.api_key_hashes):
            if bad_key_limit and not limiter.limiter.hit(bad_key_limit, "no-valid-key", get_remote_address()):
                raise ApiError(429, "too_many_requests", f"Too many requests without a valid API key (limit {settings.rate_limit}).")
            raise ApiError(401, "unauthorized", "A valid API key is required (Authorization: Bearer <key>).")
        g.tactful_client = "key:" + hash_key(key)

    limiter.init_app(app)
    return limiter
