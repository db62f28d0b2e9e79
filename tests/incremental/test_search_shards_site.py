"""A whole site with its search index in shards of two articles: each build runs Pagefind only
on the shards whose articles changed, leaves the other bundles' files as they were, removes the
bundle of a shard that no longer exists, and gives the index of a full build."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import threading
from pathlib import Path

import offline_search.glue
import pytest
from sitekit import Site

pytestmark = pytest.mark.site

SETTINGS = {"SEARCH_INDEX": True, "SEARCH_SHARD_SIZE": 2}
# Pagefind 1.x does not write these stably (see tests/site/test_determinism.py), in any bundle.
UNSTABLE = re.compile(
    r"pagefind/(shard-\d+/)?(pagefind-entry\.json|pagefind\..*\.pf_meta|filter/.*\.pf_filter)"
)


def article(number: int, extra: str = "") -> str:
    return f"""Title: Article numéro {number}
Date: 2024-03-{number:02d}T10:00:00+01:00
Slug: article-{number}
Lang: fr
Source: Gazette {number}
People: Personne Numéro{number}

Personne Numéro{number} a parlé du sujet{number} devant la presse.{extra}
"""


def write_article(site: Site, number: int, extra: str = "") -> None:
    path = site.content / "articles" / f"article-{number}.md"
    path.write_text(article(number, extra), encoding="utf-8")


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
        for p in folder.rglob("*")
        if p.is_file()
    }


THREADS: list[str] = []  # the thread of each Pagefind run of the last build


def build(site: Site) -> list[str]:
    """A real Pelican run; the shards Pagefind indexed (the staging folders it was run on)."""
    from pelican import Pelican

    indexed = []
    real_run = subprocess.run
    THREADS.clear()

    def run(command, *args, **kwargs):
        if "--site" in command:  # a Pagefind run (its binary, or python -m pagefind)
            indexed.append(Path(command[command.index("--site") + 1]).parent.name)
            THREADS.append(threading.current_thread().name)
        return real_run(command, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(offline_search.glue.subprocess, "run", run)
        Pelican(site.settings(**SETTINGS)).run()
    return indexed


def search_files(site: Site, shard: str = "") -> dict[str, tuple[int, int]]:
    """The files of one bundle ("": the primary one, without the others and their list) and
    their stamps."""
    folder = site.output / "pagefind" / shard
    return {
        n: s
        for n, s in stamps(folder).items()
        if shard or not (n.startswith("shard-") or n == "shards.json")
    }


def assert_like_a_full_build(site: Site, folder: Path) -> None:
    fresh = Site(folder)
    shutil.rmtree(fresh.content)
    shutil.copytree(site.content, fresh.content)
    assert build(fresh) == [f"shard-{n}" for n in range(len(bundles(fresh)))]

    def files(one: Site) -> dict[str, bytes]:
        return {
            name: (one.output / name).read_bytes()
            for name in stamps(one.output)
            if not UNSTABLE.fullmatch(name)
        }

    mine, theirs = files(site), files(fresh)
    assert sorted(mine.keys() ^ theirs.keys()) == []
    assert [name for name in sorted(mine) if mine[name] != theirs[name]] == []


def bundles(site: Site) -> list[str]:
    listed = json.loads((site.output / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    return ["", *(name.rstrip("/") for name in listed["bundles"])]


def test_each_build_indexes_only_the_shards_that_changed(tmp_path):
    site = Site(tmp_path / "project")
    for number in range(1, 6):
        write_article(site, number)
    assert build(site) == ["shard-0", "shard-1", "shard-2"]
    # started once the article pages were written, beside the rest of the site
    assert THREADS == ["pagefind"] * 3
    assert bundles(site) == ["", "shard-1", "shard-2"]
    pagefind = site.output / "pagefind"
    assert (pagefind / "pagefind.js").is_file() and (pagefind / "pagefind-entry.json").is_file()
    for shard in ("shard-1", "shard-2"):  # the index alone: the primary bundle has the code
        names = set(search_files(site, shard))
        assert "pagefind-entry.json" in names and any(n.startswith("fragment/") for n in names)
        assert not any(n.endswith((".js", ".css", ".pagefind")) for n in names), sorted(names)
    assert build(site) == []  # nothing changed

    # a newest article: only the last shard
    before = {shard: search_files(site, shard) for shard in bundles(site)}
    listed = (pagefind / "shards.json").stat()
    write_article(site, 6)
    assert build(site) == ["shard-2"]
    assert search_files(site, "") == before[""]
    assert search_files(site, "shard-1") == before["shard-1"]
    assert search_files(site, "shard-2") != before["shard-2"]
    assert (pagefind / "shards.json").stat().st_mtime_ns == listed.st_mtime_ns
    assert_like_a_full_build(site, tmp_path / "after-adding")

    # an edited article: only its shard
    before = {shard: search_files(site, shard) for shard in bundles(site)}
    write_article(site, 3, "\nUne phrase ajoutée par la rédaction.\n")
    assert build(site) == ["shard-1"]
    assert search_files(site, "") == before[""]
    assert search_files(site, "shard-2") == before["shard-2"]
    assert_like_a_full_build(site, tmp_path / "after-editing")

    # the newest articles removed: their shard's bundle goes; article 4's page is written
    # again (it no longer links to a next article), but what Pagefind reads of it is the same
    before = {shard: search_files(site, shard) for shard in bundles(site)}
    fourth = (site.output / "articles" / "article-4.html").stat().st_mtime_ns
    for number in (5, 6):
        (site.content / "articles" / f"article-{number}.md").unlink()
    assert build(site) == []
    assert (site.output / "articles" / "article-4.html").stat().st_mtime_ns != fourth
    assert bundles(site) == ["", "shard-1"]
    assert not (pagefind / "shard-2").exists()
    assert search_files(site, "") == before[""]
    assert search_files(site, "shard-1") == before["shard-1"]
    assert_like_a_full_build(site, tmp_path / "after-removing")


def test_a_missing_bundle_or_record_indexes_its_shard_again(tmp_path):
    site = Site(tmp_path / "project")
    for number in range(1, 5):
        write_article(site, number)
    assert build(site) == ["shard-0", "shard-1"]
    shutil.rmtree(site.output / "pagefind" / "shard-1")
    (site.output / "pagefind" / "shard-7").mkdir()  # a shard the site does not have (any more)
    (site.output / "pagefind" / "shard-7" / "index").mkdir()
    assert build(site) == ["shard-1"]
    assert sorted(p.name for p in (site.output / "pagefind").glob("shard-*")) == ["shard-1"]
    for state in (site.root / ".pelican-cache").glob("search-shards-*.json"):
        state.unlink()
    assert build(site) == ["shard-0", "shard-1"]
    assert_like_a_full_build(site, tmp_path / "full")


def test_a_page_written_after_pagefind_started_has_its_shard_indexed_again(tmp_path):
    """Pelican writes the article pages before the pages, the entities and the timelines; were
    an article page written later (by a plugin), the bundle staged early would miss it: its
    shard is indexed again, in the build's own thread, and the index holds what the page
    holds."""
    from pelican import signals

    site = Site(tmp_path / "project")
    for number in range(1, 6):
        write_article(site, number)
    page = site.output / "articles" / "article-3.html"

    def write_late(generator, writer):
        for early in offline_search.glue._EARLY.values():
            early.thread.join()  # the shard is staged, then the page is written again
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace("devant la presse", "devant la presse zygomatique"))
        writer.build.changes.written.add("articles/article-3.html")

    signals.page_writer_finalized.connect(write_late)
    try:
        assert build(site) == ["shard-0", "shard-1", "shard-2", "shard-1"]
    finally:
        signals.page_writer_finalized.disconnect(write_late)
    assert THREADS == ["pagefind"] * 3 + ["MainThread"]
    fragments = (site.output / "pagefind" / "shard-1" / "fragment").glob("*.pf_fragment")
    texts = [gzip.decompress(path.read_bytes()).decode("utf-8", "replace") for path in fragments]
    assert sum("zygomatique" in text for text in texts) == 1
