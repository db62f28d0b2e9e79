"""Dates written the way a reader of the page's language writes them (pure: no Pelican)."""

from __future__ import annotations

import datetime as dt
import functools
import logging

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton

logger = logging.getLogger(__name__)

PRECISIONS = ("day", "month", "year")
FALLBACK_LOCALE = "en"


@functools.lru_cache(maxsize=64)
def babel_locale(lang: str | None) -> Locale:
    """The babel ``Locale`` for a language code; English when the code is empty or unknown.

    Accepts ``fr``, ``fr_FR`` and ``fr-FR``.

    >>> str(babel_locale("fr-FR")), str(babel_locale("xx")), str(babel_locale(None))
    ('fr_FR', 'en', 'en')
    """
    if lang:
        try:
            return Locale.parse(lang.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            logger.warning("dates: unknown language %r; dates are written in English", lang)
    return Locale.parse(FALLBACK_LOCALE)


def format_date(value: dt.date | None, lang: str | None, precision: str = "day") -> str:
    """A date as far as it is known: ``precision`` is ``day``, ``month`` or ``year``.

    >>> format_date(dt.date(2023, 9, 13), "fr")
    '13 septembre 2023'
    >>> format_date(dt.date(2023, 9, 13), "en", "month")
    'September 2023'
    >>> format_date(dt.date(2016, 1, 1), "fr", "year")
    '2016'
    >>> format_date(dt.date(2023, 9, 1), "fr")
    '1er septembre 2023'
    """
    if value is None:
        return ""
    if precision not in PRECISIONS:
        raise ValueError(f"date precision {precision!r} is not one of {', '.join(PRECISIONS)}")
    if isinstance(value, dt.datetime):
        value = value.date()
    return _format_day(value, lang, precision)


@functools.lru_cache(maxsize=65536)
def _format_day(value: dt.date, lang: str | None, precision: str) -> str:
    """Cached: a site shows the same few thousand dates on many pages."""
    if precision == "year":
        return str(value.year)
    locale = babel_locale(lang)
    if precision == "month":
        return format_skeleton("yMMMM", value, locale=locale)
    text = babel_format_date(value, format="long", locale=locale)
    if locale.language == "fr" and value.day == 1 and text.startswith("1 "):
        text = "1er" + text[1:]  # French writes the first of the month as an ordinal
    return text


@functools.lru_cache(maxsize=1024)
def language_name(code: str | None, in_lang: str | None) -> str:
    """The name of language ``code`` written in ``in_lang``, as a reader would write it.

    >>> language_name("fr", "fr"), language_name("en", "fr"), language_name("fr", "en")
    ('français', 'anglais', 'French')
    """
    if not code:
        return ""
    try:
        name = Locale.parse(code.replace("-", "_")).get_language_name(babel_locale(in_lang))
    except (UnknownLocaleError, ValueError):
        return code
    return name or code
