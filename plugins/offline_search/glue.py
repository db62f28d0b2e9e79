"""Index the built site with Pagefind, so that search works on any static host, offline.

Pagefind's PyPI wheel ships its binary: nothing is downloaded at build time. Only what the
theme marks with ``data-pagefind-body`` (articles) is indexed; filters come from
``data-pagefind-filter`` attributes (entities, language, source, year).
"""

from __future__ import annotations

import logging
import subprocess
import sys

from pelican import signals

logger = logging.getLogger(__name__)


def pagefind_command(output_path: str, language: str) -> list[str]:
    """One index for the whole site: Pagefind would otherwise split it by ``<html lang>``, and
    a French search page would never find an English article."""
    return [
        sys.executable, "-m", "pagefind", "--site", output_path,
        "--force-language", language, "--silent",
    ]  # fmt: skip


def index_site(pelican) -> None:
    if not pelican.settings.get("SEARCH_INDEX", True):
        return
    command = pagefind_command(
        pelican.settings["OUTPUT_PATH"], pelican.settings.get("DEFAULT_LANG", "en")
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
