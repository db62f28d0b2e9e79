"""The cross-article registry: merging, kinds, slugs, indexes."""

from __future__ import annotations

import datetime
import random

import pytest
from entities.aliases import AliasBook
from entities.extraction import ArticleEntities
from entities.registry import ArticleRef, build_registry, slugify, surname_merges

EMPTY = AliasBook()


def ref(article_id, day, people=(), places=(), organisations=(), lang="fr"):
    date = datetime.date(2023, 9, day)
    return ArticleRef(article_id, date, lang, ArticleEntities(people, places, organisations))


def test_two_kims_stay_apart_and_a_lone_kim_stays_its_own_entity():
    registry = build_registry(
        [
            ref("a", 1, people=("Kim Jong-un",)),
            ref("b", 2, people=("Kim Yo-jong",)),
            ref("c", 3, people=("Kim",)),
        ],
        EMPTY,
    )
    assert sorted(registry.entities) == ["Kim", "Kim Jong-un", "Kim Yo-jong"]


def test_poutine_alone_joins_vladimir_poutine_across_articles():
    registry = build_registry(
        [
            ref("a", 1, people=("Vladimir Poutine",), places=("Kiev",)),
            ref("b", 2, people=("Poutine",), places=("Kiev",)),  # the evidence: Kiev in both
        ],
        EMPTY,
    )
    poutine = registry.entities["Vladimir Poutine"]
    assert list(registry.entities) == ["Kiev", "Vladimir Poutine"]
    assert poutine.article_ids == ["b", "a"]  # newest first
    assert poutine.aliases == {"Poutine"}
    assert (poutine.first_seen.day, poutine.last_seen.day, poutine.mentions) == (1, 2, 2)


def test_french_and_english_merge_through_the_alias_book(builtin_book):
    registry = build_registry(
        [
            ref("fr1", 1, people=("Vladimir Poutine",), places=("Russie",)),
            ref("en1", 2, people=("Vladimir Putin",), places=("Russia",), lang="en"),
        ],
        builtin_book,
    )
    putin = registry.entities["Vladimir Poutine"]
    assert putin.names == {"fr": "Vladimir Poutine", "en": "Vladimir Putin"}
    assert putin.wikidata == "Q7747"
    assert putin.description["en"] == "President of Russia"
    assert putin.article_ids == ["en1", "fr1"]
    assert registry.entities["Russie"].article_ids == ["en1", "fr1"]
    assert sorted(registry.entities) == ["Russie", "Vladimir Poutine"]


def test_same_name_two_kinds_gives_two_entities_with_kind_slugs():
    registry = build_registry(
        [ref("a", 1, places=("Washington",)), ref("b", 2, people=("Washington",))], EMPTY
    )
    by_key = registry.entities
    assert set(by_key) == {"Washington (place)", "Washington (person)"}
    assert by_key["Washington (place)"].slug == "washington-place"
    assert by_key["Washington (person)"].slug == "washington-person"
    assert by_key["Washington (place)"].name == "Washington"
    assert by_key["Washington (place)"].names == {"fr": "Washington"}
    assert [e.key for e in registry.entities_of("b")] == ["Washington (person)"]


def test_book_kind_wins_over_the_article():
    book_entities = build_registry([ref("a", 1, people=("Washington",))], _book_with_places())
    assert book_entities.entities["Washington"].kind == "place"


def _book_with_places():
    from entities.aliases import AliasEntry

    entry = AliasEntry("Washington", "place", False, {}, (), None, None, "x", 1)
    return AliasBook({"Washington": entry})


