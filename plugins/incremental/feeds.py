"""Feeds whose items are made once per build. Pure (no Pelican).

A site of entity feeds lists the same article in the feed of each entity it names: twenty
feeds may carry one article's entry. ``FeedItems`` keeps, for one build, what an item is
(the fields Pelican's writer works out for it) and its XML, so that each is made once and
copied into every feed that lists it. The feed itself is feedgenerator's: its head is written
by feedgenerator, and so is each item the first time, with the same handler settings; the
bytes are those ``feed.write`` gives (a test compares them).
"""

from __future__ import annotations

import io
from collections.abc import Callable

from feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from feedgenerator.django.utils.xmlutils import SimplerXMLGenerator

# The element of one item, by the feed classes whose write() this reproduces.
ITEM_TAGS = {Atom1Feed: "entry", Rss201rev2Feed: "item"}


class FeedItems:
    """One build's feed items: their fields by what they were made from, their XML by fields."""

    def __init__(self) -> None:
        self._fields: dict[tuple, tuple[object, dict]] = {}
        self._xml: dict[tuple, str] = {}  # by the item's fields (a feed that changed an item)
        self._xml_of: dict[int, str] = {}  # by the id of the item's fields as made
        self._copies: dict[int, dict] = {}  # id of a copy in a feed not yet written -> made
        self.made = self.reused = 0

    def add(self, feed: SyndicationFeed, element, key: tuple, make: Callable[[object], None]):
        """Add ``element``'s item to ``feed``: ``make(scratch)`` adds it to a scratch feed of
        the same kind the first time; ``key``: what else the item depends on (the writer's
        site URL...). Each feed gets its own copy of the item's fields."""
        full = (type(feed), id(element), *key)
        found = self._fields.get(full)
        if found is None or found[0] is not element:
            scratch = type(feed)(title="", link="", description="")
            make(scratch)
            [item] = scratch.items
            found = self._fields[full] = (element, item)
            self.made += 1
        else:
            self.reused += 1
        copy = dict(found[1])
        self._copies[id(copy)] = found[1]
        feed.items.append(copy)

    def write(self, feed: SyndicationFeed, encoding: str = "utf-8") -> str:
        """``feed.write`` into a string, each item's XML made once per build."""
        tag = ITEM_TAGS.get(type(feed))
        stream = io.StringIO()
        if tag is None:  # a feed class whose write() is not known here
            feed.write(stream, encoding)
            return stream.getvalue()

        def write_items(handler) -> None:
            for item in feed.items:
                handler.ignorableWhitespace(self._item(feed, tag, item, encoding))

        feed.write_items = write_items
        try:
            feed.write(stream, encoding)
        finally:
            del feed.write_items
            for item in feed.items:
                self._copies.pop(id(item), None)
        return stream.getvalue()

    def _item(self, feed: SyndicationFeed, tag: str, item: dict, encoding: str) -> str:
        """The XML of ``item``: made once for the fields as made (a copy left as it was), else
        once for the fields it has."""
        made = self._copies.get(id(item))
        if made is not None and item == made:
            xml = self._xml_of.get(id(made))
            if xml is None:
                xml = self._xml_of[id(made)] = _item_xml(feed, tag, item, encoding)
            return xml
        key = (type(feed), _frozen(item))
        xml = self._xml.get(key)
        if xml is None:
            xml = self._xml[key] = _item_xml(feed, tag, item, encoding)
        return xml


def _item_xml(feed: SyndicationFeed, tag: str, item: dict, encoding: str) -> str:
    part = io.StringIO()
    handler = SimplerXMLGenerator(part, encoding, short_empty_elements=True)
    handler.startElement(tag, feed.item_attributes(item))
    feed.add_item_elements(handler, item)
    handler.endElement(tag)
    return part.getvalue()


def _frozen(item: dict) -> tuple:
    return tuple(sorted((name, repr(value)) for name, value in item.items()))
