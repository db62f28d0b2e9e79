"""The alias book a build reads is kept in the cache, and never outlives what it was read from."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from entities import glue
from entities.glue import BOOK_CACHE, alias_book


@pytest.fixture
def project(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    return {"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache")}


def write_aliases(settings, text: str) -> None:
    (Path(settings["PATH"]) / "entities.yml").write_text(text, encoding="utf-8")


def reads(monkeypatch) -> list:
    """The alias files read from YAML from now on, one list per read."""
    calls = []
    real = glue.load_alias_book

    def counting(paths, display=None, territories=True):
        calls.append([str(p) for p in paths])
        return real(paths, display, territories)

    monkeypatch.setattr(glue, "load_alias_book", counting)
    return calls


def test_a_second_build_loads_the_kept_book(project, monkeypatch):
    write_aliases(project, "Kim Jong-un:\n  kind: person\n  aliases: [Kim]\n")
    first = alias_book(project)
    assert (Path(project["CACHE_PATH"]) / BOOK_CACHE).is_file()
    calls = reads(monkeypatch)
    second = alias_book(project)
    assert calls == []
    assert second.resolve("Kim").key == first.resolve("Kim").key == "Kim Jong-un"
    assert second.resolve("Putin").key == "Vladimir Poutine"  # the built-in file under it
    assert len(second.entries) == len(first.entries)


def test_an_edited_alias_file_is_read_again(project, monkeypatch):
    write_aliases(project, "Kim Jong-un:\n  kind: person\n  aliases: [Kim]\n")
    alias_book(project)
    write_aliases(project, "Kim Yo-jong:\n  kind: person\n  aliases: [Kim]\n")
    calls = reads(monkeypatch)
    book = alias_book(project)
    assert len(calls) == 1
    assert book.resolve("Kim").key == "Kim Yo-jong"
    calls.clear()
    assert alias_book(project).resolve("Kim").key == "Kim Yo-jong"  # kept anew
    assert calls == []


def test_an_alias_file_removed_is_no_longer_in_the_book(project):
    write_aliases(project, "Kim Jong-un:\n  kind: person\n  aliases: [Kim]\n")
    assert alias_book(project).resolve("Kim") is not None
    (Path(project["PATH"]) / "entities.yml").unlink()
    assert alias_book(project).resolve("Kim") is None


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05N."])
def test_a_damaged_cache_file_is_read_past_and_replaced(project, damage):
    cache = Path(project["CACHE_PATH"]) / BOOK_CACHE
    cache.parent.mkdir(parents=True)
    cache.write_bytes(damage)
    assert alias_book(project).resolve("Putin").key == "Vladimir Poutine"
    assert glue.kept_book(cache, glue.book_key([(glue.BUILTIN_ALIASES, "x")])) is None
    assert cache.read_bytes() != damage


def test_a_bad_alias_file_is_reported_at_every_build_and_never_kept(project, caplog):
    write_aliases(project, "Kim Jong-un:\n  kind: person\n  aliases: [Kim\n")
    for _ in range(2):
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger="entities.glue"):
            book = alias_book(project)
        assert "content/entities.yml" in caplog.text
        assert book.resolve("Kim") is None  # left out; the built-in aliases still hold
        assert book.resolve("Putin").key == "Vladimir Poutine"
    assert not (Path(project["CACHE_PATH"]) / BOOK_CACHE).exists()


def test_a_cache_that_cannot_be_written_costs_only_the_read(project):
    Path(project["CACHE_PATH"]).write_text("a file where the folder would be")
    assert alias_book(project).resolve("Putin").key == "Vladimir Poutine"
    assert alias_book(project).resolve("Putin").key == "Vladimir Poutine"


def test_no_cache_path_reads_the_files(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    calls = reads(monkeypatch)
    alias_book({"PATH": str(tmp_path / "content")})
    alias_book({"PATH": str(tmp_path / "content")})
    assert len(calls) == 2
