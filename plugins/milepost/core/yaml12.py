"""Front matter YAML read into positioned nodes, by YAML 1.2 core rules.

PyYAML's loaders are unfit for roadmaps as they are (see pitfalls.md): they
apply YAML 1.1 (`no` is false, `010` is 8), let duplicate keys overwrite,
expand alias bombs, construct `!!python/...` tags and crash the interpreter on
deep nesting. So we take only libyaml's event stream (C parser when present:
fast and iterative) and build the tree ourselves, with an explicit stack, a
depth cap, and a position on every node so messages point into the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from milepost.core import yaml_hints

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 32
"""Real front matter nests 4 deep; anything past this is refused before it can hurt."""


@dataclass(slots=True)
class Scalar:
    value: object  # str, int, float, bool or None, resolved by YAML 1.2 core rules
    text: str  # the scalar as written (without quotes)
    plain: bool  # unquoted
    line: int
    col: int


@dataclass(slots=True)
class Seq:
    items: list
    line: int
    col: int


@dataclass(slots=True)
class Map:
    entries: dict  # key text -> (key Scalar, value node)
    line: int
    col: int


Node = Scalar | Seq | Map


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem found while reading YAML; `line`/`col` are already file positions."""

    line: int
    col: int
    message: str
    code: str
    severity: str = "error"


_INT_FORMS = ((re.compile(r"([-+]?[0-9]+)\Z"), 10), (re.compile(r"0o([0-7]+)\Z"), 8), (re.compile(r"0x([0-9a-fA-F]+)\Z"), 16))
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOATS = {
    **{sign + inf: float(sign + "inf") for sign in ("", "+", "-") for inf in (".inf", ".Inf", ".INF")},
    **dict.fromkeys((".nan", ".NaN", ".NAN"), float("nan")),
}
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_MAYBE_NOT_STR = frozenset("0123456789+-.~ntfNTF")
_YAML11_BREAKS = "\x85\u2028\u2029"
"""Line breaks in YAML 1.1 (libyaml) but ordinary characters in YAML 1.2 and in editors."""


def resolve_plain(text: str) -> object:
    """The value of an unquoted scalar under the YAML 1.2 core schema (spec 1.2.2, 10.3.2), exactly.

    Only the spec's forms are numbers: no sign or space after `0x`/`0o`, no
    underscores, no `0b`, and `.inf`/`.nan` only in the three cases it lists.
    """
    if not text:
        return None
    if text[0] not in _MAYBE_NOT_STR:
        return text
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    for form, base in _INT_FORMS:
        if match := form.match(text):
            try:
                return int(match[1], base)
            except ValueError:  # past Python's 4,300-digit limit: no roadmap number, keep the text
                return text
    if _FLOAT.match(text):
        return float(text)
    return _SPECIAL_FLOATS.get(text, text)


def identity(key: Scalar) -> tuple:
    """What makes two keys the same key in YAML 1.2: their resolved value and its type.

    `010:` and `10:` are one key (the integer 10); `"1":` and `1:` are two (a
    string and an integer). Floats compare by their canonical text, so `.nan` is one key.
    """
    value = key.value
    return (type(value).__name__, repr(value) if type(value) is float else value)


def _placeholders(text: str) -> dict[str, str]:
    """For each YAML 1.1 break in `text`, a private-use character the text lacks, to stand in
    for it while libyaml reads: it keeps lines where editors see them and the character intact."""
    present = [char for char in _YAML11_BREAKS if char in text]
    if not present:
        return {}
    free = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text)
    return {char: next(free) for char in present}


