"""The manifest: saved atomically, read back, refused when damaged; stale files removed inside
the output folder only."""

import json
import os

import pytest
from incremental.manifest import (
    BuildChanges,
    Entry,
    glob_regex,
    load_manifest,
    manifest_path,
    remove_files,
    save_manifest,
    stale_files,
)


def test_a_saved_manifest_reads_back(tmp_path):
    output = tmp_path / "output"
    path = manifest_path(tmp_path / "cache", output)
    entries = {"index.html": Entry("k1", 10, 123), "articles/a.html": Entry(None, 5, 7)}
    save_manifest(path, output, entries)
    assert load_manifest(path, output) == (entries, None)
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_each_output_folder_has_its_own_manifest(tmp_path):
    one = manifest_path(tmp_path, tmp_path / "output")
    assert manifest_path(tmp_path, tmp_path / "output" / ".." / "output") == one
    assert manifest_path(tmp_path, tmp_path / "elsewhere") != one


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{not json", "cannot be read"),
        ("[]", "damaged"),
        ('{"format": 1, "output": "OUT", "files": {"a.html": [1]}}', "damaged"),
        ('{"format": 99, "output": "OUT", "files": {}}', "another format or output folder"),
        ('{"format": 1, "output": "/elsewhere", "files": {}}', "another format or output folder"),
    ],
)
def test_a_damaged_manifest_means_build_everything(tmp_path, text, why):
    output = tmp_path / "output"
    path = tmp_path / "manifest.json"
    path.write_text(text.replace("OUT", str(output.resolve())), encoding="utf-8")
    entries, reason = load_manifest(path, output)
    assert entries == {}
    assert why in reason and str(path) in reason


def test_a_missing_manifest_is_the_first_build(tmp_path):
    assert load_manifest(tmp_path / "none.json", tmp_path) == ({}, "no manifest yet")


def test_an_entry_matches_a_file_of_the_recorded_size_and_time(tmp_path):
    page = tmp_path / "a.html"
    page.write_text("hello", encoding="utf-8")
    entry = Entry.of(page, "k")
    assert entry.matches(page)
    os.utime(page, ns=(entry.mtime_ns + 1000, entry.mtime_ns + 1000))
    assert not entry.matches(page)
    page.unlink()
    assert not entry.matches(page)


def test_stale_files_are_those_not_produced_again_except_kept_folders():
    last = {n: Entry(None, 1, 1) for n in ("a.html", "b.html", "x/c.html", "pagefind/p.js")}
    assert stale_files(last, {"a.html"}, kept=("pagefind",)) == ["b.html", "x/c.html"]
    assert stale_files(last, set(last), kept=()) == []


def test_removing_stale_files_empties_folders_and_stays_inside(tmp_path):
    output = tmp_path / "output"
    (output / "entities" / "people").mkdir(parents=True)
    (output / "entities" / "people" / "a.html").write_text("a", encoding="utf-8")
    (output / "entities" / "b.html").write_text("b", encoding="utf-8")
    (output / "keep.html").write_text("k", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("s", encoding="utf-8")
    removed = remove_files(
        output, ["entities/people/a.html", "../secret.txt", "/etc/hostname", "missing.html"]
    )
    assert removed == ["entities/people/a.html"]
    assert outside.exists() and (output / "keep.html").exists()
    assert not (output / "entities" / "people").exists()
    assert (output / "entities" / "b.html").exists()
    remove_files(output, ["entities/b.html", "keep.html"])
    assert output.is_dir() and list(output.iterdir()) == []


@pytest.mark.parametrize(
    ("glob", "name", "matches"),
    [
        ("articles/*.html", "articles/a.html", True),
        ("articles/*.html", "articles/a/b.html", False),
        ("articles/*.html", "x/articles/a.html", False),
        ("*/*/*/index.html", "2023/09/a/index.html", True),
        ("**/*.{html}", "index.html", True),
        ("**/*.{html,htm}", "a/b.htm", True),
        ("**/*.{html}", "a/b.xml", False),
    ],
)
def test_globs_match_as_pagefind_reads_them(glob, name, matches):
    assert bool(glob_regex(glob).fullmatch(name)) is matches


def test_changes_tell_whether_article_pages_were_touched():
    assert not BuildChanges(written={"index.html"}, unchanged={"articles/a.html"}).touched(
        "articles/*.html"
    )
    assert BuildChanges(removed={"articles/a.html"}).touched("articles/*.html")
    assert json.dumps(sorted(BuildChanges(written={"a"}, unchanged={"b"}).produced)) == '["a", "b"]'
