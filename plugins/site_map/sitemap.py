"""sitemap.xml from the list of pages written. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape


def sitemap_xml(site_url: str, pages: Iterable[tuple[str, str | None]]) -> str:
    """A sitemap of ``(relative url, lastmod or None)``, sorted, with absolute locations.

    >>> print(sitemap_xml("https://ex.org/d", [("index.html", None)]))
    <?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc>https://ex.org/d/index.html</loc></url>
    </urlset>
    <BLANKLINE>
    """
    rows = []
    for url, lastmod in sorted(set(pages)):
        stamp = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
        rows.append(f"<url><loc>{escape(site_url.rstrip('/') + '/' + url)}</loc>{stamp}</url>")
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
            *rows,
            "</urlset>",
            "",
        ]
    )
