"""Rule packs: YAML files read, checked and turned into ``Rule`` values.

A pack is a directory with a ``pack.yml`` (name, shared vocabulary, layout hints) and one
YAML file per rule; the file name is the rule id. Rules come in five kinds:

- ``phrase``: flag text matching ``patterns`` (unless an ``exceptions`` pattern overlaps it)
  and offer ``suggestions`` to replace it;
- ``required``: when no ``satisfied_by`` pattern occurs, report the reply as lacking
  something and offer a sentence to ``insert``;
- ``length``: report a reply longer than the channel's limit;
- ``signal``: not a check of the reply but a sign, in the customer's message, that the
  customer is upset (``weight`` adds up against the pack's ``upset_threshold``);
- ``learned``: flag a sentence of the reply that reads like the rule's ``bad`` example
  sentences and not like its ``good`` near misses (the sentence encoder's nearest
  neighbours); its ``tests`` are sentences it did not learn from, checked at start-up.

A file that does not follow this shape raises ``RuleFileError`` naming the file, the line and
the reason, so a broken team pack stops start-up instead of silently checking less.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from .findings import SEVERITY_RANK
from .patterns import PatternError, compile_pattern, expand, to_regex

KINDS = ("phrase", "required", "length", "signal", "learned")
LEARNED_MIN_EXAMPLES = 8
LEARNED_MIN_TESTS = 2
CHANNELS = ("email", "chat", "twitter", "generic")
MOODS = ("any", "upset")
INSERT_POSITIONS = ("opening", "closing")

_COMMON_KEYS = {"kind", "category", "severity", "message", "description", "link", "applies", "examples"}
_KIND_KEYS = {
    "phrase": {"patterns", "exceptions", "case_sensitive", "boundaries", "suggestions"},
    "required": {"satisfied_by", "case_sensitive", "not_counting", "insert"},
    "length": {"limits"},
    "signal": {"patterns", "exceptions", "case_sensitive", "boundaries", "weight"},
    "learned": {"threshold", "margin", "tests"},
}
_PACK_KEYS = {"name", "description", "vocabulary", "upset_threshold", "layout", "reading"}
READINGS = ("upset", "calm")


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


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    category: str
    severity: str
    message: str
    path: Path
    description: str = ""
    link: str = ""
    channels: frozenset[str] = frozenset(CHANNELS)
    customer: str = "any"
    patterns: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    suggestions: tuple[SuggestionTemplate, ...] = ()
    not_counting: frozenset[str] = frozenset()
    insert_at: str = "closing"
    insert: Mapping[str, SuggestionTemplate] = field(default_factory=dict)
    limits: Mapping[str, int] = field(default_factory=dict)
    weight: int = 0
    threshold: float = 0.0
    margin: float = 0.0
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    tests_bad: tuple[Example, ...] = ()
    tests_good: tuple[Example, ...] = ()

    def applies_to(self, channel: str, upset: bool) -> bool:
        return channel in self.channels and (self.customer == "any" or upset)

    def insert_for(self, channel: str) -> SuggestionTemplate:
        return self.insert.get(channel) or self.insert["default"]


@dataclass(frozen=True)
class Pack:
    name: str
    path: Path
    description: str = ""
    vocabulary: Mapping[str, str] = field(default_factory=dict)
    upset_threshold: int | None = None
    greetings: tuple[str, ...] = ()
    signoffs: tuple[str, ...] = ()
    reading: Mapping[str, str] = field(default_factory=dict)


def _line(node: Any, key: str | int | None = None) -> int | None:
    """1-based line of ``node`` (or of its ``key``, or of its item at an index) as ruamel recorded it."""
    try:
        if isinstance(key, int):
            return node.lc.item(key)[0] + 1
        return (node.lc.key(key)[0] if key is not None else node.lc.line) + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return None


class _Reader:
    """Reads one YAML file and reports problems with its path and line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.data = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
        except MarkedYAMLError as error:
            mark = error.problem_mark
            raise RuleFileError(path, mark.line + 1 if mark else None, str(error.problem)) from None
        except (OSError, UnicodeDecodeError) as error:
            raise RuleFileError(path, None, f"cannot read the file ({error})") from None
        if not isinstance(self.data, Mapping):
            raise RuleFileError(path, None, "expected a mapping of keys at the top of the file")

    def fail(self, reason: str, node: Any = None, key: str | None = None) -> RuleFileError:
        return RuleFileError(self.path, _line(self.data if node is None else node, key), reason)

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


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "text", int: "a whole number", bool: "true or false", list: "a list", dict: "a mapping"}
    return " or ".join(names.get(k, k.__name__) for k in _as_tuple(kind))


