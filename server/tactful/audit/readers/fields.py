"""Values every reader turns into the same shape: times in UTC and Tactful's channels."""
from __future__ import annotations

from datetime import UTC, datetime

from ...engine.rulefile import CHANNELS

TWITTER_TIME = "%a %b %d %H:%M:%S %z %Y"

CHANNEL_ALIASES = {
    "web": "email", "mail": "email", "api": "email", "web_form": "email", "mobile": "email", "mobile_sdk": "email",
    "chat": "chat", "native_messaging": "chat", "messaging": "chat", "sms": "chat", "whatsapp": "chat",
    "facebook": "chat", "messenger": "chat", "instagram_dm": "chat", "line": "chat", "wechat": "chat",
    "twitter": "twitter", "x": "twitter", "twitter_dm": "chat",
}
"""Zendesk's ``via.channel`` names and other vendors' words for Tactful's channels (which
decide, for instance, whether X's length limit applies). A direct message on X has no 280
limit, so it reads as chat; anything else unknown is checked as ``generic``."""


def utc_time(value: str) -> str:
    """ISO 8601 (``2024-03-01T09:30:00Z``), X's ``Tue Oct 31 22:10:47 +0000 2017`` or Unix
    seconds, as ISO 8601 in UTC; a time without a zone is taken as UTC. ``ValueError`` else."""
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = datetime.strptime(text, TWITTER_TIME)
        except ValueError:
            try:
                moment = datetime.fromtimestamp(float(text), UTC)
            except (ValueError, OverflowError, OSError):
                raise ValueError(f"{value!r} is not a time (ISO 8601, 'Tue Oct 31 22:10:47 +0000 2017' "
                                 "or Unix seconds)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def channel(value: str | None, default: str = "generic") -> str:
    word = (value or "").strip().lower()
    if word in CHANNELS:
        return word
    return CHANNEL_ALIASES.get(word, default)
