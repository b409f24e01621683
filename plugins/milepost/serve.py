"""`milepost serve`: the live preview, with only the pages an edit touches rendered again.

MkDocs' live-reload server answers the browser; this module gives it another build loop. A save
is seen at once (the operating system's file events, not polling), `incremental.Preview.update`
renders the pages that show the changed documents, and after a second without saves `finish`
renders the generated pages and exports; another save stops it and starts over from it. A
browser reloads when the page it shows is written again, not at every write (MkDocs' script
asks with its page as Referer). While the roadmaps have errors, every page is answered with
the error page. It listens on 127.0.0.1 only: a preview of unpublished plans is not for the
network.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import traceback
import urllib.parse
from urllib.parse import urlsplit

import watchdog.events
import watchdog.observers
from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError
from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp

from milepost.incremental import NeedsFullBuild, Preview

log = logging.getLogger("mkdocs.milepost.serve")

LOOPBACK = ("127.0.0.1", "localhost")


class UsageError(Exception):
    """Bad arguments or an unreadable mkdocs.yml: exit 2."""


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server with the build loop of an incremental preview."""

    def __init__(self, preview: Preview, host: str, port: int, root: str, mount_path: str):
        super().__init__(builder=preview.full, host=host, port=port, root=root, mount_path=mount_path)
        self.preview = preview
        self.observer = watchdog.observers.Observer()  # file events: a save is seen at once
        self.changed: set[str] = set()
        self.lock = threading.Lock()  # one thing at a time touches the preview's pages
        self.quiet = 1.0  # seconds without a save before the generated pages are rendered
        self.latest = self._visible_epoch  # the newest epoch given out: pages are served with it
        self.written: dict[str, int] = {}  # URL path of a page -> the epoch it was last written at
        preview.written = self._written

    def watch(self, path: str, func=None, *, recursive: bool = True) -> None:
        """Watch a folder, or a file (through its folder: editors replace files when saving)."""
        path = os.path.abspath(path)
        only = path if os.path.isfile(path) else None
        folder = os.path.dirname(path) if only else path
        server = self

        class Handler(watchdog.events.FileSystemEventHandler):
            def on_any_event(self, event):
                if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                    return
                paths = {os.fsdecode(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p}
                if only is not None and only not in paths:
                    return
                with server._rebuild_cond:
                    server.changed |= paths
                    server._want_rebuild = True
                    server._rebuild_cond.notify_all()

        self._watched_paths[path] = 1
        self._watch_refs[path] = self.observer.schedule(Handler(), folder, recursive=recursive and only is None)

    def _build_loop(self):
        while True:
            with self._rebuild_cond:
                while not self._rebuild_cond.wait_for(lambda: self._want_rebuild or self._shutdown, timeout=self.shutdown_delay):
                    pass
                if self._shutdown:
                    break
                while self._rebuild_cond.wait(timeout=self.build_delay):
                    pass  # until the saves stop
                paths, self.changed, self._want_rebuild = self.changed, set(), False
            with self.lock:
                self._rebuild(paths)
            with self._rebuild_cond:  # the generated pages wait for a pause in the saves
                if self._rebuild_cond.wait_for(lambda: self._want_rebuild or self._shutdown, timeout=self.quiet):
                    continue
            with self.lock:
                self._finish()

    def _rebuild(self, paths: set[str]) -> None:
        was_broken = self.preview.broken is not None
        try:
            try:
                self.preview.update(paths)
            except NeedsFullBuild:
                log.info("The navigation or the configuration changed: building everything")
                self._full()
        except Exception:  # noqa: BLE001 - the preview keeps running; the next save tries again
            traceback.print_exc()
            log.error("The rebuild failed: the next save builds everything again")
            self.preview.whole = False
        if was_broken or self.preview.broken is not None:
            self._publish(self._next())  # every page turns into the error page, or back

    def _finish(self) -> None:
        try:
            self.preview.finish(lambda: self._want_rebuild or self._shutdown)
        except NeedsFullBuild:
            log.info("The navigation changed: building everything")
            self._full()
        except Exception:  # noqa: BLE001
            traceback.print_exc()
            self.preview.whole = False

    def _full(self) -> None:
        """A full build: requests wait for it (it empties the site first), then every page reloads."""
        with self._epoch_cond:
            self._wanted_epoch = self._next()
        try:
            self.preview.full()
        finally:
            self._publish(self._wanted_epoch)

    def _next(self) -> int:
        with self._epoch_cond:
            self.latest = max(self.latest + 1, _timestamp())
            return self.latest

    def _publish(self, epoch: int) -> None:
        with self._epoch_cond:
            log.info("Reloading browsers")
            self._wanted_epoch = self._visible_epoch = epoch
            self._epoch_cond.notify_all()

    def _written(self, url: str) -> None:
        """A page was written again: the browsers showing it reload, no others."""
        epoch = self._next()
        with self._epoch_cond:
            self.written[urllib.parse.unquote(self.mount_path + url)] = epoch
            self._epoch_cond.notify_all()

    def _changed_since(self, page: str | None) -> int:
        """When the page (a URL path; None: unknown) last changed; every page changes with a full build."""
        return max(self._visible_epoch, self.latest if page is None else self.written.get(page, 0))

    def _poll(self, epoch: int, referer: str | None, start_response):
        """MkDocs' live-reload script asks with the epoch of its page, and its page as Referer:
        answered when that page is written again (MkDocs answers whenever anything was built)."""
        page = urllib.parse.unquote(urlsplit(referer).path).removesuffix("index.html") if referer else None
        start_response("200 OK", [("Content-Type", "text/plain")])
        with self._epoch_cond:
            self._epoch_cond.wait_for(lambda: self._changed_since(page) > epoch, timeout=self.poll_response_timeout)
            return [b"%d" % self._changed_since(page)]

    def _inject_js_into_html(self, content, epoch):
        return super()._inject_js_into_html(content, max(epoch, self.latest))  # the page is as new as the newest write

    def _serve_request(self, environ, start_response):
        """Live-reload polls per page; while the roadmaps have errors, a page is answered with
        the error page (with live reload, so that it turns back into the page once fixed)."""
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if match := re.fullmatch(r"/livereload/([0-9]+)/[0-9]+", path):
            return self._poll(int(match[1]), environ.get("HTTP_REFERER"), start_response)
        if self.preview.broken is not None and (path + "/").startswith(self.mount_path):
            relative = path[len(self.mount_path) :]
            relative += "index.html" if relative == "" or relative.endswith("/") else ""
            with self.lock:
                page = self.preview.error_page(relative)
            if page is not None:
                content = self._inject_js_into_html(page, self._visible_epoch)
                start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(content)))])
                return [content]
        return super()._serve_request(environ, start_response)


