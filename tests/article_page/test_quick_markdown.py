"""Plain paragraphs converted without Python-Markdown's parser give Python-Markdown's HTML,
byte for byte; anything else, and any other set of extensions, is left to Python-Markdown."""

from __future__ import annotations

import random

import pytest
from article_page.quick_markdown import QuickMarkdown
from ingest.plaintext import escape_markdown
from markdown import Markdown
from pelican.settings import read_settings
from sitekit import ROOT, corpus_dir


def markdown_settings() -> dict:
    settings = read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"]
    settings = {**settings, "extensions": [*settings.get("extensions", [])]}
    for extension in settings["extension_configs"]:
        if extension not in settings["extensions"]:
            settings["extensions"].append(extension)  # as Pelican's MarkdownReader does
    return settings


def both(source: str, meta: bool = True) -> tuple[tuple, tuple, bool]:
    """(Python-Markdown's HTML and Meta, QuickMarkdown's, whether it took its shortcut)."""
    made = []
    for kind in (Markdown, QuickMarkdown):
        md = kind(**markdown_settings())
        if not meta:
            md.preprocessors.deregister("meta")  # as Pelican reads a summary
        made.append(md)
    reference, quick = made
    took = quick._plain(source) is not None
    quick.reset()
    return (
        (reference.convert(source), getattr(reference, "Meta", None)),
        (quick.convert(source), getattr(quick, "Meta", None)),
        took,
    )


PLAIN = [
    "Title: T\nDate: 2023-09-13\n\nUn paragraphe.\n\nUn autre, « cité » : 54 000 (environ).\n",
    "Le sommet de l’ONU a eu lieu.",
    "AT&T et S&P 500 &amp; &lt;b&gt; &#35; &#x41; > 3 | x ~ y ] } ! # = + -",
    "Un \\[crochet\\] \\*échappé\\* et \\q gardé, \\\\ double.",
    "Il dit [note de la rédaction] puis [...] sans lien.",
    "2023 fut une année.\n\n\n\nTrois lignes vides avant.\n",
    "Title: Sans corps\n",
    "\\# pas un titre",
    "Findings that don`t have any conclusion.",  # a lone backtick in wire copy: a word
]
NOT_PLAIN = [
    "Un *mot* en gras.",
    "Un [lien](https://example.org).",
    "1. un\n2. deux",
    "1) un",
    "- un",
    "# Titre",
    "Titre\n=====",
    "Deux lignes\ndans un paragraphe.",
    "Un `code`.",
    "They can`t say, and don`t.",  # two: code, whatever the writer meant
    "Un \\\\` mot.",  # a backslash beside a backtick
    "Un <b>gras</b>.",
    "&#12 sans point-virgule",
    "    du code",
    "Fin avec espaces  ",
    "Un\ttab.",
    "Un mot_souligné.",
    "Un {: .classe} attribut.",
    "Texte[^1].\n\n[^1]: Note.",
    "*[ONU]: Organisation\n\nL'ONU.",
    "[note] en tête.",
]


@pytest.mark.parametrize("meta", [True, False])
@pytest.mark.parametrize("source", PLAIN)
def test_plain_paragraphs_give_python_markdowns_html(source, meta):
    reference, quick, took = both(source, meta)
    assert quick == reference
    assert took or (not meta and source.startswith("Title: T\nDate"))  # two lines: not plain


@pytest.mark.parametrize("source", NOT_PLAIN)
def test_anything_else_is_left_to_python_markdown(source):
    reference, quick, took = both(source)
    assert quick == reference
    assert not took


PIECES = [
    "Le", "mot", " ", "  ", "1.", "2)", "12", "\\[", "\\]", "\\\\", "\\*", "\\q", "\\", "[",
    "]", "](", "(x)", "&", "&amp;", "&#35;", "&#12", "&#X41;", "&#x4", "&T;", "&lt;", ">",
    "<", "*", "_", "`", "~~~", "|", "#", ":", "=", "-", "+", "!", "![", "[^1]", "«", "“",
    "'", '"', "é", "\xa0", "\t", "{", "}", "\x02", "\r", "\x0b", "A.", "http://x.y",
]  # fmt: skip


def test_random_texts_give_python_markdowns_html():
    """Made-up texts of the characters that mean something to Markdown, a third of them plain
    enough for the shortcut: the same HTML and metadata either way."""
    chance = random.Random(9)
    took = 0
    for _ in range(1500):
        paragraphs = [
            chance.choice(["Le ", "1", "«", "&", "\\[", "(", "2023 ", "- ", "  "])
            + "".join(chance.choice(PIECES) for _ in range(chance.randint(0, 6)))
            for _ in range(chance.randint(1, 3))
        ]
        head = chance.choice(["", "Title: T\n\n", "Title: T\nSummary: S\n\n"])
        source = head + chance.choice(["\n\n", "\n", "\n\n\n"]).join(paragraphs)
        for meta in (True, False):
            reference, quick, shortcut = both(source, meta)
            assert quick == reference, source
            took += shortcut
    assert took > 300


@pytest.mark.parametrize(
    "extensions",
    [["markdown.extensions.smarty"], ["markdown.extensions.toc"], []],
)
def test_another_set_of_extensions_takes_no_shortcut(extensions):
    settings = {**markdown_settings(), "extensions": extensions}
    quick = QuickMarkdown(**settings)
    assert not quick._proven()
    assert quick.convert('Un "paragraphe" -- simple.') == Markdown(**settings).convert(
        'Un "paragraphe" -- simple.'
    )


def test_a_glossary_takes_no_shortcut():
    settings = markdown_settings()
    configs = {
        **settings["extension_configs"],
        "markdown.extensions.abbr": {"glossary": {"ONU": "x"}},
    }
    settings = {**settings, "extensions": [*settings["extensions"], "markdown.extensions.abbr"],
                "extension_configs": configs}  # fmt: skip
    quick = QuickMarkdown(**settings)
    assert not quick._proven()
    assert quick.convert("L'ONU.") == Markdown(**settings).convert("L'ONU.")


@pytest.mark.corpus
def test_every_corpus_article_gives_python_markdowns_html():
    """Each article of the demo corpus, as ingest writes its body (paragraphs escaped by
    ``escape_markdown``, a blank line between them): the same HTML either way."""
    took = 0
    articles = sorted(corpus_dir().glob("*/*.txt"))
    for path in articles:
        paragraphs = [
            line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
        source = "Title: T\n\n" + "\n\n".join(escape_markdown(line) for line in paragraphs)
        reference, quick, shortcut = both(source)
        assert quick == reference, path.name
        took += shortcut
    assert took > len(articles) // 2  # the shortcut serves real articles, not only made-up ones
