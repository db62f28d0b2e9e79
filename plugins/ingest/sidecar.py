"""Read the optional sidecar beside a raw file, where an editor states what they know.

``seeds/x.txt`` may have one of ``seeds/x.yml``, ``seeds/x.yaml`` or ``seeds/x.json`` with keys
such as title, date, url, licence, attribution, source, authors, lang, slug, summary. The corpus
sidecars (``source_name``, ``language``, ``license``, ``dateline``...) read the same way. What a
sidecar says wins over what the raw file says; that is the converter's business, not this one's.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from pathlib import Path, PurePosixPath

from newstext import yamlfile
from newstext.safety import slug_problem

from ingest.dates import PARIS, DateError, parse_date
from ingest.markdown_input import scalar_text, split_authors
from ingest.model import Found, IngestError

logger = logging.getLogger(__name__)

HOW = "editor (sidecar)"
SUFFIXES = (".yml", ".yaml", ".json")

# Sidecar keys (lower case) and the ParsedArticle field each fills; for one field, the key
# listed first wins ("date" over "dateline", "source_url" over "url").
KEYS = {
    "title": "title",
    "date": "date",
    "dateline": "date",
    "source_url": "source_url",
    "url": "source_url",
    "license": "license",
    "licence": "license",
    "attribution": "attribution",
    "source": "source",
    "source_name": "source",
    "authors": "authors",
    "author": "authors",
    "lang": "lang",
    "language": "lang",
    "slug": "slug",
    "summary": "summary",
}


def sidecar_paths(raw_path: Path) -> list[Path]:
    """The sidecars that exist beside ``raw_path``: same stem, suffix .yml, .yaml or .json."""
    return [
        raw_path.with_suffix(suffix)
        for suffix in SUFFIXES
        if raw_path.with_suffix(suffix).is_file()
    ]


def _display(display: str, sidecar: Path) -> str:
    return str(PurePosixPath(display).with_name(sidecar.name))


def _json_key_lines(text: str) -> dict[str, int]:
    """The line of the first `"key":` of each key in JSON text (nested keys included: a
    best effort for error messages only)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        for key in re.findall(r'"((?:[^"\\]|\\.)*)"\s*:', line):
            lines.setdefault(key.lower(), number)
    return lines


def load_json(text: str, display: str) -> tuple[object, dict[str, int]]:
    """JSON data and the line of each key; a syntax error is an ``IngestError`` with its line."""
    try:
        return json.loads(text), _json_key_lines(text)
    except json.JSONDecodeError as error:
        raise IngestError(display, f"not valid JSON: {error.msg}", line=error.lineno) from None


def load_yaml(text: str, display: str) -> tuple[object, dict[str, int]]:
    """YAML data (dates kept as text) and the line of each top-level key; a syntax error, an
    alias or a document too big is an ``IngestError`` with its line (see ``newstext.yamlfile``)."""
    try:
        document = yamlfile.load_yaml(text, display, max_chars=yamlfile.METADATA_MAX_CHARS)
    except yamlfile.YamlSyntaxError as error:
        raise IngestError(display, f"not valid YAML: {error.message}", line=error.line) from None
    except yamlfile.YamlFileError as error:
        raise IngestError(display, error.message, line=error.line) from None
    return document.data, document.key_lines


def _value(name: str, key: str, value: object, display: str, line: int | None, tz: dt.tzinfo):
    if name == "authors":
        if isinstance(value, dict):
            raise IngestError(display, f'"{key}" must be a name or a list of names', line=line)
        return split_authors(value)
    if isinstance(value, (dict, list)):
        raise IngestError(display, f'"{key}" must be a single value, not a list', line=line)
    if name == "date":
        try:
            return parse_date(scalar_text(value), tz)
        except DateError as error:
            raise IngestError(display, str(error), line=line) from None
    text = scalar_text(value).strip()
    if name == "slug" and text and (problem := slug_problem(text)):
        raise IngestError(display, problem, line=line)
    return text


def sidecar_fields(
    data: object, lines: dict[str, int], display: str, tz: dt.tzinfo = PARIS
) -> dict[str, Found]:
    """Sidecar data to Found(value, "editor (sidecar)") per ParsedArticle field (see ``KEYS``).
    Empty values are skipped; unknown keys are logged at debug level and ignored."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise IngestError(display, 'a sidecar must be "key: value" pairs, like "title: ..."')
    given = {str(key).lower(): value for key, value in data.items()}
    for key in given:
        if key not in KEYS:
            logger.debug("%s: ignoring unknown key %r", display, key)
    found: dict[str, Found] = {}
    for key, name in KEYS.items():
        if key not in given or name in found or given[key] in (None, "", []):
            continue
        value = _value(name, key, given[key], display, lines.get(key), tz)
        if value not in ("", ()):
            found[name] = Found(value, HOW)
    return found


def read_sidecar(raw_path: Path, display: str, tz: dt.tzinfo = PARIS) -> dict[str, Found]:
    """What the sidecar of ``raw_path`` states, keyed by ParsedArticle field name ({} when there
    is none). ``display`` is the raw file as shown to editors; errors name the sidecar, with the
    line when known. Two sidecars for one file are an error."""
    paths = sidecar_paths(raw_path)
    if len(paths) > 1:
        names = " and ".join(path.name for path in paths)
        raise IngestError(display, f"has two sidecars, {names}: keep only one")
    if not paths:
        return {}
    shown = _display(display, paths[0])
    try:
        text = paths[0].read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise IngestError(shown, "is not valid UTF-8: save it again as UTF-8") from None
    except OSError as error:
        raise IngestError(shown, f"cannot read the file: {error.strerror}") from None
    load = load_json if paths[0].suffix == ".json" else load_yaml
    data, lines = load(text, shown)
    return sidecar_fields(data, lines, shown, tz)
