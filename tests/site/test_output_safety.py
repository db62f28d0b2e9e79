"""Hostile content files in one real build: no payload becomes markup, no file lands outside
output/, each refusal is an error naming its file, and a strict build fails.

The files are what an editor (or a seed converted by ingest) could commit into content/: an
unsafe slug, an unknown language, Pelican's own path and template keys, markup in a source, an
entity name and a digest, a 5,000-character entity name. No seeds: no model runs.
"""

import json
import logging
from pathlib import Path

import pytest
from sitekit import Site

pytestmark = pytest.mark.site

IMG = "<img src=x onerror=alert(1)>"
LONG_NAME = " ".join(["Abcdefghij"] * 455)  # 5,004 characters


def article(slug_line: str, title: str = "Sommet à Vostotchny", **lines: str) -> str:
    header = {
        "Title": title,
        "Date": "2023-09-13T10:00:00+02:00",
        "Lang": "fr",
        "People": "Vladimir Poutine",
        **lines,
    }
    meta = "".join(f"{key}: {value}\n" for key, value in header.items())
    return f"{meta}{slug_line}\nVladimir Poutine a reçu Kim Jong-un en Russie.\n"


HOSTILE = {
    "good.md": article(
        "Slug: good",
        title="AT&amp;T rachète Time Warner",
        Source=IMG,
        People=f"Vladimir Poutine; {IMG}",
    ),
    "attribute.md": article('Slug: x" onmouseover="alert(2)'),
    "traversal.md": article("Slug: ../../evil"),
    "language.md": article("Slug: language", Lang='"><script>alert(3)</script>'),
    "pelican-keys.md": article(
        "Slug: pelican-keys",
        Save_as="../output-evil/pwn.html",
        Url="javascript:alert(4)",
        Template="entity",
        Status="secret",
    ),
    "long-name.md": article("Slug: long-name", People=LONG_NAME),
    "skipped.md": article("Slug: skipped", Status="skip"),
}
DIGEST = (
    "Title: La semaine\nDate: 2023-09-15\nSlug: ../digest-evil\nArticles: good\n\n"
    "Intro <script>alert(5)</script> et [un lien](javascript:alert(6)) "
    '<a href="https://example.org/" onclick="alert(7)">là</a>.\n'
)
ALIASES = f"Vladimir Poutine:\n  kind: person\n  names: {{fr: '{IMG}', en: Vladimir Putin}}\n"

EXPECTED_ERRORS = sorted(
    [
        "content/articles/attribute.md: Slug: 'x\" onmouseover=\"alert(2)' is not a slug: use "
        "lower-case letters, digits and single hyphens (a-z, 0-9, -); the page gets the slug "
        "'attribute' (from its file name) instead",
        "content/articles/traversal.md: Slug: '../../evil' is not a slug: use lower-case "
        "letters, digits and single hyphens (a-z, 0-9, -); the page gets the slug 'traversal' "
        "(from its file name) instead",
        "content/articles/language.md: Lang: '\"><script>alert(3)</script>' is not a language "
        "code (such as fr or en); the page is in the site's language, 'fr'",
        "content/articles/pelican-keys.md: 'Save_as:' is not allowed in a content file (it "
        "would choose where the page is written); it is ignored: remove the line",
        "content/articles/pelican-keys.md: 'Url:' is not allowed in a content file (it would "
        "choose the page's address); it is ignored: remove the line",
        "content/articles/pelican-keys.md: 'Template:' is not allowed in a content file (it "
        "would choose the template that renders the page); it is ignored: remove the line",
        "content/articles/pelican-keys.md: 'Status:' is not allowed in a content file "
        "('secret' is not one of published, draft, hidden); it is ignored: remove the line",
        "content/articles/skipped.md: 'Status:' is not allowed in a content file "
        "('skip' is not one of published, draft, hidden); it is ignored: remove the line",
        "content/digests/cache.md: 'Status: skip' is not allowed in a digest; remove the line",
        "content/digests/semaine.md: Slug: '../digest-evil' is not a slug: use lower-case "
        "letters, digits and single hyphens (a-z, 0-9, -); the page gets the slug 'semaine' "
        "(from its file name) instead",
    ]
)


def write_hostile_content(site: Site) -> None:
    for name, text in HOSTILE.items():
        (site.content / "articles" / name).write_text(text, encoding="utf-8")
    (site.content / "digests").mkdir(exist_ok=True)
    (site.content / "digests" / "semaine.md").write_text(DIGEST, encoding="utf-8")
    (site.content / "digests" / "cache.md").write_text(
        DIGEST.replace("Slug: ../digest-evil", "Status: skip"), encoding="utf-8"
    )
    (site.content / "entities.yml").write_text(ALIASES, encoding="utf-8")


class Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("hostile") / "project")
    write_hostile_content(site)
    errors = Errors()
    logging.getLogger().addHandler(errors)
    try:
        site.build()
    finally:
        logging.getLogger().removeHandler(errors)
    site.errors = errors.messages
    return site


def pages(site: Site) -> list[Path]:
    return sorted(site.output.rglob("*.html"))


def test_each_refusal_is_an_error_naming_its_file(hostile_site):
    assert sorted(hostile_site.errors) == EXPECTED_ERRORS


def test_no_page_holds_a_script_handler_or_javascript_link(hostile_site):
    checked = 0
    for path in pages(hostile_site):
        soup = hostile_site.page(path.relative_to(hostile_site.output).as_posix())
        where = path.relative_to(hostile_site.output)
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":  # data, never markup
                assert "<" not in script.get_text() and json.loads(script.get_text()), where
            else:
                assert script.get("src") and not script.get_text().strip(), where
        for tag in soup.find_all(True):
            handlers = [name for name in tag.attrs if name.lower().startswith("on")]
            assert not handlers, f"{where}: <{tag.name} {handlers}>"
            for name in ("href", "src", "action"):
                value = str(tag.get(name, "")).strip().lower()
                assert not value.startswith(("javascript:", "data:text")), f"{where}: {tag}"
        assert not soup.find("img", src="x"), where
        checked += 1
    assert checked > 15


def test_payloads_are_shown_as_text(hostile_site):
    page = hostile_site.page("articles/good.html")
    assert page.find(attrs={"data-pagefind-filter": "source"}).get_text() == IMG
    names = [a.get_text() for a in page.select(".entity-box a")]
    assert IMG in names
    index = hostile_site.page("entities/index.html")
    assert IMG in [a.get_text() for a in index.select(".entity-list a")]


def test_refused_slugs_and_languages_get_safe_ones(hostile_site):
    articles = sorted(p.name for p in (hostile_site.output / "articles").glob("*.html"))
    assert articles == [
        "attribute.html", "good.html", "language.html", "long-name.html", "pelican-keys.html",
        "skipped.html", "traversal.html",
    ]  # fmt: skip
    assert hostile_site.page("articles/language.html").html["lang"] == "fr"
    digest = hostile_site.page("digests/semaine.html")
    intro = digest.find(class_="intro")
    assert not intro.find("script") and "alert(5)" not in str(intro)
    assert [a.get("href") for a in intro.find_all("a")] == [None, "https://example.org/"]
    feed = (hostile_site.output / "feeds" / "digests.atom.xml").read_text(encoding="utf-8")
    assert "digests/semaine.html" in feed
    assert "alert(5)" not in feed and "javascript:" not in feed and "onclick" not in feed


def test_nothing_is_written_outside_output(hostile_site):
    root = hostile_site.root
    allowed = {"content", "output", "seeds", ".ingest-cache", ".pelican-cache"}  # caches
    assert sorted(p.name for p in root.iterdir() if p.name not in allowed) == []
    assert not (root.parent / "output-evil").exists() and not (root.parent / "evil.html").exists()
    assert not list(root.parent.glob("*evil*"))


def test_a_long_entity_name_gets_a_short_unique_file_name(hostile_site):
    people = hostile_site.output / "entities" / "people"
    long_pages = [p for p in people.glob("abcdefghij-*.html")]
    assert len(long_pages) == 1
    assert len(long_pages[0].name) <= 105
    page = hostile_site.page(long_pages[0].relative_to(hostile_site.output).as_posix())
    assert page.h1.get_text() == LONG_NAME


def test_titles_are_escaped_once_on_timelines(hostile_site):
    raw = (hostile_site.output / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "AT&amp;amp;T" not in raw
    timeline = hostile_site.page("timeline/index.html")
    headlines = [a.get_text() for a in timeline.select("a.entry-headline")]
    assert "AT&T rachète Time Warner" in headlines


def test_a_strict_build_fails_on_hostile_content(tmp_path):
    from strict_build.glue import StrictBuildFailed

    site = Site(tmp_path / "project")
    write_hostile_content(site)
    with pytest.raises(StrictBuildFailed, match=r"strict build: 10 error\(s\)"):
        site.build(DIGEST_STRICT=True)
