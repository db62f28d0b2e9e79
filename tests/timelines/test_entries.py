"""Timeline entries: their key covers all they show, and equal entries are equal."""

import dataclasses
import datetime as dt

import pytest
from timelines.entries import TimelineEntry


@dataclasses.dataclass(frozen=True)
class Shown:  # an article or an entity, as an entry sees it
    render_key: str | None = None


CARD, MOSCOU, KIM = Shown("card1"), Shown("moscou"), Shown("kim")


def entry(**changes) -> TimelineEntry:
    values = {
        "kind": "event", "date": dt.date(2016, 1, 1), "precision": "year", "article": CARD,
        "headline": "Le cosmodrome…", "entities": (MOSCOU,), "lang": "fr",
        "expression": "il y a sept ans", "sentence": "Le cosmodrome est entré en service.",
    }  # fmt: skip
    return TimelineEntry(**{**values, **changes})


CHANGES = [
    {"kind": "article"},
    {"date": dt.date(2017, 1, 1)},
    {"precision": "month"},
    {"article": Shown("card2")},
    {"headline": "Autre"},
    {"entities": (MOSCOU, KIM)},
    {"entities": ()},
    {"lang": "en"},
    {"expression": "en 2016"},
    {"sentence": "Autre phrase."},
]


def test_equal_entries_have_one_key_and_are_equal():
    assert entry().render_key == entry().render_key
    assert isinstance(entry().render_key, str)
    assert entry() == entry()
    assert hash(entry()) == hash(entry())
    assert "il y a sept ans" in repr(entry())


@pytest.mark.parametrize("change", CHANGES)
def test_the_key_changes_with_anything_an_entry_shows(change):
    assert entry(**change).render_key != entry().render_key
    assert entry(**change) != entry()


@pytest.mark.parametrize(
    "change", [{"article": Shown()}, {"entities": (MOSCOU, Shown())}, {"article": object()}]
)
def test_an_entry_without_keys_below_it_has_none(change):
    assert entry(**change).render_key is None


def test_entries_sort_oldest_first_coarse_before_fine_articles_before_events():
    day = dt.date(2016, 1, 1)
    entries = [
        entry(date=day, precision="day", kind="event"),
        entry(date=day, precision="day", kind="article"),
        entry(date=day, precision="year"),
        entry(date=dt.date(2015, 6, 1), precision="day"),
    ]
    ordered = sorted(entries, key=lambda e: e.sort_key)
    assert ordered == [entries[3], entries[2], entries[1], entries[0]]
