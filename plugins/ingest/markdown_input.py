"""Parse a Markdown article whose editor already wrote its metadata.

Metadata is either Pelican style, "Key: value" lines at the top up to the first blank line
(a line indented by 4 spaces continues the value above), or YAML front matter between "---"
lines. Keys are case-insensitive; known keys fill ``ParsedArticle`` fields with how="editor",
the others go to ``extra`` verbatim, except the keys with which Pelican decides where and how a
page is written or whether it is published (``Save_as``, ``Template``, ``Status``...), the keys
ingest writes itself, and keys that are not names: those are left out with a warning. The body
is kept verbatim as Markdown, and stripped of Markdown syntax into plain
paragraphs for named-entity recognition.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re

from newstext import yamlfile
from newstext.safety import printable, slug_problem

from ingest.dates import PARIS, DateError, parse_date
from ingest.model import Found, IngestError, ParsedArticle, RawText

logger = logging.getLogger(__name__)

EDITOR = "editor"

# Metadata keys (lower case) and the ParsedArticle field each one fills.
FIELDS = {
    "title": "title",
    "date": "date",
    "author": "authors",
    "authors": "authors",
    "source": "source",
    "source_url": "source_url",
    "url": "source_url",
    "lang": "lang",
    "summary": "summary",
    "license": "license",
    "licence": "license",
    "attribution": "attribution",
    "slug": "slug",
}

# Keys Pelican reads as its own: where and how the page is written, with which template, whether
# it is published, and the attributes a Pelican article relies on (each metadata key becomes
# one). A test checks this against Pelican's Article class.
PELICAN_KEYS = frozenset({
    "save_as", "url", "lang_save_as", "lang_url", "override_save_as", "override_url",
    "template", "status", "translation", "settings", "content", "metadata", "translations",
    "in_default_lang", "source_path", "relative_source_path", "relative_dir", "filename",
    "date_format", "locale_date", "locale_modified", "timezone", "default_template",
    "default_status", "allowed_statuses", "mandatory_properties", "url_format", "is_valid",
    "get_content", "get_summary", "get_url_setting", "get_siteurl", "get_static_links",
    "get_relative_source_path", "refresh_metadata_intersite_links",
})  # fmt: skip
# Keys ingest writes itself in every article (see article_file.metadata_lines).
INGEST_KEYS = frozenset({
    "date_precision", "people", "places", "organisations", "found", "raw", "raw_sha256",
    "ingest_fingerprint", "ingest_checksum",
})  # fmt: skip
_EXTRA_KEY = re.compile(r"[a-z][a-z0-9_-]*")

_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)$")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)\s*$")


def split_authors(value: object) -> tuple[str, ...]:
    """Authors from a list, or a string separated by ";" or ",".

    >>> split_authors("Jean Dupont; Marie Curie"), split_authors(["Jane Doe", " John Roe "])
    (('Jean Dupont', 'Marie Curie'), ('Jane Doe', 'John Roe'))
    """
    items = value if isinstance(value, list) else re.split(r"[;,]", str(value))
    return tuple(name for name in (str(item).strip() for item in items) if name)


def scalar_text(value: object) -> str:
    """A metadata value as text: lists joined with ", ", None as "".

    >>> scalar_text(["a", 1]), scalar_text(None), scalar_text(True)
    ('a, 1', '', 'true')
    """
    if isinstance(value, list):
        return ", ".join(scalar_text(item) for item in value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def pelican_metadata(lines: list[str]) -> tuple[list[tuple[str, str, int]], int]:
    """Pelican-style metadata at the top: (key, value, line) triples and the number of lines
    they take (the blank line after them included). No metadata when the first line is not
    "Key: value".

    >>> pelican_metadata(["Title: Kim", "Tags: Russie,", "    Corée du Nord", "", "Texte"])
    ([('title', 'Kim', 1), ('tags', 'Russie, Corée du Nord', 2)], 4)
    """
    entries: list[tuple[str, str, int]] = []
    for index, line in enumerate(lines):
        if not line.strip():
            return entries, index + 1 if entries else 0
        match = _META_LINE.match(line)
        continuation = _CONTINUATION.match(line)
        if match:
            entries.append((match["key"].lower(), match["value"].strip(), index + 1))
        elif continuation and entries:
            key, value, number = entries[-1]
            entries[-1] = (key, f"{value} {continuation['value'].strip()}".strip(), number)
        else:
            return (entries, index) if entries else ([], 0)
    return entries, len(lines)


def yaml_metadata(lines: list[str], path: str) -> tuple[list[tuple[str, object, int]], int]:
    """YAML front matter between a first line "---" and the next "---" (or "..."): (key, value,
    line) triples and the number of lines taken. Raises ``IngestError`` with the line for
    invalid YAML or front matter that is not closed."""
    end = next((i for i in range(1, len(lines)) if _FRONT_MATTER_END.match(lines[i])), None)
    if end is None:
        raise IngestError(
            path, 'front matter is not closed: add a line "---" after the metadata', line=1
        )
    text = "\n".join(lines[1:end])
    try:
        document = yamlfile.load_yaml(
            text, path, first_line=2, max_chars=yamlfile.METADATA_MAX_CHARS
        )
    except yamlfile.YamlSyntaxError as error:
        message = f"front matter is not valid YAML: {error.message}"
        raise IngestError(path, message, line=error.line) from None
    except yamlfile.YamlFileError as error:
        raise IngestError(path, f"front matter {error.message}", line=error.line) from None
    data, key_lines = document.data, document.key_lines
    if data is None:
        return [], end + 1
    if not isinstance(data, dict):
        raise IngestError(path, 'front matter must be "key: value" lines', line=2)
    entries = [(str(k).lower(), v, key_lines.get(str(k).lower(), 2)) for k, v in data.items()]
    return entries, end + 1


# --------------------------------------------------------------------------------------------
# Markdown to plain text

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_BLOCK_MARKER = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")
_SETEXT_OR_RULE = re.compile(r"^\s{0,3}(?:[=]+|[-*_](?:\s*[-*_]){2,})\s*$")
_INLINE_RULES = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: their alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<[^>\n]+>"), ""),  # inline HTML tags and autolinks
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"`+([^`]+)`+"), r"\1"),  # code spans
    (re.compile(r"\s+#+\s*$"), ""),  # closing hashes of an ATX heading
]
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_PRIVATE_USE = 0xE000  # escaped characters are parked here while markup is removed


def markdown_to_text(line: str) -> str:
    """One line of Markdown as plain text: links and images to their text, emphasis, code
    marks, inline HTML and escapes removed, entities decoded.

    >>> markdown_to_text("**Kim** a vu [Poutine](https://x.example) à *Vostotchny* \\\\*")
    'Kim a vu Poutine à Vostotchny *'
    """
    line = _ESCAPED.sub(lambda match: chr(_PRIVATE_USE + ord(match[1])), line)
    for pattern, replacement in _INLINE_RULES:
        line = pattern.sub(replacement, line)
    line = re.sub("[\ue000-\ue07f]", lambda match: chr(ord(match[0]) - _PRIVATE_USE), line)
    return html.unescape(line).strip()


def markdown_paragraphs(body: str) -> list[str]:
    """The plain-text paragraphs of a Markdown body, for named-entity recognition: blocks split
    on blank lines, each list item, heading and quote line its own paragraph, heading "#" and
    list markers dropped, fenced code, reference definitions and rules skipped.

    >>> markdown_paragraphs("# Titre\\n\\nUn *texte*\\nsur deux lignes.\\n\\n- un\\n- deux")
    ['Titre', 'Un texte sur deux lignes.', 'un', 'deux']
    """
    paragraphs: list[str] = []
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        text = " ".join(part for part in current if part)
        if text:
            paragraphs.append(text)
        current.clear()

    in_quote = False
    for line in body.split("\n"):
        quote = line.lstrip().startswith(">")
        if _FENCE.match(line):
            in_fence = not in_fence
            flush()
        elif in_fence or _REFERENCE_DEFINITION.match(line) or _SETEXT_OR_RULE.match(line):
            continue
        elif not line.strip():
            flush()
        elif _BLOCK_MARKER.match(line):
            if not (quote and in_quote):
                flush()
            current.append(markdown_to_text(_BLOCK_MARKER.sub("", line, count=1)))
            if not quote:
                flush()
        else:
            current.append(markdown_to_text(line))
        in_quote = quote
    flush()
    return paragraphs


# --------------------------------------------------------------------------------------------
# The whole file


def _field_value(name: str, value: object, tz: dt.tzinfo, path: str, line: int) -> object:
    if name == "authors":
        return split_authors(value)
    if name == "date":
        try:
            return parse_date(scalar_text(value), tz)
        except DateError as error:
            raise IngestError(path, str(error), line=line) from None
    text = scalar_text(value).strip()
    if name == "slug" and text and (problem := slug_problem(text)):
        raise IngestError(path, problem, line=line)
    return text


def extra_key_problem(key: str) -> str | None:
    """Why metadata ``key`` (lower case) is not carried into the article, or None.

    >>> extra_key_problem("tags") is None, extra_key_problem("raw")
    (True, 'is written by ingest itself')
    """
    if key in PELICAN_KEYS:
        return "is Pelican's own (where and how the page is written, or whether it is published)"
    if key in INGEST_KEYS:
        return "is written by ingest itself"
    if not _EXTRA_KEY.fullmatch(key):
        return 'is not a name (letters, digits, "_" and "-", starting with a letter)'
    return None


def apply_metadata(
    entries: list[tuple[str, object, int]], path: str, tz: dt.tzinfo = PARIS
) -> tuple[dict[str, Found], dict[str, str]]:
    """Known keys (``FIELDS``) to Found(value, "editor", line) per field; unknown keys to
    ``extra`` as text, but for those of ``extra_key_problem``, left out with a warning. A key
    given twice keeps its first value. A date that is not a date or not a real day, or a slug
    that ``newstext.safety`` refuses, raises ``IngestError`` with its line."""
    fields: dict[str, Found] = {}
    extra: dict[str, str] = {}
    for key, value, line in entries:
        name = FIELDS.get(key)
        if name is None and (problem := extra_key_problem(key)):
            logger.warning(
                "%s:%s: metadata %r %s; it is left out of the article",
                path,
                line,
                printable(key),
                problem,
            )
        elif name is None:
            extra.setdefault(key, scalar_text(value))
        elif name not in fields:
            found = _field_value(name, value, tz, path, line)
            if found not in ("", ()):
                fields[name] = Found(found, EDITOR, line=line)
    return fields, extra


def parse_markdown(raw: RawText, tz: dt.tzinfo = PARIS) -> ParsedArticle:
    """Read a Markdown article with Pelican-style or YAML metadata at the top (or none).

    Raises ``IngestError`` for invalid front matter, a wrong date or a body with no text.
    """
    lines = raw.text.split("\n")
    if lines and lines[0].strip() == "---":
        entries, taken = yaml_metadata(lines, raw.path)
    else:
        pelican_entries, taken = pelican_metadata(lines)
        entries = list(pelican_entries)
    fields, extra = apply_metadata(entries, raw.path, tz)
    body = "\n".join(lines[taken:]).strip("\n")
    paragraphs = markdown_paragraphs(body)
    if paragraphs and "title" in fields and paragraphs[0] == fields["title"].value:
        paragraphs = paragraphs[1:]  # a heading that repeats the title is not body text
    if not paragraphs:
        raise IngestError(
            raw.path,
            "no article text: the file has metadata but no body; write the article after the "
            "metadata and a blank line",
        )
    return ParsedArticle(
        path=raw.path,
        kind=raw.kind,
        paragraphs=paragraphs,
        body_markdown=body,
        extra=extra,
        **fields,
    )
