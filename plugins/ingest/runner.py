"""Convert a folder of raw articles into Markdown articles, the way editors need it.

- Only new or changed raw files are converted: each article records a fingerprint of its raw
  file, sidecar, the pipeline, the models and the settings; same fingerprint, nothing to do.
- A Markdown file an editor has edited is never overwritten (``force`` does, on purpose).
- A removed raw file takes its unedited article with it; an edited one stays, with a warning.
- One bad file never stops the others: it is reported with its path and line, and counted;
  even an unexpected exception becomes that file's error (its traceback at debug level).
- Nothing is read or written outside the project: a link in seeds/ to a file elsewhere is
  refused with a warning, a file name with control characters is refused, and every article is
  written in the articles folder (``newstext.safety.path_inside``).
- Two sources never write one file. A slug is held by the article file that has it (generated
  from a raw file, edited, or written by hand); a new article whose editor gave a slug already
  held is an error naming both, and nothing is overwritten. A slug made from a title (or a file
  name) that another raw file's article holds gets the article's day, then a counter
  (``-2023-09-13``, ``-2023-09-13-2``), with a warning: no article is lost. Raw files are
  converted in sorted order, so the earlier one keeps the plain slug; an article keeps the
  slug it has.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import zoneinfo
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from newstext.safety import OutputGuard, inside, path_inside, printable, slug_problem

from . import article_file
from .convert import Inference, article_language, infer, parse
from .model import Found, IngestError, ParsedArticle, RawText
from .rawfile import line_of_offset, read_raw
from .recognition import Engine, Job, LocalProcesses, Recognition, available_cores
from .sidecar import sidecar_paths
from .slugs import MADE, slug_candidates

logger = logging.getLogger(__name__)

# Bump when a change to ingest or entity normalisation changes what an article file says:
# every article is then converted again (cheaply: the model's spans are cached per text).
# 6: languages without a model, dates in range, headlines, entity names (merged together).
# 8: entities of the alias book named as the article writes them, in its language; HTML pages:
#    authors without a byline (linked, signed, forum posts), dates shown in the text; entities
#    found by the entity recognizer alone, without the parser's sentence boundaries.
PIPELINE_VERSION = "8"
RAW_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
SIDECAR_SUFFIXES = (".yml", ".yaml", ".json")
# Files read, recognised and converted together: bounds memory on archive-sized runs; the
# workers read one chunk while the next is prepared and the previous one written.
CHUNK_FILES = 250
STATUSES = ("converted", "unchanged", "kept", "removed", "failed")


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What happened to one raw file (or to an article whose raw file is gone)."""

    path: str
    status: str  # one of STATUSES
    target: str = ""
    message: str = ""


@dataclasses.dataclass(frozen=True)
class IngestSettings:
    """The settings of one ingest run. ``root`` is the project; paths below are inside it."""

    root: Path
    seeds: Path
    articles: Path
    alias_files: tuple[Path, ...]
    models: tuple[tuple[str, str], ...]  # (lang, spaCy package), e.g. ("fr", "fr_core_news_md")
    timezone: str = "Europe/Paris"
    max_bytes: int = 2_000_000
    processes: int = 0  # worker processes for the model; 0: one per core
    title_max_chars: int = 90
    summary_max_chars: int = 300

    def display(self, path: Path) -> str:
        """A path as editors see it: relative to the project when it can be, however it was
        given (relative to the current folder, absolute, or through a symlink such as a corpus
        linked into seeds/)."""
        shown, root = Path(os.path.abspath(path)), Path(os.path.abspath(self.root))
        if not shown.is_relative_to(root):  # links resolved only when they matter (it costs)
            shown, root = path.resolve(), self.root.resolve()
            if not shown.is_relative_to(root):
                return path.as_posix()
        return shown.relative_to(root).as_posix()

    def fingerprint_base(self) -> str:
        """What every article's fingerprint shares: pipeline, model versions, settings, aliases."""
        parts = [PIPELINE_VERSION, self.timezone, str(self.title_max_chars)]
        parts.append(str(self.summary_max_chars))
        for lang, package in self.models:
            try:
                version = metadata.version(package)
            except metadata.PackageNotFoundError:
                version = "missing"
            parts.append(f"{lang}={package}=={version}")
        for path in self.alias_files:
            parts.append(_file_digest(path) if path.exists() else "-")
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seed_files(seeds: Path) -> tuple[list[Path], list[Path]]:
    """Every raw article under ``seeds``, sorted, and the links there that lead out of
    ``seeds`` (refused, never read). Sidecars, hidden files and folders are not articles; links
    to folders are not followed."""
    files: list[Path] = []
    links_out: list[Path] = []
    if not seeds.is_dir():
        return files, links_out
    for folder, folders, names in os.walk(seeds):
        here = Path(folder)
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in sorted(folders) + sorted(names):
            path = here / name
            if name.startswith("."):
                continue
            if path.is_symlink() and not inside(seeds, path):
                links_out.append(path)
            elif name in names and path.is_file() and path.suffix.lower() not in SIDECAR_SUFFIXES:
                files.append(path)
    return sorted(files), sorted(links_out)


