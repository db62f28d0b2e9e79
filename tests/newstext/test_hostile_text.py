"""Whole-article text work finishes on hostile lines: 2 MB on one line, long runs of spaces,
quotes never closed. No timing here (``invoke bench --hostile`` measures): the regexes that
backtracked took minutes on a few thousand spaces, so a regression does not finish."""

import logging

import pytest
from entities.mentions import find_quotes, quotes_in
from ingest.convert import ner_text
from ingest.plaintext import dateline_line, summary_from_lede, title_from_lede

MB2 = 2_000_000
SPACES = " " * MB2


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Publié le 13/09/2023" + SPACES + "x", None),  # not a dateline: text follows
        ("Publié le 13/09/2023, mis à jour le 14/09/2023", 13),
        ("Publié le 13/09/2023" + SPACES + "mis à jour le 14/09/2023", 13),
    ],
)
def test_dateline_with_a_long_run_of_spaces(line, expected):
    found = dateline_line(line)
    assert (found.date.day if found else None) == expected


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [
        ("« " + SPACES + "x", []),  # never closed
        ('" ' + SPACES + "x", []),
        ("« Oui " + SPACES + " » et “ non ”", ["Oui", "non"]),
    ],
)
def test_quotes_in_a_long_run_of_spaces(sentence, quoted):
    assert [next(g for g in m.groups() if g is not None).strip() for m in quotes_in(sentence)] == (
        quoted
    )


def test_quotes_are_attributed_in_a_2_mb_line():
    line = "« Nous serons avec la Russie », a dit Kim Jong-un. " * (MB2 // 52)
    quotes = find_quotes(line, {"Kim Jong-un": ["Kim Jong-un"]}, "fr")
    assert {quote.text for quote in quotes} == {"Nous serons avec la Russie"}


def test_title_and_summary_of_a_2_mb_lede():
    lede = "Le président a dit « oui » à Kim Jong-un, et la foule a applaudi " * (MB2 // 66)
    assert 0 < len(title_from_lede(lede, 90)) <= 90
    assert 0 < len(summary_from_lede([lede], 300)) <= 300


def test_the_entity_model_reads_a_bounded_text(caplog):
    paragraphs = ["Le président a parlé. " * 10_000, "Fin."]
    with caplog.at_level(logging.WARNING, logger="ingest.convert"):
        text = ner_text(paragraphs, "seeds/long.txt", limit=1_000)
    assert len(text) <= 1_000
    assert paragraphs[0].startswith(text)
    assert caplog.messages == [
        "seeds/long.txt: the text is 220,006 characters long; entities are looked for in the "
        "first 1,000 only"
    ]
    assert ner_text(["Court.", "Texte."], "seeds/short.txt") == "Court.\n\nTexte."
