"""The keyed writer on its own (Pelican's Writer, no site): what it renders, writes and removes."""

import datetime as dt
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from incremental.glue import check_reader_cache, finish, make_writer, write_output
from pelican import signals
from pelican.settings import read_settings
from pelican.writers import FileOverwriteFailedError


class Template:
    """A template that prints its data and counts its renders."""

    name = "page.html"

    def __init__(self):
        self.renders = []

    def render(self, context):
        self.renders.append(context["output_file"])
        shown = [getattr(o, "text", o) for o in context.get("items", [])]
        page = context.get("items_page")
        listed = [o.text for o in page.object_list] if page else []
        return f"{context.get('title')}|{shown}|{listed}"


class Item:
    def __init__(self, text, render_key=None):
        self.text = text
        if render_key is not None:
            self.render_key = render_key


class Entry:
    """What a feed lists: Pelican's writer reads these attributes."""

    def __init__(self, title, render_key):
        self.title, self.render_key = title, render_key
        self.url, self.summary = f"articles/{title}.html", title
        self.date = dt.datetime(2023, 9, 13, tzinfo=dt.UTC)

    def get_content(self, site_url):
        return f"<p>{self.title}</p>"


@pytest.fixture
def settings(tmp_path):
    (tmp_path / "theme" / "templates").mkdir(parents=True)
    return read_settings(
        None,
        override={
            "OUTPUT_PATH": str(tmp_path / "output"), "CACHE_PATH": str(tmp_path / "cache"),
            "THEME": str(tmp_path / "theme"), "PLUGIN_PATHS": [], "DEFAULT_PAGINATION": 2,
            "RELATIVE_URLS": True, "LOAD_CONTENT_CACHE": True,
        },
    )  # fmt: skip


def build(settings, write):
    """One run: a writer from the plugin, ``write(writer)``, then the end of the build."""
    pelican = SimpleNamespace(settings=settings)
    writer = make_writer(pelican)(settings["OUTPUT_PATH"], settings=settings)
    write(writer)
    finish(pelican)
    return pelican.output_changes


def stamp(path: Path):
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_ino


SITE = {"RENDER_SITE_KEY": "site-1", "SITEURL": ""}


def test_a_page_with_an_unchanged_key_is_neither_rendered_nor_written(settings):
    template = Template()
    page = Path(settings["OUTPUT_PATH"]) / "a" / "x.html"
    first = build(settings, lambda w: w.write_file("a/x.html", template, dict(SITE), title="T"))
    assert first.written == {"a/x.html"}
    before = stamp(page)
    again = build(settings, lambda w: w.write_file("a/x.html", template, dict(SITE), title="T"))
    assert (again.written, again.unchanged) == (set(), {"a/x.html"})
    assert template.renders == ["a/x.html"]
    assert stamp(page) == before


def test_other_data_renders_again_and_writes_only_new_bytes(settings):
    template = Template()
    page = Path(settings["OUTPUT_PATH"]) / "x.html"
    build(settings, lambda w: w.write_file("x.html", template, dict(SITE), title="T"))
    before = stamp(page)
    # another site key: rendered, but the bytes are the same: the file is kept as it is
    other_site = {**SITE, "RENDER_SITE_KEY": "site-2"}
    kept = build(settings, lambda w: w.write_file("x.html", template, other_site, title="T"))
    assert (kept.written, len(template.renders)) == (set(), 2)
    assert stamp(page) == before
    changed = build(settings, lambda w: w.write_file("x.html", template, other_site, title="U"))
    assert (changed.written, len(template.renders)) == ({"x.html"}, 3)
    assert page.read_text(encoding="utf-8").startswith("U|")


@pytest.mark.parametrize(
    ("context", "items", "renders"),
    [
        (SITE, [Item("a", render_key="k-a")], 1),  # keyed: rendered once
        (SITE, [Item("a")], 2),  # no render_key: unknown, rendered each time
        ({"SITEURL": ""}, [Item("a", render_key="k-a")], 2),  # no RENDER_SITE_KEY: no key
    ],
)
def test_only_data_with_a_fingerprint_skips_the_render(settings, context, items, renders):
    template = Template()
    for _ in range(2):
        changes = build(
            settings, lambda w: w.write_file("x.html", template, dict(context), items=items)
        )
        assert changes.produced == {"x.html"}
    assert len(template.renders) == renders
    assert changes.written == set()


def test_a_file_changed_by_hand_is_rendered_again(settings):
    template = Template()
    page = Path(settings["OUTPUT_PATH"]) / "x.html"
    write = lambda w: w.write_file("x.html", template, dict(SITE), title="T")  # noqa: E731
    build(settings, write)
    page.write_text("edited by hand", encoding="utf-8")
    assert build(settings, write).written == {"x.html"}
    assert page.read_text(encoding="utf-8").startswith("T|")
    page.unlink()
    assert build(settings, write).written == {"x.html"}
    assert len(template.renders) == 3


def test_pages_no_longer_written_are_removed_and_nothing_else(settings):
    template = Template()
    output = Path(settings["OUTPUT_PATH"])

    def both(writer):
        writer.write_file("entities/people/a.html", template, dict(SITE), title="A")
        writer.write_file("b.html", template, dict(SITE), title="B")

    build(settings, both)
    for name in ("notes.txt", "pagefind/pagefind.js"):  # not the writer's
        (output / name).parent.mkdir(exist_ok=True)
        (output / name).write_text("mine", encoding="utf-8")
        os.utime(output / name, ns=(10**18, 10**18))  # put there before the build (2001)
    changes = build(settings, lambda w: w.write_file("b.html", template, dict(SITE), title="B"))
    assert changes.removed == {"entities/people/a.html"}
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*")) == [
        "b.html", "notes.txt", "pagefind", "pagefind/pagefind.js",
    ]  # fmt: skip


