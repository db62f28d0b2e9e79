"""Turn one raw file into an ``Article``: parse it, then infer what it does not say.

Order of authority for every field: the editor (sidecar or Markdown metadata) > what the raw file
says (dateline, byline, credit line, HTML metadata) > inference (lede, language detection, file
name, git history, modification time). No Pelican here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path

from newstext.sentences import text_pieces

from . import dates, dating
from .language import detect_language, given_language
from .markdown_input import parse_markdown
from .model import Article, DateValue, Found, IngestError, ParsedArticle, RawText
from .plaintext import lede_needs_parse, parse_plain_text, summary_from_lede, title_from_lede
from .recognition import Job, cache_key, parser_of
from .sidecar import read_sidecar
from .slugs import made_slug

logger = logging.getLogger(__name__)


def parse_html_page(raw: RawText, **options) -> ParsedArticle:
    """``htmlpage.parse_html_page``, imported on first use: trafilatura and its dependencies
    cost a third of a second to import, which a build with no web page to convert never pays."""
    from .htmlpage import parse_html_page as parse_page

    return parse_page(raw, **options)


PARSERS: dict[str, Callable[[RawText], ParsedArticle]] = {
    "text": parse_plain_text,
    "html": parse_html_page,
    "markdown": parse_markdown,
}
SIDECAR_FIELDS = (
    "title",
    "date",
    "authors",
    "source",
    "source_url",
    "lang",
    "summary",
    "license",
    "attribution",
    "slug",
)


def with_sidecar(parsed: ParsedArticle, sidecar: dict[str, Found]) -> ParsedArticle:
    """What the editor states in a sidecar wins over what the raw file says."""
    known = {name: found for name, found in sidecar.items() if name in SIDECAR_FIELDS}
    return dataclasses.replace(parsed, **known)


def web_url(found: Found | None, path: str) -> Found | None:
    """A source URL is kept only if it is a web address: a page links it, and a
    ``javascript:`` or ``data:`` URL written in a sidecar or a saved page must never be clickable.
    """
    if found is None:
        return None
    url = str(found.value).strip()
    if re.match(r"https?://[^\s/]+", url, re.IGNORECASE):
        return found
    where = f" (line {found.line})" if found.line else ""
    logger.warning(
        "%s: source URL %r%s is not an http(s) address; it is left out", path, url, where
    )
    return None


def infer_date(
    parsed: ParsedArticle,
    raw_path: Path,
    tz: dt.tzinfo,
    history: dating.FirstCommits | None = None,
) -> Found:
    """Editor > dateline (both already in ``parsed``) > file name > git > modification time.
    ``history``: the git dates read once for the run (``dating.FirstCommits``)."""
    return (
        parsed.date
        or dating.date_from_file_name(raw_path, parsed.path, tz)
        or dating.date_from_git(raw_path, tz, history)
        or dating.date_from_mtime(raw_path, tz, parsed.path)
    )


def check_date_range(date: Found, path: str) -> None:
    """Every article date, wherever it came from, lies in ``dates.EARLIEST``..``dates.LATEST``."""
    day = date.value.when.date()
    if not dates.in_range(day):
        raise IngestError(
            path,
            f"date {day.isoformat()} (from the {date.how.split(' (')[0]}) is "
            f"{dates.RANGE_PROBLEM}, or state the date "
            "in a sidecar (date: 2023-09-13)",
            line=date.line,
        )


class ModelCache:
    """What the model made of a text, on disk, so that only new text meets the model: one JSON
    entry per key (``recognition.cache_key``: the model, its version and the text), in a folder
    per kind of result. Entries are written whole (a temporary file renamed into place), and
    one that does not read back as ``valid`` says so, is removed and is computed again. With no
    folder (``INGEST_CACHE_PATH = ""``) entries live in memory for the run, so that what a
    recognition engine read ahead still reaches the conversion.
    """

    kind = "ner"

    def __init__(self, directory: Path | None):
        self.directory = directory
        self._memory: dict[str, object] = {}

    def _path(self, key: str) -> Path | None:
        return self.directory / self.kind / f"{key}.json" if self.directory else None

    @staticmethod
    def valid(data: object) -> bool:
        raise NotImplementedError

    @staticmethod
    def decoded(data):
        return data

    def get(self, key: str):
        """The entry stored under ``key``, or None when there is none (or it was damaged)."""
        path = self._path(key)
        if path is None:
            return self._memory.get(key)
        return self._read(path) if path.exists() else None

    def store(self, key: str, value) -> None:
        path = self._path(key)
        if path is None:
            self._memory[key] = self.decoded(json.loads(json.dumps(value)))
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole or not at all: an interrupted run never leaves half an entry.
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, path)

    def _read(self, path: Path):
        """The entry stored in ``path``, or None (and the entry removed) when it is not what
        ``valid`` expects: a corrupt or truncated entry is computed again."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if self.valid(data):
                return self.decoded(data)
        except (OSError, UnicodeDecodeError, ValueError):
            pass
        logger.warning("%s: cache entry is damaged; it is removed and computed again", path)
        path.unlink(missing_ok=True)
        return None


