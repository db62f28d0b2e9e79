"""The built seed site as a reader sees it, in headless Chromium, served on 127.0.0.1.

Every test runs with the ``page`` fixture, which fails the test on any console error, uncaught
exception, failed request or HTTP error: "no console errors" is checked on every page visited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from browser_harness import DESKTOP, PHONE
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

PERSON = "Vladimir Poutine"
ENTITY_PAGE = re.compile(r"/entities/(people|places|organisations)/[^/]+\.html$")


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@dataclass(frozen=True)
class SitePages:
    """Paths (from the site root) of the pages the tests visit, found in the built site."""

    article: str
    article_title: str
    entity_link: str | None  # the href of Vladimir Poutine in the article's entity box
    edition: str | None

    @property
    def entity(self) -> str:
        if self.entity_link is None:
            pytest.fail(f"{self.article} has no link to {PERSON!r} in its entity box (.entity-box)")
        return _resolve(self.article, self.entity_link)

    def path_of(self, name: str) -> str:
        """The page of a name: home, article, entity, entity index or timeline."""
        fixed = {
            "home": "index.html",
            "entity index": "entities/index.html",
            "timeline": "timeline/index.html",
            "editions": "editions/index.html",
        }
        if name == "article":
            return self.article
        if name == "entity":
            return self.entity
        return fixed[name]


def _resolve(page_path: str, href: str) -> str:
    """The site path a relative link of a page points to, e.g. articles/x.html + ../a.html."""
    target = PurePosixPath(page_path).parent / unquote(urlsplit(href).path)
    parts: list[str] = []
    for part in target.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def _person_link(soup: BeautifulSoup):
    box = soup.select_one(".entity-box")
    return box and box.find("a", string=lambda s: s and s.strip() == PERSON)


@pytest.fixture(scope="session")
def pages(site_output) -> SitePages:
    """The seed article (the one mentioning Vladimir Poutine) and his entity page."""
    candidates = []
    for path in sorted((site_output / "articles").glob("*.html")):
        soup = soup_of(path)
        if PERSON in soup.get_text():
            candidates.append((_person_link(soup) is None, path, soup))
    if not candidates:
        pytest.fail(f"no article page of {site_output} mentions {PERSON!r}")
    _, path, soup = min(candidates, key=lambda c: c[0])  # one with the entity link, if any
    link = _person_link(soup)
    editions = sorted((site_output / "editions").glob("????-??-??.html"))
    return SitePages(
        article=path.relative_to(site_output).as_posix(),
        article_title=soup.h1.get_text(" ", strip=True),
        entity_link=link["href"] if link else None,
        edition=editions[0].relative_to(site_output).as_posix() if editions else None,
    )


def h1(page) -> str:
    return " ".join(page.locator("h1").first.inner_text().split())


# --- pages render -------------------------------------------------------------------------


def test_home_lists_the_seed_article(page, server, pages):
    page.goto(server.url("index.html"))
    assert h1(page), "the home page has no visible <h1>"
    link = page.locator(f'main a[href$="{pages.article}"]').first
    assert link.is_visible(), f"the home page has no visible link to {pages.article}"
    assert " ".join(link.inner_text().split()) == pages.article_title


def test_article_shows_its_title_and_entity_box(page, server, pages):
    page.goto(server.url(pages.article))
    assert h1(page) == pages.article_title
    assert page.title().startswith(pages.article_title)
    box = page.locator(".entity-box")
    assert box.is_visible(), "the article has no visible entity box (.entity-box)"
    assert box.get_by_role("link", name=PERSON, exact=True).is_visible()


@pytest.mark.parametrize(
    "name", ["entity index", "timeline", "edition", "editions", "search", "404"]
)
def test_other_pages_render(page, server, pages, name):
    path = {
        "entity index": "entities/index.html",
        "editions": "editions/index.html",
        "timeline": "timeline/index.html",
        "edition": pages.edition,
        "search": "search.html",
        "404": "404.html",
    }[name]
    assert path, f"the site has no {name} page"
    page.goto(server.url(path))
    assert h1(page), f"{path} has no visible <h1>"


def test_entity_link_in_the_article_body_leads_to_the_entity_page(page, server, pages):
    page.goto(server.url(pages.article))
    body_links = page.locator(".content a[href*='entities/']")
    assert body_links.count(), "the article body (.content) links no entity"
    link = page.locator(f".content a[href='{pages.entity_link}']").first
    assert link.count(), f"the article body does not link {PERSON} ({pages.entity_link})"
    link.click()
    page.wait_for_load_state()
    assert page.url == server.url(pages.entity)
    assert ENTITY_PAGE.search(urlsplit(page.url).path), page.url
    assert h1(page) == PERSON
    assert page.title().startswith(PERSON)


# --- search -------------------------------------------------------------------------------


# Pagefind starts a WebAssembly module and loads its index and filters asynchronously: on a
# busy 2-core machine that can take several seconds, so its waits are longer than the pages'.
SEARCH_WAIT = 15_000


SEARCH_DONE = (
    "() => !document.querySelector('#search[aria-busy]')"
    " && /\\d/.test(document.querySelector('.search-message')?.textContent || '')"
)


def search_results(page, term: str) -> list[str]:
    """Type `term` in the search box (site.js on Pagefind's API); the result links' addresses."""
    box = page.locator(".search-input")
    box.wait_for(state="visible", timeout=SEARCH_WAIT)
    box.fill(term)
    page.wait_for_function(SEARCH_DONE, timeout=SEARCH_WAIT)
    return page.locator(".search-result-link").evaluate_all("links => links.map(a => a.href)")


def test_search_finds_poutine(page, server, pages):
    page.goto(server.url("search.html"))
    results = search_results(page, "Poutine")
    assert server.url(pages.article) in results


def test_search_filter_by_person_keeps_the_article(page, server, pages):
    page.goto(server.url("search.html"))
    assert server.url(pages.article) in search_results(page, "Poutine")
    checkbox = page.locator(f'input.search-filter-checkbox[name="person"][value="{PERSON}"]')
    checkbox.wait_for(state="attached", timeout=SEARCH_WAIT)
    checkbox.evaluate("box => { box.closest('details').open = true; }")
    checkbox.check()
    assert checkbox.is_checked()
    page.wait_for_timeout(400)  # site.js waits 300 ms after a change before it searches
    page.wait_for_function(SEARCH_DONE, timeout=SEARCH_WAIT)
    results = page.locator(".search-result-link").evaluate_all("a => a.map(x => x.href)")
    assert server.url(pages.article) in results


PAGEFIND_SEARCH = """async ([root, term, filters]) => {
    const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({baseUrl: new URL(root).pathname});
    const found = await pagefind.search(term, {filters});
    const data = await Promise.all(found.results.map(r => r.data()));
    return data.map(d => d.url);
}"""


@pytest.mark.parametrize(
    ("filters", "kept"),
    [
        ({}, True),
        ({"person": PERSON}, True),
        ({"person": "Joe Biden"}, False),  # a person the article does not mention
        ({"place": PERSON}, False),  # filters are kept apart by kind
        ({"organisation": "OTAN"}, False),
    ],
    ids=["no filter", "his own filter", "another person", "place filter", "another organisation"],
)
def test_search_filters_by_entity(page, server, site_output, pages, filters, kept):
    own = {
        (tag["data-pagefind-filter"], tag.get_text(strip=True))
        for tag in soup_of(site_output / pages.article).select("[data-pagefind-filter]")
    }
    assert all(((kind, value) in own) is kept for kind, value in filters.items()), (
        f"the seed article's own filters changed: {sorted(own)}; update this test's values"
    )
    page.goto(server.url("search.html"))
    urls = page.evaluate(PAGEFIND_SEARCH, [server.url(), "Poutine", filters])
    assert any(url.endswith("/" + pages.article) for url in urls) is kept, urls


def test_search_offers_the_entity_filters(page, server):
    page.goto(server.url("search.html"))
    filters = page.evaluate(
        """async root => {
            const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
            return await pagefind.filters();
        }""",
        server.url(),
    )
    assert PERSON in filters.get("person", {}), sorted(filters)


# --- accessibility ------------------------------------------------------------------------

VARIANTS = {
    "light": {"viewport": DESKTOP, "scheme": "light"},
    "dark": {"viewport": DESKTOP, "scheme": "dark"},
    "phone": {"viewport": PHONE, "scheme": "light"},
}


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize(
    "name", ["home", "article", "entity", "entity index", "timeline", "editions"]
)
def test_axe_finds_no_wcag21_aa_violation(page, server, pages, axe, name, variant):
    setup = VARIANTS[variant]
    page.set_viewport_size(setup["viewport"])
    page.emulate_media(color_scheme=setup["scheme"])
    page.goto(server.url(pages.path_of(name)))
    axe(page, f"the {name} page ({variant})")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_search_results(page, server, axe, scheme):
    """Beyond the issue's list: the search page with Pagefind's results and filters shown."""
    page.emulate_media(color_scheme=scheme)
    page.goto(server.url("search.html"))
    assert search_results(page, "Poutine")
    axe(page, f"the search page with results ({scheme})")


# --- links --------------------------------------------------------------------------------

LINKING = {
    "a": "href",
    "link": "href",
    "area": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "form": "action",
}


def _may_link_out(element) -> bool:
    """Only links may leave the site, and only to the original article (source, credit,
    licence) or Wikidata (entity facts). Nothing is loaded from outside: no script, style,
    image or font."""
    if element.name != "a":
        return False
    return bool(element.find_parent(class_=["facts", "credit"])) or "license" in (
        element.get("rel") or []
    )


def _internal_links(site: Path, path: Path):
    page = path.relative_to(site).as_posix()
    soup = soup_of(path)
    for tag, attribute in LINKING.items():
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if value is None:
                continue
            yield page, element, value.strip()


def test_no_broken_internal_link(site_output):
    broken, outside = [], []
    for path in sorted(site_output.rglob("*.html")):
        for page, element, value in _internal_links(site_output, path):
            parts = urlsplit(value)
            if parts.scheme in ("http", "https") or value.startswith("//"):
                if not _may_link_out(element):
                    outside.append(f"{page}: <{element.name}> {value}")
                continue
            if parts.scheme or not parts.path:  # mailto:, data:, "#fragment"
                continue
            if value.startswith("/") and page != "404.html":
                broken.append(f"{page}: {value} is absolute (breaks sub-paths and file://)")
                continue
            if value.startswith("/"):
                continue  # 404.html is served at any depth: it links to the host's root
            target = _resolve(page, value)
            if not (site_output / target).is_file():
                broken.append(f"{page}: {value} -> {target} does not exist")
    report = []
    if broken:
        report.append(f"{len(broken)} broken internal link(s):\n  " + "\n  ".join(broken))
    if outside:
        report.append(f"{len(outside)} link(s) outside the site:\n  " + "\n  ".join(outside))
    if report:
        pytest.fail("\n".join(report), pytrace=False)


# --- sub-path and file:// ----------------------------------------------------------------


def _follow_article_then_entity(page, pages, prefix: str) -> None:
    page.locator(f'main a[href$="{pages.article}"]').first.click()
    page.wait_for_load_state()
    assert page.url == prefix + pages.article
    assert h1(page) == pages.article_title
    page.locator(".entity-box").get_by_role("link", name=PERSON, exact=True).click()
    page.wait_for_load_state()
    assert page.url == prefix + pages.entity
    assert h1(page) == PERSON


def test_site_works_from_a_sub_path(page, server, pages):
    prefix = server.url(sub_path=True)
    page.goto(prefix + "index.html")
    _follow_article_then_entity(page, pages, prefix)
    page.locator('header a[href$="search.html"]').first.click()
    page.wait_for_load_state()
    assert page.url == prefix + "search.html"
    assert prefix + pages.article in search_results(page, "Poutine")
    page.locator(".search-result-link").first.click()
    page.wait_for_load_state()
    assert page.url == prefix + pages.article


def test_site_works_from_file(page, site_output, pages):
    prefix = site_output.resolve().as_uri() + "/"
    page.goto(prefix + "index.html")
    _follow_article_then_entity(page, pages, prefix)
    for link in ("entities/index.html", "timeline/index.html"):
        page.goto(prefix + "index.html")
        page.locator(f'header a[href$="{link}"]').first.click()
        page.wait_for_load_state()
        assert page.url == prefix + link, f"the menu link to {link} led to {page.url}"
        assert h1(page)


def test_search_page_from_file_says_search_is_unavailable(page, site_output):
    """From file:// browsers refuse to load Pagefind's index: the page must say so, calmly."""
    page.goto(site_output.resolve().as_uri() + "/search.html")
    message = (soup_of(site_output / "search.html").select_one("#search") or {}).get(
        "data-unavailable"
    )
    assert message, "search.html has no #search[data-unavailable] message"
    box = page.locator(".search-input")
    if box.count():  # the search box is offered: typing in it must not break the page
        box.fill("Poutine")
        page.wait_for_timeout(800)
    assert page.get_by_text(message).is_visible(), (
        "search.html opened from file:// does not show its 'search unavailable' message"
    )
