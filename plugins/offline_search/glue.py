"""Index the article pages with Pagefind, so that search works on any static host, offline.

Pagefind's PyPI wheel ships its binary: nothing is downloaded at build time. Only what the
theme marks with ``data-pagefind-body`` (articles) is indexed; filters come from
``data-pagefind-filter`` attributes (entities, language, source, year). Pagefind is given only
the article pages to read: listing and entity pages hold nothing to index.

The index is cut into shards of ``SEARCH_SHARD_SIZE`` articles numbered from the oldest
(``shards``): the articles come from Pelican's ArticlesGenerator
(``article_generator_finalized``). At the end of the build (``finalized``), each shard that
must be indexed again (one of its pages written or removed, by ``pelican.output_changes`` of the
incremental plugin, and what Pagefind reads of it changed; other articles; no bundle) gets its
own Pagefind run over a staging folder in ``CACHE_PATH`` holding only its pages (hard links),
into a staging bundle, which is then synced (``bundle.sync_folder``: only files whose bytes
differ are copied) into ``output/pagefind/`` (shard 0, with Pagefind's JavaScript) or
``output/pagefind/shard-<k>/`` (the index only). Bundles of shards that no longer exist are
removed; ``pagefind/shards.json`` lists the others for the search page (``site.js`` merges them
with ``mergeIndex``); what each shard held when last indexed (its pages and the digests of what
Pagefind read of them) is kept in ``CACHE_PATH``. One Pagefind process at a time, over at most
``SEARCH_SHARD_SIZE`` pages: its memory does not grow with the site.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
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


def pagefind_command(
    site_path: str, language: str, bundle_path: str, glob: str = "**/*.html"
) -> list[str]:
    """One language for every shard: Pagefind would otherwise split an index by
    ``<html lang>``, and a French search page would never find an English article; and merged
    indexes are searched with the primary bundle's language module. ``bundle_path``: where
    Pagefind writes the index."""
    return [
        sys.executable, "-m", "pagefind", "--site", site_path, "--glob", glob,
        "--force-language", language, "--silent", "--output-path", bundle_path,
    ]  # fmt: skip


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
    options = pagefind_command("", language, "")[3:]  # without the Python that runs it
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


def touched_pages(pelican) -> set[str] | None:
    """The pages this build wrote or removed; None when not known (no incremental plugin)."""
    changes = getattr(pelican, "output_changes", None)
    if changes is None or not changes.finished:
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


def index_shard(number: int, pages: Shard, output: Path, staging: Path, language: str) -> bool:
    """Pagefind over this shard's pages alone, synced into its bundle."""
    work = staging / f"shard-{number}"
    shutil.rmtree(work, ignore_errors=True)
    site, bundle = work / "site", work / "bundle"
    site.mkdir(parents=True)
    if not stage(pages, output, site):
        shutil.rmtree(work, ignore_errors=True)
        return False
    done = run_pagefind(pagefind_command(str(site), language, str(bundle)), number)
    if done:
        target = output / BUNDLE / bundle_folder(number)
        if number == 0:
            synced = sync_folder(bundle, target, kept=(f"{SHARD_PREFIX}*", SHARDS_FILE), move=True)
        else:  # the index alone: the browser runs it with the primary bundle's code
            for name in files_under(bundle) - index_only(files_under(bundle)):
                (bundle / name).unlink()
            synced = sync_folder(bundle, target, move=True)
        logger.info(
            "search index: shard %d, %d article(s): %d index file(s) copied, %d removed",
            number, len(pages), len(synced.copied), len(synced.removed),
        )  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)
    return done


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


def index_site(pelican) -> None:
    settings = search_settings(pelican.settings)
    output = Path(pelican.settings["OUTPUT_PATH"])
    articles = _ARTICLES.pop(str(output.resolve()), None)
    if not settings["SEARCH_INDEX"]:
        remove_index(pelican, output, "SEARCH_INDEX is off")
        return
    if articles is None:
        logger.warning("search index: Pelican listed no articles; the index is kept as it was")
        return
    shards = cut_shards(articles, settings["SEARCH_SHARD_SIZE"])
    if not shards:
        remove_index(pelican, output, "no article to index")
        return
    language = pelican.settings.get("DEFAULT_LANG", "en")
    key, state_file = index_key(language), state_path(pelican.settings)
    root = output / BUNDLE
    recorded = load_state(state_file, key)
    present = present_bundles(root)
    changed = changed_pages(
        touched_pages(pelican), recorded, lambda name: page_digest(output, name)
    )
    wanted = shards_to_index(shards, recorded, changed, present)
    # Shards about to be indexed are forgotten first: a build stopped half-way indexes them
    # again next time.
    recorded = {n: pages for n, pages in recorded.items() if n < len(shards) and n not in wanted}
    save_state(state_file, key, recorded)
    for number in stale_shards(len(shards), shard_folders(root)):
        shutil.rmtree(root / bundle_folder(number))
        logger.info("search index: shard %d no longer exists; its bundle removed", number)
    if not wanted:
        logger.info("search index: no shard changed; Pagefind not run")
    staging = staging_folder(pelican.settings)
    for number in wanted:
        digests = {name: page_digest(output, name) or "" for name in shards[number]}
        if index_shard(number, shards[number], output, staging, language):
            recorded[number] = digests
            save_state(state_file, key, recorded)
    shutil.rmtree(staging, ignore_errors=True)
    if root.is_dir():
        write_if_changed(root / SHARDS_FILE, shards_manifest(len(shards)))
    logger.info(
        "search index: %d article(s) in %d shard(s), %d indexed again",
        sum(map(len, shards)), len(shards), len(wanted),
    )  # fmt: skip


def check_settings(pelican) -> None:
    """A wrong setting stops the build before any work, saying what would fit."""
    search_settings(pelican.settings)


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(collect_articles)
    signals.finalized.connect(index_site)
