"""Render every theme template over small fake contexts and read the HTML back."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from template_fakes import MOSCOW, PUTIN, UN, article

TEMPLATES = [
    "index.html",
    "article.html",
    "entity.html",
    "entities.html",
    "timeline.html",
    "edition.html",
    "digest.html",
    "search.html",
    "page.html",
    "404.html",
]


def render(env, name, context) -> BeautifulSoup:
    return BeautifulSoup(env.get_template(name).render(context), "html.parser")


# ---- assertion helpers, shared by every page ----


def assert_no_inline_handlers(soup):
    handlers = [
        (tag.name, attr)
        for tag in soup.find_all(True)
        for attr in tag.attrs
        if attr.startswith("on")
    ]
    assert handlers == []


def assert_no_external_assets(soup):
    urls = [tag.get("src", "") for tag in soup.find_all(["script", "img", "iframe"])]
    urls += [
        tag.get("href", "")
        for tag in soup.find_all("link")
        if {"stylesheet", "icon", "preload", "modulepreload"} & set(tag.get("rel", []))
    ]
    urls += [tag.get_text() for tag in soup.find_all("style")]
    assert [url for url in urls if "http://" in url or "https://" in url] == []


def assert_every_img_has_alt(soup):
    assert all(img.has_attr("alt") for img in soup.find_all("img"))


def assert_landmarks(soup):
    assert soup.find("main", id="main")
    assert soup.find("header", class_="site-header")
    assert soup.find("nav", attrs={"aria-label": True})
    assert soup.find("footer")
    assert soup.find("a", class_="skip-link")["href"] == "#main"


def assert_page_basics(soup, lang, h1):
    assert soup.html["lang"] == lang
    headings = soup.find_all("h1")
    assert [heading.get_text(" ", strip=True) for heading in headings] == [h1]
    assert_no_inline_handlers(soup)
    assert_no_external_assets(soup)
    assert_every_img_has_alt(soup)


# ---- contexts ----


class Author(str):
    """Pelican's Author prints as its name."""


def fr_article(**extra):
    values = {
        "authors": [Author("Jeanne Martin")],
        "credit": SimpleNamespace(
            source="Wikinews",
            license="CC BY 2.5",
            license_url="https://creativecommons.org/licenses/by/2.5/",
            url="https://fr.wikinews.org/wiki/Exemple",
            attribution=None,
        ),
        "related": [article("Putin in Moscow", "en", "putin-moscow", 12)],
        "prev_article": article("Avant", "fr", "avant", 12),
        "next_article": article("After", "en", "after", 14),
        "events": [
            SimpleNamespace(
                date=dt.date(2016, 3, 1),
                precision="month",
                expression="en mars 2016",
                sentence="Il était venu en mars 2016.",
            )
        ],
        "content": '<p>Texte <img src="a.png" alt="Une photo"> <a class="entity-link" '
        'href="../../entities/people/vladimir-poutine/">Vladimir Poutine</a>.</p>',
    }
    values.update(extra)
    title = values.pop("title", "Le président russe à Moscou")
    return article(title, "fr", "president-moscou", 13, **values)


def timeline_entry(kind, headline, day, lang="fr", precision="day"):
    source = article("Le président russe à Moscou", lang, "president-moscou", day)
    return SimpleNamespace(
        kind=kind,
        date=dt.date(2023, 9, day),
        precision=precision,
        article=source,
        headline=headline,
        entities=[PUTIN, MOSCOW],
        lang=lang,
    )


def edition(kind="day"):
    start = dt.date(2023, 9, 13) if kind == "day" else dt.date(2023, 9, 11)
    end = dt.date(2023, 9, 13) if kind == "day" else dt.date(2023, 9, 17)
    neighbour = SimpleNamespace(url="editions/2023-09-12/", key="2023-09-12")
    return SimpleNamespace(
        kind=kind,
        key="2023-09-13" if kind == "day" else "2023-W37",
        start=start,
        end=end,
        articles=[fr_article(), article("Other", "en", "other", 13)],
        previous=neighbour,
        next=None,
        url="editions/2023-09-13/",
    )


class FakePage:
    """The part of Pelican's paginator Page that index.html uses."""

    def __init__(self, object_list):
        self.object_list = object_list
        self.number = 1

    def has_other_pages(self):
        return False


