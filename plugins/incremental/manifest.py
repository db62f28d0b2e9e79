"""The manifest: what the last build wrote into the output folder, with each file's key, size
and modification time; and what a build changed (written, removed). Pure.

It lives outside the output (in Pelican's ``CACHE_PATH``), one file per output folder, saved
atomically at the end of each build. A file it lists that the next build does not produce is
stale and removed. A missing or unreadable manifest means "build everything".
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from newstext.safety import path_inside

FORMAT = 1


@dataclass(frozen=True)
class Entry:
    """One output file as the build left it: ``key`` None when it had none (always rendered)."""

    key: str | None
    size: int
    mtime_ns: int

    def matches(self, path: str | Path) -> bool:
        """The file is still as this entry recorded it (same size and time)."""
        try:
            stat = os.stat(path)  # a str path as well: a rebuild checks thousands
        except OSError:
            return False
        return stat.st_size == self.size and stat.st_mtime_ns == self.mtime_ns

    @classmethod
    def of(cls, path: Path, key: str | None) -> Entry:
        stat = path.stat()
        return cls(key, stat.st_size, stat.st_mtime_ns)


def manifest_path(cache_path: Path, output_path: Path) -> Path:
    """The manifest of ``output_path``: building into another folder starts afresh.

    >>> manifest_path(Path("/p/.cache"), Path("/p/output")).name.startswith("output-manifest-")
    True
    """
    resolved = str(Path(output_path).resolve())
    tag = hashlib.sha256(resolved.encode()).hexdigest()[:12]
    return Path(cache_path) / f"output-manifest-{tag}.json"


def load_manifest(path: Path, output_path: Path) -> tuple[dict[str, Entry], str | None]:
    """The entries of the manifest at ``path``, and why it was not used (None when it was)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, "no manifest yet"
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return {}, f"the manifest {path} cannot be read ({error})"
    try:
        if data["format"] != FORMAT or data["output"] != str(Path(output_path).resolve()):
            return {}, f"the manifest {path} is of another format or output folder"
        return {
            name: Entry(key if isinstance(key, str) else None, int(size), int(mtime))
            for name, (key, size, mtime) in data["files"].items()
            if isinstance(name, str)
        }, None
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        return {}, f"the manifest {path} is damaged ({error!r})"


def save_manifest(path: Path, output_path: Path, entries: dict[str, Entry]) -> None:
    """Write the manifest atomically: a reader sees the old one or the new one, never half."""
    data = {
        "format": FORMAT,
        "output": str(Path(output_path).resolve()),
        "files": {name: [e.key, e.size, e.mtime_ns] for name, e in sorted(entries.items())},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def stale_files(last: dict[str, Entry], produced: set[str], kept: tuple[str, ...]) -> list[str]:
    """The files the last build wrote that this one did not produce, except those under one of
    the ``kept`` folders.

    >>> last = {"a.html": Entry(None, 1, 1), "b.html": Entry(None, 1, 1),
    ...         "pagefind/x.js": Entry(None, 1, 1)}
    >>> stale_files(last, {"a.html"}, kept=("pagefind",))
    ['b.html']
    """
    return sorted(
        name
        for name in last
        if name not in produced and not any(name.startswith(f"{k}/") for k in kept)
    )


def remove_files(output: Path, names: list[str]) -> list[str]:
    """Remove ``names`` (relative to ``output``) that are files inside it, then the folders left
    empty, up to ``output`` itself (never anything outside it). Returns what was removed."""
    removed = []
    folders = set()
    for name in names:
        try:
            path = path_inside(output, name)
        except ValueError:
            continue
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(name)
            folders.add(path.parent)
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        while folder != output and folder.is_relative_to(output):
            try:
                folder.rmdir()  # only when empty
            except OSError:
                break
            folder = folder.parent
    return removed


def glob_regex(glob: str) -> re.Pattern:
    """A Pagefind-style glob as a regex: ``*`` within a folder, ``**/`` any folders, ``{a,b}``.

    >>> bool(glob_regex("articles/*.html").fullmatch("articles/x.html"))
    True
    >>> bool(glob_regex("articles/*.html").fullmatch("articles/a/x.html"))
    False
    >>> bool(glob_regex("**/*.{html}").fullmatch("a/b/x.html"))
    True
    """
    parts, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            parts.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            parts.append(".*")
            i += 2
        elif glob[i] == "*":
            parts.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            parts.append("[^/]")
            i += 1
        elif glob[i] == "{" and "}" in glob[i:]:
            end = glob.index("}", i)
            parts.append("(?:" + "|".join(map(re.escape, glob[i + 1 : end].split(","))) + ")")
            i = end + 1
        else:
            parts.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(parts))


@dataclass
class BuildChanges:
    """What this build did to the output folder (names relative to it), for the plugins that run
    after the pages are written (the search index): files ``written`` by the writer, rendered or
    skipped but ``unchanged``, ``removed`` as stale, and written by ``others`` (plugins that
    write files themselves). ``finished`` once stale files are removed.
    """

    written: set[str] = field(default_factory=set)
    unchanged: set[str] = field(default_factory=set)  # rendered or skipped, bytes kept
    removed: set[str] = field(default_factory=set)
    others: set[str] = field(default_factory=set)  # written by other plugins themselves
    finished: bool = False

    @property
    def produced(self) -> set[str]:
        return self.written | self.unchanged | self.others

    def touched(self, glob: str) -> bool:
        """Whether a file matching ``glob`` was written or removed.

        >>> changes = BuildChanges(written={"index.html"}, removed={"articles/a.html"})
        >>> changes.touched("articles/*.html")
        True
        >>> BuildChanges(written={"index.html"}).touched("articles/*.html")
        False
        """
        pattern = glob_regex(glob)
        touched = self.written | self.others | self.removed
        return any(pattern.fullmatch(name) for name in touched)
