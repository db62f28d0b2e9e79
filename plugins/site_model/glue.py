"""Pelican glue: analyse each article once, build the site model, render it.

1. On ``article_generator_finalized`` (articles read, made safe by the article_page plugin,
   not yet written): each article's ``Analysis`` comes from the cache or is computed
   (``cache.py``), then ``build_site_model`` makes the site model. What the templates show of
   an article is set on it here, in ``annotate``, and nowhere else: its entities, related
   articles, events, reading time, its body with entity links, and a ``render_key`` (a hash of
   everything its page shows, so that an unchanged page is not rendered again).
2. ``SiteModelGenerator`` renders the model: entity pages, feeds and index, ``entities.json``;
   the timeline, entity timelines, editions, digests, ``timeline.json``.

The model goes from step 1 to step 2 in the context under ``MODEL`` (this plugin's own key).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import json
import logging
from pathlib import Path

from article_page.credit import reading_minutes
from article_page.sanitise import SafeHTML, safe_html
from entities.glue import alias_book
from entities.settings import entities_settings
from entities.views import METADATA_KEYS, export_entity, split_names
from incremental.fingerprint import files_digest
from incremental.glue import build_digest, output_intact, write_output
from jinja2 import pass_context
from markupsafe import Markup, escape
from newstext.safety import OutputGuard, page_url, path_inside, printable
from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator
from site_language.glue import context_lang
from timelines.editions import group_for_timeline, iso_week_key
from timelines.entries import (
    Period,
    timeline_periods,
    timelinejs_document,
    timelinejs_event,
    timelinejs_events_json,
    timelinejs_years,
)
from timelines.settings import timelines_settings

from . import kept_entities, reuse
from .analysis import ANALYSIS_VERSION, KINDS, ArticleInput, link_body, text_forms
from .cache import AnalysisCache, analysis_key
from .fragment_cache import FragmentCache, fragment_key
from .model import (
    ArticleCard,
    ArticleFacts,
    archive_pages,
    archive_url,
    build_site_model,
    digest,
    text_digest,
)

logger = logging.getLogger(__name__)

MODEL = "site_model"
REUSE_KEY = "site_model_reuse_key"
REUSED = "site_model_reused_files"
FRAGMENTS = "site_model_fragments"  # the build's Fragments: article pages and the model's share it
ENTITY_INPUTS = "site_model_entity_inputs"  # by slug: what entity pages show of an article
LAST_STATE = "site_model_last_state"  # what the last build left (``reuse.load_state``)
_PROBLEMS: dict[str, reuse.Problems] = {}  # by output folder, for the build under way


def book_forms(book, name: str) -> list[str]:
    """What the alias book says a name may also be written as."""
    found = book.resolve(name)
    if found is None or found.ignored:
        return []
    return [found.key, *book.names(found.key).values(), *sorted(book.aliases(found.key))]


def forms_in(book):
    """``forms(name, kind)``: the forms a name may take in a text (``text_forms``), each worked
    out once: a site names each entity in many articles."""
    return functools.cache(lambda name, kind: text_forms(name, kind, book_forms(book, name)))


def analysis_input(article, book, forms=None) -> ArticleInput:
    """What ``analyse`` reads of ``article``; ``forms``: ``forms_in(book)``, shared by a build."""
    forms_of = forms or forms_in(book)
    names = {
        kind: tuple(dict.fromkeys(split_names(article.metadata.get(METADATA_KEYS[kind]))))
        for kind in KINDS
    }
    forms = {name: forms_of(name, kind) for kind in KINDS for name in names[kind]}
    return ArticleInput(article._content or "", article.lang, article.date.date(), names, forms)


def card_of(article) -> ArticleCard:
    authors = tuple(str(author) for author in getattr(article, "authors", None) or [])
    return ArticleCard(
        slug=article.slug,
        url=article.url,
        title=str(article.title),
        date=article.date,
        lang=article.lang,
        source=str(article.metadata.get("source") or ""),
        summary=str(getattr(article, "summary", "") or ""),
        authors=authors,
    )


def cache_folder(settings: dict) -> Path:
    """Analyses are kept in ``CACHE_PATH`` (``cache.FILE_NAME``), whatever Pelican's own cache
    settings: they are keyed by content, so a kept one is always right."""
    return Path(settings.get("CACHE_PATH") or "cache")


def build_model(generator) -> None:
    """On ``article_generator_finalized``: analyses, the model, and what articles show; or, when
    nothing changed since the last build, the last build's keys (``reuse.py``).

    Without the cyclic garbage collector: what is made here lives to the end of the build, and
    the collector walked it again and again for nothing (0.3-0.5 s of adding one article to a
    5,000-article site). Pelican's articles, read by now, and the model are then frozen: alive
    until the build ends, the collections of the rest of the build need not walk them
    (at 5,000 articles it spent 4 s of 80 doing so). Unfrozen when the next build starts."""
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        _build_model(generator)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _build_model(generator) -> None:
    settings = generator.settings
    left = _PROBLEMS.pop(output_of(settings), None)  # an earlier build that stopped short
    if left is not None:
        left.detach()
    problems = _PROBLEMS[output_of(settings)] = reuse.Problems().attach()
    book = alias_book(settings)
    forms = forms_in(book)
    given = {article.slug: analysis_input(article, book, forms) for article in generator.articles}
    keys = {slug: analysis_key(article) for slug, article in given.items()}
    # Pelican formats an article's URL from the settings at every reading: each article's card
    # (its URL read once) serves the reuse key, the model and the render keys.
    cards = {article.slug: card_of(article) for article in generator.articles}
    shown = {a.slug: shown_of(a, keys[a.slug], cards) for a in generator.articles}
    key = site_reuse_key(generator, shown)
    generator.context[REUSE_KEY] = key
    generator.context["RENDER_SITE_KEY"] = digest("site model", ANALYSIS_VERSION)
    state = generator.context[LAST_STATE] = reuse.load_state(cache_folder(settings)) or {}
    if reuse_last_build(generator, key, state):
        return
    cache = AnalysisCache(cache_folder(settings))
    facts = []
    # Bodies that passed the allow-list (article_page): still safe once linked (annotate).
    safe = {a.slug for a in generator.articles if type(a._content) is SafeHTML}
    for article in generator.articles:
        analysis = cache.analysis(given[article.slug], keys[article.slug])
        # The body with placeholder links replaces the article's own until annotate() fills
        # in the URLs: one copy of each body in memory, not two.
        article._content = analysis.body
        analysis = dataclasses.replace(analysis, body="")
        facts.append(ArticleFacts(cards[article.slug], given[article.slug].names, analysis))
    del given
    cache.save()
    logger.info("site model: %d analyses read, %d made", cache.hits, cache.misses)
    related = state.get("related")  # worked out by the last build: see build_site_model
    related = related if isinstance(related, dict) else None
    model = build_site_model(facts, book, settings.get("DEFAULT_LANG", "en"), related)
    analyses = {f.card.slug: f.analysis for f in facts}
    for article in generator.articles:
        annotate(article, model, analyses[article.slug], shown[article.slug], article.slug in safe)
    generator.context[MODEL] = model
    generator.context[ENTITY_INPUTS] = {
        slug: kept_entities.article_inputs(
            model.cards[slug].render_key,
            keys[slug],
            known.entity_of,
            (view.render_key for view in known.entities),
        )
        for slug, known in model.articles.items()
    }
    scope = digest(build_digest(settings), generator.context["RENDER_SITE_KEY"])
    fragments = Fragments(generator.env, FragmentCache(cache_folder(settings), scope))
    generator.env.globals["fragment"] = generator.context[FRAGMENTS] = fragments
    if problems.count:
        reuse.forget_state(cache_folder(settings))


def site_reuse_key(generator, shown: dict[str, str]) -> str:
    """``reuse.reuse_key`` of this build: what each article is and shows of itself (``shown``:
    ``shown_of`` by slug), and the rest."""
    settings = generator.settings
    editor_file = Path(settings["PATH"]) / entities_settings(settings)["ENTITIES_ALIAS_FILE"]
    digests = Path(settings["PATH"]) / timelines_settings(settings)["TIMELINES_DIGESTS_DIR"]
    try:
        aliases = editor_file.read_bytes().decode("utf-8", "replace")
    except OSError:
        aliases = None
    plugins = [Path(folder) for folder in settings.get("PLUGIN_PATHS", [])]
    data_files = digest(files_digest(plugins), files_digest([digests]), aliases)
    articles = (shown[article.slug] for article in generator.articles)
    return reuse.reuse_key(
        build_digest(settings), output_of(settings), settings.get("DEFAULT_LANG", "en"),
        data_files, articles,
    )  # fmt: skip


def neighbour_of(other, cards: dict[str, ArticleCard]) -> tuple[str, str, str, str] | None:
    """What an article shows of its previous or next one (None: there is none)."""
    if other is None:
        return None
    card = cards.get(other.slug)  # one of this build's articles (slugs are unique)
    if card is None:
        card = card_of(other)
    return (card.slug, card.title, card.url, card.lang)


def shown_of(article, analysis_key: str, cards: dict[str, ArticleCard]) -> str:
    """A digest of what an article is and shows of itself, for ``site_reuse_key``."""
    card = cards[article.slug]
    neighbours = [
        "\x1e".join(found) if (found := neighbour_of(other, cards)) else ""
        for other in (article.prev_article, article.next_article)
    ]
    metadata = "\x1e".join(f"{key}={value}" for key, value in sorted(article.metadata.items()))
    return text_digest(
        article.slug, analysis_key, card.url, card.title, card.date.isoformat(), card.lang,
        card.source, card.summary, "\x1e".join(card.authors), metadata, card.url,
        article.save_as, str(getattr(article, "category", "")), *neighbours,
    )  # fmt: skip


def reuse_last_build(generator, key: str, state: dict) -> bool:
    """When nothing changed since the last build (``reuse.py``): its keys on the articles, its
    files kept by the generator; True. Else False: a normal build. ``state``: the last
    build's (``reuse.load_state``, empty when there is none)."""
    settings = generator.settings
    slugs = {article.slug for article in generator.articles}
    if not (state and state.get("key") == key and set(state["render_keys"]) == slugs):
        return False
    if not output_intact(settings):
        logger.info("site model: output/ changed since the last build; everything is checked")
        return False
    for article in generator.articles:
        article.render_key = state["render_keys"][article.slug]
        if getattr(article, "category", None) is not None:
            article.category.render_key = text_digest("category", str(article.category))
    generator.context[MODEL] = None
    generator.context[REUSED] = list(state["files"])
    logger.info("site model: nothing changed since the last build; its pages are kept")
    return True


