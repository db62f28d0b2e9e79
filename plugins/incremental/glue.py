"""Pelican glue: a writer that renders and writes only what changed, and removes stale files.

- ``get_writer``: ``KeyedWriter`` replaces Pelican's ``Writer``. Each file it would write (each
  page of a paginated template, each feed) gets a key (``fingerprint.page_key``). A key equal
  to the one the manifest recorded, for a file still of the recorded size and time: the file is
  neither rendered nor written. Otherwise it is rendered, and written only when its bytes differ
  from the file already there (an unchanged file keeps its time). ``content_written`` and
  ``feed_written`` are sent only for files actually written; a skipped feed is not generated
  (``write_feed`` returns None for it, and ``feed_generated`` is not sent).
- ``static_generator_init``: the theme's static files are copied only when their bytes differ
  (Pelican copies them on every build).
- ``finalized``: the files the last build wrote that this one did not produce are removed
  (then the folders left empty), never anything outside the output folder, what the static
  copy produced, nor ``pagefind/``; the manifest is saved.
- ``initialized``: Pelican's reader cache is emptied when the settings or the plugins' code
  changed since it was filled (Pelican itself checks only each source file's stamp).

What this build did is ``pelican.output_changes`` (a ``manifest.BuildChanges``: ``written``,
``unchanged``, ``removed``, names relative to the output folder, ``finished`` once stale files
are removed): the search index reads it to skip Pagefind when no article page changed. Plugins
that write files themselves should call ``write_output`` so that those files are kept,
compared and removed like the others.

Keys skip renders only with help from the site model: the context's ``RENDER_SITE_KEY`` (a
string covering what every page shows: navigation, lists in ``context``) and a ``render_key``
string on each object given to a template (article, page, entity view...). Without
``RENDER_SITE_KEY`` in the context no page has a key: every page is rendered and compared.
"""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import os
import shutil
import time
import weakref
from collections.abc import Callable
from pathlib import Path

import jinja2
import markdown
import pelican as pelican_package
from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from .feeds import FeedItems
from .fingerprint import files_digest, page_key, settings_digest
from .manifest import (
    BuildChanges,
    Entry,
    load_manifest,
    manifest_path,
    remove_files,
    save_manifest,
    stale_files,
)

logger = logging.getLogger(__name__)

_NOT_PLAIN = ("/./", "/../", "//", "\\")  # a path with one of these is normalised first
PAGEFIND_FOLDER = "pagefind"  # synced by the search index, never removed here
READER_STAMP = "reader-cache-stamp"
# The builds under way, by output folder: the static generator finds its build here.
_BUILDS: weakref.WeakValueDictionary[str, Build] = weakref.WeakValueDictionary()


def code_digest(settings: dict) -> str:
    """The plugins' code and the versions of what renders: a change renders every page."""
    versions = f"{pelican_package.__version__} {jinja2.__version__} {markdown.__version__}"
    plugins = files_digest([Path(p) for p in settings.get("PLUGIN_PATHS", [])], (".py",))
    return hashlib.sha256(f"{versions} {plugins}".encode()).hexdigest()


