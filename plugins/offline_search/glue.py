"""Index the built site with Pagefind, so that search works on any static host, offline.

Pagefind's PyPI wheel ships its binary: nothing is downloaded at build time. Only what the
theme marks with ``data-pagefind-body`` (articles) is indexed; filters come from
``data-pagefind-filter`` attributes (entities, language, source, year). Pagefind is given only
the article pages to read: listing and entity pages hold nothing to index, and reading them all
was most of its time and memory on large sites.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys

from pelican import signals

logger = logging.getLogger(__name__)


def article_glob(save_as: str) -> str:
    """The files Pagefind reads: the article pages, from ``ARTICLE_SAVE_AS``.

    >>> article_glob("articles/{slug}.html")
    'articles/*.html'
    >>> article_glob("{date:%Y}/{date:%m}/{slug}/index.html")
    '*/*/*/index.html'
    """
    return re.sub(r"\{[^}]*\}", "*", save_as)


def pagefind_command(output_path: str, language: str, glob: str = "**/*.{html}") -> list[str]:
    """One index for the whole site: Pagefind would otherwise split it by ``<html lang>``, and
    a French search page would never find an English article."""
    return [
        sys.executable, "-m", "pagefind", "--site", output_path, "--glob", glob,
        "--force-language", language, "--silent",
    ]  # fmt: skip


def index_site(pelican) -> None:
    if not pelican.settings.get("SEARCH_INDEX", True):
        return
    command = pagefind_command(
        pelican.settings["OUTPUT_PATH"],
        pelican.settings.get("DEFAULT_LANG", "en"),
        article_glob(pelican.settings["ARTICLE_SAVE_AS"]),
    )
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as error:
        logger.error(
            "search index: could not run Pagefind (%s); is pagefind[bin] installed?", error
        )
        return
    if completed.returncode != 0:
        logger.error(
            "search index: Pagefind failed with exit code %s:\n%s",
            completed.returncode,
            (completed.stderr or completed.stdout).strip(),
        )
    else:
        logger.info("search index: Pagefind indexed %s", pelican.settings["OUTPUT_PATH"])


def register() -> None:
    signals.finalized.connect(index_site)
