"""The site model: all articles' analyses, the alias book and the settings in; plain data out.
Pure (no Pelican): the generators in ``glue.py`` only render what is here.

- ``entities``: the registry (``entities.registry``: merges across articles and languages)
  as ``EntityView``s with their URLs, mention counts, co-mentions, quotes, the sentence that
  names them in each article, and their timeline;
- per article (by slug): its entities, most named first, grouped by kind; related articles;
  the events its text dates; which entity each of its linked names became;
- the site's timeline, oldest first, and day and week editions.

Articles come in as ``ArticleFacts``: an ``ArticleCard`` (what any list shows of an article:
plain data) with the names of its metadata and its ``Analysis``.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import hashlib
import itertools
import json
import operator
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from entities.aliases import AliasBook
from entities.extraction import ArticleEntities
from entities.registry import ArticleRef, build_registry
from entities.views import (
    EntityView,
    group_by_kind,
    positions,
    related_articles,
    related_inputs,
)
from timelines.editions import group_by_day, group_by_iso_week, iso_week_bounds
from timelines.entries import TimelineEntry, shorten, title_text

from .analysis import KINDS, Analysis


def digest(*parts: object) -> str:
    """A short stable hash of plain data (str, numbers, lists, dicts, dates)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def text_digest(*parts: str | None) -> str:
    """``digest`` for a few strings (or None), several times faster: one per list item."""
    if None in parts:
        parts = tuple(_NONE if part is None else part for part in parts)
    text = "\x1f".join(parts)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


_blake2b = hashlib.blake2b
_NONE = "\x00"  # None among ``text_digest``'s parts


@dataclasses.dataclass(frozen=True)
class ArticleCard:
    """An article as a list, a feed or a timeline shows it. ``title`` and ``summary`` are HTML
    made safe by the article_page plugin."""

    slug: str
    url: str
    title: str
    date: dt.datetime
    lang: str
    source: str = ""
    summary: str = ""
    authors: tuple[str, ...] = ()
    entity_groups: tuple = ()  # (kind, (EntityView, ...)), the card's chips
    render_key: str = ""

    @property
    def top_entities(self) -> list:
        return []

    def get_content(self, site_url: str) -> str:  # what Pelican's feed writer takes
        return self.summary

    @property
    def author(self) -> str:
        return ", ".join(self.authors)


@dataclasses.dataclass(frozen=True)
class ArticleFacts:
    card: ArticleCard
    names: Mapping[str, tuple[str, ...]]  # kind -> names of its metadata
    analysis: Analysis


class EntityArticle:
    """An article on an entity page, with the sentence that names the entity. Its
    ``render_key`` is worked out when it is made (every build reads it, for page keys): an
    article and a sentence are given once. One item serves every entity its sentence names."""

    __slots__ = ("article", "render_key", "sentence")

    def __init__(self, article: ArticleCard, sentence: str | None):
        self.article = article
        self.sentence = sentence
        # text_digest("entity article", article.render_key, sentence), written out (100,000)
        shown = _NONE if sentence is None else sentence
        text = f"entity article\x1f{article.render_key}\x1f{shown}".encode("utf-8", "surrogatepass")
        self.render_key = _blake2b(text, digest_size=12).hexdigest()

    def __eq__(self, other: object) -> bool:
        if type(other) is not EntityArticle:
            return NotImplemented
        return (self.article, self.sentence) == (other.article, other.sentence)

    def __hash__(self) -> int:
        return hash((self.article, self.sentence))

    def __repr__(self) -> str:
        return f"EntityArticle(article={self.article.slug!r}, sentence={self.sentence!r})"


@dataclasses.dataclass(frozen=True)
class AttributedQuote:
    text: str
    sentence: str
    article: ArticleCard

    @functools.cached_property
    def render_key(self) -> str:
        return text_digest("quote", self.article.render_key, self.text, self.sentence)


@dataclasses.dataclass(frozen=True)
class ArticleModel:
    """What the site model says of one article."""

    entities: tuple[EntityView, ...]  # most named first
    entity_groups: tuple  # (kind, (EntityView, ...))
    related: tuple[str, ...]  # slugs
    events: tuple[TimelineEntry, ...]
    entity_of: Mapping[str, str]  # metadata name -> entity key


