"""The application factory: ``create_app()`` loads the rule packs once and wires the API."""
from __future__ import annotations

from flask import Flask
from flask_cors import CORS

from . import web
from .api import errors, openapi, protection, v1, v2
from .config import Settings, origin_pattern
from .engine.checker import Checker
from .engine.rulebook import load_rulebook
from .grammar.client import GrammarChecker

BODY_LIMIT = 256 * 1024


def create_app(settings: Settings | None = None) -> Flask:
    """Build the app; a broken rule pack raises ``RuleFileError`` here, before serving."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config.update(TACTFUL_SETTINGS=settings, MAX_CONTENT_LENGTH=BODY_LIMIT, JSON_SORT_KEYS=False)
    app.json.sort_keys = False
    app.extensions["tactful.checker"] = Checker(load_rulebook(settings.rule_packs))
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
    return app
