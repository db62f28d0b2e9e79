"""Index the article pages with Pagefind, so that search works on any static host, offline.

Pagefind's PyPI wheel ships its binary: nothing is downloaded at build time. Only what the
theme marks with ``data-pagefind-body`` (articles) is indexed; filters come from
``data-pagefind-filter`` attributes (entities, language, source, year). Pagefind is given only
the article pages to read: listing and entity pages hold nothing to index.

The index is cut into shards of ``SEARCH_SHARD_SIZE`` articles numbered from the oldest
(``shards``): the articles come from Pelican's ArticlesGenerator
(``article_generator_finalized``). Once it has written the article pages
(``article_writer_finalized``), each shard that must be indexed again (one of its pages written,
by ``pelican.output_changes`` of the incremental plugin, and what Pagefind reads of it changed;
other articles; no bundle) gets its own Pagefind run, in a thread (``EarlyRun``), while Pelican
renders the rest of the site: over a staging folder in ``CACHE_PATH`` holding only its pages
(hard links), into a staging bundle. The thread and the Pagefind processes it starts keep off
one core (``leave_one_core``): Pelican's own thread has it to itself. At the end of the build
(``finalized``), with every page written or removed, the shards to index again are known for
sure: one whose page was written again after it was staged, or one the early run did not index,
is indexed then; each staged bundle is synced (``bundle.sync_folder``: only files whose bytes
differ are copied) into ``output/pagefind/`` (shard 0, with Pagefind's JavaScript) or
``output/pagefind/shard-<k>/`` (the index only). Bundles of shards that no longer exist are
removed; ``pagefind/shards.json`` lists the others for the search page (``site.js`` merges them
with ``mergeIndex``); what each shard held when last indexed (its pages and the digests of what
Pagefind read of them) is kept in ``CACHE_PATH``. One Pagefind process at a time, over at most
``SEARCH_SHARD_SIZE`` pages: its memory does not grow with the site.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import shutil
import subprocess
import sys
import threading
import weakref
from importlib import metadata
from pathlib import Path

from pelican import signals

from .bundle import files_under, index_only, sync_folder
from .settings import search_settings
from .shards import (
    SHARD_PREFIX,
    SHARDS_FILE,
    IndexedArticle,
    Shard,
    bundle_folder,
    changed_pages,
    cut_shards,
    indexed_digest,
    load_state,
    save_state,
    shard_number,
    shards_manifest,
    shards_to_index,
    stale_shards,
)

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"  # the folder of the index in the site
ENTRY = "pagefind-entry.json"  # what every bundle has
# The articles of the builds under way, by output folder (from article_generator_finalized).
_ARTICLES: dict[str, list[IndexedArticle]] = {}
# The builds (from initialized; not kept alive once their caller lets them go) and their
# Pagefind runs under way, by output folder.
_PELICANS: weakref.WeakValueDictionary[str, object] = weakref.WeakValueDictionary()
_EARLY: dict[str, EarlyRun] = {}


def pagefind_command(
    site_path: str, language: str, bundle_path: str, glob: str = "**/*.html"
) -> list[str]:
    """Pagefind (``pagefind_runner``) with its options (``pagefind_options``)."""
    return [*pagefind_runner(), *pagefind_options(site_path, language, bundle_path, glob)]


def pagefind_options(
    site_path: str, language: str, bundle_path: str, glob: str = "**/*.html"
) -> list[str]:
    """One language for every shard: Pagefind would otherwise split an index by
    ``<html lang>``, and a French search page would never find an English article; and merged
    indexes are searched with the primary bundle's language module. ``bundle_path``: where
    Pagefind writes the index."""
    return [
        "--site", site_path, "--glob", glob,
        "--force-language", language, "--silent", "--output-path", bundle_path,
    ]  # fmt: skip


def pagefind_runner() -> list[str]:
    """Pagefind's binary, found where ``python -m pagefind`` looks for it
    (``PAGEFIND_BINARY_PATH``, then the ``pagefind_bin_extended`` and ``pagefind_bin`` wheels);
    else ``python -m pagefind`` itself, which looks on the ``PATH`` too. Started directly, each
    run saves the 0.05 s of CPU a Python takes to start and find it."""
    named = os.environ.get("PAGEFIND_BINARY_PATH")
    if named:
        return [named]
    for wheel in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            return [str(importlib.import_module(wheel).get_executable().absolute())]
        except (ImportError, OSError, AttributeError):
            continue
    return [sys.executable, "-m", "pagefind"]


def output_key(settings) -> str:
    output = str(Path(settings["OUTPUT_PATH"]).resolve())
    return hashlib.sha256(output.encode()).hexdigest()[:12]


def staging_folder(settings) -> Path:
    """Where Pagefind reads and writes before the sync: in the cache, one per output folder."""
    return Path(settings["CACHE_PATH"]) / f"pagefind-staging-{output_key(settings)}"


def state_path(settings) -> Path:
    """What each shard held when it was last indexed: in the cache, one per output folder."""
    return Path(settings["CACHE_PATH"]) / f"search-shards-{output_key(settings)}.json"


def index_key(language: str) -> str:
    """What every shard's index depends on besides its pages: another value indexes them all."""
    try:
        version = metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        version = "unknown"
    options = pagefind_options("", language, "")
    return f"pagefind {version} {language} {' '.join(options)}"