@dataclasses.dataclass
class Edition:
    kind: str  # "day" | "week"
    key: str
    start: dt.date
    end: dt.date
    articles: list[ArticleCard]
    url: str
    previous: Edition | None = None
    next: Edition | None = None

    @functools.cached_property
    def render_key(self) -> str:
        """Worked out once, when first read: ``_editions`` links an edition to its neighbours
        before anything reads it (a page shows an edition in several lists)."""
        neighbours = [(e.key, e.url) if e else None for e in (self.previous, self.next)]
        cards = [card.render_key for card in self.articles]
        return digest("edition", self.kind, self.key, self.url, cards, neighbours)


class SiteModel:
    """Built by ``build_site_model``; read by the generators."""

    def __init__(self):
        self.cards: dict[str, ArticleCard] = {}
        self.articles: dict[str, ArticleModel] = {}
        self.views: dict[str, EntityView] = {}
        self.groups: list[tuple[str, list[EntityView]]] = []
        # Made for an entity when first asked for: a rebuild asks for the entities whose pages
        # it renders (``kept_entities``), not the thousands of others.
        self.entity_articles: Mapping[str, list[EntityArticle]] = {}
        self.co_mentioned: Mapping[str, list[tuple[EntityView, int]]] = {}
        self.quotes: dict[str, list[AttributedQuote]] = {}
        self.timelines: dict[str, list[TimelineEntry]] = {}
        self.timeline: list[TimelineEntry] = []
        self.day_editions: list[Edition] = []
        self.week_editions: list[Edition] = []
        self.related_inputs: dict[str, tuple[str, ...]] = {}  # see ``build_site_model``


class Lazy(Mapping):
    """A mapping whose value for a key is made by ``make(key)`` when first asked for, then
    kept; its keys are those of ``keys``.

    >>> squares = Lazy({2: None, 3: None}, lambda n: n * n)
    >>> squares[3], len(squares), sorted(squares), 4 in squares
    (9, 2, [2, 3], False)
    """

    __slots__ = ("_keys", "_made", "_make")

    def __init__(self, keys: Mapping, make):
        self._keys, self._make, self._made = keys, make, {}

    def __getitem__(self, key):
        try:
            return self._made[key]
        except KeyError:
            if key not in self._keys:
                raise
        made = self._made[key] = self._make(key)
        return made

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def entity_keys(view: EntityView) -> tuple[str, str]:
    """Two keys of an entity, for the writer that skips unchanged pages:
    ``render_key`` covers what other pages show of it (a link: its names, kind and URL), so a
    new mention does not re-render every page that links to it; ``page_key`` covers what its
    own page and the entity index show (counts, dates, description)."""
    entity = view.entity
    chip = digest("entity", view.url, view.kind, sorted(entity.names.items()), view.default_lang)
    page = digest(
        chip, sorted(entity.aliases), entity.description, entity.wikidata,
        len(entity.article_ids), view.mention_count, entity.first_seen, entity.last_seen,
    )  # fmt: skip
    return chip, page


