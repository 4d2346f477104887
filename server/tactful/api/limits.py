"""What every text sent for checking must be, on /v1 and on the LanguageTool-compatible /v2."""
from __future__ import annotations

from ..engine.offsets import has_lone_surrogate
from .errors import ApiError


def check_text(name: str, value: str | None, limit: int) -> None:
    """Refuse half an emoji (it cannot be sent on to LanguageTool) and text over the limit."""
    if value is None:
        return
    if has_lone_surrogate(value):
        raise ApiError(400, "invalid_text", f"'{name}' contains half of an emoji (a lone surrogate).", name)
    if len(value) > limit:
        raise ApiError(413, "text_too_long", f"'{name}' is {len(value)} characters; the limit is {limit}.", name)
