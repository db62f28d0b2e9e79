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
    dated_credit,
    names_the_host,
    page_meta,
    page_zone,
    parse_html_page,
    profile_credits,
    reconcile_authors,
    signature,
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
        (  # "von <a href=/profil/...>Lars Fischer</a> und <a ...>Alina Schadwinkel</a>"
            "credit_two_links_de.html",
            ("Lars Fischer", "Alina Schadwinkel"),
            "html credit linked to the author's page",
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
    [
        ("pt-BR", "America/Sao_Paulo"),  # not zone.tab's first, Fernando de Noronha's
        ("en-AU", "Australia/Sydney"),  # not Lord Howe Island's
        ("ru", "Europe/Moscow"),  # not Kaliningrad's
        ("uk-UA", "Europe/Kyiv"),  # "most of Ukraine", not Simferopol
        ("es-CL", "America/Santiago"),  # "most of Chile"
        ("en-US", "America/New_York"),
        ("de", "Europe/Berlin"),
        ("es_UY", "America/Montevideo"),
    ],
)
def test_page_zone(locale, zone):
    """A country's main zone, where most of its people live, from tzdb's own tables."""
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


# --- authors where the page marks them without a byline ----------------------------------------


def article_page(head: str, body: str) -> RawText:
    page = (
        f"<html><head><title>Ein Beitrag</title>{head}</head><body><article>"
        f"<h1>Ein Beitrag über die Krise</h1>{body}<p>{LONG}</p><p>{LONG}</p>"
        "</article></body></html>"
    )
    return RawText("seeds/x.html", page, "html", "utf-8", "")


def test_a_json_ld_author_given_by_reference_is_the_person_of_that_id():
    """piratenpartei.at (Yoast): the WebPage's author is {"@id": ...}, the Person is elsewhere
    in the "@graph"; <meta name=author> names the theme's designers."""
    ld = (
        '<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
        '{"@type":"WebPage","@id":"https://www.piratenpartei.at/bge/#webpage","author":'
        '{"@id":"https://www.piratenpartei.at/#/schema/person/400e"}},'
        '{"@type":["Person"],"@id":"https://www.piratenpartei.at/#/schema/person/400e",'
        '"name":"Harald Bauer"}]}</script>'
        '<meta name="author" content="Peter Amende und Fuchsy designed">'
    )
    article = parse_html_page(article_page(ld, ""))
    assert article.authors == Found(("Harald Bauer",), "html JSON-LD author")


def test_a_json_ld_person_named_by_a_first_name_is_completed_from_its_description():
    """mtb-news.de: the Person is "Stefanus", its description "Stefanus Stahl - Maschinenbauer";
    elnacional.com: "Williams Perdomo @wperdomod" is the name without the handle."""
    ld = (
        '<script type="application/ld+json">{"@graph":[{"@type":"Article","author":'
        '[{"@id":"p1"},{"@id":"p2"}]},{"@type":"Person","@id":"p1","name":"Stefanus",'
        '"description":"Stefanus Stahl - Maschinenbauer, Abenteurer und ICB-Projektleiter."},'
        '{"@type":"Person","@id":"p2","name":"Williams Perdomo @wperdomod"}]}</script>'
    )
    article = parse_html_page(article_page(ld, ""))
    assert article.authors.value == ("Stefanus Stahl", "Williams Perdomo")