def build_site_model(
    facts: Iterable[ArticleFacts],
    book: AliasBook,
    default_lang: str,
    related_known: Mapping[str, Sequence[str]] | None = None,
) -> SiteModel:
    """The site model of these articles (see the module docstring). Cost: in proportion to
    mentions, plus each entity's articles for its page.

    ``related_known``: related articles worked out by an earlier build, by ``related_inputs``
    digest: an article whose digest is there gets them without working them out. The model's
    ``related_inputs`` holds this build's, for the next."""
    facts = sorted(facts, key=lambda f: (f.card.date, f.card.slug), reverse=True)  # newest first
    by_slug = {f.card.slug: f for f in facts}
    refs = [
        ArticleRef(
            f.card.slug,
            f.card.date.date(),
            f.card.lang,
            ArticleEntities(*(tuple(f.names.get(kind, ())) for kind in KINDS)),
        )
        for f in facts
    ]
    registry = build_registry(refs, book)
    model = SiteModel()
    views = {key: EntityView(entity, default_lang) for key, entity in registry.entities.items()}
    model.views = views
    keys_of: dict[str, list[str]] = {}
    entity_of: dict[str, dict[str, str]] = {}
    mentions: dict[str, int] = dict.fromkeys(views, 0)
    for f in facts:
        slug = f.card.slug
        names = {
            name: registry.key_of(slug, name) for kind in KINDS for name in f.names.get(kind, ())
        }
        own = entity_of[slug] = {name: key for name, key in names.items() if key}
        counts = Counter(map(own.get, map(_NAME, f.analysis.mentions)))
        counted = {e.key: counts[e.key] or 1 for e in registry.entities_of(slug)}
        for key, count in counted.items():
            mentions[key] += count
        keys_of[slug] = sorted(counted, key=counted.__getitem__, reverse=True)  # stable for ties
    for key, view in views.items():
        view.counted_mentions = mentions[key]
        view.render_key, view.page_key = entity_keys(view)
    model.groups = [
        (kind, [views[entity.key] for entity in members])
        for kind, members in registry.by_kind().items()
    ]
    articles_of = {key: view.entity.article_ids for key, view in views.items()}
    where = positions(articles_of)
    known = related_known or {}

    def related_of(slug: str) -> tuple[str, ...]:
        inputs = related_inputs(slug, keys_of, articles_of, where)
        found = known.get(inputs)
        if not (
            isinstance(found, list | tuple)
            and all(isinstance(other, str) and other in by_slug for other in found)
        ):  # (a last build's state is read from a file)
            found = related_articles(slug, keys_of, articles_of, where)
        model.related_inputs[inputs] = found = tuple(found)
        return found

    entries: list[TimelineEntry] = []
    entry_keys: list[Iterable[str]] = []  # the keys of each entry's entities
    for f in facts:
        slug = f.card.slug
        entities = tuple(map(views.__getitem__, keys_of[slug]))
        groups = tuple((kind, tuple(members)) for kind, members in group_by_kind(entities))
        chips = tuple((kind, members[:3]) for kind, members in groups)
        c = f.card
        card = model.cards[slug] = ArticleCard(
            c.slug, c.url, c.title, c.date, c.lang, c.source, c.summary, c.authors, chips,
            _card_key(c, chips),
        )  # fmt: skip
        own = _article_entries(f, card, entities, keys_of[slug], entity_of[slug], views)
        entries.extend(entry for entry, _ in own)
        entry_keys.extend(keys for _, keys in own)
        model.articles[slug] = ArticleModel(
            entities=entities,
            entity_groups=groups,
            related=related_of(slug),
            events=tuple(entry for entry, _ in own[1:]),
            entity_of=entity_of[slug],
        )
    _entity_pages(model, registry, by_slug)
    _timelines(model, entries, entry_keys)
    _editions(model)
    return model


_NAME = operator.attrgetter("name")
_END = operator.itemgetter(1)


def _card_key(card: ArticleCard, chips: tuple) -> str:
    """The key of ``card`` shown with the entity chips ``chips``."""
    chips = [(kind, [view.render_key for view in members]) for kind, members in chips]
    return digest(
        "card", card.slug, card.url, card.title, card.date, card.lang, card.source,
        card.summary, card.authors, chips,
    )  # fmt: skip


def _entity_pages(model: SiteModel, registry, by_slug: Mapping[str, ArticleFacts]) -> None:
    """Each entity's articles with the sentence naming it, co-mentions (both made for an
    entity when first asked for) and quotes."""
    named_in: dict[str, dict[str, str]] = {}  # slug -> entity key -> the sentence naming it
    for slug, f in by_slug.items():
        card = model.cards[slug]
        entity_of = model.articles[slug].entity_of
        analysis = f.analysis
        sentences = analysis.sentences
        found = named_in[slug] = {}
        for mention in analysis.mentions:
            key = entity_of.get(mention.name)
            if key and key not in found:
                offset = mention.start  # in the sentence that ends after it, if it starts before
                index = bisect.bisect_right(sentences, offset, key=_END)
                if index < len(sentences) and sentences[index][0] <= offset:
                    found[key] = analysis.sentence(index)  # one string per sentence
        for quote in analysis.quotes:
            key = entity_of.get(quote.speaker)
            if key:
                model.quotes.setdefault(key, []).append(
                    AttributedQuote(quote.text, analysis.sentence(quote.sentence), card)
                )
    # One item per article and sentence, whatever entities that sentence names.
    made: dict[tuple[str, str | None], EntityArticle] = {}

    def item(slug: str, sentence: str | None) -> EntityArticle:
        found = made.get((slug, sentence))
        if found is None:
            found = made[slug, sentence] = EntityArticle(model.cards[slug], sentence)
        return found

    def articles_of(key: str) -> list[EntityArticle]:
        return [item(slug, named_in[slug].get(key)) for slug in model.views[key].entity.article_ids]

    def co_mentioned(key: str) -> list[tuple[EntityView, int]]:
        return [(model.views[other.key], count) for other, count in registry.co_mentioned(key, 10)]

    model.entity_articles = Lazy(model.views, articles_of)
    model.co_mentioned = Lazy(model.views, co_mentioned)
    # Quotes in the order the site lists articles (newest first), then text order.
    order = {slug: rank for rank, slug in enumerate(by_slug)}
    for quotes in model.quotes.values():
        quotes.sort(key=lambda q: order[q.article.slug])


