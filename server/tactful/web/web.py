"""Blueprint for the web page at ``/``.

The page runs the extension's own client code: ``static/lib`` is a symlink to
``extension/lib`` (the session, the textarea adapter, the card and the API client), so the
page and the extension cannot drift apart and there is no copy step. Wheels built by
setuptools follow the symlink and ship the files.
"""
from __future__ import annotations

from flask import Blueprint, Flask, Response, current_app, render_template

from ..pages import page_headers, protect

bp = Blueprint(
    "web",
    __name__,
    static_folder="static",
    static_url_path="/web/static",
    template_folder="templates",
)

_HEADERS = page_headers()


@bp.get("/")
def index() -> str:
    needs_key = bool(current_app.config["TACTFUL_SETTINGS"].api_key_hashes)
    return render_template("web/index.html", needs_key=needs_key)


@bp.after_request
def security_headers(response: Response) -> Response:
    return protect(response, _HEADERS)


def register(app: Flask) -> None:
    """Serves the page at ``/`` and its scripts under ``/web/static/``."""
    app.register_blueprint(bp)
