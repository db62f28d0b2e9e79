"""The project's seed, built with real Pelican and the real French model, read as HTML."""

import json

import pytest

pytestmark = pytest.mark.site

SEED_ENTITIES = {
    "people": {"Vladimir Poutine", "Kim Jong-un", "Dmitri Peskov", "Sergueï Choïgou",
               "Nicolas Rocca"},
    "places": {"Vostotchny", "Russie", "Corée du Nord", "Moscou", "Séoul", "Washington",
               "Ukraine"},
    "organisations": {"Kremlin", "Conseil de sécurité des Nations unies"},
}  # fmt: skip
# The article's metadata names an entity as the article writes it; its page and chips by the
# alias book's name.
WRITTEN = {"Conseil de sécurité des Nations unies": "Conseil de sécurité de l'ONU"}
SLUG = "vladimir-poutine-et-kim-jong-un-se-sont-retrouves-au-cosmodrome-russe"
TITLE = "Vladimir Poutine et Kim Jong-un se sont retrouvés au cosmodrome russe de Vostotchny"
ARTICLE = f"articles/{SLUG}.html"


def section(soup, heading_id):
    return soup.find(id=heading_id).find_parent("section")


def test_the_seed_becomes_a_markdown_article_with_its_metadata(seed_site):
    [path] = seed_site.article_files()
    assert path.name == f"{SLUG}.md"
    header = dict(
        line.split(": ", 1)
        for line in path.read_text(encoding="utf-8").split("\n\n")[0].splitlines()
    )
    assert header["Title"] == TITLE  # subject, verb and object: the parse's headline
    assert header["Date"] == "2023-09-13"
    assert header["Lang"] == "fr"
    assert header["Source"] == "RFI"
    assert header["Summary"].startswith("Le président russe Vladimir Poutine et le dirigeant")
    assert header["Raw"] == "seeds/000_c3b89795a0f00579.txt"
    for kind, names in SEED_ENTITIES.items():
        assert set(header[kind.capitalize()].split("; ")) == {WRITTEN.get(n, n) for n in names}
    assert "date from editor (sidecar)" in header["Found"]
    assert "source from last line (line 13)" in header["Found"]


def test_article_page_shows_title_date_source_language_summary(seed_site):
    soup = seed_site.page(ARTICLE)
    assert soup.html["lang"] == "fr"
    assert soup.h1.get_text(strip=True) == TITLE
    facts = soup.find("dl", class_="facts")
    values = {
        dt.get_text(strip=True).rstrip(" :"): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in facts.find_all("dt")
    }
    assert values["Date"] == "13 septembre 2023"
    assert values["Source"] == "RFI"
    assert values["Langue"] == "français"
    assert facts.find("time")["datetime"] == "2023-09-13"
    body = soup.find("div", class_="content").get_text(" ", strip=True)
    assert body.startswith("Le président russe Vladimir Poutine et le dirigeant nord-coréen")
    assert "RFI" not in body  # the credit line is metadata, not text
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Le président russe Vladimir Poutine")


def test_article_page_lists_the_14_entities_by_kind_in_french(seed_site):
    box = section(seed_site.page(ARTICLE), "entities-heading")
    groups = {
        h3.get_text(strip=True): {a.get_text(strip=True) for a in h3.find_next_sibling("ul")("a")}
        for h3 in box.find_all("h3")
    }
    assert groups == {
        "Personnes": SEED_ENTITIES["people"],
        "Lieux": SEED_ENTITIES["places"],
        "Organisations": SEED_ENTITIES["organisations"],
    }


def test_first_mentions_in_the_body_link_to_entity_pages(seed_site):
    content = seed_site.page(ARTICLE).find("div", class_="content")
    links = {a.get_text(): a["href"] for a in content.find_all("a", class_="entity-link")}
    assert links["Vladimir Poutine"] == "../entities/people/vladimir-poutine.html"
    assert links["Kim Jong-un"] == "../entities/people/kim-jong-un.html"
    assert links["Kremlin"] == "../entities/organisations/kremlin.html"
    assert len(content.find_all("a", href="../entities/people/vladimir-poutine.html")) == 1
    for href in links.values():
        assert (seed_site.output / "articles" / href).resolve().is_file()


def test_one_entity_page_per_entity_and_none_for_partial_names(seed_site):
    for folder, names in SEED_ENTITIES.items():
        pages = sorted((seed_site.output / "entities" / folder).glob("*.html"))
        titles = {seed_site.page(p.relative_to(seed_site.output)).h1.get_text() for p in pages}
        assert titles == names
    assert not (seed_site.output / "entities" / "people" / "poutine.html").exists()
    assert not (seed_site.output / "entities" / "people" / "kim.html").exists()


