"""The Markdown file an article becomes, and how to tell whether an editor has changed it.

The file is Pelican Markdown: ``Key: value`` lines, a blank line, the body. Keys come in a fixed
order and values on one line, so that the same article always gives the same bytes and a diff
shows an editor exactly what changed. The last key, ``Ingest_checksum``, is the SHA-256 of the
rest of the file: when the file no longer matches it, an editor has edited it, and it is never
overwritten again unless asked. What an editor's tool adds without an edit (a byte-order mark,
CRLF or CR line endings, trailing spaces) is not an edit, and never hides one: the checksum is
taken over the text with those removed.
"""

from __future__ import annotations

import hashlib
import html
import re

from newstext.safety import printable, strip_controls

from .model import Article, Found
from .plaintext import escape_markdown

CHECKSUM_KEY = "Ingest_checksum"
KEY = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):[ \t]*(.*)$")
_SPACES = re.compile(r"\s+")
_TRAILING_SPACES = re.compile(r"[ \t\f\v]+$", re.M)


def one_line(value: object) -> str:
    """Metadata values live on one line: inner newlines and runs of spaces become one space, and
    other control characters (NUL, ESC...) show as "?", so that no value can start a line.

    >>> one_line("  Le président\\n  russe\\u2028 \\x1b[31m")
    'Le président russe ?[31m'
    """
    return printable(_SPACES.sub(" ", str(value)).strip())


def _found_note(name: str, found: Found | None) -> str | None:
    if found is None:
        return None
    where = f" (line {found.line})" if found.line else ""
    verb = "" if found.how.startswith("detected") else "from "
    return f"{name} {verb}{found.how}{where}"


def found_line(article: Article) -> str:
    """How each inferred field was found, for the editor: ``title from lede; date from ...``."""
    notes = [
        _found_note(name, getattr(article, name))
        for name in ("title", "date", "lang", "source", "authors", "summary", "source_url")
    ]
    if article.entities_by:
        notes.append(f"entities by {article.entities_by}")
    return "; ".join(note for note in notes if note)


def written_date(date) -> str:
    """A ``DateValue`` as written in the file: the day alone for precision "day", else the time
    with the offset it was given in.

    >>> import datetime as dt
    >>> from ingest.model import DateValue
    >>> zone = dt.timezone(dt.timedelta(hours=-3))
    >>> written_date(DateValue(dt.datetime(2023, 4, 28, 15, 23, tzinfo=zone), "minute"))
    '2023-04-28T15:23:00-03:00'
    >>> written_date(DateValue(dt.datetime(2023, 9, 13, tzinfo=zone), "day"))
    '2023-09-13'
    """
    return date.when.date().isoformat() if date.precision == "day" else date.when.isoformat()


def metadata_lines(article: Article) -> list[tuple[str, str]]:
    """The metadata in the order it is written; empty values are left out."""

    def value(found: Found | None) -> str:
        if found is None:
            return ""
        if isinstance(found.value, tuple | list):
            return "; ".join(one_line(v) for v in found.value)
        return one_line(found.value)

    date = article.date.value
    rows = [
        # Pelican treats a title as HTML and renders a summary as Markdown: both are escaped,
        # so that text pasted from anywhere shows as text and never runs.
        ("Title", html.escape(value(article.title), quote=False)),
        # as the page gave it: a day stays a day ("2023-09-13", which Pelican reads in the
        # site's zone), a time keeps its own offset ("2023-04-28T18:23:00-03:00")
        ("Date", written_date(date)),
        ("Date_precision", date.precision),
        ("Slug", value(article.slug)),
        ("Lang", value(article.lang)),
        ("Source", value(article.source)),
        ("Source_url", value(article.source_url)),
        ("Authors", value(article.authors)),
        ("Summary", escape_markdown(value(article.summary))),
        ("License", value(article.license)),
        ("Attribution", value(article.attribution)),
        ("People", "; ".join(one_line(name) for name in article.people)),
        ("Places", "; ".join(one_line(name) for name in article.places)),
        ("Organisations", "; ".join(one_line(name) for name in article.organisations)),
        *((key.capitalize(), one_line(v)) for key, v in article.extra),
        ("Found", one_line(found_line(article))),
        ("Raw", article.raw.path),
        ("Raw_sha256", article.raw.sha256),
        ("Ingest_fingerprint", article.fingerprint),
    ]
    return [(key, text) for key, text in rows if text]


def normalised(text: str) -> str:
    """``text`` as its content, whatever tool saved it: no byte-order mark, "\\n" line endings,
    no trailing spaces on a line, one newline at the end.

    >>> normalised("\\ufeffTitle: A  \\r\\n\\r\\nBody.\\t\\r\\n\\r\\n")
    'Title: A\\n\\nBody.\\n'
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _TRAILING_SPACES.sub("", text).rstrip("\n") + "\n"


def checksum(text_without_checksum: str) -> str:
    return hashlib.sha256(text_without_checksum.encode("utf-8")).hexdigest()


def header_line(key: str, text: str) -> str:
    """One ``Key: value`` line. A key that is not a name, or a value on more than one line, is a
    bug upstream: it could write metadata the article does not have, so it raises ValueError.
    """
    if not KEY.fullmatch(key) or one_line(text) != text:
        raise ValueError(f"metadata {printable(key)!r}: {printable(text)!r} is not one line")
    return f"{key}: {text}\n"


def render(article: Article) -> str:
    """The whole Markdown file, checksum included. Deterministic: same article, same bytes."""
    header = "".join(header_line(key, text) for key, text in metadata_lines(article))
    body = strip_controls(article.body_markdown).strip() + "\n"
    unsigned = normalised(f"{header}\n{body}")
    return f"{header}{CHECKSUM_KEY}: {checksum(unsigned)}\n\n{body}"


def read_header(text: str) -> dict[str, str]:
    """The ``Key: value`` lines at the top of a Markdown file, keys lower-cased.

    >>> read_header("Title: A\\nRaw: seeds/a.txt\\n\\nBody: not metadata\\n")
    {'title': 'A', 'raw': 'seeds/a.txt'}
    """
    header: dict[str, str] = {}
    for line in text.lstrip("\ufeff").splitlines():
        match = _KEY_LINE.match(line)
        if not match:
            break
        header[match.group(1).lower()] = match.group(2).strip()
    return header


def edited_by_hand(text: str) -> bool:
    """True when a generated file no longer matches its checksum (an editor changed it).

    The text is compared once normalised (see ``normalised``), and as it is for checksums
    written before normalising. A file without a checksum was not generated here: it counts as
    the editor's own.
    """
    recorded = read_header(text).get(CHECKSUM_KEY.lower())
    if recorded is None:
        return True
    signature = rf"^{CHECKSUM_KEY}:[^\n]*\n"
    unsigned = re.sub(signature, "", normalised(text), count=1, flags=re.M)
    exact = re.sub(signature, "", text, count=1, flags=re.M)
    return recorded not in (checksum(unsigned), checksum(exact))
