"""Dates by precision, in French and English."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from site_language.dates import format_date, language_name

DAY = dt.date(2023, 9, 13)


@pytest.mark.parametrize(
    ("lang", "precision", "expected"),
    [
        ("fr", "day", "13 septembre 2023"),
        ("fr", "month", "septembre 2023"),
        ("fr", "year", "2023"),
        ("en", "day", "September 13, 2023"),
        ("en", "month", "September 2023"),
        ("en", "year", "2023"),
        ("fr_FR", "day", "13 septembre 2023"),
        ("en-GB", "day", "13 September 2023"),
    ],
)
def test_format_date_by_precision(lang, precision, expected):
    assert format_date(DAY, lang, precision) == expected


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_datetimes_are_formatted_as_their_day(lang):
    moment = dt.datetime(2023, 9, 13, 23, 59, tzinfo=dt.UTC)
    assert format_date(moment, lang) == format_date(DAY, lang)


@pytest.mark.parametrize(
    ("lang", "expected"), [("fr", "1er septembre 2023"), ("en", "September 1, 2023")]
)
def test_the_first_of_the_month(lang, expected):
    assert format_date(dt.date(2023, 9, 1), lang) == expected


def test_no_date_gives_empty_text():
    assert format_date(None, "fr") == ""


def test_unknown_precision_is_refused_with_the_accepted_values():
    with pytest.raises(ValueError) as error:
        format_date(DAY, "fr", "week")
    assert str(error.value) == "date precision 'week' is not one of day, month, year"


def test_unknown_language_writes_english_and_says_so(caplog):
    # Locales are cached and Pelican's log filter drops repeats: the warning comes once per
    # language and process, so this test uses a code no other test uses.
    with caplog.at_level(logging.WARNING, logger="site_language.dates"):
        assert format_date(DAY, "zz") == "September 13, 2023"
    assert caplog.messages == ["dates: unknown language 'zz'; dates are written in English"]


@pytest.mark.parametrize(
    ("code", "in_lang", "expected"),
    [
        ("fr", "fr", "français"),
        ("en", "en", "English"),
        ("en", "fr", "anglais"),
        ("fr", "en", "French"),
        ("zz-unknown", "en", "zz-unknown"),
        ("", "en", ""),
    ],
)
def test_language_name(code, in_lang, expected):
    assert language_name(code, in_lang) == expected
