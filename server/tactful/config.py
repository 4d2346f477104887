"""Settings from the environment, read once when the app is created.

| variable | meaning | default |
| --- | --- | --- |
| ``TACTFUL_RULE_PACKS`` | extra rule-pack directories, separated by ``:`` | none |
| ``TACTFUL_CORS_ORIGINS`` | allowed browser origins, comma-separated (``*`` wildcards) | browser extensions and localhost |
| ``TACTFUL_MAX_TEXT`` | longest reply or customer message accepted, in characters | 20000 |
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

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
    """An origin with ``*`` wildcards as an anchored regular expression for flask-cors."""
    return re.compile("^" + ".*".join(re.escape(part) for part in origin.split("*")) + "$")


@dataclass(frozen=True)
class Settings:
    rule_packs: tuple[Path, ...] = ()
    cors_origins: tuple[str, ...] = DEFAULT_ORIGINS
    max_text_length: int = 20_000

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        packs = tuple(Path(p) for p in env.get("TACTFUL_RULE_PACKS", "").split(os.pathsep) if p)
        origins = tuple(o.strip() for o in env.get("TACTFUL_CORS_ORIGINS", "").split(",") if o.strip())
        return cls(
            rule_packs=packs,
            cors_origins=origins or DEFAULT_ORIGINS,
            max_text_length=int(env.get("TACTFUL_MAX_TEXT", cls.max_text_length)),
        )
