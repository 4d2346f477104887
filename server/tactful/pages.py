"""The headers every HTML page Tactful serves carries: its own files only, no framing, no referrer."""
from __future__ import annotations

from flask import Response


def page_headers(*, inline_styles: bool = False) -> dict[str, str]:
    """Only the server's own scripts and styles; the page calls the API on its own origin.

    ``inline_styles`` is for Swagger UI, which sets ``style`` attributes from its script; its
    scripts still come only from the server.
    """
    policy = "; ".join([
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'" + (" 'unsafe-inline'" if inline_styles else ""),
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ])
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def protect(response: Response, headers: dict[str, str]) -> Response:
    for name, value in headers.items():
        response.headers.setdefault(name, value)
    return response
