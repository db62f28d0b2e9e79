"""Pelican glue: write sitemap.xml once everything is written, when SITEURL is absolute.

Sitemaps need absolute locations, so a local build (relative SITEURL) writes none;
``invoke publish`` with ``SITEURL=https://...`` does.
"""

from __future__ import annotations

import logging
from pathlib import Path

from newstext.safety import path_inside
from pelican import signals

from .sitemap import sitemap_xml

logger = logging.getLogger(__name__)


def write_sitemap(pelican) -> None:
    site_url = pelican.settings.get("SITEURL", "")
    if not site_url.startswith(("http://", "https://")):
        logger.info("sitemap: skipped, SITEURL is not absolute (set it in publishconf.py)")
        return
    output = Path(pelican.settings["OUTPUT_PATH"])
    pages = [
        (path.relative_to(output).as_posix(), None)
        for path in output.rglob("*.html")
        if path.name != "404.html" and "pagefind" not in path.parts
    ]
    path_inside(output, "sitemap.xml").write_text(sitemap_xml(site_url, pages), encoding="utf-8")


def register() -> None:
    signals.finalized.connect(write_sitemap)
