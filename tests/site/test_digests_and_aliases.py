"""Editor-owned files that are not articles: curated digests and the alias file.

These sites have hand-written articles in content/articles/ and no seeds, so no model runs.
"""

import logging

import pytest

pytestmark = pytest.mark.site

ARTICLE = """Title: Sommet à Vostotchny
Date: 2023-09-13T10:00:00+02:00
Slug: sommet
Lang: fr
People: Vladimir Poutine; Kim Jong-un
Places: Russie

Vladimir Poutine a reçu Kim Jong-un en Russie.
"""


@pytest.fixture
def editor_site(site):
    (site.content / "articles" / "sommet.md").write_text(ARTICLE, encoding="utf-8")
    (site.content / "digests").mkdir()
    return site


def errors(caplog):
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_digest_keeps_the_editors_order(editor_site):
    (editor_site.content / "articles" / "autre.md").write_text(
        ARTICLE.replace("Slug: sommet", "Slug: autre").replace("Sommet", "Autre"),
        encoding="utf-8",
    )
    (editor_site.content / "digests" / "semaine.md").write_text(
        "Title: La semaine\nDate: 2023-09-15\nArticles: autre; sommet\n\nIntro.\n",
        encoding="utf-8",
    )
    editor_site.build()
    links = [a["href"] for a in editor_site.page("digests/la-semaine.html").select("h3 a")]
    assert links == ["../articles/autre.html", "../articles/sommet.html"]


def test_a_digest_naming_a_missing_article_is_an_error(editor_site, caplog):
    (editor_site.content / "digests" / "semaine.md").write_text(
        "Title: La semaine\nDate: 2023-09-15\nArticles: sommet; disparu\n\nIntro.\n",
        encoding="utf-8",
    )
    editor_site.build()
    assert errors(caplog) == [
        "content/digests/semaine.md: article 'disparu' does not exist; use the slug of an "
        "article (the file name in content/articles/ without .md)"
    ]
    assert editor_site.page("digests/la-semaine.html").find("a", href="../articles/sommet.html")


def test_a_digest_without_a_date_is_an_error(editor_site, caplog):
    (editor_site.content / "digests" / "vague.md").write_text(
        "Title: Vague\nArticles: sommet\n\nIntro.\n", encoding="utf-8"
    )
    editor_site.build()
    assert errors(caplog) == [
        "content/digests/vague.md: a digest needs a date: add a line 'Date: YYYY-MM-DD'"
    ]


def test_the_alias_file_renames_and_describes_an_entity(editor_site):
    (editor_site.content / "entities.yml").write_text(
        "Vladimir Poutine:\n  kind: person\n  names: {fr: Vladimir Poutine, en: Vladimir Putin}\n"
        "  description: {fr: Président de la Russie depuis 2012}\n",
        encoding="utf-8",
    )
    editor_site.build()
    page = editor_site.page("entities/people/vladimir-poutine.html")
    assert page.find("p", class_="lede").get_text() == "Président de la Russie depuis 2012"


def test_the_alias_file_can_ignore_a_false_positive(editor_site):
    (editor_site.content / "entities.yml").write_text("Russie: ignore\n", encoding="utf-8")
    editor_site.build()
    assert not (editor_site.output / "entities" / "places" / "russie.html").exists()
    assert (editor_site.output / "entities" / "people" / "kim-jong-un.html").exists()


def test_a_bad_alias_file_is_an_error_with_its_line_and_the_site_still_builds(editor_site, caplog):
    (editor_site.content / "entities.yml").write_text(
        "# editors' aliases\nVladimir Poutine:\n  kind: persn\n", encoding="utf-8"
    )
    editor_site.build()
    assert errors(caplog) == [
        "content/entities.yml:3: kind 'persn' is not one of person, place, organisation"
    ]
    assert (editor_site.output / "entities" / "people" / "vladimir-poutine.html").exists()


def test_an_editor_article_never_links_a_script_url(editor_site, caplog):
    article = editor_site.content / "articles" / "sommet.md"
    text = article.read_text(encoding="utf-8").replace(
        "Lang: fr\n", "Lang: fr\nSource: RFI\nSource_url: javascript:alert(6)\n"
    )
    article.write_text(text, encoding="utf-8")
    editor_site.build()
    page = editor_site.page("articles/sommet.html")
    assert not [a for a in page.find_all("a", href=True) if "javascript" in a["href"]]
    assert "Source_url 'javascript:alert(6)' is not an http(s) address" in caplog.text