def contexts(base):
    articles = [fr_article(), article("Putin in Moscow", "en", "putin-moscow", 12)]
    return {
        "index.html": {
            **base,
            "SITEURL": ".",
            "articles": articles,
            "articles_page": FakePage(articles),
            "latest_editions": [edition("day"), edition("week")],
        },
        "article.html": {**base, "article": fr_article()},
        "entity.html": {
            **base,
            "page_lang": "fr",
            "entity": PUTIN,
            "entity_articles": [SimpleNamespace(article=articles[0], sentence="Il a dit.")],
            "co_mentioned": [(MOSCOW, 4), (UN, 1)],
            "quotes": [SimpleNamespace(text="Nous verrons.", sentence="", article=articles[0])],
            "timeline": [timeline_entry("article", "Le président russe à Moscou", 13)],
        },
        "entities.html": {
            **base,
            "SITEURL": "..",
            "page_lang": "fr",
            "entity_groups": [("person", [PUTIN]), ("place", [MOSCOW]), ("organisation", [])],
        },
        "timeline.html": {
            **base,
            "SITEURL": "..",
            "page_lang": "fr",
            "year": None,
            "years": [("2023", "2023"), ("2010s", "2010–2019")],  # (page, label)
            "timeline_years": [
                (
                    2023,
                    [
                        (
                            dt.date(2023, 9, 1),
                            [
                                (
                                    dt.date(2023, 9, 13),
                                    [
                                        timeline_entry("article", "Le président à Moscou", 13),
                                        timeline_entry("event", "Il était venu", 13, "en"),
                                    ],
                                ),
                                (None, [timeline_entry("event", "En septembre", 1, "fr", "month")]),
                            ],
                        ),
                        (None, [(None, [timeline_entry("event", "En 2023", 1, "fr", "year")])]),
                    ],
                )
            ],
        },
        "edition.html": {**base, "page_lang": "fr", "edition": edition("week")},
        "digest.html": {
            **base,
            "digest": SimpleNamespace(
                title="La semaine en Russie",
                intro="<p>Une introduction.</p>",
                date=dt.date(2023, 9, 17),
                articles=articles,
                url="digests/russie/",
                lang="fr",
            ),
        },
        "search.html": {**base, "SITEURL": "."},
        "page.html": {
            **base,
            "page": SimpleNamespace(title="About", content="<p>About.</p>", lang="en"),
        },
        "404.html": {**base, "SITEURL": "."},
    }


H1 = {
    "index.html": ("en", "Digest"),
    "article.html": ("fr", "Le président russe à Moscou"),
    "entity.html": ("fr", "Vladimir Poutine"),
    "entities.html": ("fr", "Entités"),
    "timeline.html": ("fr", "Chronologie"),
    "edition.html": ("fr", "Semaine du 11 septembre 2023 au 17 septembre 2023"),
    "digest.html": ("fr", "La semaine en Russie"),
    "search.html": ("en", "Search"),
    "page.html": ("en", "About"),
    "404.html": ("en", "Page not found"),
}


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_renders_an_accessible_page(env, base_context, name):
    soup = render(env, name, contexts(base_context)[name])
    lang, h1 = H1[name]
    assert_page_basics(soup, lang, h1)
    if name != "404.html":
        assert_landmarks(soup)


@pytest.mark.parametrize("name", [name for name in TEMPLATES if name != "article.html"])
def test_only_articles_are_indexed_for_search(env, base_context, name):
    soup = render(env, name, contexts(base_context)[name])
    assert soup.find(attrs={"data-pagefind-body": True}) is None


def test_french_article_speaks_french(env, base_context):
    soup = render(env, "article.html", {**base_context, "article": fr_article()})
    box = soup.find("section", class_="entity-box")
    assert [h3.get_text() for h3 in box.find_all("h3")] == ["Personnes", "Lieux", "Organisations"]
    assert soup.find("time", datetime="2023-09-13").get_text() == "13 septembre 2023"
    assert soup.find("a", class_="skip-link").get_text() == "Aller au contenu"
    event = soup.find("section", class_="events").find("time")
    assert (event["datetime"], event.get_text()) == ("2016-03", "mars 2016")
    facts = soup.find("dl", class_="facts").get_text(" ", strip=True)
    assert "Auteur Jeanne Martin Langue français" in facts
    assert "2 minutes" in facts


