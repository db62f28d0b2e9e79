"""The theme's progressive enhancements (theme/static/js/site.js) in headless Chromium.

Entity index filter and sort, timeline filters and year links, the same pages without
JavaScript, phone width and dark mode. The seed site has one article: every entity is named by
exactly one article, so the index's "count" (articles, not mentions) is 1 for all of them.
"""

from __future__ import annotations

import pytest
from browser_harness import DESKTOP, PHONE, block_outside

pytestmark = pytest.mark.browser

ENTITIES = {  # the seed site's entities, per kind, in name order
    "person": [
        "Dmitri Peskov",
        "Kim Jong-un",
        "Nicolas Rocca",
        "Sergueï Choïgou",
        "Vladimir Poutine",
    ],
    "place": ["Corée du Nord", "Moscou", "Russie", "Séoul", "Ukraine", "Vostotchny", "Washington"],
    "organisation": ["Conseil de sécurité des Nations unies", "Kremlin"],
}
TOTAL = sum(len(names) for names in ENTITIES.values())
# The timeline's three entries, newest first, told apart by a piece of their headline.
ENTRIES = {"mercredi": "ce mercredi", "article": "se sont retrouvés", "2016": "Le cosmodrome"}
ENTITY_PAGE = "entities/people/vladimir-poutine.html"
INDEX, TIMELINE = "entities/index.html", "timeline/index.html"

VISIBLE_TEXTS = "(els, sel) => els.filter(e => e.checkVisibility())" + (
    ".map(e => e.querySelector(sel).textContent.trim().replace(/\\s+/g, ' '))"
)


@pytest.fixture(scope="session")
def article(site_output) -> str:
    """The seed article's path (the one naming Vladimir Poutine)."""
    found = [
        p.relative_to(site_output).as_posix()
        for p in sorted((site_output / "articles").glob("*.html"))
        if "Vladimir Poutine" in p.read_text(encoding="utf-8")
    ]
    assert found, "no article of the seed site names Vladimir Poutine"
    return found[0]


@pytest.fixture
def nojs_page(browser, page_problems):
    """Like `page`, in a context with JavaScript disabled."""
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR", java_script_enabled=False)
    context.set_default_timeout(10_000)
    block_outside(context, page_problems.add)
    opened = context.new_page()
    page_problems.watch(opened)
    yield opened
    context.close()
    if page_problems.unexpected():
        pytest.fail("the browser reported problems:\n  " + "\n  ".join(page_problems.unexpected()))


def h1(page) -> str:
    return " ".join(page.locator("h1").first.inner_text().split())


def shown_entities(page, kind: str) -> list[str]:
    items = page.locator(f'section[aria-labelledby="kind-{kind}"] .entity-list > li')
    return items.evaluate_all(VISIBLE_TEXTS, "a")


def all_shown(page) -> dict[str, list[str]]:
    return {kind: shown_entities(page, kind) for kind in ENTITIES}


def pressed(page) -> list[str | None]:
    """aria-pressed of the sort buttons: [by name, by count]."""
    return page.locator("[data-sort]").evaluate_all("bs => bs.map(b => b.ariaPressed)")


def shown_entries(page) -> list[str]:
    headlines = page.locator("li.entry").evaluate_all(VISIBLE_TEXTS, ".entry-headline")
    labels = [label for h in headlines for label, part in ENTRIES.items() if part in h]
    assert len(labels) == len(headlines), f"unknown timeline entries: {headlines}"
    return labels


def status(page, tools: str) -> str:
    live = page.locator(f"[{tools}] [data-status]")
    assert live.get_attribute("aria-live") == "polite"
    return live.inner_text().strip()


# --- entity index -------------------------------------------------------------------------


def test_entity_filter_keeps_only_matching_names(page, server):
    page.goto(server.url(INDEX))
    tools = page.locator("[data-entity-tools]")
    assert tools.is_visible(), "the entity tools stay hidden with JavaScript"
    assert all_shown(page) == ENTITIES
    box = page.get_by_label("Filtrer par nom")
    box.press_sequentially("pou")
    assert shown_entities(page, "person") == ["Vladimir Poutine"]
    assert shown_entities(page, "place") == shown_entities(page, "organisation") == []
    assert page.locator(".entity-list > li[hidden]").count() == TOTAL - 1
    assert status(page, "data-entity-tools") == f"1 sur {TOTAL} affichés"
    box.fill("")
    assert all_shown(page) == ENTITIES
    assert status(page, "data-entity-tools") == f"{TOTAL} sur {TOTAL} affichés"
    box.fill("SERGUEI")  # case and accents are ignored
    assert shown_entities(page, "person") == ["Sergueï Choïgou"]


def test_entity_sort_by_count_then_by_name(page, server):
    page.goto(server.url(INDEX))
    items = page.locator(".entity-list > li")
    # The count is the number of articles (one article in the seed site), not of mentions.
    assert set(items.evaluate_all("els => els.map(e => e.dataset.count)")) == {"1"}
    kinds = {"Personne · 1 article", "Lieu · 1 article", "Organisation · 1 article"}
    assert set(page.locator(".entity-list > li .muted").all_inner_texts()) == kinds
    by_name, by_count = page.locator("[data-sort=name]"), page.locator("[data-sort=count]")
    by_count.click()
    assert pressed(page) == ["false", "true"]
    # Equal counts: ties are broken by name.
    assert all_shown(page) == ENTITIES
    # Give some entities more articles, as a bigger site would: counting puts them first.
    page.evaluate(
        """() => {
        document.querySelector('li[data-name="washington"]').dataset.count = "3";
        document.querySelector('li[data-name="moscou"]').dataset.count = "2";
        document.querySelector('li[data-name="kremlin"]').dataset.count = "2";
    }"""
    )
    by_count.click()
    rest = [n for n in ENTITIES["place"] if n not in ("Washington", "Moscou")]
    assert shown_entities(page, "place") == ["Washington", "Moscou", *rest]
    assert shown_entities(page, "organisation") == [
        "Kremlin",
        "Conseil de sécurité des Nations unies",
    ]
    by_name.click()
    assert pressed(page) == ["true", "false"]
    assert all_shown(page) == ENTITIES


