"""Blueprint for the web page at ``/``.

The page runs the extension's own client code: ``static/lib`` is a symlink to
``extension/lib`` (the session, the textarea adapter, the card and the API client), so the
page and the extension cannot drift apart and there is no copy step. Wheels built by
setuptools follow the symlink and ship the files.
"""
from __future__ import annotations

from flask import Blueprint, Flask, Response, current_app, render_template

bp = Blueprint(
    "web",
    __name__,
    static_folder="static",
    static_url_path="/web/static",
    template_folder="templates",
)

# Only our own scripts and styles; the page calls the API on its own origin.
_CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
])
_SECURITY_HEADERS = {
    "Content-Security-Policy": _CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@bp.get("/")
def index() -> str:
    needs_key = bool(current_app.config["TACTFUL_SETTINGS"].api_key_hashes)
    return render_template("web/index.html", needs_key=needs_key)


@bp.after_request
def security_headers(response: Response) -> Response:
    for name, value in _SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def register(app: Flask) -> None:
    """Serves the page at ``/`` and its scripts under ``/web/static/``."""
    app.register_blueprint(bp)
