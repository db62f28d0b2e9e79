"""The analyses of articles, kept by content between builds. Pure (no Pelican).

One SQLite file (``analyses.sqlite`` in the cache folder) maps the hash of everything an
analysis read (``analysis_key``) to the analysis as JSON: an article whose text, language,
date, names and alias-book forms did not change is read back, not analysed again. One file
rather than one per article: creating and opening thousands of small files cost more than the
reading itself.

New analyses are inserted as they are made and committed in one transaction at the end
(``save``), so that a build holds none of them in memory twice; entries no build has used for
``KEEP_UNUSED_DAYS`` days are then dropped, so the file does not grow with every edit. A
damaged, locked or read-only cache costs time, never the build: a warning, and the analyses
are made again.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
import sqlite3
import time
from pathlib import Path

from .analysis import ANALYSIS_VERSION, Analysis, ArticleInput, analyse
from .kept_file import MARK_USED_SECONDS, close_kept, open_kept
from .model import text_digest

logger = logging.getLogger(__name__)

FILE_NAME = "analyses.sqlite"
KEEP_UNUSED_DAYS = 30
SCHEMA = "CREATE TABLE IF NOT EXISTS analyses (key TEXT PRIMARY KEY, used REAL, data TEXT)"
# An analysis is plain lists and strings, never a cycle: not checked for one.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def analysis_key(article: ArticleInput) -> str:
    """The hash of what ``analyse`` reads, and of its version."""
    names = sorted((kind, list(names)) for kind, names in article.names.items())
    forms = sorted((name, list(forms)) for name, forms in article.forms.items())
    return text_digest(
        "analysis", ANALYSIS_VERSION, article.body, article.lang, article.date.isoformat(),
        json.dumps(names, ensure_ascii=False), json.dumps(forms, ensure_ascii=False),
    )  # fmt: skip


class AnalysisCache:
    """Analyses by key in ``folder`` (None: no cache, every article is analysed).

    >>> cache = AnalysisCache(None)
    >>> cache.hits, cache.misses
    (0, 0)
    """

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = self.misses = 0
        self._now = time.time()
        self._used: list[str] = []
        self._db = self._open(folder) if folder is not None else None

    def analysis(self, article: ArticleInput, key: str | None = None) -> Analysis:
        """The analysis of ``article`` (whose ``analysis_key`` is ``key`` when given): from
        the cache, else computed and kept."""
        key = key or analysis_key(article)
        found = self._read(key)
        if found is not None:
            self.hits += 1
            return found
        self.misses += 1
        found = analyse(article)
        self._insert(key, found)
        return found

    def _insert(self, key: str, found: Analysis) -> None:
        if self._db is None:
            return
        data = _ENCODER.encode(found.as_json())
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO analyses VALUES (?, ?, ?)", (key, self._now, data)
            )
        except sqlite3.Error as error:
            self._warn("cannot keep the analyses in", error)
            self._db.close()
            self._db = None

    def save(self) -> None:
        """Keep the analyses made, mark those read as used, drop the long unused; close."""
        if self._db is None:
            return
        cutoff = self._now - KEEP_UNUSED_DAYS * 86400
        close_kept(
            self._db, "analyses", self._used, self._now, ("used < ?", (cutoff,)),
            lambda error: self._warn("cannot keep the analyses in", error),
        )  # fmt: skip
        self._db = None

    def _read(self, key: str) -> Analysis | None:
        if self._db is None:
            return None
        with contextlib.suppress(sqlite3.Error, ValueError, KeyError, TypeError):
            row = self._db.execute(
                "SELECT data, used FROM analyses WHERE key = ?", (key,)
            ).fetchone()
            if row is not None:
                found = Analysis.from_json(json.loads(row[0]))
                if row[1] < self._now - MARK_USED_SECONDS:  # marked used once a day at most
                    self._used.append(key)
                return found
        return None

    def _open(self, folder: Path) -> sqlite3.Connection | None:
        path = folder / FILE_NAME
        old = folder / "analysis"  # one JSON file per analysis, before this file
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        return open_kept(
            path, SCHEMA, "analyses",
            lambda error: self._warn("cannot use the analysis cache", error, path),
        )  # fmt: skip

    def _warn(self, what: str, error: Exception, path: Path | None = None) -> None:
        where = path or (self.folder / FILE_NAME if self.folder else "")
        logger.warning("site model: %s %s: %s; analyses are made again", what, where, error)
