"""Screenshots of the example site's timelines for the README and the docs: `make screenshots`.

Builds the example site (mkdocs.yml with roadmaps/; the test fixture site if the
example is missing) for a fixed "today", serves it on 127.0.0.1, and saves PNGs of
the site-wide timeline, a roadmap page, a campaign page and a filtered, zoomed
timeline, in the light and the dark palette, into docs/images/.

    python tools/screenshots.py [--today 2027-02-15] [--out docs/images]

Needs Playwright for Python and Chromium (Debian's /usr/bin/chromium, or `chromium`
on PATH): `pip install -e '.[test]'`, `apt-get install chromium`.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUIET = "*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }"

# name: (page, what to show: "page" for the top of the page, or a CSS selector to frame, query string)
EXAMPLE_SHOTS = {
    "timeline": ("timeline/", "page", ""),
    "timeline-filtered": ("timeline/", ".mp-timeline", "?channel=email&zoom=year"),
    "roadmap": ("growth-2027-q1/", "#timeline", ""),
    "campaign": ("growth-2027-q1/spring/", "page", ""),
}
FIXTURE_SHOTS = {
    "timeline": ("timeline/", "page", ""),
    "timeline-filtered": ("timeline/", ".mp-timeline", "?owner=Marta+Rossi&zoom=month"),
    "roadmap": ("q1/", "#timeline", ""),
    "campaign": ("q1/spring/", "page", ""),
}


def chromium() -> str:
    found = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
    if not found:
        sys.exit("screenshots: Chromium not found (apt-get install chromium)")
    return found


def build(today: date, workdir: Path) -> tuple[Path, dict]:
    """Build the example site, or the test fixture if there is no example yet; returns the site dir and the shots."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(int(datetime(today.year, today.month, today.day, 12, tzinfo=timezone.utc).timestamp()))}
    site = workdir / "site"
    if (ROOT / "mkdocs.yml").exists() and (ROOT / "roadmaps").is_dir():
        source, shots, args = ROOT, EXAMPLE_SHOTS, ["-f", str(ROOT / "mkdocs.yml")]
    else:
        print("screenshots: no example site (mkdocs.yml + roadmaps/): using the test fixture", file=sys.stderr)
        sys.path.insert(0, str(ROOT / "tests"))
        from fixtures import DOCS
        from sitekit import make_site

        source, shots, args = make_site(workdir / "fixture", DOCS, today=today.isoformat()), FIXTURE_SHOTS, []
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", *args, "--site-dir", str(site)], cwd=source, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"screenshots: the build failed:\n{result.stderr}")
    return site, shots


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def shoot(base: str, shots: dict, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            for scheme, media in (("light", "light"), ("dark", "dark")):
                context = browser.new_context(viewport={"width": 1280, "height": 800}, device_scale_factor=1, color_scheme=media, reduced_motion="reduce")
                context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/])"), lambda route: route.abort())  # fonts etc.: offline and reproducible
                page = context.new_page()
                for name, (path, frame, query) in shots.items():
                    page.goto(base + path + query)
                    page.add_style_tag(content=QUIET)
                    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", "slate" if scheme == "dark" else "default")
                    target = out / f"{name}-{scheme}.png"
                    if frame == "page":
                        page.evaluate("window.scrollTo(0, 0)")
                        page.screenshot(path=target)
                    else:
                        clip = page.evaluate(
                            """selector => {
                                 const start = document.querySelector(selector);
                                 const figure = start.matches('.mp-timeline') ? start : start.parentElement.querySelector(`${selector} ~ .mp-timeline`);
                                 start.scrollIntoView({block: 'start'}); window.scrollBy(0, -70);
                                 const a = start.getBoundingClientRect(), b = figure.getBoundingClientRect(), pad = 16;
                                 const x = Math.max(Math.min(a.left, b.left) - pad, 0), y = Math.max(Math.min(a.top, b.top) - pad, 0);
                                 return {x, y, width: Math.max(a.right, b.right) + pad - x, height: Math.max(a.bottom, b.bottom) + pad - y};
                               }""",
                            frame,
                        )
                        page.screenshot(path=target, clip=clip)
                    saved.append(target)
                context.close()
        finally:
            browser.close()
    return saved


def warn_without_cjk_fonts() -> None:
    """Chinese titles render as boxes without a CJK font; say so rather than save such pictures silently."""
    fc_list = shutil.which("fc-list")
    if fc_list and not subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True).stdout.strip():
        print("screenshots: no Chinese font installed; Chinese titles will show as boxes (apt-get install fonts-noto-cjk)", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    warn_without_cjk_fonts()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--today", type=date.fromisoformat, default=date(2027, 2, 15), help="the day the site is built for (default 2027-02-15)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images", help="where the PNGs go (default docs/images)")
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="milepost-screenshots-") as tmp:
        site, shots = build(options.today, Path(tmp))
        server, base = serve(site)
        try:
            saved = shoot(base, shots, options.out)
        finally:
            server.shutdown()
            server.server_close()
    for path in saved:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
