"""The registry's counting shortcuts give what the plain definitions give: tallies, co-mentions,
the top candidates, the fold memo, the newest-first order."""

from __future__ import annotations

import datetime
import heapq
import random
from collections import Counter

import pytest
from entities import registry as registry_module
from entities.aliases import AliasBook, AliasEntry
from entities.extraction import ArticleEntities, fold
from entities.registry import (
    ArticleRef,
    FoldMemo,
    _tally_articles,
    build_registry,
    sort_key,
    top_candidates,
)

KIND_FIELDS = {"person": "people", "place": "places", "organisation": "organisations"}


def _book() -> AliasBook:
    """Noise, an alias with the book's kind, an alias without a kind."""
    entries = [
        AliasEntry("NDLR", None, True, {}, (), None, None, "x", 1),
        AliasEntry("Vladimir Poutine", "person", False, {}, ("Poutine",), None, None, "x", 2),
        AliasEntry("Russie", None, False, {"en": "Russia"}, ("Russia",), None, None, "x", 3),
    ]
    return AliasBook({entry.key: entry for entry in entries})


NAMES = ["Vladimir Poutine", "Poutine", "Russie", "Russia", "NDLR", "Kim", "Kim Jong-un"]
NAMES += ["Séoul", "Seoul", "Édouard Philippe", "Edouard Philippe", "Washington", "Élysée"]


def _random_articles(seed: int) -> list[ArticleRef]:
    rng = random.Random(seed)
    articles = []
    for number in range(rng.randint(1, 40)):
        by_kind = {kind: tuple(rng.sample(NAMES, rng.randint(0, 4))) for kind in KIND_FIELDS}
        entities = ArticleEntities(*(by_kind[kind] for kind in KIND_FIELDS))
        date = datetime.date(2024, 1, rng.randint(1, 5))  # days repeat: ties by id
        articles.append(ArticleRef(f"a{number:02d}", date, rng.choice(["fr", "en"]), entities))
    return articles


def _plain_tallies(articles, aliases):
    """The definition: one mention at a time, every lookup made again."""
    tallies, listed, written = {}, {}, {}
    for article in articles:
        pairs, names = [], []
        for kind, group in article.entities.by_kind().items():
            for name in group:
                found = aliases.resolve(name)
                if found is not None and found.ignored:
                    continue
                key = found.key if found else name
                pair = ((found.kind if found and found.kind else kind), key)
                tally = tallies.setdefault(pair, {"mentions": 0, "by_lang": Counter()})
                tally["mentions"] += 1
                tally["by_lang"][article.lang] += 1
                tally.setdefault("seen_in", {})[article.id] = article.date
                tally.setdefault("written", set())
                if name != key:
                    tally["written"].add(name)
                pairs.append(pair)
                names.append(name)
        listed[article.id], written[article.id] = pairs, names
    return tallies, listed, written


@pytest.mark.parametrize("seed", range(20))
def test_tallies_match_a_plain_count(seed):
    articles, book = _random_articles(seed), _book()
    tallies, listed, written = _tally_articles(articles, book)
    expected, expected_listed, expected_written = _plain_tallies(articles, book)
    assert list(tallies) == list(expected)  # the order the articles first name them
    for pair, tally in tallies.items():
        want = expected[pair]
        assert (tally.kind, tally.name) == pair
        assert tally.mentions == want["mentions"]
        assert tally.by_lang == dict(want["by_lang"])
        assert tally.seen_in == want["seen_in"]
        assert set(tally.written) == want["written"]
    assert (listed, written) == (expected_listed, expected_written)


def test_tallies_leave_out_ignored_names_and_use_the_books_key_and_kind():
    entities = ArticleEntities(("NDLR", "Poutine"), ("Poutine", "Russia"), ())
    article = ArticleRef("a", datetime.date(2024, 1, 1), "en", entities)
    tallies, listed, written = _tally_articles([article], _book())
    assert listed == {"a": [("person", "Vladimir Poutine")] * 2 + [("place", "Russie")]}
    assert written == {"a": ["Poutine", "Poutine", "Russia"]}
    assert tallies[("person", "Vladimir Poutine")].mentions == 2
    assert tallies[("place", "Russie")].written == {"Russia"}


