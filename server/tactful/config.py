"""Every setting, read from the environment and validated in one place.

``VARIABLES`` is a marshmallow schema with one field per ``TACTFUL_*`` variable: its type, its
default, what it means and what it accepts. ``Settings.from_env()`` loads the environment
through it, so a bad value stops start-up with the variable, the value and what is allowed,
and every module takes its settings from the ``Settings`` it is given or from ``current()``;
no other module reads the environment. The README's table is ``python -m tactful.config``
(a test keeps the two the same).

``Settings()`` built in code has grammar off, so tests and embedders opt in explicitly.
"""
from __future__ import annotations

import os
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import limits
from marshmallow import EXCLUDE, Schema, ValidationError, post_load, validate
from marshmallow import fields as ma

from .grammar.defaults import (
    DEFAULT_BUDGET,
    DEFAULT_DISABLED_RULES,
    DEFAULT_JAVA_OPTS,
    LT_VERSION,
)
from .learned.customer import DEFAULT_THRESHOLD
from .learned.files import MODELS

_SHA256 = re.compile(r"[0-9a-f]{64}")
_OFF = ("off", "0", "false", "no")
_ON = ("on", "1", "true", "yes")
DEFAULT_ORIGINS = (
    "chrome-extension://*",
    "moz-extension://*",
    "safari-web-extension://*",
    "http://localhost",
    "http://localhost:*",
    "http://127.0.0.1",
    "http://127.0.0.1:*",
)
DEFAULT_LT_HOME = Path.home() / ".cache" / "tactful" / f"languagetool-{LT_VERSION}"


def origin_pattern(origin: str) -> re.Pattern[str]:
    """An origin with ``*`` wildcards as an anchored regular expression for flask-cors.

    A wildcard stands for letters, digits, dots and dashes only (a port, a subdomain, an
    extension id), so ``http://localhost:*`` does not match ``http://localhost:80@evil.example``.
    """
    return re.compile("^" + "[A-Za-z0-9.-]*".join(re.escape(part) for part in origin.split("*")) + "$")


@dataclass(frozen=True)
class Settings:
    rule_packs: tuple[Path, ...] = ()
    cors_origins: tuple[str, ...] = DEFAULT_ORIGINS
    max_text_length: int = 20_000
    api_key_hashes: frozenset[str] = frozenset()
    rate_limit: str | None = "600/minute"
    rate_limit_storage: str = "memory://"
    trusted_proxies: int = 0
    grammar: bool = False
    upset_threshold: float = DEFAULT_THRESHOLD
    models: Path = MODELS
    bind: str = "127.0.0.1:8080"
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    lt_url: str | None = None
    lt_home: Path = DEFAULT_LT_HOME
    lt_port: int | None = None
    lt_java_opts: tuple[str, ...] = DEFAULT_JAVA_OPTS
    lt_timeout: float = DEFAULT_BUDGET
    lt_disabled_rules: tuple[str, ...] = DEFAULT_DISABLED_RULES
    lt_breaker_failures: int = 3
    lt_breaker_cooldown: float = 30.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        """The settings the environment gives; ``ValueError`` naming every bad variable."""
        raw = {name: value for name, value in env.items()
               if name in _NAMES and (value.strip() or name in _EMPTY_MEANS_NONE)}
        try:
            return cls(**VARIABLES.load(raw))
        except ValidationError as error:
            raise ValueError("; ".join(_explain(name, raw.get(name, ""), problems)
                                       for name, problems in error.normalized_messages().items())) from None


def current() -> Settings:
    """The settings of this process's environment, parsed once for as long as it is unchanged
    (a test that sets a variable gets settings that say so)."""
    return _parsed(tuple(sorted((k, v) for k, v in os.environ.items() if k in _NAMES)))


@lru_cache(maxsize=8)
def _parsed(items: tuple[tuple[str, str], ...]) -> Settings:
    return Settings.from_env(dict(items))


def _explain(name: str, value: str, problems: Any) -> str:
    """``NAME='value' is not allowed (reason): it takes …``; a secret's value is not repeated."""
    variable = _FIELDS[name]
    reason = problems[0] if isinstance(problems, list) else problems
    shown = "" if variable.metadata.get("secret") else f"={value!r}"
    return f"{name}{shown} is not allowed ({reason}): it takes {variable.metadata['accepts']}"