def test_entity_page_lists_the_article_sentence_quote_and_feed(seed_site):
    soup = seed_site.page("entities/people/vladimir-poutine.html")
    assert soup.h1.get_text() == "Vladimir Poutine"
    articles = section(soup, "articles-heading")
    item = articles.find("a", href=f"../../{ARTICLE}").find_parent("li")
    assert item.time["datetime"] == "2023-09-13"
    assert item.find(class_="source").get_text(strip=True) == "· RFI"
    assert articles.blockquote.get_text(strip=True).startswith("Le président russe Vladimir")
    quotes = section(soup, "quotes-heading")
    assert "très content" in quotes.get_text()
    feed = soup.find("a", class_="feed")["href"]
    atom = (seed_site.output / "entities" / "people" / feed).read_text(encoding="utf-8")
    assert SLUG in atom
    co = section(soup, "co-heading")
    assert "Kim Jong-un" in {a.get_text() for a in co.find_all("a")}


@pytest.mark.parametrize(
    ("page", "mentions"),
    [("vladimir-poutine", "4"), ("kim-jong-un", "3"), ("dmitri-peskov", "1")],
)
def test_entity_page_counts_every_mention_in_the_text(seed_site, page, mentions):
    facts = seed_site.page(f"entities/people/{page}.html").find("dl", class_="facts")
    values = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text() for dt in facts("dt")}
    assert values["Mentions"] == mentions
    assert values["Articles"] == "1"


def test_entity_index_groups_every_entity_by_kind(seed_site):
    soup = seed_site.page("entities/index.html")
    names = {a.get_text(strip=True) for a in soup.find_all("a", class_="entity-link")}
    assert names == set().union(*SEED_ENTITIES.values())


def test_entities_json_exports_the_14_entities(seed_site):
    data = json.loads((seed_site.output / "entities.json").read_text(encoding="utf-8"))
    by_name = {entity["name"]: entity for entity in data["entities"]}
    assert set(by_name) == set().union(*SEED_ENTITIES.values())
    putin = by_name["Vladimir Poutine"]
    assert putin["kind"] == "person"
    assert putin["article_urls"] == [ARTICLE]
    assert "Putin" in putin["aliases"]


def test_timeline_shows_the_article_and_the_events_it_dates(seed_site):
    soup = seed_site.page("timeline/index.html")
    years = [h2.get_text(strip=True) for h2 in soup.find_all("h2") if h2.get_text().isdigit()]
    assert years == ["2023", "2016"]
    # "il y a sept ans" in a 2023 story: 2016, known to the year only.
    year_2016 = soup.find(id="year-2016-heading").find_parent("section")
    [event_2016] = year_2016.find_all("li", class_="entry-event")
    assert event_2016.time["datetime"] == "2016"
    assert "cosmodrome de Vostotchny, entré en service il y a sept ans" in event_2016.get_text()
    assert event_2016.find("a", href=f"../{ARTICLE}")
    # "ce mercredi": the day of publication, with the article itself.
    day = soup.find("time", datetime="2023-09-13").find_parent("div", class_="timeline-day")
    assert day.find("li", class_="entry-article").find("a", href=f"../{ARTICLE}")
    [event_day] = day.find_all("li", class_="entry-event")
    assert "rapportaient ce mercredi les agences russes" in event_day.get_text()


def test_timeline_json_is_timelinejs(seed_site):
    data = json.loads((seed_site.output / "timeline.json").read_text(encoding="utf-8"))
    dates = [event["start_date"] for event in data["events"]]
    assert {"year": 2016} in dates
    assert {"year": 2023, "month": 9, "day": 13} in dates
    assert all({"headline", "text"} <= set(event["text"]) for event in data["events"])


def test_day_and_week_editions(seed_site):
    day = seed_site.page("editions/2023-09-13.html")
    week = seed_site.page("editions/2023-W37.html")
    for soup in (day, week):
        assert soup.find("a", href=f"../{ARTICLE}")


def test_editions_index_lists_weeks_and_their_days(seed_site):
    soup = seed_site.page("editions/index.html")
    assert soup.h1.get_text() == "Éditions"
    week = soup.find("a", href="../editions/2023-W37.html")
    assert week.get_text() == "Semaine du 11 septembre 2023 au 17 septembre 2023"
    day = week.find_parent("li").find("a", href="../editions/2023-09-13.html")
    assert day.time["datetime"] == "2023-09-13"
    assert seed_site.page("index.html").find("a", href="./editions/index.html")


def test_search_index_was_built(seed_site):
    assert (seed_site.output / "pagefind" / "pagefind.js").is_file()
    assert (seed_site.output / "pagefind" / "pagefind-ui.js").is_file()


def test_building_again_changes_no_article(seed_site):
    [path] = seed_site.article_files()
    before = path.read_bytes()
    seed_site.build()
    assert path.read_bytes() == before


def test_curated_digest_has_a_page_and_a_feed_entry(seed_site):
    soup = seed_site.page("digests/vostotchny.html")
    assert soup.h1.get_text() == "Poutine et Kim à Vostotchny"
    assert "vitrine spatiale de la Russie" in soup.find("div", class_="intro").get_text()
    assert soup.find("a", href=f"../{ARTICLE}")
    feed = (seed_site.output / "feeds" / "digests.atom.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 1
    assert "digests/vostotchny.html" in feed
    home = seed_site.page("index.html")
    assert home.find("a", href="./digests/vostotchny.html")


def test_the_project_builds_strictly(seed_site):
    seed_site.build(DIGEST_STRICT=True)  # raises StrictBuildFailed on any logged error
    assert (seed_site.output / ARTICLE).is_file()
