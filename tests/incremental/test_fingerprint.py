"""Fingerprints and keys: plain data by value, objects by their ``render_key``, else unknown."""

import dataclasses
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from incremental.fingerprint import files_digest, fingerprint, page_key, settings_digest


@dataclasses.dataclass
class Card:
    title: str
    when: dt.date


class Keyed:
    def __init__(self, render_key):
        self.render_key = render_key


class Named:  # has a name, like Pelican's categories, but is not one
    name = "x"


SAME = [
    ({"a": 1, "b": [1, 2]}, {"b": [1, 2], "a": 1}),
    ({1, 2, 3}, {3, 2, 1}),
    (Card("t", dt.date(2023, 9, 13)), Card("t", dt.date(2023, 9, 13))),
    (Keyed("k1"), Keyed("k1")),
    ([None, True, 1.5, "é"], [None, True, 1.5, "é"]),
    (dt.datetime(2023, 9, 13, 10, 0), dt.datetime(2023, 9, 13, 10, 0)),
    ((1, "a"), [1, "a"]),  # a template shows a tuple as it shows a list
]
DIFFERENT = [
    ("1", 1),
    (1, 1.0),
    (True, 1),
    ([1, 2], [2, 1]),
    (["ab", "c"], ["a", "bc"]),
    ({"a": 1}, {"a": 2}),
    (Card("t", dt.date(2023, 9, 13)), Card("t", dt.date(2023, 9, 14))),
    (Keyed("k1"), Keyed("k2")),
    (dt.date(2023, 9, 13), dt.datetime(2023, 9, 13)),
    (dt.datetime(2023, 9, 13, tzinfo=dt.UTC), dt.datetime(2023, 9, 13)),
]


@pytest.mark.parametrize(("one", "other"), SAME)
def test_equal_data_has_the_same_fingerprint(one, other):
    assert fingerprint(one) is not None
    assert fingerprint(one) == fingerprint(other)


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_different_data_has_another_fingerprint(one, other):
    assert fingerprint(one) != fingerprint(other)


@pytest.mark.parametrize(
    "value",
    [object(), [1, object()], {"a": {"b": object()}}, {object(): 1}, Keyed(None), Named()],
)
def test_data_without_a_fingerprint_is_unknown(value):
    assert fingerprint(value) is None


def test_pelican_categories_count_by_name():
    from pelican.urlwrappers import Category as PelicanCategory

    settings = {"CATEGORY_URL": "c/{slug}.html", "SLUG_REGEX_SUBSTITUTIONS": []}
    world, again = PelicanCategory("World", settings), PelicanCategory("World", settings)
    assert fingerprint(world) is not None
    assert fingerprint(world) == fingerprint(again)
    assert fingerprint(world) != fingerprint(PelicanCategory("Sport", settings))


def test_a_key_covers_the_name_the_build_the_site_and_the_data():
    key = page_key("a.html", "build", "site", {"n": 1})
    assert key is not None
    assert page_key("a.html", "build", "site", {"n": 1}) == key
    for other in (
        page_key("b.html", "build", "site", {"n": 1}),
        page_key("a.html", "build2", "site", {"n": 1}),
        page_key("a.html", "build", "site2", {"n": 1}),
        page_key("a.html", "build", "site", {"n": 2}),
    ):
        assert other not in (None, key)
    assert page_key("a.html", "build", "site", {"n": Keyed(5)}) is None


def test_the_settings_digest_counts_json_values_only():
    base = settings_digest({"SITENAME": "Digest", "PAGINATION": 10})
    assert settings_digest({"PAGINATION": 10, "SITENAME": "Digest", "F": len}) == base
    assert settings_digest({"SITENAME": "Digest", "PAGINATION": 11}) != base
    dated = {"SITENAME": "Digest", "PAGINATION": 10, "D": dt.date(2023, 1, 1)}
    assert settings_digest(dated) != base


def test_the_files_digest_sees_every_byte_and_name(tmp_path):
    templates = tmp_path / "templates"
    (templates / "sub").mkdir(parents=True)
    (templates / "sub" / "a.html").write_text("A", encoding="utf-8")
    first = files_digest([templates])
    assert files_digest([templates]) == first
    (templates / "sub" / "a.html").write_text("B", encoding="utf-8")
    second = files_digest([templates])
    assert second != first
    (templates / "sub" / "a.html").rename(templates / "sub" / "b.html")
    assert files_digest([templates]) not in (first, second)
    assert files_digest([templates, Path(tmp_path / "missing")]) == files_digest([templates])
    only_html = files_digest([templates], (".html",))
    (templates / "x.pyc").write_bytes(b"1")
    assert files_digest([templates], (".html",)) == only_html
    assert files_digest([templates]) != files_digest([templates], (".html",))


class OtherKeyed(Keyed):
    pass


KEYED_LISTS = [
    [Keyed("0123456789ab"), Keyed("ba9876543210"), Keyed("00aa00aa00aa")],  # keys of one length
    [Keyed("ab"), Keyed("c"), Keyed("défi"), Keyed("")],  # lengths differ, not ASCII
    (Keyed("k1"), Keyed("k2")),
    [Keyed("k1"), OtherKeyed("k2")],  # two types: each fed as its own
    [Keyed("k1"), "k2"],
    [Keyed("k1"), Card("t", dt.date(2023, 9, 13))],
    [Keyed("k1"), Keyed(None)],  # no fingerprint
]


@pytest.mark.parametrize("value", KEYED_LISTS)
def test_a_list_of_keyed_items_is_fed_as_its_items_one_by_one(value, monkeypatch):
    """The one-pass way of feeding a list of keyed items gives the digest of the item by item
    way, so that keys made before it still hold."""
    import incremental.fingerprint as module

    fingerprint(Keyed("seen")), fingerprint(OtherKeyed("seen"))  # both types are known
    fast = fingerprint(value)
    monkeypatch.setattr(module, "_feed_keyed", lambda digest, value: False)
    assert fingerprint(value) == fast


def test_a_list_of_keyed_items_changes_with_any_key_and_holds_across_processes():
    fingerprint(Keyed("seen"))
    keys = ["0123456789ab", "ba9876543210", "00aa00aa00aa"]
    whole = fingerprint([Keyed(key) for key in keys])
    assert fingerprint([Keyed(key) for key in keys]) == whole
    for index in range(len(keys)):
        changed = keys.copy()
        changed[index] = "ffffffffffff"
        assert fingerprint([Keyed(key) for key in changed]) != whole
    assert fingerprint([Keyed(key) for key in keys[:2]]) != whole
    assert fingerprint([Keyed("ab"), Keyed("c")]) != fingerprint([Keyed("a"), Keyed("bc")])
    program = (
        "import sys; from incremental.fingerprint import fingerprint\n"
        "class Keyed:\n"
        "    def __init__(self, render_key): self.render_key = render_key\n"
        "fingerprint(Keyed('seen'))\n"
        f"print(fingerprint([Keyed(key) for key in {keys!r}]))\n"
    )
    plugins = str(Path(__file__).parents[2] / "plugins")
    found = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": plugins},
    )  # fmt: skip
    assert found.stdout.strip() == whole
