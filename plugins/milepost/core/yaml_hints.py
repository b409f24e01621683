"""Plain-language explanations of libyaml's syntax errors, at the line where the author acts.

A broken front matter is the mistake authors make most, and libyaml words it
for people who write parsers ("mapping values are not allowed in this
context"). Each error Milepost can meet is matched here with the mistake that
causes it in a roadmap file, told as a sentence with a concrete fix. Only the
YAML text and the parser's marks are read, so this needs neither PyYAML nor
the rest of the core. Lines and columns are 0-based in the YAML text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Mark = tuple[int, int] | None
"""A parser mark as (line, column), 0-based in the YAML text."""


@dataclass(frozen=True, slots=True)
class Hint:
    line: int
    col: int
    text: str


_KEY = re.compile(r"((?:- +)*)([^\s#'\"\[\]{},:-][^:#]*?|'[^']*'|\"[^\"]*\")[ \t]*:(?:[ \t]|$)")
_FLOW_OPEN = {"[": "]", "{": "}"}
_LINE_REF = re.compile(r"\{line:(-?\d+)\}")  # a 0-based line in a rule's words, made a file line by `explain`


def explain(text: str, problem: str, at: Mark, context: str | None, context_at: Mark, first_line: int = 1) -> Hint | None:
    """The hint for one libyaml error, or None when it is none of the mistakes known here.

    `first_line` is the file line where `text` begins: lines named in the hint's words are file lines."""
    lines = text.split("\n")
    context = context or ""
    for test, rule in _RULES:
        if test(problem, context):
            hint = rule(lines, at, context_at)
            if hint is not None:
                words = _LINE_REF.sub(lambda m: str(int(m[1]) + first_line), hint.text)
                return Hint(hint.line, hint.col, words)
    return None


def _line(lines: list[str], number: int) -> str:
    return lines[number] if 0 <= number < len(lines) else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key(line: str) -> tuple[int, str] | None:
    """The column and name of the key a line holds (after any '- '), if it holds one."""
    start = _indent(line)
    match = _KEY.match(line, start)
    if not match:
        return None
    return start + len(match[1]), match[2].strip("'\"")


def _spaces(n: int) -> str:
    return "1 space" if n == 1 else f"{n} spaces"


def _columns(lines: list[str], before: int) -> list[tuple[int, str, int]]:
    """The columns a line below `before` may line up with: the keys and list dashes of the
    lines above it that enclose it, nearest first, as (column, what, line)."""
    found: list[tuple[int, str, int]] = []
    limit = None
    for number in range(before - 1, -1, -1):
        line = lines[number]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = _indent(line)
        key = _key(line)
        if limit is not None and indent >= limit:
            continue
        if key is not None:
            found.append((key[0], f"'{key[1]}'", number))
        if line.lstrip().startswith("-"):
            found.append((indent, "the '-'", number))
        limit = indent
        if indent == 0:
            break
    return found


def _misaligned(lines: list[str], number: int) -> Hint | None:
    """A line indented a little more or less than the key it seems to belong with."""
    line = _line(lines, number)
    indent = _indent(line)
    columns = [c for c in _columns(lines, number) if c[0] != indent]
    if not columns or any(c[0] == indent for c in _columns(lines, number)):
        return None
    dash = line.lstrip().startswith("-")
    column, what, where = min(columns, key=lambda c: (abs(c[0] - indent), (c[1] == "the '-'") != dash, -c[2]))
    off = indent - column
    if abs(off) > 2:
        return None
    more = "more" if off > 0 else "less"
    own = _key(line)
    this = "this list item" if dash else f"'{own[1]}'" if own else "this line"
    above = _key(lines[where])
    continues = ""
    if off > 0 and not dash and above and what != "the '-'" and lines[where].split(":", 1)[1].strip():
        continues = f"; or, if it continues the value of '{above[1]}', put that whole value in quotes"
    return Hint(
        number,
        indent,
        f"{this} is indented {_spaces(abs(off))} {more} than {what} on line {{line:{where}}}, which it seems to belong with: "
        f"start it at column {column + 1}, under {what}{continues}",
    )


def _value_with_colon(lines, at, context_at):
    """`title: Launch: the sequel`: a second ': ' on a line whose key has a plain value."""
    if at is None:
        return None
    line = _line(lines, at[0])
    key = _key(line)
    if key is None:
        return None
    first_colon = line.index(":", key[0] + len(key[1]))
    if at[1] <= first_colon:
        return _misaligned(lines, at[0])
    value_at = first_colon + 1 + len(line[first_colon + 1 :]) - len(line[first_colon + 1 :].lstrip())
    value = line[value_at:].split(" #")[0].rstrip()
    quote = "'" if '"' in value else '"'
    return Hint(
        at[0],
        value_at,
        f"the value of '{key[1]}' {'ends with' if value.endswith(':') else 'contains'} ':'{'' if value.endswith(':') else ' and a space'}, which YAML reads as the start of another key: "
        f"put the whole value in quotes, {key[1]}: {quote}{value}{quote}",
    )