def test_slugs_are_stable_under_shuffled_input():
    articles = [
        ref(f"a{n}", 1 + n % 20, people=people, places=places)
        for n, (people, places) in enumerate(
            [
                (("Sergueï Choïgou",), ("Séoul",)),
                (("Serguei Choigou",), ("Seoul",)),
                (("Washington",), ("Washington",)),
                (("Élise Lucet",), ("Corée du Nord",)),
            ]
        )
    ]
    expected = {k: e.slug for k, e in build_registry(articles, EMPTY).entities.items()}
    for seed in range(5):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        assert {k: e.slug for k, e in build_registry(shuffled, EMPTY).entities.items()} == expected
    assert len(set(expected.values())) == len(expected)
    assert expected["Sergueï Choïgou"] in {"serguei-choigou", "serguei-choigou-2"}


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Sergueï Choïgou", "serguei-choigou"),
        ("Corée du Nord", "coree-du-nord"),
        ("Quai d'Orsay", "quai-d-orsay"),
        ("Путин", "putin"),
        ("!!", "entity"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_surname_merges_resolve_chains_and_refuse_ambiguity():
    names = [
        "Vladimir Vladimirovitch Poutine",
        "Vladimirovitch Poutine",
        "Poutine",
        "Kim",
        "Kim Jong-un",
    ]
    assert surname_merges(names) == {
        "Poutine": "Vladimir Vladimirovitch Poutine",
        "Vladimirovitch Poutine": "Vladimir Vladimirovitch Poutine",
    }


def test_places_merge_only_through_the_book():
    registry = build_registry([ref("a", 1, places=("New Mexico", "Mexico"))], EMPTY)
    assert sorted(registry.entities) == ["Mexico", "New Mexico"]


def test_co_mentioned_and_by_kind_and_by_slug():
    registry = build_registry(
        [
            ref("a", 1, people=("Vladimir Poutine", "Kim Jong-un"), places=("Russie",)),
            ref("b", 2, people=("Vladimir Poutine",), places=("Russie", "Ukraine")),
            ref("c", 3, people=("Vladimir Poutine",), organisations=("Élysée",)),
        ],
        EMPTY,
    )
    co = [(e.key, n) for e, n in registry.co_mentioned("Vladimir Poutine")]
    assert co == [("Russie", 2), ("Élysée", 1), ("Kim Jong-un", 1), ("Ukraine", 1)]
    assert registry.co_mentioned("Vladimir Poutine", limit=1)[0][0].key == "Russie"
    groups = {kind: [e.key for e in members] for kind, members in registry.by_kind().items()}
    assert groups == {
        "person": ["Kim Jong-un", "Vladimir Poutine"],
        "place": ["Russie", "Ukraine"],
        "organisation": ["Élysée"],
    }
    assert registry.by_slug("elysee").key == "Élysée"
    assert registry.by_slug("nobody") is None
    assert registry.entities_of("missing") == []


def test_ignored_names_never_become_entities(builtin_book):
    registry = build_registry([ref("a", 1, places=("État", "NDLR", "Russie"))], builtin_book)
    assert list(registry.entities) == ["Russie"]


def test_a_lone_surname_joins_nobody_without_evidence():
    registry = build_registry(
        [
            ref("a", 1, people=("James Franco",), organisations=("Disney",)),
            ref("b", 2, people=("Franco",), places=("Espagne",)),  # le général Franco
        ],
        EMPTY,
    )
    assert {"Franco", "James Franco"} <= set(registry.entities)


def test_spellings_of_one_name_meet_across_articles():
    registry = build_registry(
        [
            ref("a", 1, people=("Édouard Philippe",)),
            ref("b", 2, people=("Edouard Philippe",)),
            ref("c", 3, people=("Viktor Orbán",)),
            ref("d", 4, people=("Viktor Orban",)),
        ],
        EMPTY,
    )
    assert sorted(registry.entities) == ["Viktor Orbán", "Édouard Philippe"]
    assert registry.entities["Édouard Philippe"].aliases == {"Edouard Philippe"}


def test_countries_merge_across_languages_through_cldr():
    from entities.aliases import load_alias_book

    book = load_alias_book([])  # CLDR's countries only: no hand-written entry for Norway
    registry = build_registry(
        [
            ref("fr1", 1, places=("Norvège",)),
            ref("en1", 2, places=("Norway",), lang="en"),
        ],
        book,
    )
    norway = registry.entities["Norvège"]
    assert list(registry.entities) == ["Norvège"]
    assert norway.kind == "place" and norway.names == {"fr": "Norvège", "en": "Norway"}
    assert norway.article_ids == ["en1", "fr1"]


def test_one_page_named_per_language_as_each_language_spells_it():
    registry = build_registry(
        [
            ref("fr1", 1, places=("Montréal",)),
            ref("fr2", 2, places=("Montréal",)),
            ref("en1", 3, places=("Montreal",), lang="en"),
        ],
        EMPTY,
    )
    assert list(registry.entities) == ["Montréal"]  # one page
    assert registry.entities["Montréal"].names == {"fr": "Montréal", "en": "Montreal"}


def test_an_articles_own_name_for_a_book_entity_keeps_the_books_names(builtin_book):
    registry = build_registry(
        [
            ref("fr1", 1, places=("États-Unis",), organisations=("ONU",)),
            ref("en1", 2, places=("U.S.",), organisations=("UN",), lang="en"),
        ],
        builtin_book,
    )
    assert sorted(registry.entities) == ["ONU", "États-Unis"]
    assert registry.entities["États-Unis"].names == {"fr": "États-Unis", "en": "United States"}
    assert registry.entities["ONU"].names["en"] == "United Nations"
    assert registry.key_of("en1", "U.S.") == "États-Unis"


def test_a_lone_surname_does_not_name_the_page_in_its_language():
    registry = build_registry(
        [
            ref("fr1", 1, people=("Vladimir Poutine",), places=("Kiev",)),
            ref("en1", 2, people=("Poutine",), places=("Kiev",), lang="en"),
            ref("en2", 3, people=("Poutine",), places=("Kiev",), lang="en"),
        ],
        EMPTY,
    )
    assert registry.entities["Vladimir Poutine"].names["en"] == "Vladimir Poutine"


def test_the_majority_kind_of_a_name_makes_one_page():
    articles = [
        ref("a", 1, places=("Mars",)),
        ref("b", 2, places=("Mars",)),
        ref("c", 3, people=("Mars",)),
    ]
    registry = build_registry(articles, EMPTY)
    assert list(registry.entities) == ["Mars"]
    assert registry.entities["Mars"].kind == "place"
    assert registry.entities["Mars"].article_ids == ["c", "b", "a"]


def test_a_name_of_the_book_keeps_the_books_kind_beside_a_majority(builtin_book):
    articles = [
        ref("a", 1, organisations=("Pentagone",)),
        ref("b", 2, places=("Le Pentagone",)),  # folds alike, not in the book
        ref("c", 3, places=("LE PENTAGONE",)),
    ]
    registry = build_registry(articles, builtin_book)
    assert registry.entities["Pentagone"].kind == "organisation"


def test_real_articles_name_one_page_in_each_language(recognizer, builtin_book):
    french = (
        "Le Boeing 737, en provenance de l'aéroport international de Dubaï, transportait 55 "
        "passagers et 7 membres d'équipage."
    )
    english = (
        "The airline already offers flights to New York, Boston, Chicago, Los Angeles, Dubai, "
        "and recently launched 3 new U.S. routes."
    )
    articles = [
        ArticleRef(
            "fr1",
            datetime.date(2016, 3, 20),
            "fr",
            recognizer.recognise(french, "fr", builtin_book),
        ),
        ArticleRef(
            "en1",
            datetime.date(2007, 6, 9),
            "en",
            recognizer.recognise(english, "en", builtin_book),
        ),
    ]
    assert "U.S." in articles[1].entities.places  # as the English article writes it
    registry = build_registry(articles, builtin_book)
    [dubai] = [e for e in registry.entities.values() if e.name in ("Dubaï", "Dubai")]
    assert dubai.names == {"fr": "Dubaï", "en": "Dubai"}
    assert dubai.article_ids == ["fr1", "en1"]
    assert registry.entities["États-Unis"].names["en"] == "United States"  # its page