@pytest.mark.parametrize(
    ("snippet", "credits"),
    [
        (  # disfunctions.de: "Erstellt von" and the author's page
            '<p class="date">Erstellt von <a href="http://www.disfunctions.de/author/fabian/">'
            "Fabian</a> am Dienstag 6. Mai 2014</p>",
            [["Fabian"]],
        ),
        (  # dealdoktor.de: a user's avatar, name and date, no label
            '<img src="a.jpg" class="avatar avatar-19" alt="Profilbild"> <a href="https://www.'
            'dealdoktor.de/user-uebersicht/?u=79003">MikeNils</a> 18.10.2019, 15:07 Uhr',
            [["MikeNils"]],
        ),
        (  # echte-demokratie-jetzt.de: a user name in small letters after "von"
            '<span class="meta-sep">von</span> <span class="author vcard"><a class="url fn n" '
            'href="http://www.echte-demokratie-jetzt.de/author/admin/">uriebe</a></span>',
            [["uriebe"]],
        ),
        (  # spektrum.de: two linked names
            '<span>von <a href="https://www.spektrum.de/profil/fischer/lars/1126309">Lars '
            'Fischer</a> und <a href="https://www.spektrum.de/profil/schadwinkel/alina/1691832">'
            "Alina Schadwinkel</a></span>",
            [["Lars Fischer", "Alina Schadwinkel"]],
        ),
        (  # fincompare.de: the author box's link to all the author's articles
            '<div class="author-bio footer"><h3>Martin Junker</h3><p><a href="https://fincompare'
            '.de/author/martin">Alles von Martin Junker</a></p></div>',
            [["Martin Junker"]],
        ),
        (  # a commenter's name and date is not the article's credit
            '<div class="comment-list"><a href="/user-uebersicht/?u=145426">D-Zug</a> '
            "18.10.2019, 15:30 Uhr</div>",
            [],
        ),
        ('<a href="/author/fabian/">Fabian</a><p>Zutaten für 4 Personen</p>', []),  # no credit
    ],
)
def test_profile_credits(snippet, credits):
    page = f'<html><body class="vc_responsive"><div>{snippet}</div></body></html>'
    assert profile_credits(lxml.html.document_fromstring(page)) == credits


def test_a_credit_linked_to_the_author_page_beats_the_meta_author():
    """bayrische-bembel.de: <meta name=author> is the club's name; the post says "Geschrieben
    von <a href=userinfo.php?uid=6>Cooper</a>"."""
    head = '<meta name="author" content="EFC Bayrische Bembel">'
    body = (
        '<span class="itemPoster">Geschrieben von <a href="http://bayrische-bembel.de/bbr/'
        'userinfo.php?uid=6">Cooper</a></span> <span class="itemPostDate">am 25.08.2015 22:30'
        "</span>"
    )
    article = parse_html_page(article_page(head, body))
    assert article.authors == Found(("Cooper",), "html credit linked to the author's page")


def test_a_meta_author_the_page_never_shows_comes_after_its_written_credit():
    """petri-heil.ch: <meta name=author> "Auto Illustrierte" (the content system's), written
    nowhere; the page shows "Text & Fotos: Ivan Valetny"."""
    head = '<meta name="author" content="Auto Illustrierte">'
    body = (
        '<table><tr><td>26 | 01 | 2022 </td><td class="authorbold"><nonbold>Text & Fotos:'
        "</nonbold> Ivan Valetny </td></tr></table>"
    )
    article = parse_html_page(article_page(head, body))
    assert article.authors == Found(("Ivan Valetny",), "html credit in the text")
    shown = parse_html_page(article_page(head, body + "<p>Auto Illustrierte</p>"))
    assert shown.authors == Found(("Auto Illustrierte",), "html <meta name=author>")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("04.02.2022 | 13:10 Uhr | Uta Helkenberg", ["Uta Helkenberg"]),  # pferd-aktuell.de
        ("06.11.2023 13:30 von Olga", ["Olga"]),  # vipflash.de
        ("04.02.2022 | 13:10 Uhr | Pressemitteilung", []),
        ("06.11.2023 13:30 Uhr", []),
    ],
)
def test_dated_credit(text, names):
    assert dated_credit(text) == names


@pytest.mark.parametrize(
    ("last", "names"),
    [
        ("Stefan Wasmer", ["Stefan Wasmer"]),  # eishockeynews.de
        ("Benni 10. September 2017", ["Benni"]),  # prof-pc.de
        ("Euer HansEhrlich", ["HansEhrlich"]),  # dealdoktor.de
        ("Viel Glück!", []),
        ("Weiterlesen", []),
        ("Fortsetzung folgt", []),
    ],
)
def test_signature(last, names):
    assert signature([LONG, last]) == names


def test_a_forum_thread_is_credited_to_its_first_post_author():
    """katzen-forum.net (XenForo): no byline; each post is <article data-author>."""
    posts = "".join(
        f'<article class="message message--post" data-author="{name}"><p>{LONG}</p></article>'
        for name in ("Pepemaus", "yellowkitty")
    )
    page = (
        "<html><head><title>Pepe frisst nicht</title></head><body><h1>Pepe frisst nicht mehr</h1>"
        f'<div class="block-body js-replyNewMessageContainer">{posts}</div></body></html>'
    )
    article = parse_html_page(RawText("seeds/x.html", page, "html", "utf-8", ""))
    assert article.authors == Found(("Pepemaus",), "html forum post author")