def raw_files(seeds: Path) -> list[Path]:
    """Every raw article under ``seeds``, sorted (see ``seed_files``)."""
    return seed_files(seeds)[0]


def sidecar_digest(raw_path: Path) -> str:
    digests = [
        _file_digest(candidate)
        for suffix in SIDECAR_SUFFIXES
        if (candidate := raw_path.with_suffix(suffix)).exists()
    ]
    return ",".join(digests)


@dataclasses.dataclass
class ExistingArticle:
    path: Path
    text: str
    header: dict[str, str]

    @property
    def edited(self) -> bool:
        return article_file.edited_by_hand(self.text)


@dataclasses.dataclass(frozen=True)
class Holder:
    """The article file that holds a slug, and the raw file it was generated from ("" for an
    article written by hand, or one that cannot be read)."""

    article: str  # as shown: "content/articles/x.md"
    raw: str = ""

    def __str__(self) -> str:
        article = printable(self.article)
        return f"{article} (from {printable(self.raw)})" if self.raw else article


@dataclasses.dataclass
class ArticleFolder:
    """What the articles folder holds: generated articles by raw file, the holder of every slug,
    and the files that cannot be read (never overwritten, never removed). A link to a file
    outside the folder is never read; it holds its name's slug."""

    by_raw: dict[str, ExistingArticle]
    holders: dict[str, Holder]
    unreadable: list[IngestError]

    @classmethod
    def read(cls, articles: Path, display: Callable[[Path], str]) -> ArticleFolder:
        folder = cls({}, {}, [])
        guard = OutputGuard(articles)  # each folder resolved once, not each file's path
        for path in sorted(articles.rglob("*.md")):
            shown = display(path)
            relative = path.relative_to(articles)
            if any(part.startswith(".") for part in relative.parts):
                continue
            if not guard.inside(relative.as_posix()):  # a link out of the folder: held, never read
                folder.holders.setdefault(path.stem, Holder(shown))
                continue
            try:
                data = path.read_bytes()
                text = data.decode("utf-8")
            except UnicodeDecodeError as error:
                bad = f"not valid UTF-8 (byte 0x{data[error.start]:02x}): save it again as UTF-8"
                folder._unreadable(path, shown, bad, line_of_offset(data, error.start))
                continue
            except OSError as error:
                folder._unreadable(path, shown, f"cannot read the file: {error.strerror}")
                continue
            header = article_file.read_header(text)
            raw = header.get("raw", "")
            if raw:
                folder.by_raw[raw] = ExistingArticle(path, text, header)
            holder = Holder(shown, raw)
            if path.parent == articles:
                folder.holders.setdefault(path.stem, holder)
            if header.get("slug"):
                folder.holders.setdefault(header["slug"], holder)
        return folder

    def _unreadable(self, path: Path, shown: str, message: str, line: int | None = None) -> None:
        message = f"{message}; until then ingest leaves it as it is"
        error = IngestError(printable(shown), message, line=line)
        self.unreadable.append(error)
        self.holders.setdefault(path.stem, Holder(shown))

    def holder(self, slug: str, raw: str) -> Holder | None:
        """Who holds ``slug``, unless it is free or held by the article of ``raw`` itself."""
        holder = self.holders.get(slug)
        return None if holder is None or holder.raw == raw else holder

    def release(self, article: str) -> None:
        """The slugs the article file ``article`` (as shown) held are free: it is gone."""
        for slug in [slug for slug, holder in self.holders.items() if holder.article == article]:
            del self.holders[slug]


@dataclasses.dataclass(frozen=True)
class Prepared:
    """A raw file that needs converting, read and parsed, with its language."""

    raw: RawText
    fingerprint: str
    previous: ExistingArticle | None
    parsed: ParsedArticle
    lang: str