def test_english_article_speaks_english(env, base_context):
    english = article("Putin in Moscow", "en", "putin-moscow", 13, reading_time=1)
    soup = render(env, "article.html", {**base_context, "article": english})
    assert soup.html["lang"] == "en"
    box = soup.find("section", class_="entity-box")
    assert [h3.get_text() for h3 in box.find_all("h3")] == ["People", "Places", "Organisations"]
    assert [a.get_text() for a in box.find_all("a")] == [
        "Vladimir Putin",
        "Moscow",
        "United Nations",
    ]
    assert soup.find("time", datetime="2023-09-13").get_text() == "September 13, 2023"
    assert "1 minute" in soup.find("dl", class_="facts").get_text()


def test_article_credit_source_and_authors(env, base_context):
    soup = render(env, "article.html", {**base_context, "article": fr_article()})
    credit = soup.find("p", class_="credit")
    assert credit.get_text() == (
        "Source\u00a0: Wikinews, CC BY 2.5, https://fr.wikinews.org/wiki/Exemple"
    )
    assert credit.find("a", rel="license")["href"].startswith("https://creativecommons.org/")
    source = soup.find("a", attrs={"data-pagefind-filter": "source"})
    assert (source.get_text(), source["href"]) == (
        "Wikinews",
        "https://fr.wikinews.org/wiki/Exemple",
    )
    assert "Jeanne Martin" in soup.find("dl", class_="facts").get_text()
    assert soup.find("a", href="../../Jeanne Martin") is None


def test_article_links_to_other_languages_carry_hreflang(env, base_context):
    soup = render(env, "article.html", {**base_context, "article": fr_article()})
    related = soup.find("section", class_="related").find("a")
    assert (related["href"], related["hreflang"]) == ("../../articles/putin-moscow/", "en")
    assert soup.find("a", rel="next")["hreflang"] == "en"
    assert not soup.find("a", rel="prev").has_attr("hreflang")


def test_article_carries_pagefind_filters_and_meta(env, base_context):
    soup = render(env, "article.html", {**base_context, "article": fr_article()})
    body = soup.find(attrs={"data-pagefind-body": True})
    assert body.name == "article"
    filters = {
        (tag["data-pagefind-filter"], tag.get_text())
        for tag in body.select("[data-pagefind-filter]")
    }
    assert {
        ("person", "Vladimir Poutine"),
        ("place", "Moscou"),
        ("organisation", "ONU"),
        ("language", "français"),
        ("source", "Wikinews"),
        ("year:2023", "13 septembre 2023"),
    } <= filters
    assert body.find(attrs={"data-pagefind-meta": "date:13 septembre 2023"})
    assert body.find(attrs={"data-pagefind-sort": "date:2023-09-13"})
    assert body.find("dl", class_="facts").has_attr("data-pagefind-ignore")


def test_json_ld_cannot_be_broken_out_of(env, base_context):
    hostile = fr_article(title="</script><script>alert(1)</script> & 'co'")
    soup = render(env, "article.html", {**base_context, "article": hostile})
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "alert(1) & 'co'"  # striptags, then safely encoded
    assert data["inLanguage"] == "fr"
    assert {"@type": "Person", "name": "Vladimir Poutine"} in data["mentions"]
    assert len(soup.find_all("script")) == 2  # JSON-LD and site.js, nothing injected


def test_canonical_only_with_an_absolute_site_url(env, base_context):
    relative = render(env, "article.html", {**base_context, "article": fr_article()})
    assert relative.find("link", rel="canonical") is None
    absolute = {**base_context, "SITEURL": "https://news.example.org", "article": fr_article()}
    canonical = render(env, "article.html", absolute).find("link", rel="canonical")
    assert canonical["href"] == "https://news.example.org/articles/president-moscou/"