def test_an_agency_beside_an_author_is_left_out():
    """autohaus.de: "Autor: Peter Maahn/SP-X"; sportnews.bz's "det/dpa" (initials) is kept."""
    assert reconcile_authors([(["Peter Maahn", "SP-X"], "a")], []) == Found(("Peter Maahn",), "a")
    assert reconcile_authors([(["det", "dpa"], "a")], []) == Found(("det", "dpa"), "a")
    assert reconcile_authors([(["dpa"], "a")], []) == Found(("dpa",), "a")


# --- dates the page shows in its text, beside its byline or as a month ------------------------


def dated_page(head: str, body: str) -> RawText:
    page = f"<html><head><title>Ein Beitrag</title>{head}</head><body>{body}</body></html>"
    return RawText("seeds/x.html", page, "html", "utf-8", "")


@pytest.mark.parametrize(
    ("body", "day"),
    [
        (  # nachtkritik.de: the site's header shows today; the text opens with its date, after
            # the intro's title
            '<header><span class="mod_datetime"><time datetime="2023-11-01T13:56:20+01:00">'
            "Mittwoch, 01. November 2023</time></span></header><article><h2>Kolumne: Queer "
            'Royal</h2><p class="text_titel">Im Schlepptau</p><p><span class="text_datum">31. '
            f"Oktober 2023.</span> Dragqueens sind Kunstfiguren. {LONG}</p><p>{LONG}</p></article>",
            "2023-10-31",
        ),
        (  # energieverbraucher.de: "(21. November 2022)" and the news list beside it
            '<div class="news"><span class="newsitem-time">29.11.2022</span></div><article>'
            "<h6>Energiepreiskrise: Entlastungen und Rechte auf einen Blick</h6><h5><em>Von "
            "Leonora Holling</em></h5><p>(21. November 2022) Energieverbraucher erhalten eine "
            f"Preiserhöhung. {LONG}</p><p>{LONG}</p></article>",
            "2022-11-21",
        ),
    ],
)
def test_a_text_that_opens_with_its_date_is_dated_so(body, day):
    article = parse_html_page(dated_page("", body))
    assert article.date.value.when.date().isoformat() == day
    assert article.date.how == "html date opening the text"


def test_the_date_beside_the_byline_beats_a_generic_meta_date():
    """ejwue.de: <meta name=date> is when the page was generated; the news item shows "05.02.2020
    - Redaktion: Eberhard Fuhr", before the headline (the first <h1> is the logo's)."""
    head = '<meta name="date" content="2020-02-12" />'
    body = (
        '<div id="logoWrap"><h1><a href="/"><img src="logo.svg" alt="EJW"></a></h1></div>'
        '<div class="news-single-item"><div class="news-single-timedata">05.02.2020 <span>-&nbsp;'
        "Redaktion: Eberhard Fuhr (Pressesprecher des EJW)</span></div><h1>Faire Lieferketten"
        f"</h1><p>{LONG}</p><p>{LONG}</p></div>"
    )
    article = parse_html_page(dated_page(head, body))
    assert article.date.value.when.date() == dt.date(2020, 2, 5)
    assert article.date.how == "html date beside the byline"


def test_a_published_date_in_the_month_shown_under_the_headline_is_not_doubted():
    """handwerksblatt.de: the header shows today ("Freitag, 21. Januar 2022"), the article its
    print edition's month, with the day in itemprop=datePublished on that very element."""
    body = (
        '<div class="top-bar"><p class="date">Freitag, 21. Januar 2022</p></div><article>'
        '<h1>3G, 2G oder 2G Plus: Was gilt jetzt beim Friseurbesuch?</h1><div class="head">'
        '<p class="date" itemprop="datePublished" content="2022-01-14 10:31:00">Januar 2022</p>'
        f"</div><p>{LONG}</p><p>{LONG}</p></article>"
    )
    article = parse_html_page(dated_page("", body))
    assert article.date.value.when == dt.datetime(
        2022, 1, 14, 10, 31, tzinfo=article.date.value.when.tzinfo
    )
    assert article.date.how == (
        "html <meta itemprop=datepublished>, in the month shown under the headline"
    )