def _article_entries(
    f: ArticleFacts,
    card: ArticleCard,
    entities: tuple,
    keys: list[str],
    entity_of: Mapping[str, str],
    views: Mapping[str, EntityView],
) -> list[tuple[TimelineEntry, Iterable[str]]]:
    """An article on its date, then each event its text dates, with the entities its
    sentence names; each with the keys of its entities (``keys``: the article's)."""
    lang = card.lang
    article = TimelineEntry(
        "article", card.date.date(), "day", card, title_text(card.title), entities, lang
    )
    own: list[tuple[TimelineEntry, Iterable[str]]] = [(article, keys)]
    for event in f.analysis.events:
        named = dict.fromkeys(entity_of[n] for n in event.names if n in entity_of)
        sentence = f.analysis.sentence(event.sentence)
        entry = TimelineEntry(
            "event", event.date, event.precision, card, shorten(sentence),
            tuple(views[key] for key in named), lang, event.expression, sentence,
        )  # fmt: skip
        own.append((entry, named))
    return own


def _timelines(
    model: SiteModel, entries: list[TimelineEntry], entry_keys: list[Iterable[str]]
) -> None:
    """The site's timeline, oldest first (ties: in the order of ``entries``), and each
    entity's, read off it in order: the entities in the order they first appear in
    ``entries``, each with the entries whose ``entry_keys`` name it."""
    sort_keys = [entry.sort_key for entry in entries]
    order = sorted(range(len(entries)), key=sort_keys.__getitem__)  # stable
    model.timeline = [entries[i] for i in order]
    per_entity = {key: [] for key in itertools.chain.from_iterable(entry_keys)}
    for i in order:
        entry = entries[i]
        for key in entry_keys[i]:
            per_entity[key].append(entry)
    model.timelines = per_entity


def lead_first(cards: list[ArticleCard], model: SiteModel, order=None) -> list[ArticleCard]:
    """The lead article is the one that names most entities (ties: the newest). ``order``:
    ``lead_order(model)``, when there are several lists to sort."""
    order = order or lead_order(model)
    return sorted(cards, key=lambda c: order[c.slug])


def lead_order(model: SiteModel) -> dict[str, tuple]:
    """What ``lead_first`` sorts each article by (slug -> key): worked out once per article,
    as a time zone's offset is slow to find."""
    return {
        slug: (-len(model.articles[slug].entities), -card.date.timestamp(), slug)
        for slug, card in model.cards.items()
    }


def _editions(model: SiteModel) -> None:
    cards = list(model.cards.values())
    order = lead_order(model)
    for kind, groups in (
        ("day", group_by_day(cards, key=lambda c: c.date.date())),
        ("week", group_by_iso_week(cards, key=lambda c: c.date.date())),
    ):
        editions = []
        for key, members in groups.items():
            if kind == "day":
                start = end = dt.date.fromisoformat(key)
            else:
                start, end = iso_week_bounds(key)
            url = f"editions/{key}.html"
            articles = lead_first(list(members), model, order)
            editions.append(Edition(kind, key, start, end, articles, url))
        editions.sort(key=lambda e: e.key)
        for older, newer in itertools.pairwise(editions):
            newer.previous, older.next = older, newer
        if kind == "day":
            model.day_editions = editions
        else:
            model.week_editions = editions


def archive_pages(oldest_first: Sequence[ArticleCard], size: int) -> list[list[ArticleCard]]:
    """Archive pages numbered from the oldest article, each newest first: page 1 holds the
    first ``size`` articles published, so a new article changes only the newest page (and the
    one before it when it starts a new page).

    >>> [[c.slug for c in page] for page in archive_pages(
    ...     [ArticleCard(s, "", "", None, "fr") for s in "abcde"], 2)]
    [['b', 'a'], ['d', 'c'], ['e']]
    """
    chunks = [list(oldest_first[i : i + size]) for i in range(0, len(oldest_first), size)]
    return [chunk[::-1] for chunk in chunks]


def archive_url(number: int) -> str:
    return f"archive/page-{number}.html"