def test_pelican_still_refuses_to_write_a_file_twice(settings):
    template = Template()

    def twice(writer):
        writer.write_file("x.html", template, dict(SITE), title="T")
        writer.write_file("x.html", template, dict(SITE), title="T")

    with pytest.raises(FileOverwriteFailedError):
        build(settings, twice)


def test_signals_are_sent_for_files_actually_written(settings):
    sent = []

    def content_written(path, context):
        sent.append(("page", Path(path).name))

    def feed_written(path, context, feed):
        sent.append(("feed", Path(path).name))

    signals.content_written.connect(content_written)
    signals.feed_written.connect(feed_written)
    template = Template()
    entries = [Entry("a", "k-a"), Entry("b", "k-b")]

    def write(writer):
        writer.write_file("x.html", template, dict(SITE), title="T")
        writer.write_feed(entries, dict(SITE, SITENAME="S", FEED_DOMAIN=""), "feeds/x.atom.xml")

    try:
        build(settings, write)
        assert sent == [("page", "x.html"), ("feed", "x.atom.xml")]
        again = build(settings, write)
        assert sent == [("page", "x.html"), ("feed", "x.atom.xml")]
        assert again.unchanged == {"x.html", "feeds/x.atom.xml"}
        entries[1] = Entry("c", "k-c")
        assert build(settings, write).written == {"feeds/x.atom.xml"}
    finally:
        signals.content_written.disconnect(content_written)
        signals.feed_written.disconnect(feed_written)
    feed = (Path(settings["OUTPUT_PATH"]) / "feeds" / "x.atom.xml").read_text(encoding="utf-8")
    assert "<title>c</title>" in feed and "<title>b</title>" not in feed


def test_a_new_item_rewrites_only_the_pages_whose_bytes_change(settings):
    template = Template()
    output = Path(settings["OUTPUT_PATH"])
    items = [Item(f"i{n}", render_key=f"k{n}") for n in range(4)]

    def listing(writer):
        writer.write_file(
            "index.html", template, dict(SITE), paginated={"items": list(items)},
            template_name="index", url="index.html",
        )  # fmt: skip

    first = build(settings, listing)
    assert first.written == {"index.html", "index2.html"}
    before = stamp(output / "index.html")
    items[3] = Item("changed", render_key="k-changed")  # on the second page
    again = build(settings, listing)
    assert again.written == {"index2.html"}
    assert stamp(output / "index.html") == before
    assert "changed" in (output / "index2.html").read_text(encoding="utf-8")


def test_the_reader_cache_is_emptied_when_the_settings_change(settings):
    cache = Path(settings["CACHE_PATH"])
    readers = cache / "ArticlesGenerator-Readers"

    def run():
        cache.mkdir(exist_ok=True)
        readers.write_bytes(b"cached")
        check_reader_cache(SimpleNamespace(settings=settings))
        return readers.exists()

    assert run() is False  # no stamp yet: the cache may come from other settings
    assert run() is True
    settings["SITENAME"] = "Another name"
    assert run() is False
    assert os.listdir(cache) == ["reader-cache-stamp"]


def test_files_plugins_write_themselves_are_removed_once_no_build_writes_them(settings):
    template = Template()
    output = Path(settings["OUTPUT_PATH"])

    def with_exports(writer):
        writer.write_file("x.html", template, dict(SITE), title="T")
        (output / "exports").mkdir(exist_ok=True)
        (output / "exports" / "direct.json").write_text("{}", encoding="utf-8")
        write_output(settings, "exports/through-the-plugin.json", "[]")

    first = build(settings, with_exports)
    assert first.others == {"exports/direct.json"}
    assert first.written == {"x.html", "exports/through-the-plugin.json"}
    again = build(settings, with_exports)
    assert again.written == set()  # write_output compared the bytes; the direct write is new
    assert again.others == {"exports/direct.json"}
    gone = build(settings, lambda w: w.write_file("x.html", template, dict(SITE), title="T"))
    assert gone.removed == {"exports/direct.json", "exports/through-the-plugin.json"}
    assert sorted(p.name for p in output.iterdir()) == ["x.html"]


def test_a_folder_is_made_once_and_again_if_it_went_during_the_build(settings, monkeypatch):
    made = []
    real = os.makedirs
    monkeypatch.setattr(os, "makedirs", lambda *a, **k: made.append(a[0]) or real(*a, **k))
    template = Template()
    output = Path(settings["OUTPUT_PATH"])

    def write(writer):
        for name in ("a/x.html", "a/y.html", "b/z.html", "a/w.html"):
            writer.write_file(name, template, dict(SITE), title=name)
            if name == "b/z.html":  # its folder is removed before the next file goes there
                for page in (output / "a").iterdir():
                    page.unlink()
                (output / "a").rmdir()

    changes = build(settings, write)
    assert changes.written == {"a/x.html", "a/y.html", "b/z.html", "a/w.html"}
    assert (output / "a" / "w.html").read_text() == "a/w.html|[]|[]"
    made = [Path(folder).name for folder in made if Path(folder).parent == output]
    assert made == ["a", "b", "a"]
