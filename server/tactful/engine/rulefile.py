"""Reading one rule file: its YAML, its lines, and the pieces every rule kind shares.

Every problem is a ``RuleFileError`` naming the file, the line and the reason, so a broken
team pack stops start-up instead of silently checking less.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from string import Formatter
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from .patterns import PatternError, compile_pattern, expand, to_regex

CHANNELS = ("email", "chat", "twitter", "generic")


class RuleFileError(Exception):
    """A rule or pack file that cannot be used, located by file and line."""

    def __init__(self, path: Path, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class SuggestionTemplate:
    """Replacement text with ``{group}`` references and ``{contact.phone}``-style fields."""

    text: str
    label: str | None = None


@dataclass(frozen=True)
class Example:
    """A reply the rule must flag (``flagged`` span, ``fixed`` result) or leave alone."""

    text: str
    flagged: str | None = None
    fixed: str | None = None
    channel: str = "generic"
    customer: str | None = None
    line: int | None = None


def line_of(node: Any, key: str | int | None = None) -> int | None:
    """1-based line of ``node`` (or of its ``key``, or of its item at an index) as ruamel recorded it."""
    try:
        if isinstance(key, int):
            return node.lc.item(key)[0] + 1
        return (node.lc.key(key)[0] if key is not None else node.lc.line) + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return None


_FIELD = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?")
MAX_FILE = 8 << 20
"""Largest rule file read: the core's biggest (a learned rule's examples) is about 60 KB."""


class RuleFile:
    """Reads one YAML file and reports problems with its path and line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            stat = path.stat()
            if not S_ISREG(stat.st_mode):
                raise RuleFileError(path, None, "not a regular file (a pipe, device or socket would never finish reading)")
            if stat.st_size > MAX_FILE:
                raise RuleFileError(path, None, f"the file is over {MAX_FILE >> 20} MB; a rule file is a few KB")
            self.data = _parse(path, stat.st_mtime_ns, stat.st_size)
        except MarkedYAMLError as error:
            mark = error.problem_mark
            raise RuleFileError(path, mark.line + 1 if mark else None, str(error.problem)) from None
        except (OSError, UnicodeDecodeError) as error:
            raise RuleFileError(path, None, f"cannot read the file ({error})") from None
        except RecursionError:
            raise RuleFileError(path, None, "the YAML nests too deeply") from None
        except ValueError as error:
            raise RuleFileError(path, None, f"a value cannot be read ({error})") from None
        if not isinstance(self.data, Mapping):
            raise RuleFileError(path, None, "expected a mapping of keys at the top of the file")

    def fail(self, reason: str, node: Any = None, key: str | int | None = None) -> RuleFileError:
        return RuleFileError(self.path, line_of(self.data if node is None else node, key), reason)

    def check_keys(self, allowed: set[str], node: Any = None) -> None:
        node = self.data if node is None else node
        for key in node:
            if key not in allowed:
                raise self.fail(f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})", node, key)

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = None, node: Any = None) -> Any:
        node = self.data if node is None else node
        if key not in node:
            if default is None:
                raise self.fail(f"missing required key {key!r}", node)
            return default
        value = node[key]
        if not isinstance(value, kind) or isinstance(value, bool) and bool not in _as_tuple(kind):
            raise self.fail(f"{key!r} must be {_kind_name(kind)}", node, key)
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str | None = None, node: Any = None) -> str:
        value = self.get(key, str, default, node)
        if value not in options:
            raise self.fail(f"{key!r} must be one of {', '.join(options)}, not {value!r}", node, key)
        return value

    def strings(self, key: str, node: Any = None, required: bool = False) -> list[str]:
        node = self.data if node is None else node
        values = self.get(key, list, None if required else [], node)
        if required and not values:
            raise self.fail(f"{key!r} must list at least one entry", node, key)
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                raise self.fail(f"entry {index + 1} of {key!r} must be a non-empty string", values, None)
        return list(values)

    def patterns(self, key: str, vocabulary: Mapping[str, str], *, required: bool,
                 boundaries: bool | None = None) -> tuple[str, ...]:
        """The regular expressions listed under ``key``, expanded and proven to compile.

        ``case_sensitive`` and ``boundaries`` come from the file unless a kind fixes them.
        """
        case_sensitive = self.get("case_sensitive", bool, False)
        bounded = self.get("boundaries", bool, True) if boundaries is None else boundaries
        return tuple(
            compiled(self, p, vocabulary, self.data, key, case_sensitive=case_sensitive, boundaries=bounded)
            for p in self.strings(key, required=required)
        )


@lru_cache(maxsize=1024)
def _parse(path: Path, mtime_ns: int, size: int) -> Any:
    """One parse per process and version of a file (the key includes its time and size):
    round-trip YAML, kept for its line numbers, takes about a second for the core pack's long
    example lists, and tests and tools load the same packs many times. Nothing changes the
    parsed data after loading."""
    text = path.read_text(encoding="utf-8")
    if _deepest_brackets(text) > MAX_BRACKETS:
        raise RecursionError
    return YAML(typ="rt").load(text)


MAX_BRACKETS = 100
"""Deepest ``[``/``{`` nesting a rule file may have, counted over every character (quoted
ones too, so a pattern's own brackets count: the core's deepest is 3). The YAML scanner is
quadratic in nesting: 1,000 levels took 3 s to fail, 20,000 took 6–19 s."""


def _deepest_brackets(text: str) -> int:
    depth = deepest = 0
    for bracket in _BRACKETS.findall(text):
        depth = depth + 1 if bracket in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return deepest


_BRACKETS = re.compile(r"[\[\]{}]")


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "text", int: "a whole number", bool: "true or false", list: "a list", dict: "a mapping"}
    return " or ".join(names.get(k, k.__name__) for k in _as_tuple(kind))


