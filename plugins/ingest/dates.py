"""Dates as news text writes them, French and English: "13 septembre 2023", "13/09/2023 à
10h05", "Sept. 13, 2023", "2023-09-13T10:05+02:00". Deterministic: our own month table, no
guessing from today's date. A date that does not exist is an error, never a nearby day.
Nothing here imports Pelican.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ingest.model import DateValue

PARIS = ZoneInfo("Europe/Paris")
EARLIEST = dt.date(1800, 1, 1)  # no article is dated before, nor after LATEST: a typo, or an
LATEST = dt.date(2200, 12, 31)  # attack on date arithmetic (9999-12-31 + 1 day overflows)


_MONTHS = {
    "janvier": 1, "janv": 1, "january": 1, "jan": 1,
    "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "août": 8, "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "sept": 9, "september": 9, "sep": 9,
    "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11,
    "décembre": 12, "decembre": 12, "déc": 12, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = "(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+)?"
)
_DAY = r"(?P<d>\d{1,2})(?:er|st|nd|rd|th)?"
_DATE_FORMS = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"(?P<d>\d{1,2})([/.-])(?P<m>\d{1,2})\2(?P<y>\d{4}|\d{2})"),
    re.compile(_WEEKDAY + _DAY + r"\s+" + _MONTH + r",?(?:\s+(?P<y>\d{4}))?", re.IGNORECASE),
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r"(?:,?\s+(?P<y>\d{4}))?", re.IGNORECASE),
]
_TIME = re.compile(
    r"(?:\s*(?:à|at|,|-|–|T)\s*|\s+)"
    r"(?:(?P<h>\d{1,2})\s*[hH]\s*(?P<min>\d{2})?|(?P<h2>\d{1,2}):(?P<min2>\d{2})(?::(?P<s>\d{2}))?"
    r"(?:\.\d+)?\s*(?P<ampm>[ap]\.?m\.?)?)"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)


class DateError(ValueError):
    """A date that has the shape of a date but is not a real day or time."""


@dataclass(frozen=True)
class DateParts:
    """A date as written, before it is checked: ``year`` is None when the text gives none."""

    text: str
    year: int | None
    month: int
    day: int
    hour: int | None = None
    minute: int | None = None
    second: int = 0
    offset: str | None = None
    numeric: bool = False  # written with figures only ("04/05/2023"): day and month can swap


def _time_parts(match: re.Match) -> tuple[int, int, int, str | None]:
    hour = int(match["h"] or match["h2"])
    minute = int(match["min"] or match["min2"] or 0)
    ampm = (match["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return hour, minute, int(match["s"] or 0), match["tz"]


def match_date(text: str, need_all: bool = True) -> DateParts | None:
    """Read a date written at the start of ``text``: ISO "2023-09-13", day first "13/09/2023"
    (month first only through ``month_first``), "13 septembre 2023", "mercredi 13 septembre
    2023", "1er mai 2023", "September 13, 2023", "Sept 13", optionally followed by a time
    ("à 10h05", "10:05", "at 6:30 pm", "T10:05:00+02:00"). With ``need_all``, the whole text
    must be the date and time (a final period is allowed). Nothing is checked: see ``date_value``.

    >>> match_date("Mercredi 13 septembre 2023 à 18h30")
    DateParts(text='Mercredi 13 septembre 2023 à 18h30', year=2023, month=9, day=13, hour=18, \
minute=30, second=0, offset=None, numeric=False)
    >>> match_date("13 septembre 2023 et le reste") is None
    True
    """
    text = text.strip()
    for index, form in enumerate(_DATE_FORMS):
        date = form.match(text)
        if not date:
            continue
        end = date.end()
        time = _TIME.match(text, end)
        hour = minute = None
        second, offset = 0, None
        if time and (time["h"] or time["h2"]):
            hour, minute, second, offset = _time_parts(time)
            end = time.end()
        rest = text[end:].strip()
        if need_all and rest not in ("", "."):
            continue
        groups = date.groupdict()
        month = _MONTHS[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
        year = int(groups["y"]) if groups.get("y") else None
        if year is not None and len(groups["y"]) == 2:
            year += 2000  # "13/09/23"; a year written with four digits is taken as written
        written = text[:end].strip()
        day = int(groups["d"])
        return DateParts(written, year, month, day, hour, minute, second, offset, index == 1)
    return None


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})([/.-])(\d{1,2})\2(?:\d{4}|\d{2})\b")


def month_first_in(text: str) -> bool:
    """True when the numeric dates of a text are written month first ("12/25/2023", as in the
    United States): one of them reads only that way, and none reads only day first. Otherwise
    day first, as French and most of the world write them.

    >>> month_first_in("Posted 05/04/2023. Updated 05/14/2023")
    True
    >>> month_first_in("Publié le 05/04/2023"), month_first_in("13/05/2023 and 05/14/2023")
    (False, False)
    """
    pairs = [(int(m[1]), int(m[3])) for m in _NUMERIC_DATE.finditer(text)]
    only_month_first = any(first <= 12 < second for first, second in pairs)
    only_day_first = any(second <= 12 < first for first, second in pairs)
    return only_month_first and not only_day_first


def month_first(parts: DateParts) -> DateParts:
    """A numeric date read month first: "05/04/2023" is 4 May rather than 5 April."""
    if not parts.numeric:
        return parts
    return dataclasses.replace(parts, month=parts.day, day=parts.month)


def date_value(parts: DateParts, tz: dt.tzinfo = PARIS) -> DateValue:
    """The checked date: midnight in ``tz`` with precision "day", or "minute" when a time is given
    (in ``tz`` unless the text gives an offset). Raises ``DateError`` for a day or time that does
    not exist, naming the text as written.

    >>> date_value(match_date("2023-09-13")).when.isoformat()
    '2023-09-13T00:00:00+02:00'
    >>> date_value(match_date("31/02/2023"))
    Traceback (most recent call last):
    ...
    ingest.dates.DateError: date "31/02/2023" is not a real day
    """
    try:
        day = dt.date(parts.year or 0, parts.month, parts.day)
    except ValueError:
        raise DateError(f'date "{parts.text}" is not a real day') from None
    if not in_range(day):
        raise DateError(f'date "{parts.text}" is {RANGE_PROBLEM}')
    if parts.hour is None:
        return DateValue(dt.datetime.combine(day, dt.time(), tzinfo=tz), "day")
    try:
        time = dt.time(parts.hour, parts.minute or 0, parts.second)
    except ValueError:
        raise DateError(f'time in "{parts.text}" is not a real time of day') from None
    zone = _offset_zone(parts.offset) or tz
    return DateValue(dt.datetime.combine(day, time, tzinfo=zone), "minute")


RANGE_PROBLEM = f"not between {EARLIEST} and {LATEST}: check the year"


def in_range(day: dt.date) -> bool:
    """True for a day an article can be dated: ``EARLIEST`` to ``LATEST``.

    >>> in_range(dt.date(2023, 9, 13)), in_range(dt.date(9999, 12, 31)), in_range(dt.date(99, 1, 1))
    (True, False, False)
    """
    return EARLIEST <= day <= LATEST


def _offset_zone(offset: str | None) -> dt.tzinfo | None:
    if not offset:
        return None
    if offset.upper() in ("Z", "UTC", "GMT"):
        return dt.UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def parse_date(text: str, tz: dt.tzinfo = PARIS) -> DateValue:
    """A whole string read as a date (see ``match_date``); a date without a year is refused.

    Raises ``DateError`` with a message for the editor when the text is not a date or not a real
    one.

    >>> parse_date("Publié le 13/09/2023 à 10h05")
    Traceback (most recent call last):
    ...
    ingest.dates.DateError: cannot read "Publié le 13/09/2023 à 10h05" as a date: \
write it like 2023-09-13, 2023-09-13 10:05 or 13 septembre 2023
    >>> parse_date("2023-09-13 10:05").when.isoformat()
    '2023-09-13T10:05:00+02:00'
    """
    parts = match_date(text)
    if parts is None or parts.year is None:
        raise DateError(
            f'cannot read "{text}" as a date: '
            "write it like 2023-09-13, 2023-09-13 10:05 or 13 septembre 2023"
        )
    return date_value(parts, tz)
