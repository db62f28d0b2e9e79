"""Dates that articles give themselves, resolved against their publication date. Pure.

"Le cosmodrome, entré en service il y a sept ans" in a story published on 2023-09-13 dates an
event to 2016 (year precision); "ce mercredi" dates one to 2023-09-13 (day precision).

The matcher is our own: one table of regular expressions per language (French, English), with
tables of number words, weekday and month names. dateparser is not used: in French it misses
"ce mercredi", "mercredi dernier" or "le 11 janvier dernier", and its ``search_dates`` finds
dates in "deux heures" and "et je" (see FIELD-NOTES.md, section Dates).

Rules, chosen for news, which speaks of the past by default:

- A weekday alone ("mardi", "mardi soir", "on Tuesday") is the most recent such day on or before
  the publication date; "ce mardi" / "this Tuesday" is the Tuesday of the publication's ISO week
  (Monday to Sunday), even if it is later; "mardi dernier" / "last Tuesday" is the most recent
  one strictly before publication and "mardi prochain" / "next Tuesday" the first strictly after.
  "le mardi" and "chaque mardi" (habits) and "the next Tuesday" (a narrative) are not dates.
- A day or month without a year ("le 11 janvier", "en janvier") is the nearest occurrence that
  is at most three months (92 days) after publication, otherwise the most recent on or before
  it; a weekday written with it ("jeudi 19 mai") picks the year where that day is that weekday.
  "dernier" / "prochain" / "last" / "next" force the past / the future.
- Weeks are not a precision: "la semaine dernière", "il y a trois semaines", "last week" are not
  dated at all rather than given a false day. Hours and minutes are durations, never dates.
- "il y a N mois", "last month" are month precision (the date is the first day of that month);
  "il y a N ans", "l'an dernier", "en 2016" are year precision (the date is January 1st).
- A year needs a context ("en 2016", "depuis 2014", "de 2014 à 2016", "(2016)", "in 2016",
  "since 2014") and must lie in 1800..publication year + 10; a year followed by a unit ("en 2000
  ans", "in 2000 soldiers") is a quantity. Full dates may go back to the year 1000.
- Month names in French are lowercase unless a day number precedes them (so "sur Mars" and
  "Mars 2020" are the planet); without a day or a year they need "en", "début", "fin", "mi-",
  "depuis", "dès" or "dernier"/"prochain" ("mai", "mars" are ordinary words too). English month
  and weekday names must be capitalised ("may", "march" are verbs).
- "aujourd'hui", "today", "ce matin", "tonight" are the publication date: the caller decides
  whether to show events equal to it.
- Overlapping matches keep the longest, so "mercredi dernier" is one event; two neighbours that
  give the same date ("hier, vendredi 13 janvier") are merged into one event.
- Approximations ("il y a une dizaine d'années", "il y a plus de dix ans") are not dated.
"""

from __future__ import annotations

import bisect
import datetime
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

import ahocorasick
from newstext.sentences import split_sentences

logger = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("en", "fr")
MIN_YEAR = 1000  # for dates with a month; a year alone must be >= YEAR_ALONE_MIN
YEAR_ALONE_MIN = 1800
YEARS_AHEAD = 10  # no date is accepted later than the publication year + this
FUTURE_WINDOW_DAYS = 92  # a day without a year may be this far after publication
FUTURE_WINDOW_MONTHS = 3  # a month without a year may be this far after publication


@dataclass(frozen=True)
class DatedEvent:
    """An event that the text dates, as precisely as the text says."""

    date: datetime.date  # first day of the period for month/year precision
    precision: str  # "day" | "month" | "year"
    expression: str  # the words as written: "il y a sept ans"
    sentence: str  # the whole sentence that contains it, trimmed
    start: int  # offset of the expression in the text

    @property
    def end(self) -> int:
        """Offset just after the expression."""
        return self.start + len(self.expression)


# --- Number words --------------------------------------------------------------------------

_FR_UNITS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100,
}  # fmt: skip
_EN_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip


def parse_number(words: str, lang: str) -> int | None:
    """The value of digits or of number words ("sept", "vingt et un", "twenty-one").

    >>> parse_number("quatre-vingt-dix", "fr"), parse_number("twenty-one", "en")
    (90, 21)
    """
    words = words.strip().lower()
    if words.isdigit():
        return int(words)
    table = _FR_UNITS if lang == "fr" else _EN_UNITS
    total, previous = 0, ""
    for token in re.split(r"[-\s]+", words):
        if token in ("et", "and"):
            continue
        if token not in table:
            return None
        value = table[token]
        if value == 100:
            total = max(total, 1) * 100
        elif lang == "fr" and value == 20 and previous == "quatre":
            total += 80 - 4  # quatre-vingt(s)
        else:
            total += value
        previous = token
    return total or None


def _words(table) -> str:
    return "|".join(sorted(table, key=len, reverse=True))


# --- Names ---------------------------------------------------------------------------------

