"""Pelican glue: site and entity timelines, day and week editions, curated digests, exports.

One generator, added after the entities plugin's (list ``entities`` before ``timelines`` in
PLUGINS): it reads the entity views the entities generator put in the shared context, and puts
back ``entity_timelines`` (the latest entries of each entity) and ``entity_timeline_pages``
(the URL and length of each timeline long enough for a page of its own) for the entity pages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import logging
from collections import defaultdict
from pathlib import Path

from article_page.sanitise import safe_html
from newstext.safety import page_url, path_inside
from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator

from .editions import (
    group_by_day,
    group_by_iso_week,
    group_for_timeline,
    iso_week_bounds,
    iso_week_key,
)
from .entries import article_entry, event_entries, timelinejs
from .settings import timelines_settings
from .textdates import find_dated_events

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class Edition:
    kind: str  # "day" | "week"
    key: str
    start: dt.date
    end: dt.date
    articles: list
    url: str
    previous: Edition | None = None
    next: Edition | None = None


@dataclasses.dataclass
class Digest:
    """A curated digest: an editor's intro and an ordered list of articles.

    ``page`` is the Pelican page read from ``content/digests/<name>.md``; its URL is the
    digest's, so that it can stand in a feed.
    """

    page: Page
    articles: list

    title = property(lambda self: self.page.title)
    intro = property(lambda self: self.page.content)
    date = property(lambda self: getattr(self.page, "date", None))
    url = property(lambda self: self.page.url)
    lang = property(lambda self: self.page.lang)
    slug = property(lambda self: self.page.slug)


def inside_output(output: str, relative: str) -> bool:
    """True when ``relative`` lands inside the output folder; else an error, and not written."""
    try:
        path_inside(Path(output), relative)
    except ValueError as error:
        logger.error("timelines: not written: %s", error)
        return False
    return True


def lead_first(articles: list) -> list:
    """The lead article is the one that names most entities (ties: the newest)."""
    ranked = sorted(articles, key=lambda a: (-len(getattr(a, "entities", [])), -a.date.timestamp()))
    return ranked


def timeline_page_url(number: int) -> str:
    """``timeline/index.html`` for the first page, ``timeline/page-N.html`` after."""
    return "timeline/index.html" if number == 1 else f"timeline/page-{number}.html"


def as_dates(tree: list) -> list:
    """The timeline tree with months and days as dates (None where the precision stops),
    which is what templates format: ``(2016, [(date(2016, 9, 1), [(date(2016, 9, 13), [...])])])``.
    """
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


def link_editions(editions: list[Edition]) -> list[Edition]:
    """Oldest to newest, each linked to its neighbours."""
    for older, newer in itertools.pairwise(editions):
        newer.previous, older.next = older, newer
    return editions


class TimelineGenerator(Generator):
    """timeline/ pages, editions/, digests/, timeline.json and entity timelines."""

    def generate_context(self) -> None:
        self.options = timelines_settings(self.settings)
        articles = self.context.get("articles", [])
        timelines = self._collect_entries(articles)
        # A long entity timeline gets a page of its own; the entity page shows the latest part.
        inline = self.options["TIMELINES_ENTITY_INLINE"]
        views = self.context.get("entity_views", {})
        self.entity_timelines = timelines
        self.long_timelines = {k: e for k, e in timelines.items() if len(e) > inline}
        self.context["entity_timelines"] = {k: e[-inline:] for k, e in timelines.items()}
        self.context["entity_timeline_pages"] = {
            key: (views[key].url.replace(".html", ".timeline.html"), len(entries))
            for key, entries in self.long_timelines.items()
        }
        self.day_editions = self._editions(
            "day", group_by_day(articles, key=lambda a: a.date.date())
        )
        self.week_editions = self._editions(
            "week", group_by_iso_week(articles, key=lambda a: a.date.date())
        )
        self.context["latest_editions"] = self.day_editions[-1:] + self.week_editions[-1:]
        self.digests = self._read_digests({a.slug: a for a in articles})
        self.context["digests"] = self.digests

    def _collect_entries(self, articles: list) -> dict[str, list]:
        """The site's entries (``self.entries``, oldest first) and each entity's, by key.

        Each article gives its own entry and one per event its text dates (``article.events``);
        an event belongs to the entities its sentence names (entities plugin's ``all_names``).
        """
        self.entries = []
        per_entity = defaultdict(list)
        for article in articles:
            entities = getattr(article, "entities", [])
            article.events = find_dated_events(
                article.plain_text, article.lang, article.date.date()
            )  # plain_text: from the article_page plugin
            names = {view: view.all_names for view in entities}
            own = [article_entry(article, entities), *event_entries(article, article.events, names)]
            self.entries.extend(own)
            for entry in own:
                for view in entities if entry.kind == "article" else entry.entities:
                    per_entity[view.key].append(entry)
        self.entries.sort(key=lambda e: e.sort_key)
        return {key: sorted(found, key=lambda e: e.sort_key) for key, found in per_entity.items()}

    def _editions(self, kind: str, groups) -> list[Edition]:
        editions = []
        for key, members in groups.items():
            if kind == "day":
                start = end = dt.date.fromisoformat(key)
            else:
                start, end = iso_week_bounds(key)
            editions.append(
                Edition(kind, key, start, end, lead_first(list(members)), f"editions/{key}.html")
            )
        return link_editions(sorted(editions, key=lambda e: e.key))

    def _editions_by_year(self) -> list:
        """``[(iso_year, [(week, [days of that week, newest first])])]``, newest first."""
        days_of = defaultdict(list)
        for day in self.day_editions:
            days_of[iso_week_key(day.start)].append(day)
        years = defaultdict(list)
        for week in reversed(self.week_editions):
            years[int(week.key[:4])].append((week, days_of[week.key][::-1]))
        return sorted(years.items(), reverse=True)

    def _read_digests(self, by_slug: dict) -> list[Digest]:
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
                if slug in by_slug:
                    chosen.append(by_slug[slug])
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
            digests.append(Digest(page, chosen))
        return sorted(digests, key=lambda digest: digest.date, reverse=True)

    def generate_output(self, writer) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        lang = self.settings.get("DEFAULT_LANG", "en")

        def write(url: str, template: str, **kw) -> None:
            if not inside_output(self.output_path, url):
                return
            writer.write_file(
                url,
                self.get_template(template),
                self.context,
                relative_urls=relative,
                page_lang=kw.pop("page_lang", lang),
                **kw,
            )

        self._write_timeline(write)
        for key, entries in self.long_timelines.items():
            view = self.context["entity_views"][key]
            tree = group_for_timeline(entries[::-1], lambda e: e.date, lambda e: e.precision)
            write(
                self.context["entity_timeline_pages"][key][0], "timeline", entity=view,
                timeline_years=as_dates(tree), years=[], year=None, page_number=None,
            )  # fmt: skip
        for edition in self.day_editions + self.week_editions:
            write(edition.url, "edition", edition=edition)
        write("editions/index.html", "editions", editions_by_year=self._editions_by_year())
        for digest in self.digests:
            write(digest.url, "digest", digest=digest, page_lang=digest.lang)
        if self.digests:
            writer.write_feed(
                [digest.page for digest in self.digests],  # URLs from page_url: inside
                self.context,
                "feeds/digests.atom.xml",
                feed_title=f"{self.settings.get('SITENAME', '')} — digests",
            )
        self._write_exports()

    def _write_timeline(self, write) -> None:
        """Pages of TIMELINES_PAGE_SIZE entries, newest first (timeline/index.html, then
        timeline/page-2.html ...), and one page per year to jump to."""
        newest_first = self.entries[::-1]
        tree = lambda entries: as_dates(  # noqa: E731
            group_for_timeline(entries, lambda e: e.date, lambda e: e.precision)
        )
        years = sorted({entry.date.year for entry in newest_first}, reverse=True)
        size = self.options["TIMELINES_PAGE_SIZE"]
        chunks = [newest_first[i : i + size] for i in range(0, len(newest_first), size)] or [[]]
        pages = [timeline_page_url(number) for number in range(1, len(chunks) + 1)]
        for number, chunk in enumerate(chunks, 1):
            write(
                pages[number - 1], "timeline", timeline_years=tree(chunk), years=years,
                year=None, timeline_pages=pages, page_number=number,
            )  # fmt: skip
        for year in years:
            entries = [entry for entry in newest_first if entry.date.year == year]
            write(f"timeline/{year}.html", "timeline", timeline_years=tree(entries),
                  years=years, year=year, timeline_pages=pages, page_number=None)  # fmt: skip

    def _write_exports(self) -> None:
        output = Path(self.output_path)
        sitename = self.settings.get("SITENAME", "")
        dump = lambda data: json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"  # noqa: E731
        path_inside(output, "timeline.json").write_text(
            dump(timelinejs(self.entries, sitename, lambda a: a.url)), encoding="utf-8"
        )
        for key, entries in self.entity_timelines.items():
            view = self.context["entity_views"][key]
            relative = view.url.replace(".html", ".timeline.json")
            if not inside_output(self.output_path, relative):
                continue
            target = path_inside(output, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                dump(timelinejs(entries, view.name, lambda a: "../../" + a.url)), encoding="utf-8"
            )


def get_generators(pelican):
    return TimelineGenerator


def check_settings(pelican) -> None:
    """A wrong setting stops the build before any work, saying what would fit."""
    timelines_settings(pelican.settings)


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