def collect_articles(generator) -> None:
    """The articles whose pages are written, in Pelican's own terms: (date, slug, save_as)."""
    found = []
    for name in ("articles", "translations", "hidden_articles", "hidden_translations"):
        for article in getattr(generator, name, []):
            save_as = getattr(article, "save_as", "")
            if save_as:
                found.append(IndexedArticle(article.date, article.slug, save_as))
    _ARTICLES[str(Path(generator.output_path).resolve())] = found


def shard_folders(root: Path) -> set[int]:
    """The shards (but the primary one) that have a folder in ``pagefind/``."""
    if not root.is_dir():
        return set()
    found = {shard_number(f.name) for f in root.glob(f"{SHARD_PREFIX}*") if f.is_dir()}
    return {number for number in found if number is not None}


def present_bundles(root: Path) -> set[int]:
    """The shards whose bundle is in ``pagefind/`` (the primary one needs its JavaScript)."""
    present = {n for n in shard_folders(root) if (root / bundle_folder(n) / ENTRY).is_file()}
    if (root / ENTRY).is_file() and (root / "pagefind.js").is_file():
        present.add(0)
    return present


def page_digest(output: Path, name: str) -> str | None:
    """The digest of what Pagefind reads of a page; None for a page that is not there."""
    try:
        return indexed_digest((output / name).read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None


def touched_pages(pelican, finished: bool = True) -> set[str] | None:
    """The pages this build wrote or removed; None when not known (no incremental plugin, or,
    when ``finished`` is asked, the stale files not removed yet)."""
    changes = getattr(pelican, "output_changes", None)
    if changes is None or (finished and not changes.finished):
        return None
    return changes.written | changes.others | changes.removed


def stage(pages: Shard, output: Path, site: Path) -> int:
    """``site`` holds the shard's pages at their place (hard links, copies where linking
    fails); how many were there to stage."""
    staged = 0
    for name in pages:
        source, target = output / name, site / name
        if not source.is_file():
            logger.warning("search index: %s is not in %s; not indexed", name, output)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        staged += 1
    return staged


def run_pagefind(command: list[str], number: int) -> bool:
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as error:
        logger.error(
            "search index: could not run Pagefind (%s); is pagefind[bin] installed?", error
        )
        return False
    if completed.returncode != 0:
        logger.error(
            "search index: Pagefind failed on shard %d with exit code %s:\n%s",
            number, completed.returncode, (completed.stderr or completed.stdout).strip(),
        )  # fmt: skip
        return False
    return True


def work_folder(staging: Path, number: int) -> Path:
    return staging / f"shard-{number}"


def prepare_shard(number: int, pages: Shard, output: Path, staging: Path, language: str) -> bool:
    """Pagefind over this shard's pages alone, into a bundle in the staging folder; whether it
    is there. The output folder is only read."""
    work = work_folder(staging, number)
    shutil.rmtree(work, ignore_errors=True)
    site = work / "site"
    site.mkdir(parents=True)
    if stage(pages, output, site):
        bundle = str(work / "bundle")
        if run_pagefind(pagefind_command(str(site), language, bundle), number):
            return True
    shutil.rmtree(work, ignore_errors=True)
    return False


def install_shard(number: int, pages: Shard, output: Path, staging: Path) -> None:
    """The staged bundle of a shard, synced into its place in ``output/pagefind/``."""
    work = work_folder(staging, number)
    bundle = work / "bundle"
    target = output / BUNDLE / bundle_folder(number)
    if number == 0:
        synced = sync_folder(bundle, target, kept=(f"{SHARD_PREFIX}*", SHARDS_FILE), move=True)
    else:  # the index alone: the browser runs it with the primary bundle's code
        files = files_under(bundle)
        for name in files - index_only(files):
            (bundle / name).unlink()
        synced = sync_folder(bundle, target, move=True)
    logger.info(
        "search index: shard %d, %d article(s): %d index file(s) copied, %d removed",
        number, len(pages), len(synced.copied), len(synced.removed),
    )  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)


