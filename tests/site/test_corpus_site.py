"""The seed and the 175 corpus articles (with their JSON sidecars) built as one site."""

import json

import pytest

pytestmark = [pytest.mark.site, pytest.mark.corpus]


@pytest.fixture(scope="module")
def entities(corpus_site):
    data = json.loads((corpus_site.output / "entities.json").read_text(encoding="utf-8"))
    return {(e["kind"], e["name"]): e for e in data["entities"]}


def test_every_corpus_article_converts(corpus_site):
    assert len(corpus_site.article_files()) == 176
    assert len(list((corpus_site.output / "articles").glob("*.html"))) == 176


@pytest.mark.parametrize(
    ("name", "fr", "en", "languages"),
    [
        # No English article of the corpus names Putin: his page has the French ones.
        ("Vladimir Poutine", "Vladimir Poutine", "Vladimir Putin", {"fr"}),
        ("Kim Jong-un", "Kim Jong-un", "Kim Jong Un", {"fr", "en"}),
        ("Barack Obama", "Barack Obama", "Barack Obama", {"fr", "en"}),
        ("Donald Trump", "Donald Trump", "Donald Trump", {"fr", "en"}),
    ],
)
def test_recurring_people_have_one_page_with_all_their_articles(
    corpus_site, entities, name, fr, en, languages
):
    people = [e for (kind, _), e in entities.items() if kind == "person"]
    same = [e for e in people if e["names"].get("fr") == fr or e["names"].get("en") == en]
    assert [e["name"] for e in same] == [name]
    [entity] = same
    langs = set()
    page = corpus_site.page(entity["url"])
    section = page.find(id="articles-heading").find_parent("section")
    links = section.find_all("a", href=lambda h: h and "articles/" in h)
    listed = {a["href"].removeprefix("../../") for a in links}
    assert listed == set(entity["article_urls"])
    for url in entity["article_urls"]:
        langs.add(corpus_site.page(url).html["lang"])
    assert langs == languages


def test_no_page_for_a_surname_alone_when_the_full_name_is_known(entities):
    names = {name for kind, name in entities if kind == "person"}
    for alone in ("Poutine", "Putin", "Obama", "Trump"):
        assert alone not in names


def test_site_timeline_spans_2004_to_2023_in_order(corpus_site):
    years = [int(a.get_text()) for a in corpus_site.page("timeline/index.html")
             .find("nav", class_="years").find_all("a", attrs={"data-year": True})]  # fmt: skip
    assert years == sorted(years, reverse=True)
    assert years[0] == 2023
    assert {2004, 2010, 2016, 2017, 2018} <= set(years)
    for year in (2004, 2016, 2018):
        page = corpus_site.page(f"timeline/{year}.html")
        dates = [t["datetime"] for t in page.find_all("time") if t.find_parent("h4")]
        assert dates == sorted(dates, reverse=True)
        assert all(d.startswith(str(year)) for d in dates)


def test_entity_timeline_lists_its_articles_in_order(corpus_site, entities):
    entity = entities[("person", "Vladimir Poutine")]
    page = corpus_site.page(entity["url"])
    timeline = page.find(id="timeline-heading").find_parent("section")
    dates = [t["datetime"] for t in timeline.find_all("time")]
    assert dates == sorted(dates)
    linked = {
        a["href"].removeprefix("../../") for a in timeline.find_all("a") if "articles/" in a["href"]
    }
    assert set(entity["article_urls"]) <= linked


def test_wikinews_articles_carry_the_credit_and_licence(corpus_site):
    [path] = [p for p in (corpus_site.output / "articles").glob("*.html")
              if "space-x-dragon" in p.name or "spacex" in p.name][:1]  # fmt: skip
    credit = corpus_site.page(path.relative_to(corpus_site.output)).find("p", class_="credit")
    assert "Wikinews" in credit.get_text()
    assert credit.find("a", rel="license")["href"] == "https://creativecommons.org/licenses/by/2.5/"
    assert credit.find("a", class_="credit-url")["href"].startswith("https://fr.wikinews.org/wiki/")


def test_a_long_entity_timeline_gets_a_page_of_its_own(corpus_site, entities):
    entity = entities[("place", "États-Unis")]
    page = corpus_site.page(entity["url"])
    section = page.find(id="timeline-heading").find_parent("section")
    assert len(section.find_all("li", class_="entry")) == 20
    full = section.find("a", href=lambda h: h and h.endswith(".timeline.html"))
    full_page = corpus_site.page(entity["url"].replace(".html", ".timeline.html"))
    assert full_page.h1.get_text() == "Chronologie : États-Unis"
    entries = full_page.find_all("li", class_="entry")
    assert full.get_text() == f"Chronologie complète ({len(entries)} entrées)"
    assert len(entries) > 20
