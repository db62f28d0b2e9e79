"""The site model on a real build: one name matcher, so an entity's page, its timeline and its
mention count agree, whatever apostrophes and hyphens the text uses; analyses are kept by
content, so a second build analyses nothing."""

import logging
import re

import pytest
from sitekit import EXAMPLE_SLUG, Site

pytestmark = pytest.mark.site

BRIEFS = 11  # with the seed and ARTICLE: 13 articles, two archive pages of 10
ARTICLE = """Title: Kim Jong‑un et la Commission d’enquête de Saint‑Pétersbourg
Date: 2023-09-20 10:00
Slug: kim-au-conseil
Lang: fr
Source: Rédaction
People: Kim Jong-un
Organisations: Commission d'enquête de Saint-Pétersbourg

La Commission d’enquête de Saint‑Pétersbourg a convoqué une réunion. Kim Jong‑un ne viendra pas.

Kim Jong‑un avait déjà boudé la Commission d'enquête de Saint-Pétersbourg il y a trois ans, selon un
diplomate. Kim‑Jong n’est pas un nom, Kimberley non plus.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    built = Site(tmp_path_factory.mktemp("site-model"))
    built.add_example()
    (built.content / "articles" / "kim-au-conseil.md").write_text(ARTICLE, encoding="utf-8")
    for day in range(1, BRIEFS + 1):
        (built.content / "articles" / f"breve-{day}.md").write_text(
            f"Title: Brève {day}\nDate: 2023-08-{day:02d} 08:00\nLang: fr\nPlaces: Lyon\n\n"
            f"Lyon, le {day} août : rien à signaler.\n",
            encoding="utf-8",
        )
    built.build()
    return built


def entry_texts(page, selector: str) -> list[str]:
    return [" ".join(li.get_text(" ").split()) for li in page.select(selector)]


def test_page_timeline_and_count_agree_on_typographic_names(site):
    page = site.page("entities/organisations/commission-d-enquete-de-saint-petersbourg.html")
    facts = {
        div.dt.get_text(strip=True): div.dd.get_text(strip=True)
        for div in page.select("dl.facts > div")
    }
    assert facts["Mentions"] == "2"  # ’ and U+2011, then ' and -, in one article
    [quoted] = page.select("blockquote.mention p")
    assert (
        quoted.get_text() == "La Commission d’enquête de Saint‑Pétersbourg a convoqué une réunion."
    )
    events = entry_texts(page, "li.entry-event")
    assert len(events) == 1 and "il y a trois ans" in events[0], events
    assert "2020" in page.select_one("li.entry-event time")["datetime"]

    kim = site.page("entities/people/kim-jong-un.html")
    kim_facts = {
        d.dt.get_text(strip=True): d.dd.get_text(strip=True) for d in kim.select("dl.facts > div")
    }
    # The seed names him too ("Kim Jong-un", "Kim"); this article twice ("Kim Jong‑un" with
    # U+2011), never in "Kim‑Jong" nor "Kimberley".
    seed = site.content / "articles" / f"{EXAMPLE_SLUG}.md"
    seed_body = seed.read_text(encoding="utf-8").split("\n\n", 1)[1]
    in_seed = len(re.findall(r"(?<![\w-])Kim(?: Jong-un)?(?![\w-])", seed_body))
    assert in_seed >= 1
    assert kim_facts["Mentions"] == str(in_seed + 2)
    assert any("il y a trois ans" in text for text in entry_texts(kim, "li.entry-event"))


def test_first_mentions_linked_once_in_the_article(site):
    page = site.page("articles/kim-au-conseil.html")
    links = {
        a.get_text(): a["href"]
        for a in page.select("article .content a.entity-link, article a.entity-link")
        if a.find_parent(class_="entity-box") is None
    }
    assert links["Commission d’enquête de Saint‑Pétersbourg"] == (
        "../entities/organisations/commission-d-enquete-de-saint-petersbourg.html"
    )
    assert links["Kim Jong‑un"] == "../entities/people/kim-jong-un.html"
    body = page.select_one("[data-pagefind-body]") or page
    assert len([a for a in body.select("a.entity-link") if a.get_text() == "Kim Jong‑un"]) == 1


def glue_messages(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "site_model.glue"]


def fragment_counts(message: str) -> tuple[int, int]:
    """(read, rendered) from the glue's closing message on fragments."""
    found = re.fullmatch(r"site model: (\d+) fragments read, (\d+) rendered", message)
    assert found, message
    return int(found[1]), int(found[2])


def test_a_build_with_nothing_changed_keeps_the_model_pages(site, caplog):
    before = {p: p.stat().st_mtime_ns for p in site.output.rglob("*.html")}
    with caplog.at_level(logging.INFO, logger="site_model.glue"):
        site.build()
    assert glue_messages(caplog) == [
        "site model: nothing changed since the last build; its pages are kept"
    ]
    assert {p: p.stat().st_mtime_ns for p in site.output.rglob("*.html")} == before


