"""What pages see of the registry: views, groups, positions, related articles (ties)."""

from __future__ import annotations

import datetime

import pytest
from entities.aliases import AliasBook
from entities.extraction import ArticleEntities
from entities.registry import ArticleRef, build_registry
from entities.views import EntityView, group_by_kind, positions, related_articles


def _registry():
    day = datetime.date(2024, 1, 1)
    entities = ArticleEntities(("Kim Jong-un",), ("Séoul", "Pyongyang"), ("ONU",))
    return build_registry([ArticleRef("a", day, "fr", entities)], AliasBook())


def test_a_view_reads_its_entity_and_copies_key_and_kind():
    entity = _registry().entities["Séoul"]
    view = EntityView(entity, "fr")
    assert (view.key, view.kind, view.slug) == ("Séoul", "place", "seoul")
    assert view.url == "entities/places/seoul.html"
    assert view.article_ids == ["a"]  # read through
    assert (view.article_count, view.mention_count, view.name) == (1, 1, "Séoul")
    with pytest.raises(AttributeError):
        view.no_such_attribute  # noqa: B018


def test_group_by_kind_keeps_the_kind_order_and_the_given_order():
    views = [EntityView(entity, "fr") for entity in _registry().entities.values()]
    views.sort(key=lambda view: view.key, reverse=True)
    groups = [(kind, [view.key for view in members]) for kind, members in group_by_kind(views)]
    assert groups == [
        ("person", ["Kim Jong-un"]),
        ("place", ["Séoul", "Pyongyang"]),
        ("organisation", ["ONU"]),
    ]


def test_positions_are_each_articles_place_in_each_list():
    of = {"Kim": ["c", "b", "a"], "Séoul": ["c", "a"], "none": []}
    assert positions(of) == {"Kim": {"c": 0, "b": 1, "a": 2}, "Séoul": {"c": 0, "a": 1}, "none": {}}


def test_related_articles_hand_made_ties():
    of = {"Kim": ["e", "d", "c", "b", "a"], "Séoul": ["e", "c", "a"], "ONU": ["d", "c"]}
    keys = {"a": ["Kim", "Séoul"], "b": ["Kim"], "c": ["Kim", "Séoul", "ONU"], "d": ["Kim", "ONU"]}
    keys["e"] = ["Kim", "Séoul"]
    where = positions(of)
    # c: e and a share two lists with it (ties: both one place away in Séoul), d too (one place
    # away in Kim and ONU): all three at distance 1, so by id; b shares one.
    assert related_articles("c", keys, of, where) == ["a", "d", "e", "b"]
    assert related_articles("c", keys, of, where, limit=2) == ["a", "d"]
    assert related_articles("c", keys, of, where, limit=0) == []
    assert related_articles("z", keys, of, where) == []
