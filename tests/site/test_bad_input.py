"""Bad input, in one real build: each bad file gets a clear error naming it (and the line where
it helps), the good files still become pages, nothing an editor wrote is lost, and a strict
build fails at the end."""

import logging
import shutil

import pytest
from sitekit import ROOT, Site

pytestmark = pytest.mark.site

SEED = ROOT / "seeds" / "000_c3b89795a0f00579.txt"
GOOD_PAGE = "articles/vladimir-poutine-et-kim-jong-un-se-sont-retrouves-au-cosmodrome-russe-de.html"


class Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append((record.levelname, record.getMessage()))


def write_bad_seeds(site: Site) -> None:
    seeds = site.seeds
    shutil.copy(SEED, seeds / "good.txt")
    (seeds / "good.yml").write_text("date: 2023-09-13\n", encoding="utf-8")
    (seeds / "empty.txt").write_text("", encoding="utf-8")
    (seeds / "binary.txt").write_bytes(b"%PDF-1.4\x00\x01\x02" * 50)
    (seeds / "latin.txt").write_bytes(
        "Le président a parlé à l’Élysée ce matin.\n\nRFI".encode("cp1252")
    )
    (seeds / "huge.txt").write_text("mot " * 600_000, encoding="utf-8")
    (seeds / "truncated.html").write_text(
        "<html><head><title>Un sommet à Vladivostok</title></head><body><article><h1>Un sommet "
        "à Vladivostok</h1><p>Les deux dirigeants se sont retrouvés à Vladivostok pour un sommet "
        "attendu depuis des mois.<p>Le texte s’arrête au milieu d’une bali",
        encoding="utf-8",
    )
    (seeds / "script.html").write_text(
        "<html><body><article><h1>Titre piégé</h1><p onclick='evil()'>Un paragraphe assez long "
        "pour être un article, avec du texte. <script>alert(1)</script><iframe "
        "src='http://example.invalid'></iframe><a href='javascript:alert(2)'>lien</a></p>"
        "<p>Deuxième paragraphe de l’article, lui aussi assez long pour compter.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (seeds / "injection.txt").write_text(
        "Un texte collé qui contient <script>alert(3)</script> et <img src=x onerror=alert(4)> "
        "au milieu de la phrase.\n\nRFI",
        encoding="utf-8",
    )
    (seeds / "dateline.txt").write_text(
        "PARIS, 31/02/2023 (AFP) - Le texte de l’article commence ici et continue.\n\nAFP",
        encoding="utf-8",
    )
    (seeds / "sidecar-date.txt").write_text(
        "Un article correct avec un peu de texte.\n\nRFI", encoding="utf-8"
    )
    (seeds / "sidecar-date.yml").write_text("title: Correct\ndate: 2023-02-30\n", encoding="utf-8")
    shutil.copy(SEED, seeds / "twin.txt")
    (seeds / "jsurl.txt").write_text(
        "Un article dont le lien de source est piégé.\n\nRFI", encoding="utf-8"
    )
    (seeds / "jsurl.yml").write_text('url: "javascript:alert(5)"\n', encoding="utf-8")


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("bad-site"))
    write_bad_seeds(site)
    records = Records()
    logging.getLogger().addHandler(records)
    try:
        site.build()
    finally:
        logging.getLogger().removeHandler(records)
    site.records = records.records
    return site


ERRORS = [
    "seeds/empty.txt: file is empty: put the article's text in it, or delete it",
    "seeds/binary.txt: looks like a binary file (PDF/image?), not text (it contains NUL bytes): "
    "save the article as a .txt, .html or .md file",
    "seeds/huge.txt: file is 2,400,000 bytes, over the limit of 2,000,000 bytes: shorten it, or "
    "raise the limit with the setting INGEST_MAX_BYTES in pelicanconf.py",
    'seeds/dateline.txt:1: date "31/02/2023" is not a real day',
    'seeds/sidecar-date.yml:2: date "2023-02-30" is not a real day',
    "seeds/twin.txt: slug 'vladimir-poutine-et-kim-jong-un-se-sont-retrouves-au-cosmodrome-russe-"
    "de' is already used by seeds/good.txt; two articles cannot share one URL. Give this one "
    "another title or a slug in a sidecar (slug: ...)",
]


