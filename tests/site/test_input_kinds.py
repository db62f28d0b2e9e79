"""A saved HTML page and a Markdown seed with metadata, built into pages with real Pelican and
the real French model."""

import shutil

import pytest
from sitekit import ROOT, Site

pytestmark = pytest.mark.site

MARKDOWN_SEED = """Title: Le cosmodrome de Vostotchny, vitrine spatiale russe
Authors: Jeanne Duval
Source: Le Journal du Matin

Le cosmodrome de Vostotchny, dans l’est de la Russie, a accueilli mercredi Vladimir Poutine et
Kim Jong-un. Le président russe a fait visiter le site de lancement des fusées Angara.
"""


@pytest.fixture(scope="module")
def kinds_site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("kinds-site"))
    shutil.copy(ROOT / "tests" / "ingest" / "fixtures" / "page_fr.html", site.seeds / "page.html")
    (site.seeds / "2023-09-14_vitrine.md").write_text(MARKDOWN_SEED, encoding="utf-8")
    site.build()
    return site


def facts(soup):
    dl = soup.find("dl", class_="facts")
    return {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in dl.find_all("dt")}


def test_html_page_gives_title_date_author_source_and_link(kinds_site):
    page = kinds_site.page(
        "articles/poutine-et-kim-jong-un-se-retrouvent-au-cosmodrome-de-vostotchny.html"
    )
    assert page.h1.get_text() == "Poutine et Kim Jong-un se retrouvent au cosmodrome de Vostotchny"
    values = facts(page)
    assert values["Date"].time["datetime"] == "2023-09-13"
    assert values["Auteur"].get_text(strip=True) == "Claire Martin"
    source = values["Source"].find("a")
    assert source.get_text() == "Le Journal du Matin"
    # <link rel=canonical> wins over og:url
    assert source["href"] == "https://www.journal-du-matin.example/monde/poutine-kim-vostotchny"
    assert page.html["lang"] == "fr"
    people = {a.get_text() for a in page.select("section.entity-box a.entity-person")}
    assert {"Vladimir Poutine", "Kim Jong-un"} <= people
    assert page.find("div", class_="content").find_all(["script", "iframe"]) == []


def test_markdown_seed_keeps_what_the_editor_wrote_and_infers_the_rest(kinds_site):
    [path] = [p for p in kinds_site.article_files() if "vitrine" in p.name]
    text = path.read_text(encoding="utf-8")
    assert "Title: Le cosmodrome de Vostotchny, vitrine spatiale russe\n" in text
    assert "Date: 2023-09-14\n" in text  # from the file name
    assert "Lang: fr\n" in text  # detected
    assert "title from editor (line 1)" in text
    page = kinds_site.page(f"articles/{path.stem}.html")
    assert facts(page)["Source"].get_text(strip=True) == "Le Journal du Matin"
    places = {a.get_text() for a in page.select("section.entity-box a.entity-place")}
    people = {a.get_text() for a in page.select("section.entity-box a.entity-person")}
    assert "Russie" in places
    assert {"Vladimir Poutine", "Kim Jong-un"} <= people
