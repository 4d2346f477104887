"""WSGI entry point: ``gunicorn wsgi:app``.

A broken rule pack, model file or setting stops start-up with one line naming it, not a
traceback and not a server that quietly checks less.
"""
import sys

from tactful.app import create_app
from tactful.engine.rules import RuleFileError
from tactful.learned.files import ModelFileError

try:
    app = create_app()
except (RuleFileError, ModelFileError, ValueError) as error:
    sys.exit(f"tactful: cannot start: {error}")
