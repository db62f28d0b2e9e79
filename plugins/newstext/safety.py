"""The rules every value from an input obeys before it becomes a URL, a path or a language. Pure.

Every input is hostile: a slug, a language code or a file name written in a sidecar, in Markdown
metadata or in a saved web page decides where a file is written and what a page prints. These
functions are the one place that says what is accepted; ingest, entities, timelines and the theme
all ask them, so that no value can be safe in one place and dangerous in another.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

SLUG_MAX_CHARS = 100
_SAFE_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def slug_problem(slug: object) -> str | None:
    """Why ``slug`` cannot name a page, or None when it can.

    A slug is lower-case ASCII letters and digits, in words joined by single hyphens or
    underscores, at most ``SLUG_MAX_CHARS`` long: it can never name a folder (``/``, ``..``), a
    hidden file, a scheme (``javascript:``) or break out of an HTML attribute.

    >>> slug_problem("poutine-et-kim-jong-un") is None
    True
    >>> slug_problem("../../etc/x")
    "'../../etc/x' is not a slug: use lower-case letters, digits and single hyphens (a-z, 0-9, -)"
    >>> slug_problem("")
    'the slug is empty'
    """
    if not isinstance(slug, str) or not slug:
        return "the slug is empty"
    if len(slug) > SLUG_MAX_CHARS:
        return f"the slug is {len(slug)} characters long; at most {SLUG_MAX_CHARS} are allowed"
    if not _SAFE_SLUG.fullmatch(slug):
        shown = _CONTROL.sub("?", slug)
        return (
            f"{shown!r} is not a slug: use lower-case letters, digits and single hyphens "
            "(a-z, 0-9, -)"
        )
    return None


def slug_from(text: object, max_chars: int = SLUG_MAX_CHARS) -> str:
    """A safe slug made of the words of ``text`` (ASCII, lower case), never cut inside a word;
    ``""`` when ``text`` has no letter or digit.

    >>> slug_from("Poutine & Kim: «très content» <script>")
    'poutine-kim-tres-content-script'
    >>> slug_from("../../etc/passwd"), slug_from("«»")
    ('etc-passwd', '')
    """
    from unidecode import unidecode

    words = re.sub(r"[^a-z0-9]+", " ", unidecode(str(text or "")).lower()).split()
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_chars:
            break
        slug = candidate
    return slug or (words[0][:max_chars] if words else "")


def bounded_slug(slug: str, max_chars: int = SLUG_MAX_CHARS) -> str:
    """``slug`` when it fits in ``max_chars``, else its start and a digest of the whole slug:
    the same long slug always gives the same short one, and two long slugs sharing their start
    still differ.

    >>> bounded_slug("vladimir-poutine")
    'vladimir-poutine'
    >>> long = "a" * 300
    >>> short = bounded_slug(long, 40)
    >>> short, len(short), is_safe_slug(short)
    ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaa-9835fa6bf4', 40, True)
    """
    if len(slug) <= max_chars:
        return slug
    digest = hashlib.sha256(slug.encode("utf-8")).hexdigest()[:10]
    start = slug[: max_chars - len(digest) - 1].rstrip("-_")
    return f"{start}-{digest}" if start else digest


def page_url(folder: str, slug: object, suffix: str = ".html") -> str:
    """The relative URL of a generated page, ``folder/slug.html``; ValueError when ``slug`` is
    not safe, so that no unsafe value ever becomes a URL or a path.

    >>> page_url("digests", "la-semaine")
    'digests/la-semaine.html'
    >>> page_url("digests", "../x")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: '../x' is not a slug: use lower-case letters, digits and single hyphens ...
    """
    problem = slug_problem(slug)
    if problem:
        raise ValueError(problem)
    return f"{folder}/{slug}{suffix}"


def is_safe_slug(slug: object) -> bool:
    """True when ``slug`` may name a page (see ``slug_problem``).

    >>> is_safe_slug("a-b_c1"), is_safe_slug("A"), is_safe_slug("a//b"), is_safe_slug('"x')
    (True, False, False, False)
    """
    return slug_problem(slug) is None


@lru_cache(maxsize=1)
def known_languages() -> frozenset[str]:
    """ISO 639 language codes that CLDR (through Babel) knows: ``fr``, ``en``, ``ar``, ``zh``..."""
    from babel import localedata

    return frozenset(identifier.split("_")[0] for identifier in localedata.locale_identifiers())


def language_code(value: object) -> str | None:
    """The language code ``value`` names (``fr``, ``en``, ``pt``), or None if it names none.

    Accepts the forms pages and editors write (``fr``, ``FR``, ``fr-CA``, ``en_GB``) and keeps the
    language alone; anything else (``"><script>``, ``xx``, ``french``) is None.

    >>> language_code("fr-CA"), language_code(" EN_gb "), language_code("x<script>")
    ('fr', 'en', None)
    """
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*", value)
    if not match:
        return None
    code = match.group(1).lower()
    return code if code in known_languages() else None


def printable(text: str) -> str:
    """``text`` with control characters (newlines, ANSI escapes, NUL) shown as ``?``.

    For file names and other values that reach a terminal, a log line or a metadata line.

    >>> printable("seeds/a\\nTitle: x\\x1b[31m.txt")
    'seeds/a?Title: x?[31m.txt'
    """
    return _CONTROL.sub("?", text)


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def strip_controls(text: str) -> str:
    """``text`` without the control characters XML 1.0 cannot hold (NUL, ESC...): news text has
    no use for them, and a single one in a title stops every feed that carries it. Tabs and
    line breaks stay.

    >>> strip_controls("Sommet\\x00 de\\x1b[31m Bruxelles\\n")
    'Sommet de[31m Bruxelles\\n'
    """
    return _NOT_XML.sub("", text)


def has_controls(text: str) -> bool:
    """True when ``text`` holds a character ``strip_controls`` removes.

    >>> has_controls("a\\tb\\n"), has_controls("a\\x1bb")
    (False, True)
    """
    return _NOT_XML.search(text) is not None


def inside(root: Path, path: Path) -> bool:
    """True when ``path`` resolves (symlinks followed) to ``root`` or somewhere below it.

    Compares resolved paths part by part, never string prefixes (``/site/output-old`` is not
    inside ``/site/output``).

    >>> inside(Path("/site/output"), Path("/site/output/a/../b.html"))
    True
    >>> inside(Path("/site/output"), Path("/site/output-old/b.html"))
    False
    """
    root_path, resolved = os.path.realpath(root), os.path.realpath(path)
    return resolved == root_path or resolved.startswith(root_path.rstrip(os.sep) + os.sep)


def path_inside(root: Path, relative: str | Path) -> Path:
    """``root / relative``, or ValueError saying why when it would land outside ``root``.

    >>> path_inside(Path("/site/output"), "entities/a.html").as_posix()
    '/site/output/entities/a.html'
    >>> path_inside(Path("/site/output"), "../../etc/passwd")
    Traceback (most recent call last):
    ...
    ValueError: '../../etc/passwd' would be written outside /site/output
    """
    candidate = root / relative
    if Path(relative).is_absolute() or not inside(root, candidate):
        raise ValueError(f"{printable(str(relative))!r} would be written outside {root}")
    return candidate


class OutputGuard:
    """``path_inside`` for the many files of one build: the same answers, with each folder
    resolved once (a site writes thousands of files into a few folders). Make one per build:
    folders are taken not to change while it lasts.

    >>> guard = OutputGuard(Path("/site/output"))
    >>> guard.inside("entities/a.html"), guard.inside("../etc/passwd"), guard.inside("/etc/x")
    (True, False, False)
    """

    def __init__(self, root: Path):
        self.root = os.path.realpath(root)
        self._folders: dict[str, str] = {}
        self.given = root

    def inside(self, relative: str) -> bool:
        if os.path.isabs(relative):
            return False
        candidate = os.path.join(self.given, relative)
        folder, name = os.path.split(candidate)
        if name in ("", ".", ".."):
            resolved = os.path.realpath(candidate)
        else:
            known = self._folders.get(folder)
            if known is None:
                known = self._folders[folder] = os.path.realpath(folder)
            resolved = os.path.join(known, name)
            if os.path.islink(resolved):  # the file itself may point elsewhere
                resolved = os.path.realpath(resolved)
        return resolved == self.root or resolved.startswith(self.root.rstrip(os.sep) + os.sep)
