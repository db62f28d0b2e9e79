"""Bring a freshly built Pagefind bundle into the site: only what changed. Pure.

Pagefind writes its whole bundle on each run; copying it over ``output/pagefind/`` file by file,
only where the bytes differ, leaves every unchanged index file untouched (its time too), and
removes those Pagefind no longer writes. The primary bundle's folder also holds the other
shards' bundles: the sync leaves them (``kept``) alone.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Synced:
    """What ``sync_folder`` did, names relative to the target."""

    copied: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def files_under(folder: Path) -> set[str]:
    """The files below ``folder`` (symbolic links to files too; no folder behind a link is
    entered), as paths relative to it with ``/``; none when it is not a folder. Walked with
    ``os.scandir``: ``Path.rglob`` took most of the time of installing a bundle."""
    found: set[str] = set()
    if not folder.is_dir():
        return found
    folders = [(os.fspath(folder), "")]
    while folders:
        path, prefix = folders.pop()
        try:
            entries = list(os.scandir(path))
        except OSError:  # unreadable: as rglob, what is below is not listed
            continue
        for entry in entries:
            if entry.is_file():
                found.add(prefix + entry.name)
            elif entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, f"{prefix}{entry.name}/"))
    return found


# What a merged shard needs: Pagefind's JavaScript and WebAssembly come from the primary bundle.
INDEX_FILES = ("pagefind-entry.json", "*.pf_meta", "index/*", "filter/*", "fragment/*")


def index_only(names: set[str]) -> set[str]:
    """The files of a bundle that a merged index reads (``mergeIndex`` loads no WebAssembly).

    >>> sorted(index_only({"pagefind.js", "wasm.fr.pagefind", "index/fr_1.pf_index",
    ...                    "pagefind.fr_2.pf_meta", "pagefind-entry.json"}))
    ['index/fr_1.pf_index', 'pagefind-entry.json', 'pagefind.fr_2.pf_meta']
    """
    return {n for n in names if any(fnmatch.fnmatchcase(n, p) for p in INDEX_FILES)}


def is_kept(name: str, kept: tuple[str, ...]) -> bool:
    """Whether ``name``'s first part matches one of the ``kept`` patterns.

    >>> is_kept("shard-2/index/a.pf_index", ("shard-*",)), is_kept("index/a", ("shard-*",))
    (True, False)
    """
    return any(fnmatch.fnmatchcase(name.split("/", 1)[0], pattern) for pattern in kept)


def sync_folder(
    source: Path, target: Path, kept: tuple[str, ...] = (), move: bool = False
) -> Synced:
    """Make ``target`` hold the same files as ``source``: copy those whose bytes differ, remove
    those ``source`` lacks, then the folders left empty; the files and folders of ``target``
    whose first part matches a ``kept`` pattern are left alone. ``move``: the files are moved
    rather than copied where they can be (``source`` is a staging folder about to go)."""
    synced = Synced()
    wanted = files_under(source)
    made: set[str] = set()  # the folders of target known to be there
    for name in sorted(wanted):
        new, old = os.path.join(source, name), os.path.join(target, name)
        same_size = os.path.isfile(old) and os.path.getsize(old) == os.path.getsize(new)
        if same_size and Path(old).read_bytes() == Path(new).read_bytes():
            continue
        folder = os.path.dirname(old)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        try:
            if not move:
                raise OSError("copy asked")
            os.replace(new, old)
        except OSError:  # another file system, or a copy asked for
            shutil.copyfile(new, old)
        synced.copied.append(name)
    for name in sorted(n for n in files_under(target) - wanted if not is_kept(n, kept)):
        (target / name).unlink()
        synced.removed.append(name)
    for folder, _, _ in sorted(os.walk(target), reverse=True):  # the deepest first
        if folder != os.fspath(target) and not os.listdir(folder):
            os.rmdir(folder)
    return synced
