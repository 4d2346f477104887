"""The try-it page at ``/`` and the extension code it serves."""
from tactful.app import create_app
from tactful.web import register


def _client():
    app = create_app()
    if "web" not in app.blueprints:
        register(app)
    return app.test_client()


def test_page_is_served_with_security_headers():
    page = _client().get("/")
    assert page.status_code == 200
    assert 'id="reply"' in page.get_data(as_text=True)
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] == "no-referrer"


def test_extension_client_code_is_served_through_the_symlink():
    script = _client().get("/web/static/lib/session.js")
    assert script.status_code == 200
    assert script.mimetype == "text/javascript"
    assert "export class Session" in script.get_data(as_text=True)
    assert "Content-Security-Policy" in script.headers
