"""Rule packs: YAML files read, checked and turned into ``Rule`` values.

A pack is a directory with a ``pack.yml`` (name, shared vocabulary, layout hints) and one
YAML file per rule; the file name is the rule id. Every rule has the common keys below; what
else it holds depends on its kind, one module each in ``kinds/`` (phrase, required, length,
signal, learned). A file that does not follow this shape raises ``RuleFileError`` naming the
file, the line and the reason, so a broken team pack stops start-up instead of silently
checking less.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .findings import SEVERITY_RANK, Severity
from .kinds import KINDS
from .rulefile import (
    CHANNELS,
    Example,
    RuleFile,
    RuleFileError,
    SuggestionTemplate,
    compiled,
    read_examples,
)
from .spelling import DIALECT_ID, Dialect, Spelling, SpellingError, read_table

MOODS = ("any", "upset")
READINGS = ("upset", "calm")
_COMMON_KEYS = {"kind", "category", "severity", "message", "description", "link", "applies", "examples"}
_PACK_KEYS = {"name", "description", "vocabulary", "upset_threshold", "layout", "reading", "near_misses", "fit", "categories",
              "dialects", "spelling"}
LAYERS = ("tone", "proofreading", "reading")
"""What a category is about: the reply's tone, its spelling and grammar, or the customer's message."""
_CATEGORY_ID = re.compile(r"[a-z][a-z0-9-]{0,39}")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
FIT_KEYS = ("clause", "wants_noun", "joins", "open_ends")


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    category: str
    severity: Severity
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
    insert: Mapping[str, tuple[tuple[SuggestionTemplate, ...], ...]] = field(default_factory=dict)
    limits: Mapping[str, int] = field(default_factory=dict)
    weight: int = 0
    sorry: str = ""
    about: str = ""
    threshold: float = 0.0
    margin: float = 0.0
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    tests_bad: tuple[Example, ...] = ()
    tests_good: tuple[Example, ...] = ()

    def applies_to(self, channel: str, upset: bool) -> bool:
        return channel in self.channels and (self.customer == "any" or upset)

    def insert_for(self, channel: str) -> tuple[tuple[SuggestionTemplate, ...], ...]:
        return self.insert.get(channel) or self.insert["default"]


@dataclass(frozen=True)
class Category:
    """How findings of one kind are shown: declared once in a pack, served by ``/v1/rules``."""

    id: str
    label: str
    colour: str
    layer: str


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
    near_misses: tuple[str, ...] = ()
    fit: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    categories: tuple[Category, ...] = ()
    dialects: tuple[Dialect, ...] = ()
    spelling: Spelling | None = None


def load_pack(directory: Path, base_vocabulary: Mapping[str, str] | None = None) -> tuple[Pack, list[Rule]]:
    """Read ``pack.yml`` and every rule file of a pack directory."""
    pack_file = directory / "pack.yml"
    if not pack_file.is_file():
        raise RuleFileError(pack_file, None, "a rule pack needs a pack.yml")
    reader = RuleFile(pack_file)
    reader.check_keys(_PACK_KEYS)
    vocabulary = dict(base_vocabulary or {})
    own = reader.get("vocabulary", dict, {})
    for name, value in own.items():
        if not isinstance(value, str):
            raise reader.fail(f"vocabulary entry {name!r} must be text", own, name)
        vocabulary[name] = value
    layout = reader.get("layout", dict, {})
    reader.check_keys({"greetings", "signoffs"}, layout)
    fit = reader.get("fit", dict, {})
    reader.check_keys(set(FIT_KEYS), fit)
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
        greetings=tuple(compiled(reader, p, vocabulary, layout, "greetings") for p in reader.strings("greetings", layout)),
        signoffs=tuple(compiled(reader, p, vocabulary, layout, "signoffs") for p in reader.strings("signoffs", layout)),
        reading=dict(reading),
        near_misses=_near_misses(reader, directory),
        fit={key: tuple(reader.strings(key, fit)) for key in FIT_KEYS if key in fit},
        categories=_categories(reader),
        dialects=read_dialects(reader),
        spelling=_spelling(reader, directory),
    )
    rules = [
        load_rule(path, vocabulary)
        for path in sorted(directory.glob("*.yml"))
        if path.name != "pack.yml"
    ]
    return pack, rules


def _categories(reader: RuleFile) -> tuple[Category, ...]:
    """``categories``: a list of ``{id, label, colour, layer}`` in the order they are shown."""
    entries = reader.get("categories", list, [])
    found = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, Mapping):
            raise reader.fail("a category is a mapping with id, label, colour and layer", entries, index)
        reader.check_keys({"id", "label", "colour", "layer"}, entry)
        raw = {key: entry.get(key) for key in ("id", "label", "colour", "layer")}
        if not all(isinstance(value, str) for value in raw.values()):
            raise reader.fail("a category needs id, label, colour and layer, each as text", entries, index)
        category = Category(**{key: str(value) for key, value in raw.items()})
        if not _CATEGORY_ID.fullmatch(category.id):
            raise reader.fail(f"category id {category.id!r}: lowercase letters, digits and dashes", entry, "id")
        if not _COLOUR.fullmatch(category.colour):
            raise reader.fail(f"category colour {category.colour!r}: #rrggbb", entry, "colour")
        if category.layer not in LAYERS:
            raise reader.fail(f"category layer {category.layer!r}: one of {', '.join(LAYERS)}", entry, "layer")
        found.append(category)
    return tuple(found)


def read_dialects(reader: RuleFile) -> tuple[Dialect, ...]:
    """``dialects``: a list of ``{id, label}``, LanguageTool's codes, in the order they are offered."""
    entries = reader.get("dialects", list, [])
    found = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, Mapping) or not all(isinstance(entry.get(key), str) for key in ("id", "label")):
            raise reader.fail("a dialect is a mapping with an id (en-GB) and a label, each as text", entries, index)
        reader.check_keys({"id", "label"}, entry)
        if not DIALECT_ID.fullmatch(entry["id"]):
            raise reader.fail(f"dialect id {entry['id']!r}: a language code such as en-GB", entry, "id")
        found.append(Dialect(entry["id"], entry["label"]))
    return tuple(found)


