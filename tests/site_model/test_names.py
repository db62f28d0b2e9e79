"""The one name matcher: whole words, any apostrophe, hyphen or spacing, longest first."""

import pytest
from newstext.names import NameMatcher, fold


def found(names: dict, text: str) -> list[tuple[str, str]]:
    return [(f.surface, f.key) for f in NameMatcher(names).finditer(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le Conseil de sécurité de l’ONU siège.", [("Conseil de sécurité de l’ONU", "C")]),
        ("Le Conseil de sécurité de l'ONU siège.", [("Conseil de sécurité de l'ONU", "C")]),
        ("Le Conseil de sécurité de lʼONU siège.", [("Conseil de sécurité de lʼONU", "C")]),
        ("Le Conseil  de\nsécurité de l'ONU.", [("Conseil  de\nsécurité de l'ONU", "C")]),
    ],
)
def test_apostrophes_and_spacing_match_one_name(text, expected):
    assert found({"C": ["Conseil de sécurité de l'ONU"]}, text) == expected


@pytest.mark.parametrize("hyphen", ["-", "\u2010", "\u2011"])
def test_any_hyphen_matches_a_hyphenated_name(hyphen):
    text = f"Kim Jong{hyphen}un est arrivé."
    assert found({"K": ["Kim Jong-un"]}, text) == [(f"Kim Jong{hyphen}un", "K")]


@pytest.mark.parametrize(
    "text", ["Kimberley est loin.", "Les Kim-Jong ont dit.", "Akim parle.", "Poutine-land"]
)
def test_never_inside_a_word_or_a_hyphenated_word(text):
    assert found({"K": ["Kim"], "P": ["Poutine"]}, text) == []


def test_longest_name_first_gives_one_mention():
    names = {"V": ["Vladimir Poutine", "Poutine"]}
    assert found(names, "Vladimir Poutine puis Poutine.") == [
        ("Vladimir Poutine", "V"),
        ("Poutine", "V"),
    ]
    assert NameMatcher(names).counts("Vladimir Poutine puis Poutine.") == {"V": 2}


def test_a_name_two_entities_could_own_belongs_to_neither():
    names = {"Kim Jong-un": ["Kim Jong-un", "Kim"], "Kim Yo-jong": ["Kim Yo-jong", "Kim"]}
    assert found(names, "Kim a parlé à Kim Yo-jong.") == [("Kim Yo-jong", "Kim Yo-jong")]


def test_offsets_and_a_window():
    matcher = NameMatcher({"P": ["Poutine"]})
    text = "Poutine. Puis Poutine."
    assert [(f.start, f.end) for f in matcher.finditer(text)] == [(0, 7), (14, 21)]
    assert [f.start for f in matcher.finditer(text, 8, len(text))] == [14]
    assert matcher.keys_in(text, 1, 10) == set()


def test_no_names_find_nothing():
    assert NameMatcher({}).pattern is None
    assert found({"x": ["", "  "]}, "rien") == []


def test_fold():
    assert fold(" Kim  Jong\u2011un ") == "Kim Jong-un"
    assert fold("l’ONU") == fold("lʼONU") == "l'ONU"


def test_regex_characters_in_names_are_literal():
    assert found({"Y": ["Yahoo!"], "C": ["C++ (langage)"]}, "Yahoo! et C++ (langage).") == [
        ("Yahoo!", "Y"),
        ("C++ (langage)", "C"),
    ]
