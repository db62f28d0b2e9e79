"""``fragment()``: a piece many pages show is rendered once for pages at every depth (the
page's SITEURL put in afterwards), unless the theme's macro does more with SITEURL than print
it; either way each page gets what the macro gives for its own SITEURL."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from jinja2 import DictLoader, Environment
from site_model.glue import SITE_URL_MARK, Fragments


@dataclass(frozen=True)
class Entity:
    name: str
    url: str
    kind: str = "person"


LINK = '<a href="{{ SITEURL }}/{{ entity.url }}">{{ entity.name }}</a>'
PAGE = '{% for e in entities %}{{ fragment("chip", e) }}\n{% endfor %}'


def pages(macro: str, site_urls: list[str], entities: list[Entity]):
    """What a page shows at each SITEURL, and the Fragments that made them."""
    macros = (
        "{% macro entity_link_made(entity, lang) -%}" + macro + "{%- endmacro %}"
        "{% macro entity_name_made(entity, lang) -%}{{ entity.name }}{%- endmacro %}"
    )
    env = Environment(autoescape=True, loader=DictLoader({"_macros.html": macros, "p": PAGE}))
    fragments = Fragments(env)
    env.globals["fragment"] = fragments
    shown = [
        env.get_template("p").render(SITEURL=url, entities=entities, page_lang="fr")
        for url in site_urls
    ]
    plain = [
        "".join(
            Environment(autoescape=True).from_string(macro).render(SITEURL=url, entity=e) + "\n"
            for e in entities
        )
        for url in site_urls
    ]
    return shown, plain, fragments


ENTITIES = [Entity("Kim", "people/kim.html"), Entity("Ali & Co", "orgs/ali-co.html")]


def test_a_fragment_is_rendered_once_for_pages_at_every_depth():
    shown, plain, fragments = pages(LINK, ["..", "../..", "."], ENTITIES)
    assert shown == plain
    assert shown[1].splitlines()[0] == '<a href="../../people/kim.html">Kim</a>'
    # The first fragment twice (with the mark and without: the check), the second once.
    assert fragments.renders == 3
    assert fragments.marks_fit == {("chip", "fr"): True}
    assert not any(SITE_URL_MARK in page for page in shown)


def test_the_site_url_is_escaped_as_the_macro_would():
    shown, plain, _ = pages(LINK, ["https://example.org/a&b", '/"x"'], ENTITIES)
    assert shown == plain
    assert 'href="https://example.org/a&amp;b/people/kim.html"' in shown[0]


@pytest.mark.parametrize(
    "macro",
    [
        '{% if SITEURL == ".." %}<b>up</b>{% endif %}' + LINK,  # a test on it
        '<a href="{{ SITEURL|upper }}/{{ entity.url }}">{{ entity.name }}</a>',  # a filter
        '<a href="{{ SITEURL|length }}">{{ entity.name }}</a>',
    ],
)
def test_a_macro_that_reads_the_site_url_is_rendered_for_each_page_depth(macro):
    shown, plain, fragments = pages(macro, ["..", "../..", ".."], ENTITIES)
    assert shown == plain
    assert fragments.marks_fit == {("chip", "fr"): False}
    assert fragments.renders == 2 + 2 * len(ENTITIES)  # the check; then each depth once


def test_an_item_rendered_once_is_not_rendered_again_on_another_page():
    _, _, fragments = pages(LINK, [".."] * 5 + ["../.."] * 5, ENTITIES)
    assert fragments.renders == 3
