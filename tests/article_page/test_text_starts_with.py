"""The ``text_starts_with`` filter reads only the start of a body, and answers as
``(html|striptags|trim).startswith(start)`` does, whatever the tags, comments, references
and spaces."""

import random

import pytest
from article_page.glue import text_starts_with
from markupsafe import Markup

PIECES = [
    "Le", "sommet", " ", "  ", "\\n", "\\xa0", "<p>", "</p>", "<em>", "</em>", "<br>", "<!--",
    "-->", "<!-- x -->", "<", ">", "&amp;", "&", "&#32;", "&nbsp;", "&no", "t;", "&lt;", "é",
    "<a href='x>y'>", "</a>", "a", "b", ".",
]  # fmt: skip


def reference(html, start):
    return Markup(str(html)).striptags().strip().startswith(start)


@pytest.mark.parametrize(
    ("html", "start"),
    [
        ("<p>Le <em>sommet</em> a eu lieu.</p><p>Suite</p>", "Le sommet a eu"),
        ("<p>Le sommet</p>", "Le sommet a eu lieu"),
        ("<!-- <p>caché</p> --><p>Vu</p>", "Vu"),
        ("<p>AT&amp;T et S&amp;P</p>", "AT&T et"),
        ("<p>&no</p>t;<p>la suite</p>", "¬"),
        ("<p>  </p>" * 5000 + "<p>Enfin</p>", "Enfin"),
        ("<p>un <b", "un <b"),
        ("", ""),
    ],
)
def test_as_striptags_trim_startswith(html, start):
    assert text_starts_with(html, start) == reference(html, start)


def test_random_bodies():
    chance = random.Random(5)
    for _ in range(3000):
        html = "".join(chance.choice(PIECES) for _ in range(chance.randint(0, 25)))
        html = html.replace("\\n", "\n").replace("\\xa0", "\xa0")
        text = Markup(html).striptags().strip()
        for start in {text[:n] for n in (0, 1, 3, 8, 20)} | {"Le sommet", text[:5] + "x"}:
            assert text_starts_with(html, start) == reference(html, start), (html, start)
