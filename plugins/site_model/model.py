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

import dataclasses
import datetime as dt
import functools
import hashlib
import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from entities.aliases import AliasBook
from entities.extraction import ArticleEntities
from entities.registry import ArticleRef, build_registry
from entities.views import EntityView, group_by_kind, positions, related_articles
from timelines.editions import group_by_day, group_by_iso_week, iso_week_bounds
from timelines.entries import TimelineEntry, shorten, title_text

from .analysis import KINDS, Analysis


def digest(*parts: object) -> str:
    """A short stable hash of plain data (str, numbers, lists, dicts, dates)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def text_digest(*parts: str | None) -> str:
    """``digest`` for a few strings (or None), several times faster: one per list item."""
    text = "\x1f".join("\x00" if part is None else part for part in parts)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


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


@dataclasses.dataclass(frozen=True)
class EntityArticle:
    """An article on an entity page, with the sentence that names the entity."""

    article: ArticleCard
    sentence: str | None

    @functools.cached_property
    def render_key(self) -> str:
        return text_digest("entity article", self.article.render_key, self.sentence)


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

    @property
    def render_key(self) -> str:
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
        self.entity_articles: dict[str, list[EntityArticle]] = {}
        self.co_mentioned: dict[str, list[tuple[EntityView, int]]] = {}
        self.quotes: dict[str, list[AttributedQuote]] = {}
        self.timelines: dict[str, list[TimelineEntry]] = {}
        self.timeline: list[TimelineEntry] = []
        self.day_editions: list[Edition] = []
        self.week_editions: list[Edition] = []


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
    facts: Iterable[ArticleFacts], book: AliasBook, default_lang: str
) -> SiteModel:
    """The site model of these articles (see the module docstring). Cost: in proportion to
    mentions, plus each entity's articles for its page."""
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
    counts_of: dict[str, Counter] = {}
    entity_of: dict[str, dict[str, str]] = {}
    mentions: Counter[str] = Counter()
    for f in facts:
        slug = f.card.slug
        names = {
            name: registry.key_of(slug, name) for kind in KINDS for name in f.names.get(kind, ())
        }
        entity_of[slug] = {name: key for name, key in names.items() if key}
        counts = Counter(entity_of[slug].get(m.name) for m in f.analysis.mentions)
        keys = [e.key for e in registry.entities_of(slug)]
        counts_of[slug] = Counter({key: max(1, counts.get(key, 0)) for key in keys})
        mentions.update(counts_of[slug])
        keys_of[slug] = sorted(keys, key=lambda key: -counts_of[slug][key])  # stable for ties
    for key, view in views.items():
        view.counted_mentions = mentions[key]
        view.render_key, view.page_key = entity_keys(view)
    model.groups = [
        (kind, [views[entity.key] for entity in members])
        for kind, members in registry.by_kind().items()
    ]
    articles_of = {key: view.entity.article_ids for key, view in views.items()}
    where = positions(articles_of)
    for f in facts:
        slug = f.card.slug
        entities = tuple(views[key] for key in keys_of[slug])
        groups = tuple((kind, tuple(members)) for kind, members in group_by_kind(entities))
        chips = tuple((kind, members[:3]) for kind, members in groups)
        card = dataclasses.replace(f.card, entity_groups=chips)
        model.cards[slug] = dataclasses.replace(card, render_key=_card_key(card))
        model.articles[slug] = ArticleModel(
            entities=entities,
            entity_groups=groups,
            related=tuple(related_articles(slug, keys_of, articles_of, where)),
            events=(),
            entity_of=entity_of[slug],
        )
    _entity_pages(model, registry, by_slug)
    _timelines(model, facts)
    _editions(model)
    return model


def _card_key(card: ArticleCard) -> str:
    chips = [(kind, [view.render_key for view in members]) for kind, members in card.entity_groups]
    return digest(
        "card", card.slug, card.url, card.title, card.date, card.lang, card.source,
        card.summary, card.authors, chips,
    )  # fmt: skip


def _entity_pages(model: SiteModel, registry, by_slug: Mapping[str, ArticleFacts]) -> None:
    """Each entity's articles with the sentence naming it, co-mentions and quotes."""
    first_sentence: dict[tuple[str, str], str] = {}
    for slug, f in by_slug.items():
        entity_of = model.articles[slug].entity_of
        analysis = f.analysis
        for mention in analysis.mentions:
            key = entity_of.get(mention.name)
            if key and (key, slug) not in first_sentence:
                index = analysis.sentence_at(mention.start)
                if index is not None:
                    first_sentence[(key, slug)] = analysis.sentence(index)
        for quote in analysis.quotes:
            key = entity_of.get(quote.speaker)
            if key:
                model.quotes.setdefault(key, []).append(
                    AttributedQuote(
                        quote.text, analysis.sentence(quote.sentence), model.cards[slug]
                    )
                )
    for key, view in model.views.items():
        model.entity_articles[key] = [
            EntityArticle(model.cards[slug], first_sentence.get((key, slug)))
            for slug in view.entity.article_ids
        ]
        model.co_mentioned[key] = [
            (model.views[other.key], count) for other, count in registry.co_mentioned(key, 10)
        ]
    # Quotes in the order the site lists articles (newest first), then text order.
    order = {slug: rank for rank, slug in enumerate(by_slug)}
    for quotes in model.quotes.values():
        quotes.sort(key=lambda q: order[q.article.slug])


def _timelines(model: SiteModel, facts: Sequence[ArticleFacts]) -> None:
    """Each article on its date, and each event its text dates, with the entities its sentence
    names; the site's timeline and each entity's, oldest first."""
    per_entity = defaultdict(list)
    entries = []
    for f in facts:
        slug = f.card.slug
        card = model.cards[slug]
        article = model.articles[slug]
        own = [
            TimelineEntry(
                "article",
                card.date.date(),
                "day",
                card,
                title_text(card.title),
                article.entities,
                card.lang,
            )
        ]
        for event in f.analysis.events:
            keys = dict.fromkeys(
                article.entity_of[n] for n in event.names if n in article.entity_of
            )
            sentence = f.analysis.sentence(event.sentence)
            own.append(
                TimelineEntry(
                    "event",
                    event.date,
                    event.precision,
                    card,
                    shorten(sentence),
                    tuple(model.views[key] for key in keys),
                    card.lang,
                    event.expression,
                    sentence,
                )
            )
        model.articles[slug] = dataclasses.replace(article, events=tuple(own[1:]))
        entries.extend(own)
        for entry in own:
            for view in entry.entities:
                per_entity[view.key].append(entry)
    model.timeline = sorted(entries, key=lambda e: e.sort_key)
    model.timelines = {
        key: sorted(found, key=lambda e: e.sort_key) for key, found in per_entity.items()
    }


def lead_first(cards: list[ArticleCard], model: SiteModel) -> list[ArticleCard]:
    """The lead article is the one that names most entities (ties: the newest)."""
    return sorted(
        cards, key=lambda c: (-len(model.articles[c.slug].entities), -c.date.timestamp(), c.slug)
    )


def _editions(model: SiteModel) -> None:
    cards = list(model.cards.values())
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
            editions.append(Edition(kind, key, start, end, lead_first(list(members), model), url))
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
