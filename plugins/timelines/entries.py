"""Timeline entries: articles on their date, and the events the articles date themselves. Pure.

An entry is either an article (on its publication date, day precision) or an event found in an
article's text ("il y a sept ans" -> 2016, year precision), linked to its article and to the
entities its sentence names.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import json
from collections.abc import Iterable, Mapping, Sequence

from markupsafe import Markup
from newstext.names import NameMatcher

PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


class TimelineEntry:
    """An article on its date or an event its text dates. A plain class with slots, not a
    dataclass: a site of 5,000 articles makes 30,000 of them on every build, and its
    ``render_key`` is read 200,000 times for page keys.

    ``render_key``: a digest of everything an entry shows, for the writer that skips unchanged
    pages, worked out when it is made (its article and entities carry their keys by then); None
    unless its article and entities carry render keys of their own. Not to be changed once
    made."""

    FIELDS = ("kind", "date", "precision", "article", "headline", "entities", "lang",
              "expression", "sentence")  # fmt: skip
    __slots__ = (*FIELDS, "render_key")

    def __init__(
        self,
        kind: str,  # "article" | "event"
        date: dt.date,
        precision: str,  # "day" | "month" | "year"
        article: object,
        headline: str,
        entities: tuple = (),
        lang: str = "",
        expression: str = "",
        sentence: str = "",
    ):
        self.kind = kind
        self.date = date
        self.precision = precision
        self.article = article
        self.headline = headline
        self.entities = entities
        self.lang = lang
        self.expression = expression
        self.sentence = sentence
        keys = [getattr(item, "render_key", None) for item in (article, *entities)]
        if all(isinstance(key, str) for key in keys):
            fields = [kind, date.isoformat(), precision, headline, lang, expression, sentence,
                      *keys]  # fmt: skip
            text = "\x1f".join(fields).encode()
            self.render_key = hashlib.blake2b(text, digest_size=12).hexdigest()
        else:
            self.render_key = None

    @property
    def sort_key(self):
        """Oldest first; within a date, coarse before fine, articles before their events."""
        return (self.date, PRECISION_RANK[self.precision], self.kind != "article", self.headline)

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        if type(other) is not TimelineEntry:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"TimelineEntry({shown})"


def shorten(sentence: str, limit: int = 140) -> str:
    """A headline from a sentence: at most ``limit`` characters, cut between words.

    >>> shorten("Le cosmodrome de Vostotchny, entré en service il y a sept ans, est la principale"
    ...         " installation de lancement spatial de la Russie.", 60)
    'Le cosmodrome de Vostotchny, entré en service il y a sept…'
    """
    sentence = " ".join(sentence.split())
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + "…"


def mentions(sentence: str, names: Sequence[str]) -> bool:
    """True when one of ``names`` stands in ``sentence`` (rules of ``newstext.names``).

    >>> mentions("Le sommet avec Kim Jong‑un.", ["Kim Jong-un"])
    True
    """
    return next(NameMatcher({"": names}).finditer(sentence), None) is not None


def title_text(title: str) -> str:
    """An article's title as plain text: Pelican titles are HTML (ingest writes ``AT&amp;T``),
    and an entry's headline is text, escaped once where it is printed.

    >>> title_text("AT&amp;T rachète <em>Time Warner</em>")
    'AT&T rachète Time Warner'
    """
    return Markup(str(title)).striptags()


def article_entry(article, entities: Sequence) -> TimelineEntry:
    return TimelineEntry(
        "article",
        article.date.date(),
        "day",
        article,
        title_text(article.title),
        tuple(entities),
        article.lang,
    )


def event_entries(
    article, events: Iterable, entity_names: Mapping[object, Sequence[str]]
) -> list[TimelineEntry]:
    """One entry per dated event, with the entities (keys of ``entity_names``) it names."""
    entries = []
    for event in events:
        named = tuple(e for e, names in entity_names.items() if mentions(event.sentence, names))
        entries.append(
            TimelineEntry(
                "event",
                event.date,
                event.precision,
                article,
                shorten(event.sentence),
                named,
                article.lang,
                event.expression,
                event.sentence,
            )
        )
    return entries


def timelinejs_date(date: dt.date, precision: str) -> dict:
    """TimelineJS's date object, keeping only what is known.

    >>> timelinejs_date(dt.date(2016, 1, 1), "year")
    {'year': 2016}
    """
    parts = {"year": date.year}
    if precision in ("month", "day"):
        parts["month"] = date.month
    if precision == "day":
        parts["day"] = date.day
    return parts


def timelinejs_event(entry: TimelineEntry, url: str, number: int) -> dict:
    """One TimelineJS event (start_date, text.headline, text.text, group, unique_id, url).
    ``number``: the entry's place among its article's entries, oldest first: its
    ``unique_id`` (the slide's address) stays the same when other articles come and go.

    TimelineJS prints ``headline`` and ``text`` as HTML: plain text is escaped (an article's
    summary is already HTML made safe by the article_page plugin).
    """
    text = (
        html.escape(entry.sentence, quote=False)
        if entry.kind == "event"
        else str(entry.article.summary or "")
    )
    return {
        "start_date": timelinejs_date(entry.date, entry.precision),
        "text": {"headline": html.escape(entry.headline, quote=False), "text": text},
        "group": entry.kind,
        "unique_id": f"{entry.kind}-{entry.article.slug}-{entry.date}-{number}",
        "url": url,
    }


@dataclasses.dataclass(frozen=True)
class Period:
    """One page of a long entity timeline: a year (``slug`` "2016") or a decade ("2010s",
    shown "2010–2019"); ``start``: its first year."""

    slug: str
    label: str
    start: int


def timeline_periods(entries: Iterable[TimelineEntry], size: int) -> dict[int, Period]:
    """The page of each year of ``entries`` (one entity's): its year when its decade holds at
    least ``size`` entries (a page's worth), else its decade. So an entity named across many
    years gets a page per decade it is sparse in, not a page per year holding one or two
    entries: a number of pages that grows with its entries, not with the years they span. A
    new entry changes its period's page only (and the decade's, the day it reaches ``size``).

    >>> from types import SimpleNamespace as E
    >>> years = [1994, 2016, 2016, 2017, 2019, 2023]
    >>> periods = timeline_periods([E(date=dt.date(y, 1, 1)) for y in years], 3)
    >>> for year in sorted(periods):
    ...     print(year, periods[year].slug, periods[year].label)
    1994 1990s 1990–1999
    2016 2016 2016
    2017 2017 2017
    2019 2019 2019
    2023 2020s 2020–2029
    """
    counts: dict[int, int] = {}
    for entry in entries:
        year = entry.date.year
        counts[year] = counts.get(year, 0) + 1
    decades: dict[int, int] = {}
    for year, count in counts.items():
        decades[year // 10 * 10] = decades.get(year // 10 * 10, 0) + count
    periods = {}
    for year in counts:
        decade = year // 10 * 10
        if decades[decade] >= size:
            periods[year] = Period(str(year), str(year), year)
        else:
            periods[year] = Period(f"{decade}s", f"{decade}–{decade + 9}", decade)
    return periods


def timelinejs_years(entries: Iterable[TimelineEntry]) -> list[list[tuple[TimelineEntry, int]]]:
    """The entries oldest first, by year, each with its place among its article's entries
    (``timelinejs_event``'s ``number``)."""
    years: dict[int, list[tuple[TimelineEntry, int]]] = {}
    seen: dict[str, int] = {}
    for entry in sorted(entries, key=lambda e: e.sort_key):
        slug = entry.article.slug
        number = seen[slug] = seen.get(slug, -1) + 1
        years.setdefault(entry.date.year, []).append((entry, number))
    return list(years.values())


def timelinejs_events_json(events: Iterable[dict]) -> str:
    """Events as the document's JSON has them, joined by commas."""
    return ",".join(json.dumps(e, **_TIMELINEJS_JSON) for e in events)


def timelinejs_document(title: str, events_json: Iterable[bytes]) -> bytes:
    """The JSON of the document ``timelinejs`` makes (keys sorted, no spaces, a line break at
    the end) in UTF-8, from ``timelinejs_events_json`` of consecutive runs of its events, each
    encoded: at 10,000 articles the document is 30 MB, and as one ``str`` it would be made
    three times over (its events, the document, its bytes), twice as large again once a "…"
    is in it."""
    title_json = json.dumps(
        {"text": {"headline": html.escape(title, quote=False)}}, **_TIMELINEJS_JSON
    )
    pieces = [b'{"events":[']
    for part in events_json:
        if part:
            pieces += (part, b",")
    if len(pieces) > 1:
        pieces.pop()  # the last comma
    pieces += (b'],"title":', title_json.encode("utf-8"), b"}\n")
    return b"".join(pieces)  # one join: the document is made once


_TIMELINEJS_JSON = {"ensure_ascii": False, "separators": (",", ":"), "sort_keys": True}


def timelinejs(entries: Iterable[TimelineEntry], title: str, url_of) -> dict:
    """A TimelineJS JSON document (events with start_date, text.headline, text.text, group,
    unique_id, url), oldest first (``timelinejs_event``)."""
    events = [
        timelinejs_event(entry, url_of(entry.article), number)
        for year in timelinejs_years(entries)
        for entry, number in year
    ]
    return {"title": {"text": {"headline": html.escape(title, quote=False)}}, "events": events}
