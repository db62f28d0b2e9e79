"""An entity whose pages would show nothing new keeps them: not rendered, not even keyed. Pure.

Every file of an entity (its page, its pages of older articles, its feed, its timeline pages) is
made from:

- the entity: its ``page_key`` (names, kind, URL, aliases, description, counts, dates);
- for each article that names it, newest first: the article's card (its ``render_key``: title,
  URL, date, summary, chips), what its text says (its analysis key: the sentence that names the
  entity, quotes, dated events), which entity each name of its metadata became, and how pages
  show those entities (their ``render_key``: co-mentions and the chips of timeline entries);
- its timeline page's URL and length, what renders (theme, settings, code) and what every page
  shows (the ``scope``).

``entity_key`` hashes all of it, from ``article_inputs`` worked out once per article. When an
entity's key is the last build's and its files are as the last build left them, they are kept:
adding an article to a 5,000-article site renders the pages of the entities it names, and does
not key the pages of the thousands of others.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from .model import text_digest


def article_inputs(
    card_key: str, analysis_key: str, entity_of: Mapping[str, str], entity_keys: Iterable[str]
) -> str:
    """What the pages of any entity an article names show of that article, as one digest.
    ``entity_of``: metadata name -> entity key; ``entity_keys``: the ``render_key`` of each of
    its entities.

    >>> one = article_inputs("c", "a", {"Poutine": "Vladimir Poutine"}, ["k1", "k2"])
    >>> one == article_inputs("c", "a", {"Poutine": "Vladimir Poutine"}, ["k1", "k2"])
    True
    >>> one == article_inputs("c", "a", {"Poutine": "Poutine"}, ["k1", "k2"])
    False
    """
    names = json.dumps(sorted(entity_of.items()), ensure_ascii=False)
    return text_digest("entity article", card_key, analysis_key, names, " ".join(entity_keys))


def entity_key(
    scope: str, page_key: str, render_key: str, timeline: str, articles: Iterable[str]
) -> str:
    """The key of every file of one entity: ``articles`` are the ``article_inputs`` of its
    articles, newest first; ``timeline``: its timeline page's URL and length (or "")."""
    return text_digest("entity files", scope, page_key, render_key, timeline, " ".join(articles))


def kept_files(last: Mapping[str, object], key: str, entity: str) -> list[str] | None:
    """The files the last build made for ``entity`` when it gave it ``key``; else None.
    ``last``: the last build's ``{entity: [key, [files]]}`` (read from a file: checked here).

    >>> kept_files({"Kim": ["k", ["a.html"]]}, "k", "Kim")
    ['a.html']
    >>> kept_files({"Kim": ["k", ["a.html"]]}, "other", "Kim") is None
    True
    >>> kept_files({"Kim": ["k", "a.html"]}, "k", "Kim") is None
    True
    """
    found = last.get(entity)
    if not (isinstance(found, list) and len(found) == 2 and found[0] == key):
        return None
    files = found[1]
    if not (isinstance(files, list) and files and all(isinstance(f, str) for f in files)):
        return None
    return files