def output_of(settings: dict) -> str:
    return str(Path(settings["OUTPUT_PATH"]).resolve())


def annotate(article, model, analysis, shown: str, safe: bool = False) -> None:
    """Everything the article template shows that the model knows, and its render key
    (``shown``: ``shown_of`` the article: what it shows of itself and its neighbours; ``safe``:
    its body had passed the allow-list, and stays ``SafeHTML`` with its entity links)."""
    known = model.articles[article.slug]
    card = model.cards[article.slug]
    article.entities = list(known.entities)
    article.entity_groups = [(kind, list(members)) for kind, members in known.entity_groups]
    article.related = [model.cards[slug] for slug in known.related]
    article.events = list(known.events)
    article.reading_time = reading_minutes(analysis.words)
    prefix = "../" * card.url.count("/")
    urls = {name: prefix + model.views[key].url for name, key in known.entity_of.items()}
    body = link_body(article._content, analysis.linked, urls)
    article._content = SafeHTML(body) if safe else body
    article.render_key = text_digest(  # render keys are hex digits: joined by spaces
        "article", shown, " ".join(view.render_key for view in known.entities),
        " ".join(model.cards[slug].render_key for slug in known.related),
    )  # fmt: skip
    if getattr(article, "category", None) is not None:
        article.category.render_key = text_digest("category", str(article.category))


