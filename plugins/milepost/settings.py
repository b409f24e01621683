"""The site's settings as `mkdocs build` would use them, read from mkdocs.yml without MkDocs.

The commands other than `render` need only the docs dir and a few of the plugin's options: they
are read here, without importing MkDocs.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from milepost.core import dates

DEFAULT_DOCS_DIR = "roadmaps"


class SettingsError(Exception):
    """mkdocs.yml cannot be read, or holds a wrong option: bad usage (exit 2)."""


def site_settings(config_file: Path = Path("mkdocs.yml")) -> tuple[Path, str]:
    """The docs dir and currency that `mkdocs build` would use here."""
    docs_dir, options = _site_config(config_file)
    return docs_dir, str(options.get("currency") or "EUR")


def _site_config(config_file: Path) -> tuple[Path, dict]:
    """The docs dir of ./mkdocs.yml and the milepost plugin's options there ({} without them)."""
    docs_dir, found = Path(DEFAULT_DOCS_DIR), {}
    if not config_file.is_file():
        return docs_dir, found
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader)
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as error:
        raise SettingsError(f"cannot read {config_file}: {error}") from None
    if not isinstance(config, dict):
        return docs_dir, found
    docs_dir = config_file.parent / str(config.get("docs_dir") or "docs")
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs also takes a mapping of plugin name to options
        plugins = [plugins]
    for plugin in plugins if isinstance(plugins, list) else []:
        options = plugin.get("milepost") if isinstance(plugin, dict) else None
        if isinstance(options, dict):
            found = options
    return docs_dir, found


def reading_rules(config_file: Path = Path("mkdocs.yml")) -> tuple[dates.Fiscal, bool]:
    """The fiscal year and `require_retrospectives` that `mkdocs build` would use here."""
    _, options = _site_config(config_file)
    start, named_by = options.get("fiscal_year_start", 1), options.get("fiscal_year_named_by", "end")
    if type(start) is not int or not 1 <= start <= 12:
        raise SettingsError(f"{config_file}: fiscal_year_start must be a month number, 1 to 12, not {start!r}")
    if named_by not in dates.NAMED_BY:
        raise SettingsError(f"{config_file}: fiscal_year_named_by must be 'end' or 'start', not {named_by!r}")
    required = options.get("require_retrospectives", False)
    if type(required) is not bool:
        raise SettingsError(f"{config_file}: require_retrospectives must be true or false, not {required!r}")
    return dates.Fiscal(start, named_by), required


def allows_raw_html(config_file: Path = Path("mkdocs.yml")) -> bool:
    """The `raw_html` option that `mkdocs build` would use here."""
    _, options = _site_config(config_file)
    allowed = options.get("raw_html", True)
    if type(allowed) is not bool:
        raise SettingsError(f"{config_file}: raw_html must be true or false, not {allowed!r}")
    return allowed


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml often holds `!!python/name:` and `!ENV` tags; read them as null."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
