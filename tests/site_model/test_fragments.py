"""``fragment()``: a piece many pages show is rendered once per language (and once more for a
SITEURL that escaping changes), gives what its macro gives, and is not confused with another
item that took its place in memory."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import DictLoader, Environment
from site_model.fragment_cache import FragmentCache
from site_model.glue import Fragments


@dataclass(frozen=True)
class Entity:
    name: str
    url: str
    kind: str = "person"


LINK = '<a href="{{ SITEURL }}/{{ entity.url }}">{{ entity.name }}</a>'
PAGE = '{% for e in entities %}{{ fragment("chip", e) }}\n{% endfor %}'
MACROS = (
    "{% macro entity_link_made(entity, lang) -%}" + LINK + "{%- endmacro %}"
    "{% macro entity_name_made(entity, lang) -%}{{ entity.name }}{%- endmacro %}"
)


def pages(site_urls: list[str], entities: list[Entity]):
    """What a page shows at each SITEURL, what the macro alone gives, and the Fragments."""
    env = Environment(autoescape=True, loader=DictLoader({"_macros.html": MACROS, "p": PAGE}))
    fragments = Fragments(env)
    env.globals["fragment"] = fragments
    page = env.get_template("p")
    shown = [page.render(SITEURL=url, entities=entities, page_lang="fr") for url in site_urls]
    alone = Environment(autoescape=True).from_string(LINK)
    plain = [
        "".join(alone.render(SITEURL=url, entity=e) + "\n" for e in entities) for url in site_urls
    ]
    return shown, plain, fragments


ENTITIES = [Entity("Kim", "people/kim.html"), Entity("Ali & Co", "orgs/ali-co.html")]


def test_a_fragment_is_what_its_macro_gives_at_every_depth():
    shown, plain, _ = pages(["..", "../..", ".", "https://example.org/a&b"], ENTITIES)
    assert shown == plain
    assert shown[1].splitlines()[1] == '<a href="../../orgs/ali-co.html">Ali &amp; Co</a>'


def test_a_fragment_is_rendered_once_for_every_plain_site_url():
    _, _, fragments = pages([".."] * 5 + ["../.."] * 5 + ["https://example.org"], ENTITIES)
    assert fragments.renders == len(ENTITIES)


def test_a_site_url_that_escaping_changes_has_fragments_of_its_own():
    shown, plain, fragments = pages(["..", "https://example.org/a&b", ".."], ENTITIES)
    assert shown == plain
    assert 'href="https://example.org/a&amp;b/people/kim.html"' in shown[1]
    assert fragments.renders == 2 * len(ENTITIES)


def test_another_item_in_the_same_place_in_memory_is_rendered_for_itself():
    env = Environment(autoescape=True, loader=DictLoader({"_macros.html": MACROS, "p": PAGE}))
    fragments = Fragments(env)
    env.globals["fragment"] = fragments
    page = env.get_template("p")
    first = page.render(SITEURL="..", entities=[Entity("Kim", "k.html")], page_lang="fr")
    second = page.render(SITEURL="../..", entities=[Entity("Ali", "a.html")], page_lang="fr")
    assert (first, second) == ('<a href="../k.html">Kim</a>\n', '<a href="../../a.html">Ali</a>\n')


NESTED = MACROS + (
    "{% macro article_line(article, lang) -%}"
    '<a href="{{ SITEURL }}/{{ article.url }}">{{ article.name }}</a> '
    '{{ fragment("chip", article.about) }}{%- endmacro %}'
)


@dataclass(frozen=True)
class Article:
    name: str
    url: str
    about: Entity


def test_a_fragment_within_a_fragment_links_from_the_page_that_shows_it():
    env = Environment(
        autoescape=True,
        loader=DictLoader({"_macros.html": NESTED, "p": '{{ fragment("line", a) }}'}),
    )
    env.globals["fragment"] = Fragments(env)
    article = Article("Summit", "a/summit.html", ENTITIES[0])
    shown = [
        env.get_template("p").render(SITEURL=url, a=article, page_lang="fr")
        for url in ("..", "../..")
    ]
    assert shown == [
        '<a href="../a/summit.html">Summit</a> <a href="../people/kim.html">Kim</a>',
        '<a href="../../a/summit.html">Summit</a> <a href="../../people/kim.html">Kim</a>',
    ]
    assert env.globals["fragment"].renders == 2  # the line and the chip, once each


@dataclass(frozen=True)
class CountedEntity:
    name: str
    articles: int
    render_key: str  # its link: the same whatever its counts
    page_key: str  # its own page: changes with its counts


INDEX_MACROS = (
    "{% macro entity_index_line_made(entity, lang) -%}"
    "<li>{{ entity.name }} · {{ entity.articles }}</li>{%- endmacro %}"
)


def index_build(folder, entity: CountedEntity) -> tuple[str, int]:
    """One build's index line of ``entity``, with the fragments kept in ``folder``; how many
    fragments it rendered."""
    env = Environment(
        autoescape=True,
        loader=DictLoader({"_macros.html": INDEX_MACROS, "p": '{{ fragment("index", e) }}'}),
    )
    fragments = Fragments(env, FragmentCache(folder, "scope"))
    env.globals["fragment"] = fragments
    shown = env.get_template("p").render(SITEURL="..", e=entity, page_lang="fr")
    fragments.kept.save()
    return shown, fragments.renders


def test_an_index_line_is_kept_under_its_entitys_page_key(tmp_path):
    three = CountedEntity("Kim", 3, render_key="link", page_key="page 1")
    four = CountedEntity("Kim", 4, render_key="link", page_key="page 2")
    assert index_build(tmp_path, three) == ("<li>Kim · 3</li>", 1)
    assert index_build(tmp_path, three) == ("<li>Kim · 3</li>", 0)  # kept
    assert index_build(tmp_path, four) == ("<li>Kim · 4</li>", 1)  # same link, new counts
    assert index_build(tmp_path, four) == ("<li>Kim · 4</li>", 0)


def test_joined_fragments_are_what_a_loop_of_fragment_gives():
    loop = '{% for e in entities %}<li>{{ fragment("chip", e) }}</li>{% endfor %}'
    joined = '{{ fragment.joined("chip", entities, before="<li>", after="</li>") }}'
    env = Environment(
        autoescape=True, loader=DictLoader({"_macros.html": MACROS, "loop": loop, "j": joined})
    )
    env.globals["fragment"] = Fragments(env)
    shown = {
        name: [
            env.get_template(name).render(SITEURL=url, entities=ENTITIES, page_lang="fr")
            for url in ("..", "https://example.org/a&b")
        ]
        for name in ("loop", "j")
    }
    assert shown["j"] == shown["loop"]
    assert shown["j"][0] == (
        '<li><a href="../people/kim.html">Kim</a></li>'
        '<li><a href="../orgs/ali-co.html">Ali &amp; Co</a></li>'
    )
