"""Whole-site checks of the entity pages: each check on hand-made registries, then the whole
chain (ingest's reader, the real models, the registry) over real corpus articles."""

from __future__ import annotations

import dataclasses
import datetime
import importlib.util
import shutil
from pathlib import Path

import pytest
from entities.aliases import AliasBook
from entities.audit import Problem, site_problems
from entities.extraction import ArticleEntities
from entities.registry import ArticleRef, build_registry

ROOT = Path(__file__).resolve().parents[2]
EMPTY = AliasBook()


def ref(article_id, people=(), places=(), organisations=(), lang="fr", day=1):
    date = datetime.date(2020, 1, day)
    return ArticleRef(article_id, date, lang, ArticleEntities(people, places, organisations))


def problems(articles, book=EMPTY, texts=None) -> list[Problem]:
    return site_problems(build_registry(articles, book), articles, book, texts)


def test_a_clean_site_has_no_problem(builtin_book):
    articles = [
        ref("fr1", people=("Emmanuel Macron",), places=("Russie",)),
        ref("en1", people=("Emmanuel Macron",), places=("Russia",), lang="en"),
    ]
    assert problems(articles, builtin_book) == []


def test_a_page_named_by_a_demonym_but_not_a_country_called_like_its_people(builtin_book):
    found = problems([ref("a", places=("Britannique", "Suisse"))], builtin_book)
    assert found == [Problem("demonym", ("Britannique",), "'Britannique' is a nationality")]


def test_share_widget_words_and_brands_only_named_on_share_lines():
    articles = [
        ref("a", organisations=("Courriel", "Twitter")),
        ref("b", organisations=("Google",)),
    ]
    texts = {
        "a": "Le texte.\nPartager cet article : Courriel, Facebook, Twitter",
        "b": "Google rachète une entreprise.\nPartager : Google",
    }
    assert problems(articles, texts=texts) == [
        Problem("share widget", ("Courriel",), "'Courriel' is a button's word"),
        Problem("share widget", ("Twitter",), "'Twitter' is only named on share lines"),
    ]


def test_duplicates_by_spelling_and_by_initial():
    registry = build_registry([ref("a", people=("Emmanuel Macron",))], EMPTY)
    entity = registry.entities["Emmanuel Macron"]
    for key in ("E. Macron", "Emmanuel-Macron"):  # pages the registry itself would merge
        registry.entities[key] = dataclasses.replace(entity, key=key, names={"fr": key})
    found = site_problems(registry, [], EMPTY)
    assert found == [
        Problem(
            "duplicate",
            ("Emmanuel Macron", "Emmanuel-Macron"),
            "names that fold: 'emmanuel macron'",
        ),
        Problem("duplicate", ("E. Macron", "Emmanuel Macron"), "an initial"),
        Problem("duplicate", ("E. Macron", "Emmanuel-Macron"), "an initial"),
    ]


def test_one_name_on_pages_of_two_kinds():
    found = problems([ref("a", places=("Washington",)), ref("b", people=("Washington",))])
    assert found == [
        Problem(
            "two kinds", ("Washington (person)", "Washington (place)"), "one name: 'washington'"
        )
    ]


def test_an_english_article_listing_a_french_name(builtin_book):
    found = problems([ref("en1", places=("Russie",), lang="en")], builtin_book)
    assert found == [Problem("foreign name", ("Russie",), "en1 (en) lists 'Russie', not 'Russia'")]


def _audit_corpus():
    spec = importlib.util.spec_from_file_location(
        "eval_entities", ROOT / "bench" / "eval_entities.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Real articles where the site once had two pages for one entity: "Mars" a place in two and a
# person in one; "Le Pentagone" and "Pentagone"; and English articles beside French ones on
# the same countries and people (names in each article's language).
SUBSET = {
    "fr": [
        "2016-03-01-001_opportunity-fait-de-l-escalade-sur-mars",
        "2016-04-25-001_espace-appel-de-la-nasa-aupres-de-l-industrie-pour",
        "2016-09-09-001_une-annee-a-saveur-martienne-sacheve-pour-6-scient",
        "2016-09-19-001_syrie-la-coalition-occidentale-tue-pres-d-une-cent",
        "2017-01-21-004_syrie-plus-de-100-combattants-d-al-qaida-tues-dans",
    ],
    "en": [
        "2015-08-21_north-korea-puts-military-in-quasi-state-of-war",
        "2009-11-05_automaker-gm-to-cut-10-000-jobs-at-opel",
        "2015-05-18_over-900-asylum-seekers-rescued-off-indonesian-coa",
    ],
}


@pytest.mark.corpus
def test_no_problem_on_real_corpus_articles(tmp_path, corpus, recognizer, builtin_book):
    for lang, names in SUBSET.items():
        (tmp_path / lang).mkdir()
        for name in names:
            shutil.copy(corpus / lang / f"{name}.txt", tmp_path / lang)
    found = _audit_corpus().audit_corpus(tmp_path, recognizer, builtin_book)
    assert found == []


def test_a_page_spelt_in_another_language_on_an_english_article():
    articles = [
        ref("fr1", places=("Montréal",)),
        ref("fr2", places=("Montréal",), day=2),
        ref("en1", places=("Montreal",), lang="en", day=3),
    ]
    registry = build_registry(articles, EMPTY)
    assert site_problems(registry, articles, EMPTY) == []
    registry.entities["Montréal"].names["en"] = "Montréal"  # as the site once named it
    assert site_problems(registry, articles, EMPTY) == [
        Problem(
            "foreign name",
            ("Montréal",),
            "en1 (en) shows 'Montréal' where its language writes ['Montreal']",
        )
    ]