def build_digest(settings: dict) -> str:
    """Everything every page depends on but its data: theme templates and catalogs (all of
    them), the settings, the code."""
    theme = Path(settings["THEME"])
    extra = [Path(p) for p in settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    templates = files_digest([theme / "templates", theme / "translations", *extra])
    parts = [templates, settings_digest(settings), code_digest(settings)]
    return hashlib.sha256(" ".join(parts).encode()).hexdigest()


class Build:
    """One run's bookkeeping: the last manifest, the entries of this one, what changed."""

    def __init__(self, settings: dict) -> None:
        self.output = Path(settings["OUTPUT_PATH"]).resolve()
        self.manifest = manifest_path(Path(settings["CACHE_PATH"]), self.output)
        self.last, why = load_manifest(self.manifest, self.output)
        if why:
            logger.info("incremental: %s; every file is rendered", why)
        self.entries: dict[str, Entry] = {}
        self.protected: set[str] = set()  # Pelican's static copy: never stale
        self.changes = BuildChanges()
        self.feed_items = FeedItems()  # an article's feed entry, made once for every feed
        self.folders: set[str] = set()  # made (or found) by this build: not asked for again
        self.digest = build_digest(settings)
        self.started_ns = time.time_ns()
        self._prefix = str(self.output).rstrip(os.sep) + os.sep

    def name_of(self, path: str | Path) -> str:
        """``path``'s name in the output folder, with ``/`` (a plain path below it is cut as a
        string; any other is worked out)."""
        text = os.fspath(path)
        prefix = self._prefix
        plain = not text.endswith(("/.", "/..")) and not any(part in text for part in _NOT_PLAIN)
        if plain and text.startswith(prefix):
            return text[len(prefix) :]
        return Path(os.path.relpath(os.path.abspath(path), self.output)).as_posix()

    def emit(self, path: str, key: str | None, render) -> bool:
        """Write ``render()`` (bytes) at ``path`` unless unchanged; whether it was written."""
        name = self.name_of(path)
        last = self.last.get(name)
        if key is not None and last is not None and last.key == key and last.matches(path):
            self.entries[name] = last
            self.changes.unchanged.add(name)
            logger.debug("incremental: %s unchanged, not rendered", name)
            return False
        data = render()
        target = Path(path)
        if same_bytes(target, data):
            self.changes.unchanged.add(name)
            written = False
        else:
            self._write_bytes(path, data)
            self.changes.written.add(name)
            self.changes.unchanged.discard(name)
            logger.info('Writing "%s"', path)
            written = True
        self.entries[name] = Entry.of(target, key)
        return written

    def _write_bytes(self, path: str, data: bytes) -> None:
        """``data`` at ``path``, its folder made once per build (a site writes thousands of
        files into a few folders), and again if it was removed since."""
        folder = os.path.dirname(path)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        try:
            stream = open(path, "wb")  # noqa: SIM115 (closed below)
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
            stream = open(path, "wb")  # noqa: SIM115
        with stream:
            stream.write(data)

    def keep(self, names: list[str]) -> bool:
        """Count files of the last build as produced by this one, unrendered and unwritten
        (their maker knows nothing changed); False, keeping none, when one is not as the last
        build left it."""
        last = [self.last.get(name) for name in names]
        if not all(
            e is not None and e.matches(self._prefix + n) for n, e in zip(names, last, strict=True)
        ):
            return False
        for name, entry in zip(names, last, strict=True):
            self.entries[name] = entry
            self.changes.unchanged.add(name)
        return True

    def finish(self, retention: tuple[str, ...] = ()) -> None:
        """Count what other plugins wrote, remove the stale files, save the manifest."""
        self.adopt_others(retention)
        produced = self.changes.produced | self.protected
        stale = stale_files(self.last, produced, kept=(PAGEFIND_FOLDER,))
        self.changes.removed = set(remove_files(self.output, stale))
        for name in sorted(self.changes.removed):
            logger.info("incremental: removed %s (no longer part of the site)", name)
        save_manifest(self.manifest, self.output, self.entries)
        self.changes.finished = True
        logger.info(
            "incremental: %d file(s) written, %d unchanged, %d removed, %d written by plugins",
            len(self.changes.written), len(self.changes.unchanged), len(self.changes.removed),
            len(self.changes.others),
        )  # fmt: skip

    def adopt_others(self, retention: tuple[str, ...]) -> None:
        """Files other plugins wrote themselves during this build (a JSON export): recorded
        like the writer's, so that they are removed once no build writes them."""
        known = self.changes.produced | self.protected
        since = self.started_ns - 20_000_000  # file times may be coarser than the clock
        for folder, subfolders, files in os.walk(self.output):
            below = os.path.relpath(folder, self.output).replace(os.sep, "/")
            if Path(folder) == self.output:
                subfolders[:] = [s for s in subfolders if s not in (PAGEFIND_FOLDER, *retention)]
                files = [f for f in files if f not in retention]
            for file in files:
                path = Path(folder, file)
                name = file if below == "." else f"{below}/{file}"
                if name in known:
                    continue
                last = self.last.get(name)
                try:
                    fresh = path.stat().st_mtime_ns >= since
                except OSError:
                    continue
                if fresh and not (last and last.matches(path)):
                    self.entries[name] = Entry.of(path, None)
                    self.changes.others.add(name)


def output_intact(settings: dict) -> bool:
    """Whether the last build left a manifest and every file it lists is still as it was."""
    output = Path(settings["OUTPUT_PATH"]).resolve()
    last, why = load_manifest(manifest_path(Path(settings["CACHE_PATH"]), output), output)
    return why is None and all(entry.matches(output / name) for name, entry in last.items())


def same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_output(
    settings: dict,
    name: str,
    text: str | Callable[[], str | bytes],
    data_key: object = None,
) -> bool:
    """For plugins that write a file themselves (a JSON export): write ``text`` at ``name`` in the
    output folder only if its bytes differ, and count it as produced by this build (it is
    removed once no build writes it). ``text`` may be a function, called only when the file must
    be made, that gives the text or its UTF-8 bytes: with ``data_key`` (plain data or objects
    with a ``render_key``, as for pages) equal to the last build's, it is not called at all.
    Whether the file was written."""
    path = sanitised_join(settings["OUTPUT_PATH"], name)
    build = _BUILDS.get(str(Path(settings["OUTPUT_PATH"]).resolve()))

    def render() -> bytes:
        made = text() if callable(text) else text
        return made if type(made) is bytes else made.encode("utf-8")

    if build is None:  # this plugin is not enabled: a plain write
        data = render()
        if same_bytes(Path(path), data):
            return False
        os.makedirs(os.path.dirname(path), exist_ok=True)
        Path(path).write_bytes(data)
        return True
    key = None if data_key is None else page_key(name, build.digest, "", data_key)
    return build.emit(path, key, render)


class KeyedWriter(Writer):
    """Pelican's Writer, rendering and writing only what changed (see the module doc)."""

    build: Build  # set on the subclass made for each run

    def _claim(self, filename: str, override: bool) -> bool:
        """Pelican's bookkeeping of ``_open_w``: False when an earlier write overrode this file."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', filename)
            return False
        if filename in self._written_files:
            if not override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" as Pelican has already written to it '
                    "previously (set `override=True` if intended)"
                )
            logger.info('Overwriting "%s"', filename)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return True

    def _key(self, context: dict, name: str, data: dict) -> str | None:
        if "RENDER_SITE_KEY" not in context:
            return None
        return page_key(name, self.build.digest, str(context["RENDER_SITE_KEY"]), data)

    def write_feed(
        self,
        elements,
        context,
        path=None,
        url=None,
        feed_type="atom",
        override_output=False,
        feed_title=None,
    ):
        if not path:
            return super().write_feed(
                elements, context, path, url, feed_type, override_output, feed_title
            )
        complete_path = sanitised_join(self.output_path, path)
        if not self._claim(complete_path, override_output):
            return None
        shown = list(elements[: self.settings["FEED_MAX_ITEMS"]])
        data = {
            "feed": shown, "path": path, "url": url, "type": feed_type, "title": feed_title,
            "site": [context.get(k) for k in ("SITEURL", "FEED_DOMAIN", "SITENAME",
                                              "SITESUBTITLE")],
        }  # fmt: skip
        made = {}

        def render() -> bytes:
            self.site_url = context.get("SITEURL", path_to_url(get_relative_path(path)))
            self.feed_domain = context.get("FEED_DOMAIN")
            self.feed_url = self.urljoiner(self.feed_domain, url or path)
            feed = made["feed"] = self._create_new_feed(feed_type, feed_title, context)
            items, key = self.build.feed_items, (self.site_url,)
            for element in shown:
                items.add(
                    feed,
                    element,
                    key,
                    lambda scratch, e=element: self._add_item_to_the_feed(scratch, e),
                )
            signals.feed_generated.send(context, feed=feed)
            return items.write(feed, "utf-8").encode("utf-8")

        if self.build.emit(complete_path, self._key(context, path, data), render):
            signals.feed_written.send(complete_path, context=context, feed=made["feed"])
        return made.get("feed")

    def write_file(  # Pelican's signature
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        if not name:
            return
        shared = {
            "template": getattr(template, "name", None), "relative_urls": relative_urls,
            "template_name": template_name, "override": override_output, "url": url,
        }  # fmt: skip
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in {"articles", "dates"}}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            localcontext = self._localcontext(context, name, kwargs, relative_urls)
            data = {**shared, "kwargs": kwargs}
            self._write_page(template, context, localcontext, name, override_output, data)
            return
        per_page = (
            self.settings["PAGINATED_TEMPLATES"][template_name]
            or self.settings["DEFAULT_PAGINATION"]
        )
        paginators = {
            key: Paginator(name, url, val, self.settings, per_page)
            for key, val in paginated.items()
        }
        for page_num in range(next(iter(paginators.values())).num_pages):
            paginated_kwargs = kwargs.copy()
            pages = {}
            for key, paginator in paginators.items():
                previous_page = paginator.page(page_num) if page_num > 0 else None
                page = paginator.page(page_num + 1)
                next_page = (
                    paginator.page(page_num + 2) if page_num + 1 < paginator.num_pages else None
                )
                paginated_kwargs.update(
                    {
                        f"{key}_paginator": paginator,
                        f"{key}_page": page,
                        f"{key}_previous_page": previous_page,
                        f"{key}_next_page": next_page,
                    }
                )
                pages[key] = page_data(paginator, page, previous_page, next_page)
            localcontext = self._localcontext(
                context, page.save_as, paginated_kwargs, relative_urls
            )
            data = {**shared, "kwargs": kwargs, "pages": pages}
            self._write_page(template, context, localcontext, page.save_as, override_output, data)

    @staticmethod
    def _localcontext(context, name, kwargs, relative_urls) -> dict:
        localcontext = context.copy()
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            localcontext["SITEURL"] = relative_url
            localcontext["localsiteurl"] = relative_url
        localcontext["output_file"] = name
        localcontext.update(kwargs)
        return localcontext

    def _write_page(self, template, context, localcontext, name, override, data) -> None:
        # as Pelican does before rendering: later renders of content links depend on it
        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]
        path = sanitised_join(self.output_path, name)
        if not self._claim(path, override):
            return
        key = self._key(context, name, data)
        if self.build.emit(path, key, lambda: template.render(localcontext).encode("utf-8")):
            signals.content_written.send(path, context=localcontext)


def page_data(paginator, page, previous_page, next_page) -> dict:
    """What one page of a paginated listing shows beyond the template's arguments."""
    return {
        "objects": list(page.object_list),
        "number": page.number,
        "pages": paginator.num_pages,
        "count": paginator.count,
        "per_page": paginator.per_page,
        "previous": previous_page.url if previous_page else None,
        "next": next_page.url if next_page else None,
        "first": paginator.page(1).url,
        "last": paginator.page(paginator.num_pages).url,
    }


def make_writer(pelican) -> type[Writer]:
    """On ``get_writer``: a new run, a new build; its writer class."""
    build = Build(pelican.settings)
    _BUILDS[str(build.output)] = build
    pelican.incremental_build = build
    pelican.output_changes = build.changes
    return type("KeyedWriter", (KeyedWriter,), {"build": build})


def finish(pelican) -> None:
    build = getattr(pelican, "incremental_build", None)
    if build is not None and not build.changes.finished:
        build.finish(tuple(pelican.settings.get("OUTPUT_RETENTION", ())))


def copy_if_changed(source: Path, target: Path, build: Build | None) -> None:
    if not same_bytes(target, source.read_bytes()):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        logger.info("Copying %s to %s", source, target)
        if build:
            build.changes.written.add(build.name_of(target))
    elif build:
        build.changes.unchanged.add(build.name_of(target))
    if build:
        build.entries[build.name_of(target)] = Entry.of(target, None)


def keep_theme_copy(generator) -> None:
    """On ``static_generator_init``: copy the theme's static files only when their bytes differ,
    record them as produced; protect what Pelican's static copy writes."""
    ignores = generator.settings["IGNORE_FILES"]
    output = str(Path(generator.output_path).resolve())

    def copy_paths(paths, source, destination, output_path, final_path=None):
        build = _BUILDS.get(output)
        for path in paths:
            source_path = Path(source, path)
            if final_path:
                target = Path(output_path, destination, final_path)
                if source_path.is_file():
                    target = target / source_path.name
            else:
                target = Path(output_path, destination, path)
            if source_path.is_file():
                copy_if_changed(source_path, target, build)
                continue
            for folder, subfolders, files in os.walk(source_path, followlinks=True):
                subfolders[:] = [s for s in subfolders if not ignored(s, ignores)]
                for file in files:
                    if not ignored(file, ignores):
                        relative = Path(folder, file).relative_to(source_path)
                        copy_if_changed(Path(folder, file), target / relative, build)

    original_output = generator.generate_output

    def generate_output(writer):
        original_output(writer)
        build = _BUILDS.get(output)
        if build:
            build.protected.update(sc.save_as for sc in generator.context.get("staticfiles", []))

    generator._copy_paths = copy_paths
    generator.generate_output = generate_output


def ignored(name: str, ignores) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in ignores)


def check_reader_cache(pelican) -> None:
    """On ``initialized``: empty Pelican's reader cache when the settings or the code changed."""
    settings = pelican.settings
    if not settings.get("LOAD_CONTENT_CACHE"):
        return
    cache = Path(settings["CACHE_PATH"])
    stamp = hashlib.sha256((settings_digest(settings) + code_digest(settings)).encode()).hexdigest()
    stamp_file = cache / READER_STAMP
    try:
        if stamp_file.read_text(encoding="utf-8") == stamp:
            return
    except OSError:
        pass
    for old in cache.glob("*-Readers"):
        logger.info("incremental: settings or code changed; reader cache %s emptied", old.name)
        old.unlink()
    cache.mkdir(parents=True, exist_ok=True)
    stamp_file.write_text(stamp, encoding="utf-8")


def register() -> None:
    signals.initialized.connect(check_reader_cache)
    signals.get_writer.connect(make_writer)
    signals.static_generator_init.connect(keep_theme_copy)
    # before the search index (listed after this plugin), which reads what changed
    signals.finalized.connect(finish)