@pytest.mark.parametrize(
    ("head", "body", "day", "how"),
    [
        (  # furche.at: a style shows the date of the element after the headline
            "",
            '<article><h1> Achtsam durch die Krise </h1><div class="article-header__content">'
            '<div class="html-timeline"><div data-date="18. März 2020" class="timeline__arrow">'
            '</div><div class="timeline__lines"><i><span>1945</span></i><i><span>2020</span></i>'
            f"</div></div></div><p>{LONG}</p><p>{LONG}</p></article>"
            '<aside><span class="default-teaser__date"> 01. Juli 2020 </span></aside>',
            "2020-03-18",
            "html date under the headline",
        ),
        (  # dtb-tennis.de: "4. 2. 2022." is 4 February, not 2 April
            "",
            "<article><h1>Davis Cup Qualifiers: Kohlmann nominiert zwei Neulinge</h1><p>Von</p>"
            f"<p>Deutscher Tennis Bund</p><p>4. 2. 2022.</p><p>{LONG}</p><p>{LONG}</p></article>",
            "2022-02-04",
            "html date under the headline",
        ),
        (  # mactechnews.de: a forum thread's headline is an <h2> the <title> starts with; the
            # other threads listed beside it have their own dates
            "",
            '<header><h1><a href="/" title="MacTechNews.de"></a></h1></header><aside><span '
            'title="Zu allen News vom Samstag, 21. September 2019 springen">21.09.19</span>'
            '</aside><h2 class="Title"> kein App Store mehr über Mobile Daten mit iOS 13 ? </h2>'
            '<div class="MtnComment"><span class="MtnCommentAccountName">macbacchi</span><span '
            'class="MtnCommentTime" title="Zeit der Erstellung"><span>28.09.19</span><span>12:44'
            f'</span></span><div class="MtnCommentText">{LONG} {LONG}</div></div>',
            "2019-09-28",
            "html date under the headline",
        ),
        (  # foren.myoos.de: the date a forum user registered is not the post's
            "",
            '<h2 class="topic-title">Was ist Freie Software</h2><dl><dd>r23</dd><dd><strong>'
            "Registriert:</strong></dd><dd>18.09.2008, 05:56</dd></dl><p>Beitrag von r23 » "
            f'21.01.2009, 05:42</p><div class="content"><p>{LONG}</p><p>{LONG}</p></div>',
            "2009-01-21",
            "html date under the headline",
        ),
    ],
)
def test_the_date_shown_with_the_headline(head, body, day, how):
    title = "<title>kein App Store mehr über Mobile Daten mit iOS 13 ? | Forum</title>"
    if "topic-title" in body:
        title = "<title>Was ist Freie Software - MyOOS Community Forum</title>"
    page = f"<html><head>{title}{head}</head><body>{body}</body></html>"
    article = parse_html_page(RawText("seeds/x.html", page, "html", "utf-8", ""))
    assert (article.date.value.when.date().isoformat(), article.date.how) == (day, how)


def test_an_instant_is_written_in_utc_when_the_page_shows_its_utc_day():
    """elespectador.com: JSON-LD gives 2022-05-05T21:00:00-05:00, the page shows "6 May 2022 -
    2:00 a. m." just before its headline: the same instant, on the day the page shows."""
    ld = (
        '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":'
        '"2022-05-05T21:00:00-05:00"}</script>'
    )
    body = (
        '<div class="ArticleHeader"><div class="Datetime ArticleHeader-Date">6 May 2022 - 2:00 '
        'a. m.</div><h1 class="Title">Así serán los tres macrocasos que abrirá la JEP</h1></div>'
        f"<p>{LONG}</p><p>{LONG}</p>"
    )
    article = parse_html_page(dated_page(ld, body))
    assert article.date.value.when == dt.datetime(2022, 5, 6, 2, 0, tzinfo=dt.UTC)
    assert article.date.value.when.utcoffset() == dt.timedelta(0)
    assert article.date.how == "html JSON-LD datePublished"


