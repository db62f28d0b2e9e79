"""What templates and exports see of the registry: URLs, names per language, JSON. Pure."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain

from newstext.names import NameMatcher
from newstext.safety import bounded_slug

from .registry import top_candidates

KIND_FOLDERS = {"person": "people", "place": "places", "organisation": "organisations"}
METADATA_KEYS = {"person": "people", "place": "places", "organisation": "organisations"}


def split_names(value: object) -> tuple[str, ...]:
    """Entity names from article metadata: ``"Vladimir Poutine; Kim Jong-un"`` or a list.

    >>> split_names("Vladimir Poutine; Kim Jong-un;")
    ('Vladimir Poutine', 'Kim Jong-un')
    """
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(";")
    return tuple(name.strip() for name in value if str(name).strip())


def page_slug(slug: str) -> str:
    """The slug an entity's files are named by: the registry's, in the safe alphabet and cut to
    ``newstext.safety.SLUG_MAX_CHARS`` (a long one ends with a digest of the whole, so it stays
    unique and the same from build to build): a 5,000-character name is still a file name.

    >>> page_slug("vladimir-poutine")
    'vladimir-poutine'
    >>> long = page_slug("tres-" * 1000)
    >>> len(long), long[:10], long == page_slug("tres-" * 1000), long == page_slug("tres-" * 999)
    (100, 'tres-tres-', True, False)
    """
    cleaned = "-".join(re.findall(r"[a-z0-9]+", str(slug).lower())) or "entity"
    return bounded_slug(cleaned)


class EntityView:
    """An entity as a page sees it. Wraps ``registry.Entity``; adds URLs and language.

    Its entity's other attributes read through (``view.article_ids``); ``key`` and ``kind``,
    read for every chip and group, are copied (an entity's key and kind never change).
    """

    def __init__(self, entity, default_lang: str):
        self.entity = entity
        self.default_lang = default_lang
        self.key = entity.key
        self.kind = entity.kind
        folder = KIND_FOLDERS[entity.kind]
        self.slug = page_slug(entity.slug)
        self.url = f"entities/{folder}/{self.slug}.html"
        self.feed_url = f"entities/{folder}/{self.slug}.atom.xml"

    def __getattr__(self, name):
        return getattr(self.entity, name)

    @property
    def name(self) -> str:
        return self.name_in(self.default_lang)

    def name_in(self, lang: str) -> str:
        return (
            self.entity.names.get(lang)
            or self.entity.names.get(self.default_lang)
            or (self.entity.key)
        )

    def description_in(self, lang: str) -> str | None:
        description = self.entity.description
        if isinstance(description, Mapping):
            return description.get(lang) or description.get(self.default_lang)
        return description or None

    @property
    def article_count(self) -> int:
        return len(self.entity.article_ids)

    @property
    def mention_count(self) -> int:
        """How many times the articles name it (set by the glue), else how many articles do."""
        return getattr(self, "counted_mentions", 0) or self.entity.mentions

    def __repr__(self) -> str:
        return f"EntityView({self.entity.key!r}, {self.entity.kind!r})"


def count_mentions(text: str, names: Sequence[str] | NameMatcher) -> int:
    """How many times any of ``names`` stands in ``text``, by the rules of ``newstext.names``
    (whole words, longest first: "Vladimir Poutine" is one mention, not two).

    >>> count_mentions("Vladimir Poutine a vu Kim. Poutine a ri.", ["Poutine", "Vladimir Poutine"])
    2
    """
    matcher = names if isinstance(names, NameMatcher) else NameMatcher({"": names})
    return sum(1 for _ in matcher.finditer(text))


def group_by_kind(views: Iterable[EntityView]) -> list[tuple[str, list[EntityView]]]:
    """Non-empty groups in the order person, place, organisation, each in the given order."""
    groups: dict[str, list[EntityView]] = {kind: [] for kind in KIND_FOLDERS}
    for view in views:
        groups[view.kind].append(view)
    return [(kind, members) for kind, members in groups.items() if members]


def positions(articles_of: Mapping[str, Sequence[str]]) -> dict[str, dict[str, int]]:
    """Where each article stands in each entity's list: one pass over all mentions."""
    return {key: {a: rank for rank, a in enumerate(ids)} for key, ids in articles_of.items()}


def related_articles(
    article_id: str,
    entity_keys: Mapping[str, Sequence[str]],
    articles_of: Mapping[str, Sequence[str]],
    where: Mapping[str, Mapping[str, int]],
    limit: int = 5,
    window: int = 25,
) -> list[str]:
    """The articles sharing most entities with ``article_id``; ties to the nearest in time.

    Candidates are, for each of its entities, the ``window`` articles on either side of it in
    that entity's list (newest first; ``where`` from ``positions``): related news is near in
    time, and an entity named in thousands of articles then costs no more than a rare one.
    Cost: O(entities of the article x window), whatever the size of the site.

    >>> of = {"Kim": ["c", "b", "a"], "Séoul": ["c", "a"]}
    >>> keys = {"a": ["Kim", "Séoul"], "b": ["Kim"], "c": ["Kim", "Séoul"]}
    >>> related_articles("a", keys, of, positions(of))
    ['c', 'b']
    """
    windows = list(_windows(article_id, entity_keys, articles_of, where, window))
    # counted in C: this runs for every article
    shared = Counter(chain.from_iterable(shown for shown, *_ in windows))
    shared.pop(article_id, None)
    if not shared or limit <= 0:
        return []
    # Only the candidates that can make the list need their distance (the ties' order): the
    # nearest place each has in any window, found through ``where`` for the windows it is in.
    candidates = top_candidates(shared, limit).keys()
    distance: dict[str, int] = {}
    for ids, place, here, _ in windows:
        for other in candidates & ids:
            gap = abs(place[other] - here)
            if gap < distance.get(other, gap + 1):
                distance[other] = gap
    ranked = sorted(distance, key=lambda other: (-shared[other], distance[other], other))
    return ranked[:limit]


def _windows(
    article_id: str,
    entity_keys: Mapping[str, Sequence[str]],
    articles_of: Mapping[str, Sequence[str]],
    where: Mapping[str, Mapping[str, int]],
    window: int,
) -> Iterator[tuple[Sequence[str], Mapping[str, int], int, int]]:
    """For each entity of the article (in its list): the ``window`` articles on either side of
    it, newest first, the entity's positions, the article's position and the window's first."""
    for key in entity_keys.get(article_id, ()):
        place = where.get(key)
        here = None if place is None else place.get(article_id)
        if here is not None:
            low = here - window if here > window else 0
            yield articles_of.get(key, ())[low : here + window + 1], place, here, low


def related_inputs(
    article_id: str,
    entity_keys: Mapping[str, Sequence[str]],
    articles_of: Mapping[str, Sequence[str]],
    where: Mapping[str, Mapping[str, int]],
    limit: int = 5,
    window: int = 25,
) -> str:
    """A digest of everything ``related_articles`` reads for ``article_id`` (with the same
    arguments): each of its entities' windows and its place in them. Equal digests, equal
    related articles: a rebuild keeps those of the articles whose windows a new article did
    not reach. Article ids are slugs: no control character separates them.

    >>> of = {"Kim": ["c", "b", "a"], "Séoul": ["c", "a"]}
    >>> keys = {"a": ["Kim", "Séoul"], "b": ["Kim"], "c": ["Kim", "Séoul"]}
    >>> one = related_inputs("a", keys, of, positions(of))
    >>> one == related_inputs("a", keys, of, positions(of))
    True
    >>> of2 = {"Kim": ["d", "c", "b", "a"], "Séoul": ["c", "a"]}  # "d" in Kim's window of "a"
    >>> one == related_inputs("a", keys, of2, positions(of2))
    False
    >>> related_inputs("a", keys, of, positions(of), window=1) == related_inputs(
    ...     "a", keys, of2, positions(of2), window=1)  # not in a window of one
    True
    """
    parts = [f"related {limit} {window}", article_id]
    for shown, _, here, low in _windows(article_id, entity_keys, articles_of, where, window):
        parts.append(f"{here - low}\x1f" + "\x1f".join(shown))
    text = "\x1e".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=12).hexdigest()


def export_entity(view: EntityView, article_urls: Sequence[str]) -> dict:
    """One entry of entities.json."""
    entity = view.entity
    return {
        "name": view.name,
        "names": dict(sorted(entity.names.items())),
        "kind": entity.kind,
        "slug": view.slug,
        "url": view.url,
        "aliases": sorted(entity.aliases),
        "wikidata": entity.wikidata,
        "articles": len(entity.article_ids),
        "mentions": entity.mentions,
        "first_seen": entity.first_seen.isoformat() if entity.first_seen else None,
        "last_seen": entity.last_seen.isoformat() if entity.last_seen else None,
        "article_urls": list(article_urls),
    }
