"""Pelican glue: the entity registry, entity links in articles, entity pages, index and export.

One generator, added on ``get_generators``. Its ``generate_context`` runs after the articles are
read (Pelican builds article contexts first) and annotates each article; ``generate_output`` writes
one page and one Atom feed per entity, ``entities/index.html`` and ``entities.json``. All of it
costs in proportion to mentions, not articles x entities.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from newstext.safety import path_inside
from pelican import signals
from pelican.generators import Generator

from .aliases import AliasFileError, load_alias_book
from .extraction import ArticleEntities
from .mentions import (
    find_quotes,
    first_sentence_with,
    link_first_mentions,
    names_regex,
    sentences,
)
from .registry import ArticleRef, build_registry
from .settings import entities_settings
from .views import (
    METADATA_KEYS,
    AttributedQuote,
    EntityArticle,
    EntityView,
    FeedEntry,
    count_mentions,
    export_entity,
    group_by_kind,
    positions,
    related_articles,
    split_names,
)

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


def article_entities(article) -> ArticleEntities:
    meta = article.metadata
    return ArticleEntities(
        *(
            split_names(meta.get(METADATA_KEYS[kind]))
            for kind in ("person", "place", "organisation")
        )
    )


def inside_output(output: str, relative: str) -> bool:
    """True when ``relative`` lands inside the output folder; else an error, and not written."""
    try:
        path_inside(Path(output), relative)
    except ValueError as error:
        logger.error("entities: not written: %s", error)
        return False
    return True


def names_of(view: EntityView) -> list[str]:
    """Every name an entity may appear under in a text, longest first."""
    names = {view.entity.key, *view.entity.names.values(), *view.entity.aliases}
    words = view.entity.key.split()
    if view.kind == "person" and len(words) > 1:
        # "Poutine" for Vladimir Poutine, "Kim" for Kim Jong-un (family name first).
        names.update(word for word in (words[0], words[-1]) if len(word) > 2)
    return sorted((n for n in names if n), key=lambda n: (-len(n), n))


class EntityPagesGenerator(Generator):
    """Entity pages, the entity index, one feed per entity and entities.json."""

    def generate_context(self) -> None:
        articles = self.context.get("articles", [])  # newest first
        lang = self.settings.get("DEFAULT_LANG", "en")
        refs = [ArticleRef(a.slug, a.date.date(), a.lang, article_entities(a)) for a in articles]
        registry = build_registry(refs, alias_book(self.settings))
        views = {key: EntityView(entity, lang) for key, entity in registry.entities.items()}
        for view in views.values():  # once per entity, used for every article that names it
            view.all_names = names_of(view)
            view.pattern = names_regex(view.all_names)
        self.views = views
        self.registry = registry
        self.by_slug = {a.slug: a for a in articles}
        self.split: dict[str, list[str]] = {}
        self.keys_of = {a.slug: [e.key for e in registry.entities_of(a.slug)] for a in articles}
        self.articles_of = {key: view.entity.article_ids for key, view in views.items()}
        self.where = positions(self.articles_of)
        for article in articles:
            self._annotate(article)
        self.context["entity_registry"] = registry
        self.context["entity_views"] = views
        self.context["entity_groups"] = [
            (kind, [views[entity.key] for entity in members])
            for kind, members in registry.by_kind().items()
        ]

    def _annotate(self, article) -> None:
        """Its entities (most named first), entity groups, related articles, and the first
        mention of each entity linked in its body. ``plain_text`` comes from article_page."""
        named = [self.views[key] for key in self.keys_of[article.slug]]
        counts = {v.key: max(1, count_mentions(article.plain_text, v.pattern)) for v in named}
        for view in named:
            view.counted_mentions = getattr(view, "counted_mentions", 0) + counts[view.key]
        entities = sorted(named, key=lambda view: -counts[view.key])  # stable: ties keep order
        article.entities = entities
        article.entity_groups = group_by_kind(entities)
        related = related_articles(article.slug, self.keys_of, self.articles_of, self.where)
        article.related = [self.by_slug[slug] for slug in related if slug in self.by_slug]
        prefix = "../" * article.url.count("/")
        links = [(view.all_names, prefix + view.url) for view in entities]
        article._content = link_first_mentions(article._content, links)

    def sentences_of(self, slug: str) -> list[str]:
        """An article's sentences, split once however many entities ask."""
        if slug not in self.split:
            self.split[slug] = sentences(self.by_slug[slug].plain_text)
        return self.split[slug]

    def _quotes_by_speaker(self) -> dict[str, list[AttributedQuote]]:
        quotes: dict[str, list[AttributedQuote]] = {}
        for article in self.by_slug.values():
            people = {
                view.key: view.all_names for view in article.entities if view.kind == "person"
            }
            if not people:
                continue
            for quote in find_quotes(article.plain_text, people, article.lang):
                quotes.setdefault(quote.speaker, []).append(
                    AttributedQuote(quote.text, quote.sentence, article)
                )
        return quotes

    def generate_output(self, writer) -> None:
        template = self.get_template("entity")
        relative = self.settings.get("RELATIVE_URLS", False)
        lang = self.settings.get("DEFAULT_LANG", "en")
        quotes = self._quotes_by_speaker()
        timelines = self.context.get("entity_timelines", {})  # from the timelines plugin
        timeline_pages = self.context.get("entity_timeline_pages", {})
        options = entities_settings(self.settings)
        exported = []
        for key, view in sorted(self.views.items(), key=lambda item: item[1].url):
            if not (
                inside_output(self.output_path, view.url)
                and inside_output(self.output_path, view.feed_url)
            ):
                continue
            articles = [self.by_slug[slug] for slug in view.entity.article_ids]
            entity_articles = [
                EntityArticle(a, first_sentence_with(self.sentences_of(a.slug), view.pattern))
                for a in articles
            ]
            co_mentioned = [
                (self.views[other.key], count)
                for other, count in self.registry.co_mentioned(key, limit=10)
            ]
            writer.write_file(
                view.url,
                template,
                self.context,
                relative_urls=relative,
                entity=view,
                page_lang=lang,
                entity_articles=entity_articles,
                co_mentioned=co_mentioned,
                quotes=quotes.get(key, []),
                timeline=timelines.get(key, []),
                timeline_url=timeline_pages.get(key, (None, 0))[0],
                timeline_total=timeline_pages.get(key, (None, 0))[1],
            )
            writer.write_feed(
                [FeedEntry.of(a) for a in articles[: options["ENTITIES_FEED_MAX_ITEMS"]]],
                self.context,
                view.feed_url,
                feed_title=f"{self.settings.get('SITENAME', '')} — {view.name}",
            )
            exported.append(export_entity(view, [a.url for a in articles]))
        writer.write_file(
            "entities/index.html",
            self.get_template("entities"),
            self.context,
            relative_urls=relative,
            page_lang=lang,
        )
        path = path_inside(Path(self.output_path), "entities.json")
        path.write_text(
            json.dumps({"entities": exported}, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )


def get_generators(pelican):
    return EntityPagesGenerator


def check_settings(pelican) -> None:
    """A wrong setting stops the build before any work, saying what would fit."""
    entities_settings(pelican.settings)


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
