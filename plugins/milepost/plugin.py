"""The MkDocs plugin: thin glue between MkDocs events and the core."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from milepost.validate import check

log = get_plugin_logger(__name__)


class MilepostConfig(base.Config):
    currency = c.Type(str, default="EUR")
    """ISO 4217 code of budgets written as plain numbers."""


class MilepostPlugin(BasePlugin[MilepostConfig]):
    def on_pre_build(self, config) -> None:
        checked = check(config.docs_dir, self.config.currency)
        for problem in checked.warnings:
            log.warning(str(problem))
        if checked.errors:
            raise PluginError("roadmap validation failed:\n" + "\n".join(str(p) for p in checked.errors))