def write_whole(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed into place: a run stopped
    midway leaves the old file or the new one, never half of one."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


class Ingest:
    """One run over the seeds folder. ``make_inference`` is called only if a file needs NER."""

    def __init__(self, settings: IngestSettings, make_inference: Callable[[], Inference]):
        self.settings = settings
        self._make_inference = make_inference
        self._inference: Inference | None = None
        self._base = settings.fingerprint_base()
        self._prepared: dict[str, Prepared | Outcome] = {}

    @property
    def inference(self) -> Inference:
        if self._inference is None:
            self._inference = self._make_inference()
        return self._inference

    def run(
        self,
        only: Iterable[Path] | None = None,
        force: bool = False,
        progress: Callable[[int, int, Outcome], None] | None = None,
        engine: Engine | None = None,
        recognised: Callable[[int, int], None] | None = None,
    ) -> list[Outcome]:
        """Convert ``only`` (default: every raw file in seeds/), a chunk of files at a time:
        first the model reads every new text of the chunk on ``engine`` (default: a pool of
        ``settings.processes`` processes), then each file is converted and written in order."""
        settings = self.settings
        settings.articles.mkdir(parents=True, exist_ok=True)
        folder = ArticleFolder.read(settings.articles, settings.display)
        for error in folder.unreadable:
            logger.error("%s", error)
        everything = only is None
        after = [Outcome(error.path, "failed", message=str(error)) for error in folder.unreadable]
        if everything:
            paths = self._seed_files()
            # Articles whose raw file is gone go first, so that a renamed raw file's new
            # article takes its slug back rather than a new one.
            after.extend(self._orphans(folder, {settings.display(path) for path in paths}))
        else:
            paths = sorted(Path(p) for p in only)
        outcomes: list[Outcome] = []
        own_engine = engine is None
        engine = engine or LocalProcesses(settings.processes or available_cores())
        # Raw files without an article yet: a cold run, whose workers can start at once.
        new = sum(settings.display(path) not in folder.by_raw for path in paths)
        engine.warm_up(settings.models, new)
        counts = [0, 0]  # texts done, texts started, over the whole run (for ``recognised``)

        def convert(chunk: list[Path], started: Recognition | None, needs: dict) -> None:
            """Each file of ``chunk`` converted, in order, as soon as the model's results it
            needs (``needs``: its job keys) are in: the last chunk's first files are written
            while the workers still read its last ones."""
            waiting = {key for keys in needs.values() for key in keys}
            done = 0

            def convert_ready() -> None:
                nonlocal done
                while done < len(chunk) and not needs.get(chunk[done], set()) & waiting:
                    outcome = self._one(chunk[done], folder, force)
                    outcomes.append(outcome)
                    if progress:
                        progress(len(outcomes), len(paths), outcome)
                    done += 1

            def store(job: Job, result) -> None:
                self._store(job, result)
                waiting.discard(job.key)
                convert_ready()

            if started is not None:
                base = counts[0]
                started.collect(
                    store, recognised and (lambda texts: recognised(base + texts, counts[1]))
                )
                counts[0] += len(started)
            waiting.clear()
            convert_ready()

        try:
            # Pipelined: the workers read chunk k+1 while this process converts chunk k.
            pending: tuple[list[Path], Recognition | None, dict] | None = None
            for start in range(0, len(paths), CHUNK_FILES):
                chunk = paths[start : start + CHUNK_FILES]
                started, needs = self._recognise(chunk, folder, force, engine)
                if started is not None:
                    counts[1] += len(started)
                    if recognised:
                        recognised(counts[0], counts[1])
                if pending:
                    convert(*pending)
                pending = (chunk, started, needs)
            if pending:
                convert(*pending)
        finally:
            self._prepared.clear()
            if own_engine:
                engine.close()
        return outcomes + after

    def _recognise(
        self, paths, folder, force: bool, engine: Engine
    ) -> tuple[Recognition | None, dict[Path, set[str]]]:
        """Start the model, on ``engine``, on what the files of ``paths`` that will be converted
        need and the cache does not hold yet: their entity spans, and the parse of ledes that
        make titles. Collected later, the results land in the caches, in this process. Returns
        the recognition (None: nothing to do) and the keys of the jobs each file waits for."""
        how = self.inference
        jobs = []
        needs: dict[Path, set[str]] = {}
        for path in paths:
            display = self.settings.display(path)
            try:
                prepared = self._prepare(path, display, folder, force)
            except Exception:  # reported with its file when the file is converted
                continue
            if not isinstance(prepared, Prepared):
                continue
            parsed, lang = prepared.parsed, prepared.lang
            own = []
            entities = how.entity_job(parsed.paragraphs, lang, display)
            if entities is not None and how.cache.get(entities.key) is None:
                own.append(entities)
            if parsed.title is None and parsed.paragraphs:
                headline = how.headline_job(parsed.paragraphs[0], lang)
                if headline is not None and how.headlines.get(headline.key) is None:
                    own.append(headline)
            jobs.extend(own)
            needs[path] = {job.key for job in own}
        if not jobs:
            return None, needs
        return Recognition(engine, self.settings.models, jobs, how.recognizer), needs

    def _store(self, job: Job, result) -> None:
        how = self.inference
        (how.headlines if job.is_headline else how.cache).store(job.key, result)

    def _seed_files(self) -> list[Path]:
        files, links_out = seed_files(self.settings.seeds)
        for link in links_out:
            logger.warning(
                "%s: is a link to %s, outside %s/; it is not read. Copy the file itself there",
                printable(self.settings.display(link)),
                printable(str(link.resolve())),
                self.settings.display(self.settings.seeds),
            )
        return files

    def _fingerprint(self, raw_sha: str, raw_path: Path) -> str:
        text = f"{self._base}\0{raw_sha}\0{sidecar_digest(raw_path)}"
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def _one(self, path: Path, folder: ArticleFolder, force: bool) -> Outcome:
        display = self.settings.display(path)
        shown = printable(display)
        try:
            if shown != display:
                raise IngestError(
                    shown,
                    "the file name has control characters (shown as ?); it is not read: "
                    "rename the file",
                )
            return self._convert(path, display, folder, force)
        except IngestError as error:
            logger.error("%s", error)
            return Outcome(shown, "failed", message=str(error))
        except Exception as error:  # a bug met on one file never stops the others
            message = (
                f"{shown}: could not be converted ({type(error).__name__}: "
                f"{printable(str(error))}); the other files still convert. This is a bug: "
                "please report it with the file (the traceback is logged at debug level)"
            )
            logger.error("%s", message)
            logger.debug("%s: traceback", shown, exc_info=True)
            return Outcome(shown, "failed", message=message)

    def _check_inside_seeds(self, path: Path, display: str) -> None:
        """A raw file, or its sidecar, that is (or links to) a file outside seeds/ is not read."""
        seeds = self.settings.seeds
        for candidate in (path, *sidecar_paths(path)):
            if not inside(seeds, candidate):
                shown = self.settings.display(candidate)
                raise IngestError(
                    display,
                    f"{shown} is not in {self.settings.display(seeds)}/ (or links out of it); "
                    "it is not read: copy the file itself into the folder",
                )

    def _prepare(
        self, path: Path, display: str, folder: ArticleFolder, force: bool
    ) -> Prepared | Outcome:
        """The raw file read and parsed, or the outcome when it needs no conversion. Done once
        per file and run: the recognition step asks first, the conversion takes it."""
        if display in self._prepared:
            return self._prepared[display]
        if path.suffix.lower() not in RAW_SUFFIXES:
            raise IngestError(
                display,
                f"not a raw article: expected one of {', '.join(RAW_SUFFIXES)}; "
                "move it out of seeds/ or rename it",
            )
        self._check_inside_seeds(path, display)
        raw = read_raw(path, display, self.settings.max_bytes)
        fingerprint = self._fingerprint(raw.sha256, path)
        previous = folder.by_raw.get(display)
        if previous and previous.edited and not force:
            changed = previous.header.get("ingest_fingerprint") != fingerprint
            why = "its raw file changed since, but " if changed else ""
            message = (
                f"{self.settings.display(previous.path)} was edited by hand; {why}it is kept as "
                f"it is. To regenerate it from {display} (losing the edits): "
                f"invoke ingest --force --paths {display}"
            )
            return Outcome(display, "kept", self.settings.display(previous.path), message)
        if previous and not force and previous.header.get("ingest_fingerprint") == fingerprint:
            return Outcome(display, "unchanged", self.settings.display(previous.path))
        parsed = parse(raw, path, zoneinfo.ZoneInfo(self.settings.timezone))
        # The language, decided once (a stated one that is no code is said here, once), is
        # then the parsed article's: the conversion takes it as given.
        lang = article_language(parsed, self.inference.languages, display)
        parsed = dataclasses.replace(parsed, lang=lang)
        prepared = Prepared(raw, fingerprint, previous, parsed, str(lang.value))
        self._prepared[display] = prepared
        return prepared

    def _convert(self, path: Path, display: str, folder: ArticleFolder, force: bool) -> Outcome:
        prepared = self._prepare(path, display, folder, force)
        self._prepared.pop(display, None)
        if isinstance(prepared, Outcome):
            if prepared.status == "kept":  # said once, in the run's summary
                logger.debug("%s", prepared.message)
            return prepared
        raw, fingerprint, previous, parsed = (
            prepared.raw,
            prepared.fingerprint,
            prepared.previous,
            prepared.parsed,
        )
        article = infer(raw, path, parsed, self.inference)
        day = article.date.value.when.date().isoformat()
        slug = self._free_slug(article.slug, day, display, folder)
        target = self._target(slug, display, previous)
        article = dataclasses.replace(
            article, fingerprint=fingerprint, slug=dataclasses.replace(article.slug, value=slug)
        )
        text = article_file.render(article)
        if previous and previous.path != target:
            previous.path.unlink()
            folder.release(self.settings.display(previous.path))
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            write_whole(target, text)
        folder.holders[slug] = Holder(self.settings.display(target), display)
        return Outcome(display, "converted", self.settings.display(target))

    def _free_slug(self, wanted: Found, day: str, display: str, folder: ArticleFolder) -> str:
        """The slug ``wanted`` when no other article holds it. A slug made from a title or a
        file name that another raw file's article holds gets the day, then a counter, with a
        warning; any other clash is an error naming both files, and nothing is written."""
        slug = str(wanted.value)
        if problem := slug_problem(slug):
            raise IngestError(display, problem, line=wanted.line)
        holder = folder.holder(slug, display)
        if holder is None:
            return slug
        if wanted.how not in MADE or not holder.raw:
            raise IngestError(
                display,
                f"slug {slug!r} is already used by {holder}; two articles cannot share one URL, "
                "so neither is written over. Give this one another slug (slug: ... in its "
                "sidecar)",
            )
        free = next(s for s in slug_candidates(slug, day) if folder.holder(s, display) is None)
        logger.warning(
            "%s: slug %r is already used by %s; this article gets the slug %r instead. To "
            "choose another, give it a slug in a sidecar (slug: ...)",
            display,
            slug,
            holder,
            free,
        )
        return free

    def _target(self, slug: str, display: str, previous: ExistingArticle | None) -> Path:
        """The article file for ``slug``: inside the articles folder, and not another file."""
        try:
            target = path_inside(self.settings.articles, f"{slug}.md")
        except ValueError as error:
            raise IngestError(display, str(error)) from None
        if target.exists() and (previous is None or not target.samefile(previous.path)):
            raise IngestError(
                display,
                f"{self.settings.display(target)} is already there and does not come from this "
                "file; it is left as it is. Give this one another slug (slug: ... in its sidecar)",
            )
        return target

    def _orphans(self, folder: ArticleFolder, seen: set[str]) -> list[Outcome]:
        outcomes = []
        for raw, article in sorted(folder.by_raw.items()):
            if raw in seen or (self.settings.root / raw).exists():
                continue
            shown = self.settings.display(article.path)
            if article.edited:
                message = (
                    f"{shown}: its raw file {printable(raw)} is gone, but the article was edited "
                    "by hand, so it is kept; delete it yourself if it should go"
                )
                logger.warning("%s", message)
                outcomes.append(Outcome(printable(raw), "kept", shown, message))
            else:
                article.path.unlink()
                folder.release(shown)
                logger.info("%s: removed, its raw file %s is gone", shown, printable(raw))
                outcomes.append(Outcome(printable(raw), "removed", shown))
        return outcomes


def summary_line(outcomes: list[Outcome]) -> str:
    """``3 converted, 170 unchanged, 1 kept (edited by hand), 0 removed, 1 failed``."""
    counts = {status: 0 for status in STATUSES}
    for outcome in outcomes:
        counts[outcome.status] += 1
    labels = {"kept": "kept (edited by hand)"}
    return ", ".join(f"{counts[s]} {labels.get(s, s)}" for s in STATUSES)
