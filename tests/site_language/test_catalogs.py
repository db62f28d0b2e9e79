"""The theme's catalogs: complete, checked, compiled in memory; fallback to English."""

from __future__ import annotations

import logging

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from site_language.catalogs import Catalogs, catalog_paths, read_catalog
from template_fakes import THEME

LANGUAGES = ["en", "fr"]


def template_msgids() -> set[str | tuple[str, str]]:
    """Every message the templates use, extracted as ``pybabel extract -F theme/babel.cfg`` does."""
    with (THEME / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(THEME), method_map, options_map
    ):
        found.add(message if isinstance(message, str) else tuple(message[:2]))
    return found


def po_catalog(lang):
    with (THEME / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po)


def test_templates_use_messages():
    assert {"People", "Places", "Organisations", "Skip to content"} <= template_msgids()


def test_the_theme_has_french_and_english_catalogs_and_no_compiled_ones():
    assert sorted(catalog_paths(THEME / "translations")) == LANGUAGES
    assert list(THEME.rglob("*.mo")) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_template_message_is_translated(lang):
    catalog = po_catalog(lang)
    missing = []
    for msgid in sorted(template_msgids(), key=str):
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        message = catalog.get(key)
        strings = message.string if message else None
        if isinstance(strings, str):
            strings = (strings,)
        if message is None or not all(strings):
            missing.append(msgid)
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogs_have_no_fuzzy_entries_and_pass_babel_checks(lang):
    catalog = po_catalog(lang)
    assert [message.id for message in catalog if message.id and message.fuzzy] == []
    assert [(message.id, errors) for message, errors in catalog.check()] == []


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 article"), (1, "1 article"), (2, "2 articles")]
)
def test_french_plural_rule_comes_from_the_po_header(count, expected):
    translations = read_catalog(THEME / "translations/fr/LC_MESSAGES/messages.po")
    singular = translations.ungettext("%(num)d article", "%(num)d articles", count)
    assert singular % {"num": count} == expected


def test_fuzzy_entries_are_left_out(tmp_path):
    po = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr "Language: fr\\n"\n\n'
        'msgid "Places"\nmsgstr "Lieux"\n\n'
        '#, fuzzy\nmsgid "People"\nmsgstr "Peuple"\n',
        encoding="utf-8",
    )
    french = Catalogs.from_directory(tmp_path).get("fr")
    assert (french.ugettext("Places"), french.ugettext("People")) == ("Lieux", "People")


def test_a_language_without_catalog_falls_back_to_english_once(caplog):
    catalogs = Catalogs.from_directory(THEME / "translations")
    with caplog.at_level(logging.WARNING, logger="site_language.catalogs"):
        first = catalogs.get("de-CH").ugettext("People")
        catalogs.get("de-CH")
    assert first == "People"
    assert caplog.messages == [
        "site language: no catalog for language 'de-CH' (have: en, fr); using English"
    ]


def test_regional_codes_use_the_language_catalog():
    catalogs = Catalogs.from_directory(THEME / "translations")
    assert catalogs.get("fr_FR").ugettext("Places") == "Lieux"
    assert catalogs.get("fr-CA").ugettext("Places") == "Lieux"


@pytest.mark.parametrize("autoescape", [True, False])
@pytest.mark.parametrize("lang", ["fr", "en", "xx"])
def test_the_pages_gettext_gives_what_jinjas_newstyle_gettext_gives(lang, autoescape):
    """``_()`` is one call with each message looked up once (site_language.glue): the same text
    as Jinja's own newstyle gettext over the same catalogs, escaping and variables included."""
    from jinja2 import Environment
    from site_language.glue import install_language

    catalogs = Catalogs.from_directory(THEME / "translations")
    source = (
        '{{ _("Timeline") }}|{{ _("Timeline of %(name)s", name=who) }}|{{ _("Timeline") }}|'
        '{{ gettext("Home") }}|{{ ngettext("%(num)d article", "%(num)d articles", 3) }}|'
        '{{ _("not in any catalog") }}'
    )
    ours = Environment(autoescape=autoescape)
    install_language(ours, catalogs)
    theirs = Environment(autoescape=autoescape, extensions=["jinja2.ext.i18n"])
    theirs.install_gettext_callables(
        lambda message: catalogs.get(lang).ugettext(message),
        lambda singular, plural, n: catalogs.get(lang).ungettext(singular, plural, n),
        newstyle=True,
    )
    values = {"page_lang": lang, "who": "<Kim & Co>"}
    expected = theirs.from_string(source).render(values)
    assert ours.from_string(source).render(values) == expected
    assert ("&lt;Kim &amp; Co&gt;" in expected) is autoescape