def index_shard(number: int, pages: Shard, output: Path, staging: Path, language: str) -> bool:
    """Pagefind over this shard's pages alone, synced into its bundle."""
    done = prepare_shard(number, pages, output, staging, language)
    if done:
        install_shard(number, pages, output, staging)
    return done


def leave_one_core() -> None:
    """The calling thread, and the processes it starts, keep off one of the cores this process
    may use (the one the build's own thread is then left); nothing on a single core. Pagefind
    sizes its thread pool to the cores it may use: it no longer competes with the build."""
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if len(cores) > 1:
        os.sched_setaffinity(threading.get_native_id(), cores[1:])


class EarlyRun:
    """Pagefind run on the shards to index as soon as the article pages are written
    (``article_writer_finalized``), in a thread, while the rest of the site is rendered: the
    Pagefind process uses the core Pelican leaves idle. Each bundle is staged in the cache; the
    output folder is only read: the build installs the bundles at its end (``update_index``).
    Installing them here was measured slower: the copies compete with the build's thread."""

    def __init__(self, shards: list[Shard], wanted: list[int], output: Path, staging: Path,
                 language: str) -> None:  # fmt: skip
        self.shards, self.wanted = shards, wanted
        self.output, self.staging, self.language = output, staging, language
        self.staged: dict[int, dict[str, str]] = {}  # shard -> the digests of its pages
        self.stamps: dict[str, tuple[int, int, int] | None] = {}  # page -> as it was staged
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="pagefind", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            leave_one_core()
            for number in self.wanted:
                pages = self.shards[number]
                self.stamps.update((name, page_stamp(self.output, name)) for name in pages)
                digests = {name: page_digest(self.output, name) or "" for name in pages}
                if prepare_shard(number, pages, self.output, self.staging, self.language):
                    self.staged[number] = digests
        except BaseException as error:  # raised again in the build's thread
            self.failure = error

    def finish(self) -> dict[int, dict[str, str]]:
        """The shards staged (their pages' digests), once the thread is done."""
        self.thread.join()
        if self.failure is not None:
            raise self.failure
        return self.staged


