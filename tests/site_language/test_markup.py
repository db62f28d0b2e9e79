"""The markup filters (``time_tag``, ``lang_attr``, ``hreflang_attr``, ``lang_attrs``) give what
the theme's macros gave when they were written in Jinja, and the macros of the same names,
which now call them, still give it."""

from __future__ import annotations

import datetime as dt
import itertools
from types import SimpleNamespace

import pytest
from jinja2 import Environment
from pelican.utils import SafeDatetime
from site_language.dates import format_date
from site_language.markup import FILTERS, entity_kinds, entity_names, time_tag

# The macros as they were written before the filters (the reference).
FORMER = """
{% macro date_tag(value, lang, precision="day", attrs={}) -%}
{%- if value -%}
{%- set iso = value.strftime("%Y") if precision == "year" else (value.strftime("%Y-%m") if precision == "month" else value.strftime("%Y-%m-%d")) -%}
<time datetime="{{ iso }}"{{ attrs|xmlattr }}>{{ value|format_date(lang, precision) }}</time>
{%- endif -%}
{%- endmacro %}
{% macro lang_attrs(item_lang, lang) -%}
{%- if item_lang and item_lang != lang %} hreflang="{{ item_lang|e }}" lang="{{ item_lang|e }}"{% endif -%}
{%- endmacro %}
{% macro hreflang(item_lang, lang) -%}
{%- if item_lang and item_lang != lang %} hreflang="{{ item_lang|e }}"{% endif -%}
{%- endmacro %}
{% macro lang_attr(item_lang, lang) -%}
{%- if item_lang and item_lang != lang %} lang="{{ item_lang|e }}"{% endif -%}
{%- endmacro %}
"""  # noqa: E501

DATES = [
    None,
    dt.date(2023, 9, 1),
    dt.date(2016, 1, 1),
    dt.datetime(2024, 2, 29, 23, 59, tzinfo=dt.UTC),
    SafeDatetime(2023, 9, 1, 8, 30),  # an article's date: its tag is the one of its day
    dt.date(1, 1, 1),
]
LANGS = ["fr", "en", "de", None, "", 'x"<y>&']


def former():
    env = Environment(autoescape=True)
    env.filters["format_date"] = format_date
    return env.from_string(FORMER).module


@pytest.mark.parametrize(
    ("value", "lang", "precision"),
    list(itertools.product(DATES, ["fr", "en", None], ["day", "month", "year"])),
)
def test_time_tag_is_the_former_date_tag(value, lang, precision):
    assert str(time_tag(value, lang, precision)) == str(former().date_tag(value, lang, precision))


@pytest.mark.parametrize(("item_lang", "lang"), list(itertools.product(LANGS, LANGS)))
def test_the_language_attributes_are_the_former_macros(item_lang, lang):
    made = former()
    assert str(FILTERS["lang_attr"](item_lang, lang)) == str(made.lang_attr(item_lang, lang))
    assert str(FILTERS["lang_attrs"](item_lang, lang)) == str(made.lang_attrs(item_lang, lang))
    assert str(FILTERS["hreflang_attr"](item_lang, lang)) == str(made.hreflang(item_lang, lang))


def test_the_theme_macros_of_the_same_names_give_the_same(env):
    """What a theme that calls ``m.date_tag`` or ``m.lang_attr`` gets: unchanged."""
    theirs = env.get_template("_macros.html").make_module({"page_lang": "fr"})
    made = former()
    for value, lang in itertools.product(DATES, ["fr", "en"]):
        ours = theirs.date_tag(value, lang, "month")
        assert str(ours) == str(made.date_tag(value, lang, "month"))
    attrs = {"data-pagefind-meta": 'date:1 "x"', "data-y": None}
    assert str(theirs.date_tag(DATES[1], "fr", attrs=attrs)) == str(
        made.date_tag(DATES[1], "fr", attrs=attrs)
    )
    for item_lang, lang in itertools.product(LANGS, LANGS):
        assert str(theirs.lang_attrs(item_lang, lang)) == str(made.lang_attrs(item_lang, lang))
        assert str(theirs.hreflang(item_lang, lang)) == str(made.hreflang(item_lang, lang))
        assert str(theirs.lang_attr(item_lang, lang)) == str(made.lang_attr(item_lang, lang))


def test_an_unknown_precision_is_an_error_as_before():
    with pytest.raises(ValueError, match="precision 'week'"):
        time_tag(dt.date(2023, 1, 1), "fr", "week")


class View:
    """An entity as the model gives it: a name in each language."""

    def __init__(self, kind: str, names: dict[str, str]):
        self.kind, self.names = kind, names

    def name_in(self, lang):
        return self.names.get(lang) or self.names["fr"]


ENTITIES = [
    View("person", {"fr": " Vladimir Poutine ", "en": "Vladimir PUTIN"}),
    View("place", {"fr": "Côte d’Ivoire & <Ghana>"}),
    View("person", {"fr": 'Kim "Jong-un"'}),
    SimpleNamespace(kind="organisation", name="ONU"),  # no name_in: its name
]

# The timeline entry's attributes as the macro wrote them before the filters.
FORMER_ENTRY = """
{%- set kinds = [] -%}
{%- for entity in entities %}{% if entity.kind not in kinds %}{{ kinds.append(entity.kind) or "" }}{% endif %}{% endfor -%}
<li data-kinds="{{ kinds|join(' ')|e }}" data-entities="{% for entity in entities %}{{ (entity.name_in(lang) if entity.name_in is defined else entity.name)|trim|lower }}{% if not loop.last %}|{% endif %}{% endfor %}">
"""  # noqa: E501
NOW_ENTRY = """
<li data-kinds="{{ entities|entity_kinds }}" data-entities="{{ entities|entity_names(lang) }}">
"""


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("count", [0, 1, 2, 4])
def test_an_entry_s_kinds_and_names_are_what_the_former_loops_wrote(lang, count):
    env = Environment(autoescape=True)
    env.filters.update(FILTERS)
    chosen = ENTITIES[:count]
    former_html = env.from_string(FORMER_ENTRY).render(entities=chosen, lang=lang).strip()
    assert env.from_string(NOW_ENTRY).render(entities=chosen, lang=lang).strip() == former_html


class View:
    """An entity as the site model shows it: equal to itself only, its name by language."""

    def __init__(self, kind: str, names: dict[str, str]):
        self.kind, self.names = kind, names

    def name_in(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]


def test_the_names_and_kinds_of_a_tuple_of_entities_are_those_of_each_entity():
    kim, un = View("person", {"en": " Kim "}), View("organisation", {"en": "UN", "fr": "ONU"})
    for entities in [(kim, un), [kim, un], (kim, un)]:  # a tuple twice: read back the second time
        assert entity_names(entities, "fr") == "kim|onu"
        assert entity_names(entities, "en") == "kim|un"
        assert entity_kinds(entities) == "person organisation"
    other = View("place", {"en": "Paris"})  # another view: never taken for one already seen
    assert (entity_names((other, un), "fr"), entity_kinds((other, un))) == (
        "paris|onu",
        "place organisation",
    )
    unhashable = [SimpleNamespace(kind="place", name="Lyon")]
    assert (entity_names(tuple(unhashable), "fr"), entity_kinds(tuple(unhashable))) == (
        "lyon",
        "place",
    )
