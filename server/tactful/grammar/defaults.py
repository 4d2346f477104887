"""The grammar settings' defaults and their reasons, apart so ``config`` can declare them
without importing the modules that use them."""
from __future__ import annotations

LT_VERSION = "6.8"

DEFAULT_BUDGET = 0.8
DEFAULT_DISABLED_RULES: tuple[str, ...] = (
    "EN_QUOTES",
    "CONSECUTIVE_SPACES",
    "WHITESPACE_RULE",
    "SAY_SORRY",
    "THANKS_FOR_CONTACTING_ME",
    "REPEATED_PLEASE",
)
"""LanguageTool rules that fight the product, off unless ``TACTFUL_LT_DISABLED_RULES`` says otherwise.

- ``EN_QUOTES`` (straight vs. curly quotes), ``CONSECUTIVE_SPACES`` and ``WHITESPACE_RULE``
  (double spaces; the second fires once the first is off): typing-surface nags that chat
  widgets and HTML mail render away; the customer never sees them.
- ``SAY_SORRY`` ("say sorry" → "apologize"), ``THANKS_FOR_CONTACTING_ME`` ("contacting us" →
  "reaching out to us") and ``REPEATED_PLEASE``: apology, greeting and politeness wording is
  the tone engine's job; two engines rewording the same phrase contradict each other.
"""

DEFAULT_JAVA_OPTS = (
    "-Xms256m", "-Xmx1g", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
    "-Dfile.encoding=UTF-8", "-Djava.awt.headless=true",
)
"""JVM flags for a 2-core, 24 GB machine shared with the API (``TACTFUL_LT_JAVA_OPTS`` replaces them).

English-only LanguageTool keeps ~150-250 MB live, so 1 GB of heap leaves room for the caches;
the serial collector needs no GC threads competing with gunicorn for two cores, and its pauses
on this heap are milliseconds. Out of memory, the JVM exits and the supervisor starts a clean one
instead of limping on.
"""
