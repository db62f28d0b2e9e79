"""The ``article_html`` filter: an article's body printed as it passed the allow-list when
Pelican shows it unchanged, and through the allow-list again whenever Pelican changed it (it
fills in intrasite links) or it is not known to be safe."""

import pytest
from article_page import glue
from article_page.sanitise import SafeHTML, safe_html


class Shown:
    """What the filter reads of Pelican's article: its own text and what Pelican shows."""

    def __init__(self, own: str, content: str):
        self._content, self.content = own, content


@pytest.fixture
def cleanings(monkeypatch):
    made = []

    def counted(html):
        made.append(html)
        return safe_html(html)

    monkeypatch.setattr(glue, "safe_html", counted)
    monkeypatch.setattr(glue, "_memo", {})
    return made


BODY = '<p>Le <a class="entity-link" href="../entities/people/kim.html">Kim</a> arrive.</p>'


def test_a_safe_body_shown_as_it_is_passes_the_allow_list_once(cleanings):
    own = SafeHTML(BODY)
    shown = glue.article_html(Shown(own, str(BODY)))  # Pelican gives an equal plain string
    assert shown == BODY and cleanings == []


def test_a_body_pelican_changed_passes_the_allow_list_again(cleanings):
    own = SafeHTML('<p><a href="{filename}x.md">x</a></p>')
    filled = '<p><a href="x.html" onclick="alert(1)">x</a></p>'  # a hostile URL filled in
    assert glue.article_html(Shown(own, filled)) == '<p><a href="x.html">x</a></p>'
    assert cleanings == [filled]


def test_a_body_not_known_safe_passes_the_allow_list(cleanings):
    text = "<p>Sommet<script>alert(1)</script></p>"
    assert glue.article_html(Shown(text, text)) == "<p>Sommet</p>"
    assert cleanings == [text]
