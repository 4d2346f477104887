"""Serves the real Tactful Flask app on 127.0.0.1:PORT for the extension's end-to-end tests.

The web page's blueprint is registered here only if ``create_app`` does not do it yet.
"""
import sys

from werkzeug.serving import WSGIRequestHandler, make_server

from tactful.app import create_app
from tactful.web import register

app = create_app()
if "web" not in app.blueprints:
    register(app)


class QuietHandler(WSGIRequestHandler):
    """Keeps the test output readable: no access log line per request."""

    def log_request(self, *args, **kwargs) -> None:
        pass


make_server("127.0.0.1", int(sys.argv[1]), app, threaded=True, request_handler=QuietHandler).serve_forever()
