"""One YAML loader for every YAML an editor writes: bounded, located errors, SafeLoader values."""

import pytest
from entities.aliases import AliasFileError, parse_alias_file
from ingest.markdown_input import parse_markdown
from ingest.model import IngestError, RawText
from ingest.sidecar import read_sidecar
from newstext.yamlfile import (
    MAX_DEPTH,
    YamlRefused,
    YamlSyntaxError,
    load_yaml,
)

# "Billion laughs": nine lines that expand to 9**9 (387 million) strings.
BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)
BOMB = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + BOMB


def test_values_are_read_as_safe_loader_reads_them():
    document = load_yaml("title: Kim\ncount: 3\nok: yes\nlist: [a, b]\n", "x.yml")
    assert document.data == {"title": "Kim", "count": 3, "ok": True, "list": ["a", "b"]}


def test_dates_stay_text_unless_timestamps_are_asked_for():
    assert load_yaml("date: 2023-09-13", "x.yml").data == {"date": "2023-09-13"}
    assert str(load_yaml("date: 2023-09-13", "x.yml", timestamps=True).data["date"]) == (
        "2023-09-13"
    )


def test_key_lines_are_in_the_file_numbering():
    document = load_yaml("Title: a\n\nDate: b\n", "x.md", first_line=2)
    assert document.key_lines == {"title": 2, "date": 4}


@pytest.mark.parametrize(
    ("text", "kwargs", "message"),
    [
        (
            "a: &x 1\nb: *x\n",
            {},
            "x.yml:2: uses a YAML alias (*x); aliases are not accepted here: write the value "
            "out in full",
        ),
        (
            "a: &x 1\nb: *x\nc: *x\n",
            {"max_aliases": 1},
            "x.yml:3: uses more than 1 YAML aliases (*x is one too many): write the values out "
            "in full",
        ),
        (
            BOMB,
            {"max_aliases": 100},
            "x.yml:1: its aliases expand to more than 100,000 values: write it without aliases",
        ),
        (
            "[" * 5000,
            {},
            f"x.yml:1: nests values deeper than {MAX_DEPTH} levels",
        ),
        (
            "a: " + "x" * 200,
            {"max_chars": 100},
            "x.yml: YAML is 203 characters long, over the limit of 100: shorten it",
        ),
    ],
)
def test_documents_over_the_bounds_are_refused(text, kwargs, message):
    with pytest.raises(YamlRefused) as error:
        load_yaml(text, "x.yml", **kwargs)
    assert str(error.value) == message


def test_a_few_aliases_are_read_where_allowed():
    assert load_yaml("a: &x [1]\nb: *x\n", "x.yml", max_aliases=5).data == {"a": [1], "b": [1]}


def test_syntax_errors_name_the_line():
    with pytest.raises(YamlSyntaxError) as error:
        load_yaml("title: [a\nsummary: b: c\n", "x.yml", first_line=2)
    assert str(error.value) == "x.yml:3: expected ',' or ']', but got ':'"


# --- every YAML input goes through it ---------------------------------------------------------


def test_a_sidecar_alias_bomb_is_an_ingest_error(tmp_path):
    raw = tmp_path / "x.txt"
    raw.write_text("Texte.\n", encoding="utf-8")
    (tmp_path / "x.yml").write_text(BOMB, encoding="utf-8")
    with pytest.raises(IngestError) as error:
        read_sidecar(raw, "seeds/x.txt")
    assert str(error.value) == (
        "seeds/x.yml:2: uses a YAML alias (*a); aliases are not accepted here: write the value "
        "out in full"
    )


def test_a_sidecar_over_the_size_bound_is_an_ingest_error(tmp_path):
    raw = tmp_path / "x.txt"
    raw.write_text("Texte.\n", encoding="utf-8")
    (tmp_path / "x.yml").write_text("summary: " + "a" * 100_000, encoding="utf-8")
    with pytest.raises(IngestError) as error:
        read_sidecar(raw, "seeds/x.txt")
    assert str(error.value) == (
        "seeds/x.yml: YAML is 100,009 characters long, over the limit of 100,000: shorten it"
    )


def test_a_front_matter_alias_bomb_is_an_ingest_error():
    text = f"---\n{BOMB}---\n\nLe texte.\n"
    with pytest.raises(IngestError) as error:
        parse_markdown(RawText("seeds/x.md", text, "markdown", "utf-8", ""))
    assert str(error.value) == (
        "seeds/x.md:3: front matter uses a YAML alias (*a); aliases are not accepted here: "
        "write the value out in full"
    )


def test_front_matter_syntax_errors_keep_their_message():
    text = "---\ntitle: [a\n---\n\nLe texte.\n"
    with pytest.raises(IngestError) as error:
        parse_markdown(RawText("seeds/x.md", text, "markdown", "utf-8", ""))
    assert str(error.value) == (
        "seeds/x.md:2: front matter is not valid YAML: expected ',' or ']', but got '<stream end>'"
    )


# Six lines of eight aliases: 48 aliases (under the alias file's 50), 8**6 = 262,144 values.
SMALL_BOMB = "a: &a [x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 8)}]\n"
    for previous, name in zip("abcde", "bcdef", strict=True)
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            BOMB,
            "content/entities.yml:7: uses more than 50 YAML aliases (*f is one too many): write "
            "the values out in full",
        ),
        (
            SMALL_BOMB,
            "content/entities.yml:1: its aliases expand to more than 100,000 values: write it "
            "without aliases",
        ),
    ],
)
def test_an_alias_file_bomb_is_refused(text, message):
    with pytest.raises(AliasFileError) as error:
        parse_alias_file(text, "content/entities.yml")
    assert str(error.value) == message


def test_an_alias_file_may_share_a_list_by_alias():
    text = "Vladimir Poutine: &person {kind: person}\nKim Jong-un: *person\n"
    entries = parse_alias_file(text, "entities.yml")
    assert [(entry.key, entry.kind) for entry in entries] == [
        ("Vladimir Poutine", "person"),
        ("Kim Jong-un", "person"),
    ]