def test_a_touched_output_file_is_made_again_from_every_analysis(site, caplog):
    page = site.output / "entities" / "places" / "lyon.html"
    good = page.read_bytes()
    page.write_bytes(good + b"<!-- edited by hand -->")
    with caplog.at_level(logging.INFO, logger="site_model.glue"):
        site.build()
    *messages, kept, fragments = glue_messages(caplog)
    assert messages == [
        "site model: output/ changed since the last build; everything is checked",
        f"site model: {BRIEFS + 2} analyses read, 0 made",
    ]
    # Only Lyon's files are made again: the other entities' files are as they were left.
    entities = len(list((site.output / "entities").rglob("*.atom.xml")))
    assert kept == (
        f"site model: the files of {entities - 1} entities kept as they were, of 1 made again"
    )
    read, rendered = fragment_counts(fragments)
    assert read > 0 and rendered == 0  # every fragment the last build rendered is kept
    assert page.read_bytes() == good


def test_an_edited_article_is_a_normal_build(site, caplog):
    brief = site.content / "articles" / "breve-1.md"
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text.replace("rien à signaler", "tout est calme"), encoding="utf-8")
    try:
        with caplog.at_level(logging.INFO, logger="site_model.glue"):
            site.build()
        analyses, kept, fragments = glue_messages(caplog)
        assert analyses == f"site model: {BRIEFS + 1} analyses read, 1 made"
        assert kept.endswith("entities kept as they were, of 1 made again")  # Lyon
        read, rendered = fragment_counts(fragments)
        assert 0 < rendered < read  # the edited article's fragments only
        assert "tout est calme" in (site.output / "articles" / "breve-1.html").read_text("utf-8")
    finally:
        brief.write_text(text, encoding="utf-8")
        site.build()


def titles(page) -> list[str]:
    return [h.get_text(strip=True) for h in page.select(".card-title")]


def test_archive_pages_are_numbered_from_the_oldest(site):
    """A new article changes the newest archive page only: page 1 holds the first ten."""
    home = site.page("index.html")
    assert len(titles(home)) == 10
    assert titles(home)[-1] == "Brève 4"  # Kim, the seed, then Brève 11 down to 4
    assert home.select_one("a[rel=next]")["href"] == "./archive/page-2.html"
    first = site.page("archive/page-1.html")
    assert titles(first) == [f"Brève {day}" for day in range(10, 0, -1)]
    assert first.select_one("a[rel=prev]")["href"] == "../archive/page-2.html"
    assert first.select_one("a[rel=next]") is None
    second = site.page("archive/page-2.html")
    assert len(titles(second)) == 3 and titles(second)[-1] == "Brève 11"
    assert second.select_one("a[rel=next]")["href"] == "../archive/page-1.html"
    assert second.select_one("a[rel=prev]")["href"] == "../index.html"
    assert not (site.output / "index2.html").exists()


@pytest.fixture(scope="module")
def small_pages(tmp_path_factory):
    """The same briefs, with small pages: five articles an entity page, four timeline entries."""
    built = Site(tmp_path_factory.mktemp("small-pages"))
    for day in range(1, BRIEFS + 1):
        (built.content / "articles" / f"breve-{day}.md").write_text(
            f"Title: Brève {day}\nDate: 2023-08-{day:02d} 08:00\nLang: fr\nPlaces: Lyon\n\n"
            f"Lyon : rien à signaler.\n",
            encoding="utf-8",
        )
    built.build(ENTITIES_PAGE_ARTICLES=5, TIMELINES_ENTITY_INLINE=3, TIMELINES_PAGE_SIZE=4)
    return built


def test_an_entity_page_shows_its_newest_articles_and_links_its_archive(small_pages):
    page = small_pages.page("entities/places/lyon.html")
    section = page.find(id="articles-heading").find_parent("section")
    assert [a.get_text() for a in section.select("li > a")] == [
        f"Brève {day}" for day in (11, 10, 9, 8, 7)
    ]
    archive = section.find("a", href="../../entities/places/lyon.articles-3.html")
    assert archive.get_text() == "Les 11 articles"
    pages = {n: small_pages.page(f"entities/places/lyon.articles-{n}.html") for n in (1, 2, 3)}
    listed = {n: [a.get_text() for a in p.select("main li > a")] for n, p in pages.items()}
    assert listed == {
        1: [f"Brève {day}" for day in (5, 4, 3, 2, 1)],
        2: [f"Brève {day}" for day in (10, 9, 8, 7, 6)],
        3: ["Brève 11"],
    }
    assert pages[3].select_one("a[rel=prev]")["href"] == "../../entities/places/lyon.html"
    assert (
        pages[3].select_one("a[rel=next]")["href"] == "../../entities/places/lyon.articles-2.html"
    )
    assert not (small_pages.output / "entities/places/lyon.articles-4.html").exists()


