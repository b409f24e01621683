"""The Jinja2 environment of Milepost's templates: Jinja's own, with two costs of a page taken out.

A generated page is hundreds of small Jinja calls, and Jinja's per-call cost is most of what a
big site's pages cost to render. Two kinds of call here are the same on every page of a build:

- a label written as a constant, `t("owner")`: it is replaced, as the template is parsed, by its
  text in the build's language, which Jinja then escapes once and writes into the compiled
  template as text (a label with values, `t("days", n=…)`, or a computed key stays a call);
- the import of a template's macros: every template shares the environment's globals, so Jinja
  makes each imported module once (see `make_globals`).

The output is the same as Jinja's without them, character for character; templates in a
`custom_dir` get the same treatment, unless they use `t` as a name of their own.

Compiling the templates costs more than half a second a build; `compiled` keeps them compiled
in the user's cache folder, as Python keeps its `.pyc` files (see `compiled`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

import jinja2
from jinja2 import nodes
from jinja2.visitor import NodeTransformer

from milepost import __version__
from milepost.core import cache


class Environment(jinja2.Environment):
    def make_globals(self, d):
        """The environment's own dict, not Jinja's ChainMap over it: every `{% from … import … %}`
        compares the importer's globals with the imported template's, and a ChainMap's keys make
        that comparison cost more than the rest of a small template's render."""
        return super().make_globals(d) if d else self.globals

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Jinja's parse (every template is compiled through it), with constant labels as text."""
        tree = super()._parse(source, name, filename)
        label = self.globals.get("t")
        if label is None or _names_its_own(tree, "t"):
            return tree
        return _Labels(label).visit(tree)


class _Labels(NodeTransformer):
    """Replaces `t("key")` (one literal argument, nothing else) by the label's text."""

    def __init__(self, label: Callable[[str], str]) -> None:
        self.label = label

    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        called = node.node
        if (
            isinstance(called, nodes.Name) and called.name == "t" and len(node.args) == 1 and isinstance(node.args[0], nodes.Const)
            and isinstance(node.args[0].value, str) and not node.kwargs and node.dyn_args is None and node.dyn_kwargs is None
        ):
            return nodes.Const(self.label(node.args[0].value), lineno=node.lineno)
        return self.generic_visit(node)


def _names_its_own(tree: nodes.Template, name: str) -> bool:
    """Whether the template binds `name` itself (a `set`, a loop, a macro or its argument, an import):
    then `t` there need not be the labels."""
    if any(node.name == name and node.ctx in ("store", "param") for node in tree.find_all(nodes.Name)):
        return True
    if any(node.name == name for node in tree.find_all(nodes.Macro)):
        return True
    if any(node.target == name for node in tree.find_all(nodes.Import)):
        return True
    return any((alias[1] if isinstance(alias, tuple) else alias) == name for node in tree.find_all(nodes.FromImport) for alias in node.names)


_COMPILER = hashlib.blake2b(
    "|".join([__version__, jinja2.__version__, *((Path(__file__).parent / name).read_text(encoding="utf-8") for name in ("environment.py", "i18n.py"))]).encode(),
    digest_size=8,
).hexdigest()
"""What a compiled template depends on besides its own source: Jinja, and the labels written into it."""


def compiled(language: str) -> jinja2.BytecodeCache | None:
    """Templates compiled for `language` by this Milepost and this Jinja, kept between builds:
    Jinja recompiles a template whose source changed (a `custom_dir` one is keyed by its own
    path). None, and templates compiled every build, where the cache folder cannot be written."""
    folder = cache.folder() / "templates" / f"{_COMPILER}-{language}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))