class EntityCache(ModelCache):
    """The model's raw entity spans per text. The alias book is applied afterwards, so an
    editor changing the alias file re-normalises every article without re-running NER."""

    kind = "ner"

    @staticmethod
    def valid(data: object) -> bool:
        return isinstance(data, list) and all(
            isinstance(span, list) and len(span) == 2 and all(isinstance(x, str) for x in span)
            for span in data
        )

    @staticmethod
    def decoded(data) -> list[tuple[str, str]]:
        return [tuple(span) for span in data]

    def spans(self, text: str, model: str, compute: Callable[[], list]) -> list[tuple[str, str]]:
        key = cache_key(text, model)
        found = self.get(key)
        if found is None:
            found = [tuple(span) for span in compute()]
            self.store(key, found)
        return found


class HeadlineCache(ModelCache):
    """The title made from a lede with the model's parse (``plaintext.title_from_lede``)."""

    kind = "headline"

    @staticmethod
    def valid(data: object) -> bool:
        return isinstance(data, str)


# In the key of every cached span list beside the model: bump when ``EntityRecognizer.spans``
# reads a text differently with the same model (2: the entity recognizer alone, no parse).
SPANS_RECIPE = "spans 2"
# The same for cached titles made with the parse (2: dates and times from the lede's entity
# reading, not from a second reading of its first sentence).
HEADLINE_RECIPE = "headline 2"
NER_MAX_CHARS = 100_000  # about 8 s of NER; a 2 MB article would take minutes and gigabytes


def ner_text(
    paragraphs: list[str], path: str, limit: int = NER_MAX_CHARS, quiet: bool = False
) -> str:
    """The text the entity model reads: the paragraphs, up to ``limit`` characters (cut at a
    space), with a warning naming the file when the article is longer (``quiet``: none, for the
    read-ahead that precedes the conversion). Bounded work per article whatever its size; a
    news article is rarely a tenth of that."""
    text = "\n\n".join(paragraphs)
    if len(text) <= limit:
        return text
    if not quiet:
        logger.warning(
            "%s: the text is %s characters long; entities are looked for in the first %s only",
            path,
            f"{len(text):,}",
            f"{limit:,}",
        )
    return text_pieces(text, limit)[0]