_FR_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FR_MONTHS = {
    "janvier": 1, "janv.": 1, "février": 2, "fevrier": 2, "févr.": 2, "fevr.": 2, "fév.": 2,
    "fev.": 2, "mars": 3, "avril": 4, "avr.": 4, "mai": 5, "juin": 6, "juillet": 7, "juil.": 7,
    "août": 8, "aout": 8, "septembre": 9, "sept.": 9, "octobre": 10, "oct.": 10,
    "novembre": 11, "nov.": 11, "décembre": 12, "decembre": 12, "déc.": 12, "dec.": 12,
}  # fmt: skip
_EN_MONTHS = {
    "january": 1, "jan.": 1, "february": 2, "feb.": 2, "march": 3, "mar.": 3, "april": 4,
    "apr.": 4, "may": 5, "june": 6, "jun.": 6, "july": 7, "jul.": 7, "august": 8, "aug.": 8,
    "september": 9, "sept.": 9, "sep.": 9, "october": 10, "oct.": 10, "november": 11,
    "nov.": 11, "december": 12, "dec.": 12,
}  # fmt: skip


def _names(table) -> str:
    return "|".join(re.escape(name) for name in sorted(table, key=len, reverse=True))


# --- Date arithmetic -----------------------------------------------------------------------


def _shift_months(d: datetime.date, months: int) -> datetime.date:
    index = d.year * 12 + d.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _weekday_date(published: datetime.date, weekday: int, rule: str) -> datetime.date:
    """rule: "week" (same ISO week), "past" (< published), "next" (> published), "recent" (<=)."""
    if rule == "week":
        return published + datetime.timedelta(days=weekday - published.weekday())
    if rule == "next":
        return published + datetime.timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
    back = (published.weekday() - weekday) % 7
    if rule == "past" and back == 0:
        back = 7
    return published - datetime.timedelta(days=back)


def _day_without_year(
    published: datetime.date, month: int, day: int, direction: str, weekday: int | None
) -> datetime.date | None:
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(datetime.date(year, month, day))
        except ValueError:
            continue
    if weekday is not None:
        matching = [d for d in candidates if d.weekday() == weekday]
        if matching:
            return matching[0]
    if direction == "past":
        earlier = [d for d in candidates if d < published]
        return max(earlier) if earlier else None
    if direction == "next":
        later = [d for d in candidates if d > published]
        return min(later) if later else None
    soon = [d for d in candidates if 0 < (d - published).days <= FUTURE_WINDOW_DAYS]
    if soon:
        return min(soon)
    earlier = [d for d in candidates if d <= published]
    return max(earlier) if earlier else None


def _month_without_year(published: datetime.date, month: int, direction: str) -> datetime.date:
    ahead = (month - published.month) % 12  # 0 = this month
    if direction == "past":
        return _shift_months(published, ahead - 12 if ahead else -12)
    if direction == "next":
        return _shift_months(published, ahead if ahead else 12)
    if 0 < ahead <= FUTURE_WINDOW_MONTHS:
        return _shift_months(published, ahead)
    return _shift_months(published, ahead - 12 if ahead else 0)


# --- Rules ---------------------------------------------------------------------------------

_S = r"[ \t\u00a0\u202f]+"  # spaces within a line
_S0 = r"[ \t\u00a0\u202f]*"
_APOS = r"['’ʼ]"
_B = r"(?<![\w-])"  # a word starts here
_E = r"(?![\w])"  # a word ends here
_YEAR = r"(?<!\d)(?:1\d{3}|2\d{3})(?![\d]|[.,\u00a0\u202f ]\d)"
_DAY = r"(?<![\d.,:/])(?:[12]\d|3[01]|0?[1-9])(?!\d)"

_FR_UNIT_STOP = (
    r"(?!\s*(?:(?:ans?|années?|mois|jours?|heures?|minutes?|km|kilomètres?|m|mètres?|kg|tonnes?|"
    r"t|euros?|dollars?|livres|personnes|soldats|morts|habitants|hommes|femmes|enfants|victimes|"
    r"blessés|fois|exemplaires|emplois|salariés|voix|manifestants|pour\s?cent)(?!\w)|[%€$£]))"
)
_EN_UNIT_STOP = (
    r"(?!\s*(?:(?:years?|months?|days?|hours?|minutes?|km|kilometres?|kilometers?|miles?|m|"
    r"metres?|meters?|kg|tons?|tonnes?|pounds?|dollars?|euros?|people|soldiers|troops|dead|"
    r"deaths|residents|men|women|children|victims|times|copies|jobs|employees|workers|votes|"
    r"protesters|points|percent|per\s?cent)(?!\w)|[%€$£]))"
)


@dataclass(frozen=True)
class _Found:
    """A resolved match before sentences are attached: one span, one or more events."""

    start: int
    end: int
    events: tuple[tuple[datetime.date, str, int, int], ...]  # date, precision, start, end


# A resolver returns None when the match is not a date after all ("sur Mars"), [] when it is
# written as a date that does not exist ("31 février"), otherwise its events.
Resolver = Callable[[re.Match, datetime.date], list[tuple[datetime.date, str, int, int]] | None]


def _whole(match: re.Match, date: datetime.date | None, precision: str):
    if date is None:
        return []  # written as a date, but not a real one: it hides shorter matches
    return [(date, precision, match.start(), match.end())]


