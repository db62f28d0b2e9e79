"""Sentences, quotes and links, on the seed's real sentences and small HTML fixtures."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from entities.mentions import (
    Quote,
    appositions,
    find_quotes,
    link_first_mentions,
    mention_sentence,
    sentences,
)

SEED_PEOPLE = {
    "Vladimir Poutine": ["Vladimir Poutine", "Vladimir Putin", "Poutine"],
    "Kim Jong-un": ["Kim Jong-un", "Kim Jong Un", "Jong-un"],
    "Dmitri Peskov": ["Dmitri Peskov", "Peskov"],
    "Sergueï Choïgou": ["Sergueï Choïgou", "Choïgou"],
    "Nicolas Rocca": ["Nicolas Rocca", "Rocca"],
}


def test_sentences_keep_titles_and_quotes_whole():
    text = "MM. Kim et Poutine parlent. Il dit « Oui. Non. » puis part.\nFin."
    assert sentences(text) == [
        "MM. Kim et Poutine parlent.",
        "Il dit « Oui. Non. » puis part.",
        "Fin.",
    ]


def test_mention_sentence_whole_words_any_apostrophe(seed_text):
    assert mention_sentence(seed_text, ["Conseil de sécurité de l'ONU"]).startswith("Au-delà")
    assert mention_sentence("Les Poutinistes. Poutine parle.", ["Poutine"]) == "Poutine parle."
    assert mention_sentence("Rien ici.", ["Poutine"]) is None
    assert mention_sentence("Rien ici.", []) is None


def test_appositions_on_the_seed(seed_text):
    roles = {role: who for _, role, who in appositions(seed_text, SEED_PEOPLE, "fr")}
    assert roles["président russe"] == "Vladimir Poutine"
    assert roles["dirigeant nord-coréen"] == "Kim Jong-un"


def test_tres_content_goes_to_poutine_through_his_role(seed_text):
    quotes = find_quotes(seed_text, SEED_PEOPLE, "fr")
    content = [q for q in quotes if q.text == "très content"]
    assert content == [
        Quote(
            "Vladimir Poutine",
            "très content",
            next(s for s in sentences(seed_text) if "très content" in s),
        )
    ]


def test_seed_quotes_are_never_guessed(seed_text):
    quotes = {q.text: q.speaker for q in find_quotes(seed_text, SEED_PEOPLE, "fr")}
    assert quotes["sujets sensibles"] == "Dmitri Peskov"  # named in the same sentence
    assert "relations commerciales" not in quotes  # "MM. Kim et Poutine": two speakers
    assert not any(text.startswith("priorité") for text in quotes)  # Kim's, via a pronoun
    assert not any(text.startswith("Nous avons") for text in quotes)  # "a-t-il ajouté"
    assert not any(text.startswith("Les dirigeants") for text in quotes)  # the Kremlin's


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("« Non », a dit Vladimir Poutine.", [("Vladimir Poutine", "Non")]),
        ("Poutine a dit « . »", []),  # shorter than 2 characters
        ("Il a dit « bonjour ».", []),  # no speaker
        ("“Yes,” said Vladimir Putin.", [("Vladimir Poutine", "Yes,")]),
        # an award's name in quotation marks is no quote of the person named beside it
        ("Vladimir Poutine a reçu le titre de « Personnalité de l'année ».", []),
        ('Vladimir Putin was named "Person of the Year" by the magazine.', []),
        (
            "Vladimir Poutine a déclaré « Victoire » devant la foule.",
            [("Vladimir Poutine", "Victoire")],
        ),
        (
            'Peskov said "we will see" and Poutine "no"',
            [("Dmitri Peskov", "we will see"), ("Vladimir Poutine", "no")],
        ),
    ],
)
def test_find_quotes_attribution(text, expected):
    found = [(q.speaker, q.text) for q in find_quotes(text, SEED_PEOPLE, "fr")]
    assert found == expected


LINKS = [
    (["Vladimir Poutine", "Poutine"], "/people/vladimir-poutine.html"),
    (["Conseil de sécurité de l'ONU", "ONU"], "/organisations/onu.html"),
]


def anchors(html: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [(a.get_text(), a["href"]) for a in soup.find_all("a", class_="entity-link")]


def test_links_first_mention_once_longest_name_first():
    html = "<p>Vladimir Poutine et Poutine, puis le Conseil de sécurité de l’ONU et l’ONU.</p>"
    out = link_first_mentions(html, LINKS)
    assert anchors(out) == [
        ("Vladimir Poutine", "/people/vladimir-poutine.html"),
        ("Conseil de sécurité de l’ONU", "/organisations/onu.html"),
    ]
    assert (
        BeautifulSoup(out, "html.parser").get_text()
        == BeautifulSoup(html, "html.parser").get_text()
    )


def test_links_never_inside_a_word_heading_link_code_or_attribute():
    html = (
        '<h2>Poutine</h2><p title="Poutine">Les Poutinistes, <a href="/x">Poutine</a>, '
        "<code>Poutine</code>, <pre>Poutine</pre> et enfin Poutine.</p>"
    )
    out = link_first_mentions(html, LINKS)
    soup = BeautifulSoup(out, "html.parser")
    assert anchors(out) == [("Poutine", "/people/vladimir-poutine.html")]
    assert soup.h2.a is None and soup.code.a is None and soup.pre.a is None
    assert soup.p["title"] == "Poutine"
    assert "Les Poutinistes" in soup.p.get_text()
    assert soup.find("a", class_="entity-link").previous_sibling.endswith("et enfin ")


def test_no_mention_leaves_the_html_untouched():
    html = "<p>Rien&nbsp;ici <br> du tout.</p>"
    assert link_first_mentions(html, LINKS) == html
    assert link_first_mentions(html, []) == html


def test_links_keep_every_byte_of_the_body_and_add_only_links():
    html = (
        '<p title="a &gt; b">Rien&nbsp;ici, <em>Vladimir&nbsp;Poutine</em> &amp; '
        "l&#8217;ONU.<br/></p>"
    )
    out = link_first_mentions(html, LINKS)
    assert anchors(out) == [
        ("Vladimir\xa0Poutine", "/people/vladimir-poutine.html"),
        ("ONU", "/organisations/onu.html"),
    ]
    without_links = re.sub(r'<a class="entity-link" href="[^"]*">|</a>', "", out)
    assert without_links == html


def test_a_quoted_greater_than_sign_does_not_end_a_tag():
    html = '<p><a href="/x" title="1 > 0 Poutine">Poutine</a> <span title="x>y">Poutine</span></p>'
    out = link_first_mentions(html, LINKS)
    soup = BeautifulSoup(out, "html.parser")
    assert soup.find("a", href="/x").find("a") is None  # never a link inside a link
    assert soup.find("a", href="/x")["title"] == "1 > 0 Poutine"
    assert soup.span["title"] == "x>y"
    assert anchors(out) == [("Poutine", "/people/vladimir-poutine.html")]
    assert soup.span.a is not None


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_role_is_searched_in_its_last_words_as_in_the_whole_window(lang):
    """The role before a name is searched from the seventh run of non-spaces before it, not
    from the start of its window: the same match, on made-up texts built to be near it."""
    import random

    from entities.mentions import _role_before, _role_start, _window_start

    rng = random.Random(23)
    words = ["le", "la", "l'", "l’", "the", "The", "président", "russe", "Président", "(le",
             "a", "b,", "chef", "d'État", "x-y", "ministre", " ", "  ", "\n", "(", ",", "\u00a0",
             "très-long-mot-" * 10, "Kim"]  # fmt: skip
    regex = _role_before(lang)
    found = cut = 0
    for _ in range(5000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 40)))
        end = rng.randint(0, len(text))
        whole = regex.search(text, _window_start(text, end), end)
        narrowed = regex.search(text, _role_start(text, end), end)
        assert (whole and (whole.span(), whole.group(1))) == (
            narrowed and (narrowed.span(), narrowed.group(1))
        ), (text, end)
        found += whole is not None
        cut += _role_start(text, end) > _window_start(text, end)
    assert found > 100 and cut > 1000  # roles found, windows cut: the comparison compares


def test_quotes_in_a_sentence_are_what_the_quote_regex_finds():
    """A sentence without an opening mark is left at once: the same (no) quotations."""
    import random

    from entities.mentions import _QUOTE, quotes_in

    rng = random.Random(61)
    pieces = ["«", "»", "“", "”", '"', "'", "‘", "’", " ", "Oui", "dit", "Kim", ".", ","]
    for _ in range(5000):
        sentence = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in quotes_in(sentence)] == [
            m.span() for m in _QUOTE.finditer(sentence)
        ], sentence


def test_text_of_spaces_alone_between_tags_holds_no_name():
    """Text between tags that is only spaces is not searched for names: no name, whatever its
    forms, is found in spaces (a form of spaces alone is no form)."""
    import random

    from newstext.names import NameMatcher

    rng = random.Random(67)
    spaces = [" ", "\n", "\t", "\u00a0", "\u202f", "\u2028", "\r"]
    for _ in range(2000):
        forms = ["".join(rng.choice([*spaces, "a"]) for _ in range(rng.randint(0, 4)))]
        text = "".join(rng.choice(spaces) for _ in range(rng.randint(1, 8)))
        assert list(NameMatcher({"k": forms}).finditer(text)) == []
    body = "<p>Kim</p>\n \u00a0<p>Kim et Poutine</p>\n"
    linked = link_first_mentions(body, [(["Kim"], "k"), (["Poutine"], "p")])
    assert linked == (
        '<p><a class="entity-link" href="k">Kim</a></p>\n \u00a0<p>Kim et '
        '<a class="entity-link" href="p">Poutine</a></p>\n'
    )


def test_a_role_regex_is_made_once_and_as_made_anew():
    from entities.mentions import _role_regex

    for role, lang in [("président russe", "fr"), ("the president", "en"), ("l’ancien", "fr")]:
        made = _role_regex(role, lang)
        assert _role_regex(role, lang) is made
        assert made.pattern == _role_regex.__wrapped__(role, lang).pattern
        assert made.flags == _role_regex.__wrapped__(role, lang).flags
