"""Save the main pages of a built site as PNG, at phone and desktop widths, for review.

    python tests/browser/screenshots.py --out screenshots [--site output]

The site is served on 127.0.0.1 and shown in Debian's headless Chromium (installed with apt-get
when missing and running as root). Without --site, the project's output/ is used, built first
with ``invoke build`` when it is missing. ``invoke screenshots`` runs this script.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from browser_harness import (
    DESKTOP,
    PHONE,
    StaticServer,
    ToolMissing,
    block_outside,
    ensure_chromium,
    launch_chromium,
)
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
SIZES = {"phone": PHONE, "desktop": DESKTOP}
PREFERRED_ENTITY = "Vladimir Poutine"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def first_article(site: Path) -> str | None:
    """The first article linked from the home page, else the first article file."""
    home = site / "index.html"
    if home.is_file():
        for link in soup_of(home).select("main a[href]"):
            href = link["href"].removeprefix("./")
            if href.startswith("articles/") and (site / href).is_file():
                return href
    found = sorted((site / "articles").glob("*.html"))
    return found[0].relative_to(site).as_posix() if found else None


def an_entity(site: Path) -> str | None:
    """Vladimir Poutine's page when the site has one, else the first entity page."""
    found = sorted((site / "entities").glob("*/*.html"))
    for path in found:
        heading = soup_of(path).h1
        if heading and heading.get_text(strip=True) == PREFERRED_ENTITY:
            return path.relative_to(site).as_posix()
    return found[0].relative_to(site).as_posix() if found else None


def pages_of(site: Path) -> dict[str, str]:
    """What to photograph: name -> path from the site root; a page the site lacks is left out."""
    wanted = {
        "home": "index.html",
        "article": first_article(site),
        "entity": an_entity(site),
        "entities": "entities/index.html",
        "timeline": "timeline/index.html",
    }
    pages = {}
    for name, path in wanted.items():
        if path and (site / path).is_file():
            pages[name] = path
        else:
            say(f"screenshots: the site has no {name} page ({path or 'none found'}); skipped")
    return pages


def build_project_site() -> None:
    say("screenshots: output/ is missing; building it with `invoke build`")
    subprocess.run([sys.executable, "-m", "invoke", "build"], cwd=ROOT, check=True)


def take(site: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    saved = []
    pages = pages_of(site)
    with StaticServer(site) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright, ensure_chromium(say))
        for size_name, viewport in SIZES.items():
            context = browser.new_context(viewport=viewport, device_scale_factor=1)
            block_outside(context)
            page = context.new_page()
            for name, path in pages.items():
                page.goto(server.url(path), wait_until="load")
                target = out / f"{name}-{size_name}.png"
                page.screenshot(path=str(target), full_page=True)
                saved.append(target)
                print(target)
            context.close()
        browser.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="folder for PNGs")
    parser.add_argument("--site", type=Path, help="built site to show (default: output/)")
    args = parser.parse_args(argv)
    site = args.site
    if site is None:
        site = ROOT / "output"
        if not (site / "index.html").is_file():
            build_project_site()
    if not (site / "index.html").is_file():
        parser.error(f"{site} has no index.html: build the site first (invoke build)")
    try:
        saved = take(site.resolve(), args.out)
    except ToolMissing as missing:
        say(f"screenshots: {missing}")
        return 1
    say(f"screenshots: saved {len(saved)} PNG files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
