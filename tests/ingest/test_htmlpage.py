"""Saved HTML pages: trafilatura's text and metadata, fixed titles, and a body with nothing live."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import markdown
import pytest
from bs4 import BeautifulSoup
from ingest.htmlpage import (
    NO_TEXT,
    blocks_markdown,
    h1_title,
    is_page_furniture,
    parse_html_page,
    strip_site_suffix,
)
from ingest.model import DateValue, Found, IngestError, RawText

FIXTURES = Path(__file__).parent / "fixtures"
PARIS = ZoneInfo("Europe/Paris")
PLUS_2 = dt.timezone(dt.timedelta(hours=2))
LONG = (
    "Le président russe Vladimir Poutine a reçu le dirigeant nord-coréen Kim Jong-un au "
    "cosmodrome de Vostotchny pour un entretien de plus de deux heures sur la coopération."
)


def page(text: str):
    return parse_html_page(RawText("seeds/x.html", text, "html", "utf-8", ""))


def fixture(name: str):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return parse_html_page(RawText(f"seeds/{name}", text, "html", "utf-8", ""))


def error_of(text: str) -> str:
    with pytest.raises(IngestError) as caught:
        page(text)
    return str(caught.value)


@pytest.fixture(scope="module")
def french():
    return fixture("page_fr.html")


@pytest.fixture(scope="module")
def english():
    return fixture("page_en.html")


# --- metadata -----------------------------------------------------------------------------


def test_french_page_metadata(french):
    assert french.title == Found(
        "Poutine et Kim Jong-un se retrouvent au cosmodrome de Vostotchny", "html <h1>"
    )
    assert french.date == Found(
        DateValue(dt.datetime(2023, 9, 13, 10, 5, tzinfo=PLUS_2), "minute"),
        "html JSON-LD datePublished",
    )
    assert french.date.value.when.isoformat() == "2023-09-13T10:05:00+02:00"
    assert french.authors == Found(("Claire Martin",), "html JSON-LD author")
    assert french.source == Found("Le Journal du Matin", "html <meta property=og:site_name>")
    assert french.source_url == Found(
        "https://www.journal-du-matin.example/monde/poutine-kim-vostotchny",
        "html <link rel=canonical>",
    )
    assert french.lang == Found("fr", "html <html lang>")
    assert french.summary == Found(
        "Le président russe et le dirigeant nord-coréen se sont entretenus pendant deux heures.",
        "html <meta name=description>",
    )
    assert (french.path, french.kind, french.license, french.slug) == (
        "seeds/page_fr.html",
        "html",
        None,
        None,
    )


def test_english_page_metadata(english):
    assert english.title == Found(
        "Airbus superjumbo tour delayed by engine trouble", "html <meta property=og:title>"
    )
    assert english.date == Found(
        DateValue(dt.datetime(2005, 11, 5, tzinfo=PARIS), "day"), "html JSON-LD datePublished"
    )
    assert english.authors == Found(("Jane Doe", "John Roe"), "html JSON-LD author")
    assert english.source == Found("The Daily Planet", "html <meta property=og:site_name>")
    assert english.source_url == Found(
        "https://dailyplanet.example/business/airbus-a380-tour-delayed",
        "html <meta property=og:url>",
    )
    assert english.lang == Found("en", "html <html lang>")
    assert english.summary is None


def test_french_page_body(french):
    assert french.paragraphs[0] == (
        "Le président russe Vladimir Poutine et le dirigeant nord-coréen Kim Jong-un se sont "
        "retrouvés mercredi au cosmodrome russe de Vostotchny, dans l’est de la Russie, pour un "
        "entretien de plus de deux heures."
    )
    assert len(french.paragraphs) == 4
    assert "## Un lieu choisi avec soin" in french.body_markdown.split("\n")
    assert "Poutine et Kim Jong-un se retrouvent" not in french.body_markdown  # the <h1>
    assert french.body_markdown.startswith(french.paragraphs[0] + "\n\n")


def test_english_page_body(english):
    assert english.paragraphs[0].startswith("The Airbus A380, the largest passenger aircraft")
    assert english.paragraphs[-1].startswith("Airbus says the A380 will cut operating costs")
    assert len(english.paragraphs) == 5
    assert english.paragraphs[3].endswith("Emirates, Qantas and Lufthansa.")  # no "Read more"


def test_date_keeps_the_offset_the_page_gives_whatever_the_site_zone():
    text = (FIXTURES / "page_fr.html").read_text(encoding="utf-8")
    zone = ZoneInfo("Asia/Seoul")
    article = parse_html_page(RawText("x.html", text, "html", "utf-8", ""), tz=zone)
    assert article.date.value.when.isoformat() == "2023-09-13T10:05:00+02:00"


def test_day_only_date_stays_a_day_in_the_site_zone():
    text = (FIXTURES / "page_en.html").read_text(encoding="utf-8")
    zone = ZoneInfo("Asia/Seoul")
    article = parse_html_page(RawText("x.html", text, "html", "utf-8", ""), tz=zone)
    assert article.date.value == DateValue(dt.datetime(2005, 11, 5, tzinfo=zone), "day")


# --- nothing live survives ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["page_fr.html", "page_en.html"])
@pytest.mark.parametrize(
    "unwanted",
    [
        "<",
        "alert(1)",
        "alert(document",
        "style",
        "iframe",
        "object",
        "embed",
        "form",
        "onclick",
        "onload",
        "onmouseover",
        "onerror",
        "javascript:",
        "track(",
        "dataLayer",
        "font-family",
        "openLogin",
        "window.print",
        "document.cookie",
        "movie.swf",
        "player.example",
    ],
)
def test_no_markup_or_code_reaches_the_body(name, unwanted):
    article = fixture(name)
    assert unwanted not in article.body_markdown
    if unwanted != "<":  # the English page has "<script>" as visible text
        assert all(unwanted not in paragraph for paragraph in article.paragraphs)


@pytest.mark.parametrize("name", ["page_fr.html", "page_en.html"])
@pytest.mark.parametrize(
    "furniture",
    ["Digg", "Reddit", "Imprimer", "Email", "Monde", "Politique", "Log in", "Subscribe",
     "Sign up", "Mentions légales", "All rights reserved", "À lire aussi", "Read more"],
)  # fmt: skip
def test_page_furniture_stays_out_of_the_text(name, furniture):
    article = fixture(name)
    assert all(furniture not in paragraph for paragraph in article.paragraphs)
    assert furniture not in article.body_markdown


def test_text_that_looks_like_markup_is_shown_not_run():
    article = page(
        f"<html><body><article><p>{LONG}</p>"
        "<p>&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(2)&lt;/script&gt; "
        f"[clic](javascript:alert(3)) *gras* # non {LONG}</p></article></body></html>"
    )
    assert article.paragraphs[1].startswith(
        "<img src=x onerror=alert(1)> <script>alert(2)</script> [clic](javascript:alert(3))"
    )
    soup = BeautifulSoup(markdown.markdown(article.body_markdown, extensions=["extra"]), "lxml")
    assert {tag.name for tag in soup.body.find_all(True)} == {"p"}
    assert [p.get_text() for p in soup.find_all("p")] == article.paragraphs


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        ([("p", "Texte")], "Texte"),
        ([("head", "Titre"), ("p", "Texte")], "## Titre\n\nTexte"),
        ([("item", "un"), ("item", "deux"), ("p", "x")], "- un\n- deux\n\nx"),
        ([("quote", "« Oui »"), ("quote", "Non")], "> « Oui »\n\n> Non"),
        ([("row", "a | b")], "a | b"),
        ([("p", "# <b>x</b>")], "\\# &lt;b>x&lt;/b>"),
        ([("item", "1. *x*")], "- 1\\. \\*x\\*"),
    ],
)
def test_blocks_markdown(blocks, expected):
    assert blocks_markdown(blocks) == expected


@pytest.mark.parametrize(
    ("text", "furniture"),
    [
        ("Digg Reddit", True),
        ("Partager sur Facebook", True),
        ("Share on X | Email | Print", True),
        ("Imprimer l’article", True),
        ("Reddit a été introduit en bourse", False),
        ("Facebook", True),
        ("Le président", False),
    ],
)
def test_is_page_furniture(text, furniture):
    assert is_page_furniture(text) is furniture


# --- titles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Kim et Poutine | Le Journal", ["Le Journal"], "Kim et Poutine"),
        ("Kim et Poutine - Le Journal", ["le journal"], "Kim et Poutine"),
        ("Kim et Poutine — Le Journal", ["", "Le Journal"], "Kim et Poutine"),
        ("Kim et Poutine – Le Journal", ["Le Journal"], "Kim et Poutine"),
        ("Kim et Poutine - Vostotchny", ["Le Journal"], "Kim et Poutine - Vostotchny"),
        ("Kim - Poutine - Le Journal", ["Le Journal"], "Kim - Poutine"),
        ("Le Journal", ["Le Journal"], "Le Journal"),
        ("Kim et Poutine | Le Journal", [], "Kim et Poutine | Le Journal"),
    ],
)
def test_strip_site_suffix(title, sites, expected):
    assert strip_site_suffix(title, sites) == expected


@pytest.mark.parametrize(
    ("title", "h1s", "expected"),
    [
        ("Kim et Poutine | Le Journal", ["Le Journal", "Kim et Poutine"], "Kim et Poutine"),
        ("Kim et Poutine", ["Kim et Poutine"], "Kim et Poutine"),
        ("KIM ET POUTINE - Monde", ["Kim et Poutine"], "Kim et Poutine"),
        ("Kim et Poutine se retrouvent", ["Kim"], None),
        ("Kim et Poutine", [], None),
    ],
)
def test_h1_title(title, h1s, expected):
    assert h1_title(title, h1s) == expected


@pytest.mark.parametrize(
    ("head", "h1", "expected"),
    [
        (
            '<title>Le sommet de Vostotchny | Le Journal</title><meta property="og:site_name" '
            'content="Le Journal">',
            "<h1>Le Journal</h1><h1>Un autre titre à la une</h1>",
            Found("Le sommet de Vostotchny", "html <title>"),
        ),
        (
            '<meta property="og:title" content="Le sommet de Vostotchny - Le Journal">'
            '<meta property="og:site_name" content="Le Journal">',
            "",
            Found("Le sommet de Vostotchny", "html <meta property=og:title>"),
        ),
        (
            '<meta property="og:title" content="Le sommet de Vostotchny | Le Journal">',
            "<h1>Le sommet de Vostotchny</h1>",
            Found("Le sommet de Vostotchny", "html <h1>"),
        ),
        (
            '<meta name="twitter:title" content="Le sommet de Vostotchny">',
            "",
            Found("Le sommet de Vostotchny", "html <meta name=twitter:title>"),
        ),
        (
            "<title>Un titre de page</title>",
            "<h1>Le Journal</h1>",
            Found("Le Journal", "html <h1>"),  # trafilatura takes a lone <h1>: a known limit
        ),
    ],
)
def test_title_is_fixed_and_says_where_it_came_from(head, h1, expected):
    article = page(
        f"<html><head>{head}</head><body><header>{h1}</header><article>"
        f"<p>{LONG}</p><p>{LONG}</p></article></body></html>"
    )
    assert article.title == expected


# --- broken pages -------------------------------------------------------------------------


def test_unclosed_tags_still_parse():
    article = page(f"<html><body><div><p>{LONG}<p>Ce {LONG}<div><b>Texte <i>non fermé {LONG}")
    assert article.paragraphs[0] == LONG
    assert article.paragraphs[1] == f"Ce {LONG}"


def test_truncated_page_keeps_what_it_has():
    text = (FIXTURES / "page_en.html").read_text(encoding="utf-8")
    cut = text.index("Singapore Airlines is expected")
    article = page(text[:cut])
    assert article.paragraphs[0].startswith("The Airbus A380, the largest passenger aircraft")
    assert article.title.value == "Airbus superjumbo tour delayed by engine trouble"


def test_xml_declaration_with_another_encoding_is_ignored():
    article = page(
        "<?xml version='1.0' encoding='iso-8859-1'?>\n"
        f"<html><body><article><p>{LONG}</p><p>{LONG}</p></article></body></html>"
    )
    assert article.paragraphs[0] == LONG


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "<<<>>>",
        "<html><head><title>Rien</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Accueil</a> <a href='/monde'>Monde</a></nav></body></html>",
        "<html><body><div class='share'><a>Digg</a> <a>Reddit</a> <a>Email</a></div></body></html>",
        "<html><head><script>var a = 1;</script><style>p {}</style></head><body><iframe></iframe>",
    ],
    ids=["empty", "blank", "garbage", "empty body", "nav only", "share only", "script only"],
)
def test_page_without_article_text_is_an_error(text):
    assert error_of(text) == f"seeds/x.html: {NO_TEXT}"


def test_no_text_message():
    assert NO_TEXT == (
        "no article text found in this HTML page: save the complete article page again (not the "
        "home page or a cut-short file), or paste the article's text into a .txt file"
    )