# --- timeline -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "kept"),
    [
        ("", ["mercredi", "article", "2016"]),
        ("person", ["mercredi", "article"]),
        ("place", ["article", "2016"]),
        ("organisation", ["article"]),
    ],
)
def test_timeline_kind_filter(page, server, kind, kept):
    page.goto(server.url(TIMELINE))
    assert page.locator("[data-timeline-tools]").is_visible()
    assert shown_entries(page) == list(ENTRIES)
    page.get_by_label("Afficher les entrées sur").select_option(kind)
    assert shown_entries(page) == kept
    assert status(page, "data-timeline-tools") == f"{len(kept)} sur 3 affichés"
    assert page.locator("#year-2016").is_visible() is ("2016" in kept)


def test_timeline_name_filter(page, server):
    page.goto(server.url(TIMELINE))
    box = page.get_by_label("Filtrer par nom")
    box.press_sequentially("Sergueï")
    assert shown_entries(page) == ["mercredi", "article"]
    assert status(page, "data-timeline-tools") == "2 sur 3 affichés"
    assert page.locator("#year-2016").is_hidden(), "the emptied year 2016 stays shown"
    page.get_by_label("Afficher les entrées sur").select_option("place")
    assert shown_entries(page) == ["article"]  # both filters apply
    box.fill("vostotchny")
    assert shown_entries(page) == ["article", "2016"]
    page.get_by_label("Afficher les entrées sur").select_option("")
    box.fill("")
    assert shown_entries(page) == list(ENTRIES)


def test_timeline_year_links(page, server):
    """With JavaScript a year shown on the page is reached in place (site.js); others and the
    links without JavaScript (test_pages_without_javascript) lead to timeline/<year>.html."""
    page.goto(server.url(TIMELINE))
    years = page.locator("nav.years a[data-year]")
    assert years.all_inner_texts() == ["2023", "2016"]
    page.locator("nav.years").get_by_role("link", name="2016", exact=True).click()
    assert page.url == server.url(TIMELINE) + "#year-2016"
    assert page.locator("#year-2016").is_visible()
    page.goto(server.url("timeline/2016.html"))
    assert h1(page) == "Chronologie 2016"
    assert shown_entries(page) == ["2016"]
    page.locator("nav.years").get_by_role("link", name="2023", exact=True).click()
    page.wait_for_load_state()
    assert page.url == server.url("timeline/2023.html")
    assert h1(page) == "Chronologie 2023"
    assert shown_entries(page) == ["mercredi", "article"]


# --- without JavaScript -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["home", "article", "entity", "entity index", "timeline"])
def test_pages_without_javascript(nojs_page, server, article, name):
    page = nojs_page
    path = {"home": "index.html", "article": article, "entity": ENTITY_PAGE}.get(name)
    page.goto(server.url(path or {"entity index": INDEX, "timeline": TIMELINE}[name]))
    assert h1(page)
    if name == "home":
        assert page.locator(f'main a[href$="{article}"]').first.is_visible()
    elif name == "article":
        assert page.locator(".content").inner_text().strip(), "the article body is empty"
        box = page.locator(".entity-box")
        assert box.is_visible()
        assert box.get_by_role("link", name="Vladimir Poutine", exact=True).is_visible()
    elif name == "entity":
        assert h1(page) == "Vladimir Poutine"
        assert page.locator(f'main a[href$="{article}"]').first.is_visible()
    elif name == "entity index":
        assert page.locator("[data-entity-tools]").get_attribute("hidden") == ""
        assert page.locator("[data-entity-tools]").is_hidden()
        assert all_shown(page) == ENTITIES
    else:
        assert page.locator("[data-timeline-tools]").get_attribute("hidden") == ""
        assert page.locator("[data-timeline-tools]").is_hidden()
        assert shown_entries(page) == list(ENTRIES)
        page.locator("nav.years").get_by_role("link", name="2016", exact=True).click()
        page.wait_for_load_state()
        assert page.url == server.url("timeline/2016.html")
        assert h1(page) == "Chronologie 2016"


# --- phone width and dark mode ------------------------------------------------------------


@pytest.mark.parametrize("name", ["article", "entity index", "timeline"])
def test_no_horizontal_scroll_on_a_phone(page, server, article, name):
    page.set_viewport_size(PHONE)
    page.goto(server.url({"article": article, "entity index": INDEX, "timeline": TIMELINE}[name]))
    widths = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] == PHONE["width"], f"{name}: scrollWidth, innerWidth = {widths}"


def test_dark_mode_applies(page, server, article):
    colours = (
        "() => { const s = getComputedStyle(document.body); return [s.backgroundColor, s.color]; }"
    )
    page.goto(server.url(article))
    page.emulate_media(color_scheme="light")
    light = page.evaluate(colours)
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate(colours)
    assert light == ["rgb(255, 255, 255)", "rgb(27, 27, 27)"]
    assert dark == ["rgb(18, 18, 18)", "rgb(232, 232, 230)"]
