"""The small pieces of markup a page repeats many times: a ``<time>``, the language
attributes of a link or a text in another language than the page's, and the kinds and names of
a timeline entry's entities that the timeline's filter reads. Pure (no Pelican).

Each is a template filter (``{{ day|time_tag(lang) }}``, ``{{ item_lang|lang_attr(lang) }}``):
a page lists hundreds of dates and links, and a Jinja macro call costs ten times what these
cost. The macros of ``_macros.html`` that bear the same names (``date_tag``, ``lang_attr``,
``lang_attrs``, ``hreflang``) call them, so a theme may use either.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from markupsafe import Markup, escape

from .dates import format_date

_ISO = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}
_NOTHING = Markup("")


@functools.lru_cache(maxsize=65536)
def _time_tag(value: dt.date, lang: str | None, precision: str) -> Markup:
    iso = escape(value.strftime(_ISO.get(precision, _ISO["day"])))
    return Markup(f'<time datetime="{iso}">{escape(format_date(value, lang, precision))}</time>')


def time_tag(value: dt.date | None, lang: str | None, precision: str = "day") -> Markup:
    """A ``<time>`` for a date known to the day, month or year; nothing for no date.

    >>> time_tag(dt.date(2023, 9, 1), "fr")
    Markup('<time datetime="2023-09-01">1er septembre 2023</time>')
    >>> time_tag(dt.date(2016, 1, 1), "en", "year"), time_tag(None, "en")
    (Markup('<time datetime="2016">2016</time>'), Markup(''))
    """
    if not value:
        return _NOTHING
    if isinstance(value, dt.datetime):  # shown to the day at most: one cached tag per day
        value = value.date()
    return _time_tag(value, lang, precision)


@functools.lru_cache(maxsize=1024)  # a site has a few languages, pages thousands of links
def _language_attributes(names: tuple[str, ...], item_lang: str | None, lang: str | None):
    if item_lang and item_lang != lang:
        value = escape(item_lang)
        return Markup("".join(f' {name}="{value}"' for name in names))
    return _NOTHING


def lang_attr(item_lang: str | None, lang: str | None) -> Markup:
    """``lang`` on a text written in another language than the page.

    >>> lang_attr("en", "fr"), lang_attr("fr", "fr"), lang_attr(None, "fr")
    (Markup(' lang="en"'), Markup(''), Markup(''))
    """
    return _language_attributes(("lang",), item_lang, lang)


def hreflang_attr(item_lang: str | None, lang: str | None) -> Markup:
    """``hreflang`` alone, on a link whose text also holds words in the page's language.

    >>> hreflang_attr('e"n', "fr")
    Markup(' hreflang="e&#34;n"')
    """
    return _language_attributes(("hreflang",), item_lang, lang)


def lang_attrs(item_lang: str | None, lang: str | None) -> Markup:
    """``hreflang`` and ``lang`` on a link to an article in another language than the page.

    >>> lang_attrs("en", "fr")
    Markup(' hreflang="en" lang="en"')
    """
    return _language_attributes(("hreflang", "lang"), item_lang, lang)


def entity_kinds(entities: Iterable) -> str:
    """The kinds of ``entities``, each once, in order: what a timeline's filter reads of an
    entry (``data-kinds``).

    >>> from types import SimpleNamespace as E
    >>> entity_kinds([E(kind="person"), E(kind="place"), E(kind="person")])
    'person place'
    """
    return _once_per_tuple(_entity_kinds, entities)


def entity_names(entities: Iterable, lang: str | None) -> str:
    """The names of ``entities`` in ``lang`` (``name_in``, else ``name``), lower case, joined
    by ``|``: what a timeline's filter searches (``data-entities``).

    >>> from types import SimpleNamespace as E
    >>> entity_names([E(name=" Kim Jong-un"), E(name="ONU")], "fr")
    'kim jong-un|onu'
    """
    return _once_per_tuple(_entity_names, entities, lang)


def _once_per_tuple(make, entities, *more):
    """``make(entities, *more)``, kept for a tuple of hashable entities: an article's entities
    are shown by its entry on several pages (and many times: each entry is rendered with and
    without its date). Entities are equal when they are the same object (a site model's
    views): the tuple kept holds them, so another object never takes the place of one."""
    if type(entities) is tuple:
        try:
            return _kept(make, entities, *more)
        except TypeError:  # an entity that cannot be hashed
            pass
    return make(entities, *more)


@functools.lru_cache(maxsize=16384)
def _kept(make, entities: tuple, *more) -> str:
    return make(entities, *more)


def _entity_kinds(entities: Iterable) -> str:
    return " ".join(dict.fromkeys(entity.kind for entity in entities))


def _entity_names(entities: Iterable, lang: str | None) -> str:
    names = []
    for entity in entities:
        name_in = getattr(entity, "name_in", None)
        names.append(str(name_in(lang) if name_in is not None else entity.name).strip().lower())
    return "|".join(names)


FILTERS = {
    "entity_kinds": entity_kinds,
    "entity_names": entity_names,
    "time_tag": time_tag,
    "lang_attr": lang_attr,
    "hreflang_attr": hreflang_attr,
    "lang_attrs": lang_attrs,
}