def _plain_co_mentioned(registry, key, limit):
    """The definition: for every other entity, the articles naming both; most first, ties by
    name."""
    articles = {
        other: {a for a in registry.entities[other].article_ids}
        for other in registry.entities
        if other != key
    }
    mine = set(registry.entities[key].article_ids)
    counts = {other: len(ids & mine) for other, ids in articles.items() if ids & mine}
    ranked = sorted(counts, key=lambda other: (-counts[other], sort_key(other)))[:limit]
    return [(other, counts[other]) for other in ranked]


@pytest.mark.parametrize("seed", range(20))
def test_co_mentioned_matches_the_definition(seed):
    registry = build_registry(_random_articles(seed), _book())
    for key in registry.entities:
        for limit in (0, 1, 2, 3, 10):
            got = [(entity.key, count) for entity, count in registry.co_mentioned(key, limit)]
            assert got == _plain_co_mentioned(registry, key, limit)


def test_co_mentions_count_articles_once_across_a_merge_and_break_ties_by_name():
    day = datetime.date(2024, 1, 1)
    articles = [  # "Poutine" joins "Vladimir Poutine": article a names him once, not twice
        ArticleRef("a", day, "fr", ArticleEntities(("Vladimir Poutine", "Poutine"), ("Kiev",))),
        ArticleRef("b", day, "fr", ArticleEntities(("Poutine",), ("Kiev", "Moscou"))),
        ArticleRef("c", day, "fr", ArticleEntities(("Zelensky",), ("Moscou", "Kiev", "Élysée"))),
    ]
    registry = build_registry(articles, AliasBook())
    co = [(entity.key, count) for entity, count in registry.co_mentioned("Kiev", 10)]
    assert co == [("Moscou", 2), ("Vladimir Poutine", 2), ("Élysée", 1), ("Zelensky", 1)]
    top = [entity.key for entity, _ in registry.co_mentioned("Kiev", 3)]
    assert top == ["Moscou", "Vladimir Poutine", "Élysée"]  # the tie at the cut: by name
    assert registry.co_mentioned("nobody") == []


def test_article_ids_newest_first_when_ids_repeat():
    """Two articles with one id (a caller's slip): each entity sorts by its own dates."""
    articles = [
        ArticleRef("b", datetime.date(2024, 1, 3), "fr", ArticleEntities(("Kim",))),
        ArticleRef("a", datetime.date(2024, 1, 2), "fr", ArticleEntities(("Kim",))),
        ArticleRef("b", datetime.date(2024, 1, 1), "fr", ArticleEntities(("Lee",))),
        ArticleRef("c", datetime.date(2024, 1, 2), "fr", ArticleEntities(("Kim", "Lee"))),
    ]
    assert registry_module._newest_first(articles) is None
    entities = build_registry(articles, AliasBook()).entities
    assert entities["Kim"].article_ids == ["b", "a", "c"]
    assert entities["Lee"].article_ids == ["c", "b"]
    assert registry_module._newest_first(articles[:2]) == {"b": 0, "a": 1}


@pytest.mark.parametrize("seed", range(40))
def test_top_candidates_are_all_that_reach_the_limit_th_count(seed):
    rng = random.Random(seed)
    counts = {f"x{n}": rng.choice([1, 1, 1, 2, 3, 5]) for n in range(rng.randint(1, 30))}
    limit = rng.randint(1, 12)
    cut = heapq.nlargest(limit, counts.values())[-1]  # the definition
    expected = {item: count for item, count in counts.items() if count >= cut}
    assert dict(top_candidates(counts, limit)) == expected


def test_fold_memo_folds_each_name_once(monkeypatch):
    calls = []

    def counting_fold(name):
        calls.append(name)
        return fold(name)

    monkeypatch.setattr(registry_module, "fold", counting_fold)
    folds = FoldMemo()
    names = ["La France", "Édouard Philippe", "La France", "Orbán", "Édouard Philippe"]
    assert [folds[name] for name in names] == [fold(name) for name in names]
    assert calls == ["La France", "Édouard Philippe", "Orbán"]
