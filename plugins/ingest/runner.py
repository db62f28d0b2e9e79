"""Convert a folder of raw articles into Markdown articles, the way editors need it.

- Only new or changed raw files are converted: each article records a fingerprint of its raw
  file, sidecar, the pipeline, the models and the settings; same fingerprint, nothing to do.
- A Markdown file an editor has edited is never overwritten (``force`` does, on purpose).
- A removed raw file takes its unedited article with it; an edited one stays, with a warning.
- One bad file never stops the others: it is reported with its path and line, and counted.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import zoneinfo
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from . import article_file
from .convert import Inference, infer, parse
from .model import IngestError
from .rawfile import read_raw

logger = logging.getLogger(__name__)

# Bump when a change to ingest or entity normalisation changes what an article file says:
# every article is then converted again (cheaply: the model's spans are cached per text).
PIPELINE_VERSION = "3"  # 3: languages without a model, dates in 1800..2200
RAW_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
SIDECAR_SUFFIXES = (".yml", ".yaml", ".json")
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
    title_max_chars: int = 90
    summary_max_chars: int = 300

    def display(self, path: Path) -> str:
        """A path as editors see it: relative to the project when it can be."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

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


def raw_files(seeds: Path) -> list[Path]:
    """Every raw article under ``seeds``, sorted; sidecars and hidden files are not articles."""
    if not seeds.is_dir():
        return []
    return sorted(
        path
        for path in seeds.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(seeds).parts)
        and path.suffix.lower() not in SIDECAR_SUFFIXES
    )


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


def existing_articles(articles: Path) -> dict[str, ExistingArticle]:
    """Generated articles already in ``content/``, by the raw file they came from."""
    found: dict[str, ExistingArticle] = {}
    for path in sorted(articles.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        header = article_file.read_header(text)
        if "raw" in header:
            found[header["raw"]] = ExistingArticle(path, text, header)
    return found


class Ingest:
    """One run over the seeds folder. ``make_inference`` is called only if a file needs NER."""

    def __init__(self, settings: IngestSettings, make_inference: Callable[[], Inference]):
        self.settings = settings
        self._make_inference = make_inference
        self._inference: Inference | None = None
        self._base = settings.fingerprint_base()

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
    ) -> list[Outcome]:
        settings = self.settings
        settings.articles.mkdir(parents=True, exist_ok=True)
        existing = existing_articles(settings.articles)
        everything = only is None
        paths = raw_files(settings.seeds) if everything else sorted(Path(p) for p in only)
        slugs = {
            article.path.stem: raw for raw, article in existing.items()
        }  # slug -> raw that owns it
        outcomes = []
        for number, path in enumerate(paths, 1):
            outcome = self._one(path, existing, slugs, force)
            outcomes.append(outcome)
            if progress:
                progress(number, len(paths), outcome)
        if everything:
            seen = {settings.display(path) for path in paths}
            outcomes.extend(self._orphans(existing, seen))
        return outcomes

    def _fingerprint(self, raw_sha: str, raw_path: Path) -> str:
        text = f"{self._base}\0{raw_sha}\0{sidecar_digest(raw_path)}"
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def _one(self, path: Path, existing, slugs, force: bool) -> Outcome:
        display = self.settings.display(path)
        try:
            return self._convert(path, display, existing, slugs, force)
        except IngestError as error:
            logger.error("%s", error)
            return Outcome(display, "failed", message=str(error))

    def _convert(self, path: Path, display: str, existing, slugs, force: bool) -> Outcome:
        if path.suffix.lower() not in RAW_SUFFIXES:
            raise IngestError(
                display,
                f"not a raw article: expected one of {', '.join(RAW_SUFFIXES)}; "
                "move it out of seeds/ or rename it",
            )
        raw = read_raw(path, display, self.settings.max_bytes)
        fingerprint = self._fingerprint(raw.sha256, path)
        previous = existing.get(display)
        if previous and previous.edited and not force:
            changed = previous.header.get("ingest_fingerprint") != fingerprint
            why = "its raw file changed since, but " if changed else ""
            message = (
                f"{self.settings.display(previous.path)} was edited by hand; {why}it is kept as "
                f"it is. To regenerate it from {display} (losing the edits): "
                f"invoke ingest --force --paths {display}"
            )
            logger.warning("%s", message)
            return Outcome(display, "kept", self.settings.display(previous.path), message)
        if previous and not force and previous.header.get("ingest_fingerprint") == fingerprint:
            return Outcome(display, "unchanged", self.settings.display(previous.path))

        parsed = parse(raw, path, zoneinfo.ZoneInfo(self.settings.timezone))
        article = infer(raw, path, parsed, self.inference)
        article = dataclasses.replace(article, fingerprint=fingerprint)
        slug = str(article.slug.value)
        owner = slugs.get(slug)
        if owner is not None and owner != display:
            raise IngestError(
                display,
                f"slug {slug!r} is already used by {owner}; two articles cannot share one URL. "
                "Give this one another title or a slug in a sidecar (slug: ...)",
            )
        target = self.settings.articles / f"{slug}.md"
        text = article_file.render(article)
        if previous and previous.path != target:
            previous.path.unlink()
            slugs.pop(previous.path.stem, None)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        slugs[slug] = display
        return Outcome(display, "converted", self.settings.display(target))

    def _orphans(self, existing, seen: set[str]) -> list[Outcome]:
        outcomes = []
        for raw, article in sorted(existing.items()):
            if raw in seen or (self.settings.root / raw).exists():
                continue
            shown = self.settings.display(article.path)
            if article.edited:
                message = (
                    f"{shown}: its raw file {raw} is gone, but the article was edited by hand, "
                    "so it is kept; delete it yourself if it should go"
                )
                logger.warning("%s", message)
                outcomes.append(Outcome(raw, "kept", shown, message))
            else:
                article.path.unlink()
                logger.info("%s: removed, its raw file %s is gone", shown, raw)
                outcomes.append(Outcome(raw, "removed", shown))
        return outcomes


def summary_line(outcomes: list[Outcome]) -> str:
    """``3 converted, 170 unchanged, 1 kept (edited by hand), 0 removed, 1 failed``."""
    counts = {status: 0 for status in STATUSES}
    for outcome in outcomes:
        counts[outcome.status] += 1
    labels = {"kept": "kept (edited by hand)"}
    return ", ".join(f"{counts[s]} {labels.get(s, s)}" for s in STATUSES)
