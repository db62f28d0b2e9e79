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
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


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
    for name in sorted(wanted):
        new, old = source / name, target / name
        same_size = old.is_file() and old.stat().st_size == new.stat().st_size
        if same_size and old.read_bytes() == new.read_bytes():
            continue
        old.parent.mkdir(parents=True, exist_ok=True)
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
    for folder in sorted((p for p in target.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return synced