def compose(text: str, first_line: int = 1) -> tuple[Node | None, list[Issue]]:
    """Read one YAML document. `first_line` is the file line where `text` begins.

    Returns the root node (None for an empty document, or when the YAML is
    unreadable) and every issue found. Recoverable issues (duplicate keys,
    anchors, aliases, tags) are all collected; a syntax error stops reading.
    """
    issues: list[Issue] = []
    stand_ins = _placeholders(text)
    restore = str.maketrans({stand_in: char for char, stand_in in stand_ins.items()}) if stand_ins else None
    loader = _Loader(text.translate(str.maketrans(stand_ins)) if stand_ins else text)
    tree = _Tree(text, first_line, restore, issues)
    documents = 0
    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is ScalarEvent:
                tree.scalar(event)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if not tree.start(event, kind is MappingStartEvent):
                    return None, issues
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                tree.attach(tree.stack.pop()[0])
            elif kind is AliasEvent:
                tree.alias(event)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    issues.append(Issue(*tree.at(event.start_mark), "front matter must be a single YAML document", "yaml-syntax"))
                    return None, issues
    except yaml.MarkedYAMLError as error:
        if error.problem == "exceeded maximum nesting depth" and error.problem_mark is not None:
            # libyaml in PyYAML >= 6.0.4 stops flow nesting deeper than 1,000 while scanning ahead, before
            # the events past our cap reach us: read the text up to there again, where the cap comes first
            return compose(text[: error.problem_mark.index], first_line)
        issues.append(_syntax_issue(error, text, first_line, tree.at))
        return None, issues
    except yaml.reader.ReaderError as error:
        issues.append(_reader_issue(error, text, first_line))
        return None, issues
    except yaml.YAMLError as error:  # any other libyaml complaint, without a position
        issues.append(Issue(first_line, 1, f"malformed YAML: {error}", "yaml-syntax"))
        return None, issues
    finally:
        loader.dispose()
    return tree.root, issues


