"""Bring a freshly built Pagefind bundle into the site: only what changed. Pure.

Pagefind writes its whole bundle on each run; copying it over ``output/pagefind/`` file by file,
only where the bytes differ, leaves every unchanged index file untouched (its time too), and
removes those Pagefind no longer writes.
"""

from __future__ import annotations

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


def sync_folder(source: Path, target: Path) -> Synced:
    """Make ``target`` hold the same files as ``source``: copy those whose bytes differ, remove
    those ``source`` lacks, then the folders left empty."""
    synced = Synced()
    wanted = files_under(source)
    for name in sorted(wanted):
        new, old = source / name, target / name
        same_size = old.is_file() and old.stat().st_size == new.stat().st_size
        if same_size and old.read_bytes() == new.read_bytes():
            continue
        old.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(new, old)
        synced.copied.append(name)
    for name in sorted(files_under(target) - wanted):
        (target / name).unlink()
        synced.removed.append(name)
    for folder in sorted((p for p in target.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return synced
