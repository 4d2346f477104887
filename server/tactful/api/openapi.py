"""The OpenAPI document, generated from the marshmallow schemas and the views' docstrings,
and a browsable page for it (Swagger UI, served from the installed package, no CDN)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec_webframeworks.flask import FlaskPlugin
from flask import Blueprint, Flask, current_app, jsonify, send_from_directory
from flask.typing import ResponseReturnValue
from swagger_ui_bundle import swagger_ui_path

from .. import __version__
from ..engine.rulebook import Rulebook
from ..pages import page_headers, protect
from . import v1

bp = Blueprint("openapi", __name__, url_prefix="/v1")
_OWN_FILES = Path(__file__).parent / "docs"
_DOCS_HEADERS = page_headers(inline_styles=True)


def build_spec(app: Flask) -> dict[str, Any]:
    spec = APISpec(
        title="Tactful",
        version=__version__,
        openapi_version="3.0.3",
        info={"description": "Checks a support agent's reply before it makes an upset customer angrier."},
        plugins=[FlaskPlugin(), MarshmallowPlugin()],
    )
    error = {"content": {"application/json": {"schema": "ErrorSchema"}}}
    spec.components.response("Unauthorized", {"description": "API keys are configured and no valid key was sent", **error})
    spec.components.response("RateLimited", {"description": "Over the rate limit; Retry-After says when to try again", **error})
    with app.test_request_context():
        for view in (v1.check, v1.rules, v1.health):
            spec.path(view=view, app=app)
    document = spec.to_dict()
    _name_declared(document, app.extensions["tactful.checker"].book)
    return document


def _name_declared(document: dict[str, Any], book: Rulebook) -> None:
    """The categories and dialects this server's packs declare (core and team) as the schema's enums."""
    schemas = document["components"]["schemas"]
    for field in (schemas["CheckRequest"]["properties"]["categories"]["items"], schemas["Finding"]["properties"]["category"]):
        field["enum"] = list(book.categories)
    schemas["CheckRequest"]["properties"]["language"]["enum"] = [*book.dialects, None]


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(current_app.extensions["tactful.openapi"])


@bp.get("/docs/")
@bp.get("/docs/<path:name>")
def docs(name: str = "index.html") -> ResponseReturnValue:
    directory = _OWN_FILES if (_OWN_FILES / name).is_file() else Path(swagger_ui_path)
    return protect(send_from_directory(directory, name), _DOCS_HEADERS)
