"""The search index in shards, numbered from the oldest article, and which of them to index
again. Pure: no Pelican, no Pagefind.

Articles in publication order (oldest first, ties by slug) are cut into shards of
``SEARCH_SHARD_SIZE``: shard k holds articles [k*S, (k+1)*S). A new (newest) article changes
only the last shard, an edited article only its own. Each shard is one Pagefind bundle: shard 0
is the primary bundle in ``pagefind/`` (it has Pagefind's JavaScript and WebAssembly), shard k
is in ``pagefind/shard-<k>/`` (its index only); the browser merges them (``mergeIndex``), and
finds the list of the others in ``pagefind/shards.json``.

A shard is indexed again when what Pagefind reads of one of its article pages changed (pages
written this build are compared with the digest of their indexed part, ``indexed_digest``,
recorded when the shard was last indexed: a page rewritten for a new link to a related article
keeps its index), when its membership changed (the recorded state says what each shard held),
or when its bundle is missing.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

STATE_FORMAT = 2
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
    recorded: dict[int, dict[str, str]],
    changed: set[str] | None,
    bundles: set[int],
) -> list[int]:
    """The shards to index again: what Pagefind reads of one of their pages ``changed`` (None
    when what changed is not known: every shard), their pages are not those ``recorded`` when
    they were last indexed, or their bundle is not among those present (``bundles``).

    >>> recorded = {0: {"a": "1", "b": "2"}, 1: {"c": "3"}}
    >>> shards_to_index([("a", "b"), ("c",)], recorded, {"c"}, {0, 1})
    [1]
    >>> shards_to_index([("a", "b"), ("c", "d")], recorded, set(), {0, 1})
    [1]
    """
    return [
        number
        for number, pages in enumerate(shards)
        if changed is None
        or tuple(recorded.get(number, ())) != pages
        or number not in bundles
        or not changed.isdisjoint(pages)
    ]


def changed_pages(
    touched: set[str] | None, recorded: dict[int, dict[str, str]], digest_of
) -> set[str] | None:
    """Of the pages written or removed this build (``touched``; None: not known), those whose
    indexed part is not the one recorded (``digest_of(page)``: None for a page gone).

    >>> changed_pages({"a", "b", "x"}, {0: {"a": "1", "b": "2"}}, {"a": "1", "b": "9"}.get)
    {'b'}
    """
    if touched is None:
        return None
    digests = {page: digest for pages in recorded.values() for page, digest in pages.items()}
    return {page for page in touched if page in digests and digest_of(page) != digests[page]}


BODY_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\sdata-pagefind-body\b[^>]*>")
BODY_ATTRIBUTE = "data-pagefind-body"


def body_tags(html: str) -> list[re.Match]:
    """``list(BODY_TAG.finditer(html))``, the regex tried only around each ``data-pagefind-body``
    of the page: a match holds one, and no ``>`` but its last character, so it lies between
    the ``>`` before that attribute and the first one after it. (Over the whole page, the regex
    took four fifths of ``indexed_part``.)

    >>> [m.group(1) for m in body_tags('<a>data-pagefind-body</a><main id=x data-pagefind-body>')]
    ['main']
    """
    found, searched_to = [], -1  # the ">" that ends the last stretch searched
    at = html.find(BODY_ATTRIBUTE)
    while at >= 0:
        if at > searched_to:  # past the stretches searched: each character is looked at once
            close = html.find(">", at)
            if close < 0:  # no tag ends after it
                break
            match = BODY_TAG.search(html, html.rfind(">", 0, at) + 1, close + 1)
            if match is not None:
                found.append(match)
            searched_to = close
        at = html.find(BODY_ATTRIBUTE, at + 1)
    return found


def indexed_part(html: str) -> str:
    """What Pagefind reads of a page: its one ``data-pagefind-body`` element, when every
    ``data-pagefind-*`` attribute of the page is inside it; otherwise (no such element, several,
    an attribute outside, tags that do not close) the whole page.

    >>> page = '<title>T</title><main data-pagefind-body><main>x</main><b>y</b></main><a>z</a>'
    >>> indexed_part(page)
    '<main data-pagefind-body><main>x</main><b>y</b></main>'
    >>> outside = '<p data-pagefind-filter="a">b</p>' + page
    >>> indexed_part(outside) == outside
    True
    """
    bodies = body_tags(html)
    if len(bodies) != 1:
        return html
    body = bodies[0]
    name = body.group(1)
    depth, end = 1, None
    same_name = re.compile(rf"<(/?){name}(?=[\s/>])[^>]*>", re.IGNORECASE)
    for tag in same_name.finditer(html, body.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = tag.end()
            break
    if end is None:
        return html
    attribute_outside = html.find("data-pagefind-", 0, body.start()) >= 0 or (
        html.find("data-pagefind-", end) >= 0
    )
    return html if attribute_outside else html[body.start() : end]


def indexed_digest(html: str) -> str:
    return hashlib.sha256(indexed_part(html).encode("utf-8")).hexdigest()[:32]


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


def load_state(path: Path, index_key: str) -> dict[int, dict[str, str]]:
    """The pages of each shard when it was last indexed, with the digests of their indexed
    parts; nothing when the file is missing, damaged, or was written for another index
    (``index_key``: Pagefind's version, the language...): then every shard is indexed again."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["format"] != STATE_FORMAT or data["index"] != index_key:
            return {}
        return {
            int(number): {str(page): str(digest) for page, digest in pages}
            for number, pages in data["shards"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save_state(path: Path, index_key: str, shards: dict[int, dict[str, str]]) -> None:
    data = {
        "format": STATE_FORMAT,
        "index": index_key,
        "shards": {str(n): list(map(list, pages.items())) for n, pages in sorted(shards.items())},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    temporary.replace(path)
