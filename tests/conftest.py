from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tactful.app import create_app
from tactful.config import Settings


@pytest.fixture(scope="session")
def app() -> Flask:
    return create_app(Settings(rate_limit=None))


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()
