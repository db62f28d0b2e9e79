"""The ``schema_mentions`` and ``named_in`` filters: an article's entities as schema.org
``mentions``, in the order of its groups, and as chips, each named in the page's language."""

import pytest
from article_page.glue import named_in, schema_mentions


class Named:
    def __init__(self, **names):
        self.names = names

    def name_in(self, lang):
        return self.names.get(lang) or self.names["fr"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", [("Person", "Vladimir Putin"), ("Place", "Moscou"), ("Thing", "X")]),
        ("fr", [("Person", "Vladimir Poutine"), ("Place", "Moscou"), ("Thing", "X")]),
    ],
)
def test_each_entity_with_its_type_and_its_name_in_the_language(lang, expected):
    groups = [
        ("person", [Named(fr="Vladimir Poutine", en="Vladimir Putin")]),
        ("place", [Named(fr="Moscou")]),
        ("other", [Named(fr="X")]),
    ]
    assert schema_mentions(groups, lang) == [{"@type": t, "name": n} for t, n in expected]
    assert schema_mentions([], lang) == []


def test_named_in_pairs_each_entity_with_its_name_in_the_language():
    poutine, moscou = Named(fr="Vladimir Poutine", en="Vladimir Putin"), Named(fr="Moscou")
    assert named_in([poutine, moscou], "en") == [(poutine, "Vladimir Putin"), (moscou, "Moscou")]
    assert named_in([], "en") == []
