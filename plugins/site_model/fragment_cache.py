"""Rendered fragments kept between builds. Pure (no Pelican, no Jinja).

A fragment (a timeline entry, an article's line or card, an entity's link or name: see
``glue.Fragments``) is a function of what renders it (theme, settings, code: the **scope**),
of its item's ``render_key`` (everything the item shows), its kind and option and the page
language (the site URL a page links from is put in as it is shown). Kept under the hash of
those, it need not be rendered again by the next build: after adding one article to a site,
its year's timeline page is rendered from thousands of entries the last build made.

One SQLite file (``fragments.sqlite`` in the cache folder), as for the analyses: new fragments
are inserted as they are made and committed at the end (``save``), with the fragments read
marked as used (once a day at most: a rebuild reads thousands). Fragments of another scope (the
theme or settings changed) are dropped when no build used them for ``KEEP_OTHER_SCOPE_DAYS``,
any fragment after ``KEEP_UNUSED_DAYS``: the file holds about one site's fragments, not one per
edit of the theme. A damaged, locked or read-only file costs time, never the build: a warning,
and fragments are rendered as if it were empty.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

from .kept_file import MARK_USED_SECONDS, close_kept, open_kept
from .model import text_digest

logger = logging.getLogger(__name__)

FILE_NAME = "fragments.sqlite"
KEEP_UNUSED_DAYS = 30
KEEP_OTHER_SCOPE_DAYS = 1
BATCH = 2000  # fragments inserted at once
BATCH_CHARS = 2_000_000  # or fewer, once they hold this many characters (a year of timeline.json)
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS fragments (key TEXT PRIMARY KEY, scope TEXT, used REAL, html TEXT)"
)


def fragment_key(scope: str, kind: str, item_type: str, render_key: str, *more: object) -> str:
    """The key of one fragment: ``more`` is its option, language and site URL.

    >>> fragment_key("s", "entry", "E", "k", True, "fr", "..") == fragment_key(
    ...     "s", "entry", "E", "k", True, "fr", ".")
    False
    """
    return text_digest("fragment", scope, kind, item_type, render_key, *map(repr, more))


class FragmentCache:
    """Fragments by key in ``folder`` for one ``scope`` (``folder`` None: nothing is kept).

    >>> cache = FragmentCache(None, "scope")
    >>> cache.get("k") is None, cache.hits, cache.misses
    (True, 0, 1)
    """

    def __init__(self, folder: Path | None, scope: str):
        self.folder = folder
        self.scope = scope
        self.hits = self.misses = 0
        self._now = time.time()
        self._used: list[str] = []
        self._new: list[tuple] = []  # inserted a batch at a time
        self._new_chars = 0
        self._empty = True  # nothing to read (a first build): ``get`` does not ask
        self._db = self._open(folder) if folder is not None else None

    def get(self, key: str) -> str | None:
        """The fragment kept under ``key``, or None."""
        row = None
        if self._db is not None and not self._empty:
            try:
                row = self._db.execute(
                    "SELECT html, used FROM fragments WHERE key = ?", (key,)
                ).fetchone()
            except sqlite3.Error as error:
                self._give_up("cannot read the fragments in", error)
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        if row[1] < self._now - MARK_USED_SECONDS:  # marked used once a day at most
            self._used.append(key)
        return row[0]

    def put(self, key: str, html: str) -> None:
        """Keep ``html`` under ``key`` (committed by ``save``)."""
        if self._db is None:
            return
        self._new.append((key, self.scope, self._now, html))
        self._new_chars += len(html)
        if len(self._new) >= BATCH or self._new_chars >= BATCH_CHARS:
            self._insert()

    def _insert(self) -> None:
        rows, self._new, self._new_chars = self._new, [], 0
        if self._db is None or not rows:
            return
        try:
            self._db.executemany("INSERT OR REPLACE INTO fragments VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error as error:
            self._give_up("cannot keep the fragments in", error)

    def save(self) -> None:
        """Commit the new fragments, mark those read as used, drop the stale ones; close."""
        if self._db is None:
            return
        self._insert()
        if self._db is None:
            return
        now = self._now
        stale = (
            "used < ? OR (scope != ? AND used < ?)",
            (now - KEEP_UNUSED_DAYS * 86400, self.scope, now - KEEP_OTHER_SCOPE_DAYS * 86400),
        )
        close_kept(
            self._db, "fragments", self._used, now, stale,
            lambda error: self._warn("cannot keep the fragments in", error),
        )  # fmt: skip
        self._db = None

    def _open(self, folder: Path) -> sqlite3.Connection | None:
        path = folder / FILE_NAME
        db = open_kept(
            path, SCHEMA, "fragments",
            lambda error: self._warn("cannot use the fragment cache", error, path),
        )  # fmt: skip
        if db is not None:
            self._empty = db.execute("SELECT 1 FROM fragments LIMIT 1").fetchone() is None
        return db

    def _give_up(self, what: str, error: Exception) -> None:
        self._warn(what, error)
        if self._db is not None:
            self._db.close()
            self._db = None

    def _warn(self, what: str, error: Exception, path: Path | None = None) -> None:
        where = path or (self.folder / FILE_NAME if self.folder else "")
        logger.warning("site model: %s %s: %s; fragments are rendered again", what, where, error)
