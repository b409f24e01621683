"""`milepost render`: the site as a plain docs dir and an mkdocs.yml, for a generator without the plugin.

MkDocs itself reads mkdocs.yml (defaults, `!ENV`, `INHERIT`), and `milepost.build` validates
and makes the renderer as for the plugin, so a render uses the options, the checks and the
renderer of a plugin build; `site.portable` lays out the files. What is written into DIR: `docs/`,
`mkdocs.yml` without the milepost plugin, and the theme's `custom_dir` as `overrides/`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable

import yaml

from milepost import build
from milepost.plugin import log
from milepost.site import portable

ASSETS = ("extra_css", "assets/milepost/milepost.css"), ("extra_javascript", "assets/milepost/milepost.js")


class ConfigError(Exception):
    """mkdocs.yml cannot be read, or does not use the milepost plugin: bad usage (exit 2)."""


GENERATORS = ("zensical", "mkdocs")
"""What will build DIR: Zensical reads links in HTML as relative to a page's Markdown file and
rewrites them; MkDocs and ProperDocs (without the plugin) leave them as they are."""


def main(config_file: Path, out: Path, generator: str, strict: bool, format: str, watch: bool, report: Callable) -> int:
    again = lambda: render(config_file, out, generator, strict, format, report)
    code = again()
    return _watch(config_file, again) if watch else code


def render(config_file: Path, out: Path, generator: str, strict: bool, format: str, report: Callable) -> int:
    """Validate, then write DIR; the exit code of `validate` (nothing is written on failure)."""
    config, plugin = _load(config_file)
    if out.resolve().is_relative_to(Path(config.docs_dir).resolve()):
        raise ConfigError(f"--out {out} lies inside the docs dir: the render would read itself")
    options = plugin.config
    checked = build.checked(options, config.docs_dir, config.use_directory_urls)
    code = report(checked, format, strict)
    if code:
        return code
    try:
        made = build.prepare(
            options, checked.site, config.docs_dir, config.theme.get("language"), config.theme.custom_dir, log.warning,
            config.use_directory_urls, config.site_name,
        )
    except build.BuildError as error:
        raise ConfigError(str(error)) from None
    layout = portable.Build(
        Path(config.docs_dir), config.site_name, config.site_url, config.use_directory_urls,
        navigation=config.nav is None and options.navigation, campaigns_in_nav=options.campaigns_in_nav,
        links_from_source=generator == "zensical",
    )
    rendered = portable.docs_dir(made.site, made.renderer, made.language, made.today, layout)
    for note in rendered.notes:
        print(f"milepost: {note}", file=sys.stderr)
    custom_dir = config.theme.custom_dir
    overrides = _files_below(Path(custom_dir)) if custom_dir else {}
    out.mkdir(parents=True, exist_ok=True)
    docs = portable.write(out / "docs", rendered.files)
    theme = portable.write(out / "overrides", overrides)
    settings = portable.write(out, {"mkdocs.yml": _settings(config_file, rendered, bool(custom_dir))}, prune=False)
    written, removed = docs[0] + theme[0] + settings[0], docs[1] + theme[1]
    print(f"milepost: rendered {len(rendered.files)} files into {out / 'docs'} ({written} written, {removed} removed)", file=sys.stderr)
    return 0


def _load(config_file: Path):
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not config_file.is_file():
        raise ConfigError(f"no such file: {config_file}")
    try:
        config = load_config(str(config_file))
    except (ConfigurationError, SystemExit) as error:
        raise ConfigError(f"{config_file}: {error}") from None
    plugin = config.plugins.get("milepost")
    if plugin is None or not plugin.config.enabled:
        raise ConfigError(f"{config_file} does not use the milepost plugin: there is nothing to render")
    return config, plugin


def _files_below(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


class _Tagged:
    """A YAML value under a tag of MkDocs' or Python's (`!ENV`, `!!python/name:`), written back as it was."""

    def __init__(self, tag: str, value):
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return _Tagged(node.tag, value)


def _represent(dumper: yaml.SafeDumper, tagged: _Tagged):
    if isinstance(tagged.value, list):
        return dumper.represent_sequence(tagged.tag, tagged.value)
    if isinstance(tagged.value, dict):
        return dumper.represent_mapping(tagged.tag, tagged.value)
    return dumper.represent_scalar(tagged.tag, tagged.value)


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
_Dumper.add_representer(_Tagged, _represent)
_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def _settings(config_file: Path, rendered: portable.Rendered, has_overrides: bool) -> bytes:
    """The site's mkdocs.yml as a generator without the plugin needs it: docs in `docs/`, no
    milepost plugin, the plugin's CSS and script, the generated navigation."""
    settings = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_Loader) or {}
    settings["docs_dir"] = "docs"
    settings.pop("site_dir", None)  # the generator writes DIR/site
    settings["plugins"] = _without_milepost(settings.get("plugins"))
    if has_overrides and isinstance(settings.get("theme"), dict):
        settings["theme"]["custom_dir"] = "overrides"
    for key, asset in ASSETS:
        listed = list(settings.get(key) or [])
        settings[key] = listed if asset in listed else [*listed, asset]
    if rendered.nav is not None:
        settings["nav"] = rendered.nav
    if rendered.not_in_nav:
        settings["not_in_nav"] = "".join(f"/{_gitignore_escaped(src)}\n" for src in rendered.not_in_nav)
    text = yaml.dump(settings, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=float("inf"))
    return ("# Written by `milepost render`: edit the site's own mkdocs.yml and render again.\n" + text).encode("utf-8")


def _without_milepost(plugins):
    if isinstance(plugins, dict):
        return {name: options for name, options in plugins.items() if name != "milepost"}
    kept = []
    for entry in plugins or []:
        name = next(iter(entry), None) if isinstance(entry, dict) else entry
        if name != "milepost":
            kept.append(entry)
    return kept


def _gitignore_escaped(path: str) -> str:
    return "".join(f"\\{ch}" if ch in "\\*?[]!# " else ch for ch in path)


def _watch(config_file: Path, again: Callable[[], int]) -> int:
    """Render again after every change below the docs dir, the custom_dir or to mkdocs.yml."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    config, _ = _load(config_file)
    changed = {"at": 0.0}

    class Handler(FileSystemEventHandler):
        def __init__(self, only: str | None = None):
            self.only = only  # in the folder of mkdocs.yml, only mkdocs.yml counts

        def on_any_event(self, event):
            paths = {str(event.src_path), str(getattr(event, "dest_path", "") or "")}
            if not event.is_directory and (self.only is None or self.only in paths):
                changed["at"] = time.monotonic()

    observer = Observer()
    settings = config_file.resolve()
    for folder, handler, recursive in (
        (config.docs_dir, Handler(), True),
        (config.theme.custom_dir, Handler(), True),
        (str(settings.parent), Handler(str(settings)), False),
    ):
        if folder and Path(folder).is_dir():
            observer.schedule(handler, folder, recursive=recursive)
    observer.start()
    print("milepost: watching for changes (Ctrl-C stops)", file=sys.stderr, flush=True)
    try:
        while True:
            time.sleep(0.1)
            if changed["at"] and time.monotonic() - changed["at"] > 0.2:
                changed["at"] = 0.0
                try:
                    again()
                except ConfigError as error:
                    print(f"milepost: error: {error}", file=sys.stderr)
                sys.stdout.flush()
                sys.stderr.flush()
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        observer.join()