def _valid_day(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _french_month_ok(match: re.Match) -> bool:
    name = match.group("month")
    return name.islower() or bool(match.groupdict().get("day"))


def _english_name_ok(match: re.Match, group: str) -> bool:
    return match.group(group)[:1].isupper()


# French ---------------------------------------------------------------------------------------

_FR_WORD = rf"(?:{_words(_FR_UNITS)})"
_FR_NUMBER = rf"(?:\d{{1,3}}|{_FR_WORD}(?:(?:-|{_S}|{_S}et{_S}|-et-){_FR_WORD})*){_E}"
_FR_WEEKDAY = rf"(?P<weekday>{'|'.join(_FR_WEEKDAYS)}){_E}"
_FR_MONTH = rf"(?P<month>{_names(_FR_MONTHS)})(?!\w)"
_FR_DIRECTION = r"(?P<direction>dernier|dernière|prochain|prochaine|passé|passée)"
_NOT_THAT = r"(?!-l[àa](?!\w))"  # "ce soir-là", "ce mardi-là": that evening, not this one
_FR_PART = rf"(?:{_S}(?:au{_S})?(?:matin|soir|après-midi|apres-midi|midi))?"


def _fr_direction(word: str | None) -> str:
    if not word:
        return ""
    return "next" if word.lower().startswith("prochain") else "past"


def _fr_ago(match, published):
    count = parse_number(match.group("count"), "fr")
    unit = match.group("unit").lower()
    if not count:
        return None
    if unit.startswith("an"):
        return _whole(match, _year(published.year - count, published), "year")
    if unit == "mois":
        return _whole(match, _shift_months(published, -count), "month")
    if count > 3660:
        return None
    return _whole(match, published - datetime.timedelta(days=count), "day")


_FOLLOWS_WINDOW = 40  # characters read before the spaces that precede a match


def _follows(match: re.Match, pattern: str) -> bool:
    """Whether the words just before the match end with ``pattern``.

    Only the few characters before the match are read (the search used to start from the
    beginning of the text for every match: quadratic in a long paragraph).
    """
    text, start = match.string, match.start()
    spaces = start
    while spaces > 0 and text[spaces - 1].isspace():
        spaces -= 1
    regex = re.compile(rf"(?<!\w)(?:{pattern})\s+$", re.IGNORECASE)
    return bool(regex.search(text, max(0, spaces - _FOLLOWS_WINDOW), start))


def _fr_weekday(match, published):
    if _follows(match, r"le|les|chaque|du|au|tous\s+les"):
        return None  # "le mardi", "chaque mardi": a habit, not a date
    weekday = _FR_WEEKDAYS.index(match.group("weekday").lower())
    direction = _fr_direction(match.group("direction"))
    rule = direction or ("week" if match.group("this") else "recent")
    return _whole(match, _weekday_date(published, weekday, rule), "day")


_FR_RELATIVE_DAYS = {
    "avant-hier": -2, "avant hier": -2, "hier": -1, "aujourd'hui": 0, "aujourd’hui": 0,
    "aujourdʼhui": 0, "ce matin": 0, "ce soir": 0, "cet après-midi": 0, "cet apres-midi": 0,
    "demain": 1, "après-demain": 2, "apres-demain": 2,
}  # fmt: skip


def _fr_relative_day(match, published):
    offset = _FR_RELATIVE_DAYS[re.sub(r"\s+", " ", match.group("word").lower())]
    return _whole(match, published + datetime.timedelta(days=offset), "day")


def _fr_relative_period(match, published):
    unit = match.group("unit").lower()
    direction = _fr_direction(match.group("direction"))
    step = {"next": 1, "past": -1, "": 0}[direction]
    if unit.startswith("mois"):
        return _whole(match, _shift_months(published, step), "month")
    return _whole(match, _year(published.year + step, published), "year")


def _fr_date(match, published):
    if not _french_month_ok(match):
        return None
    month = _FR_MONTHS[match.group("month").lower()]
    day = int(match.group("day"))
    weekday = match.group("weekday")
    weekday = _FR_WEEKDAYS.index(weekday.lower()) if weekday else None
    if match.group("year"):
        date = _valid_day(int(match.group("year")), month, day)
        return _whole(match, date if date and _in_range(date.year, published) else None, "day")
    if match.group("ydir"):
        year = published.year + (1 if _fr_direction(match.group("ydir")) == "next" else -1)
        return _whole(match, _valid_day(year, month, day), "day")
    direction = _fr_direction(match.group("direction"))
    return _whole(match, _day_without_year(published, month, day, direction, weekday), "day")


def _fr_day_range(match, published):
    """ "du 28 juillet au 25 septembre 1973", "du 11 au 13 janvier 2016": the year (and month)
    written once at the end belongs to both days."""
    year = int(match.group("year"))
    month2 = _FR_MONTHS[match.group("month2").lower()]
    month1 = _FR_MONTHS[match.group("month").lower()] if match.group("month") else month2
    first = _valid_day(year, month1, int(match.group("day")))
    second = _valid_day(year, month2, int(match.group("day2")))
    if not (first and second and first < second and _in_range(year, published)):
        return None
    return [
        (
            first,
            "day",
            match.start(),
            match.end("day") if not match.group("month") else match.end("month"),
        ),
        (second, "day", match.start("to"), match.end()),
    ]


def _fr_month(match, published):
    if not _french_month_ok(match):
        return None
    month = _FR_MONTHS[match.group("month").lower()]
    if match.group("year"):
        year = int(match.group("year"))
        return _whole(match, _month_in_range(year, month, published), "month")
    if match.group("ydir"):
        year = published.year + (1 if _fr_direction(match.group("ydir")) == "next" else -1)
        return _whole(match, datetime.date(year, month, 1), "month")
    if not (match.group("prefix") or match.group("direction")):
        return None
    direction = _fr_direction(match.group("direction"))
    return _whole(match, _month_without_year(published, month, direction), "month")


# English --------------------------------------------------------------------------------------

_EN_NUMBER = (
    rf"(?:\d{{1,3}}|(?:{_words(_EN_UNITS)})(?:(?:-|{_S}|{_S}and{_S})(?:{_words(_EN_UNITS)}))*){_E}"
)
_EN_WEEKDAY = rf"(?P<weekday>{'|'.join(_EN_WEEKDAYS)}){_E}"
_EN_MONTH = rf"(?P<month>{_names(_EN_MONTHS)})(?!\w)"
_EN_PART = rf"(?:{_S}(?:morning|afternoon|evening|night))?"


def _en_ago(match, published):
    count = parse_number(match.group("count"), "en")
    unit = match.group("unit").lower()
    if not count:
        return None
    if unit.startswith("year"):
        return _whole(match, _year(published.year - count, published), "year")
    if unit.startswith("month"):
        return _whole(match, _shift_months(published, -count), "month")
    if count > 3660:
        return None
    return _whole(match, published - datetime.timedelta(days=count), "day")


def _en_weekday(match, published):
    if not _english_name_ok(match, "weekday"):
        return None
    if _follows(match, r"the|every|the\s+(?:next|last|following|previous)"):
        return None  # "every Tuesday", "the next Tuesday": not dated from publication
    weekday = _EN_WEEKDAYS.index(match.group("weekday").lower())
    word = (match.group("which") or "").lower().split()
    rule = {"last": "past", "next": "next", "this": "week"}.get(word[-1] if word else "", "recent")
    if word[-1:] == ["past"]:
        rule = "past"
    if word[-1:] == ["coming"]:
        rule = "next"
    return _whole(match, _weekday_date(published, weekday, rule), "day")


_EN_RELATIVE_DAYS = {
    "the day before yesterday": -2, "yesterday": -1, "last night": -1, "today": 0,
    "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "tomorrow": 1,
    "the day after tomorrow": 2,
}  # fmt: skip


def _en_relative_day(match, published):
    offset = _EN_RELATIVE_DAYS[re.sub(r"\s+", " ", match.group("word").lower())]
    return _whole(match, published + datetime.timedelta(days=offset), "day")


def _en_relative_period(match, published):
    step = {"last": -1, "next": 1, "this": 0}[match.group("which").lower()]
    if match.group("unit").lower() == "month":
        return _whole(match, _shift_months(published, step), "month")
    return _whole(match, _year(published.year + step, published), "year")


def _en_date(match, published):
    if not _english_name_ok(match, "month"):
        return None
    month = _EN_MONTHS[match.group("month").lower()]
    day = int(match.group("day"))
    weekday = match.group("weekday")
    weekday = _EN_WEEKDAYS.index(weekday.lower()) if weekday else None
    if match.group("year"):
        date = _valid_day(int(match.group("year")), month, day)
        return _whole(match, date if date and _in_range(date.year, published) else None, "day")
    if match.group("ydir"):
        step = {"last": -1, "next": 1, "this": 0}[match.group("ydir").lower()]
        return _whole(match, _valid_day(published.year + step, month, day), "day")
    return _whole(match, _day_without_year(published, month, day, "", weekday), "day")


def _en_month(match, published):
    if not _english_name_ok(match, "month"):
        return None
    month = _EN_MONTHS[match.group("month").lower()]
    if match.group("year"):
        return _whole(match, _month_in_range(int(match.group("year")), month, published), "month")
    if match.group("ydir"):
        step = {"last": -1, "next": 1, "this": 0}[match.group("ydir").lower()]
        return _whole(match, datetime.date(published.year + step, month, 1), "month")
    prefix = (match.group("prefix") or "").strip().lower()
    if not prefix:
        return None
    direction = {"last": "past", "next": "next"}.get(prefix, "")
    return _whole(match, _month_without_year(published, month, direction), "month")


# Both -----------------------------------------------------------------------------------------


def _in_range(year: int, published: datetime.date, low: int = MIN_YEAR) -> bool:
    return low <= year <= published.year + YEARS_AHEAD


def _year(year: int, published: datetime.date) -> datetime.date | None:
    return datetime.date(year, 1, 1) if _in_range(year, published) else None


def _month_in_range(year: int, month: int, published: datetime.date) -> datetime.date | None:
    return datetime.date(year, month, 1) if _in_range(year, published) else None


def _year_alone(match, published):
    year = int(match.group("year"))
    ok = _in_range(year, published, YEAR_ALONE_MIN)
    return _whole(match, datetime.date(year, 1, 1) if ok else None, "year")


def _year_range(match, published):
    """ "de 2014 à 2016": two events, "de 2014" and "à 2016", or none if either is not a year."""
    first, second = int(match.group("first")), int(match.group("second"))
    if not (_in_range(first, published, YEAR_ALONE_MIN) and first < second):
        return None
    if not _in_range(second, published, YEAR_ALONE_MIN):
        return None
    sep = match.group("sep")
    return [
        (datetime.date(first, 1, 1), "year", match.start(), match.end("first")),
        (datetime.date(second, 1, 1), "year", match.end("sep") - len(sep.lstrip()), match.end()),
    ]


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


_RULES: dict[str, list[tuple[re.Pattern, Resolver]]] = {
    "fr": [
        (
            _compile(
                rf"{_B}il{_S}y{_S}a{_S}(?P<count>{_FR_NUMBER}){_S}"
                rf"(?P<unit>ans|an|années|année|annees|annee|mois|jours|jour){_E}"
            ),
            _fr_ago,
        ),
        (
            _compile(
                rf"(?:{_B}(?P<this>ce){_S})?{_B}{_FR_WEEKDAY}"
                rf"(?:{_S}{_FR_DIRECTION}{_E})?{_FR_PART}{_E}{_NOT_THAT}"
            ),
            _fr_weekday,
        ),
        (
            _compile(
                rf"{_B}(?P<word>avant-hier|avant{_S}hier|hier|aujourd{_APOS}hui|"
                rf"après-demain|apres-demain|demain|ce{_S}matin|ce{_S}soir|"
                rf"cet{_S}après-midi|cet{_S}apres-midi){_FR_PART}{_E}{_NOT_THAT}"
            ),
            _fr_relative_day,
        ),
        (
            _compile(
                rf"{_B}(?:l{_APOS}|le{_S})(?P<unit>an|année|annee|mois)"
                rf"{_S}{_FR_DIRECTION}{_E}"
            ),
            _fr_relative_period,
        ),
        (
            _compile(
                rf"{_B}(?:cette|ce){_S}(?P<unit>année|annee|mois)(?:[- ]ci)?(?P<direction>){_E}"
            ),
            _fr_relative_period,
        ),
        (
            _compile(
                rf"(?:{_B}(?:le|ce|cette){_S})?(?:{_B}{_FR_WEEKDAY},?{_S})?"
                rf"(?P<day>{_DAY})(?:er|re|ᵉʳ)?{_S}{_FR_MONTH}"
                rf"(?:{_S}(?P<year>{_YEAR})"
                rf"|{_S}{_FR_DIRECTION}{_E}"
                rf"|{_S}de{_S}l{_APOS}(?:an|année|annee){_S}(?P<ydir>dernière|dernier|"
                rf"prochaine|prochain|passée|passé){_E})?"
            ),
            _fr_date,
        ),
        (
            _compile(
                rf"{_B}(?:du|entre{_S}le){_S}(?P<day>{_DAY})(?:er|re|ᵉʳ)?"
                rf"(?:{_S}{_FR_MONTH})?{_S}(?P<to>(?:au|et{_S}le){_S}"
                rf"(?P<day2>{_DAY})(?:er|re|ᵉʳ)?{_S}"
                rf"(?P<month2>{_names(_FR_MONTHS)})(?!\w){_S}(?P<year>{_YEAR}))"
            ),
            _fr_day_range,
        ),
        (
            _compile(
                rf"(?:(?P<prefix>{_B}(?:en|début|debut|fin|mi|courant|depuis|dès|"
                rf"jusqu{_APOS}en|d{_APOS}ici){_S}|{_B}mi-))?"
                rf"(?<!\w){_FR_MONTH}"
                rf"(?:{_S}(?P<year>{_YEAR})"
                rf"|{_S}{_FR_DIRECTION}{_E}"
                rf"|{_S}de{_S}l{_APOS}(?:an|année|annee){_S}(?P<ydir>dernière|dernier|"
                rf"prochaine|prochain|passée|passé){_E})?"
            ),
            _fr_month,
        ),
        (
            _compile(
                rf"(?:{_B}(?:de|entre|depuis|en|d{_APOS})|\(){_S0}(?P<first>{_YEAR})"
                rf"(?P<sep>{_S0}(?:-|–|à|au|et|jusqu{_APOS}en){_S0})"
                rf"(?P<second>{_YEAR}){_FR_UNIT_STOP}"
            ),
            _year_range,
        ),
        (
            _compile(
                rf"(?:{_B}(?:en|depuis|dès|des|jusqu{_APOS}en|avant|après|fin|début|"
                rf"debut|d{_APOS}ici|l{_APOS}année|l{_APOS}an|année|printemps|été|"
                rf"automne|hiver){_S}|{_B}mi-)(?P<year>{_YEAR}){_FR_UNIT_STOP}"
            ),
            _year_alone,
        ),
        (_compile(rf"\((?P<year>{_YEAR})\)"), _year_alone),
    ],
    "en": [
        (
            _compile(rf"{_B}(?P<count>{_EN_NUMBER}){_S}(?P<unit>years?|months?|days?){_S}ago{_E}"),
            _en_ago,
        ),
        (
            _compile(
                rf"(?:{_B}(?P<which>last|next|this|on|on{_S}last|on{_S}next|this{_S}past|"
                rf"this{_S}coming){_S})?{_B}{_EN_WEEKDAY}{_EN_PART}{_E}"
            ),
            _en_weekday,
        ),
        (
            _compile(
                rf"{_B}(?P<word>the{_S}day{_S}before{_S}yesterday|yesterday|last{_S}night|"
                rf"today|tonight|this{_S}morning|this{_S}afternoon|this{_S}evening|"
                rf"the{_S}day{_S}after{_S}tomorrow|tomorrow)"
                rf"(?:(?<=yesterday)(?:{_S}(?:morning|afternoon|evening)))?{_E}"
            ),
            _en_relative_day,
        ),
        (
            _compile(rf"{_B}(?P<which>last|next|this){_S}(?P<unit>year|month){_E}"),
            _en_relative_period,
        ),
        (
            _compile(
                rf"(?:{_B}on{_S})?(?:{_B}{_EN_WEEKDAY},?{_S})?{_B}{_EN_MONTH}{_S}"
                rf"(?P<day>{_DAY})(?:st|nd|rd|th)?{_E}"
                rf"(?:,?{_S}(?P<year>{_YEAR})|{_S}(?P<ydir>last|next|this){_S}year{_E})?"
            ),
            _en_date,
        ),
        (
            _compile(
                rf"(?:{_B}on{_S})?(?:{_B}{_EN_WEEKDAY},?{_S})?(?:{_B}the{_S})?"
                rf"(?P<day>{_DAY})(?:st|nd|rd|th)?{_S}(?:of{_S})?{_EN_MONTH}"
                rf"(?:,?{_S}(?P<year>{_YEAR})|{_S}(?P<ydir>last|next|this){_S}year{_E})?"
            ),
            _en_date,
        ),
        (
            _compile(
                rf"(?:(?P<prefix>{_B}(?:in|since|by|until|early|late|mid|during|last|next|"
                rf"from|through){_S}|{_B}mid-))?(?<!\w){_EN_MONTH}"
                rf"(?:,?{_S}(?P<year>{_YEAR})|{_S}(?P<ydir>last|next|this){_S}year{_E})?"
            ),
            _en_month,
        ),
        (
            _compile(
                rf"(?:{_B}(?:from|between|since|in)|\(){_S0}(?P<first>{_YEAR})"
                rf"(?P<sep>{_S0}(?:-|–|to|and|until|through){_S0})"
                rf"(?P<second>{_YEAR}){_EN_UNIT_STOP}"
            ),
            _year_range,
        ),
        (
            _compile(
                rf"(?:{_B}(?:in|since|by|until|till|before|after|early|late|during|"
                rf"the{_S}year|spring|summer|autumn|fall|winter){_S}|{_B}mid-)"
                rf"(?P<year>{_YEAR}){_EN_UNIT_STOP}"
            ),
            _year_alone,
        ),
        (_compile(rf"\((?P<year>{_YEAR})\)"), _year_alone),
    ],
}


# Where each rule's matches can start, to spare scanning a whole text with every rule (the
# rules' leading look-behinds and optional words make the regex engine try every position).
# For each rule, in the order of _RULES: the words one of which every match holds (lowercase;
# or a regex every match holds a match of), and how far before that word a match can start
# (None: anywhere, so the rule scans the whole text when one of the words is there, and what
# a third item, a regex, then finds in it); no words: the rule always scans the whole text. A
# text where these reaches do not hold (runs of spaces, letters whose case folds unlike
# ``lower()``) is scanned whole by every rule.
# Each reach is the longest that the rule's words before its anchor can take, with runs of at
# most 4 spaces between them (a text with a longer run is scanned whole), written beside it
# (test_textdates_anchors checks each against that text, and that no match starts farther).
_FR_MONTH_WORDS = tuple(_FR_MONTHS)
# A year: where one begins (four digits, the first 1 or 2, as ``_YEAR``) is where the rules
# look; not every digit of the text, which numbers fill.
# (``[12](?<!\d.)`` is ``(?<!\d)[12]`` written to begin with what the regex engine looks for.)
_YEARS = re.compile(r"[12](?<!\d.)\d{3}(?!\d)")
_EN_MONTH_WORDS = tuple(_EN_MONTHS)
# What every match of "N years ago" holds (a part of the rule, with its flags): a text with
# "ago" ("Chicago") but without it is not scanned.
_AGO = _compile(rf"(?:years?|months?|days?){_S}ago{_E}")
_ANCHORS: dict[str, list[tuple]] = {
    "fr": [
        ((), None),  # il y a N ans
        (_FR_WEEKDAYS, 6),  # (ce) mardi (dernier): "ce    "
        (("hier", "aujourd", "demain", "matin", "soir", "midi"), 13),  # "cet    après-"
        (("derni", "prochain", "pass"), 15),  # l'an dernier: "le    année    "
        (("année", "annee", "mois"), 9),  # cette année, ce mois-ci: "cette    "
        (_FR_MONTH_WORDS, 30),  # (le) (mardi) 5 mai (2023): "cette    mercredi,    31er    "
        # du 5 (mai) au 7 mai 2023: "entre    le    31er    et    le    31er    "
        (_FR_MONTH_WORDS, 43),
        (_FR_MONTH_WORDS, 12),  # (en) mai (2023): "jusqu'en    "
        (_YEARS, 10),  # de 2014 à 2016: "depuis    "
        (_YEARS, 13),  # en 2016: "printemps    "
        (_YEARS, 1),  # (2016): "("
    ],
    "en": [
        (("ago",), None, _AGO),  # N years ago
        (_EN_WEEKDAYS, 18),  # (last) Tuesday: "this    coming    "
        # yesterday, tonight: "the    day    before    "
        (("yesterday", "night", "today", "morning", "afternoon", "evening", "tomorrow"), 24),
        (("year", "month"), 8),  # last year, next month: "last    "
        (_EN_MONTH_WORDS, 20),  # (on) (Tuesday,) May 5(th) (2023): "on    Wednesday,    "
        # (the) 5th (of) May (2023): "on    Wednesday,    the    21st    of    "
        (_EN_MONTH_WORDS, 41),
        (_EN_MONTH_WORDS, 11),  # (in) May (2023): "through    "
        (_YEARS, 11),  # from 2014 to 2016: "between    "
        (_YEARS, 15),  # in 2016: "the    year    "
        (_YEARS, 1),  # (2016): "("
    ],
}
_LONG_SPACES = re.compile(r"[ \t\u00a0\u202f]{5,}")
_ODD_CASE = "\u017f\u212a\u212b\u0130\u0131\u1e9e"  # ſ K Å İ ı ẞ (each looked for: quicker)


def _anchored(text: str) -> str | None:
    """``text`` in lowercase when the anchors' reaches hold for it (same length, no odd case
    folding, no long runs of spaces); else None: every rule scans the whole text."""
    lowered = text.lower()
    if len(lowered) != len(text) or any(char in text for char in _ODD_CASE):
        return None
    if any(mark in text for mark in _SPACE_MARKS) and _LONG_SPACES.search(text):
        return None
    return lowered


# A run of 5 of _LONG_SPACES holds two plain spaces in a row or another space: a text without
# them (most) is not searched.
_SPACE_MARKS = ("  ", "\t", "\u00a0", "\u202f")


def _matches(pattern: re.Pattern, text: str, lowered: str | None, words, reach, found, held):
    """``pattern.finditer(text)``, trying only the starts the anchor allows. ``found``: the
    anchors of this text found by earlier rules (a dict by words, filled here); ``held``: what
    the text must also hold to be scanned by a rule without a reach (None: nothing more)."""
    if lowered is None or not words:
        return pattern.finditer(text)
    if reach is None:  # the words only say whether to scan at all
        there = any(w in lowered for w in words) and (held is None or held.search(text))
        return pattern.finditer(text) if there else iter(())
    anchors = found.get(words)
    if anchors is None:  # a regex (words are found for every rule at once: _word_places)
        anchors = found[words] = _places(lowered, words)
    return _anchored_matches(pattern, text, anchors, reach) if anchors else iter(())


def _places(lowered: str, words: tuple[str, ...] | re.Pattern) -> list[int]:
    """Where one of ``words`` begins in ``lowered``, in order (each place once)."""
    if isinstance(words, re.Pattern):
        return [at.start() for at in words.finditer(lowered)]
    automaton = _AUTOMATA.get(words)
    if automaton is None:  # one pass for all the words, overlaps included (pyahocorasick)
        automaton = _AUTOMATA[words] = ahocorasick.Automaton()
        for word in words:
            automaton.add_word(word, len(word))
        automaton.make_automaton()
    return sorted({last + 1 - size for last, size in automaton.iter(lowered)})


_AUTOMATA: dict[tuple[str, ...], ahocorasick.Automaton] = {}


def _word_places(lowered: str, language: str) -> dict[tuple[str, ...], list[int]]:
    """``_places(lowered, words)`` for each tuple of words of the language's rules, found in one
    pass over the text for all of them (not one pass per tuple)."""
    made = _LANGUAGE_AUTOMATA.get(language)
    if made is None:
        made = _LANGUAGE_AUTOMATA[language] = _language_automaton(language)
    automaton, groups = made
    places: list[set[int]] = [set() for _ in groups]
    for last, (size, numbers) in automaton.iter(lowered):
        for number in numbers:
            places[number].add(last + 1 - size)
    return {words: sorted(found) for words, found in zip(groups, places, strict=True)}


def _language_automaton(language: str) -> tuple[ahocorasick.Automaton, list[tuple[str, ...]]]:
    """One automaton of every anchor word of the language's rules, each word found with its
    length and the numbers of the tuples (in the list returned) that hold it."""
    groups = list(dict.fromkeys(w for w, *_ in _ANCHORS[language] if isinstance(w, tuple) and w))
    owners: dict[str, list[int]] = {}
    for number, words in enumerate(groups):
        for word in words:
            owners.setdefault(word, []).append(number)
    automaton = ahocorasick.Automaton()
    for word, numbers in owners.items():
        automaton.add_word(word, (len(word), tuple(numbers)))
    automaton.make_automaton()
    return automaton, groups


_LANGUAGE_AUTOMATA: dict[str, tuple[ahocorasick.Automaton, list[tuple[str, ...]]]] = {}


def _anchored_matches(pattern: re.Pattern, text: str, anchors: list[int], reach: int):
    """What ``finditer`` gives when every match starts at most ``reach`` characters before an
    anchor: the same matches, in the same order, trying only those starts (and of them, only
    those where a match can begin, ``_STARTS``)."""
    position = tried = 0  # the end of the last match; every start below ``tried`` failed
    match = pattern.match
    for anchor in anchors:
        low = max(position, tried, anchor - reach, 0)
        if low <= anchor:
            for place in _STARTS.finditer(text, low, anchor + 1):
                start = place.start()
                found = match(text, start)
                if found is not None:
                    yield found
                    position = max(found.end(), start + 1)
                    break
        tried = max(tried, anchor + 1)


# Where a match of a rule can begin: every rule opens with a word (``_B``, or ``(?<!\w)``
# before a month name), an opening bracket or a day's digits (which may follow a letter:
# ``_DAY``). ``\b`` sees the text before ``pos`` as ``_B`` does. Elsewhere no rule is tried
# (test_textdates_anchors checks every rule at every other place of made-up texts).
_STARTS = re.compile(r"[(0-9]|\b(?=\w)")  # (each place once)


# --- Finding -------------------------------------------------------------------------------


def find_dated_events(
    text: str,
    lang: str,
    published: datetime.date,
    sentences: list[tuple[int, str]] | None = None,
) -> list[DatedEvent]:
    """The events that ``text`` dates, resolved against ``published``, in text order.

    ``lang`` is "fr" or "en" (a region such as "fr-CA" or "en_GB" is accepted); for another
    language nothing is found and a warning says so. See the module docstring for the rules.
    ``sentences``: ``split_sentences(text)``, when the caller has it already.

    >>> [(e.date.isoformat(), e.precision, e.expression)
    ...  for e in find_dated_events("Entré en service il y a sept ans, en 2017.", "fr",
    ...                             datetime.date(2023, 9, 13))]
    [('2016-01-01', 'year', 'il y a sept ans'), ('2017-01-01', 'year', 'en 2017')]
    """
    if isinstance(published, datetime.datetime):
        published = published.date()
    language = re.split(r"[-_]", lang or "", maxsplit=1)[0].lower()
    if language not in _RULES:
        logger.warning(
            "no date rules for language %r; expected one of: %s", lang, ", ".join(_RULES)
        )
        return []
    found = _longest_first(_candidates(text, language, published))
    events = [event for item in found for event in item.events]
    events = _merge_neighbours(text, events)
    if sentences is None:
        sentences = split_sentences(text)
    starts = [offset for offset, _ in sentences]
    return [
        DatedEvent(date, precision, text[start:end], _sentence_at(sentences, starts, start), start)
        for date, precision, start, end in events
    ]


def _candidates(text, language, published) -> list[_Found]:
    found = []
    lowered = _anchored(text)
    # anchors, found once for the rules that share them
    places: dict = _word_places(lowered, language) if lowered is not None else {}
    for (pattern, resolve), (words, reach, *held) in zip(
        _RULES[language], _ANCHORS[language], strict=True
    ):
        for match in _matches(pattern, text, lowered, words, reach, places, *held or [None]):
            events = _resolved(resolve, match, published)
            if events is not None:  # [] for a date that does not exist: it still hides others
                found.append(_Found(match.start(), match.end(), tuple(events)))
    return found


def _resolved(resolve: Resolver, match: re.Match, published: datetime.date):
    """The resolver's events; a date past the calendar's ends ("demain" said on 9999-12-31,
    "il y a 3000 ans" in the year 2000) is dropped, as a date that does not exist."""
    try:
        return resolve(match, published)
    except (OverflowError, ValueError):
        return []


def _longest_first(found: list[_Found]) -> list[_Found]:
    """Keep the longest of overlapping matches (the earliest when as long), in text order.

    Kept matches never overlap, so one mark per character of the text says whether a match
    overlaps any kept one: linear in the text, however many matches a hostile text has.
    """
    end = max((item.end for item in found), default=0)
    taken = bytearray(end)
    kept: list[_Found] = []
    for item in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        if taken.find(1, item.start, item.end) == -1:
            taken[item.start : item.end] = b"\x01" * (item.end - item.start)
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


def _merge_neighbours(text, events):
    """Join neighbours with the same date and precision: "hier, vendredi 13 janvier"."""
    merged = []
    for event in events:
        if merged:
            date, precision, start, end = merged[-1]
            if (date, precision) == event[:2] and re.fullmatch(
                r"[ ,\u00a0]*", text[end : event[2]]
            ):
                merged[-1] = (date, precision, start, event[3])
                continue
        merged.append(event)
    return merged


def _sentence_at(sentences, starts, offset) -> str:
    index = bisect.bisect_right(starts, offset) - 1
    return sentences[index][1] if index >= 0 else ""
