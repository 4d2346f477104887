"""``length``: report a reply longer than its channel's limit. Checked by ``checks/length.py``."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..rulefile import CHANNELS, RuleFile
from .base import RuleKind


def read(file: RuleFile, vocabulary: Mapping[str, str], fields: dict[str, Any]) -> None:
    limits = file.get("limits", dict, None)
    for channel, limit in limits.items():
        if channel not in CHANNELS or not isinstance(limit, int) or limit <= 0:
            raise file.fail(f"limit {channel!r} must name a channel and a positive number", limits, channel)
    fields["limits"] = dict(limits)
    fields["channels"] = frozenset(limits)


KIND = RuleKind("length", frozenset({"limits"}), read)
