"""Which bundles staged by the early Pagefind run a build installs, and what it does with a
failure in that run's thread."""

from __future__ import annotations

import gc
import os
import threading

import pytest
from offline_search import glue

SHARDS = [("a.html", "b.html"), ("c.html",)]
STAGED = {0: {"a.html": "1", "b.html": "2"}, 1: {"c.html": "3"}}


class Finished:
    """An early run whose thread is done, over pages in ``output``."""

    def __init__(self, shards, output):
        self.shards, self.output, self.staged = shards, output, STAGED
        self.stamps = {name: glue.page_stamp(output, name) for pages in shards for name in pages}

    def finish(self):
        return self.staged


@pytest.fixture
def output(tmp_path):
    for name in ("a.html", "b.html", "c.html"):
        (tmp_path / name).write_text(f"<p>{name}</p>", encoding="utf-8")
    return tmp_path


def test_bundles_staged_early_are_installed_when_no_page_was_written_since(output):
    assert glue.usable(Finished(SHARDS, output), SHARDS) == STAGED
    assert glue.usable(None, SHARDS) == {}


def test_a_page_written_again_leaves_its_shard_to_be_indexed_again(output):
    early = Finished(SHARDS, output)
    page = output / "c.html"
    stat = page.stat()
    page.write_text("<p>C.HTML</p>", encoding="utf-8")  # same size, same time
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert page.stat().st_size == stat.st_size
    assert glue.usable(early, SHARDS) == STAGED  # the same file, as far as can be told
    other = output / "c.tmp"
    other.write_text("<p>C.HTML</p>", encoding="utf-8")
    os.utime(other, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    other.replace(page)  # another file in its place
    assert glue.usable(early, SHARDS) == {0: STAGED[0]}
    (output / "a.html").write_text("<p>longer</p>", encoding="utf-8")
    assert glue.usable(early, SHARDS) == {}


def test_bundles_staged_for_other_shards_are_not_used(output):
    early = Finished([("a.html",), ("b.html", "c.html")], output)
    assert glue.usable(early, SHARDS) == {}


def test_a_failure_in_the_early_run_is_raised_in_the_build(tmp_path, monkeypatch):
    def broken(*args):
        raise OSError("No space left on device")

    monkeypatch.setattr(glue, "prepare_shard", broken)
    early = glue.EarlyRun(SHARDS, [0, 1], tmp_path, tmp_path / "staging", "fr")
    with pytest.raises(OSError, match="No space left"):
        early.finish()
    assert early.staged == {}


def test_the_early_run_keeps_off_one_core_and_leaves_the_build_its_own():
    cores = os.sched_getaffinity(0)
    seen = {}

    def run():
        glue.leave_one_core()
        seen["cores"] = os.sched_getaffinity(0)  # the calling thread's

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert seen["cores"] == (set(sorted(cores)[1:]) if len(cores) > 1 else cores)
    assert os.sched_getaffinity(0) == cores


def test_a_build_is_remembered_for_its_early_run_but_not_kept_alive(tmp_path):
    class Build:
        def __init__(self, output):
            self.settings = {"OUTPUT_PATH": str(output)}

    build = Build(tmp_path / "output")
    glue.check_settings(build)
    key = str((tmp_path / "output").resolve())
    assert glue._PELICANS[key] is build
    del build
    gc.collect()
    assert key not in glue._PELICANS
