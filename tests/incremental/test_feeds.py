"""Feeds whose items are made once per build: the bytes feedgenerator's own write() gives, for
Atom and RSS, however many feeds share an item."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from incremental.feeds import FeedItems

ITEMS = [
    {
        "title": "Kim & <Poutine>",
        "link": "https://example.org/a.html",
        "description": "<p>Résumé « cité » &amp; plus</p>",
        "unique_id": "tag:example.org,2024-01-02:a.html",
        "pubdate": dt.datetime(2024, 1, 2, 10, 0, tzinfo=dt.UTC),
        "author_name": "",
        "categories": ["Monde", "Kim Jong-un"],
    },
    {
        "title": "Sans date de mise à jour",
        "link": "/b.html",
        "description": None,
        "content": "<p>x</p>",
        "unique_id": "b",
        "pubdate": dt.datetime(2023, 5, 1, tzinfo=dt.UTC),
        "updateddate": dt.datetime(2023, 5, 3, tzinfo=dt.UTC),
        "author_name": "A. Uteur",
        "author_email": "a@example.org",
    },
    {
        "title": "Avec pièce jointe",
        "link": "/c.html",
        "description": "c",
        "pubdate": dt.datetime(2022, 12, 31, 23, 59, tzinfo=dt.UTC),
        "enclosures": [Enclosure("/c.mp3", "123", "audio/mpeg")],
    },
]


def plain(kind, chosen) -> str:
    feed = kind(title="Site - Kim", link="/", description="", feed_url="/kim.atom.xml")
    for item in chosen:
        feed.add_item(**item)
    stream = io.StringIO()
    feed.write(stream, "utf-8")
    return stream.getvalue()


def reusing(items: FeedItems, kind, chosen) -> str:
    feed = kind(title="Site - Kim", link="/", description="", feed_url="/kim.atom.xml")
    for item in chosen:
        items.add(feed, item["title"], ("",), lambda scratch, i=item: scratch.add_item(**i))
    return items.write(feed)


@pytest.mark.parametrize("kind", [Atom1Feed, Rss201rev2Feed])
def test_a_feed_is_written_as_feedgenerator_writes_it(kind):
    items = FeedItems()
    selections = [ITEMS, ITEMS[1:], ITEMS[::-1], ITEMS[:1]]  # (an empty feed says "now")
    for chosen in selections * 2:  # the second round reuses every item
        assert reusing(items, kind, chosen) == plain(kind, chosen)
    assert items.made == len(ITEMS)
    assert items.reused == 2 * sum(map(len, selections)) - len(ITEMS)


def test_a_feed_changed_by_a_plugin_does_not_change_the_next_one():
    items = FeedItems()
    first = Atom1Feed(title="t", link="/", description="")
    items.add(first, "a", (), lambda scratch: scratch.add_item(**ITEMS[0]))
    first.items[0]["title"] = "changed by a feed_generated handler"
    assert "changed by a feed_generated handler" in items.write(first)
    assert reusing(items, Atom1Feed, ITEMS[:1]) == plain(Atom1Feed, ITEMS[:1])


def test_another_feed_class_is_written_by_its_own_write():
    class Custom(Atom1Feed):
        def add_item_elements(self, handler, item):
            handler.addQuickElement("custom", item["title"])

    items = FeedItems()
    feed = Custom(title="t", link="/", description="")
    items.add(feed, "a", (), lambda scratch: scratch.add_item(**ITEMS[0]))
    assert "<custom>Kim &amp; &lt;Poutine&gt;</custom>" in items.write(feed)