def page_keys(generator) -> None:
    """On ``page_generator_finalized``: a page shows its own text and metadata."""
    for page in [*generator.pages, *generator.hidden_pages, *generator.draft_pages]:
        metadata = sorted((key, str(value)) for key, value in page.metadata.items())
        page.render_key = digest("page", page._content, metadata, page.url, page.save_as)


def inside_output(guard: OutputGuard, relative: str) -> bool:
    """True when ``relative`` lands inside the output folder; else an error, and not written."""
    if guard.inside(relative):
        return True
    logger.error(
        "site model: not written: %r would be written outside %s", printable(relative), guard.given
    )
    return False


class Digest:
    """A curated digest: an editor's intro (a page of ``content/digests/``) and articles."""

    def __init__(self, page: Page, articles: list[ArticleCard]):
        self.page, self.articles = page, articles
        self.render_key = digest("digest", page.render_key, [card.render_key for card in articles])

    title = property(lambda self: self.page.title)
    intro = property(lambda self: self.page.content)
    date = property(lambda self: getattr(self.page, "date", None))
    url = property(lambda self: self.page.url)
    lang = property(lambda self: self.page.lang)
    slug = property(lambda self: self.page.slug)


def as_dates(tree: list) -> list:
    """The timeline tree with months and days as dates (None where the precision stops)."""
    return [
        (
            year,
            [
                (
                    dt.date(year, month, 1) if month else None,
                    [(dt.date(year, month, day) if day else None, items) for day, items in days],
                )
                for month, days in months
            ],
        )
        for year, months in tree
    ]


def timeline_tree(entries: list) -> list:
    return as_dates(group_for_timeline(entries, lambda e: e.date, lambda e: e.precision))


