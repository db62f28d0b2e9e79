"""Metadata of saved news pages, rule by rule, each on a minimal snippet of the real page of
trafilatura's evaluation set that showed the problem (see bench/eval_html.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from ingest.htmlpage import parse_html_page
from ingest.rawfile import read_raw

FIXTURES = Path(__file__).parent / "fixtures"


def saved(name: str):
    return parse_html_page(read_raw(FIXTURES / name, f"seeds/{name}"))


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
    assert [m for m in caplog.messages if warning in m and m.startswith(f"seeds/{name}:")]


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
