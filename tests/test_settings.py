"""One settings object: every variable declared, validated and documented in one place."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tactful.config import Settings, table

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "server" / "tactful"


def test_the_readme_table_is_the_one_config_declares() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- settings:", 1)[1].split("-->", 1)[1].split("<!-- /settings -->", 1)[0]
    assert block.strip() == table()


def _environment_reads(path: Path) -> list[str]:
    """``os.environ[...]``, ``os.environ.get(...)`` and ``os.getenv(...)`` that read a value."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        target = None
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            target = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "getenv"):
            target = node.func.value if node.func.attr == "get" else node.func
        if target is not None and "environ" in ast.unparse(target) or (
                isinstance(node, ast.Call) and ast.unparse(node.func) == "os.getenv"):
            argument = node.slice if isinstance(node, ast.Subscript) else node.args[0] if node.args else None
            if not (isinstance(argument, ast.Constant) and argument.value == "JAVA_HOME"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_module_but_config_reads_the_environment() -> None:
    reads = [read for path in PACKAGE.rglob("*.py") if path.name != "config.py" for read in _environment_reads(path)]
    assert reads == []


@pytest.mark.parametrize(("env", "says"), [
    ({"TACTFUL_WORKERS": "two"}, "TACTFUL_WORKERS='two' is not allowed (Not a valid integer.): it takes a whole number"),
    ({"TACTFUL_LT_TIMEOUT": "0"}, "TACTFUL_LT_TIMEOUT='0' is not allowed"),
    ({"TACTFUL_LT_PORT": "70000"}, "it takes a port from 1 to 65535"),
    ({"TACTFUL_LT_JAVA_OPTS": '-Xmx1g "-Dunclosed'}, "TACTFUL_LT_JAVA_OPTS"),
    ({"TACTFUL_UPSET_THRESHOLD": "1"}, "it takes a number between 0 and 1"),
])
def test_a_bad_value_names_the_variable_the_value_and_what_it_takes(env: dict[str, str], says: str) -> None:
    with pytest.raises(ValueError) as refused:
        Settings.from_env(env)
    assert says in str(refused.value) and str(refused.value).startswith(next(iter(env)))


def test_every_bad_variable_is_named_at_once() -> None:
    with pytest.raises(ValueError) as refused:
        Settings.from_env({"TACTFUL_MAX_TEXT": "20k", "TACTFUL_GRAMMAR": "maybe", "TACTFUL_BIND": "127.0.0.1:9"})
    assert "TACTFUL_MAX_TEXT='20k'" in str(refused.value) and "TACTFUL_GRAMMAR='maybe'" in str(refused.value)


def test_an_api_key_given_instead_of_its_digest_is_not_repeated_in_the_error() -> None:
    with pytest.raises(ValueError) as refused:
        Settings.from_env({"TACTFUL_API_KEYS": "my-secret-key"})
    assert "my-secret-key" not in str(refused.value) and "tactful key new" in str(refused.value)


def test_the_grammar_settings_come_from_the_environment() -> None:
    settings = Settings.from_env({"TACTFUL_LT_TIMEOUT": "1.5", "TACTFUL_LT_DISABLED_RULES": "", "TACTFUL_LT_PORT": "8199",
                                  "TACTFUL_LT_JAVA_OPTS": "-Xmx2g -Da=b", "TACTFUL_WORKERS": "3"})
    assert (settings.lt_timeout, settings.lt_disabled_rules, settings.lt_port) == (1.5, (), 8199)
    assert (settings.lt_java_opts, settings.workers) == (("-Xmx2g", "-Da=b"), 3)


def test_gunicorn_refuses_to_start_on_a_bad_value_with_one_line() -> None:
    started = subprocess.run([sys.executable, "-m", "gunicorn", "wsgi:app"], cwd=ROOT, capture_output=True, text=True,
                             timeout=60, env={"PATH": "/usr/bin:/bin", "TACTFUL_WORKERS": "0", "HOME": str(Path.home())}, check=False)
    assert started.returncode != 0
    assert "TACTFUL_WORKERS='0' is not allowed" in started.stderr and "Traceback" not in started.stderr