def _spelling(reader: RuleFile, directory: Path) -> Spelling | None:
    name = reader.get("spelling", str, "")
    if not name:
        return None
    path = directory / name
    try:
        return read_table(path)
    except (OSError, UnicodeDecodeError) as error:
        raise reader.fail(f"cannot read the spelling table {path} ({error})", reader.data, "spelling") from None
    except SpellingError as error:
        raise RuleFileError(path, error.line, error.reason) from None


def _near_misses(reader: RuleFile, directory: Path) -> tuple[str, ...]:
    """Ordinary fine reply sentences, one a line, that every learned rule is judged against
    beside its own ``good`` examples: real agents write fine and deflecting sentences in the
    same words, and a few near misses per rule cannot cover all the fine ones."""
    name = reader.get("near_misses", str, "")
    if not name:
        return ()
    path = directory / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise reader.fail(f"cannot read the near misses in {path} ({error})", reader.data, "near_misses") from None
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _check_reading(reader: RuleFile, reading: Any, mood: str) -> None:
    """A reason line's template shows the confidence as ``{percent}`` and nothing else in braces."""
    template = reader.get(mood, str, None, reading)
    try:
        filled = template.format(percent="\0")
    except (KeyError, IndexError, ValueError):
        filled = ""
    if "\0" not in filled:
        raise reader.fail(f"reading {mood!r} must show the confidence as {{percent}} (no other braces)", reading, mood)


def load_rule(path: Path, vocabulary: Mapping[str, str]) -> Rule:
    """Read and validate one rule file: the common keys and examples, then its kind's own."""
    reader = RuleFile(path)
    kind = KINDS[reader.choice("kind", tuple(KINDS), "phrase")]
    reader.check_keys(_COMMON_KEYS | kind.keys)
    applies = reader.get("applies", dict, {})
    reader.check_keys({"channels", "customer"}, applies)
    channels = reader.strings("channels", applies) or list(CHANNELS)
    for channel in channels:
        if channel not in CHANNELS:
            raise reader.fail(f"unknown channel {channel!r} (known: {', '.join(CHANNELS)})", applies, "channels")
    fields: dict[str, Any] = {
        "id": path.stem,
        "kind": kind.name,
        "path": path,
        "category": reader.get("category", str, kind.defaults.get("category")),
        "severity": reader.choice("severity", tuple(SEVERITY_RANK), kind.defaults.get("severity")),
        "message": reader.get("message", str, kind.defaults.get("message")),
        "description": reader.get("description", str, ""),
        "link": reader.get("link", str, ""),
        "channels": frozenset(channels),
        "customer": reader.choice("customer", MOODS, "any", applies),
    }
    fields["bad"], fields["good"] = read_examples(
        reader, "examples", kind.name, 1, "a rule needs at least one bad and one good example",
        flagged=kind.flagged, fixed=kind.fixed)
    kind.read(reader, vocabulary, fields)
    return Rule(**fields)