def _list_on_key_line(lines, at, context_at):
    """`goals: - a`: a block list must start on the line below its key."""
    if at is None:
        return None
    key = _key(_line(lines, at[0]))
    name = key[1] if key else "the key"
    return Hint(at[0], at[1], f"a list cannot start on the same line as its key: write {name}: [a, b], or put each item on its own line below '{name}', starting with '- '")


def _missing_dash(lines, at, context_at):
    """A list item at the list's indentation without '- ', or a line a little off the item's keys."""
    if at is None:
        return None
    number = at[0]
    misaligned = _misaligned(lines, number)
    dash = context_at[1] if context_at else _indent(_line(lines, number))
    if _indent(_line(lines, number)) == dash or misaligned is None:
        owner = _owner_of_list(lines, context_at[0] if context_at else number)
        return Hint(number, _indent(_line(lines, number)), f"this line is at the indentation of the items of {owner} but has no '- ': start it with '- ' like the item on line {{line:{context_at[0] if context_at else number}}}, or indent it under that item's keys")
    return misaligned


def _owner_of_list(lines: list[str], dash_line: int) -> str:
    for column, what, _ in _columns(lines, dash_line):
        if what != "the '-'" and column < _indent(_line(lines, dash_line)):
            return f"the list {what}"
    return "the list"


def _no_colon(lines, at, context_at):
    """`id x` or `owner:Marta`: a key that YAML cannot see, reported at that line."""
    start = context_at or at
    if start is None:
        return None
    number = start[0]
    line = _line(lines, number)
    above = [c for c in _columns(lines, number) if c[1] == "the '-'" and c[0] == _indent(line)]
    if above or line.lstrip().startswith(("{", "[")):
        return Hint(number, _indent(line), f"this line looks like an item of the list above it but has no '- ': start it with '- ' like the item on line {{line:{above[0][2] if above else number - 1}}}")
    stripped = line.strip()
    glued = re.match(r"([^\s:]+):(\S.*)", stripped)
    if glued:
        return Hint(number, _indent(line) + len(glued[1]) + 1, f"put a space after the ':' of '{glued[1]}': {glued[1]}: {glued[2]}")
    word = stripped.split()[0] if stripped else "key"
    return Hint(number, _indent(line), f"this line has no ':' after its key: write it as '{word}: value' (or, if it continues the line above, put that value in quotes)")


def _unexpected_text(lines, at, context_at):
    """`did not find expected key`: text after a closing quote or bracket, a '-' where keys are, or a line indented a little off."""
    if at is None:
        return None
    number, col = at
    line = _line(lines, number)
    key = _key(line)
    before = line[:col].rstrip()
    if key is not None and col > key[0] + len(key[1]):
        value_at = line.index(":", key[0]) + 1
        value_at += len(line[value_at:]) - len(line[value_at:].lstrip())
        value = line[value_at:].rstrip()
        if value[:1] in ("'", '"') and before.endswith(value[0]):
            if value[0] == "'" and col < len(line) and line[col - 1] == "'" and line[col].isalpha():
                inner = value[1:-1] if len(value) > 1 and value.endswith("'") else value[1:]
                fixed = "'" + inner.replace("'", "''") + "'"
                return Hint(number, col - 1, f"the apostrophe in the value of '{key[1]}' ends its single quotes: write it twice inside single quotes ({key[1]}: {fixed}), or put the value in double quotes")
            return Hint(number, value_at, f"the value of '{key[1]}' goes on after its closing quote: put the whole value inside the quotes")
        if value[:1] in _FLOW_OPEN:
            return Hint(number, value_at, f"a value starting with '{value[0]}' is read as a {'list' if value[0] == '[' else 'mapping'}: to write text, put the whole value in quotes, {key[1]}: \"{value}\"")
    if line.lstrip().startswith(","):
        return Hint(number, _indent(line), "a line cannot start with ',': write the whole list on one line inside [ ], or each item on its own line starting with '- '")
    if line.lstrip().startswith("- ") or line.strip() == "-":
        hint = _misaligned(lines, number)
        if hint is not None:
            return hint
        return Hint(number, _indent(line), "a list item ('- ') where a key was expected: indent the list under its key (such as 'tags:' on the line above), or remove the '-'")
    return _misaligned(lines, number)


