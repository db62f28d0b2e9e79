"""Small fake context objects shaped like theme/CONTEXT.md, and a Jinja environment made by
Pelican's own ``Generator`` (same loaders, options and filters) with this plugin installed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from article_page.glue import install_html_rules
from pelican.generators import Generator
from pelican.settings import read_settings
from site_language.catalogs import Catalogs
from site_language.glue import install_language, translations_dir

THEME = Path(__file__).resolve().parents[2] / "theme"


class FakeEntity(SimpleNamespace):
    def name_in(self, lang):
        return self.names.get(lang, self.name)

    def description_in(self, lang):
        return self.descriptions.get(lang)


def entity(name, kind, slug, names=None, **extra):
    folder = {"person": "people", "place": "places", "organisation": "organisations"}[kind]
    values = {
        "name": name,
        "names": names or {},
        "descriptions": {"fr": f"Description de {name}", "en": f"About {name}"},
        "kind": kind,
        "url": f"entities/{folder}/{slug}/",
        "feed_url": f"feeds/entities/{slug}.atom.xml",
        "article_count": 3,
        "mention_count": 7,
        "first_seen": dt.date(2016, 2, 1),
        "last_seen": dt.date(2023, 9, 13),
        "wikidata": "Q7747",
    }
    values.update(extra)
    return FakeEntity(**values)


PUTIN = entity("Vladimir Poutine", "person", "vladimir-poutine", {"en": "Vladimir Putin"})
MOSCOW = entity("Moscou", "place", "moscou", {"en": "Moscow"})
UN = entity("ONU", "organisation", "onu", {"en": "United Nations"}, wikidata=None)


def article(title, lang, slug, day, **extra):
    values = {
        "title": title,
        "url": f"articles/{slug}/",
        "date": dt.datetime(2023, 9, day, 10, 30, tzinfo=dt.UTC),
        "lang": lang,
        "content": '<p>Texte avec <a class="entity-link" href="../../entities/people/'
        'vladimir-poutine/">Vladimir Poutine</a>.</p>',
        "summary": "<p>Un résumé court.</p>",
        "authors": [],
        "source": "Wikinews",
        "source_url": "https://fr.wikinews.org/wiki/Exemple",
        "credit": None,
        "reading_time": 2,
        "entity_groups": [("person", [PUTIN]), ("place", [MOSCOW]), ("organisation", [UN])],
        "related": [],
        "prev_article": None,
        "next_article": None,
        "events": [],
    }
    values.update(extra)
    return SimpleNamespace(**values)


@pytest.fixture
def env(tmp_path):
    settings = read_settings(
        override={
            "THEME": str(THEME),
            "PATH": str(tmp_path),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "DEFAULT_LANG": "en",
            "SITENAME": "Digest",
        }
    )
    generator = Generator({}, settings, str(tmp_path), str(THEME), str(tmp_path / "output"))
    install_html_rules(generator)  # what the article_page plugin does on generator_init
    install_language(generator.env, Catalogs.from_directory(translations_dir(settings)))
    generator.settings_for_tests = settings
    return generator.env


@pytest.fixture
def base_context():
    return {
        "SITENAME": "Digest",
        "SITEURL": "../..",
        "DEFAULT_LANG": "en",
        "THEME_STATIC_DIR": "theme",
        "FEED_ALL_ATOM": "feeds/all.atom.xml",
        "FEED_DOMAIN": "",
        "articles": [],
        "dates": [],
    }
