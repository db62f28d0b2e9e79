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
    choose_date,
    credit_names,
    h1_title,
    is_page_furniture,
    iso_date_value,
    parse_html_page,
    strip_site_suffix,
    visible_text,
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


# --- titles: reconciled, never with code in them --------------------------------------------


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (  # script text in <h1> and <title> is not text (the "Bruxellesalert("h1")")
            '<title>Sommet de Bruxelles<script>alert("title")</script> | Le Journal</title>',
            '<article><h1>Sommet de Bruxelles<script>alert("h1")</script></h1>',
            Found("Sommet de Bruxelles", "html <h1>"),
        ),
        (  # zeit.de: the kicker is marked up, the head has "Kicker: Title"
            '<meta property="og:title" content="Klimaschutz: Bohren, bis es heiß wird">',
            '<article><h1 class="article-heading"><span class="article-heading__kicker">'
            'Klimaschutz</span><span class="visually-hidden">: </span><span class="article-'
            'heading__title">Bohren, bis es heiß wird</span></h1>',
            Found("Bohren, bis es heiß wird", "html <h1>"),
        ),
        (  # mdr.de: "Dachzeile" above the headline
            '<meta property="og:title" content="Corona-Lockerungen: Autohäuser rechnen mit '
            'langsamem Anlaufen des Geschäfts | MDR.DE">',
            '<article><h1><span class="dachzeile ">Nach Corona-Lockerungen</span> <span class='
            '"headline ">Autohäuser rechnen mit langsamem Anlaufen des Geschäfts</span></h1>',
            Found("Autohäuser rechnen mit langsamem Anlaufen des Geschäfts", "html <h1>"),
        ),
        (  # dobszay.ch: the site's name is an <h1> too, and the <title>'s suffix
            "<title>Was ist der Unterschied zwischen privaten und staatlichen Geheimdiensten? – "
            "DOBSZAYs Ansichten und Einsichten</title>",
            "<h1>Menu</h1><h1>DOBSZAYs Ansichten und Einsichten</h1><article><h1>Was ist der "
            "Unterschied zwischen privaten und staatlichen Geheimdiensten?</h1>",
            Found(
                "Was ist der Unterschied zwischen privaten und staatlichen Geheimdiensten?",
                "html <h1>",
            ),
        ),
        (  # the one headline <h1> wins over a rewritten og:title (nzz.ch)
            '<meta property="og:title" content="Brexit: Nervenkrieg geht in nächste Runde">',
            "<article><h1>Der Nervenkrieg um den Brexit geht in die nächste Runde</h1>",
            Found("Der Nervenkrieg um den Brexit geht in die nächste Runde", "html <h1>"),
        ),
        (  # WordPress: "Site » Blog Archive » Title", the site's name in the <h1> (fouryears.eu)
            "<title>Four Years Remaining » Blog Archive » Interning of Small Integers in "
            "Python</title>",
            "<h1>Four Years Remaining</h1><article>",
            Found("Interning of Small Integers in Python", "html <title>"),
        ),
        (  # a <small> kicker and a <br> inside the headline (swim.de)
            '<meta property="og:title" content="Einheit der Woche | Lagen-Pyramide mit GA2 - '
            'SWIM.DE"><meta property="og:site_name" content="SWIM.DE">',
            '<article><h1><span class="post-title"><small>Einheit der Woche</small><br>'
            "Lagen-Pyramide mit GA2</span></h1>",
            Found("Lagen-Pyramide mit GA2", "html <h1>"),
        ),
        (  # a site name written as its address, after the title (wien.orf.at)
            '<link rel="canonical" href="https://wien.orf.at/stories/3017542/">'
            "<title>Lotte Tobisch ist tot - wien.ORF.at</title>",
            "<article>",
            Found("Lotte Tobisch ist tot", "html <title>"),
        ),
    ],
)
def test_title_is_reconciled_from_the_page(head, body, expected):
    article = page(
        f"<html><head>{head}</head><body>{body}<p>{LONG}</p><p>{LONG}</p></article></body></html>"
    )
    assert article.title == expected


def test_script_text_never_reaches_the_slug():
    from ingest.slugs import slugify

    article = page(
        '<html><head><title>Sommet<script>alert("t")</script></title></head><body><article>'
        '<h1>Sommet de Bruxelles<script>alert("h1")</script><style>h1{}</style></h1>'
        f"<p>{LONG}</p><p>{LONG}</p></article></body></html>"
    )
    assert slugify(str(article.title.value)) == "sommet-de-bruxelles"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Sommet de Bruxelles<script>alert("title")</script>', "Sommet de Bruxelles"),
        ("Sommet <style>p{color:red}</style>de Bruxelles", "Sommet de Bruxelles"),
        ("Sommet<noscript><img src=x></noscript> de Bruxelles", "Sommet de Bruxelles"),
        ("Sommet de Bruxelles<script>alert(1)", "Sommet de Bruxelles"),  # never closed
    ],
)
def test_visible_text(text, expected):
    assert visible_text(text) == expected


# --- dates: the page's own time and offset, doubted when they make no sense -----------------

UTC_MINUS_3 = dt.timezone(dt.timedelta(hours=-3))


def _day(text: str) -> DateValue:
    return DateValue(dt.datetime.fromisoformat(text).replace(tzinfo=PARIS), "day")


def test_time_and_offset_are_kept_as_the_page_gives_them():
    article = page(
        '<html><head><meta property="article:published_time" content="2023-04-28T18:23:00-03:00">'
        f"</head><body><article><p>{LONG}</p><p>{LONG}</p></article></body></html>"
    )
    assert article.date == Found(
        DateValue(dt.datetime(2023, 4, 28, 18, 23, tzinfo=UTC_MINUS_3), "minute"),
        "html <meta property=article:published_time>",
    )