class _Text(ma.String):
    """A value with surrounding spaces removed; empty counts as not set."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        return text or None


class _List(ma.Field):
    """Items separated by ``separator``, spaces around them removed, empty ones dropped."""

    def __init__(self, separator: str, item: type = str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.separator, self.item = separator, item

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> tuple[Any, ...]:
        return tuple(self.item(part.strip()) for part in str(value).split(self.separator) if part.strip())


class _Switch(ma.Field):
    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        word = str(value).strip().lower()
        if word in _ON or word == "":
            return True
        if word in _OFF:
            return False
        raise ValidationError("not on or off")


class _RateLimit(ma.Field):
    """Checked here: the limiter only reads it at the first request, and then answers 500."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str | None:
        text = str(value).strip()
        if text.lower() in ("off", "none"):
            return _OFF[0]
        try:
            limits.parse(text)
        except ValueError:
            raise ValidationError("not a rate") from None
        return text


class _JavaOpts(ma.Field):
    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> tuple[str, ...]:
        try:
            return tuple(shlex.split(str(value)))
        except ValueError as error:
            raise ValidationError(str(error)) from None


def _variable(kind: ma.Field, meaning: str, default: str, accepts: str, secret: bool = False) -> ma.Field:
    kind.metadata = {**kind.metadata, "meaning": meaning, "default": default, "accepts": accepts, "secret": secret}
    return kind


def _number(kind: type[ma.Number], least: float, most: float | None = None, *, data_key: str,
            min_inclusive: bool = True, max_inclusive: bool = True) -> ma.Field:
    bounds = validate.Range(min=least, max=most, min_inclusive=min_inclusive, max_inclusive=max_inclusive)
    return kind(validate=bounds, data_key=data_key)