def load_pack(directory: Path, base_vocabulary: Mapping[str, str] | None = None) -> tuple[Pack, list[Rule]]:
    """Read ``pack.yml`` and every rule file of a pack directory."""
    pack_file = directory / "pack.yml"
    if not pack_file.is_file():
        raise RuleFileError(pack_file, None, "a rule pack needs a pack.yml")
    reader = _Reader(pack_file)
    reader.check_keys(_PACK_KEYS)
    vocabulary = dict(base_vocabulary or {})
    own = reader.get("vocabulary", dict, {})
    for name, value in own.items():
        if not isinstance(value, str):
            raise reader.fail(f"vocabulary entry {name!r} must be text", own, name)
        vocabulary[name] = value
    layout = reader.get("layout", dict, {})
    reader.check_keys({"greetings", "signoffs"}, layout)
    reading = reader.get("reading", dict, {})
    reader.check_keys(set(READINGS), reading)
    for mood in READINGS:
        if mood in reading:
            _check_reading(reader, reading, mood)
    pack = Pack(
        name=reader.get("name", str),
        path=directory,
        description=reader.get("description", str, ""),
        vocabulary=vocabulary,
        upset_threshold=reader.get("upset_threshold", int, 0) or None,
        greetings=tuple(_compiled(reader, p, vocabulary, layout, "greetings") for p in reader.strings("greetings", layout)),
        signoffs=tuple(_compiled(reader, p, vocabulary, layout, "signoffs") for p in reader.strings("signoffs", layout)),
        reading=dict(reading),
    )
    rules = [
        load_rule(path, vocabulary)
        for path in sorted(directory.glob("*.yml"))
        if path.name != "pack.yml"
    ]
    return pack, rules


def _check_reading(reader: _Reader, reading: Any, mood: str) -> None:
    """A reason line's template shows the confidence as ``{percent}`` and nothing else in braces."""
    template = reader.get(mood, str, None, reading)
    try:
        filled = template.format(percent="\0")
    except (KeyError, IndexError, ValueError):
        filled = ""
    if "\0" not in filled:
        raise reader.fail(f"reading {mood!r} must show the confidence as {{percent}} (no other braces)", reading, mood)


def _compiled(reader: _Reader, pattern: str, vocabulary: Mapping[str, str], node: Any, key: str,
              *, case_sensitive: bool = False, boundaries: bool = True) -> str:
    """Expand and translate ``pattern``, proving it compiles; errors point at ``key``."""
    try:
        regex = to_regex(expand(pattern, vocabulary), case_sensitive=case_sensitive, boundaries=boundaries)
        compile_pattern(regex)
    except PatternError as error:
        raise reader.fail(str(error), node, key) from None
    return regex


def load_rule(path: Path, vocabulary: Mapping[str, str]) -> Rule:
    """Read and validate one rule file."""
    reader = _Reader(path)
    kind = reader.choice("kind", KINDS, "phrase")
    reader.check_keys(_COMMON_KEYS | _KIND_KEYS[kind])
    case_sensitive = reader.get("case_sensitive", bool, False)
    boundaries = reader.get("boundaries", bool, True)

    def patterns(key: str, required: bool) -> tuple[str, ...]:
        return tuple(
            _compiled(reader, p, vocabulary, reader.data, key, case_sensitive=case_sensitive, boundaries=boundaries)
            for p in reader.strings(key, required=required)
        )

    applies = reader.get("applies", dict, {})
    reader.check_keys({"channels", "customer"}, applies)
    channels = reader.strings("channels", applies) or list(CHANNELS)
    for channel in channels:
        if channel not in CHANNELS:
            raise reader.fail(f"unknown channel {channel!r} (known: {', '.join(CHANNELS)})", applies, "channels")

    fields: dict[str, Any] = {
        "id": path.stem,
        "kind": kind,
        "path": path,
        "category": reader.get("category", str, "customer" if kind == "signal" else None),
        "severity": reader.choice("severity", tuple(SEVERITY_RANK), "suggestion" if kind == "signal" else None),
        "message": reader.get("message", str, "" if kind == "signal" else None),
        "description": reader.get("description", str, ""),
        "link": reader.get("link", str, ""),
        "channels": frozenset(channels),
        "customer": reader.choice("customer", MOODS, "any", applies),
    }
    if kind in ("phrase", "signal"):
        fields["patterns"] = patterns("patterns", True)
        fields["exceptions"] = patterns("exceptions", False)
    if kind == "phrase":
        fields["suggestions"] = tuple(_suggestion(reader, s) for s in reader.get("suggestions", list, None))
        if not fields["suggestions"]:
            raise reader.fail("a phrase rule needs at least one suggestion", reader.data, "suggestions")
    elif kind == "required":
        boundaries = True
        fields["patterns"] = patterns("satisfied_by", True)
        fields["not_counting"] = frozenset(reader.strings("not_counting"))
        insert = reader.get("insert", dict, None)
        reader.check_keys({"at", "text", "label"}, insert)
        fields["insert_at"] = reader.choice("at", INSERT_POSITIONS, "closing", insert)
        fields["insert"] = {
            channel: SuggestionTemplate(text, insert.get("label"))
            for channel, text in _by_channel(reader, insert).items()
        }
    elif kind == "length":
        limits = reader.get("limits", dict, None)
        for channel, limit in limits.items():
            if channel not in CHANNELS or not isinstance(limit, int) or limit <= 0:
                raise reader.fail(f"limit {channel!r} must name a channel and a positive number", limits, channel)
        fields["limits"] = dict(limits)
        fields["channels"] = frozenset(limits)
    elif kind == "signal":
        fields["weight"] = reader.get("weight", int, None)
    else:
        fields["threshold"] = _fraction(reader, "threshold", 0.6)
        fields["margin"] = _fraction(reader, "margin", 0.05)

    fields["bad"], fields["good"] = _examples(reader, "examples", kind, 1, "a rule needs at least one bad and one good example")
    if kind == "learned":
        if min(len(fields["bad"]), len(fields["good"])) < LEARNED_MIN_EXAMPLES:
            raise reader.fail(f"a learned rule needs at least {LEARNED_MIN_EXAMPLES} bad and good example sentences",
                              reader.data, "examples")
        fields["tests_bad"], fields["tests_good"] = _examples(
            reader, "tests", kind, LEARNED_MIN_TESTS,
            f"a learned rule needs at least {LEARNED_MIN_TESTS} bad and good test sentences it does not learn from")
    return Rule(**fields)


