"""Index the built site with Pagefind, so that search works on any static host, offline.

Pagefind's PyPI wheel ships its binary: nothing is downloaded at build time. Only what the
theme marks with ``data-pagefind-body`` (articles) is indexed; filters come from
``data-pagefind-filter`` attributes (entities, language, source, year). Pagefind is given only
the article pages to read: listing and entity pages hold nothing to index, and reading them all
was most of its time and memory on large sites.

Incremental builds: Pagefind writes into a staging folder in Pelican's ``CACHE_PATH``, which is
then synced into ``output/pagefind/`` (``bundle.sync_folder``: only files whose bytes differ are
copied, those gone are removed). With the incremental plugin (``pelican.output_changes``), a
build that wrote or removed no article page keeps the existing index and does not run Pagefind.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path

from pelican import signals

from .bundle import sync_folder

logger = logging.getLogger(__name__)


def article_glob(save_as: str) -> str:
    """The files Pagefind reads: the article pages, from ``ARTICLE_SAVE_AS``.

    >>> article_glob("articles/{slug}.html")
    'articles/*.html'
    >>> article_glob("{date:%Y}/{date:%m}/{slug}/index.html")
    '*/*/*/index.html'
    """
    return re.sub(r"\{[^}]*\}", "*", save_as)


BUNDLE = "pagefind"  # the folder of the index in the site


def pagefind_command(
    output_path: str, language: str, glob: str = "**/*.{html}", bundle_path: str | None = None
) -> list[str]:
    """One index for the whole site: Pagefind would otherwise split it by ``<html lang>``, and
    a French search page would never find an English article. ``bundle_path``: where Pagefind
    writes the index (by default ``pagefind/`` in the site)."""
    command = [
        sys.executable, "-m", "pagefind", "--site", output_path, "--glob", glob,
        "--force-language", language, "--silent",
    ]  # fmt: skip
    return command + (["--output-path", bundle_path] if bundle_path else [])


def staging_folder(settings) -> Path:
    """Where Pagefind writes before the sync: in the cache, one folder per output folder."""
    output = str(Path(settings["OUTPUT_PATH"]).resolve())
    tag = hashlib.sha256(output.encode()).hexdigest()[:12]
    return Path(settings["CACHE_PATH"]) / f"pagefind-staging-{tag}"


def index_site(pelican) -> None:
    output = Path(pelican.settings["OUTPUT_PATH"])
    if not pelican.settings.get("SEARCH_INDEX", True):
        if (output / BUNDLE).is_dir():  # an index of an earlier build: no longer part of the site
            shutil.rmtree(output / BUNDLE)
            logger.info("search index: SEARCH_INDEX is off; %s removed", output / BUNDLE)
        return
    glob = article_glob(pelican.settings["ARTICLE_SAVE_AS"])
    changes = getattr(pelican, "output_changes", None)
    if (
        changes is not None
        and changes.finished
        and (output / BUNDLE).is_dir()
        and not changes.touched(glob)
    ):
        logger.info("search index: no article page changed; Pagefind not run")
        return
    staging = staging_folder(pelican.settings)
    shutil.rmtree(staging, ignore_errors=True)
    command = pagefind_command(
        str(output), pelican.settings.get("DEFAULT_LANG", "en"), glob, str(staging)
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
        synced = sync_folder(staging, output / BUNDLE)
        shutil.rmtree(staging, ignore_errors=True)
        logger.info(
            "search index: Pagefind indexed %s (%d index file(s) copied, %d removed)",
            output, len(synced.copied), len(synced.removed),
        )  # fmt: skip


def register() -> None:
    signals.finalized.connect(index_site)