class _Variables(Schema):
    """Field names are ``Settings``' fields; ``data_key`` is the variable."""

    class Meta:
        unknown = EXCLUDE

    bind = _variable(_Text(data_key="TACTFUL_BIND"), "where `./scripts/serve` listens", "`127.0.0.1:8080`",
                     "host:port")
    workers = _variable(_number(ma.Integer, 1, data_key="TACTFUL_WORKERS"), "gunicorn workers", "one per core",
                        "a whole number of at least 1")
    rule_packs = _variable(_List(os.pathsep, Path, data_key="TACTFUL_RULE_PACKS"),
                           "team rule packs, `:`-separated", "none", "folders separated by `:`")
    cors_origins = _variable(
        _List(",", data_key="TACTFUL_CORS_ORIGINS"), "allowed browser origins, comma-separated, `*` wildcards",
        "`chrome-extension://*`, `moz-extension://*`, `safari-web-extension://*`, `http://localhost[:*]`, "
        "`http://127.0.0.1[:*]`", "origins separated by commas")
    max_text_length = _variable(
        _number(ma.Integer, 1, data_key="TACTFUL_MAX_TEXT"),
        "longest reply or customer message, in characters (Unicode code points: an emoji is one)", "20000",
        "a whole number of at least 1")
    api_keys = _variable(_List(",", data_key="TACTFUL_API_KEYS"),
                         "SHA-256 digests of accepted API keys, comma-separated (`tactful key new`)",
                         "none: no key needed", "SHA-256 hex digests separated by commas", secret=True)
    api_keys_file = _variable(_Text(data_key="TACTFUL_API_KEYS_FILE"),
                              "a file of digests, one per line, `#` comments", "none", "a readable file")
    rate_limit = _variable(
        _RateLimit(data_key="TACTFUL_RATE_LIMIT"),
        "requests per API key (or per client address without keys); `off` to disable", "`600/minute`",
        "a rate such as `600/minute` or `10 per second`, or `off`")
    rate_limit_storage = _variable(
        _Text(data_key="TACTFUL_RATE_LIMIT_STORAGE"),
        "`memory://` (counted per worker) or `redis://host:6379` (shared by every worker and instance)",
        "`memory://`", "a storage URL")
    trusted_proxies = _variable(_number(ma.Integer, 0, data_key="TACTFUL_TRUSTED_PROXIES"),
                                "how many load balancers in front to trust for `X-Forwarded-For`", "0",
                                "a whole number of at least 0")
    upset_threshold = _variable(
        _number(ma.Float, 0, 1, min_inclusive=False, max_inclusive=False, data_key="TACTFUL_UPSET_THRESHOLD"),
        "probability from which the customer reads as upset", "0.4", "a number between 0 and 1")
    models = _variable(_Text(data_key="TACTFUL_MODELS"), "folder of the encoder and heads, with their `SHA256SUMS`",
                       "`models/`", "a folder")
    grammar = _variable(_Switch(data_key="TACTFUL_GRAMMAR"), "grammar and spelling from LanguageTool", "on",
                        "`on` or `off` (also 1/0, true/false, yes/no)")
    lt_url = _variable(_Text(data_key="TACTFUL_LT_URL"),
                       "a LanguageTool server to use instead of starting one here", "none: one is started here",
                       "a URL")
    lt_home = _variable(_Text(data_key="TACTFUL_LT_HOME"),
                        "LanguageTool's jars (`libs/`), its settings, log and `server.json`",
                        f"`~/.cache/tactful/languagetool-{LT_VERSION}`", "a folder")
    lt_port = _variable(_number(ma.Integer, 1, 65535, data_key="TACTFUL_LT_PORT"),
                        "loopback port of the local LanguageTool", "a free port", "a port from 1 to 65535")
    lt_java_opts = _variable(_JavaOpts(data_key="TACTFUL_LT_JAVA_OPTS"), "replaces LanguageTool's JVM flags",
                             "`" + " ".join(DEFAULT_JAVA_OPTS[:4]) + " …`", "JVM flags as a shell would split them")
    lt_timeout = _variable(
        _number(ma.Float, 0, 60, min_inclusive=False, data_key="TACTFUL_LT_TIMEOUT"),
        "seconds one grammar check may take, connect to last byte; LanguageTool itself stops a "
        "check 1 s after it", f"`{DEFAULT_BUDGET}`", "seconds, above 0 and at most 60")
    lt_disabled_rules = _variable(
        _List(",", data_key="TACTFUL_LT_DISABLED_RULES"),
        "LanguageTool rules left out, comma-separated; empty: none (why these: `grammar/defaults.py`)",
        "`" + ",".join(DEFAULT_DISABLED_RULES) + "`", "rule ids separated by commas")
    lt_breaker_failures = _variable(_number(ma.Integer, 1, data_key="TACTFUL_LT_BREAKER_FAILURES"),
                                    "consecutive failures that pause grammar", "3", "a whole number of at least 1")
    lt_breaker_cooldown = _variable(_number(ma.Float, 0, data_key="TACTFUL_LT_BREAKER_COOLDOWN"),
                                    "seconds grammar stays paused before one trial call", "30",
                                    "seconds, at least 0")

    @post_load
    def _settings(self, values: dict[str, Any], **_: Any) -> dict[str, Any]:
        """Unset variables take ``Settings``' defaults; grammar is on unless switched off."""
        values = {name: value for name, value in values.items() if value is not None}
        values.setdefault("grammar", True)
        for name in ("models", "lt_home"):
            if name in values:
                values[name] = Path(values[name]).expanduser()
        values["api_key_hashes"] = _digests(values.pop("api_keys", ()), values.pop("api_keys_file", None))
        if values.get("rate_limit") == _OFF[0]:
            values["rate_limit"] = None
        return values


def _digests(entries: tuple[str, ...], path: str | None) -> frozenset[str]:
    """API key digests from the variable and the file; anything not a SHA-256 digest is refused."""
    found = list(entries)
    if path:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise ValidationError(f"cannot read it ({error.strerror})", "TACTFUL_API_KEYS_FILE") from None
        found += [line.split("#", 1)[0].strip() for line in lines]
    digests = frozenset(d.lower() for d in found if d)
    if any(not _SHA256.fullmatch(d) for d in digests):
        raise ValidationError("keys, not their digests (see `tactful key new`)", "TACTFUL_API_KEYS")
    return digests


VARIABLES = _Variables()
_FIELDS = {f.data_key: f for f in VARIABLES.fields.values() if f.data_key}
_NAMES = frozenset(_FIELDS)
_EMPTY_MEANS_NONE = frozenset({"TACTFUL_LT_DISABLED_RULES"})


def table() -> str:
    """The README's table of variables."""
    rows = ["| variable | meaning | default |", "| --- | --- | --- |"]
    rows += [f"| `{name}` | {f.metadata['meaning']} | {f.metadata['default']} |" for name, f in _FIELDS.items()]
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