def compiled(reader: RuleFile, pattern: str, vocabulary: Mapping[str, str], node: Any, key: str,
              *, case_sensitive: bool = False, boundaries: bool = True) -> str:
    """Expand and translate ``pattern``, proving it compiles; errors point at ``key``."""
    try:
        regex = to_regex(expand(pattern, vocabulary), case_sensitive=case_sensitive, boundaries=boundaries)
        compile_pattern(regex)
    except PatternError as error:
        raise reader.fail(str(error), node, key) from None
    return regex


def read_examples(reader: RuleFile, key: str, kind: str, least: int, too_few: str, *,
                  flagged: bool = False, fixed: bool = False) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    """The ``bad`` and ``good`` lists under ``key``; ``flagged``/``fixed``: what a bad one must name."""
    node = reader.get(key, dict, None)
    reader.check_keys({"bad", "good"}, node)

    def read(which: str) -> tuple[Example, ...]:
        values = reader.get(which, list, None, node)
        return tuple(_example(reader, e, kind, line_of(values, i), flagged=flagged and which == "bad",
                              fixed=fixed and which == "bad") for i, e in enumerate(values))

    bad, good = read("bad"), read("good")
    if min(len(bad), len(good)) < least:
        raise reader.fail(too_few, reader.data, key)
    return bad, good


def fraction(reader: RuleFile, key: str, default: float) -> float:
    value = reader.get(key, (float, int), default)
    if not 0 <= value <= 1:
        raise reader.fail(f"{key!r} must be between 0 and 1", reader.data, key)
    return float(value)


def by_channel(reader: RuleFile, insert: Any) -> dict[str, tuple[tuple[str, ...], ...]]:
    """``text`` is the sentences to insert, or a mapping of channel to them with a ``default``.

    Sentences are one, or a list tried in order: the first whose details are known is used
    (name the most specific first, ``{problem.sorry}``, and end with one that needs none).
    An entry that is itself a list holds equal alternatives, so replies do not all read alike.
    """
    text = reader.get("text", (str, list, dict), None, insert)
    by = text if isinstance(text, Mapping) else {"default": text}
    if "default" not in by:
        raise reader.fail("insert text by channel needs a 'default'", insert, "text")
    sentences: dict[str, tuple[tuple[str, ...], ...]] = {}
    for channel, value in by.items():
        if channel not in (*CHANNELS, "default"):
            raise reader.fail(f"insert text for {channel!r} must be text for a channel or 'default'", by, channel)
        entries = [value] if isinstance(value, str) else value
        groups = [[e] if isinstance(e, str) else e for e in entries] if isinstance(entries, list) else []
        if not groups or not all(isinstance(g, list) and g and all(isinstance(t, str) and t.strip() for t in g) for g in groups):
            raise reader.fail(f"insert text for {channel!r} must be a sentence or a list of sentences", by, channel)
        sentences[channel] = tuple(tuple(template(reader, t, by, channel) for t in g) for g in groups)
    return sentences


TEMPLATE_FORMATS = ("", "cap", "lower")


def template(reader: RuleFile, text: str, node: Any, key: str | int | None = None) -> str:
    """``text`` once its ``{fields}`` are proven plain: a name, and ``:cap`` or ``:lower`` at
    most. Anything else (``{match:>20000000}`` pads a fix to 20 MB) is refused here."""
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in Formatter().parse(text) if name is not None]
    except ValueError as error:
        raise reader.fail(f"template {text[:60]!r}: {error}", node, key) from None
    for name, spec, conversion in fields:
        if not _FIELD.fullmatch(name) or spec not in TEMPLATE_FORMATS or conversion is not None:
            raise reader.fail(f"template field {{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
                              " must be a name, with :cap or :lower at most", node, key)
    return text


def suggestion(reader: RuleFile, items: list, index: int) -> SuggestionTemplate:
    """Entry ``index`` of a ``suggestions`` list: text, or a mapping with ``text`` and ``label``."""
    node = items[index]
    if isinstance(node, str):
        return SuggestionTemplate(template(reader, node, items, index))
    if not isinstance(node, Mapping):
        raise reader.fail("a suggestion is text or a mapping with 'text' and 'label'", node)
    reader.check_keys({"text", "label"}, node)
    return SuggestionTemplate(template(reader, reader.get("text", str, None, node), node, "text"), node.get("label"))


def _example(reader: RuleFile, node: Any, kind: str, line: int | None, *, flagged: bool, fixed: bool) -> Example:
    if isinstance(node, str):
        node_map: Mapping[str, Any] = {"text": node}
    elif isinstance(node, Mapping):
        reader.check_keys({"text", "flagged", "fixed", "channel", "customer"}, node)
        node_map, line = node, line_of(node)
    else:
        raise reader.fail("an example is text or a mapping with 'text'", node)
    text = node_map.get("text")
    if not isinstance(text, str) or not text:
        raise reader.fail("an example needs non-empty 'text'", node)
    span = node_map.get("flagged")
    if flagged and not span:
        raise reader.fail(f"a bad example of a {kind} rule names the 'flagged' text", node)
    if fixed and node_map.get("fixed") is None:
        raise reader.fail(f"a bad example of a {kind} rule gives the 'fixed' text", node)
    if span is not None and span not in text:
        raise reader.fail(f"'flagged' text {span!r} does not occur in the example", node, "flagged")
    channel = node_map.get("channel", "generic")
    if channel not in CHANNELS:
        raise reader.fail(f"unknown channel {channel!r}", node, "channel")
    return Example(text, span, node_map.get("fixed"), channel, node_map.get("customer"), line)
