"""Bad input, in one real build: each bad file gets a clear error naming it (and the line where
it helps), the good files still become pages, nothing an editor wrote is lost, and a strict
build fails at the end."""

import shutil

import pytest
from sitekit import ROOT, Site

pytestmark = pytest.mark.site

SEED = ROOT / "seeds" / "000_c3b89795a0f00579.txt"
GOOD_PAGE = "articles/vladimir-poutine-et-kim-jong-un-se-sont-retrouves-au-cosmodrome-russe.html"


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
    shutil.copy(SEED, seeds / "twin.txt")  # one lede, so one title, as good.txt
    (seeds / "twin.yml").write_text("date: 2023-09-14\n", encoding="utf-8")
    (seeds / "jsurl.txt").write_text(
        "Un article dont le lien de source est piégé.\n\nRFI", encoding="utf-8"
    )
    (seeds / "jsurl.yml").write_text('url: "javascript:alert(5)"\n', encoding="utf-8")


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("bad-site"))
    write_bad_seeds(site)
    site.build_recording()
    return site


ERRORS = [
    "seeds/empty.txt: file is empty: put the article's text in it, or delete it",
    "seeds/binary.txt: looks like a binary file (PDF/image?), not text (it contains NUL bytes): "
    "save the article as a .txt, .html or .md file",
    "seeds/huge.txt: file is 2,400,000 bytes, over the limit of 2,000,000 bytes: shorten it, or "
    "raise the limit with the setting INGEST_MAX_BYTES in pelicanconf.py",
    'seeds/dateline.txt:1: date "31/02/2023" is not a real day',
    'seeds/sidecar-date.yml:2: date "2023-02-30" is not a real day',
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


def test_two_seeds_sharing_a_lede_both_get_a_page(bad_site):
    twin = GOOD_PAGE.replace(".html", "-2023-09-14.html")
    assert bad_site.page(twin).h1.get_text() == bad_site.page(GOOD_PAGE).h1.get_text()
    slug = GOOD_PAGE.removeprefix("articles/").removesuffix(".html")
    assert (
        "WARNING",
        f"seeds/twin.txt: slug '{slug}' is already used by content/articles/{slug}.md (from "
        f"seeds/good.txt); this article gets the slug '{slug}-2023-09-14' instead. To choose "
        "another, give it a slug in a sidecar (slug: ...)",
    ) in bad_site.records


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
    assert message.startswith(f"strict build: {len(ERRORS)} error(s) above; the site was written")
    assert "seeds/empty.txt" in message
    assert (bad_site.output / GOOD_PAGE).is_file()  # written before failing


# --------------------------------------------------------------------------------------------
# Hostile seeds: each tries to write or read outside the project, to pass Pelican its own
# settings, or to inject metadata through a file name. The rest of the site still builds.

DIGEST = (
    "Title: Vostotchny\nDate: 2023-09-13\nSlug: vostotchny\n"
    f"Articles: {GOOD_PAGE.removeprefix('articles/').removesuffix('.html')}\n\n"
    "Une sélection.\n"
)
PELICAN_KEYS_SEED = (
    "Title: Des clés de Pelican\nDate: 2023-09-13\nSave_as: ../../pwned.html\n"
    "Url: ../pwned.html\nTemplate: ../../../../etc/passwd\nStatus: draft\n"
    "Lang_save_as: ../pwned-lang.html\n\nUn article dont les métadonnées visent Pelican.\n"
)


def files_under(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    # A folder of its own, watched whole: nothing may be written in it beside the project.
    parent = tmp_path_factory.mktemp("bad-input")
    outside = parent / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(
        "Le mot de passe secret est hunter2, dit le texte.\n\nRFI", encoding="utf-8"
    )
    site = Site(parent / "hostile-site")
    seeds = site.seeds
    shutil.copy(SEED, seeds / "good.txt")
    (seeds / "good.yml").write_text("date: 2023-09-13\n", encoding="utf-8")
    for name, slug in [
        ("up", "../../escape"),
        ("absolute", f"{outside}/absolute"),
        ("digest", "../digests/vostotchny"),
    ]:
        (seeds / f"{name}.txt").write_text(f"Un article nommé {name}.\n\nRFI", encoding="utf-8")
        (seeds / f"{name}.yml").write_text(f"slug: {slug}\n", encoding="utf-8")
    (seeds / "keys.md").write_text(PELICAN_KEYS_SEED, encoding="utf-8")
    (seeds / "link.txt").symlink_to(outside / "secret.txt")
    (seeds / "evil\nTitle: pwned.txt").write_text("Un texte.\n\nRFI", encoding="utf-8")
    (seeds / "ansi\x1b[2J.txt").write_text("Un texte.\n\nRFI", encoding="utf-8")
    (site.content / "digests").mkdir()
    (site.content / "digests" / "vostotchny.md").write_text(DIGEST, encoding="utf-8")
    (site.content / "articles" / "ancien.md").write_bytes(ANCIEN)
    site.outside = outside
    site.outside_before = files_under(outside)
    site.digest_before = (site.content / "digests" / "vostotchny.md").read_bytes()
    site.build_recording()
    return site


ANCIEN = "Title: Ancien\nDate: 2023-09-01\n\nCaf\xe9 noir.\n".encode("cp1252")
NOT_A_SLUG = "is not a slug: use lower-case letters, digits and single hyphens (a-z, 0-9, -)"
HOSTILE_ERRORS = [
    f"seeds/up.yml:1: '../../escape' {NOT_A_SLUG}",
    f"seeds/digest.yml:1: '../digests/vostotchny' {NOT_A_SLUG}",
    "seeds/evil?Title: pwned.txt: the file name has control characters (shown as ?); it is not "
    "read: rename the file",
    "seeds/ansi?[2J.txt: the file name has control characters (shown as ?); it is not read: "
    "rename the file",
    "content/articles/ancien.md:4: not valid UTF-8 (byte 0xe9): save it again as UTF-8; until "
    "then ingest leaves it as it is",
    "Could not process articles/ancien.md",  # Pelican's own, reading content/
]


def test_each_hostile_seed_gets_an_error_naming_it(hostile_site):
    errors = sorted(m for level, m in hostile_site.records if level == "ERROR")
    absolute = f"seeds/absolute.yml:1: '{hostile_site.outside}/absolute' {NOT_A_SLUG}"
    assert errors == sorted([*HOSTILE_ERRORS, absolute])


def test_pelican_keys_and_links_out_are_warned_about(hostile_site):
    warnings = [m for level, m in hostile_site.records if level == "WARNING"]
    own = "is Pelican's own (where and how the page is written, or whether it is published)"
    for line, key in [(3, "save_as"), (5, "template"), (6, "status"), (7, "lang_save_as")]:
        assert f"seeds/keys.md:{line}: metadata '{key}' {own}; it is left out of the article" in (
            warnings
        )
    assert (
        f"seeds/link.txt: is a link to {hostile_site.outside}/secret.txt, outside seeds/; it is "
        "not read. Copy the file itself there"
    ) in warnings


def test_nothing_is_written_outside_the_project(hostile_site):
    assert files_under(hostile_site.outside) == hostile_site.outside_before
    base = hostile_site.root.parent
    written = [path for path in base.rglob("*") if hostile_site.seeds not in path.parents]
    assert not [path for path in written if "pwned" in path.name or "escape" in path.name]
    assert (hostile_site.content / "digests" / "vostotchny.md").read_bytes() == (
        hostile_site.digest_before
    )
    assert (hostile_site.content / "articles" / "ancien.md").read_bytes() == ANCIEN
    articles = [path.name for path in hostile_site.article_files()]
    assert articles == [
        "ancien.md",
        "des-cles-de-pelican.md",
        GOOD_PAGE.removeprefix("articles/").replace(".html", ".md"),
    ]


def test_the_rest_of_the_site_builds(hostile_site):
    assert hostile_site.page(GOOD_PAGE).h1.get_text().startswith("Vladimir Poutine et Kim Jong-un")
    keys = hostile_site.page("articles/des-cles-de-pelican.html")
    assert keys.h1.get_text() == "Des clés de Pelican"
    assert hostile_site.page("digests/vostotchny.html").find("a", href=True)


def test_a_link_out_of_seeds_is_never_published(hostile_site):
    for path in hostile_site.output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            assert "hunter2" not in path.read_text(encoding="utf-8"), path


def test_no_file_name_injects_metadata(hostile_site):
    for path in hostile_site.article_files():
        header = path.read_text(encoding="utf-8", errors="replace").split("\n\n")[0]
        assert "pwned" not in header and "\x1b" not in header


def test_a_strict_build_over_hostile_seeds_fails(hostile_site):
    from strict_build.glue import StrictBuildFailed

    with pytest.raises(StrictBuildFailed):
        hostile_site.build(DIGEST_STRICT=True)
    assert (hostile_site.output / GOOD_PAGE).is_file()
