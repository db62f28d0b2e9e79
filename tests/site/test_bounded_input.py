"""Hostile input, in one real build: a 2 MB one-line article, a YAML alias bomb, dates past the
calendar, an Arabic article, UTF-16 without BOM. Nothing stops or hangs the build; each bad
file gets an error naming it, the rest builds, and a strict build fails at the end."""

import shutil

import pytest
from sitekit import EXAMPLE_SLUG, ROOT, Site

pytestmark = pytest.mark.site

SEED = ROOT / "seeds" / "000_c3b89795a0f00579.txt"
GOOD_PAGE = f"articles/{EXAMPLE_SLUG}.html"
LONG_UNIT = (
    "Le président Vladimir Poutine a reçu Kim Jong-un à Vostotchny, hier, et il repartira "
    "demain ; « nous serons toujours avec la Russie », a déclaré M. Kim en 2016.   "
)
LONG_CHARS = 2_000_000
LONG_LINE = (LONG_UNIT * (LONG_CHARS // len(LONG_UNIT) + 1))[:LONG_CHARS]
BOMB = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)
ARABIC = (
    "التقى الرئيس الروسي فلاديمير بوتين بالزعيم الكوري الشمالي كيم جونغ أون في قاعدة "
    "فوستوشني الفضائية في شرق روسيا، وبحث الزعيمان التعاون العسكري بين البلدين.\n\n"
    "وقال الكرملين إن المحادثات استمرت أكثر من ساعتين.\n"
)
TEXT = "Le président a parlé hier, et il repartira demain pour Séoul.\n\nRFI\n"


def write_hostile_seeds(site: Site) -> None:
    seeds = site.seeds
    shutil.copy(SEED, seeds / "good.txt")
    (seeds / "good.yml").write_text("date: 2023-09-13\n", encoding="utf-8")
    (seeds / "long.txt").write_text(LONG_LINE + "\n", encoding="utf-8")
    (seeds / "long.yml").write_text("title: Un très long article\ndate: 2023-09-13\n", "utf-8")
    (seeds / "bomb.txt").write_text(TEXT, encoding="utf-8")
    (seeds / "bomb.yml").write_text(BOMB, encoding="utf-8")
    (seeds / "bomb-front.md").write_text(f"---\n{BOMB}---\n\n{TEXT}", encoding="utf-8")
    (seeds / "future.txt").write_text(TEXT, encoding="utf-8")
    (seeds / "future.yml").write_text("date: 9999-12-31\n", encoding="utf-8")
    (seeds / "9999-12-31_demain.txt").write_text(TEXT, encoding="utf-8")
    (seeds / "year100.md").write_text(f"Title: An 100\nDate: 0100-01-01\n\n{TEXT}", "utf-8")
    (seeds / "arabic.txt").write_text(ARABIC, encoding="utf-8")
    (seeds / "arabic.yml").write_text("date: 2023-09-13\n", encoding="utf-8")
    (seeds / "klingon.md").write_text(
        f"Title: Une langue inconnue\nDate: 2023-09-14\nLang: klingon\n\n{TEXT}", "utf-8"
    )
    (seeds / "notepad.txt").write_bytes(
        "Un été à Séoul\n\nLe président a parlé à Séoul ce matin.\n\nRFI\n".encode("utf-16-le")
    )
    (seeds / "notepad.yml").write_text("date: 2023-09-15\n", encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("hostile-site"))
    site.defaults = {"INGEST_MAX_BYTES": 3_000_000}
    write_hostile_seeds(site)
    site.build_recording()
    return site


RANGE = "is not between 1800-01-01 and 2200-12-31: check the year"
ALIAS = "uses a YAML alias (*a); aliases are not accepted here: write the value out in full"
ERRORS = [
    f"seeds/bomb.yml:2: {ALIAS}",
    f"seeds/bomb-front.md:3: front matter {ALIAS}",
    f'seeds/future.yml:1: date "9999-12-31" {RANGE}',
    f"seeds/9999-12-31_demain.txt: date 9999-12-31 (from the file name) {RANGE}, or state the date "
    "in a sidecar (date: 2023-09-13)",
    f'seeds/year100.md:2: date "0100-01-01" {RANGE}',
    "seeds/klingon.md:3: language 'klingon' (editor) is not a language code such as fr, en or "
    "ar; the language is detected from the text instead",
]


@pytest.mark.parametrize("message", ERRORS)
def test_each_hostile_file_gets_an_error_naming_it(hostile_site, message):
    assert ("ERROR", message) in hostile_site.records


def test_no_other_error(hostile_site):
    assert sorted(m for level, m in hostile_site.records if level == "ERROR") == sorted(ERRORS)


def test_the_good_article_still_builds(hostile_site):
    assert hostile_site.page(GOOD_PAGE).h1.get_text().startswith("Vladimir Poutine et Kim")


def test_the_2_mb_one_line_article_builds_with_bounded_entities(hostile_site):
    read = " ".join(LONG_LINE.split())  # plain text: runs of spaces become one
    assert (
        "WARNING",
        f"seeds/long.txt: the text is {len(read):,} characters long; entities are looked for in "
        "the first 100,000 only",
    ) in hostile_site.records
    page = hostile_site.page("articles/un-tres-long-article.html")
    assert page.h1.get_text() == "Un très long article"
    assert len(page.find("div", class_="content").get_text()) > 1_900_000
    article = (hostile_site.content / "articles" / "un-tres-long-article.md").read_text("utf-8")
    assert "Kim Jong-un" in article.split("\n\n", 1)[0]  # found by the model, in the metadata


def test_an_arabic_article_is_arabic_with_no_entities(hostile_site):
    assert (
        "WARNING",
        "seeds/arabic.txt: language ar has no entity model; no entities extracted; add one in "
        "INGEST_MODELS",
    ) in hostile_site.records
    [markdown] = [
        path
        for path in hostile_site.article_files()
        if "Raw: seeds/arabic.txt" in path.read_text("utf-8")
    ]
    header = markdown.read_text("utf-8").split("\n\n", 1)[0]
    assert "\nLang: ar\n" in f"\n{header}\n"
    assert not [line for line in header.split("\n") if line.startswith(("People:", "Places:"))]


def test_an_unknown_stated_language_is_detected_instead(hostile_site):
    page = hostile_site.page("articles/une-langue-inconnue.html")
    assert page.html["lang"] == "fr"


def test_utf16_without_bom_is_read_with_a_warning(hostile_site):
    assert (
        "WARNING",
        "seeds/notepad.txt: converted from utf-16-le; save it as UTF-8 to silence this",
    ) in hostile_site.records
    assert hostile_site.page("articles/un-ete-a-seoul.html").h1.get_text() == "Un été à Séoul"


def test_a_strict_build_fails_at_the_end(hostile_site):
    from strict_build.glue import StrictBuildFailed

    with pytest.raises(StrictBuildFailed) as failure:
        hostile_site.build(DIGEST_STRICT=True)
    assert str(failure.value).startswith("strict build: ")
    assert (hostile_site.output / GOOD_PAGE).is_file()
