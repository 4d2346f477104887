"""The try-it page at ``/`` and the extension code it serves."""
from flask.testing import FlaskClient

from tactful.api.protection import hash_key
from tactful.app import create_app
from tactful.config import Settings


def test_page_is_served_with_security_headers(client: FlaskClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'id="reply"' in page.get_data(as_text=True)
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] == "no-referrer"


def test_extension_client_code_is_served_through_the_symlink(client: FlaskClient) -> None:
    script = client.get("/web/static/lib/session.js")
    assert script.status_code == 200
    assert script.mimetype == "text/javascript"
    assert "export class Session" in script.get_data(as_text=True)
    assert "Content-Security-Policy" in script.headers


def test_with_api_keys_the_page_stays_open_and_asks_for_a_key(client: FlaskClient) -> None:
    keyed = create_app(Settings(api_key_hashes=frozenset({hash_key("k-123")}), rate_limit=None)).test_client()
    page = keyed.get("/")
    assert page.status_code == 200 and 'id="key"' in page.get_data(as_text=True)
    assert keyed.get("/web/static/app.js").status_code == 200
    assert keyed.post("/v1/check", json={"text": "Calm down."}).status_code == 401
    assert 'id="key"' not in client.get("/").get_data(as_text=True)
