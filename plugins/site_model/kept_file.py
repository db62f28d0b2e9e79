"""One SQLite file of things kept between builds (analyses, fragments): opened robustly,
closed with what was used marked and what is stale dropped. Pure (no Pelican).

A file that is not a database is made again once, with a warning; a file that cannot be used
at all (locked, read-only, a folder in its place) is reported through ``problem`` and the
build goes on without it (None).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

logger = logging.getLogger(__name__)

MARK_USED_SECONDS = 86400  # a row read is marked used when it was not for a day


def open_kept(
    path: Path, schema: str, table: str, problem: Callable[[Exception], None]
) -> sqlite3.Connection | None:
    """``path`` opened with ``table`` made by ``schema``; None (after ``problem``) when it
    cannot be used."""
    for attempt in (1, 2):
        db = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=30)
            db.execute(schema)
            db.execute(f"SELECT count(*) FROM {table}").fetchone()
            return db
        except sqlite3.DatabaseError as error:  # not a database: made again, once
            if db is not None:
                db.close()
            if attempt == 2 or not path.is_file():
                problem(error)
                return None
            logger.warning("site model: %s is damaged (%s); it is made again", path, error)
            path.unlink(missing_ok=True)
        except (OSError, sqlite3.Error) as error:
            if db is not None:
                db.close()
            problem(error)
            return None
    return None


def close_kept(
    db: sqlite3.Connection,
    table: str,
    used: Iterable[str],
    now: float,
    stale: tuple[str, tuple],
    problem: Callable[[Exception], None],
) -> None:
    """Commit, mark the rows of the keys ``used`` as used ``now``, delete the ``stale`` ones
    (a WHERE clause and its values); close."""
    where, values = stale
    try:
        with db:
            db.executemany(
                f"UPDATE {table} SET used = ? WHERE key = ?",
                [(now, key) for key in used],
            )
            db.execute(f"DELETE FROM {table} WHERE {where}", values)
    except sqlite3.Error as error:
        problem(error)
    finally:
        db.close()
