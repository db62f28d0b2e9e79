"""Digest editions: articles grouped by day or by ISO week, and the timeline's year/month/day
tree. Pure.

Keys are strings that sort chronologically: a day is "2023-09-13", an ISO week "2023-W37". ISO
weeks run Monday to Sunday and belong to the year of their Thursday, so 2021-01-03 is in
"2020-W53" and 2018-12-31 in "2019-W01".
"""

from __future__ import annotations

import bisect
import datetime
import operator
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

_WEEK_KEY = re.compile(r"(\d{4})-W(\d{2})")
_default_key = operator.attrgetter("date")


def _as_date(value: datetime.date) -> datetime.date:
    """A date, also from a datetime (its own, possibly local, calendar day)."""
    return value.date() if isinstance(value, datetime.datetime) else value


def day_key(d: datetime.date) -> str:
    """The key of a day edition.

    >>> day_key(datetime.date(2023, 9, 13))
    '2023-09-13'
    """
    return _as_date(d).isoformat()


def iso_week_key(d: datetime.date) -> str:
    """The key of the ISO week that contains ``d``.

    >>> iso_week_key(datetime.date(2023, 9, 13)), iso_week_key(datetime.date(2021, 1, 3))
    ('2023-W37', '2020-W53')
    """
    year, week, _ = _as_date(d).isocalendar()
    return f"{year:04d}-W{week:02d}"


def iso_week_bounds(key: str) -> tuple[datetime.date, datetime.date]:
    """The Monday and the Sunday of an ISO week key such as "2023-W37".

    >>> iso_week_bounds("2020-W53")
    (datetime.date(2020, 12, 28), datetime.date(2021, 1, 3))
    """
    match = _WEEK_KEY.fullmatch(key)
    try:
        if not match:
            raise ValueError
        monday = datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise ValueError(
            f"{key!r} is not an ISO week key; expected YYYY-Www with a week that exists "
            "in that year, such as '2023-W37' or '2020-W53'"
        ) from None
    return monday, monday + datetime.timedelta(days=6)


def _group(items: Iterable[T], key_of: Callable[[T], K]) -> dict[K, list[T]]:
    """Items grouped by key, newest key first, items in their input order within a group."""
    groups: dict[K, list[T]] = {}
    for item in items:
        groups.setdefault(key_of(item), []).append(item)
    return {k: groups[k] for k in sorted(groups, reverse=True)}


def group_by_day(
    items: Iterable[T], key: Callable[[T], datetime.date] = _default_key
) -> dict[str, list[T]]:
    """Items by day key ("2023-09-13"), newest day first; ``key`` gives an item's date
    (default: its ``date`` attribute; a datetime counts as its own calendar day)."""
    return _group(items, lambda item: day_key(key(item)))


def group_by_iso_week(
    items: Iterable[T], key: Callable[[T], datetime.date] = _default_key
) -> dict[str, list[T]]:
    """Items by ISO week key ("2023-W37"), newest week first, like :func:`group_by_day`."""
    return _group(items, lambda item: iso_week_key(key(item)))


def neighbours(keys_sorted: Sequence[str], key: str) -> tuple[str | None, str | None]:
    """The (previous, next) edition keys around ``key``: the closest older and newer ones.

    Keys compare chronologically as strings, so ``keys_sorted`` may be oldest or newest first
    (it is sorted again, which is cheap for a site's editions); ``key`` need not be one of
    them. None where there is no older or newer edition.

    >>> neighbours(["2023-W38", "2023-W37", "2023-W35"], "2023-W37")
    ('2023-W35', '2023-W38')
    """
    ordered = sorted(set(keys_sorted))
    before = bisect.bisect_left(ordered, key)
    after = bisect.bisect_right(ordered, key)
    previous = ordered[before - 1] if before > 0 else None
    following = ordered[after] if after < len(ordered) else None
    return previous, following


Timeline = list[tuple[int, list[tuple[int | None, list[tuple[int | None, list[Any]]]]]]]


def group_for_timeline(
    items: Iterable[T],
    date_of: Callable[[T], datetime.date],
    precision_of: Callable[[T], str] | None = None,
) -> Timeline:
    """Items as a tree ``[(year, [(month, [(day, [items])])])]``, newest first at each level,
    items in their input order within a day.

    ``precision_of`` (optional, default: every item is "day") says how precise an item's date
    is: a "month" item goes under day None of its month, a "year" item under month None and day
    None of its year. These vaguer groups come after the precise ones of the same year or month.

    >>> d = datetime.date
    >>> group_for_timeline([d(2016, 5, 2), d(2017, 1, 9), d(2016, 5, 2)], lambda x: x)
    [(2017, [(1, [(9, [datetime.date(2017, 1, 9)])])]), \
(2016, [(5, [(2, [datetime.date(2016, 5, 2), datetime.date(2016, 5, 2)])])])]
    """
    groups: dict[tuple[int, int | None, int | None], list[T]] = {}
    for item in items:
        date = _as_date(date_of(item))
        precision = precision_of(item) if precision_of else "day"
        month = None if precision == "year" else date.month
        day = date.day if precision == "day" else None
        groups.setdefault((date.year, month, day), []).append(item)

    def newest_first(part: int | None) -> tuple[bool, int]:
        return (part is None, -(part or 0))

    tree: Timeline = []
    for year, month, day in sorted(
        groups, key=lambda k: (-k[0], newest_first(k[1]), newest_first(k[2]))
    ):
        if not tree or tree[-1][0] != year:
            tree.append((year, []))
        months = tree[-1][1]
        if not months or months[-1][0] != month:
            months.append((month, []))
        months[-1][1].append((day, groups[(year, month, day)]))
    return tree
