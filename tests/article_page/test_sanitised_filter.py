"""The ``sanitised`` filter, the one way templates print HTML: the same safe result whether the
text is short (kept for the build's next prints) or long, and a bounded memory."""

import pytest
from article_page import glue

ATTACK = '<p onclick="x()">Sommet <script>alert(1)</script><a href="javascript:y()">z</a></p>'
SAFE = "<p>Sommet <a>z</a></p>"


@pytest.mark.parametrize("padding", [0, glue._MEMO_MAX_CHARS])  # kept, and too long to keep
def test_the_same_safe_html_every_time(padding):
    text = ATTACK + "<p>" + "a" * padding + "</p>"
    expected = SAFE + ("<p>" + "a" * padding + "</p>")
    for _ in range(3):
        assert glue.sanitised(text) == expected
    assert (text in glue._memo) == (padding == 0)


def test_empty_values_print_nothing():
    assert glue.sanitised(None) == "" and glue.sanitised("") == ""


def test_the_kept_texts_are_bounded(monkeypatch):
    monkeypatch.setattr(glue, "_MEMO_MAX_ITEMS", 10)
    monkeypatch.setattr(glue, "_memo", {})
    for number in range(35):
        assert glue.sanitised(f"<b>{number}</b><script>x</script>") == f"<b>{number}</b>"
        assert len(glue._memo) <= 10