class _Tree:
    """The nodes composed so far: the open mappings and lists (each frame is [node, pending key
    Scalar or None or False for a refused key, identities of a mapping's keys]), then the root."""

    def __init__(self, text: str, offset: int, restore, issues: list[Issue]):
        self.text, self.offset, self.restore, self.issues = text, offset, restore, issues
        self.stack: list[list] = []
        self.root: Node | None = None

    def at(self, mark) -> tuple[int, int]:
        return mark.line + self.offset, mark.column + 1

    def _refused(self, event, line: int, col: int) -> None:
        if event.anchor is not None:
            self.issues.append(Issue(line, col, f"YAML anchors (&{event.anchor}) are not allowed in roadmap files", "yaml-anchor"))
        if event.tag is not None:
            self.issues.append(Issue(line, col, f"YAML tags ({event.tag}) are not allowed in roadmap files", "yaml-tag"))

    def scalar(self, event) -> None:
        line, col = self.at(event.start_mark)
        self._refused(event, line, col)
        plain = not event.style
        written = event.value.translate(self.restore) if self.restore else event.value
        value = resolve_plain(written) if plain else written
        if plain and type(value) is str and self.stack and self.stack[-1][1]:
            _check_comment(self.text, event.end_mark, self.stack[-1][1], written, self.issues, self.offset)
        self.attach(Scalar(value, written, plain, line, col))

    def start(self, event, mapping: bool) -> bool:
        """A mapping or list opens; False when it nests too deep to go on reading."""
        line, col = self.at(event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            self.issues.append(Issue(line, col, f"nesting deeper than {MAX_DEPTH} levels", "yaml-depth"))
            return False
        self._refused(event, line, col)
        self.stack.append([Map({}, line, col) if mapping else Seq([], line, col), None, {}])
        return True

    def alias(self, event) -> None:
        line, col = self.at(event.start_mark)
        self.issues.append(Issue(line, col, f"YAML aliases (*{event.anchor}) are not allowed in roadmap files", "yaml-alias"))
        self.attach(Scalar(None, "", True, line, col))

    def attach(self, node: Node) -> None:
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        parent = frame[0]
        if type(parent) is Seq:
            parent.items.append(node)
            return
        key = frame[1]
        if key is None:  # this node is a key
            frame[1] = self._key(node)
            return
        frame[1] = None
        if key is False:  # value of a refused key
            return
        same = frame[2].get(identity(key))
        if same is not None:
            written = f", written '{same.text}'" if same.text != key.text else ""
            self.issues.append(
                Issue(key.line, key.col, f"duplicate key '{key.text}' (first at line {same.line}{written}); YAML would keep only the last", "duplicate-key")
            )
            return
        frame[2][identity(key)] = key
        twin = parent.entries.get(key.text)
        if twin is not None:
            self.issues.append(Issue(key.line, key.col, _twin_message(key, twin[0]), "duplicate-key"))
            return
        parent.entries[key.text] = (key, node)

    def _key(self, node: Node) -> Scalar | bool:
        """`node` as a mapping's key, or False (refused, with an issue) when it cannot be one."""
        if type(node) is not Scalar:
            self.issues.append(Issue(node.line, node.col, "a key must be a plain string, not a list or mapping", "bad-key"))
            return False
        if node.value is None:
            self.issues.append(Issue(node.line, node.col, "empty key", "bad-key"))
            return False
        return node


def _syntax_issue(error: yaml.MarkedYAMLError, text: str, first_line: int, at) -> Issue:
    """A syntax error at the line to change, in plain words when `yaml_hints` knows the mistake."""
    mark = error.problem_mark or error.context_mark
    context = error.context_mark
    if context is not None and mark is not None and mark.index >= len(text.rstrip()):
        mark = context  # "ran off the end": the unclosed bracket or quote is where to look
    line, col = at(mark) if mark else (first_line, 1)
    message = error.problem or "malformed YAML"
    if error.context:
        where = " at line {}, column {}".format(*at(context)) if context is not None and context is not mark else ""
        message = f"{message} ({error.context}{where})"
    hint = yaml_hints.explain(text, error.problem or "", _mark(error.problem_mark), error.context, _mark(context), first_line)
    if hint is None:
        return Issue(line, col, f"malformed YAML: {message}", "yaml-syntax")
    return Issue(hint.line + first_line, hint.col + 1, f"{hint.text} (YAML: {message})", "yaml-syntax")  # the plain words first, the parser's after


def _reader_issue(error: yaml.reader.ReaderError, text: str, first_line: int) -> Issue:
    """A character YAML refuses. libyaml counts its position in UTF-8 bytes, the Python reader in
    characters: find the character instead."""
    bad = chr(error.character) if isinstance(error.character, int) else ""
    index = text.find(bad) if bad else -1
    index = index if index >= 0 else min(error.position, len(text))
    before = text[:index]
    line = before.count("\n") + first_line
    col = index - (before.rfind("\n") + 1) + 1
    what = f"character U+{ord(bad):04X}" if bad else "a character"
    return Issue(line, col, f"{what} is not allowed in YAML: remove it or write it as an escape in a double-quoted string", "yaml-syntax")


_CUT_BY_COMMENT = re.compile(r"[ \t]+#(?=[^\s#])")


def _check_comment(text: str, end, key: Scalar, written: str, issues: list, offset: int) -> None:
    """Warn when a comment cut a value short: in `title: Launch #2` YAML reads only 'Launch'.

    A comment written as one (`# why`, with a space after '#') is left alone."""
    cut = _CUT_BY_COMMENT.match(text, end.index)
    if cut is None:
        return
    stop = text.find("\n", cut.end())
    rest = text[cut.end() - 1 : stop if stop >= 0 else len(text)].rstrip()
    issues.append(
        Issue(
            end.line + offset,
            end.column + cut.end() - cut.start(),
            f"'{key.text}' is read as '{written}': YAML takes '{rest}' for a comment; quote the value to keep it: \"{written} {rest}\"",
            "yaml-comment",
            "warning",
        )
    )


def _twin_message(key: Scalar, twin: Scalar) -> str:
    """Two keys YAML tells apart (`"1":` and `1:`) but Milepost, naming keys by their text, cannot."""
    return (
        f"key '{key.text}' is also written at line {twin.line}: YAML reads one as {_what(key)} and the other as {_what(twin)}, "
        "so it keeps both, but Milepost names keys by their text and the JSON export cannot hold both: rename one"
    )


_TYPE_WORDS = {bool: "the boolean", int: "the integer", float: "the number"}


def _what(key: Scalar) -> str:
    return "text" if type(key.value) is str else f"{_TYPE_WORDS[type(key.value)]} {key.text}"


def _mark(mark) -> tuple[int, int] | None:
    return None if mark is None else (mark.line, mark.column)


def to_python(node: Node | None) -> object:
    """Plain Python data of a node tree (for free-form `extra`), iteratively."""
    if node is None:
        return None
    if type(node) is Scalar:
        return node.value
    result: object = [] if type(node) is Seq else {}
    todo = [(node, result)]
    while todo:
        source, target = todo.pop()
        children = enumerate(source.items) if type(source) is Seq else ((k, v) for k, (_, v) in source.entries.items())
        for key, child in children:
            if type(child) is Scalar:
                value = child.value
            else:
                value = [] if type(child) is Seq else {}
                todo.append((child, value))
            if type(target) is list:
                target.append(value)
            else:
                target[key] = value
    return result