def test_relative_urls_everywhere(env, base_context):
    soup = render(env, "article.html", {**base_context, "article": fr_article()})
    assert soup.find("link", rel="stylesheet")["href"] == "../../theme/css/site.css"
    menu = [a["href"] for a in soup.find("nav", class_="site-nav").find_all("a")]
    assert menu == [
        "../../index.html",
        "../../timeline/index.html",
        "../../entities/index.html",
        "../../search.html",
    ]
    entity_link = soup.find("section", class_="entity-box").find("a")
    assert entity_link["href"] == "../../entities/people/vladimir-poutine/"


def test_entity_page_links_its_feed(env, base_context):
    soup = render(env, "entity.html", contexts(base_context)["entity.html"])
    feed = soup.find("link", type="application/atom+xml", title="Vladimir Poutine")
    assert feed["href"] == "../../feeds/entities/vladimir-poutine.atom.xml"
    assert soup.find("p", class_="lede").get_text() == "Description de Vladimir Poutine"


def test_entities_index_is_complete_without_javascript(env, base_context):
    soup = render(env, "entities.html", contexts(base_context)["entities.html"])
    assert soup.find(attrs={"data-entity-tools": True}).has_attr("hidden")
    rows = soup.select(".entity-list li")
    assert [row["data-name"] for row in rows] == ["vladimir poutine", "moscou"]
    assert "3 articles" in rows[0].get_text()
    assert [h2.get_text(" ", strip=True) for h2 in soup.find_all("h2")] == [
        "Personnes (1)",
        "Lieux (1)",
        "Organisations (0)",
    ]


def test_timeline_groups_by_year_month_and_day(env, base_context):
    soup = render(env, "timeline.html", contexts(base_context)["timeline.html"])
    assert soup.find("section", id="year-2023").h2.get_text() == "2023"
    assert soup.find("h3").get_text() == "septembre 2023"
    entries = soup.select("li.entry")
    assert [entry["data-kinds"] for entry in entries] == ["person place"] * 4
    assert [h.get_text() for h in soup.find_all(["h3", "h4"])] == [
        "septembre 2023",
        "13 septembre 2023",
    ]
    assert [entry.time.get_text() for entry in entries[2:]] == ["septembre 2023", "2023"]
    assert entries[1].find(class_="entry-headline")["lang"] == "en"
    years = [(a["href"], a.get_text()) for a in soup.find("nav", class_="years").find_all("a")]
    assert years == [
        ("../timeline/index.html", "Récent"),
        ("../timeline/2023.html", "2023"),
        ("../timeline/2010s.html", "2010–2019"),
    ]


def test_day_edition_title_in_english(env, base_context):
    soup = render(env, "edition.html", {**base_context, "page_lang": "en", "edition": edition()})
    assert soup.h1.get_text() == "Edition of September 13, 2023"
    assert soup.find("a", rel="prev").get_text(" ", strip=True) == "Previous edition 2023-09-12"


def test_search_page_loads_pagefind_relatively(env, base_context):
    soup = render(env, "search.html", {**base_context, "SITEURL": ".."})
    # site.js imports ../pagefind/pagefind.js itself; Pagefind's own UI (which prints filter
    # values as HTML) is not loaded.
    assert [s["src"] for s in soup.find_all("script")] == ["../theme/js/site.js"]
    assert soup.find("div", id="search")["data-site-root"] == "../"
    assert soup.find("div", id="search")["data-results"] == "{count} results for “{term}”"
    assert "JavaScript" in soup.find("noscript").get_text()
    french = render(env, "search.html", {**base_context, "page_lang": "fr"})
    labels = json.loads(french.find("div", id="search")["data-filter-labels"])
    assert labels == {
        "person": "Personnes",
        "place": "Lieux",
        "organisation": "Organisations",
        "language": "Langue",
        "source": "Source",
        "year": "Année",
    }


def test_404_has_no_relative_assets(env, base_context):
    soup = render(env, "404.html", {**base_context, "SITEURL": "."})
    assert soup.find("link", rel="stylesheet") is None and soup.find("script") is None
    assert soup.find("main").find("a")["href"] == "/"
    absolute = render(env, "404.html", {**base_context, "FEED_DOMAIN": "https://n.example.org"})
    assert absolute.find("main").find("a")["href"] == "https://n.example.org/"


