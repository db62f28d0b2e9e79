"""The alias book a site uses: the built-in aliases, then the editors' file, which wins.

The entities package is a library (registry, aliases, extraction, mentions, views); the site
model plugin (``plugins/site_model``) renders entity pages from it, and ingest normalises names
with it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .aliases import AliasFileError, load_alias_book
from .settings import entities_settings

logger = logging.getLogger(__name__)

BUILTIN_ALIASES = Path(__file__).resolve().parent / "builtin_aliases.yml"


def alias_book(settings: dict):
    """Built-in aliases, then the editors' file, which wins. A bad editor file is reported and
    left out, so the site still builds (and a strict build fails)."""
    editor_file = Path(settings["PATH"]) / entities_settings(settings)["ENTITIES_ALIAS_FILE"]
    root = Path(settings["PATH"]).resolve().parent
    builtin = (BUILTIN_ALIASES, "plugins/entities/builtin_aliases.yml")
    layers = [builtin]
    if editor_file.exists():
        layers.append((editor_file, editor_file.resolve().relative_to(root).as_posix()))
    try:
        return load_alias_book([path for path, _ in layers], [shown for _, shown in layers])
    except AliasFileError as error:
        logger.error("%s", error)
        return load_alias_book([builtin[0]], [builtin[1]])