class TimelineTree:
    """``timeline_tree(entries)`` for a template to walk (years, months, days), made when it
    does. Its ``render_key`` is its entries' (the tree is a function of them): a page's key
    hashes one string per entry rather than the nested years, months and days."""

    __slots__ = ("_key", "_tree", "entries")

    def __init__(self, entries: list):
        self.entries = entries
        self._tree = None
        self._key = False  # not worked out yet

    @property
    def render_key(self) -> str | None:
        if self._key is False:
            keys = [entry.render_key for entry in self.entries]
            # None when an entry has no key: the page is rendered, written if its bytes changed
            ok = all(isinstance(key, str) for key in keys)
            self._key = text_digest("timeline tree", *keys) if ok else None
        return self._key

    def __iter__(self):
        if self._tree is None:
            self._tree = timeline_tree(self.entries)
        return iter(self._tree)

    def __bool__(self) -> bool:
        return bool(self.entries)


FRAGMENT_MACROS = {
    "entry": lambda m, item, lang, option: m.timeline_entry(item, lang, show_date=option),
    "line": lambda m, item, lang, option: m.article_line(item, lang),
    "card": lambda m, item, lang, option: m.article_card(item, lang, heading=option),
    "chip": lambda m, item, lang, option: m.entity_link_made(item, lang),
    "name": lambda m, item, lang, option: m.entity_name_made(item, lang),
    "index": lambda m, item, lang, option: m.entity_index_line_made(item, lang),
}
# What a fragment of each kind is kept under between builds: its item's ``render_key``, but
# an entity's line in the index, which shows its counts: its ``page_key``.
FRAGMENT_KEYS = {"index": "page_key"}


# What fragments are rendered with in place of SITEURL, then replaced by each page's: one
# rendering serves pages at every depth. Never in what a page shows of an item: its metadata
# and text lose their control characters on reading (article_page, ingest).
SITE_URL_MARK = "\x00SITEURL\x00"


class Fragments:
    """The ``fragment(kind, item, option)`` global: a piece of a page that many pages show (a
    timeline entry, an article's line or card) rendered once per build for each language, then
    reused. ``kind`` is ``"entry"`` (option: show its date), ``"line"``, ``"card"`` (option:
    the heading tag), ``"chip"`` (an entity's link), ``"name"`` (an entity's name) or
    ``"index"`` (an entity's line in the entity index), made by the macros of ``_macros.html``
    (``timeline_entry``, ``article_line``, ``article_card``, ``entity_link_made``,
    ``entity_name_made``, ``entity_index_line_made``), so a page looks the same either way.
    The macros are loaded once per language, not once per fragment. One instance serves a
    build's article pages and the model's pages. A fragment of an item with a key
    (``FRAGMENT_KEYS``, else its ``render_key``) is kept between builds (``fragment_cache``):
    the next build reads it back instead of rendering it.

    The macros show ``SITEURL`` as it is: a fragment is rendered with ``SITE_URL_MARK`` in its
    place, which each page's SITEURL replaces. A SITEURL that escaping would change (``&``,
    quotes...) is rendered for itself: the macros may show it escaped."""

    def __init__(self, env, kept: FragmentCache | None = None):
        self.template = env.get_template("_macros.html")
        # by key: (item, its fragment), the fragment split at the mark when SITEURL is in it
        self.done: dict[tuple, tuple[object, str | list[str]]] = {}
        self.modules: dict[tuple, object] = {}
        self.kept = kept
        self.renders = 0
        self._shared: dict[str, bool] = {}  # by SITEURL: whether the mark stands for it

    @pass_context
    def __call__(self, context, kind: str, item, option=None) -> Markup:
        return Markup(self._shown(context, kind, option, [item])[0])

    @pass_context
    def joined(self, context, kind: str, items, option=None, before="", after="") -> Markup:
        """The fragments of ``items``, one after the other, each between ``before`` and
        ``after`` (markup of the template): what a loop of ``fragment()`` gives, in one call
        (a timeline page shows a hundred entries, an entry six entities)."""
        pieces = self._shown(context, kind, option, items)
        if before or after:
            pieces = [f"{before}{piece}{after}" for piece in pieces]
        return Markup("".join(pieces))

    def _shown(self, context, kind: str, option, items) -> list[str]:
        """The HTML of each item's fragment on the page of ``context``. A fragment is kept
        once for every depth (a large site shows hundreds of thousands): the page's SITEURL
        is put where the mark was when it is shown."""
        lang = context_lang(context)
        site_url = context.get("SITEURL", "")
        shared = self._shared.get(site_url)
        if shared is None:
            shared = self._shared[site_url] = escape(site_url) == site_url
        rendered_for = SITE_URL_MARK if shared else site_url
        done = self.done
        shown = []
        for item in items:
            key = (kind, id(item), option, lang, rendered_for)
            found = done.get(key)
            if found is None or found[0] is not item:
                html = self._made(context, kind, item, option, key)
                parts = html.split(SITE_URL_MARK) if shared else [html]
                found = done[key] = (item, parts[0] if len(parts) == 1 else parts)
            made = found[1]
            shown.append(made if type(made) is str else site_url.join(made))
        return shown

    def forget(self) -> None:
        """Drop what was shown so far (the pages that show it are written); the fragments kept
        between builds stay."""
        self.done.clear()
        self.modules.clear()

    def _made(self, context, kind: str, item, option, key: tuple) -> str:
        """The fragment of ``key`` (kind, item, option, language, SITEURL), kept from the last
        build or rendered."""
        render_key = getattr(item, FRAGMENT_KEYS.get(kind, "render_key"), None)
        kept_as = html = None
        if self.kept is not None and type(render_key) is str:
            kept_as = fragment_key(
                self.kept.scope, kind, type(item).__qualname__, render_key, *key[2:]
            )
            html = self.kept.get(kept_as)
        if html is None:
            html = self._render(context, kind, item, option, *key[3:])
            if kept_as is not None:
                self.kept.put(kept_as, html)
        return html

    def _render(self, context, kind: str, item, option, lang: str, site_url: str) -> str:
        module = self.modules.get((lang, site_url))
        if module is None:
            module = self.modules[lang, site_url] = self.template.make_module(
                {**context.get_all(), "SITEURL": site_url, "page_lang": lang}
            )
        self.renders += 1
        return str(FRAGMENT_MACROS[kind](module, item, lang, option)).strip()


