"""The key of an entity's files changes with everything they show, and only then."""

import pytest
from site_model.kept_entities import article_inputs, entity_key, kept_files

ARTICLE = {
    "card_key": "card",
    "analysis_key": "analysis",
    "entity_of": {"Poutine": "Vladimir Poutine", "Kim": "Kim Jong-un"},
    "entity_keys": ["k1", "k2"],
}


def test_the_inputs_of_an_article_are_stable():
    assert article_inputs(**ARTICLE) == article_inputs(**dict(ARTICLE))
    reordered = {**ARTICLE, "entity_of": dict(reversed(list(ARTICLE["entity_of"].items())))}
    assert article_inputs(**reordered) == article_inputs(**ARTICLE)  # a mapping, not a list


@pytest.mark.parametrize(
    "change",
    [
        {"card_key": "card 2"},  # title, date, summary, chips...
        {"analysis_key": "analysis 2"},  # sentences, quotes, dated events
        {"entity_of": {"Poutine": "Poutine", "Kim": "Kim Jong-un"}},  # a name merged otherwise
        {"entity_of": {"Poutine": "Vladimir Poutine"}},  # a name gone
        {"entity_keys": ["k1", "k3"]},  # another entity shown otherwise
        {"entity_keys": ["k2", "k1"]},  # most named first: another order
    ],
)
def test_the_inputs_of_an_article_change_with_what_entity_pages_show_of_it(change):
    assert article_inputs(**{**ARTICLE, **change}) != article_inputs(**ARTICLE)


def test_names_cannot_pass_for_one_another():
    one = article_inputs("c", "a", {"a b": "c"}, ["k"])
    assert one != article_inputs("c", "a", {"a": "b c"}, ["k"])


ENTITY = ("scope", "page", "render", "timeline.html 12", ["a1", "a2"])


@pytest.mark.parametrize("index", range(len(ENTITY)))
def test_the_key_of_an_entitys_files_changes_with_each_part(index):
    changed = list(ENTITY)
    changed[index] = ["a2", "a1"] if index == 4 else f"{ENTITY[index]} 2"
    assert entity_key(*changed) != entity_key(*ENTITY)
    assert entity_key(*ENTITY) == entity_key(*ENTITY)


def test_one_more_article_changes_the_key():
    assert entity_key("s", "p", "r", "", ["a1"]) != entity_key("s", "p", "r", "", ["a1", "a2"])


@pytest.mark.parametrize(
    "last",
    [
        {},
        {"Kim": ["other key", ["a.html"]]},
        {"Kim": ["key", []]},  # nothing to keep: rendered
        {"Kim": ["key", "a.html"]},
        {"Kim": ["key", ["a.html", 3]]},
        {"Kim": ["key"]},
        {"Kim": "key"},
    ],
)
def test_a_state_that_does_not_say_exactly_which_files_keeps_none(last):
    assert kept_files(last, "key", "Kim") is None


def test_the_files_of_the_same_key_are_kept():
    assert kept_files({"Kim": ["key", ["a.html", "b.xml"]]}, "key", "Kim") == ["a.html", "b.xml"]
