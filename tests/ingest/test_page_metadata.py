"""Metadata of saved news pages, rule by rule, each on a minimal snippet of the real page of
trafilatura's evaluation set that showed the problem (see bench/eval_html.py)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import lxml.html
import pytest
from ingest.htmlpage import (
    _first_byline,
    bylines,
    credit_in,
    credit_names,
    names_the_host,
    page_meta,
    page_zone,
    parse_html_page,
    reconcile_authors,
    written_credits,
)
from ingest.model import Found, RawText
from ingest.rawfile import read_raw

FIXTURES = Path(__file__).parent / "fixtures"
LONG = (
    "Die Achtsamkeit ist in der Krise zu einem Schlagwort geworden, das viele Menschen in ihrem "
    "Alltag begleitet, und sie verdient einen genaueren Blick auf ihre Herkunft und ihre Grenzen."
)


def saved(name: str):
    return parse_html_page(read_raw(FIXTURES / name, f"seeds/pages/{name}"))


# --- pages with stray bytes still give an article -----------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "first_words", "warning"),
    [
        (
            "stray_nul_es.html",
            "Juicio por el caso golpe II entra en la recta final; sentencia podría dictarse "
            "este miércoles",
            'El juicio por el caso denominado "golpe II"',
            "NUL bytes removed",
        ),
        (
            "stray_byte_de.html",
            "Rinderleber-Geschnetzeltes mit Apfel und Zwiebel",
            "So schön winterlich",
            "read as cp1252",
        ),
    ],
)
def test_a_page_with_stray_bytes_gives_its_article(caplog, name, title, first_words, warning):
    with caplog.at_level(logging.WARNING, logger="ingest.rawfile"):
        article = saved(name)
    assert article.title.value == title
    assert article.paragraphs[0].startswith(first_words)
    assert [m for m in caplog.messages if warning in m and m.startswith(f"seeds/pages/{name}:")]


# --- dates: what the page shows as its date beats its generic <meta name=date> ----------------


@pytest.mark.parametrize(
    ("name", "day", "how"),
    [
        ("date_under_headline_de.html", "2020-04-28", "html date under the headline"),
        ("date_labelled_de.html", "2021-10-13", "html date labelled as published"),
    ],
)
def test_the_date_the_page_shows_beats_its_generic_meta_date(name, day, how):
    article = saved(name)
    assert article.date.value.when.date().isoformat() == day
    assert article.date.value.precision == "day"
    assert article.date.how == how


# --- authors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "authors", "how"),
    [
        (  # <meta name=author> gives only the site's name: the byline in the text is the credit
            "date_under_headline_de.html",
            ("Volkmar Kabisch", "Jan Lukas Strozyk", "Benedikt Strunz"),
            "html credit in the text",
        ),
        (
            "credit_two_links_de.html",
            ("Lars Fischer", "Alina Schadwinkel"),
            "html credit in the text",
        ),
        ("credit_in_comments_fr.html", ("Emmanuelle Ducros",), "html byline (trafilatura)"),
        (  # the meta gives an organisation; "von Prof. Dr. ..." in a sentence is not a credit
            "credit_label_de.html",
            ("Fritz Imhof",),
            "html credit in the text",
        ),
    ],
)
def test_authors_are_people_credited_on_the_page(name, authors, how):
    assert saved(name).authors == Found(authors, how)


@pytest.mark.parametrize(
    ("text", "following", "names"),
    [
        ("Autorin: Uta Staschewski, Projektleiterin der HSS in Tunesien.", "", ["Uta Staschewski"]),
        ("- Redaktion: Eberhard Fuhr (Pressesprecher des EJW)", "", ["Eberhard Fuhr"]),
        ("Geschrieben von", "Cooper", ["Cooper"]),
        ("Text:", "Klausmartin Friedrich", ["Klausmartin Friedrich"]),
        ("Ein Artikel von", "Pamela Sladky", ["Pamela Sladky"]),
        ("Auteur : Kossivi Tiassou", "", ["Kossivi Tiassou"]),
        ("von", "Cooper", []),  # a lone word after a bare "von" may be anything
        ("Redaktion", "HINTERLASSEN SIE EINE ANTWORT", []),  # a desk, not a label
        ("Text: Die Lage", "", []),
        ("Von Berlin aus gesehen ist das weit", "", []),
    ],
)
def test_credit_in_a_text(text, following, names):
    assert credit_in(text, following) == names


@pytest.mark.parametrize(
    ("credit", "names"),
    [
        (
            "Richard David Precht im Gespräch mit Karin Fischer",
            ["Richard David Precht", "Karin Fischer"],
        ),
        ("vom Krimiblogger", ["Krimiblogger"]),
        ("Johanna Kropfitsch Alle Artikel", ["Johanna Kropfitsch"]),
        ("Jacobo Betancur Peláez | Publicado el 5 de mayo de 2022", ["Jacobo Betancur Peláez"]),
        ("Zuletzt geändert am:", []),
        ("Stand, 14:57 Uhr", []),
        ("José Miguel Wilson Tiempo de lectura: 4 minutos", ["José Miguel Wilson"]),
    ],
)
def test_credit_names(credit, names):
    assert credit_names(credit) == names


def test_an_organisation_is_the_credit_only_when_nobody_else_is_credited():
    credits = [(["Hanns-Seidel-Stiftung e.V"], "a"), (["Uta Staschewski"], "b")]
    assert reconcile_authors(credits, []) == Found(("Uta Staschewski",), "b")
    assert reconcile_authors(credits[:1], []) == Found(("Hanns-Seidel-Stiftung e.V",), "a")


def test_the_byline_is_the_name_not_the_author_box_around_it():
    text = (FIXTURES / "byline_author_box_de.html").read_text(encoding="utf-8")
    assert bylines(lxml.html.document_fromstring(text)) == ["Paddy"]
    assert saved("byline_author_box_de.html").authors.value == ("Paddy",)


@pytest.mark.parametrize(
    ("lines", "names"),
    [
        (["Posted on", "by marc", "marc"], ["marc"]),  # a label alone gives no name
        (["© Kathrin Führes"], ["Kathrin Führes"]),
        (["Veröffentlicht am", "von mywakenews"], ["mywakenews"]),
    ],
)
def test_first_byline_that_names_someone(lines, names):
    assert _first_byline(lines) == names


def test_a_credit_ends_before_the_illustration_credit():
    text = "Text von Christian Seiler \xa0 \xa0\xa0Illustration von Markus Roost"
    assert credit_in(text) == ["Christian Seiler"]


def test_a_first_name_alone_is_completed_from_another_credit_of_the_page():
    """pinkstinks.de: <meta name=author> "Nils", and "Eine Kolumne von Nils Pickert"."""
    credits = [(["Nils"], "a"), (["Nils Pickert"], "b"), (["Matthias herrpfleger"], "c")]
    assert reconcile_authors(credits, []) == Found(("Nils Pickert",), "a")
    assert reconcile_authors([(["Matthias"], "a"), credits[2]], []) == Found(("Matthias",), "a")


def test_the_site_name_ending_the_title_is_not_an_author():
    """furche.at: <meta name=author> "Die FURCHE", and the <title> ends "| Die FURCHE"."""
    page = (
        "<html><head><title>Achtsam durch die Krise | Die FURCHE</title>"
        '<meta name="author" content="Die FURCHE"></head><body><article>'
        "<h1>Achtsam durch die Krise</h1><p>Von Ursula Baatz</p>"
        f"<p>{LONG}</p><p>{LONG}</p></article></body></html>"
    )
    article = parse_html_page(RawText("seeds/x.html", page, "html", "utf-8", ""))
    assert article.authors == Found(("Ursula Baatz",), "html credit in the text")


# --- titles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "how"),
    [
        (
            "title_logo_h1_de.html",
            "Rinderleber-Geschnetzeltes mit Apfel und Zwiebel",
            "html <title>",
        ),
        (
            "title_colon_site_de.html",
            "Das vermutlich schwulste Musikvideo der Welt",
            "html <title>",
        ),
        ("title_address_name_de.html", "Alles Neue mach der Mai…", "html <title>"),
        (
            "title_kicker_in_h1_de.html",
            "Wie Umweltzerstörung neue Epidemien begünstigt",
            "html <h1>",
        ),
        ("title_news_listing_de.html", "Die Events der letzten Zeit", "html <title>"),
    ],
)
def test_title_without_the_site_name_or_kicker(name, title, how):
    assert saved(name).title == Found(title, how)


@pytest.mark.parametrize(
    ("text", "host", "names_it"),
    [
        ("MyOOS Community Forum", "foren.myoos.de", True),
        ("Bibliothek 2.0 und mehr", "www.bibliothek2null.de", True),
        ("Eva Welskop-Deffaa zur neuen Caritas-Präsidentin gewählt", "www.caritas.de", True),
        ("Was ist Freie Software", "foren.myoos.de", False),
        ("Kim et Poutine", "", False),
    ],
)
def test_names_the_host(text, host, names_it):
    """A part of a title (or a credit) that names the site; an <h1> is never judged so, since a
    headline may name the site (the caritas.de case)."""
    assert names_the_host(text, host) is names_it


def test_a_utc_instant_on_another_day_than_the_page_shows_is_given_in_the_page_zone():
    """The instant is kept; its offset is the one of the page's country (pt-BR), where it falls
    on the day the page shows (03/05/2022 21:44), not the site's zone (4 May 02:44 in Paris)."""
    date = saved("date_utc_instant_pt.html").date
    assert date.value.when == dt.datetime(2022, 5, 4, 0, 44, 52, tzinfo=dt.UTC)
    assert date.value.when.date() == dt.date(2022, 5, 3)
    assert date.value.precision == "minute"


