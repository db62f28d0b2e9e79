"""The search index in shards, numbered from the oldest article, and which of them to index
again. Pure: no Pelican, no Pagefind.

Articles in publication order (oldest first, ties by slug) are cut into shards of
``SEARCH_SHARD_SIZE``: shard k holds articles [k*S, (k+1)*S). A new (newest) article changes
only the last shard, an edited article only its own. Each shard is one Pagefind bundle: shard 0
is the primary bundle in ``pagefind/`` (it has Pagefind's JavaScript and WebAssembly), shard k
is in ``pagefind/shard-<k>/`` (its index only); the browser merges them (``mergeIndex``), and
finds the list of the others in ``pagefind/shards.json``.

A shard is indexed again when one of its article pages was written or removed, when its
membership changed (the recorded state says what each shard held when it was last indexed), or
when its bundle is missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

STATE_FORMAT = 1
SHARDS_FILE = "shards.json"  # in the primary bundle: the other bundles, for the browser
SHARD_PREFIX = "shard-"


@dataclass(frozen=True)
class IndexedArticle:
    """What the index needs of an article: its place in time and its page."""

    date: datetime
    slug: str
    save_as: str  # the page, relative to the output folder


Shard = tuple[str, ...]  # the pages of a shard's articles, oldest first


def cut_shards(articles: Iterable[IndexedArticle], size: int) -> list[Shard]:
    """The article pages, oldest first (ties by slug), in shards of ``size``; a page listed
    twice (a translation saved over its original) counts once, at its first place.

    >>> from datetime import datetime as d
    >>> cut_shards([IndexedArticle(d(2024, 1, 2), "b", "b.html"),
    ...             IndexedArticle(d(2024, 1, 1), "c", "c.html"),
    ...             IndexedArticle(d(2024, 1, 2), "a", "a.html")], 2)
    [('c.html', 'a.html'), ('b.html',)]
    """
    if size <= 0:
        raise ValueError(f"shard size {size}: expected a whole number above 0")
    ordered = sorted(articles, key=lambda a: (a.date, a.slug, a.save_as))
    pages = list(dict.fromkeys(a.save_as for a in ordered))
    return [tuple(pages[start : start + size]) for start in range(0, len(pages), size)]


def bundle_folder(number: int) -> str:
    """Where shard ``number``'s bundle is, inside ``pagefind/`` ("" for the primary bundle).

    >>> bundle_folder(0), bundle_folder(3)
    ('', 'shard-3')
    """
    return "" if number == 0 else f"{SHARD_PREFIX}{number}"


def shard_number(folder: str) -> int | None:
    """The shard a folder of ``pagefind/`` holds, None for anything else.

    >>> shard_number("shard-12"), shard_number("shard-0"), shard_number("fragment")
    (12, None, None)
    """
    digits = folder.removeprefix(SHARD_PREFIX)
    if folder == digits or not digits.isdigit() or digits != str(int(digits)) or digits == "0":
        return None
    return int(digits)


def shards_to_index(
    shards: list[Shard],
    recorded: dict[int, Shard],
    touched: set[str] | None,
    bundles: set[int],
) -> list[int]:
    """The shards to index again: a page of theirs was written or removed (``touched``, None
    when what changed is not known: every shard), their pages are not those ``recorded`` when
    they were last indexed, or their bundle is not among those present (``bundles``).

    >>> shards_to_index([("a", "b"), ("c",)], {0: ("a", "b"), 1: ("c",)}, {"c"}, {0, 1})
    [1]
    >>> shards_to_index([("a", "b"), ("c", "d")], {0: ("a", "b"), 1: ("c",)}, set(), {0, 1})
    [1]
    """
    return [
        number
        for number, pages in enumerate(shards)
        if touched is None
        or recorded.get(number) != pages
        or number not in bundles
        or not touched.isdisjoint(pages)
    ]


def stale_shards(count: int, present: Iterable[int]) -> list[int]:
    """The bundles of shards that no longer exist (the site has ``count`` shards).

    >>> stale_shards(2, [1, 2, 5])
    [2, 5]
    """
    return sorted(number for number in present if number >= count)


def shards_manifest(count: int) -> str:
    """``pagefind/shards.json``: the bundles the browser merges into the primary one, as paths
    relative to ``pagefind/``.

    >>> shards_manifest(3)
    '{"bundles": ["shard-1/", "shard-2/"]}\\n'
    """
    bundles = [f"{bundle_folder(number)}/" for number in range(1, count)]
    return json.dumps({"bundles": bundles}) + "\n"


def load_state(path: Path, index_key: str) -> dict[int, Shard]:
    """The pages of each shard when it was last indexed; nothing when the file is missing,
    damaged, or was written for another index (``index_key``: Pagefind's version, the
    language...): then every shard is indexed again."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["format"] != STATE_FORMAT or data["index"] != index_key:
            return {}
        return {int(number): tuple(pages) for number, pages in data["shards"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save_state(path: Path, index_key: str, shards: dict[int, Shard]) -> None:
    data = {
        "format": STATE_FORMAT,
        "index": index_key,
        "shards": {str(number): list(pages) for number, pages in sorted(shards.items())},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    temporary.replace(path)
