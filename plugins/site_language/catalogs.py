"""Translation catalogs of the theme, read from gettext ``.po`` files (pure: no Pelican).

The theme ships ``translations/<lang>/LC_MESSAGES/messages.po`` and no compiled ``.mo``: each
``.po`` is compiled in memory when the site starts building. Fuzzy entries are left out, as
``msgfmt`` does, so a half-checked translation shows the English text instead.
"""

from __future__ import annotations

import logging
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

logger = logging.getLogger(__name__)

DOMAIN = "messages"
FALLBACK_LANG = "en"


def read_catalog(po_path: Path) -> Translations:
    """Compile one ``.po`` file into ``Translations``, in memory."""
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def catalog_paths(translations_dir: Path) -> dict[str, Path]:
    """``{lang: path}`` for every ``<lang>/LC_MESSAGES/messages.po`` under ``translations_dir``."""
    pattern = f"*/LC_MESSAGES/{DOMAIN}.po"
    return {path.parents[1].name: path for path in sorted(translations_dir.glob(pattern))}


def primary_language(lang: str | None) -> str:
    """``fr-FR`` and ``fr_FR`` use the ``fr`` catalog.

    >>> primary_language("fr-FR"), primary_language("EN"), primary_language(None)
    ('fr', 'en', '')
    """
    return (lang or "").replace("-", "_").split("_")[0].lower()


class Catalogs:
    """The theme's catalogs by language; a language without one falls back to English.

    The fallback is logged once per language, not once per page.
    """

    def __init__(self, translations: dict[str, NullTranslations]) -> None:
        self._translations = dict(translations)
        self._warned: set[str] = set()

    @classmethod
    def from_directory(cls, translations_dir: Path) -> Catalogs:
        paths = catalog_paths(translations_dir)
        if not paths:
            logger.warning(
                "site language: no %s.po under %s; the interface stays in English",
                DOMAIN,
                translations_dir,
            )
        return cls({lang: read_catalog(path) for lang, path in paths.items()})

    @property
    def languages(self) -> list[str]:
        return sorted(self._translations)

    def get(self, lang: str | None) -> NullTranslations:
        code = primary_language(lang)
        if code in self._translations:
            return self._translations[code]
        if code not in self._warned:
            self._warned.add(code)
            logger.warning(
                "site language: no catalog for language %r (have: %s); using English",
                lang,
                ", ".join(self.languages) or "none",
            )
        return self._translations.get(FALLBACK_LANG) or NullTranslations()
