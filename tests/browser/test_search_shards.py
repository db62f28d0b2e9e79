"""Search over an index in shards: the search page merges every shard's bundle (Pagefind's
``mergeIndex``), so that a word or a filter of the newest articles is found as well as one of
the oldest, from the site's root and from a sub-path. This site is built here, with shards of
two articles (five articles: three shards)."""

from __future__ import annotations

import json

import pytest
from browser_harness import StaticServer
from sitekit import Site

pytestmark = pytest.mark.browser

SEARCH_WAIT = 15_000
SEARCH_DONE = (
    "() => !document.querySelector('#search[aria-busy]')"
    " && /\\d/.test(document.querySelector('.search-message')?.textContent || '')"
)
# The same, for a search of ``term`` (the message names it): a search after another.
SEARCH_DONE_FOR = (
    "term => !document.querySelector('#search[aria-busy]')"
    " && (document.querySelector('.search-message')?.textContent || '').includes(term)"
)
# A word and a person found in one article only: the oldest (shard 0), the newest (shard 2).
OLDEST_WORD, NEWEST_WORD = "brontolithe", "quasarine"
NEWEST_PERSON, NEWEST_SOURCE = "Hortense Dernière", "Gazette Dernière"


def article(number: int, word: str, person: str, source: str) -> str:
    return f"""Title: Article numéro {number}
Date: 2024-03-0{number}T10:00:00+01:00
Slug: article-{number}
Lang: fr
Source: {source}
People: {person}

{person} a parlé du {word} devant la presse, selon le compte rendu publié le même jour.
"""


@pytest.fixture(scope="module")
def sharded_server(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("sharded-search") / "project")
    for number in range(1, 6):
        word, person, source = f"sujet{number}", f"Personne Numéro{number}", "Gazette"
        if number == 1:
            word = OLDEST_WORD
        if number == 5:
            word, person, source = NEWEST_WORD, NEWEST_PERSON, NEWEST_SOURCE
        text = article(number, word, person, source)
        (site.content / "articles" / f"article-{number}.md").write_text(text, encoding="utf-8")
    site.build(SEARCH_INDEX=True, SEARCH_SHARD_SIZE=2)
    listed = json.loads((site.output / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert listed == {"bundles": ["shard-1/", "shard-2/"]}
    with StaticServer(site.output) as running:
        yield running


def search_results(page, term: str) -> list[str]:
    box = page.locator(".search-input")
    box.wait_for(state="visible", timeout=SEARCH_WAIT)
    box.fill(term)
    page.wait_for_function(SEARCH_DONE_FOR, arg=term, timeout=SEARCH_WAIT)
    return page.locator(".search-result-link").evaluate_all("links => links.map(a => a.href)")


@pytest.mark.parametrize("sub_path", [False, True], ids=["root", "sub-path"])
def test_words_of_the_oldest_and_the_newest_shard_are_found(page, sharded_server, sub_path):
    page.goto(sharded_server.url("search.html", sub_path=sub_path))
    oldest = search_results(page, OLDEST_WORD)
    assert oldest == [sharded_server.url("articles/article-1.html", sub_path=sub_path)]
    newest = search_results(page, NEWEST_WORD)
    assert newest == [sharded_server.url("articles/article-5.html", sub_path=sub_path)]
    everywhere = search_results(page, "presse")
    assert len(everywhere) == 5, everywhere
    assert page.locator(".search-message").text_content() == "5 résultats pour « presse »"


def test_filters_of_every_shard_are_offered_and_filter_across_shards(page, sharded_server):
    page.goto(sharded_server.url("search.html"))
    page.locator(".search-input").wait_for(state="visible", timeout=SEARCH_WAIT)
    options = page.locator(".search-filter label").all_text_contents()
    assert f" {NEWEST_PERSON} (1)" in options, options  # from the last shard
    assert " Personne Numéro1 (1)" in options and " Personne Numéro3 (1)" in options, options
    assert f" {NEWEST_SOURCE} (1)" in options and " Gazette (4)" in options, options
    checkbox = page.locator(f'input.search-filter-checkbox[name="person"][value="{NEWEST_PERSON}"]')
    checkbox.evaluate("box => { box.closest('details').open = true; }")
    checkbox.check()
    page.wait_for_timeout(400)  # site.js waits 300 ms after a change before it searches
    page.wait_for_function(SEARCH_DONE, timeout=SEARCH_WAIT)
    results = page.locator(".search-result-link").evaluate_all("a => a.map(x => x.href)")
    assert results == [sharded_server.url("articles/article-5.html")]