@pytest.mark.parametrize(
    ("reading", "offsets", "expected"),
    [
        # 22:04 UTC on the 18th is the 19th in Vienna, where the page reads as the 19th
        ("2019-10-19", ["+02:00"], "2019-10-19T00:04:00+02:00"),
        ("2019-10-19", [], "2019-10-19T00:04:00+02:00"),  # no offset given: the site's zone
        ("2019-10-18", ["+02:00"], "2019-10-18T22:04:00+00:00"),  # UTC is the page's day
    ],
)
def test_a_utc_time_is_shown_on_the_day_the_page_means(reading, offsets, expected):
    stated = [(iso_date_value("2019-10-18T22:04:00Z"), "html JSON-LD datePublished")]
    stated += [(iso_date_value(f"2019-10-19T00:04:00{o}"), "html <time datetime>") for o in offsets]
    found = choose_date(stated, _day(reading), None, PARIS)
    assert (found.value.when.isoformat(), found.how) == (expected, "html JSON-LD datePublished")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-04-28T18:23:00+00:00", ("2023-04-28T18:23:00+00:00", "minute")),
        ("2023-04-28T18:23:00Z", ("2023-04-28T18:23:00+00:00", "minute")),
        ("2023-04-28 18:23:00+0200", ("2023-04-28T18:23:00+02:00", "minute")),
        ("2023-04-28T18:23", ("2023-04-28T18:23:00+02:00", "minute")),  # in the site's zone
        ("2023-09-13", ("2023-09-13T00:00:00+02:00", "day")),  # a day, no made-up time
        ("2023-09-13T00:00:00", ("2023-09-13T00:00:00+02:00", "day")),
        ("13/09/2023", None),
        ("2023-02-30", None),
    ],
)
def test_iso_date_value(text, expected):
    value = iso_date_value(text, PARIS)
    assert (value and (value.when.isoformat(), value.precision)) == expected


@pytest.mark.parametrize(
    ("stated", "reading", "modified", "expected"),
    [
        (
            [(_day("2023-05-04"), "html JSON-LD datePublished")],
            _day("2023-05-04"),
            None,
            ("2023-05-04", "html JSON-LD datePublished"),
        ),
        (  # a 2019 date on a 2023 page
            [(_day("2019-05-02"), "html <meta name=date>")],
            _day("2023-05-04"),
            None,
            (
                "2023-05-04",
                "html date (htmldate); html <meta name=date> said 2019-05-02, doubted: the page "
                "reads as 2023-05-04",
            ),
        ),
        (  # published after the page was last modified
            [(_day("2023-06-10"), "html <time datetime>"), (_day("2023-05-04"), "html <meta>")],
            None,
            _day("2023-05-20"),
            (
                "2023-05-04",
                "html <meta>; html <time datetime> said 2023-06-10, doubted: after the page's "
                "modified date",
            ),
        ),
        ([], None, None, None),
    ],
)
def test_choose_date(stated, reading, modified, expected):
    found = choose_date(stated, reading, modified, PARIS)
    assert (found and (found.value.when.date().isoformat(), found.how)) == expected


# --- authors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("credit", "names"),
    [
        ("Par Claire Martin et Jean Dupont", ["Claire Martin", "Jean Dupont"]),
        ("By Glen Owen And Brendan Carlin For The Mail On Sunday", ["Glen Owen", "Brendan Carlin"]),
        ("Von Sara Zinnecker Stand: 12.03.2020", ["Sara Zinnecker"]),
        ("Interview: Julia Lauter", ["Julia Lauter"]),
        ("'Luana Patriolino, Raphael Felice'", ["Luana Patriolino", "Raphael Felice"]),
        ("Lars Fischer und Alina Schadwinkel", ["Lars Fischer", "Alina Schadwinkel"]),
        ("admin", []),
    ],
)
def test_credit_names(credit, names):
    assert credit_names(credit) == names


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (  # faz.net: the publisher is not an author when people are named
            '<meta name="author" content="Frankfurter Allgemeine Zeitung GmbH, Benjamin Fischer, '
            'Marcus Theurer"><meta property="og:site_name" content="Frankfurter Allgemeine '
            'Zeitung GmbH">',
            Found(("Benjamin Fischer", "Marcus Theurer"), "html <meta name=author>"),
        ),
        (  # the agency alone is the credit
            '<meta name="author" content="AFP"><meta property="og:site_name" content="AFP">',
            Found(("AFP",), "html <meta name=author>"),
        ),
        (  # JSON-LD first, names deduplicated, organisations only when nobody is named
            '<script type="application/ld+json">{"@type": "NewsArticle", "author": ['
            '{"@type": "Person", "name": "Claire Martin"}, {"@type": "Person", "name": '
            '"claire  martin"}, {"@type": "Organization", "name": "Le Journal"}]}</script>',
            Found(("Claire Martin",), "html JSON-LD author"),
        ),
    ],
)
def test_authors_are_reconciled(head, expected):
    article = page(
        f"<html><head>{head}</head><body><article><p>{LONG}</p><p>{LONG}</p></article>"
        "</body></html>"
    )
    assert article.authors == expected


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ('<span class="info">Von Andreas Kürten</span>', ("Andreas Kürten",)),  # zdf.de
        ("<p>Autor: Tobias Kuske</p>", ("Tobias Kuske",)),
        ("<p>Par ailleurs, le ministre a parlé.</p>", None),  # not a credit
    ],
)
def test_a_credit_written_in_the_page_is_the_last_resort(credit, expected):
    article = page(
        f"<html><body><article>{credit}<p>{LONG}</p><p>{LONG}</p></article></body></html>"
    )
    assert (article.authors and article.authors.value) == expected
