"""Where an article's date comes from when the text does not say it.

The chain, first answer wins: editor (sidecar or Markdown metadata) > dateline in the text >
a date at the start of the file name > the first git commit of the raw file > the file's
modification time. The first two are found by the parsers; this module does the rest.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import subprocess
from pathlib import Path

from .model import DateValue, Found, IngestError

logger = logging.getLogger(__name__)

# Kept word for word: the build summary counts the articles dated this way.
MTIME_HOW = "file modification time (a guess: nothing in or about the file dates it)"
MTIME_WARNING = "%s: dated by file time: add `date:` to its sidecar"

_NAME_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[_\-\s.]|$)")


def date_from_file_name(path: Path, display: str, tz: dt.tzinfo) -> Found | None:
    """A date at the start of the file name: ``2016-03-04_title.txt`` or ``20160304-title.txt``.

    >>> import zoneinfo
    >>> found = date_from_file_name(Path("2016-03-04_x.txt"), "x", zoneinfo.ZoneInfo("UTC"))
    >>> found.value.when.isoformat(), found.how
    ('2016-03-04T00:00:00+00:00', 'file name')
    """
    match = _NAME_DATE.match(path.name)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        day_date = dt.date(year, month, day)
    except ValueError:
        raise IngestError(
            display,
            f'file name starts with "{match.group(0).rstrip("_- .")}", which is not a real day; '
            "rename the file or state the date in a sidecar",
        ) from None
    when = dt.datetime.combine(day_date, dt.time(0), tzinfo=tz)
    return Found(DateValue(when, "day"), "file name")


class FirstCommits:
    """When each file was first committed: the author date of the commit that added it (through
    renames), read for a whole folder with one ``git log`` the first time one of its files is
    asked about, rather than one ``git log --follow`` per file. Files under ``root`` (the seeds
    folder) share one reading of it; any other file, its own folder's. A folder outside git, or
    a file never committed, has no date here."""

    def __init__(self, root: Path | None = None):
        self.root = Path(os.path.realpath(root)) if root is not None else None
        self._folders: dict[Path, dict[Path, str]] = {}

    def date(self, path: Path, tz: dt.tzinfo) -> Found | None:
        folder = Path(os.path.realpath(path.parent))  # the file itself may be a link: its own
        read_as = self.root if self.root and folder.is_relative_to(self.root) else folder
        if read_as not in self._folders:
            self._folders[read_as] = first_commit_dates(read_as)
        iso = self._folders[read_as].get(folder / path.name)
        if iso is None:
            return None
        try:
            when = dt.datetime.fromisoformat(iso).astimezone(tz)
        except (ValueError, OverflowError):  # a commit dated near year 1 or 9999
            return None
        return Found(DateValue(when, "minute"), "git commit of the raw file")


def _git(folder: Path, *args: str) -> str | None:
    try:
        completed = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout if completed.returncode == 0 else None


def first_commit_dates(folder: Path) -> dict[Path, str]:
    """{file: ISO author date of the commit that added it} for every file git has seen under
    ``folder``, oldest commit first, a renamed file keeping the date its first name was added;
    {} outside git."""
    top = _git(folder, "rev-parse", "--show-toplevel")
    log = _git(
        folder, "log", "--reverse", "-M", "--diff-filter=AR", "--format=%x00%aI",
        "--name-status", "-z", "--", ".",
    )  # fmt: skip
    if not top or log is None:
        return {}
    top_path = Path(top.strip())
    added: dict[Path, str] = {}
    when = ""
    fields = iter(log.split("\0"))
    for field in fields:
        if field == "":  # a commit starts: its date follows
            when = next(fields, "")
            continue
        status = field.strip()
        if status.startswith("A"):
            added.setdefault(top_path / next(fields, ""), when)
        elif status.startswith("R"):
            old, new = top_path / next(fields, ""), top_path / next(fields, "")
            added.setdefault(new, added.get(old, when))
    return added


def date_from_git(path: Path, tz: dt.tzinfo, history: FirstCommits | None = None) -> Found | None:
    """The author date of the commit that first added ``path``, or None outside git. A run
    over many files passes one ``history`` for all (one ``git log`` per folder)."""
    return (history or FirstCommits()).date(path, tz)


def date_from_mtime(path: Path, tz: dt.tzinfo, display: str | None = None) -> Found:
    """The file's modification time: the last resort, and the only one that can vary. It is a
    guess, and said so: in the article's Found line, and once per build in its summary (and
    after ``invoke ingest``'s), from that Found line; the log line here is for ``--debug``.

    A time no calendar date can hold (a file touched to the year 300000) is an ``IngestError``.
    """
    logger.info(MTIME_WARNING, display or path.name)
    mtime = int(path.stat().st_mtime)
    try:
        when = dt.datetime.fromtimestamp(mtime, tz)
    except (ValueError, OverflowError, OSError):
        raise IngestError(
            display or str(path),
            f"the file's modification time ({mtime} seconds after 1970) is not a date: "
            "state the date in a sidecar (date: 2023-09-13)",
        ) from None
    return Found(DateValue(when, "minute"), MTIME_HOW)
