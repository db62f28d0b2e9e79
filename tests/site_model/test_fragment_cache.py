"""Fragments kept between builds: read back under the same key, dropped when stale, robust to
damage; and on a real site, a theme change is never hidden by a kept fragment."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from site_model import fragment_cache as module
from site_model.fragment_cache import FILE_NAME, FragmentCache, fragment_key
from sitekit import ROOT, Site


def kept(folder, scope="s1", **fragments) -> FragmentCache:
    cache = FragmentCache(folder, scope)
    for key, html in fragments.items():
        cache.put(key, html)
    return cache


def test_a_fragment_is_read_back_by_the_next_build(tmp_path):
    first = kept(tmp_path, a="<li>A</li>")
    assert first.get("a") is None  # a first build does not read what it has not kept yet
    first.save()
    second = FragmentCache(tmp_path, "s1")
    assert (second.get("a"), second.get("b")) == ("<li>A</li>", None)
    assert (second.hits, second.misses) == (1, 1)
    second.save()


def test_the_key_covers_scope_kind_type_render_key_option_language_and_site_url():
    base = ("scope", "entry", "TimelineEntry", "k1", True, "fr", "..")
    keys = {fragment_key(*base)}
    for position, other in enumerate(["scope2", "line", "ArticleCard", "k2", False, "en", "."]):
        changed = list(base)
        changed[position] = other
        keys.add(fragment_key(*changed))
    assert len(keys) == 8
    assert fragment_key(*base) == fragment_key(*base)


@pytest.mark.parametrize(
    ("scope", "age_days", "kept_after"),
    [
        ("s1", 29, True),  # this scope, used within KEEP_UNUSED_DAYS
        ("s1", 31, False),  # unused too long
        ("s2", 0.5, True),  # another scope (theme changed), used today: a second site, say
        ("s2", 2, False),  # another scope, unused for KEEP_OTHER_SCOPE_DAYS
    ],
)
def test_stale_fragments_are_dropped(tmp_path, monkeypatch, scope, age_days, kept_after):
    old = kept(tmp_path, scope, a="<li>A</li>")
    old.save()
    clock = module.time.time() + age_days * 86400
    monkeypatch.setattr(module.time, "time", lambda: clock)
    FragmentCache(tmp_path, "s1").save()  # a build of scope s1 that did not read "a"
    rows = sqlite3.connect(tmp_path / FILE_NAME).execute("SELECT key FROM fragments").fetchall()
    assert rows == ([("a",)] if kept_after else [])


def test_a_fragment_read_is_marked_used(tmp_path, monkeypatch):
    kept(tmp_path, a="<li>A</li>").save()
    clock = module.time.time() + 20 * 86400
    monkeypatch.setattr(module.time, "time", lambda: clock)
    reader = FragmentCache(tmp_path, "s1")
    assert reader.get("a") == "<li>A</li>"
    reader.save()
    monkeypatch.setattr(module.time, "time", lambda: clock + 20 * 86400)
    FragmentCache(tmp_path, "s1").save()  # 40 days after it was made, 20 after it was read
    assert FragmentCache(tmp_path, "s1").get("a") == "<li>A</li>"


def test_a_damaged_file_is_made_again_with_a_warning(tmp_path, caplog):
    (tmp_path / FILE_NAME).write_bytes(b"not a database at all" * 100)
    cache = kept(tmp_path, a="<li>A</li>")
    cache.save()
    assert f"site model: {tmp_path / FILE_NAME} is damaged" in caplog.text
    assert FragmentCache(tmp_path, "s1").get("a") == "<li>A</li>"


def test_without_a_folder_nothing_is_kept(tmp_path):
    cache = kept(None, a="<li>A</li>")
    assert cache.get("a") is None
    cache.save()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.site
def test_a_theme_change_renders_the_fragments_again(tmp_path):
    """The fragments of the first build are kept; after an edit of the macros that make them,
    every page shows the edit, as a build from nothing would."""
    site = Site(tmp_path / "project")
    site.add_example()
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    site.build(THEME=str(theme), SEARCH_INDEX=False)
    first = site.page("timeline/index.html").select("li.entry")
    assert first and not any("entry-edited" in entry["class"] for entry in first)
    assert any(site.root.rglob(FILE_NAME))  # the fragments are kept
    macros = theme / "templates" / "_macros.html"
    text = macros.read_text(encoding="utf-8")
    edited = text.replace('<li class="entry entry-{{', '<li class="entry entry-edited entry-{{', 1)
    assert edited != text
    macros.write_text(edited, encoding="utf-8")
    site.build(THEME=str(theme), SEARCH_INDEX=False)
    for page in ("timeline/index.html", f"entities/{entity_with_timeline(site)}"):
        entries = site.page(page).select("li.entry")
        assert entries and all("entry-edited" in entry["class"] for entry in entries), page


def entity_with_timeline(site: Site) -> str:
    """An entity page of the site that lists timeline entries."""
    for path in sorted((site.output / "entities").rglob("*.html")):
        relative = path.relative_to(site.output / "entities").as_posix()
        if "/" in relative and site.page(f"entities/{relative}").select("li.entry"):
            return relative
    raise AssertionError("no entity page lists timeline entries")