class SiteModelGenerator(Generator):
    """Entity pages, feeds, index and export; timelines, editions, digests and exports."""

    def generate_context(self) -> None:
        self.model = self.context.get(MODEL)
        self.reused = self.context.get(REUSED) if self.model is None else None
        if self.model is None:  # nothing changed since the last build: its files are kept
            return
        self.entity_options = entities_settings(self.settings)
        self.options = timelines_settings(self.settings)
        inline = self.options["TIMELINES_ENTITY_INLINE"]
        self.timeline_pages = {
            key: (self.model.views[key].url.replace(".html", ".timeline.html"), len(entries))
            for key, entries in self.model.timelines.items()
            if len(entries) > inline
        }
        model = self.model
        self.env.globals["fragment"] = self.context[FRAGMENTS]
        # The theme does not change during a build: the templates a page extends and imports
        # are not looked for on disk again for each of its thousands of pages.
        self.env.auto_reload = False
        self.context["entity_groups"] = model.groups
        self.context["latest_editions"] = model.day_editions[-1:] + model.week_editions[-1:]
        self.digests = self._read_digests()
        self.context["digests"] = self.digests

    def _read_digests(self) -> list[Digest]:
        folder = Path(self.path) / self.options["TIMELINES_DIGESTS_DIR"]
        digests = []
        for path in sorted(folder.glob("*.md")):
            shown = f"{self.options['TIMELINES_DIGESTS_DIR']}/{path.name}"
            try:
                page = self.readers.read_file(
                    base_path=self.path, path=str(path), content_class=Page, context=self.context
                )
            except Exception as error:  # a bad digest never stops the site
                logger.error("content/%s: cannot read this digest: %s", shown, error)
                continue
            if not isinstance(page, Page):  # "Status: skip": Pelican read nothing
                logger.error(
                    "content/%s: 'Status: skip' is not allowed in a digest; remove the line",
                    shown,
                )
                continue
            if "date" not in page.metadata:
                logger.error(
                    "content/%s: a digest needs a date: add a line 'Date: YYYY-MM-DD'", shown
                )
                continue
            wanted = [s.strip() for s in str(page.metadata.get("articles", "")).split(";")]
            chosen = []
            for slug in filter(None, wanted):
                if slug in self.model.cards:
                    chosen.append(self.model.cards[slug])
                else:
                    logger.error(
                        "content/%s: article %r does not exist; use the slug of an article "
                        "(the file name in content/articles/ without .md)",
                        shown,
                        slug,
                    )
            page._content = safe_html(page._content or "")  # the page, and the digests feed
            try:  # the article_page plugin gave an unsafe slug a safe one already
                page.override_url = page.override_save_as = page_url("digests", page.slug)
            except ValueError as error:
                logger.error("content/%s: this digest is not published: %s", shown, error)
                continue
            metadata = sorted((key, str(value)) for key, value in page.metadata.items())
            page.render_key = digest("page", page._content, metadata, page.url)
            digests.append(Digest(page, chosen))
        return sorted(digests, key=lambda digest: digest.date, reverse=True)

    def generate_output(self, writer) -> None:
        build = getattr(writer, "build", None)
        problems = _PROBLEMS.pop(output_of(self.settings), None)
        if self.model is None:
            if problems:
                problems.detach()
            if build is None or not build.keep(self.reused or []):
                logger.error(
                    "site model: the last build's pages changed during this one; run the "
                    "build again (nothing was lost)"
                )
                reuse.forget_state(cache_folder(self.settings))
            return
        before = set(build.entries) if build is not None else set()
        last = self.context.get(LAST_STATE, {}).get("entities")
        self.last_entity_files = last if isinstance(last, dict) else {}
        self.entity_files: dict[str, list] = {}  # entity -> [key, files], for the next build
        self.kept_entities: set[str] = set()
        self._write_all(writer)
        kept = self.env.globals["fragment"].kept
        kept.save()
        logger.info("site model: %d fragments read, %d rendered", kept.hits, kept.misses)
        if problems is not None:
            problems.detach()
        if build is not None and problems is not None and not problems.count:
            render_keys = {a.slug: a.render_key for a in self.context.get("articles", [])}
            files = sorted(set(build.entries) - before)
            reuse.save_state(
                cache_folder(self.settings), self.context[REUSE_KEY], render_keys, files,
                self.entity_files, self.model.related_inputs,
            )  # fmt: skip
        else:
            reuse.forget_state(cache_folder(self.settings))

    def _write_all(self, writer) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        lang = self.settings.get("DEFAULT_LANG", "en")
        self.guard = OutputGuard(Path(self.output_path))

        def write(url: str, template: str, **kw) -> bool:
            """Render ``template`` at ``url``; False when ``url`` is outside the output."""
            if not inside_output(self.guard, url):
                return False
            writer.write_file(
                url,
                self.get_template(template),
                self.context,
                relative_urls=relative,
                page_lang=kw.pop("page_lang", lang),
                **kw,
            )
            return True

        self._write_home(write)
        self._write_entities(write, writer)
        self._write_timelines(write, writer)

    # --- home and archive ---------------------------------------------------------------

    def _write_home(self, write) -> None:
        """index.html: the newest DEFAULT_PAGINATION articles, editions and digests; then
        archive pages numbered from the oldest (``model.archive_pages``). A site that keeps
        Pelican's own paginated index (``"index"`` in DIRECT_TEMPLATES) gets that one instead."""
        if "index" in self.settings.get("DIRECT_TEMPLATES", ()):
            return
        model = self.model
        size = self.settings.get("DEFAULT_PAGINATION") or 10
        oldest_first = sorted(model.cards.values(), key=lambda c: (c.date, c.slug))
        pages = archive_pages(oldest_first, size)
        urls = [archive_url(number) for number in range(1, len(pages) + 1)]
        write(
            "index.html", "index", articles=oldest_first[::-1][:size],
            archive_url=urls[-1] if len(oldest_first) > size else None,
            latest_editions=self.context["latest_editions"], digests=self.digests,
        )  # fmt: skip
        if len(oldest_first) <= size:
            return
        for number, cards in enumerate(pages, 1):
            write(
                urls[number - 1], "archive", articles=cards, page_number=number,
                newer_url=urls[number] if number < len(pages) else "index.html",
                older_url=urls[number - 2] if number > 1 else None,
            )  # fmt: skip

    # --- entities -----------------------------------------------------------------------

    def _write_entities(self, write, writer) -> None:
        """Each entity's page, pages of older articles and feed (its timeline pages come
        with the timelines); an entity whose files would show nothing new keeps them
        (``kept_entities``). The entity index and ``entities.json``."""
        model = self.model
        inline = self.options["TIMELINES_ENTITY_INLINE"]
        feed_max = self.entity_options["ENTITIES_FEED_MAX_ITEMS"]
        page_size = self.entity_options["ENTITIES_PAGE_ARTICLES"]
        build = getattr(writer, "build", None)
        inputs = self.context.get(ENTITY_INPUTS) or {}
        scope = text_digest(getattr(build, "digest", ""), str(self.context.get("RENDER_SITE_KEY")))
        exported = []
        for key, view in sorted(model.views.items(), key=lambda item: item[1].url):
            if not (
                inside_output(self.guard, view.url) and inside_output(self.guard, view.feed_url)
            ):
                continue
            timeline_url, timeline_total = self.timeline_pages.get(key, (None, 0))
            ids = view.entity.article_ids  # newest first
            exported.append(export_entity(view, [model.cards[slug].url for slug in ids]))
            articles = [inputs.get(slug) for slug in ids]
            files_key = None
            if build is not None and None not in articles:
                timeline = f"{timeline_url} {timeline_total}"
                files_key = kept_entities.entity_key(
                    scope, view.page_key, view.render_key, timeline, articles
                )
                kept = kept_entities.kept_files(self.last_entity_files, files_key, key)
                if kept is not None and build.keep(kept):
                    self.entity_files[key] = [files_key, kept]
                    self.kept_entities.add(key)
                    continue
            page = self._recording(write, key, files_key)
            items = model.entity_articles[key]  # made here: for the entities rendered only
            page(
                view.url, "entity", entity=view, entity_key=view.page_key,
                entity_articles=items[:page_size],
                articles_url=self._write_entity_archive(page, view, items, page_size),
                co_mentioned=model.co_mentioned[key],
                quotes=model.quotes.get(key, [])[:page_size],
                timeline=model.timelines.get(key, [])[-inline:],
                timeline_url=timeline_url, timeline_total=timeline_total,
            )  # fmt: skip
            # Cards are what Pelican's feed writer reads: title, link, date, summary, author.
            writer.write_feed(
                [item.article for item in items[:feed_max]],
                self.context,
                view.feed_url,
                feed_title=view.name,  # Pelican puts "SITENAME - " before it
            )
            if key in self.entity_files:
                self.entity_files[key][1].append(view.feed_url)
        logger.info(
            "site model: the files of %d entities kept as they were, of %d made again",
            len(self.kept_entities), len(exported) - len(self.kept_entities),
        )  # fmt: skip
        counts = digest([view.page_key for _, views in model.groups for view in views])
        write("entities/index.html", "entities", entity_groups=model.groups, counts_key=counts)
        self._dump("entities.json", lambda: {"entities": exported}, exported)

    def _recording(self, write, key: str, files_key: str | None):
        """``write``, noting each file written in ``entity_files[key]`` (with ``files_key``:
        None, an entity whose files are not kept between builds, notes nothing)."""
        if files_key is None:
            return write
        files = self.entity_files.setdefault(key, [files_key, []])[1]

        def page(url: str, template: str, **kw) -> bool:
            written = write(url, template, **kw)
            if written:
                files.append(url)
            return written

        return page

    def _write_entity_archive(self, write, view, items: list, size: int) -> str | None:
        """An entity's articles beyond its page's ``size`` newest: pages numbered from the
        oldest (``<slug>.articles-1.html`` holds the first ``size``); the URL of the newest."""
        if len(items) <= size:
            return None
        pages = archive_pages(items[::-1], size)
        urls = [view.url.replace(".html", f".articles-{n}.html") for n in range(1, len(pages) + 1)]
        for number, chunk in enumerate(pages, 1):
            write(
                urls[number - 1], "entity_articles", entity=view, entity_articles=chunk,
                page_number=number,
                newer_url=urls[number] if number < len(pages) else view.url,
                older_url=urls[number - 2] if number > 1 else None,
            )  # fmt: skip
        return urls[-1]

    # --- timelines, editions, digests ---------------------------------------------------

    def _write_timelines(self, write, writer) -> None:
        model = self.model
        self._write_entity_timelines(write)
        self._write_timeline(write)
        for edition in model.day_editions + model.week_editions:
            write(edition.url, "edition", edition=edition)
        write("editions/index.html", "editions", editions_by_year=self._editions_by_year())
        for item in self.digests:
            write(item.url, "digest", digest=item, page_lang=item.lang)
        if self.digests:
            writer.write_feed(
                [item.page for item in self.digests],  # URLs from page_url: inside
                self.context,
                "feeds/digests.atom.xml",
                feed_title="digests",
            )
        # Every page that shows a fragment is written: what they showed is dropped before the
        # largest export is made (at 10,000 articles, ~150 MB of a peak that must stay < 1 GiB).
        self.env.globals["fragment"].forget()
        sitename = self.settings.get("SITENAME", "")
        self._export(
            "timeline.json", lambda: self._timeline_json(sitename), (model.timeline, sitename)
        )

    def _timeline_json(self, sitename: str) -> bytes:
        """timeline.json (``timelinejs``), a year of events at a time: a year whose entries
        (and their numbers) did not change is read back from the fragment cache, not made."""
        kept = self.env.globals["fragment"].kept
        parts = []
        for year in timelinejs_years(self.model.timeline):
            shown = [f"{entry.render_key} {number}" for entry, number in year]
            kept_as = None
            if kept is not None and all(type(entry.render_key) is str for entry, _ in year):
                kept_as = fragment_key(kept.scope, "json", "timeline year", text_digest(*shown))
                found = kept.get(kept_as)
                if found is not None:
                    parts.append(found.encode("utf-8"))
                    continue
            made = timelinejs_events_json(timelinejs_event(e, e.article.url, n) for e, n in year)
            if kept_as is not None:
                kept.put(kept_as, made)
            parts.append(made.encode("utf-8"))
        return timelinejs_document(sitename, parts)

    def _write_entity_timelines(self, write_file) -> None:
        """Each entity's timeline pages, but those of an entity whose files are kept."""
        model = self.model
        size = self.options["TIMELINES_PAGE_SIZE"]
        for key, (url, _) in self.timeline_pages.items():
            if key in self.kept_entities:  # kept with the entity's other files
                continue
            noted = self.entity_files.get(key)
            write = self._recording(write_file, key, noted[0] if noted else None)
            view, newest_first = model.views[key], model.timelines[key][::-1]
            if len(newest_first) <= size:
                write(url, "timeline", entity=view, timeline_years=TimelineTree(newest_first),
                      years=[], year=None, page_number=None)  # fmt: skip
                continue
            # A long timeline: the newest entries, then one page per year, or per decade
            # where it holds less than a page (timeline_periods): stable pages.
            prefix = view.url.replace(".html", ".timeline-")
            period_of = timeline_periods(newest_first, size)
            by_period: dict[Period, list] = {}
            for entry in newest_first:
                by_period.setdefault(period_of[entry.date.year], []).append(entry)
            periods = sorted(by_period, key=lambda period: period.start, reverse=True)
            years = [(period.slug, period.label) for period in periods]
            pages = {url: (newest_first[:size], None)}
            pages.update({f"{prefix}{p.slug}.html": (by_period[p], p.slug) for p in periods})
            for page, (entries, year) in pages.items():
                write(
                    page, "timeline", entity=view, timeline_years=TimelineTree(entries),
                    years=years, year=year, page_number=1 if year is None else None,
                    latest_url=url, year_prefix=prefix,
                )  # fmt: skip

    def _write_timeline(self, write) -> None:
        """timeline/index.html: the newest TIMELINES_PAGE_SIZE entries; then one page per year,
        which changes only when an entry of that year does."""
        newest_first = self.model.timeline[::-1]
        years = sorted({entry.date.year for entry in newest_first}, reverse=True)
        latest = newest_first[: self.options["TIMELINES_PAGE_SIZE"]]
        shown = [(str(year), str(year)) for year in years]  # (page, label) as an entity's
        pages = ["timeline/index.html"]
        write(
            pages[0], "timeline", timeline_years=TimelineTree(latest), years=shown,
            year=None, timeline_pages=pages, page_number=1,
        )  # fmt: skip
        by_year: dict[int, list] = {}
        for entry in newest_first:
            by_year.setdefault(entry.date.year, []).append(entry)
        for year in years:
            write(f"timeline/{year}.html", "timeline", timeline_years=TimelineTree(by_year[year]),
                  years=shown, year=str(year), timeline_pages=pages, page_number=None)  # fmt: skip

    def _editions_by_year(self) -> list:
        """``[(iso_year, [(week, [days of that week, newest first])])]``, newest first."""
        days_of: dict[str, list] = {}
        for day in self.model.day_editions:
            days_of.setdefault(iso_week_key(day.start), []).append(day)
        years: dict[int, list] = {}
        for week in reversed(self.model.week_editions):
            years.setdefault(int(week.key[:4]), []).append((week, days_of.get(week.key, [])[::-1]))
        return sorted(years.items(), reverse=True)

    def _dump(self, relative: str, data, data_key) -> None:
        """A JSON export of ``data()`` (``_export``)."""

        def text() -> str:
            return (
                json.dumps(data(), ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
            )

        self._export(relative, text, data_key)

    def _export(self, relative: str, text, data_key) -> None:
        """An export (``text()``), made only when ``data_key`` changed, written only when its
        bytes did (``incremental.write_output``)."""
        path_inside(Path(self.output_path), relative)  # ValueError: never outside output/
        write_output(self.settings, relative, text, data_key)


def get_generators(pelican):
    return SiteModelGenerator


def check_settings(pelican) -> None:
    """A wrong setting stops the build before any work, saying what would fit."""
    entities_settings(pelican.settings)
    timelines_settings(pelican.settings)


# A full collection of the cyclic garbage collector walks every object alive, and a build keeps
# Pelican's articles, the model and their pages alive to the end: Python's default (one full
# collection every 10 collections of the middle generation) cost a time that grows with the
# square of the site (4.4 s of 80 at 5,000 articles). A build asks for one every 100; young
# cycles are still collected as often as before.
BUILD_GC_THRESHOLD = 100
_DEFAULT_GC = gc.get_threshold()


def collect_less(pelican) -> None:
    """On ``initialized``: what the last build in this process froze is collectable again
    (``pelican -r``, a program that builds several sites); fewer full collections during the
    build."""
    gc.unfreeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, max(BUILD_GC_THRESHOLD, _DEFAULT_GC[2]))


def restore_thresholds(pelican) -> None:
    """On ``finalized``: the collector's thresholds are Python's again. What ``build_model``
    froze stays frozen until the next build starts: unfrozen here, it made the collector walk
    the whole site once more while the build was ending (0.35 s at 5,000 articles)."""
    gc.set_threshold(*_DEFAULT_GC)


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.initialized.connect(collect_less)
    signals.article_generator_finalized.connect(build_model)
    signals.page_generator_finalized.connect(page_keys)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(restore_thresholds)
