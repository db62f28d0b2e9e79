"""A rebuild with nothing changed: the last build's site model pages, kept as they are. Pure.

The site model, every page it renders and every article's ``render_key`` are functions of the
articles' analysis keys, what the articles show of themselves (title, date, URL, metadata,
neighbours), the alias book and data files, the digests' files, the output folder, and what
renders (theme, settings, code: ``incremental``'s build digest). ``reuse_key`` hashes all of
that. When it equals the last build's, and every file that build wrote is still as it left it,
the model is not built and its pages are not even fingerprinted: the articles get their last
``render_key`` back (so Pelican's keyed writer skips their pages too) and the site model's files
are kept. Anything else, even a file touched in ``output/``, is a normal build.

The state is saved only after a build that logged no warning from the site model and the
libraries it runs: a problem is reported again by the next build, never hidden by a reuse.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from .model import digest

logger = logging.getLogger(__name__)

STATE_FILE = "site-model-state.json"
FORMAT = 2
# The loggers whose warnings a reuse would not repeat (they speak while the model is built or
# rendered): a build where one of them spoke saves no state.
WATCHED = ("site_model", "entities", "timelines", "newstext")


def reuse_key(
    build_digest: str, output: str, default_lang: str, data_files: str,
    articles: Iterable[object],
) -> str:  # fmt: skip
    """The hash of everything the model and its pages are made from (see the module doc);
    ``articles``: plain data per article, in a stable order."""
    return digest("reuse", FORMAT, build_digest, output, default_lang, data_files, list(articles))


def load_state(cache: Path) -> dict | None:
    """The last build's state, or None when there is none or it cannot be read."""
    try:
        state = json.loads((cache / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        return None
    if not isinstance(state.get("render_keys"), dict) or not isinstance(state.get("files"), list):
        return None
    return state


def save_state(
    cache: Path,
    key: str,
    render_keys: Mapping[str, str],
    files: list[str],
    entities: Mapping[str, list] | None = None,
    related: Mapping[str, Iterable[str]] | None = None,
) -> None:
    """Keep this build's state (written whole or not at all). For the next build that is not a
    reuse: ``entities``, each entity's key and files (``kept_entities``); ``related``, the
    related articles by the digest of what they were worked out from (``model.py``)."""
    state = {
        "format": FORMAT, "key": key, "render_keys": dict(render_keys), "files": files,
        "entities": dict(entities or {}),
        "related": {inputs: list(found) for inputs, found in (related or {}).items()},
    }  # fmt: skip
    try:
        cache.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(state, out, sort_keys=True, separators=(",", ":"))
        os.replace(temporary, cache / STATE_FILE)
    except OSError as error:  # a read-only cache costs time, never the build
        logger.warning("site model: cannot keep its state in %s: %s", cache, error)


def forget_state(cache: Path) -> None:
    with contextlib.suppress(OSError):
        (cache / STATE_FILE).unlink()


class Problems(logging.Handler):
    """Counts the warnings and errors of the ``WATCHED`` loggers while attached."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def attach(self) -> Problems:
        for name in WATCHED:
            logging.getLogger(name).addHandler(self)
        return self

    def detach(self) -> None:
        for name in WATCHED:
            logging.getLogger(name).removeHandler(self)