def address(text: str | None, configured) -> tuple[str, int]:
    """HOST:PORT, PORT or nothing (mkdocs.yml's dev_addr): always a loopback host."""
    host, port = configured.host, configured.port
    if text:
        host, _, given = text.rpartition(":")
        host = host or "127.0.0.1"
        if not given.isdigit() or not 0 < int(given) < 65536:
            raise UsageError(f"--dev-addr {text}: give a port, or 127.0.0.1:PORT")
        port = int(given)
        if host not in LOOPBACK:
            raise UsageError(f"--dev-addr {text}: the preview listens on 127.0.0.1 only, not on {host}")
    if host not in LOOPBACK:
        host = "127.0.0.1"  # mkdocs.yml's dev_addr may say 0.0.0.0 for `mkdocs serve`: not here
    return ("127.0.0.1" if host == "localhost" else host), port


def main(config_file: str | None, dev_addr: str | None, open_in_browser: bool = False) -> int:
    """Build, then serve and rebuild after every save until Ctrl-C (or SIGTERM)."""
    _logging()
    try:
        config = load_config(config_file=config_file)
    except (ConfigurationError, OSError) as error:
        raise UsageError(f"{config_file or 'mkdocs.yml'}: {error}") from None
    if "milepost" not in config.plugins:
        raise UsageError(f"{config.config_file_path} does not use the milepost plugin: use mkdocs serve")
    host, port = address(dev_addr, config.dev_addr)
    _check_free(host, port)
    mount_path = urlsplit(config.site_url or "/").path
    site_dir = tempfile.mkdtemp(prefix="milepost_")
    preview = Preview(config_file, site_dir, _serve_url(host, port, mount_path), f"{host}:{port}")
    signal.signal(signal.SIGTERM, _stop)
    try:
        preview.full()
        server = PreviewServer(preview, host, port, site_dir, mount_path)
        server.error_handler = lambda code: _error_page(site_dir, code)
        for path in _watched(preview.config):
            server.watch(path)
        try:
            server.serve(open_in_browser=open_in_browser)
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    except KeyboardInterrupt:
        pass
    finally:
        if preview.started:
            config.plugins.on_shutdown()  # the plugins of every load are the same instances
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def _check_free(host: str, port: int) -> None:
    """Fail before the first build, not a minute later, when the port is taken."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds it
        try:
            probe.bind((host, port))
        except OSError as error:
            raise UsageError(f"cannot listen on {host}:{port}: {error.strerror} (another preview running? try -a PORT)") from None


def _watched(config) -> list[str]:
    """The docs dir, mkdocs.yml, the theme's custom_dir and the configuration's `watch` paths."""
    paths = [config.docs_dir, config.config_file_path, config.theme.custom_dir, *config.watch]
    return [path for path in paths if path and os.path.exists(path)]


def _error_page(site_dir: str, code: int) -> bytes | None:
    page = os.path.join(site_dir, f"{code}.html")
    if code in (404, 500) and os.path.isfile(page):
        with open(page, "rb") as found:
            return found.read()
    return None


class _Once(logging.Filter):
    """A warning is printed once per session: every edit validates the whole site again."""

    def __init__(self):
        super().__init__()
        self.seen: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.WARNING:
            return True
        message = record.getMessage()
        new = message not in self.seen
        self.seen.add(message)
        return new


def _logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.addFilter(_Once())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _stop(signum, frame):
    raise KeyboardInterrupt  # `kill` ends the preview as Ctrl-C does: its temporary site is removed
