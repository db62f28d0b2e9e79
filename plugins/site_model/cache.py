"""The analyses of articles, kept by content between builds. Pure (no Pelican).

One JSON file per analysis, named by the hash of everything the analysis read (``key``): an
article whose text, language, date, names and alias-book forms did not change is read back, not
analysed again. A damaged or unreadable entry is analysed again (and rewritten); entries are
written whole or not at all (a temporary file, then a rename).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from pathlib import Path

from .analysis import ANALYSIS_VERSION, Analysis, ArticleInput, analyse
from .model import digest

logger = logging.getLogger(__name__)


def analysis_key(article: ArticleInput) -> str:
    """The hash of what ``analyse`` reads, and of its version."""
    return digest(
        "analysis", ANALYSIS_VERSION, article.body, article.lang, article.date,
        sorted((kind, list(names)) for kind, names in article.names.items()),
        sorted((name, list(forms)) for name, forms in article.forms.items()),
    )  # fmt: skip


class AnalysisCache:
    """Analyses by key in ``folder`` (None: no cache, every article is analysed)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = self.misses = 0

    def analysis(self, article: ArticleInput) -> tuple[str, Analysis]:
        """The key and the analysis of ``article``: from the cache, else computed and kept."""
        key = analysis_key(article)
        path = self.folder / key[:2] / f"{key}.json" if self.folder else None
        if path is not None:
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                found = Analysis.from_json(json.loads(path.read_text(encoding="utf-8")))
                self.hits += 1
                return key, found
        self.misses += 1
        found = analyse(article)
        if path is not None:
            self._write(path, found)
        return key, found

    def _write(self, path: Path, found: Analysis) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(found.as_json(), out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, path)
        except OSError as error:  # a read-only cache costs time, never the build
            logger.warning("site model: cannot keep an analysis in %s: %s", path.parent, error)