def page_stamp(output: Path, name: str) -> tuple[int, int, int] | None:
    """What tells a page written again from the page as it was: time, size, file."""
    try:
        stat = (output / name).stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def write_if_changed(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def remove_index(pelican, output: Path, why: str) -> None:
    state_path(pelican.settings).unlink(missing_ok=True)
    if (output / BUNDLE).is_dir():  # an index of an earlier build: no longer part of the site
        shutil.rmtree(output / BUNDLE)
        logger.info("search index: %s; %s removed", why, output / BUNDLE)


def shards_of(settings, articles: list[IndexedArticle]) -> list[Shard]:
    return cut_shards(articles, search_settings(settings)["SEARCH_SHARD_SIZE"])


def plan(settings, shards: list[Shard], touched: set[str] | None):
    """What was recorded of each shard, and the shards to index again."""
    output = Path(settings["OUTPUT_PATH"])
    recorded = load_state(state_path(settings), index_key(settings.get("DEFAULT_LANG", "en")))
    present = present_bundles(output / BUNDLE)
    changed = changed_pages(touched, recorded, lambda name: page_digest(output, name))
    return recorded, shards_to_index(shards, recorded, changed, present)


def start_early(generator, writer=None) -> None:
    """On ``article_writer_finalized``: the article pages are written; Pagefind starts on the
    shards to index again while the entity and timeline pages are rendered."""
    output = Path(generator.output_path)
    build = str(output.resolve())
    unfinished = _EARLY.pop(build, None)
    if unfinished is not None:  # a build that stopped half-way (regenerate): its run ends first
        unfinished.thread.join()
    pelican, articles = _PELICANS.get(build), _ARTICLES.get(build)
    settings = generator.settings
    if pelican is None or articles is None or not search_settings(settings)["SEARCH_INDEX"]:
        return
    shards = shards_of(settings, articles)
    wanted = plan(settings, shards, touched_pages(pelican, finished=False))[1]
    if wanted:
        language = settings.get("DEFAULT_LANG", "en")
        staging = staging_folder(settings)
        _EARLY[build] = EarlyRun(shards, wanted, output, staging, language)


def usable(early: EarlyRun | None, shards: list[Shard]) -> dict[int, dict[str, str]]:
    """The bundles the early run staged that still hold what the pages hold: the shards are
    those of the whole build, and none of their pages was written again since it was staged
    (a plugin writing article pages after Pelican did); the digests of their pages."""
    if early is None:
        return {}
    staged = early.finish()
    if early.shards != shards:
        return {}
    output, stamps = early.output, early.stamps
    return {
        number: digests
        for number, digests in staged.items()
        if all(page_stamp(output, name) == stamps.get(name) for name in shards[number])
    }


def index_site(pelican) -> None:
    settings = search_settings(pelican.settings)
    output = Path(pelican.settings["OUTPUT_PATH"])
    build = str(output.resolve())
    articles, early = _ARTICLES.pop(build, None), _EARLY.pop(build, None)
    staging = staging_folder(pelican.settings)
    try:
        if not settings["SEARCH_INDEX"]:
            remove_index(pelican, output, "SEARCH_INDEX is off")
        elif articles is None:
            logger.warning("search index: Pelican listed no articles; the index is kept as it was")
        elif not (shards := shards_of(pelican.settings, articles)):
            remove_index(pelican, output, "no article to index")
        else:
            update_index(pelican, shards, early, staging)
    finally:
        if early is not None:
            early.thread.join()
        shutil.rmtree(staging, ignore_errors=True)


def update_index(pelican, shards: list[Shard], early: EarlyRun | None, staging: Path) -> None:
    output = Path(pelican.settings["OUTPUT_PATH"])
    language = pelican.settings.get("DEFAULT_LANG", "en")
    key, state_file = index_key(language), state_path(pelican.settings)
    root = output / BUNDLE
    staged = usable(early, shards)
    recorded, wanted = plan(pelican.settings, shards, touched_pages(pelican))
    # Shards about to be indexed are forgotten first: a build stopped half-way indexes them
    # again next time.
    recorded = {n: pages for n, pages in recorded.items() if n < len(shards) and n not in wanted}
    save_state(state_file, key, recorded)
    for number in stale_shards(len(shards), shard_folders(root)):
        shutil.rmtree(root / bundle_folder(number))
        logger.info("search index: shard %d no longer exists; its bundle removed", number)
    if not wanted:
        logger.info("search index: no shard changed; Pagefind not run")
    for number in wanted:
        if number in staged:  # indexed by the early run
            install_shard(number, shards[number], output, staging)
            recorded[number] = staged[number]
        else:
            digests = {name: page_digest(output, name) or "" for name in shards[number]}
            if not index_shard(number, shards[number], output, staging, language):
                continue
            recorded[number] = digests
        save_state(state_file, key, recorded)
    if root.is_dir():
        write_if_changed(root / SHARDS_FILE, shards_manifest(len(shards)))
    logger.info(
        "search index: %d article(s) in %d shard(s), %d indexed again",
        sum(map(len, shards)), len(shards), len(wanted),
    )  # fmt: skip


def check_settings(pelican) -> None:
    """A wrong setting stops the build before any work, saying what would fit; the build is
    remembered for ``start_early``, which is sent the article generator only."""
    search_settings(pelican.settings)
    _PELICANS[str(Path(pelican.settings["OUTPUT_PATH"]).resolve())] = pelican


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(collect_articles)
    signals.article_writer_finalized.connect(start_early)
    signals.finalized.connect(index_site)
