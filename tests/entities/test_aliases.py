"""The alias book: format, layering, lookups and errors (error text tested exactly)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from entities.aliases import AliasFileError, Resolution, load_alias_book, lookup_form

ROOT = Path(__file__).resolve().parents[2]
BUILTIN = ROOT / "plugins" / "entities" / "builtin_aliases.yml"


UN_COUNCIL = "Conseil de sécurité des Nations unies"  # an organ of the ONU, its own page


def book_of(tmp_path, *texts: str):
    paths = []
    for number, text in enumerate(texts):
        path = tmp_path / f"file{number}.yml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        paths.append(path)
    shown = ["builtin_aliases.yml", "content/entities.yml"][: len(paths)]
    return load_alias_book(paths, shown)


def test_builtin_file_loads_and_knows_the_seed_names(builtin_book):
    assert builtin_book.resolve("Putin") == Resolution("Vladimir Poutine", "person", False)
    assert builtin_book.resolve("Conseil de sécurité de l’ONU").key == UN_COUNCIL
    assert builtin_book.resolve("Kremlin").kind == "organisation"
    assert builtin_book.resolve("Washington").kind == "place"
    assert builtin_book.resolve("NDLR").ignored


def test_editor_example_file_loads_over_the_builtins(tmp_path):
    from sitekit import EXAMPLE_ALIASES  # the example as committed, not what editors made of it

    (tmp_path / "entities.yml").write_text(EXAMPLE_ALIASES, encoding="utf-8")
    book = load_alias_book([BUILTIN, tmp_path / "entities.yml"])
    assert book.resolve("Angara").ignored
    assert book.name_in("Vostotchny", "en") == "Vostochny"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Conseil de sécurité de l'ONU", UN_COUNCIL),  # straight apostrophe
        ("Conseil de sécurité de l’ONU", UN_COUNCIL),  # typographic
        ("Conseil  de sécurité\u00a0de l'ONU ", UN_COUNCIL),  # spaces
        ("Kim Jong\u2011un", "Kim Jong-un"),  # non-breaking hyphen
        ("US", "États-Unis"),
        ("us", None),  # case matters
        ("E\u0301tats-Unis", "États-Unis"),  # decomposed accent
    ],
)
def test_lookup_ignores_apostrophes_spaces_normalisation_not_case(builtin_book, name, key):
    found = builtin_book.resolve(name)
    assert (found.key if found else None) == key


def test_lookup_form():
    assert lookup_form(" Côte  d’Ivoire ") == "Côte d'Ivoire"


def test_full_entry_and_accessors(tmp_path):
    book = book_of(
        tmp_path,
        """\
        Vladimir Poutine:
          kind: person
          names: {fr: Vladimir Poutine, en: Vladimir Putin}
          aliases: [Poutine, Putin]
          description: {fr: Président de la Russie, en: President of Russia}
          wikidata: Q7747
        Kremlin: organisation
        NDLR: ignore
        Élysée:
          description: La présidence française
        """,
    )
    assert book.resolve("Vladimir Putin").key == "Vladimir Poutine"
    assert book.name_in("Vladimir Poutine", "en") == "Vladimir Putin"
    assert book.name_in("Vladimir Poutine", "de") == "Vladimir Poutine"
    assert book.description_in("Vladimir Poutine", "en") == "President of Russia"
    assert book.description_in("Élysée", "en") == "La présidence française"
    assert book.wikidata("Vladimir Poutine") == "Q7747"
    assert book.aliases("Vladimir Poutine") == {"Poutine", "Putin", "Vladimir Putin"}
    assert book.resolve("Kremlin") == Resolution("Kremlin", "organisation", False)
    assert book.resolve("NDLR") == Resolution("NDLR", None, True)
    assert book.resolve("Élysée").kind is None  # the file does not say
    assert book.resolve("Dmitri Peskov") is None


def test_later_file_overrides_entry_by_entry(tmp_path):
    book = book_of(
        tmp_path,
        """\
        Vladimir Poutine: {kind: person, aliases: [Poutine, Putin]}
        Washington: place
        Kremlin: organisation
        """,
        """\
        Washington: person
        Putin: ignore
        Kremlin:
          kind: place
        """,
    )
    assert book.resolve("Washington").kind == "person"
    assert book.resolve("Putin").ignored
    assert book.resolve("Poutine").key == "Vladimir Poutine"
    assert book.resolve("Kremlin").kind == "place"


def test_empty_file_is_an_empty_book(tmp_path):
    assert len(book_of(tmp_path, "# nothing yet\n")) == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Vladimir Poutine:\n  kind: persn\n",
            "content/entities.yml:2: kind 'persn' is not one of person, place, organisation",
        ),
        (
            "A:\n  kind: person\n  alias: [B]\n",
            "content/entities.yml:3: unknown key 'alias' in entry 'A'; "
            "accepted keys are kind, names, aliases, description, wikidata",
        ),
        (
            "Kim Jong-un:\n  aliases: [Kim]\nKim Yo-jong:\n  aliases: [Kim]\n",
            "content/entities.yml:3: name 'Kim' is claimed by both 'Kim Jong-un' (line 1) "
            "and 'Kim Yo-jong' (line 3)",
        ),
        (
            "A: person\nB: [x]\n",
            "content/entities.yml:2: entry 'B' must be 'ignore', a kind (person, place, "
            "organisation) or a mapping, not a list",
        ),
        (
            "A:\n  aliases: B\n",
            "content/entities.yml:2: aliases of 'A' must be a list of names, e.g. [A, B]",
        ),
        (
            "A:\n  names: [B]\n",
            "content/entities.yml:2: names of 'A' must map languages to names, "
            "e.g. {fr: ..., en: ...}",
        ),
        (
            "A:\n  wikidata: 7747\n",
            "content/entities.yml:2: wikidata '7747' is not an item id like Q7747",
        ),
        (
            "A: persn\n",
            "content/entities.yml:1: entry 'A': 'persn' is neither 'ignore' nor one of "
            "person, place, organisation",
        ),
        (
            "A: person\nA: place\n",
            "content/entities.yml:2: entry 'A' is given twice (first at line 1)",
        ),
        (
            "A:\n  kind: person\n  names: {fr: X}\n B: place\n",
            "content/entities.yml:4: YAML syntax error: "
            "expected <block end>, but found '<block mapping start>'",
        ),
        ("- A\n- B\n", "content/entities.yml:1: the file must be a mapping of entity names"),
    ],
)
def test_errors_name_file_and_line(tmp_path, text, message):
    with pytest.raises(AliasFileError) as caught:
        path = tmp_path / "entities.yml"
        path.write_text(text, encoding="utf-8")
        load_alias_book([path], lambda p: f"content/{p.name}")
    assert str(caught.value) == message


def test_error_in_second_file_names_it(tmp_path):
    with pytest.raises(AliasFileError) as caught:
        book_of(tmp_path, "A: person\n", "B:\n  kind: nobody\n")
    assert str(caught.value).startswith("content/entities.yml:2: kind 'nobody'")
    assert caught.value.line == 2


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(AliasFileError) as caught:
        load_alias_book([tmp_path / "none.yml"], ["content/entities.yml"])
    assert str(caught.value).startswith("content/entities.yml: cannot read the file")