def _unclosed_flow(lines, at, context_at):
    """`tags: [a, b` never closed: point at the bracket that opened."""
    if context_at is None:
        return None
    number, col = context_at
    line = _line(lines, number)
    opener = line[col : col + 1]
    closer = _FLOW_OPEN.get(opener)
    if closer is None:
        return None
    if _closes_on_its_line(line, col):
        if at is not None:
            return Hint(at[0], at[1], f"a value inside {opener}…{closer} contains ':', ',' or a bracket, which YAML reads as part of the {'list' if opener == '[' else 'mapping'}: put that value in quotes")
        return None
    return Hint(number, col, f"the '{opener}' opened here is never closed: add '{closer}' at the end of the {'list' if opener == '[' else 'mapping'}")


def _closes_on_its_line(line: str, col: int) -> bool:
    depth, quote = 0, ""
    for char in line[col:]:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return True
    return False


def _unclosed_quote(lines, at, context_at):
    """A quoted value that runs to the end of the front matter."""
    if context_at is None:
        return None
    number, col = context_at
    quote = _line(lines, number)[col : col + 1] or '"'
    return Hint(number, col, f"the quote ({quote}) opened here is never closed: add a closing {quote} at the end of the value")


def _bad_escape(lines, at, context_at):
    if at is None:
        return None
    return Hint(at[0], at[1], "inside double quotes a backslash starts an escape such as \\n: write \\\\ for a backslash, or put the value in single quotes")


def _tab(lines, at, context_at):
    if at is None:
        return None
    line = _line(lines, at[0])
    tab = line.find("\t")
    if tab < 0:
        return None
    return Hint(at[0], tab, "this line is indented with a tab; YAML needs spaces: replace the tab with spaces")


def _reserved_start(lines, at, context_at):
    """`owner: @marta`, `title: *bold*`, `title: & co`, `title: !x!y`: a character YAML reserves starts a value."""
    if at is None:
        return None
    start = context_at if context_at is not None else at
    char = _line(lines, start[0])[start[1] : start[1] + 1]
    if char == "\t":
        return _tab(lines, start, None)
    if char not in "@`*&!%|>":
        return None
    line = _line(lines, start[0])
    key = _key(line)
    value = line[start[1] :].rstrip()
    example = f" ({key[1]}: \"{value}\")" if key and '"' not in value else ""
    return Hint(start[0], start[1], f"a value cannot start with '{char}' without quotes (YAML reserves it): put the value in quotes{example}")


def _block_scalar(lines, at, context_at):
    if context_at is None:
        return None
    char = _line(lines, context_at[0])[context_at[1] : context_at[1] + 1]
    return Hint(context_at[0], context_at[1], f"after '{char}' the text starts on the next line, indented; to write '{char}' as text, put the value in quotes")


def _no_content(lines, at, context_at):
    """A '- ' inside brackets, or a closing bracket with nothing open."""
    if at is None:
        return None
    char = _line(lines, at[0])[at[1] : at[1] + 1]
    if char == "-":
        return Hint(at[0], at[1], "inside [ ] or { } items are separated by commas, without '- ': write [a, b]")
    if char in ("]", "}"):
        return Hint(at[0], at[1], f"this '{char}' closes nothing: remove it, or put the value in quotes")
    return None


def _directive(lines, at, context_at):
    """`%YAML 1.2` at the top of a front matter."""
    number = next((n for n, line in enumerate(lines) if line.startswith("%")), None)
    if number is None:
        return None
    return Hint(number, 0, "front matter cannot hold YAML directives: remove the line starting with '%'")


def _has(*words: str):
    return lambda problem, context: any(word in problem for word in words)


def _in(problem_words: str, context_words: str):
    return lambda problem, context: problem_words in problem and context_words in context


_RULES = (  # (does it match the parser's words, what to say); first match with a hint wins
    (_has("tab character", "'\\t'"), _tab),
    (_has("mapping values are not allowed"), _value_with_colon),
    (_has("block sequence entries are not allowed"), _list_on_key_line),
    (_has("expected '-' indicator"), _missing_dash),
    (_in("could not find expected ':'", "simple key"), _no_colon),
    (_has("did not find expected key", "expected <block end>"), _unexpected_text),
    (_in("expected ','", "flow"), _unclosed_flow),
    (_in("end of stream", "quoted scalar"), _unclosed_quote),
    (_in("document indicator", "quoted scalar"), _unclosed_quote),
    (_has("escape character", "hexdecimal number"), _bad_escape),
    (_has("cannot start any token", "alphabetic or numeric character", "undefined tag handle", "unknown directive", "expected '>'"), _reserved_start),
    (_has("expected node content"), _no_content),
    (_has("%YAML directive", "expected <document start>"), _directive),
    (_in("expected comment or line break", "block scalar"), _block_scalar),
)