# --- the htmldate function that is not part of its public interface ----------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Stand: 28.04.2020 18:00 Uhr", "2020-04-28"),
        ("Freitag, 21. Januar 2022", "2022-01-21"),
        ("am 3. Februar 2022 um 21:17", "2022-02-03"),
        ("13 septembre 2023", "2023-09-13"),
        ("6 May 2022 - 2:00 a. m.", "2022-05-06"),
        ("Lesedauer: 8 Min.", None),
        ("1626", None),
    ],
)
def test_htmldate_try_date_expr_still_reads_shown_dates(text, day):
    """``shown_date`` calls ``htmldate.extractors.try_date_expr`` (not public: no stability
    promise) as try_date_expr(text, outputformat, extensive_search, min_date, max_date); an
    htmldate release that renames it or changes its arguments or results fails here, not in
    silently worse dates."""
    from htmldate.extractors import try_date_expr

    found = try_date_expr(text, "%Y-%m-%d", False, dt.datetime(1995, 1, 1), dt.datetime(2100, 1, 1))
    assert found == day


# --- agencies, signers with their office, commenters -----------------------------------------


ENDING = (
    "Seit mehr als 30 Jahren verfolgt sie das Ziel, dass alleinerziehende Eltern und ihre Kinder "
    "allen anderen Familien rechtlich und sozial gleichgestellt werden."
)


@pytest.mark.parametrize(
    ("head", "body", "authors", "how"),
    [
        (  # katholisch.at: <meta name=author> is the site; the text ends "Quelle: kathpress"
            '<link rel="canonical" href="https://www.katholisch.at/aktuelles/1">'
            '<meta name="author" content="katholisch.at">',
            f"<p>{LONG}</p><p>{ENDING}</p><p> </p>"
            '<p style="text-align:right;">Quelle: <a href="http://www.kathpress.at">kathpress</a>'
            "</p>",
            ("kathpress",),
            "html agency credited in the text",
        ),
        (  # sat1regional.de: nobody credited but the dateline's agency
            "",
            f"<p>Hamburg (dpa/lno) – Trotz eines Gespräches zwischen den Beteiligten. {LONG}</p>"
            f"<p>{ENDING}</p>",
            ("dpa", "lno"),
            "html agency credited in the text",
        ),
        (  # tennismagazin.de: the desk is credited, the dateline's agency is not the credit
            "",
            '<div class="author">Redaktion</div><p>Montpellier (SID) – Tennis-Olympiasieger '
            f"Alexander Zverev ist ins Viertelfinale eingezogen. {LONG}</p><p>{ENDING}</p>",
            ("Redaktion",),
            "html byline (trafilatura)",
        ),
        (  # ditb.de: the article is signed with the signer's office on the next line
            "",
            f'<p>{LONG}</p><p style="text-align:justify">{ENDING}</p><p style="text-align:'
            'justify">Kazım TÜRKMEN<br /> DITIB-Bundesvorsitzender</p>',
            ("Kazım TÜRKMEN",),
            "html signature ending the article",
        ),
    ],
)
def test_who_is_credited_when_no_person_is(head, body, authors, how):
    body = f"<article><h1>Ein Beitrag über die Krise</h1>{body}</article>"
    article = parse_html_page(dated_page(head, body))
    assert article.authors == Found(authors, how)


def test_a_commenter_in_the_sidebar_is_not_the_author():
    """miamitodaynews.com: trafilatura takes "Bill Osborne" from the "Recent Comments" widget;
    the page credits only itself."""
    page = (
        "<html><head><title>Transitway plan advances</title>"
        '<meta property="og:site_name" content="Miami Today"></head><body><article><h1>'
        f"Transitway plan advances</h1><p>By Miami Today</p><p>{LONG}</p><p>{LONG}</p></article>"
        '<div class="widgetinner"><h3 class="widgettitle">Recent Comments</h3> <ul id="recent'
        'comments"><li class="recentcomments"><span class="comment-author-link"><a href="http://'
        "billophoto.com\" rel='external nofollow' class='url'>Bill Osborne</a></span> on <a "
        'href="https://www.miamitodaynews.com/2023/10/31/stadium/">Stadium bond</a></li></ul>'
        "</div></body></html>"
    )
    article = parse_html_page(RawText("seeds/x.html", page, "html", "utf-8", ""))
    assert article.authors.value == ("Miami Today",)
