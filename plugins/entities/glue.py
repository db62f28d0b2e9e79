"""The alias book a site uses: the built-in aliases, then the editors' file, which wins.

The entities package is a library (registry, aliases, extraction, mentions, views); the site
model plugin (``plugins/site_model``) renders entity pages from it, and ingest normalises names
with it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import sys
from pathlib import Path

import babel

from .aliases import AliasBook, AliasFileError, load_alias_book
from .settings import entities_settings

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
BUILTIN_ALIASES = HERE / "builtin_aliases.yml"
BOOK_CACHE = "alias-book.pickle"  # in CACHE_PATH
# What the book is read with besides its files: its code, its word lists, the YAML reader.
BOOK_CODE = (*sorted(HERE.glob("*.py")), *sorted((HERE / "data").glob("*.txt")),
             HERE.parent / "newstext" / "yamlfile.py")  # fmt: skip


def alias_book(settings: dict) -> AliasBook:
    """Built-in aliases, then the editors' file, which wins. A bad editor file is reported and
    left out, so the site still builds (and a strict build fails).

    A book read without a problem is kept in ``CACHE_PATH`` (``alias-book.pickle``) under a key
    of everything it was read from (``book_key``): the next build loads it rather than reading
    the YAML and the CLDR territories again (0.03-0.05 s of every build; a rebuild with nothing
    changed at 1,000 articles takes 0.7 s)."""
    editor_file = Path(settings["PATH"]) / entities_settings(settings)["ENTITIES_ALIAS_FILE"]
    root = Path(settings["PATH"]).resolve().parent
    builtin = (BUILTIN_ALIASES, "plugins/entities/builtin_aliases.yml")
    layers = [builtin]
    if editor_file.exists():
        layers.append((editor_file, editor_file.resolve().relative_to(root).as_posix()))
    cache = Path(settings["CACHE_PATH"]) / BOOK_CACHE if settings.get("CACHE_PATH") else None
    key = book_key(layers)
    kept = kept_book(cache, key)
    if kept is not None:
        return kept
    try:
        book = load_alias_book([path for path, _ in layers], [shown for _, shown in layers])
    except AliasFileError as error:  # reported again at every build: never kept
        logger.error("%s", error)
        return load_alias_book([builtin[0]], [builtin[1]])
    keep_book(cache, key, book)
    return book


def book_key(layers: list[tuple[Path, str]]) -> str | None:
    """A digest of the alias files (their bytes and the names they are shown by), the code that
    reads them and Babel's version (CLDR's territories); None when a file cannot be read."""
    digest = hashlib.sha256(f"alias book 1 {babel.__version__} {sys.version_info[:2]}".encode())
    try:
        for path in (*BOOK_CODE, *(path for path, _ in layers)):
            digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
    except OSError:
        return None
    for _, shown in layers:
        digest.update(f"\x1f{shown}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def kept_book(cache: Path | None, key: str | None) -> AliasBook | None:
    """The book kept under ``key``, or None (none kept, another key, a damaged file)."""
    if cache is None or key is None:
        return None
    try:
        with open(cache, "rb") as kept:
            found_key, book = pickle.load(kept)
    except FileNotFoundError:
        return None
    except Exception as error:  # a damaged or foreign file: read the files again, keep anew
        logger.debug("entities: %s not used: %s", cache, error)
        return None
    return book if found_key == key and isinstance(book, AliasBook) else None


def keep_book(cache: Path | None, key: str | None, book: AliasBook) -> None:
    """``book`` saved under ``key`` (written whole, then renamed: a reader never sees half)."""
    if cache is None or key is None:
        return
    part = cache.with_name(f"{cache.name}.{os.getpid()}.part")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(pickle.dumps((key, book), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(part, cache)
    except OSError as error:
        with contextlib.suppress(OSError):
            part.unlink()
        logger.debug("entities: alias book not kept in %s: %s", cache, error)
