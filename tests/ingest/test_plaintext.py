"""Plain-text articles: each rule on its own, then whole texts, the seed and the corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import markdown
import pytest
from bs4 import BeautifulSoup
from ingest.dates import DateError, parse_date
from ingest.model import DateValue, Found, IngestError, RawText
from ingest.plaintext import (
    byline_authors,
    credit_name,
    dateline_line,
    dateline_prefix,
    escape_markdown,
    find_credit,
    is_title_line,
    parse_plain_text,
    source_line_name,
    split_paragraphs,
    split_sentences,
    summary_from_lede,
    title_from_lede,
)
from sitekit import CORPUS, corpus_dir

PROJECT = Path(__file__).resolve().parents[2]
SEED = PROJECT / "seeds" / "000_c3b89795a0f00579.txt"
PARIS = ZoneInfo("Europe/Paris")


def parse(text: str, **kwargs):
    return parse_plain_text(RawText("seeds/x.txt", text, "text", "utf-8", ""), **kwargs)


def error_of(text: str) -> str:
    with pytest.raises(IngestError) as caught:
        parse(text)
    return str(caught.value)


def paris(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)


# --- paragraphs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Un\ndeux\n\ntrois", [(1, "Un deux"), (4, "trois")]),
        ("\n\n  Un  \t mot \n \t \n\n\ndeux\n", [(3, "Un mot"), (7, "deux")]),
        ("seul", [(1, "seul")]),
        ("", []),
    ],
)
def test_paragraphs_split_on_blank_lines_and_join_wrapped_lines(text, expected):
    assert [(p.line, p.text) for p in split_paragraphs(text)] == expected


# --- source credit ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("RFI", "RFI"),
        ("AFP", "AFP"),
        ("Wikinews", "Wikinews"),
        ("Reuters", "Reuters"),
        ("— Le Monde", "Le Monde"),
        ("(AFP)", "AFP"),
        ("- franceinfo", "franceinfo"),
        ("France 24", "France 24"),
        ("La Tribune de Genève", "La Tribune de Genève"),
        ("© AFP", "AFP"),
        ("lemonde.fr", "lemonde.fr"),
        ("Affaire à suivre", None),
        ("Fin de l'histoire.", None),
        ("C’est fini !", None),
        ("Reuters.", None),
        ("Le Monde, Libération, Le Figaro, Les Échos et La Croix", None),
        ("2023", None),
        ("A Very Long Outlet Name That Goes On", None),
    ],
)
def test_credit_name(line, name):
    assert credit_name(line) == name


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Source : AFP", "AFP"),
        ("Source: Reuters.", "Reuters"),
        ("source : Le Monde", "Le Monde"),
        ("Sources : AFP, Reuters", "AFP, Reuters"),
        ("Source\u00a0: RFI", "RFI"),
        ("La source : un proche", None),
        ("Source de revenus importante", None),
    ],
)
def test_source_line_name(line, name):
    assert source_line_name(line) == name


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Texte.\n\nRFI", Found("RFI", "last line", line=3)),
        ("Texte.\nRFI", Found("RFI", "last line", line=2)),
        ("Texte du\nRFI", None),  # a hard-wrapped sentence, not a credit
        ("Texte.\n\nSource : AFP\n\nSuite.", Found("AFP", "source line", line=3)),
        ("Texte.\n\nAffaire à suivre", None),
        ("RFI", None),  # the only paragraph is not a credit
    ],
)
def test_find_credit(text, found):
    assert find_credit(split_paragraphs(text)) == found


# --- bylines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Par Jean Dupont", ("Jean Dupont",)),
        ("Par Jean Dupont et Marie Curie", ("Jean Dupont", "Marie Curie")),
        ("Par Jean Dupont, envoyé spécial à Kyiv", ("Jean Dupont",)),
        (
            "Par Jean Dupont, Marie Curie et Paul Martin",
            ("Jean Dupont", "Marie Curie", "Paul Martin"),
        ),
        ("Par Jean Dupont avec AFP", ("Jean Dupont",)),
        ("PAR JEAN-PIERRE DUPONT", ("Jean-Pierre Dupont",)),
        ("By Jane Doe", ("Jane Doe",)),
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("By Jane Doe, Reuters", ("Jane Doe",)),
        ("De notre correspondant à Séoul, Nicolas Rocca", ("Nicolas Rocca",)),
        ("De notre envoyée spéciale à Kyiv, Marie Curie", ("Marie Curie",)),
        ("De notre correspondante Anne Durand", ("Anne Durand",)),
        ("Par Jean de La Fontaine", ("Jean de La Fontaine",)),
        ("Par ailleurs, le ministre a démenti", ()),
        ("By the end of the day, nothing was left", ()),
        ("Par AFP", ()),
        ("Par Le Monde avec AFP", ()),
        ("Jane Doe, Reuters", ()),
    ],
)
def test_byline_authors(line, authors):
    assert byline_authors(line) == authors


# --- dates and datelines ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "when", "precision"),
    [
        ("2023-09-13", paris(2023, 9, 13), "day"),
        ("13/09/2023", paris(2023, 9, 13), "day"),
        ("1/2/2023", paris(2023, 2, 1), "day"),  # day first, never month first
        ("13.09.2023", paris(2023, 9, 13), "day"),
        ("13/09/23", paris(2023, 9, 13), "day"),
        ("13 septembre 2023", paris(2023, 9, 13), "day"),
        ("1er mai 2023", paris(2023, 5, 1), "day"),
        ("mercredi 13 septembre 2023", paris(2023, 9, 13), "day"),
        ("13 sept. 2023", paris(2023, 9, 13), "day"),
        ("13 août 2023", paris(2023, 8, 13), "day"),
        ("13 decembre 2023", paris(2023, 12, 13), "day"),
        ("September 13, 2023", paris(2023, 9, 13), "day"),
        ("Wednesday, Sept 13, 2023", paris(2023, 9, 13), "day"),
        ("13 September 2023", paris(2023, 9, 13), "day"),
        ("13/09/2023 à 10h05", paris(2023, 9, 13, 10, 5), "minute"),
        ("13 septembre 2023 à 18:30", paris(2023, 9, 13, 18, 30), "minute"),
        ("13 septembre 2023 18h", paris(2023, 9, 13, 18, 0), "minute"),
        ("September 13, 2023 at 6:30 pm", paris(2023, 9, 13, 18, 30), "minute"),
        ("2023-09-13 10:05", paris(2023, 9, 13, 10, 5), "minute"),
        ("2023-09-13T10:05:00Z", dt.datetime(2023, 9, 13, 10, 5, tzinfo=dt.UTC), "minute"),
        (
            "2023-09-13T10:05:00+02:00",
            dt.datetime(2023, 9, 13, 10, 5, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            "minute",
        ),
    ],
)
def test_parse_date(text, when, precision):
    value = parse_date(text)
    assert (value.when, value.precision) == (when, precision)
    assert value.when.utcoffset() == when.utcoffset()


def test_dates_without_time_are_midnight_in_the_given_zone():
    zone = ZoneInfo("America/Montreal")
    assert parse_date("13 septembre 2023", zone).when == dt.datetime(2023, 9, 13, tzinfo=zone)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2023", 'date "31/02/2023" is not a real day'),
        ("30 février 2023", 'date "30 février 2023" is not a real day'),
        ("29/02/2023", 'date "29/02/2023" is not a real day'),
        ("09/13/2023", 'date "09/13/2023" is not a real day'),
        ("2023-13-01", 'date "2023-13-01" is not a real day'),
        ("13/09/2023 à 25h10", 'time in "13/09/2023 à 25h10" is not a real time of day'),
        (
            "demain",
            'cannot read "demain" as a date: write it like 2023-09-13, 2023-09-13 10:05 or '
            "13 septembre 2023",
        ),
        (
            "13 septembre",
            'cannot read "13 septembre" as a date: write it like 2023-09-13, 2023-09-13 10:05 '
            "or 13 septembre 2023",
        ),
    ],
)
def test_parse_date_errors(text, message):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == message


def test_leap_day_is_real():
    assert parse_date("29/02/2024").when == paris(2024, 2, 29)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Publié le 13/09/2023 à 10h05", ((2023, 9, 13, 10, 5), False)),
        ("Mis à jour le 13 septembre 2023 à 18:30", ((2023, 9, 13, 18, 30), True)),
        ("Published on September 13, 2023", ((2023, 9, 13, None, None), False)),
        ("Updated: 13 September 2023 6:30 pm", ((2023, 9, 13, 18, 30), True)),
        ("13 septembre 2023", ((2023, 9, 13, None, None), False)),
        ("2023-09-13", ((2023, 9, 13, None, None), False)),
        ("Le 13 septembre 2023.", ((2023, 9, 13, None, None), False)),
        ("Publié le 13/09/2023 à 10h05, mis à jour le 14/09/2023", ((2023, 9, 13, 10, 5), False)),
        ("Le 13 septembre 2023, il pleuvait.", None),
        ("Publié dans Le Monde", None),
        ("13 septembre", None),
    ],
)
def test_dateline_line(line, expected):
    found = dateline_line(line)
    if expected is None:
        assert found is None
    else:
        parts = found.date
        assert (
            (parts.year, parts.month, parts.day, parts.hour, parts.minute),
            found.is_update,
        ) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "PARIS, 13 septembre 2023 (AFP) - Le président a parlé.",
            ("AFP", (2023, 9, 13), "Le président a parlé."),
        ),
        ("PARIS (AFP) - Le président a parlé.", ("AFP", None, "Le président a parlé.")),
        ("PARIS (AFP) – Le président.", ("AFP", None, "Le président.")),
        (
            "MOSCOW, Sept 13 (Reuters) - Putin met Kim.",
            ("Reuters", (None, 9, 13), "Putin met Kim."),
        ),
        ("SAINT-DENIS DE LA RÉUNION (AFP) - Un cyclone.", ("AFP", None, "Un cyclone.")),
        ("Paris, 13 septembre 2023 (AFP) — Texte.", ("AFP", (2023, 9, 13), "Texte.")),
        ("Paris (AFP) - Texte sans date : la ville doit être en capitales.", None),
        ("Emmanuel Macron (LREM) - un discours", None),
        ("Le président (qui est arrivé hier) - dit-on - a parlé.", None),
        ("PARIS, demain matin (AFP) - Texte.", None),
    ],
)
def test_dateline_prefix(text, expected):
    found = dateline_prefix(text)
    if expected is None:
        assert found is None
    else:
        date = (found.date.year, found.date.month, found.date.day) if found.date else None
        assert (found.source, date, found.rest) == expected


# --- titles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "has_next", "is_title"),
    [
        ("Poutine et Kim au cosmodrome", True, True),
        ("Poutine et Kim au cosmodrome ?", True, False),
        ("Poutine et Kim au cosmodrome", False, False),
        ("Poutine et Kim se sont vus.", True, False),
        ("Kim : « Nous serons toujours avec la Russie. »", True, False),
        ("Kim : « toujours avec la Russie »", True, True),
        ("Poutine et Kim\nau cosmodrome", True, False),
        ("x" * 151, True, False),
        ("Ils ont parlé…", True, False),
    ],
)
def test_is_title_line(text, has_next, is_title):
    assert is_title_line(split_paragraphs(text)[0], has_next=has_next) is is_title


@pytest.mark.parametrize(
    ("lede", "title"),
    [
        ("Kim et Poutine se sont retrouvés.", "Kim et Poutine se sont retrouvés"),
        ("M. Kim est arrivé à Moscou. Il a parlé.", "M. Kim est arrivé à Moscou"),
        (
            "Le cosmodrome de Vostotchny, entré en service il y a sept ans, est la principale "
            "installation de lancement spatial de la Russie.",
            "Le cosmodrome de Vostotchny, entré en service il y a sept ans",
        ),
        (
            "Le ministre russe de la Défense a participé aux discussions et les agences russes "
            "l’ont rapporté ce mercredi matin depuis Moscou.",
            "Le ministre russe de la Défense a participé aux discussions",
        ),
        (
            "Selon le porte-parole du Kremlin les deux dirigeants devaient parler de « sujets "
            "sensibles et de coopération militaire entre les deux pays ».",
            "Selon le porte-parole du Kremlin les deux dirigeants devaient parler",
        ),
        (
            "The company said on Saturday that the aircraft will begin its promotional tour of "
            "the whole of Asia a week late.",
            "The company said on Saturday that the aircraft will begin its promotional tour",
        ),
        ("", ""),
    ],
)
def test_title_from_lede(lede, title):
    assert title_from_lede(lede) == title


def test_title_from_lede_of_the_seed_without_a_model_is_cut_at_a_boundary():
    lede = split_paragraphs(SEED.read_text(encoding="utf-8"))[0].text
    assert title_from_lede(lede) == (
        "Le président russe Vladimir Poutine et le dirigeant nord-coréen Kim Jong-un"
    )


@pytest.fixture(scope="module")
def pipelines():
    """The pipelines the entities plugin loads (tok2vec, parser, ner), one per language."""
    from entities.extraction import EntityRecognizer

    return EntityRecognizer().pipeline


def test_title_from_lede_of_the_seed_has_subject_verb_and_object(pipelines):
    lede = split_paragraphs(SEED.read_text(encoding="utf-8"))[0].text
    assert title_from_lede(lede, nlp=pipelines("fr")) == (
        "Vladimir Poutine et Kim Jong-un se sont retrouvés au cosmodrome russe de Vostotchny"
    )


@pytest.mark.parametrize(
    ("lang", "lede", "title"),
    [
        (  # the title before the name is an apposition: the name stays, the title goes
            "fr",
            "Le ministre russe de la Défense, Sergueï Choïgou, a participé aux discussions, "
            "rapportaient ce mercredi les agences russes.",
            "Sergueï Choïgou a participé aux discussions",
        ),
        (  # an incidental clause in front and an adjunct after are left out
            "fr",
            "Longuement attendu et commenté depuis plusieurs jours, l’échange a commencé par une "
            "poignée de main, dans une mise en scène très soignée.",
            "L’échange a commencé par une poignée de main",
        ),
        (  # a subject too long with its complement: the complement is left out whole
            "en",
            "Russian President Vladimir Putin and North Korean leader Kim Jong-un met on "
            "Wednesday at the Vostochny cosmodrome in Russia's far east for talks lasting more "
            "than two hours.",
            "Russian President Vladimir Putin and North Korean leader Kim Jong-un met",
        ),
        (  # a sentence that fits is its own headline, parsed or not
            "fr",
            "Un article dont le lien de source est piégé.",
            "Un article dont le lien de source est piégé",
        ),
        (  # text that looks like markup is never parsed: the rules cut it
            "fr",
            "Un texte collé qui contient <script>alert(3)</script> et <img src=x "
            "onerror=alert(4)> au milieu de la phrase.",
            "Un texte collé qui contient <script>alert(3)</script>",
        ),
        (  # a pronoun says nobody: the rules take over (the sentence fits whole)
            "fr",
            "Il a participé aux discussions, rapportaient ce mercredi les agences russes.",
            "Il a participé aux discussions, rapportaient ce mercredi les agences russes",
        ),
    ],
)
def test_title_from_lede_with_the_parse(pipelines, lang, lede, title):
    assert title_from_lede(lede, 90, nlp=pipelines(lang)) == title


@pytest.mark.parametrize("max_chars", [40, 60, 90])
def test_title_from_the_parse_is_never_cut_inside_a_phrase(pipelines, max_chars):
    lede = split_paragraphs(SEED.read_text(encoding="utf-8"))[0].text
    title = title_from_lede(lede, max_chars, nlp=pipelines("fr"))
    assert len(title) <= max_chars
    assert title.split()[-1] not in ("de", "du", "au", "le", "la", "et", "se", "sont")


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "title"),
    [
        (
            "en/2007-03-05_lantern-festival-in-taipei-lights-up-the-night.txt",
            "The centerpiece of this rock concert-like performance is a 15 meter high rotating pig",
        ),
        (
            "en/2009-05-01_chrysler-files-for-bankruptcy-fiat-group-spa-to-ru.txt",
            "The American auto company Chrysler filed for bankruptcy Thursday",
        ),
        (
            "en/2014-07-28_scientists-analyse-effects-of-global-warming-atmos.txt",
            "A research team from the Massachusetts Institute of Technology",
        ),
        (
            "fr/2012-05-22_etats-unis-lancement-reussi-pour-space-x-dragon.txt",
            "La fusée Falcon 9, développée par une société privée : SpaceX",
        ),
        (
            "fr/2016-02-08-002_canada-fin-des-frappes-aeriennes-en-irak-et-en-syr.txt",
            "Ce lundi, le Premier ministre du Canada, Justin Trudeau",
        ),
        (
            "fr/2016-12-12-001_l-armee-syrienne-entre-succes-et-revers.txt",
            "Alors que l'armée syrienne est en passe de remporter une victoire décisive majeure "
            "à Alep",
        ),
        (
            "fr/2017-01-20-002_etats-unis-deces-de-l-astronaute-eugene-cernan.txt",
            "Un mois après John Glenn, une autre figure de l'astronautique s'en est allée",
        ),
        (
            "fr/2017-02-24-001_syrie-un-attentat-suicide-fait-29-morts.txt",
            "29 personnes au minimum sont mortes dans le nord de la Syrie dans l'explosion",
        ),
        (
            "fr/2018-03-10-005_russie-cinquante-quatre-mains-humaines-decouvertes.txt",
            "Un pêcheur a trouvé un sac plastique contenant cinquante-quatre mains humaines",
        ),
        (
            "fr/2018-06-23-002_hongrie-le-parlement-adopte-un-projet-de-loi-visan.txt",
            "Ce mercredi, le parlement hongrois a adopté le projet de loi « Stop Soros »",
        ),
    ],
)
def test_title_from_lede_on_corpus_ledes(name, title):
    lede = split_paragraphs((corpus_dir() / name).read_text(encoding="utf-8"))[0].text
    result = title_from_lede(lede)
    assert result == title
    assert len(result) <= 90


@pytest.mark.parametrize("max_chars", [40, 60, 90, 120])
def test_title_from_lede_never_cuts_mid_word_nor_ends_on_a_small_word(max_chars):
    lede = split_paragraphs(SEED.read_text(encoding="utf-8"))[0].text
    title = title_from_lede(lede, max_chars=max_chars)
    assert len(title) <= max_chars
    assert lede.startswith(title)
    assert lede[len(title)] in " ,."
    assert title.split()[-1] not in ("de", "la", "le", "et", "se", "sont", "au")


# --- sentences and summaries --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Un. Deux ! Trois ?", ["Un.", "Deux !", "Trois ?"]),
        ("MM. Kim et Poutine. Fin.", ["MM. Kim et Poutine.", "Fin."]),
        ("Dr. Jane Doe met J. Smith. End.", ["Dr. Jane Doe met J. Smith.", "End."]),
        ("Il a dit « oui. » Puis il est parti.", ["Il a dit « oui. »", "Puis il est parti."]),
        ("Le 1. et le 2. sont là", ["Le 1. et le 2. sont là"]),
        ("The U.S. Senate voted. Then it left.", ["The U.S. Senate voted.", "Then it left."]),
    ],
)
def test_split_sentences(text, sentences):
    assert split_sentences(text) == sentences


@pytest.mark.parametrize(
    ("paragraphs", "max_chars", "summary"),
    [
        (["Court. Texte."], 300, "Court. Texte."),
        (["Une phrase. Une autre phrase bien plus longue."], 20, "Une phrase."),
        (["Une phrase. Une autre. Une troisième."], 25, "Une phrase. Une autre."),
        (["Une seule phrase bien trop longue pour tenir."], 20, "Une seule phrase…"),
        ([], 300, ""),
    ],
)
def test_summary_from_lede(paragraphs, max_chars, summary):
    assert summary_from_lede(paragraphs, max_chars=max_chars) == summary


def test_summary_of_the_seed_is_its_first_sentence():
    paragraphs = parse(SEED.read_text(encoding="utf-8")).paragraphs
    assert summary_from_lede(paragraphs) == (
        "Le président russe Vladimir Poutine et le dirigeant nord-coréen Kim Jong-un se sont "
        "retrouvés au cosmodrome russe de Vostotchny, dans l’est de la Russie."
    )


# --- Markdown escaping --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# Pas un titre", "\\# Pas un titre"),
        ("1. Pas une liste", "1\\. Pas une liste"),
        ("2) Pas une liste", "2\\) Pas une liste"),
        ("- Pas une liste", "\\- Pas une liste"),
        ("* Pas une liste", "\\* Pas une liste"),
        ("+ Pas une liste", "\\+ Pas une liste"),
        ("> Pas une citation", "\\> Pas une citation"),
        ("---", "\\---"),
        ("===", "&#61;=="),
        ("| a | b |", "&#124; a | b |"),
        ("~~~", "&#126;~~"),
        (": définition", "&#58; définition"),
        ("```", "\\`\\`\\`"),
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("a < b et c > d", "a &lt; b et c > d"),
        ("AT&T &amp; &#60;", "AT&T &amp;amp; &amp;#60;"),
        ("*gras* _it_ `code`", "\\*gras\\* \\_it\\_ \\`code\\`"),
        ("[lien](javascript:alert(1))", "\\[lien\\](javascript:alert(1))"),
        ("![img](x.png)", "!\\[img\\](x.png)"),
        ("{: .classe}", "\\{: .classe\\}"),
        ("C:\\dossier", "C:\\\\dossier"),
        ("    code indenté", "code indenté"),
        ("Texte ordinaire, 1. pas en tête.", "Texte ordinaire, 1. pas en tête."),
    ],
)
def test_escape_markdown(text, escaped):
    assert escape_markdown(text) == escaped


@pytest.mark.parametrize(
    "text",
    [
        "# Pas un titre",
        "1. Pas une liste",
        "- tiret",
        "> citation",
        "<script>alert('x')</script> et <img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">clic</a>',
        "[lien](javascript:alert(1)) et <https://exemple.org>",
        "*gras* __aussi__ `code` ~~barré~~",
        "AT&T &amp; &lt;b&gt; &#60;",
        "===",
        "Texte {: #id .classe}",
        "Titre\n---",
        "Titre\n===",
        "Terme\n: définition",
        "~~~\ncode\n~~~",
        "| a | b |\n|---|---|\n| c | d |",
    ],
)
def test_escaped_text_renders_as_the_same_text_and_no_tag(text):
    html = markdown.markdown(escape_markdown(text), extensions=["extra"])
    soup = BeautifulSoup(html, "html.parser")
    assert [tag.name for tag in soup.find_all(True)] == ["p"]
    assert soup.get_text() == text


# --- whole texts --------------------------------------------------------------------------


def test_seed_has_rfi_as_source_and_no_title_or_date():
    article = parse(SEED.read_text(encoding="utf-8"))
    assert article.source == Found("RFI", "last line", line=13)
    assert (article.title, article.date, article.authors) == (None, None, None)
    assert len(article.paragraphs) == 6
    assert article.paragraphs[0].startswith("Le président russe Vladimir Poutine et le dirigeant")
    assert article.paragraphs[-1].endswith("le développement du programme sud-coréen.")
    assert article.body_markdown == "\n\n".join(map(escape_markdown, article.paragraphs))
    assert (article.path, article.kind) == ("seeds/x.txt", "text")


def test_wire_story_with_title_byline_dateline_and_credit():
    article = parse(
        "Poutine et Kim Jong-un à Vostotchny\n"
        "\n"
        "Par Claire Martin\n"
        "\n"
        "VOSTOTCHNY, 13 septembre 2023 (AFP) - Le président russe a reçu mercredi\n"
        "le dirigeant nord-coréen au cosmodrome.\n"
        "\n"
        "L’entretien a duré deux heures.\n"
        "\n"
        "— Le Monde"
    )
    assert article.title == Found("Poutine et Kim Jong-un à Vostotchny", "first line", line=1)
    assert article.authors == Found(("Claire Martin",), "byline", line=3)
    assert article.date == Found(DateValue(paris(2023, 9, 13), "day"), "dateline", line=5)
    assert article.source == Found("Le Monde", "last line", line=10)
    assert article.paragraphs == [
        "Le président russe a reçu mercredi le dirigeant nord-coréen au cosmodrome.",
        "L’entretien a duré deux heures.",
    ]


def test_dateline_gives_the_source_when_there_is_no_credit():
    article = parse("PARIS (AFP) - Le président a parlé.\n\nIl a dit non.")
    assert article.source == Found("AFP", "dateline", line=1)
    assert article.date is None
    assert article.paragraphs == ["Le président a parlé.", "Il a dit non."]


def test_header_block_of_title_byline_and_publication_date():
    article = parse(
        "Un été à Séoul\n"
        "Par Jean Dupont et Marie Curie\n"
        "Mis à jour le 15/07/2023 à 10h00\n"
        "Publié le 14/07/2023 à 08h30\n"
        "\n"
        "La capitale a connu son été le plus chaud.\n"
        "\n"
        "Source : Yonhap"
    )
    assert article.title == Found("Un été à Séoul", "first line", line=1)
    assert article.authors == Found(("Jean Dupont", "Marie Curie"), "byline", line=2)
    assert article.date == Found(DateValue(paris(2023, 7, 14, 8, 30), "minute"), "dateline", line=4)
    assert article.source == Found("Yonhap", "source line", line=8)
    assert article.paragraphs == ["La capitale a connu son été le plus chaud."]


def test_source_line_in_the_middle_is_removed():
    article = parse("Texte.\n\nSource : AFP\n\nSuite de l’article.")
    assert article.source == Found("AFP", "source line", line=3)
    assert article.paragraphs == ["Texte.", "Suite de l’article."]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Published on September 13, 2023\n\nText.", DateValue(paris(2023, 9, 13), "day")),
        ("2023-09-13\n\nTexte.", DateValue(paris(2023, 9, 13), "day")),
        ("Titre\n\n13 septembre 2023\n\nTexte.", DateValue(paris(2023, 9, 13), "day")),
        (
            "Publié le 13/09/2023 à 10h05\n\nTexte.",
            DateValue(paris(2023, 9, 13, 10, 5), "minute"),
        ),
    ],
)
def test_dateline_alone_on_a_line_near_the_top(text, date):
    article = parse(text)
    assert article.date.value == date
    assert article.date.how == "dateline"
    assert article.paragraphs[-1] in ("Text.", "Texte.")
    assert len(article.paragraphs) == 1


def test_time_zone_of_dates_is_the_one_given():
    zone = ZoneInfo("Asia/Seoul")
    article = parse("Publié le 13/09/2023 à 10h05\n\nTexte.", tz=zone)
    assert article.date.value.when == dt.datetime(2023, 9, 13, 10, 5, tzinfo=zone)


def test_a_date_deep_in_the_body_is_not_a_dateline():
    text = "Un.\n\nDeux.\n\nTrois.\n\nQuatre.\n\n13 septembre 2023\n\nCinq."
    article = parse(text)
    assert article.date is None
    assert "13 septembre 2023" in article.paragraphs


def test_markdown_in_a_text_file_is_escaped_in_the_body():
    article = parse("Titre\n\n# pas un titre <script>x</script>\n\n1. pas une liste")
    assert article.paragraphs == ["# pas un titre <script>x</script>", "1. pas une liste"]
    assert article.body_markdown == (
        "\\# pas un titre &lt;script>x&lt;/script>\n\n1\\. pas une liste"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Titre\n\nPublié le 31/02/2023\n\nTexte.",
            'seeds/x.txt:3: date "31/02/2023" is not a real day',
        ),
        ("30 février 2023\n\nTexte.", 'seeds/x.txt:1: date "30 février 2023" is not a real day'),
        (
            "Un texte\n\nPARIS, 30 février 2023 (AFP) - Texte.",
            'seeds/x.txt:3: date "30 février 2023" is not a real day',
        ),
        (
            "Publié le 13/09/2023\n\nPar Jean Dupont\n\nRFI",
            "seeds/x.txt: no article text: after the title, byline, dateline and source credit "
            "nothing is left; put the article's paragraphs in the file, separated by blank lines",
        ),
        (
            "PARIS (AFP) -\n\nRFI",
            "seeds/x.txt: no article text: after the title, byline, dateline and source credit "
            "nothing is left; put the article's paragraphs in the file, separated by blank lines",
        ),
    ],
)
def test_errors_name_file_and_line(text, message):
    assert error_of(text) == message


# --- the corpus ---------------------------------------------------------------------------


def corpus_texts() -> list[Path]:
    return sorted(CORPUS.glob("*/*.txt")) if CORPUS.is_dir() else []


@pytest.mark.corpus
def test_corpus_is_there():
    assert len(sorted(corpus_dir().glob("*/*.txt"))) > 100


@pytest.mark.corpus
@pytest.mark.parametrize("path", corpus_texts(), ids=lambda path: path.stem[:40])
def test_every_corpus_text_parses_with_wikinews_as_source(path):
    text = path.read_text(encoding="utf-8")
    article = parse_plain_text(RawText(path.name, text, "text", "utf-8", ""))
    last = len(text.rstrip("\n").split("\n"))
    assert article.source == Found("Wikinews", "last line", line=last)
    assert article.paragraphs
    assert all(paragraph.strip() for paragraph in article.paragraphs)
    assert article.paragraphs[-1] != "Wikinews"