def test_a_long_entity_timeline_has_its_newest_entries_then_year_pages(small_pages):
    latest = small_pages.page("entities/places/lyon.timeline.html")
    assert len(latest.select("li.entry")) == 4
    years = latest.select("nav.years a[data-year]")
    assert [(a.get_text(), a["href"]) for a in years] == [
        ("2023", "../../entities/places/lyon.timeline-2023.html")
    ]
    year = small_pages.page("entities/places/lyon.timeline-2023.html")
    assert len(year.select("li.entry-article")) == BRIEFS


def test_a_long_entity_timeline_has_a_page_per_decade_where_it_is_sparse(tmp_path):
    """Years of a decade holding less than a page share one page: two briefs of the 1990s and
    one of the 2000s are on the decade pages, the six of 2023 on their year's."""
    built = Site(tmp_path)
    dates = ["1995-03-01", "1997-06-01", "2008-01-15"] + [f"2023-08-{d:02d}" for d in range(1, 7)]
    for number, date in enumerate(dates, 1):
        (built.content / "articles" / f"breve-{number}.md").write_text(
            f"Title: Brève {number}\nDate: {date} 08:00\nLang: fr\nPlaces: Lyon\n\n"
            "Lyon : rien à signaler.\n",
            encoding="utf-8",
        )
    built.build(TIMELINES_ENTITY_INLINE=3, TIMELINES_PAGE_SIZE=4)
    latest = built.page("entities/places/lyon.timeline.html")
    shown = [(a.get_text(), a["href"]) for a in latest.select("nav.years a[data-year]")]
    prefix = "../../entities/places/lyon.timeline-"
    assert shown == [
        ("2023", f"{prefix}2023.html"),
        ("2000–2009", f"{prefix}2000s.html"),
        ("1990–1999", f"{prefix}1990s.html"),
    ]
    listed = {
        period: [a.get_text() for a in built.page(f"entities/places/lyon.timeline-{period}.html")
                 .select("li.entry-article a.entry-headline")]
        for period in ("2023", "2000s", "1990s")
    }  # fmt: skip
    assert listed == {
        "2023": [f"Brève {n}" for n in (9, 8, 7, 6, 5, 4)],
        "2000s": ["Brève 3"],
        "1990s": ["Brève 2", "Brève 1"],
    }
    decade = built.page("entities/places/lyon.timeline-1990s.html")
    assert decade.select_one('nav.years a[aria-current="page"]').get_text() == "1990–1999"
    assert [h.get_text() for h in decade.select("section.timeline-year h2")] == ["1997", "1995"]
    pages = sorted(p.name for p in (built.output / "entities" / "places").glob("lyon.timeline*"))
    assert pages == [f"lyon.timeline-{p}.html" for p in ("1990s", "2000s", "2023")] + [
        "lyon.timeline.html"
    ]


def test_a_build_that_logged_a_problem_is_never_reused(tmp_path, caplog):
    """The shortcut of a build with nothing changed would not repeat the problem: a build that
    logged one leaves no state, and the next builds the model again and reports it again.
    (Pelican logs an info or a warning once per process: the state file is what is checked.)"""
    project = Site(tmp_path)
    state = tmp_path / ".pelican-cache" / "site-model-state.json"
    (project.content / "articles" / "lyon.md").write_text(
        "Title: Lyon\nSlug: lyon\nDate: 2023-08-01 08:00\nLang: fr\nPlaces: Lyon\n\n"
        "Lyon, le 1er août : rien à signaler.\n",
        encoding="utf-8",
    )
    digest = project.content / "digests" / "semaine.md"
    digest.parent.mkdir()
    digest.write_text(
        "Title: La semaine\nDate: 2023-08-02\nLang: fr\nSlug: semaine\nArticles: absent\n\n"
        "Une sélection.\n",
        encoding="utf-8",
    )
    missing = "content/digests/semaine.md: article 'absent' does not exist"
    for _ in range(2):
        caplog.clear()
        project.build()
        errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
        assert [m for m in errors if m.startswith(missing)], errors  # reported every time
        assert not state.exists()
    digest.write_text(digest.read_text(encoding="utf-8").replace("absent", "lyon"), "utf-8")
    project.build()
    assert state.exists()
    pages = {p: p.stat().st_mtime_ns for p in project.output.rglob("*.html")}
    project.build()
    assert {p: p.stat().st_mtime_ns for p in project.output.rglob("*.html")} == pages
    assert state.exists()
