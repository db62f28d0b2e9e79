"""Markdown articles with Pelican-style or YAML metadata."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import pytest
from ingest.markdown_input import markdown_paragraphs, markdown_to_text, parse_markdown
from ingest.model import DateValue, Found, IngestError, RawText

PARIS = ZoneInfo("Europe/Paris")
BODY = "Le **président** [Poutine](https://x.example) a reçu\nKim Jong-un.\n\n> « Oui », dit-il."


def parse(text: str, **kwargs):
    return parse_markdown(RawText("seeds/x.md", text, "markdown", "utf-8", ""), **kwargs)


def error_of(text: str) -> str:
    with pytest.raises(IngestError) as caught:
        parse(text)
    return str(caught.value)


PELICAN = f"""Title: Kim et Poutine à Vostotchny
DATE: 2023-09-13 10:05
Authors: Jean Dupont; Marie Curie
Tags: Russie,
    Corée du Nord
Source: RFI
Source_URL: https://www.rfi.fr/x
Lang: fr
Summary: Une rencontre.
License: CC BY 4.0
Attribution: RFI
Slug: kim-poutine
Category: Monde

{BODY}
"""

YAML = f"""---
title: "Kim et Poutine : la rencontre"
date: 2023-09-13
author: [Jean Dupont, Marie Curie]
url: https://www.rfi.fr/x
licence: CC BY 4.0
tags: [Russie, Corée du Nord]
draft: false
---
{BODY}
"""


def test_pelican_style_metadata():
    article = parse(PELICAN)
    assert article.title == Found("Kim et Poutine à Vostotchny", "editor", line=1)
    assert article.date == Found(
        DateValue(dt.datetime(2023, 9, 13, 10, 5, tzinfo=PARIS), "minute"), "editor", line=2
    )
    assert article.authors == Found(("Jean Dupont", "Marie Curie"), "editor", line=3)
    assert article.source == Found("RFI", "editor", line=6)
    assert article.source_url == Found("https://www.rfi.fr/x", "editor", line=7)
    assert article.lang == Found("fr", "editor", line=8)
    assert article.summary == Found("Une rencontre.", "editor", line=9)
    assert article.license == Found("CC BY 4.0", "editor", line=10)
    assert article.attribution == Found("RFI", "editor", line=11)
    assert article.slug == Found("kim-poutine", "editor", line=12)
    assert article.extra == {"tags": "Russie, Corée du Nord", "category": "Monde"}
    assert article.body_markdown == BODY
    assert article.paragraphs == ["Le président Poutine a reçu Kim Jong-un.", "« Oui », dit-il."]


def test_yaml_front_matter():
    article = parse(YAML)
    assert article.title == Found("Kim et Poutine : la rencontre", "editor", line=2)
    assert article.date == Found(
        DateValue(dt.datetime(2023, 9, 13, tzinfo=PARIS), "day"), "editor", line=3
    )
    assert article.authors == Found(("Jean Dupont", "Marie Curie"), "editor", line=4)
    assert article.source_url == Found("https://www.rfi.fr/x", "editor", line=5)
    assert article.license == Found("CC BY 4.0", "editor", line=6)
    assert article.extra == {"tags": "Russie, Corée du Nord", "draft": "false"}
    assert article.body_markdown == BODY
    assert article.paragraphs == ["Le président Poutine a reçu Kim Jong-un.", "« Oui », dit-il."]


def test_without_metadata_the_whole_file_is_the_body():
    article = parse(BODY)
    assert (article.title, article.date, article.extra) == (None, None, {})
    assert article.body_markdown == BODY


def test_a_first_line_that_is_not_metadata_starts_the_body():
    article = parse("Kim et Poutine se sont vus.\nTitle: pas une métadonnée\n\nSuite.")
    assert article.title is None
    assert article.paragraphs == [
        "Kim et Poutine se sont vus. Title: pas une métadonnée",
        "Suite.",
    ]


@pytest.mark.parametrize(
    ("metadata", "field", "value"),
    [
        ("Author: Jean Dupont", "authors", ("Jean Dupont",)),
        ("Authors: Jean Dupont, Marie Curie", "authors", ("Jean Dupont", "Marie Curie")),
        ("URL: https://x.example/a", "source_url", "https://x.example/a"),
        ("Licence: CC BY-SA", "license", "CC BY-SA"),
        ("Date: 13 septembre 2023", "date", DateValue(dt.datetime(2023, 9, 13, tzinfo=PARIS))),
        ("Date: 13/09/2023 à 10h05", "date", DateValue(
            dt.datetime(2023, 9, 13, 10, 5, tzinfo=PARIS), "minute")),
    ],
)  # fmt: skip
def test_keys_and_values(metadata, field, value):
    article = parse(f"{metadata}\n\nTexte.")
    assert getattr(article, field) == Found(value, "editor", line=1)


def test_first_value_of_a_key_given_twice_wins():
    article = parse(
        "Title: Un\nTitle: Deux\nurl: https://a.example\nsource_url: https://b.example\n\nTexte."
    )
    assert article.title == Found("Un", "editor", line=1)
    assert article.source_url == Found("https://a.example", "editor", line=3)


def test_empty_value_is_no_value():
    assert parse("Title:\nSlug: x\n\nTexte.").title is None


def test_heading_repeating_the_title_is_not_a_paragraph():
    article = parse("Title: Kim et Poutine\n\n# Kim et Poutine\n\nTexte.")
    assert article.paragraphs == ["Texte."]
    assert article.body_markdown == "# Kim et Poutine\n\nTexte."


def test_time_zone_is_the_one_given():
    zone = ZoneInfo("Asia/Seoul")
    article = parse("Date: 2023-09-13\n\nTexte.", tz=zone)
    assert article.date.value.when == dt.datetime(2023, 9, 13, tzinfo=zone)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Title: x\nDate: 31/02/2023\n\nTexte.",
            'seeds/x.md:2: date "31/02/2023" is not a real day',
        ),
        (
            "---\ntitle: x\ndate: 2023-02-30\n---\nTexte.",
            'seeds/x.md:3: date "2023-02-30" is not a real day',
        ),
        (
            "Date: demain\n\nTexte.",
            'seeds/x.md:1: cannot read "demain" as a date: write it like 2023-09-13, '
            "2023-09-13 10:05 or 13 septembre 2023",
        ),
        (
            "---\ntitle: x\ndate: [2023\n---\nTexte.",
            "seeds/x.md:3: front matter is not valid YAML: expected ',' or ']', but got "
            "'<stream end>'",
        ),
        (
            "---\ntitle: x\n  bad: indent\n---\nTexte.",
            "seeds/x.md:3: front matter is not valid YAML: mapping values are not allowed here",
        ),
        (
            "---\ntitle: x\n\nTexte.",
            'seeds/x.md:1: front matter is not closed: add a line "---" after the metadata',
        ),
        ("---\n- a\n- b\n---\nTexte.", 'seeds/x.md:2: front matter must be "key: value" lines'),
        (
            "Title: x\nDate: 2023-09-13\n",
            "seeds/x.md: no article text: the file has metadata but no body; write the article "
            "after the metadata and a blank line",
        ),
    ],
)  # fmt: skip
def test_errors_name_file_and_line(text, message):
    assert error_of(text) == message


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("**Kim** et __Poutine__", "Kim et Poutine"),
        ("*Kim* et _Poutine_", "Kim et Poutine"),
        ('[Kim](https://x.example "titre") et ![Poutine](p.png)', "Kim et Poutine"),
        ("[Kim][1] à <b>Vostotchny</b>", "Kim à Vostotchny"),
        ("`code` et ~~barré~~", "code et barré"),
        ("Kim \\*étoile\\* &amp; &eacute;", "Kim *étoile* & é"),
        ("snake_case_word et 2*3*4", "snake_case_word et 2*3*4"),
    ],
)
def test_markdown_to_text(line, text):
    assert markdown_to_text(line) == text


@pytest.mark.parametrize(
    ("body", "paragraphs"),
    [
        ("# Titre #\n\nTexte", ["Titre", "Texte"]),
        ("Titre\n=====\n\nTexte", ["Titre", "Texte"]),
        ("Un\ndeux\n\ntrois", ["Un deux", "trois"]),
        ("- un\n- deux\n* trois\n1. quatre", ["un", "deux", "trois", "quatre"]),
        ("> cité\n> sur deux lignes", ["cité sur deux lignes"]),
        ("```python\nx = 1\n```\n\nTexte", ["Texte"]),
        ("Texte [lien][1]\n\n[1]: https://x.example", ["Texte lien"]),
        ("Texte\n\n---\n\nSuite", ["Texte", "Suite"]),
    ],
)
def test_markdown_paragraphs(body, paragraphs):
    assert markdown_paragraphs(body) == paragraphs


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Title: x\nSlug: ../../x\n\nTexte.",
            "seeds/x.md:2: '../../x' is not a slug: use lower-case letters, digits and single "
            "hyphens (a-z, 0-9, -)",
        ),
        (
            "---\ntitle: x\nslug: /tmp/x\n---\nTexte.",
            "seeds/x.md:3: '/tmp/x' is not a slug: use lower-case letters, digits and single "
            "hyphens (a-z, 0-9, -)",
        ),
        (
            "Slug: ../digests/vostotchny\n\nTexte.",
            "seeds/x.md:1: '../digests/vostotchny' is not a slug: use lower-case letters, digits "
            "and single hyphens (a-z, 0-9, -)",
        ),
    ],
)
def test_a_slug_that_could_name_a_path_is_an_error(text, message):
    assert error_of(text) == message


def test_pelican_keys_that_write_files_or_change_status_are_left_out(caplog):
    text = (
        "Title: x\nSave_as: ../../evil.html\nURL: ../x.html\nTemplate: ../../../etc/passwd\n"
        "Status: draft\nLang_save_as: /tmp/x.html\nLang_url: x\nOverride_save_as: x\n"
        "Translation: true\nRaw: seeds/other.txt\nIngest_checksum: 0\nSettings: x\n"
        "Note: vérifiée\n\nTexte."
    )
    with caplog.at_level(logging.WARNING, logger="ingest.markdown_input"):
        article = parse(text)
    assert article.extra == {"note": "vérifiée"}
    assert article.source_url == Found("../x.html", "editor", line=3)  # left out by infer: not http
    own = "is Pelican's own (where and how the page is written, or whether it is published)"
    assert caplog.messages == [
        f"seeds/x.md:2: metadata 'save_as' {own}; it is left out of the article",
        f"seeds/x.md:4: metadata 'template' {own}; it is left out of the article",
        f"seeds/x.md:5: metadata 'status' {own}; it is left out of the article",
        f"seeds/x.md:6: metadata 'lang_save_as' {own}; it is left out of the article",
        f"seeds/x.md:7: metadata 'lang_url' {own}; it is left out of the article",
        f"seeds/x.md:8: metadata 'override_save_as' {own}; it is left out of the article",
        f"seeds/x.md:9: metadata 'translation' {own}; it is left out of the article",
        "seeds/x.md:10: metadata 'raw' is written by ingest itself; it is left out of the article",
        "seeds/x.md:11: metadata 'ingest_checksum' is written by ingest itself; it is left out "
        "of the article",
        f"seeds/x.md:12: metadata 'settings' {own}; it is left out of the article",
    ]


def test_yaml_keys_that_are_not_names_are_left_out(caplog):
    text = '---\ntitle: x\n"a\\nStatus": draft\n_content: x\n2x: y\nok-key: z\n---\nTexte.'
    with caplog.at_level(logging.WARNING, logger="ingest.markdown_input"):
        article = parse(text)
    assert article.extra == {"ok-key": "z"}
    not_a_name = 'is not a name (letters, digits, "_" and "-", starting with a letter)'
    assert caplog.messages == [
        f"seeds/x.md:3: metadata 'a?status' {not_a_name}; it is left out of the article",
        f"seeds/x.md:4: metadata '_content' {not_a_name}; it is left out of the article",
        f"seeds/x.md:5: metadata '2x' {not_a_name}; it is left out of the article",
    ]


def test_every_attribute_of_a_pelican_article_is_a_reserved_key():
    from ingest.markdown_input import FIELDS, PELICAN_KEYS
    from pelican.contents import Article

    public = {name for name in dir(Article) if not name.startswith("_")}
    assert public - FIELDS.keys() - PELICAN_KEYS == set()
