"""The date rules try only the starts their anchor words allow: the same events as a scan of
the whole text, on real and on made-up texts."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from timelines import textdates

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "wikinews"
PIECES = [
    "il y a trois ans", "le 5 mai 2023", "mardi dernier", "on Tuesday, May 5th, 2021",
    "the 3rd of June", "in May 2020", "yesterday morning", "  ", "\n", "de 2014 à 2016", "Mai",
    "hier soir", "ce soir-là", "x", "1999", "(2001)", "last year", "du 3 au 5 juin 2022",
    "on next Wednesday", "mid-May", "fin janvier", "two years ago", "Sept. 11", "ſ", "İ",
    "le mardi", "l'an dernier", "cette année", "since 2014", "March", "march", "aujourd’hui",
    "en 2016", "in 2016", "between 2010 and 2012", "12016", "2016.5", "depuis 1998", "(1987",
    "the year 2020", "summer 2019", "mid-2020", "entre 2001 et 2003", "2,019", "fin 2015",
    "the    year    2020", "jusqu’en    2016",  # the longest words before a year, widest spaces
    "le    mois    prochain", "l’année    passée", "this    year", "cette    année", "ce mois-ci",
    "next month", "in 2000 soldiers", "1999–2001", "x1999", "2016-2017", "1234567", "٢٠١٦",
    "2٠١٦", "(2٠١٦)", "en 2٠١٦",  # a year's other digits may be any decimal digits
    "Chicago", "ago", "years    ago", "DAYS AGO", "a month ago.",
]  # fmt: skip


def whole_scan(monkeypatch, text: str, lang: str, published: dt.date):
    with monkeypatch.context() as patch:
        patch.setattr(textdates, "_anchored", lambda text: None)
        return textdates.find_dated_events(text, lang, published)


@pytest.mark.parametrize("seed", range(20))
def test_made_up_texts_give_what_a_whole_scan_gives(monkeypatch, seed):
    rng = random.Random(seed)
    published = dt.date(2020, 6, 15)
    for _ in range(50):
        lang = rng.choice(["fr", "en"])
        text = " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
        expected = whole_scan(monkeypatch, text, lang, published)
        assert textdates.find_dated_events(text, lang, published) == expected, text


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared demo corpus is not beside the project")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_real_articles_give_what_a_whole_scan_gives(monkeypatch, lang):
    published = dt.date(2019, 3, 1)
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob(f"{lang}/*.txt"))]
    found = 0
    for text in texts[:60]:
        expected = whole_scan(monkeypatch, text, lang, published)
        assert textdates.find_dated_events(text, lang, published) == expected
        found += len(expected)
    assert found > 50  # the texts do date events: the comparison compares something


def test_a_long_run_of_spaces_scans_the_whole_text():
    text = "on" + " " * 80 + "Tuesday, May 5, 2021"
    assert textdates._anchored(text) is None
    events = textdates.find_dated_events(text, "en", dt.date(2021, 6, 1))
    assert [e.date for e in events] == [dt.date(2021, 5, 5)]


def test_years_are_found_where_a_plain_regex_finds_them():
    """``_YEARS`` is written to begin with a digit (the regex engine then skips ahead fast):
    the places of its plain form, on digits of every kind."""
    import re

    plain = re.compile(r"(?<!\d)[12]\d{3}(?!\d)")
    rng = random.Random(9)
    for _ in range(20000):
        text = "".join(rng.choice("0129a ٢.") for _ in range(rng.randint(0, 14)))
        assert [m.start() for m in textdates._YEARS.finditer(text)] == [
            m.start() for m in plain.finditer(text)
        ], text


@pytest.mark.parametrize(
    "text, scanned_whole",
    [("a    b", False), ("a     b", True), ("a \t \u00a0\u202fb", True), ("a\t\tb", False),
     ("a\u00a0\u00a0\u00a0\u00a0\u00a0b", True), ("a  \n   b", False), ("", False)],
)  # fmt: skip
def test_a_run_of_five_spaces_of_any_kind_scans_the_whole_text(text, scanned_whole):
    assert (textdates._anchored(text) is None) == scanned_whole


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_rule_matches_where_starts_says_none_can_begin(lang):
    """``_STARTS`` is where a match of a rule can begin: at every other place of made-up texts,
    no rule matches; and searched from any place to any other, it gives the places of the whole
    text between them."""
    rng = random.Random(31)
    glue = ["", " ", "-", "x", "é", "(", ")", "1", "'", "’", ",", ".", "_", "l'", "mi-", "ſ"]
    rules = [pattern for pattern, _ in textdates._RULES[lang]]
    matched = 0
    for _ in range(400):
        text = "".join(rng.choice(PIECES) + rng.choice(glue) for _ in range(rng.randint(1, 12)))
        starts = [at.start() for at in textdates._STARTS.finditer(text)]
        allowed = set(starts)
        for place in range(len(text) + 1):
            for pattern in rules:
                if pattern.match(text, place) is not None:
                    matched += 1
                    assert place in allowed, (text, place, pattern.pattern[:60])
        low = rng.randint(0, len(text))
        high = rng.randint(low, len(text))
        assert [at.start() for at in textdates._STARTS.finditer(text, low, high)] == [
            at for at in starts if low <= at < high
        ]
    assert matched > 500


def test_anchor_places_are_every_place_of_every_word():
    """Anchor words are found in one pass (Aho-Corasick): every place where one begins, each
    once, overlaps included, as ``str.find`` gives them word by word."""
    rng = random.Random(41)
    tables = [textdates._EN_MONTH_WORDS, textdates._FR_MONTH_WORDS, ("aa", "a", "aaa", "ab")]
    for _ in range(3000):
        words = rng.choice(tables)
        text = "".join(rng.choice([*words, " ", "a", "b", "."]) for _ in range(rng.randint(0, 9)))
        expected = sorted(
            {at for word in words for at in range(len(text)) if text.startswith(word, at)}
        )
        assert textdates._places(text, words) == expected, (words, text)


# For each rule with a reach, the text where its words before the anchor are the longest they
# can be (runs of 4 spaces of every kind: a longer run makes the text scanned whole).
_W = " \t\u00a0\u202f"
WIDEST = {
    "fr": {
        1: f"ce{_W}mardi",
        2: f"cet{_W}après-midi",
        3: f"le{_W}année{_W}dernière",
        4: f"cette{_W}année",
        5: f"cette{_W}mercredi,{_W}31er{_W}mai",
        6: f"entre{_W}le{_W}31er{_W}et{_W}le{_W}31er{_W}mai{_W}2020",
        7: f"jusqu’en{_W}mai",
        8: f"depuis{_W}2014{_W}-{_W}2016",
        9: f"printemps{_W}2019",
        10: "(2016)",
    },
    "en": {
        1: f"this{_W}coming{_W}Tuesday",
        2: f"the{_W}day{_W}before{_W}yesterday",
        3: f"last{_W}year",
        4: f"on{_W}Wednesday,{_W}May 5",
        5: f"on{_W}Wednesday,{_W}the{_W}21st{_W}of{_W}June",
        6: f"through{_W}May",
        7: f"between{_W}2010 and 2012",
        8: f"the{_W}year{_W}2020",
        9: "(2016)",
    },
}


def _anchor_places(text: str, words) -> list[int]:
    return textdates._places(textdates._anchored(text), words)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_reach_is_what_the_longest_words_before_its_anchor_take(lang):
    rules = textdates._RULES[lang]
    anchors = textdates._ANCHORS[lang]
    with_reach = {n for n, (_, reach, *_) in enumerate(anchors) if reach is not None}
    assert set(WIDEST[lang]) == with_reach
    for number, text in WIDEST[lang].items():
        pattern, words, reach = rules[number][0], anchors[number][0], anchors[number][1]
        assert textdates._anchored(text) is not None
        assert pattern.match(text) is not None, text
        assert _anchor_places(text, words)[0] == reach, text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_match_starts_farther_before_an_anchor_than_its_reach(lang):
    """At every place of made-up texts (the widest words included, runs of up to four spaces
    of every kind), a match of a rule has one of the rule's anchors at most its reach after
    its start: the anchored search tries every start that can match."""
    rng = random.Random(53)
    pieces = [*PIECES, *WIDEST["fr"].values(), *WIDEST["en"].values()]
    glue = ["", " ", "  ", "\t", "\u00a0 ", "\u202f", "-", "x", "(", ",", ".", "l'", "mi-", "le "]
    matched = 0
    for _ in range(400):
        text = "".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randint(1, 12)))
        if textdates._anchored(text) is None:
            continue
        for (pattern, _), (words, reach, *_) in zip(
            textdates._RULES[lang], textdates._ANCHORS[lang], strict=True
        ):
            if reach is None:
                continue
            places = _anchor_places(text, words)
            for start in range(len(text) + 1):
                if pattern.match(text, start) is not None:
                    matched += 1
                    assert any(start <= at <= start + reach for at in places), (text, start)
    assert matched > 800


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_words_of_all_rules_are_found_in_one_pass_where_each_tuple_is(lang):
    rng = random.Random(59)
    tuples = {w for w, *_ in textdates._ANCHORS[lang] if isinstance(w, tuple) and w}
    vocabulary = [*sorted({word for words in tuples for word in words}), "x", " ", "."]
    for _ in range(500):
        text = "".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 12)))
        places = textdates._word_places(text, lang)
        assert places == {words: textdates._places(text, words) for words in places}, text
        assert set(places) == tuples


@pytest.mark.parametrize("odd", ["\u017f", "\u212a", "\u212b", "\u0130", "\u0131", "\u1e9e"])
def test_a_letter_that_folds_unlike_lower_scans_the_whole_text(monkeypatch, odd):
    """ſ K Å İ ı ẞ match other letters than their ``lower()`` in a case-blind regex: a text
    with one is scanned whole, and gives what a whole scan gives."""
    text = f"on Tuesday, May 5th, 2021 {odd} tue{odd}day"
    assert textdates._anchored(text) is None
    assert textdates._anchored(text.replace(odd, "x")) is not None
    published = dt.date(2021, 6, 1)
    assert textdates.find_dated_events(text, "en", published) == whole_scan(
        monkeypatch, text, "en", published
    )
