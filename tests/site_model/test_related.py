"""Related articles: the fast ranking gives what the plain definition gives."""

import random
from collections import Counter

import pytest
from entities.views import positions, related_articles


def reference(article_id, entity_keys, articles_of, where, limit=5, window=25):
    """The definition, computed the plain way: shared entities within the window, then the
    nearest (in any shared entity's list), then the slug. (The code before this test took
    ``min(rank, distance)`` for an article's first distance: the newest articles of every entity
    looked near to all. The definition is the distance.)"""
    shared, distance = Counter(), {}
    for key in entity_keys.get(article_id, ()):
        ids, here = articles_of.get(key, ()), where.get(key, {}).get(article_id)
        if here is None:
            continue
        for rank in range(max(0, here - window), min(len(ids), here + window + 1)):
            other = ids[rank]
            if other != article_id:
                shared[other] += 1
                distance[other] = min(distance.get(other, abs(rank - here)), abs(rank - here))
    return sorted(shared, key=lambda o: (-shared[o], distance[o], o))[:limit]


@pytest.mark.parametrize("seed", range(25))
def test_same_ranking_as_the_definition(seed):
    rng = random.Random(seed)
    articles = [f"a{n:03d}" for n in range(rng.randint(2, 120))]
    entities = [f"e{n}" for n in range(rng.randint(1, 30))]
    keys = {a: rng.sample(entities, rng.randint(0, min(8, len(entities)))) for a in articles}
    articles_of = {e: [a for a in articles if e in keys[a]] for e in entities}
    where = positions(articles_of)
    window, limit = rng.choice([1, 3, 25]), rng.choice([0, 1, 5, 10])
    for article in articles:
        assert related_articles(article, keys, articles_of, where, limit, window) == reference(
            article, keys, articles_of, where, limit, window
        )


@pytest.mark.parametrize("seed", range(30))
def test_related_articles_break_ties_at_the_cut_as_the_definition_does(seed):
    """Few entities, many articles: counts tie at the cut and distances tie too."""
    rng = random.Random(seed)
    articles = [f"a{n:03d}" for n in range(rng.randint(2, 60))]
    entities = [f"e{n}" for n in range(rng.randint(1, 6))]
    keys = {a: rng.sample(entities, rng.randint(0, len(entities))) for a in articles}
    articles_of = {e: [a for a in articles if e in keys[a]] for e in entities}
    where = positions(articles_of)
    for limit in (1, 2, 5):
        for window in (1, 2, 25):
            for article in articles:
                got = related_articles(article, keys, articles_of, where, limit, window)
                assert got == reference(article, keys, articles_of, where, limit, window)
