"""A timeline page's tree (years, months, days) is made when the template walks it, and keyed by
its entries: the same entries, the same key; any entry changed, another key."""

import datetime as dt
from dataclasses import dataclass

from site_model.glue import TimelineTree, timeline_tree


@dataclass(frozen=True)
class Entry:
    date: dt.date
    precision: str
    render_key: str | None


def entries(*keys) -> list[Entry]:
    days = [dt.date(2023, 9, 13), dt.date(2023, 9, 1), dt.date(2016, 1, 1)]
    return [
        Entry(day, "day" if n < 2 else "year", key)
        for n, (day, key) in enumerate(zip(days[: len(keys)], keys, strict=True))
    ]


def test_the_tree_is_the_timeline_tree_of_its_entries():
    given = entries("a", "b", "c")
    tree = TimelineTree(given)
    assert list(tree) == timeline_tree(given) and list(tree) == list(tree)
    assert bool(tree) and not TimelineTree([])


def test_the_key_follows_the_entries():
    key = TimelineTree(entries("a", "b", "c")).render_key
    assert isinstance(key, str)
    assert TimelineTree(entries("a", "b", "c")).render_key == key
    assert TimelineTree(entries("a", "b", "x")).render_key != key
    assert TimelineTree(entries("a", "b")).render_key != key
    assert TimelineTree(entries("a", None, "c")).render_key is None  # rendered, never skipped
