"""WSGI entry point: ``gunicorn wsgi:app``."""
from tactful.app import create_app

app = create_app()
