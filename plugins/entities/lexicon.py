"""Word lists the normalisation rules consult. Pure, loaded once.

- ``demonyms(lang)``: nationality words in every gender and number ("Britannique",
  "Sud-Africaines", "Americans"), from ``data/demonyms.txt``: never an entity.
- ``head_words(lang)``: lowercase words that open a name and belong to it ("ministère",
  "rue", "armée"), from ``data/head_words.txt``, which also lists the words that say a
  name's kind when they open it ("Cour") or close it ("Gazette", "Mosque").
- ``territories()``: country and continent names in French and English from CLDR (via Babel),
  by territory code: a country is a place, and "Russia" is "Russie".
"""

from __future__ import annotations

import functools
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
LANGS = ("fr", "en")
# CLDR codes that are no country of their own, or an organisation (EU, UN).
NOT_TERRITORIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "001"})
# Continents and big regions a news story names (CLDR numeric codes).
REGIONS = frozenset({"002", "009", "142", "150", "019", "419", "003", "005", "145", "030"})
# Where CLDR's name is not the one news use, and the other names news give a territory.
NEWS_NAMES = {
    "HK": {"fr": "Hong Kong", "en": "Hong Kong"},
    "MO": {"fr": "Macao", "en": "Macao"},
    "MM": {"fr": "Birmanie", "en": "Myanmar"},
    "CD": {"fr": "République démocratique du Congo", "en": "Democratic Republic of the Congo"},
    "CG": {"fr": "République du Congo", "en": "Republic of the Congo"},
    "VA": {"fr": "Vatican", "en": "Vatican City"},
    "PS": {"fr": "Palestine", "en": "Palestine"},
}
OTHER_NAMES = {
    "CZ": ("République tchèque", "Czech Republic"),
    "MM": ("Myanmar", "Burma"),
    "CD": ("RDC", "DRC", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville",),
    "SZ": ("Swaziland", "eSwatini"),
    "MK": ("Macédoine", "Macedonia"),
    "CI": ("Ivory Coast",),
    "PS": ("Territoires palestiniens", "Palestinian Territories"),
}


def _sections(name: str) -> dict[str, list[str]]:
    """The lines of a data file by ``[lang]`` section, without comments and blank lines."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif line and current is not None:
            current.append(line)
    return sections


def demonym_forms(word: str, lang: str) -> set[str]:
    """Every gender and number of a demonym written in the masculine singular.

    >>> sorted(demonym_forms("Américain", "fr"))
    ['Américain', 'Américaine', 'Américaines', 'Américains']
    >>> sorted(demonym_forms("Britannique", "fr")), sorted(demonym_forms("Syrien", "fr"))[1]
    (['Britannique', 'Britanniques'], 'Syrienne')
    >>> sorted(demonym_forms("Turc/Turque/Turcs/Turques", "fr"))[:2]
    ['Turc', 'Turcs']
    """
    if "/" in word:
        return set(word.split("/"))
    if lang != "fr":
        return {word, word + "s"}
    if word.endswith("e"):
        return {word, word + "s"}
    if word.endswith(("ien", "éen")):
        return {word, word + "ne", word + "s", word + "nes"}
    if word.endswith(("s", "x", "z")):
        return {word, word + "e", word + "es"}
    return {word, word + "e", word + "s", word + "es"}


@functools.cache
def demonyms(lang: str) -> frozenset[str]:
    """Nationality words of ``lang`` (all languages for "any"), casefolded."""
    sections = _sections("demonyms.txt")
    langs = LANGS if lang == "any" else (lang,)
    return frozenset(
        form.casefold()
        for code in langs
        for word in sections.get(code, ())
        for form in demonym_forms(word, code)
    )


def is_demonym(name: str, lang: str) -> bool:
    """A nationality word, in any gender or number ("Sud-Africaines", "Americans").

    >>> is_demonym("Britannique", "fr"), is_demonym("Americans", "fr"), is_demonym("Bretagne", "fr")
    (True, True, False)
    """
    return name.casefold() in demonyms(lang) or name.casefold() in demonyms("any")


@functools.cache
def head_words(lang: str) -> frozenset[str]:
    return frozenset(_sections("head_words.txt").get(lang, ()))


@functools.cache
def kind_words(where: str = "kind") -> dict[str, str]:
    """{word: kind} for words that open a name and say its kind ("Cour", "rue"), or with
    ``where="tail"`` that close one ("Gazette", "Mosque")."""
    sections = _sections("head_words.txt")
    return {
        word: section.split(":", 1)[1]
        for section, words in sections.items()
        if section.startswith(f"{where}:")
        for word in words
    }


def kind_by_head(name: str) -> str | None:
    """The kind a name's first word says, if it says one, for names of two words or more.

    >>> kind_by_head("Cour constitutionnelle"), kind_by_head("rue de Rivoli"), kind_by_head("Cour")
    ('organisation', 'place', None)
    """
    words = name.split(" ")
    return kind_words().get(words[0]) if len(words) > 1 else None


def kind_by_tail(name: str) -> str | None:
    """The kind an English name's last word says, for names of two words or more.

    >>> kind_by_tail("Saudi Gazette"), kind_by_tail("Grand Mosque"), kind_by_tail("Gazette")
    ('organisation', 'place', None)
    """
    words = name.split(" ")
    return kind_words("tail").get(words[-1]) if len(words) > 1 else None


@functools.cache
def territories() -> dict[str, dict[str, str]]:
    """{code: {"fr": name, "en": name}} for countries and continents, from CLDR via Babel.

    >>> territories()["RU"]
    {'fr': 'Russie', 'en': 'Russia'}
    """
    from babel import Locale

    names = {lang: Locale(lang).territories for lang in LANGS}
    return {
        code: NEWS_NAMES.get(code) or {lang: names[lang][code].replace("’", "'") for lang in LANGS}
        for code in names["fr"]
        if code not in NOT_TERRITORIES
        and (code.isalpha() or code in REGIONS)
        and all(code in names[lang] for lang in LANGS)
    }
