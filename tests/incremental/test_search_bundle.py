"""The search bundle is synced into the site: only changed files copied, gone files removed."""

import os

from offline_search.bundle import files_under, index_only, sync_folder


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_sync_copies_only_what_differs_and_removes_what_is_gone(tmp_path):
    staging, bundle = tmp_path / "staging", tmp_path / "site" / "pagefind"
    same = write(bundle, "pagefind.js", "js")
    os.utime(same, ns=(1_000_000_000, 1_000_000_000))
    write(bundle, "index/old.pf_index", "old")
    write(bundle, "fragment/a.pf_fragment", "a1")
    write(staging, "pagefind.js", "js")
    write(staging, "fragment/a.pf_fragment", "a2")
    write(staging, "index/new.pf_index", "new")
    synced = sync_folder(staging, bundle)
    assert synced.copied == ["fragment/a.pf_fragment", "index/new.pf_index"]
    assert synced.removed == ["index/old.pf_index"]
    assert same.stat().st_mtime_ns == 1_000_000_000
    assert {p.relative_to(bundle).as_posix(): p.read_text() for p in bundle.rglob("*.*")} == {
        "pagefind.js": "js", "fragment/a.pf_fragment": "a2", "index/new.pf_index": "new",
    }  # fmt: skip


def test_sync_into_a_missing_folder_copies_everything(tmp_path):
    staging = tmp_path / "staging"
    write(staging, "a/b.txt", "b")
    synced = sync_folder(staging, tmp_path / "site" / "pagefind")
    assert synced.copied == ["a/b.txt"]
    assert (tmp_path / "site" / "pagefind" / "a" / "b.txt").read_text() == "b"


def test_empty_folders_left_by_the_sync_are_removed(tmp_path):
    staging, bundle = tmp_path / "staging", tmp_path / "pagefind"
    write(staging, "keep.js", "k")
    write(bundle, "old/deep/x.pf", "x")
    sync_folder(staging, bundle)
    assert sorted(p.name for p in bundle.iterdir()) == ["keep.js"]


def test_a_merged_shard_keeps_its_index_only():
    bundle = {
        "pagefind.js", "pagefind-ui.js", "pagefind-worker.js", "wasm.fr.pagefind",
        "pagefind-entry.json", "pagefind.fr_1.pf_meta", "index/fr_1.pf_index",
        "filter/fr_2.pf_filter", "fragment/fr_3.pf_fragment",
    }  # fmt: skip
    assert index_only(bundle) == {
        "pagefind-entry.json", "pagefind.fr_1.pf_meta", "index/fr_1.pf_index",
        "filter/fr_2.pf_filter", "fragment/fr_3.pf_fragment",
    }  # fmt: skip


def test_the_primary_bundle_sync_leaves_the_other_shards_alone(tmp_path):
    staging, target = tmp_path / "staging", tmp_path / "pagefind"
    for folder, name in ((staging, "pagefind.js"), (target, "old.pf_meta")):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(name, encoding="utf-8")
    (target / "shard-1").mkdir()
    (target / "shard-1" / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    (target / "shards.json").write_text("{}", encoding="utf-8")
    synced = sync_folder(staging, target, kept=("shard-*", "shards.json"))
    assert synced.removed == ["old.pf_meta"]
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*.*")) == [
        "pagefind.js", "shard-1/pagefind-entry.json", "shards.json",
    ]  # fmt: skip


def test_sync_can_move_the_files_of_a_staging_folder(tmp_path):
    staging, bundle = tmp_path / "staging", tmp_path / "site" / "pagefind"
    write(bundle, "pagefind.js", "js")
    write(staging, "pagefind.js", "js")
    write(staging, "index/new.pf_index", "new")
    synced = sync_folder(staging, bundle, move=True)
    assert synced.copied == ["index/new.pf_index"]
    assert (bundle / "index" / "new.pf_index").read_text() == "new"
    assert not (staging / "index" / "new.pf_index").exists()  # moved, not copied
    assert (staging / "pagefind.js").exists()  # the same bytes: left where it was


def test_the_files_under_a_folder_are_listed_as_rglob_lists_them(tmp_path):
    bundle = tmp_path / "pagefind"
    for name in ("pagefind.js", "index/a.pf_index", "fragment/deep/b.pf_fragment", "empty/.x"):
        write(bundle, name, name)
    (bundle / "empty" / ".x").unlink()
    outside = write(tmp_path / "elsewhere", "c.txt", "c")
    (bundle / "linked.txt").symlink_to(outside)  # a link to a file: listed
    (bundle / "linked-folder").symlink_to(outside.parent)  # a link to a folder: not entered
    (bundle / "broken").symlink_to(tmp_path / "missing")
    expected = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}
    assert files_under(bundle) == expected == {
        "pagefind.js", "index/a.pf_index", "fragment/deep/b.pf_fragment", "linked.txt",
    }  # fmt: skip
    assert files_under(tmp_path / "missing") == set()
    assert files_under(outside) == set()  # a file, not a folder