# ---- the glue: which language a page speaks ----


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ({"page_lang": "fr", "article": SimpleNamespace(lang="en")}, "Personnes"),
        ({"article": SimpleNamespace(lang="fr")}, "Personnes"),
        ({"page": SimpleNamespace(lang="fr")}, "Personnes"),
        ({"digest": SimpleNamespace(lang="fr")}, "Personnes"),
        ({"DEFAULT_LANG": "fr"}, "Personnes"),
        ({"DEFAULT_LANG": "en"}, "People"),
        ({}, "People"),
    ],
)
def test_gettext_follows_the_page_language(env, context, expected):
    assert env.from_string("{{ _('People') }}").render(context) == expected


def test_ngettext_uses_the_language_plural_rule(env):
    template = env.from_string("{{ ngettext('%(num)d article', '%(num)d articles', n) }}")
    assert [template.render(page_lang="fr", n=n) for n in (0, 1, 2)] == [
        "0 article",
        "1 article",
        "2 articles",
    ]
    assert template.render(page_lang="en", n=0) == "0 articles"


def test_filters_and_current_lang(env):
    template = env.from_string(
        "{{ current_lang() }}|{{ d|format_date(current_lang(), 'month') }}"
        "|{{ 'en'|lang_name('fr') }}"
    )
    assert template.render(page_lang="fr", d=dt.date(2023, 9, 13)) == "fr|septembre 2023|anglais"


def test_the_i18n_extension_is_added_once(env):
    from jinja2.ext import InternationalizationExtension
    from site_language.catalogs import Catalogs
    from site_language.glue import install_language

    install_language(env, Catalogs({}))
    i18n = [
        ext for ext in env.extensions.values() if isinstance(ext, InternationalizationExtension)
    ]
    assert len(i18n) == 1


def test_a_real_pelican_build_speaks_each_article_language(tmp_path):
    """The glue on Pelican's own ``generator_init``: a French and an English article."""
    from pelican import Pelican
    from pelican.settings import read_settings
    from template_fakes import THEME

    content = tmp_path / "content"
    content.mkdir()
    for slug, lang, title in [("un", "fr", "Un article"), ("two", "en", "An article")]:
        (content / f"{slug}.md").write_text(
            f"Title: {title}\nDate: 2023-09-13\nLang: {lang}\nSlug: {slug}\n\nText.\n",
            encoding="utf-8",
        )
    settings = read_settings(
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "THEME": str(THEME),
            "PLUGINS": ["article_page", "site_language"],  # article_page: autoescape, `sanitised`
            "DEFAULT_LANG": "fr",
            "SITENAME": "Digest",
            "RELATIVE_URLS": True,
            "ARTICLE_URL": "articles/{slug}.html",
            "ARTICLE_SAVE_AS": "articles/{slug}.html",
            "ARTICLE_LANG_URL": "articles/{slug}.html",
            "ARTICLE_LANG_SAVE_AS": "articles/{slug}.html",
            "DIRECT_TEMPLATES": ["index", "search"],
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
        }
    )
    Pelican(settings).run()
    output = tmp_path / "output"

    def page(path):
        return BeautifulSoup((output / path).read_text(encoding="utf-8"), "html.parser")

    french, english = page("articles/un.html"), page("articles/two.html")
    assert (french.html["lang"], french.find("a", class_="skip-link").get_text()) == (
        "fr",
        "Aller au contenu",
    )
    assert french.find("time").get_text() == "13 septembre 2023"
    assert (english.html["lang"], english.find("time").get_text()) == ("en", "September 13, 2023")
    home = page("index.html")
    assert home.html["lang"] == "fr"
    assert home.find("a", hreflang="en").get_text() == "An article"
    assert page("search.html").find("h1").get_text() == "Recherche"


def test_the_summary_is_not_repeated_when_the_body_begins_with_it(env, base_context):
    lede = fr_article(summary="<p>Texte avec lien…</p>", content="<p>Texte avec lien et suite.</p>")
    assert (
        render(env, "article.html", {**base_context, "article": lede}).find(class_="summary")
        is None
    )
    other = fr_article(summary="<p>Un résumé.</p>")
    shown = render(env, "article.html", {**base_context, "article": other}).find(class_="summary")
    assert shown.get_text() == "Un résumé."
