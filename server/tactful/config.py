"""Settings from the environment, read once when the app is created.

| variable | meaning | default |
| --- | --- | --- |
| ``TACTFUL_RULE_PACKS`` | extra rule-pack directories, separated by ``:`` | none |
| ``TACTFUL_CORS_ORIGINS`` | allowed browser origins, comma-separated (``*`` wildcards) | browser extensions and localhost |
| ``TACTFUL_MAX_TEXT`` | longest reply or customer message accepted, in characters | 20000 |
| ``TACTFUL_API_KEYS`` | SHA-256 digests of accepted API keys, comma-separated | none: no key needed |
| ``TACTFUL_API_KEYS_FILE`` | a file of digests, one per line (``#`` comments) | none |
| ``TACTFUL_RATE_LIMIT`` | requests per key or address, e.g. ``600/minute``; ``off`` to disable | 600/minute |
| ``TACTFUL_RATE_LIMIT_STORAGE`` | where counts live: ``memory://`` (per worker) or ``redis://host:6379`` (shared) | memory:// |
| ``TACTFUL_TRUSTED_PROXIES`` | load balancers in front whose X-Forwarded-For to trust | 0 |
| ``TACTFUL_GRAMMAR`` | ``off`` (or ``0``, ``false``, ``no``) for tone checks only (more LanguageTool settings: docs/grammar.md) | on |
| ``TACTFUL_MODELS`` | folder of the encoder and heads, with its ``SHA256SUMS`` | ``models/`` of the project |
| ``TACTFUL_UPSET_THRESHOLD`` | probability from which the customer reads as upset, between 0 and 1 | 0.4 |

``Settings()`` built in code has grammar off, so tests and embedders opt in explicitly.
"""
from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import limits

from .grammar.state import grammar_off
from .learned.customer import DEFAULT_THRESHOLD
from .learned.files import MODELS

_SHA256 = re.compile(r"[0-9a-f]{64}")
DEFAULT_ORIGINS = (
    "chrome-extension://*",
    "moz-extension://*",
    "safari-web-extension://*",
    "http://localhost",
    "http://localhost:*",
    "http://127.0.0.1",
    "http://127.0.0.1:*",
)


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

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        packs = tuple(Path(p) for p in env.get("TACTFUL_RULE_PACKS", "").split(os.pathsep) if p)
        origins = tuple(o.strip() for o in env.get("TACTFUL_CORS_ORIGINS", "").split(",") if o.strip())
        return cls(
            rule_packs=packs,
            cors_origins=origins or DEFAULT_ORIGINS,
            max_text_length=_whole_number(env, "TACTFUL_MAX_TEXT", cls.max_text_length, least=1),
            api_key_hashes=_digests(env),
            rate_limit=_rate_limit(env, cls.rate_limit or ""),
            rate_limit_storage=env.get("TACTFUL_RATE_LIMIT_STORAGE", cls.rate_limit_storage),
            trusted_proxies=_whole_number(env, "TACTFUL_TRUSTED_PROXIES", 0, least=0),
            grammar=not grammar_off(env),
            upset_threshold=_probability(env, "TACTFUL_UPSET_THRESHOLD", cls.upset_threshold),
            models=Path(env.get("TACTFUL_MODELS") or cls.models),
        )


def _whole_number(env: Mapping[str, str], name: str, default: int, least: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < least:
        raise ValueError(f"{name} must be a whole number of at least {least}, not {raw!r}")
    return int(raw)


def _rate_limit(env: Mapping[str, str], default: str) -> str | None:
    """A limit the rate limiter understands ("600/minute", "10 per second"), or none for ``off``;
    checked here, since the limiter only reads it at the first request (and then answers 500)."""
    raw = env.get("TACTFUL_RATE_LIMIT", default).strip()
    if raw.lower() in ("", "off", "none"):
        return None
    try:
        limits.parse(raw)
    except ValueError:
        raise ValueError(f"TACTFUL_RATE_LIMIT must look like 600/minute or 10 per second (or off), not {raw!r}") from None
    return raw


def _probability(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not 0.0 < value < 1.0:
        raise ValueError(f"{name} must be a number between 0 and 1 (exclusive), not {raw!r}")
    return value


def _digests(env: Mapping[str, str]) -> frozenset[str]:
    """API key digests from the variable and the file; anything not a SHA-256 digest is refused."""
    entries = [d.strip() for d in env.get("TACTFUL_API_KEYS", "").split(",")]
    if env.get("TACTFUL_API_KEYS_FILE"):
        lines = Path(env["TACTFUL_API_KEYS_FILE"]).read_text(encoding="utf-8").splitlines()
        entries += [line.split("#", 1)[0].strip() for line in lines]
    digests = frozenset(d.lower() for d in entries if d)
    bad = [d for d in digests if not _SHA256.fullmatch(d)]
    if bad:
        raise ValueError("TACTFUL_API_KEYS must hold SHA-256 hex digests (see `tactful key new`), not keys")
    return digests
