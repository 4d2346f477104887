"""Read by ``gunicorn wsgi:app``; the settings and their reasons live in the package."""
from tactful.gunicorn_config import *  # noqa: F401,F403