@dataclasses.dataclass
class Inference:
    """What inference needs from outside the raw file: settings and the entity machinery."""

    tz: dt.tzinfo
    languages: tuple[str, ...]
    recognizer: object  # entities.extraction.EntityRecognizer, created lazily by the caller
    aliases: object  # entities.aliases.AliasBook
    cache: EntityCache
    title_max_chars: int = 90
    summary_max_chars: int = 300
    headlines: HeadlineCache = dataclasses.field(default_factory=lambda: HeadlineCache(None))
    # when undated raw files were first committed: one ``git log`` per folder and run
    git_history: dating.FirstCommits = dataclasses.field(default_factory=dating.FirstCommits)

    def parser(self, lang: str, lede: str = ""):
        """The headline parse of ``lede`` in ``lang`` (``recognition.parser_of``), or None when
        there is none."""
        return parser_of(self.recognizer(), lang, lede) if lang in self.languages else None

    def title(self, lede: str, lang: str) -> str:
        """A title made from the lede (``plaintext.title_from_lede``); the model's parse, when
        one is needed, is read from the headline cache (filled ahead by a recognition engine)
        or computed here and stored."""
        job = self.headline_job(lede, lang)
        if job is None:
            return title_from_lede(lede, self.title_max_chars)
        title = self.headlines.get(job.key)
        if title is None:
            title = title_from_lede(lede, self.title_max_chars, nlp=self.parser(lang, lede))
            self.headlines.store(job.key, title)
        return title

    def headline_job(self, lede: str, lang: str) -> Job | None:
        """What the model must parse to title this lede (None: no parse needed or possible)."""
        if lang not in self.languages or not lede_needs_parse(lede, self.title_max_chars):
            return None
        model = self.recognizer().model_version(lang)
        text = f"{self.title_max_chars}\0{lede}"
        key = cache_key(f"{HEADLINE_RECIPE}\0{text}", model)
        return Job(key, lede, lang, self.title_max_chars)

    def entity_job(self, paragraphs: list[str], lang: str, path: str = "") -> Job | None:
        """What the model must read for this article's entities (None: no model for ``lang``)."""
        if lang not in self.languages:
            return None
        text = ner_text(paragraphs, path, quiet=True)
        model = f"{self.recognizer().model_version(lang)} {SPANS_RECIPE}"
        return Job(cache_key(text, model), text, lang)

    def entities(self, paragraphs: list[str], lang: str, path: str = ""):
        """The article's entities and the model that found them; none, with a warning, for a
        language without a model (never another language's model guessing). A model that
        fails on the text is this file's ``IngestError``."""
        from entities.extraction import ArticleEntities, normalise_mentions

        if lang not in self.languages:
            logger.warning(
                "%s: language %s has no entity model; no entities extracted; add one in "
                "INGEST_MODELS",
                path,
                lang,
            )
            return ArticleEntities((), (), ()), ""
        recognizer = self.recognizer()
        model = recognizer.model_version(lang)
        text = ner_text(paragraphs, path)
        try:
            spans = self.cache.spans(
                text, f"{model} {SPANS_RECIPE}", lambda: recognizer.spans(text, lang)
            )
        except Exception as error:  # spaCy's errors have no common class; any is this file's
            raise IngestError(
                path,
                f"the entity model {model} failed on this text ({type(error).__name__}: "
                f"{str(error)[:200]}): shorten the article or split it, and report the error",
            ) from error
        return normalise_mentions(spans, self.aliases, lang, text), model


def article_language(parsed: ParsedArticle, languages: tuple[str, ...], path: str) -> Found:
    """The editor's or the page's language when it is a language code, else the detected one."""
    return given_language(parsed.lang, path) or detect_language(parsed.paragraphs, languages)


def parse(raw: RawText, raw_path: Path, tz: dt.tzinfo) -> ParsedArticle:
    """The raw file's own account of itself, with its sidecar applied."""
    parsed = PARSERS[raw.kind](raw, tz=tz)
    return with_sidecar(parsed, read_sidecar(raw_path, raw.path, tz=tz))


def infer(raw: RawText, raw_path: Path, parsed: ParsedArticle, how: Inference) -> Article:
    """Fill every field the raw file left open, and name the entities."""
    if not parsed.paragraphs:
        raise IngestError(raw.path, "no article text: the file has no paragraph of body text")
    lede = parsed.paragraphs[0]
    # The date first: a file that cannot be dated fails before any model reads it.
    date = infer_date(parsed, raw_path, how.tz, how.git_history)
    if not isinstance(date.value, DateValue):
        raise IngestError(raw.path, f"date {date.value!r} is not a date", line=date.line)
    check_date_range(date, raw.path)
    lang = article_language(parsed, how.languages, raw.path)
    title = parsed.title or Found(how.title(lede, str(lang.value)), "lede")
    summary = parsed.summary or Found(
        summary_from_lede(parsed.paragraphs, how.summary_max_chars), "lede"
    )
    slug = parsed.slug or made_slug(str(title.value), raw_path.stem, raw.path)
    found_entities, model = how.entities(parsed.paragraphs, str(lang.value), raw.path)
    return Article(
        raw=raw,
        title=title,
        date=date,
        slug=slug,
        lang=lang,
        summary=summary,
        body_markdown=parsed.body_markdown,
        source=parsed.source,
        source_url=web_url(parsed.source_url, raw.path),
        authors=parsed.authors,
        license=parsed.license,
        attribution=parsed.attribution,
        people=tuple(found_entities.people),
        places=tuple(found_entities.places),
        organisations=tuple(found_entities.organisations),
        entities_by=model,
        extra=tuple(sorted(parsed.extra.items())),
    )
