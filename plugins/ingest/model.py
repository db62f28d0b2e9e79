"""Plain data passed between the steps of ingestion.

Data flows one way: raw bytes -> ``RawText`` -> ``ParsedArticle`` (what the raw file itself says)
-> ``Article`` (everything inferred, ready to be written as Markdown). No step reaches back.
Nothing here imports Pelican.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from newstext.errors import FileError


class IngestError(FileError):
    """A raw file that cannot be converted, said so that an editor can fix it.

    >>> str(IngestError("seeds/a.txt", "date '31/02/2023' is not a real day", line=12))
    "seeds/a.txt:12: date '31/02/2023' is not a real day"
    """


@dataclass(frozen=True)
class Found:
    """One inferred value and how it was found, e.g. ``Found("RFI", "last line", line=14)``.

    ``how`` is shown to editors in the article's ``Found:`` metadata line, so that they know what
    to check: "editor", "editor (sidecar)", "dateline", "byline", "last line", "lede",
    "html <meta>", "file name", "git commit of the raw file", "file modification time", ...
    """

    value: object
    how: str
    line: int | None = None


@dataclass(frozen=True)
class DateValue:
    """A publication date and how precise it is: ``"day"`` or ``"minute"``.

    ``when`` is time-zone aware; a date known only to the day is midnight in the site's zone.
    """

    when: dt.datetime
    precision: str = "day"


@dataclass(frozen=True)
class RawText:
    """A raw file decoded to text. ``kind`` is "text", "html" or "markdown"."""

    path: str  # as shown to editors, relative to the project: "seeds/000_x.txt"
    text: str
    kind: str
    encoding: str  # what the bytes were: "utf-8", "utf-8-sig", "cp1252", "utf-16", ...
    sha256: str  # of the raw bytes


@dataclass
class ParsedArticle:
    """What one raw file says about itself, before anything is inferred from outside it.

    ``paragraphs`` are the plain-text paragraphs of the body, in order, without the title, byline,
    dateline or source credit (named-entity recognition and the lede run on them).
    ``body_markdown`` is the same body as Markdown: escaped plain text, or converted HTML.
    Every metadata field is a ``Found`` or ``None`` when the file does not say.
    ``extra`` keeps other metadata an editor wrote (Markdown input), lower-cased keys, verbatim.
    """

    path: str
    kind: str
    paragraphs: list[str]
    body_markdown: str
    title: Found | None = None
    date: Found | None = None  # value: DateValue
    authors: Found | None = None  # value: tuple[str, ...]
    source: Found | None = None  # value: str, e.g. "RFI"
    source_url: Found | None = None
    lang: Found | None = None  # value: "fr", "en", ...
    summary: Found | None = None
    license: Found | None = None
    attribution: Found | None = None
    slug: Found | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Article:
    """Everything known about one article, ready to be written as Markdown.

    Each ``Found`` keeps how it was found; ``None`` means nobody knows (e.g. no author).
    """

    raw: RawText
    title: Found
    date: Found  # value: DateValue
    slug: Found
    lang: Found
    summary: Found
    body_markdown: str
    source: Found | None = None
    source_url: Found | None = None
    authors: Found | None = None
    license: Found | None = None
    attribution: Found | None = None
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    entities_by: str = ""  # "fr_core_news_md 3.8.0"
    fingerprint: str = ""
    extra: tuple[tuple[str, str], ...] = ()
