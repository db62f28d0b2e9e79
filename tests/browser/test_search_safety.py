"""Search shows what the index holds as text: a source or an entity name written as markup
(``<img src=x onerror=...>``) is printed literally on the search page, and no script runs.

Pagefind's own UI printed filter values as HTML; site.js builds the search on Pagefind's
JavaScript API instead. This site is built here, from hostile content files (no seeds).
"""

from __future__ import annotations

import pytest
from browser_harness import StaticServer
from sitekit import Site

pytestmark = pytest.mark.browser

SOURCE = "<img src=x onerror=alert('source')>"
NAME = "<img src=x onerror=alert('entity')>"
ARTICLE = f"""Title: Sommet &lt;b&gt;à&lt;/b&gt; Vostotchny
Date: 2023-09-13T10:00:00+02:00
Slug: sommet
Lang: fr
Source: {SOURCE}
People: Vladimir Poutine

Vladimir Poutine a reçu Kim Jong-un au cosmodrome de Vostotchny, en Russie.
"""
ALIASES = f'Vladimir Poutine:\n  kind: person\n  names: {{fr: "{NAME}"}}\n'


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("hostile-search") / "project")
    (site.content / "articles" / "sommet.md").write_text(ARTICLE, encoding="utf-8")
    (site.content / "entities.yml").write_text(ALIASES, encoding="utf-8")
    site.build(SEARCH_INDEX=True)
    assert (site.output / "pagefind" / "pagefind.js").is_file()
    with StaticServer(site.output) as running:
        yield running


def test_markup_in_a_source_or_an_entity_name_is_shown_as_text(page, hostile_server):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_server.url("search.html"))
    box = page.locator(".search-input")
    box.wait_for(state="visible", timeout=15_000)
    box.fill("cosmodrome")
    page.wait_for_function(
        "() => !document.querySelector('#search[aria-busy]')"
        " && /\\d/.test(document.querySelector('.search-message')?.textContent || '')",
        timeout=15_000,
    )
    page.locator("details.search-filter").evaluate_all("all => all.forEach(d => d.open = true)")
    page.wait_for_timeout(300)  # time for an image error handler to fire, were there one
    options = page.locator(".search-filter label").all_text_contents()
    assert f" {SOURCE} (1)" in options and f" {NAME} (1)" in options, options
    assert page.locator(".search-result-link").all_text_contents() == ["Sommet <b>à</b> Vostotchny"]
    assert page.locator("#search img, #search b").count() == 0
    assert dialogs == []