@pytest.mark.parametrize("message", ERRORS)
def test_each_bad_file_gets_an_error_naming_it(bad_site, message):
    assert ("ERROR", message) in bad_site.records


def test_no_other_error(bad_site):
    assert sorted(m for level, m in bad_site.records if level == "ERROR") == sorted(ERRORS)


def test_text_in_cp1252_is_converted_with_a_warning(bad_site):
    assert (
        "WARNING",
        "seeds/latin.txt: converted from cp1252; save it as UTF-8 to silence this",
    ) in bad_site.records
    page = bad_site.page("articles/le-president-a-parle-a-l-elysee-ce-matin.html")
    assert page.h1.get_text() == "Le président a parlé à l’Élysée ce matin"


def test_a_script_url_in_a_sidecar_is_left_out_with_a_warning(bad_site):
    assert (
        "WARNING",
        "seeds/jsurl.txt: source URL 'javascript:alert(5)' is not an http(s) address; "
        "it is left out",
    ) in bad_site.records
    [path] = bad_site.output.glob("articles/un-article-dont-le-lien*.html")
    page = bad_site.page(path.relative_to(bad_site.output))
    assert not [a for a in page.find_all("a", href=True) if "javascript" in a["href"]]


def test_the_good_article_still_builds(bad_site):
    assert bad_site.page(GOOD_PAGE).h1.get_text().startswith("Vladimir Poutine et Kim Jong-un")


def test_truncated_html_still_gives_its_text(bad_site):
    page = bad_site.page("articles/un-sommet-a-vladivostok.html")
    assert "se sont retrouvés à Vladivostok" in page.find("div", class_="content").get_text()


@pytest.mark.parametrize("slug", ["titre-piege", "un-texte-colle-qui-contient-script"])
def test_scripts_iframes_and_handlers_never_reach_a_page(bad_site, slug):
    [path] = bad_site.output.glob(f"articles/{slug}*.html")
    page = bad_site.page(path.relative_to(bad_site.output))
    for script in page.find_all("script"):  # only the theme's own scripts and JSON-LD
        assert script.get("type") == "application/ld+json" or script["src"].endswith("site.js")
    content = page.find("div", class_="content")
    assert content.find_all(["script", "iframe", "img", "object", "embed"]) == []
    for tag in content.find_all(True):
        assert not [name for name in tag.attrs if name.startswith("on")]
        assert not str(tag.get("href", "")).startswith("javascript:")


def test_summaries_on_the_home_page_carry_no_script(bad_site):
    home = bad_site.page("index.html")
    for script in home.find_all("script"):
        assert script.get("type") == "application/ld+json" or script["src"].endswith("site.js")
    assert "<script>alert(3)</script>" in home.get_text()


def test_the_pasted_markup_is_shown_as_text(bad_site):
    [path] = bad_site.output.glob("articles/un-texte-colle-qui-contient-script*.html")
    page = bad_site.page(path.relative_to(bad_site.output))
    assert "<script>alert(3)</script>" in page.find("div", class_="content").get_text()
    assert page.h1.get_text() == "Un texte collé qui contient <script>alert(3)</script>"


def test_a_strict_build_fails_at_the_end_and_lists_the_errors(bad_site):
    from strict_build.glue import StrictBuildFailed

    with pytest.raises(StrictBuildFailed) as failure:
        bad_site.build(DIGEST_STRICT=True)
    message = str(failure.value)
    assert message.startswith("strict build: 6 error(s) above; the site was written")
    assert "seeds/empty.txt" in message
    assert (bad_site.output / GOOD_PAGE).is_file()  # written before failing