@pytest.mark.parametrize(
    ("locale", "zone"),
    [("pt-BR", "America/Noronha"), ("de", "Europe/Berlin"), ("es_UY", "America/Montevideo")],
)
def test_page_zone(locale, zone):
    assert page_zone(locale).key == zone


@pytest.mark.parametrize("locale", ["", "xx", "es-419", "<script>"])
def test_page_zone_unknown(locale):
    assert page_zone(locale) is None


def test_a_utc_time_that_is_midnight_in_the_page_zone_is_a_day():
    date = saved("date_utc_midnight_de.html").date
    assert (date.value.when.date(), date.value.precision) == (dt.date(2021, 11, 5), "day")
    assert date.how == "html <meta property=article:published_time>"


def test_one_word_beside_an_organisation_is_a_piece_of_its_name():
    """waldwiesen.net: <meta name=author> names the institute; the byline names the author."""
    meta = credit_names("Bayerische Landesanstalt für Wald und Forstwirtschaft (LWF)")
    credits = [(meta, "html <meta name=author>"), (["Joachim Hamberger"], "html byline")]
    assert reconcile_authors(credits, []) == Found(("Joachim Hamberger",), "html byline")
    assert reconcile_authors(credits[:1], []).value == tuple(meta)


@pytest.mark.parametrize(
    ("snippet", "credits"),
    [
        (  # kochbar.de: a user name after a bare "von" when a date follows it
            '<span class="kb-tip-user-profile-name-sub"> von <span class="kb-ft-rob-bol">'
            '<a href="https://www.kochbar.de/user/Marianne1.html">Marianne1</a></span> <br />'
            " am 20.09.2020 </span>",
            [["Marianne1"]],
        ),
        (  # juraforum.de: a job in a link between the label and the name
            'Autor: <a href="https://www.juraforum.de/rechtsanwalt/" title="Rechtsanwalt">'
            "Rechtsanwalt</a> Sebastian Einbock</div>",
            [["Sebastian Einbock"]],
        ),
        ("<p>von <a>Marianne1</a></p><p>Zutaten für 4 Personen</p>", []),  # no date: no credit
    ],
)
def test_written_credits(snippet, credits):
    assert written_credits(lxml.html.document_fromstring(f"<div>{snippet}</div>")) == credits


def test_credits_bylines_and_labelled_dates_are_bounded():
    """A page with thousands of credits keeps the first 20 of each (only the first ones count),
    so that checking each new one against those kept stays linear."""
    first = ["Anna", "Bernd", "Clara", "Dieter", "Emil", "Frieda", "Gustav", "Hanna", "Ingo"]
    items = "".join(
        f'<span class="author">von {first[i % 9]} {first[i // 9 % 9]}mann{chr(97 + i // 81)}</span>'
        f"<p>Erschienen am: {i % 28 + 1:02d}.01.2020</p>"
        for i in range(1000)
    )
    tree = lxml.html.document_fromstring(f"<html><body>{items}</body></html>")
    page = page_meta(tree)
    assert (len(page.written_credits), len(page.bylines), len(page.labelled_dates)) == (20, 20, 20)
    assert page.written_credits[0] == ["Anna Annamanna"]