def _examples(reader: _Reader, key: str, kind: str, least: int, too_few: str) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    node = reader.get(key, dict, None)
    reader.check_keys({"bad", "good"}, node)

    def read(which: str) -> tuple[Example, ...]:
        values = reader.get(which, list, None, node)
        return tuple(_example(reader, e, bad=which == "bad", kind=kind, line=_line(values, i)) for i, e in enumerate(values))

    bad, good = read("bad"), read("good")
    if min(len(bad), len(good)) < least:
        raise reader.fail(too_few, reader.data, key)
    return bad, good


def _fraction(reader: _Reader, key: str, default: float) -> float:
    value = reader.get(key, (float, int), default)
    if not 0 <= value <= 1:
        raise reader.fail(f"{key!r} must be between 0 and 1", reader.data, key)
    return float(value)


def _by_channel(reader: _Reader, insert: Any) -> dict[str, str]:
    """``text`` is one sentence, or a mapping of channel to sentence with a ``default``."""
    text = reader.get("text", (str, dict), None, insert)
    if isinstance(text, str):
        return {"default": text}
    for channel, value in text.items():
        if channel not in (*CHANNELS, "default") or not isinstance(value, str):
            raise reader.fail(f"insert text for {channel!r} must be text for a channel or 'default'", text, channel)
    if "default" not in text:
        raise reader.fail("insert text by channel needs a 'default'", insert, "text")
    return dict(text)


def _suggestion(reader: _Reader, node: Any) -> SuggestionTemplate:
    if isinstance(node, str):
        return SuggestionTemplate(node)
    if not isinstance(node, Mapping):
        raise reader.fail("a suggestion is text or a mapping with 'text' and 'label'", node)
    reader.check_keys({"text", "label"}, node)
    return SuggestionTemplate(reader.get("text", str, None, node), node.get("label"))


def _example(reader: _Reader, node: Any, *, bad: bool, kind: str, line: int | None = None) -> Example:
    if isinstance(node, str):
        node_map: Mapping[str, Any] = {"text": node}
    elif isinstance(node, Mapping):
        reader.check_keys({"text", "flagged", "fixed", "channel", "customer"}, node)
        node_map, line = node, _line(node)
    else:
        raise reader.fail("an example is text or a mapping with 'text'", node)
    text = node_map.get("text")
    if not isinstance(text, str) or not text:
        raise reader.fail("an example needs non-empty 'text'", node)
    flagged = node_map.get("flagged")
    if bad and kind in ("phrase", "signal") and not flagged:
        raise reader.fail("a bad example of a phrase rule names the 'flagged' text", node)
    if bad and kind == "phrase" and node_map.get("fixed") is None:
        raise reader.fail("a bad example of a phrase rule gives the 'fixed' text", node)
    if flagged is not None and flagged not in text:
        raise reader.fail(f"'flagged' text {flagged!r} does not occur in the example", node, "flagged")
    channel = node_map.get("channel", "generic")
    if channel not in CHANNELS:
        raise reader.fail(f"unknown channel {channel!r}", node, "channel")
    return Example(text, flagged, node_map.get("fixed"), channel, node_map.get("customer"), line)
