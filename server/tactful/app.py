"""The application factory: ``create_app()`` loads the rule packs once and wires the API."""
from __future__ import annotations

from flask import Flask, Response, request
from flask.json.provider import DefaultJSONProvider
from flask_cors import CORS

from . import web
from .api import errors, openapi, protection, v1, v2
from .config import Settings, current, origin_pattern
from .engine.checker import Checker
from .engine.rulebook import load_rulebook
from .grammar.client import GrammarChecker
from .learned.customer import CustomerModel

BODY_LIMIT = 256 * 1024


def build_checker(settings: Settings) -> Checker:
    """The rule packs and the learned reading the settings name, loaded and checked."""
    book = load_rulebook(settings.rule_packs, settings.models)
    return Checker(book, CustomerModel.load(settings.upset_threshold, settings.models))


def create_app(settings: Settings | None = None) -> Flask:
    """Build the app; a broken rule pack (``RuleFileError``) or model file (``ModelFileError``)
    raises here, before serving."""
    settings = settings or current()
    app = Flask(__name__)
    app.config.update(TACTFUL_SETTINGS=settings, MAX_CONTENT_LENGTH=BODY_LIMIT)
    json = DefaultJSONProvider(app)
    json.sort_keys = False
    app.json = json
    app.extensions["tactful.checker"] = build_checker(settings)
    if settings.grammar:
        app.extensions["tactful.grammar"] = GrammarChecker.from_env()
    origins = [origin_pattern(o) for o in settings.cors_origins]
    CORS(app, resources={r"/v1/*": {"origins": origins}, r"/v2/*": {"origins": origins}})
    errors.register(app)
    protection.install(app, settings)
    app.register_blueprint(v1.bp)
    app.register_blueprint(v2.bp)
    web.register(app)
    app.register_blueprint(openapi.bp)
    app.extensions["tactful.openapi"] = openapi.build_spec(app)
    app.after_request(_no_sniffing_or_framing)
    app.after_request(_options_carry_no_body)
    return app


def _options_carry_no_body(response: Response) -> Response:
    """An OPTIONS answer (a CORS preflight, or a client asking what a path allows) is its
    headers: 204 instead of Flask's empty 200 labelled text/html."""
    if request.method == "OPTIONS" and response.status_code == 200 and not response.get_data():
        response.status_code = 204
        del response.headers["Content-Type"]
    return response


def _no_sniffing_or_framing(response: Response) -> Response:
    """Every answer is what its type says, and no page may frame the API or its docs."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response
