"""Pelican glue: safe HTML, reading time, source, credit line and chronological neighbours.

It also holds the rules every page obeys, whatever the content says:

- ``content_object_init``: a content file (article, page, digest) cannot choose where it is
  written or how (``Save_as``, ``Url``, ``Template``, an unknown ``Status``: refused), its slug
  obeys ``newstext.safety`` (an unsafe one is an error and the file name's slug is used), and its
  language is a known code (an unknown one is an error and the site's ``DEFAULT_LANG`` is used);
- ``generator_init``: every Jinja environment autoescapes, and the one way to print HTML is the
  ``sanitised`` filter, which passes it through the allow-list of ``sanitise.safe_html`` (and
  ``article_html``, an article's body: its text as it passed the allow-list, or ``sanitised``);
- ``readers_init``: what every reader returns (text, formatted summary) passes the allow-list as
  it is read, and Pelican's reader cache keeps it safe (``sanitise.SafeHTML``); anything else
  is sanitised again on ``article_generator_finalized``.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
from pathlib import Path

from markupsafe import Markup
from newstext.safety import (
    has_controls,
    language_code,
    printable,
    slug_from,
    slug_problem,
    strip_controls,
)
from pelican import signals
from pelican.contents import Article, Page
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from .credit import credit_for, web_url
from .metadata_guard import refusal_message, refused_metadata
from .quick_markdown import QuickMarkdown
from .sanitise import SafeHTML, made_safe, safe_html

logger = logging.getLogger(__name__)


def annotate(generator) -> None:
    """On ``article_generator_finalized``: articles are read and sorted, not yet written."""
    articles = sorted(generator.articles, key=lambda a: (a.date, a.slug))
    for index, article in enumerate(articles):
        meta = article.metadata
        article._content = made_safe(article._content)
        if "summary" in meta:
            meta["summary"] = article._summary = made_safe(meta["summary"])
        article.source = meta.get("source")
        article.source_url = web_url(meta.get("source_url"))
        if meta.get("source_url") and not article.source_url:
            logger.warning(
                "%s: Source_url %r is not an http(s) address; it is not linked",
                article.relative_source_path, meta["source_url"],
            )  # fmt: skip
        article.credit = credit_for(meta)
        article.prev_article = articles[index - 1] if index > 0 else None
        article.next_article = articles[index + 1] if index + 1 < len(articles) else None


def shown_path(content) -> str:
    """The content file as an editor names it: ``content/articles/x.md``."""
    source = content.source_path or ""
    try:
        parent = Path(content.settings["PATH"]).resolve().parent
        return printable(Path(os.path.relpath(Path(source).resolve(), parent)).as_posix())
    except (KeyError, TypeError, ValueError):
        return printable(str(source))


def fallback_slug(content) -> str:
    """A safe slug for a file whose own is not: from its file name, else its title."""
    stem = Path(content.source_path or "").stem
    slug = slug_from(stem) or slug_from(getattr(content, "title", ""))
    if not slug:
        slug = "page-" + hashlib.sha256(str(content.source_path).encode()).hexdigest()[:10]
    return slug


SKIPPED = "status refused before reading"  # metadata key set by ``keep_skipped``


def keep_skipped(generator, metadata: dict) -> None:
    """On ``article_generator_context``/``page_generator_context``, before Pelican builds the
    object: ``Status: skip`` would make it drop the file silently, before ``guard_content``
    could name it. The status is kept aside, for ``guard_content`` to refuse with the path."""
    if metadata.get("status") == "skip":
        metadata[SKIPPED] = metadata.pop("status")


class _Shown:
    """``shown_path(content)`` when printed: a content file with nothing to report (nearly all
    of them) costs no path resolution."""

    def __init__(self, content) -> None:
        self.content = content

    def __str__(self) -> str:
        return shown_path(self.content)


def guard_content(content) -> None:
    """On ``content_object_init``: refuse what a content file may not set (see module doc)."""
    if not isinstance(content, Article | Page):
        return
    shown = _Shown(content)  # the path is worked out only for a message
    if SKIPPED in content.metadata:
        [(key, why)] = refused_metadata({"status": content.metadata.pop(SKIPPED)})
        content.__dict__.pop(SKIPPED, None)
        logger.error("%s", refusal_message(shown, key, why))
    for key, value in list(content.metadata.items()):
        if isinstance(value, str) and has_controls(value):
            logger.error(
                "%s: %s: has control characters (NUL, ESC...), which no page or feed can "
                "hold; they are left out: remove them from the file",
                shown, printable(key.capitalize()),
            )  # fmt: skip
            content.metadata[key] = strip_controls(value)
            if isinstance(content.__dict__.get(key), str):
                setattr(content, key, content.metadata[key])
    for key, why in refused_metadata(dict(content.metadata)):
        logger.error("%s", refusal_message(shown, key, why))
        content.metadata.pop(key, None)
        if key in ("save_as", "url"):
            content.__dict__.pop("override_" + key, None)
        elif key == "template":
            content.template = type(content).default_template
        elif key == "status":
            content.status = content.default_status
        elif key == "translations":
            content.translations = []
    problem = slug_problem(getattr(content, "slug", None))
    if problem:
        slug = fallback_slug(content)
        if "slug" in content.metadata:
            logger.error(
                "%s: Slug: %s; the page gets the slug %r (from its file name) instead",
                shown, printable(problem), slug,
            )  # fmt: skip
        content.slug = content.metadata["slug"] = slug
    default = str(content.settings.get("DEFAULT_LANG", "en")).lower()
    if "lang" in content.metadata:
        raw = content.metadata["lang"]
        code = language_code(raw)
        if code is None:
            logger.error(
                "%s: Lang: %r is not a language code (such as fr or en); the page is in the "
                "site's language, %r",
                shown, printable(str(raw)), default,
            )  # fmt: skip
            code = default
        content.lang = content.metadata["lang"] = code
    elif language_code(getattr(content, "lang", None)) is None:
        content.lang = default
    content.in_default_lang = content.lang == default


# A summary is printed on the article's page and on its card in several lists: its safe form
# is kept for the build's next prints (short texts only, a bounded number of them).
_MEMO_MAX_CHARS = 4096
_MEMO_MAX_ITEMS = 50_000
_memo: dict[str, str] = {}


def sanitised(html) -> Markup:
    """The ``sanitised`` filter: ``html`` through the allow-list, marked safe to print."""
    if not html:
        return Markup("")
    text = str(html)
    if len(text) > _MEMO_MAX_CHARS:
        return Markup(safe_html(text))
    found = _memo.get(text)
    if found is None:
        if len(_memo) >= _MEMO_MAX_ITEMS:
            _memo.clear()
        found = _memo[text] = safe_html(text)
    return Markup(found)


def article_html(article) -> Markup:
    """The ``article_html`` filter: the body of ``article`` for its page, as ``sanitised``
    gives it. Its own text is safe already (``SafeHTML``: read through the allow-list, then
    linked to its entities); Pelican fills in its intrasite links (``{filename}``...) when it
    is shown, so what Pelican gives goes through the allow-list again, unless it is that very
    text (no link was filled in: most articles, whose allow-list pass is then not repeated)."""
    content = article.content
    own = getattr(article, "_content", None)
    if type(own) is SafeHTML and content == own:
        return Markup(own)
    return sanitised(content)


def safe_readers(readers) -> None:
    """On ``readers_init``: every reader's HTML (the text and a formatted summary) goes
    through the allow-list as it is read, so that Pelican's reader cache keeps it safe and
    an unchanged file is not sanitised again by each build (``annotate`` passes what is
    already ``SafeHTML`` and sanitises anything else)."""
    for extension, reader in list(readers.reader_classes.items()):
        if reader and issubclass(reader, MarkdownReader) and reader.read is MarkdownReader.read:
            reader = _kept_markdown(reader)
        if reader:
            readers.reader_classes[extension] = _safe_reader(reader)


def _kept_markdown_read(self, source_path):
    """``MarkdownReader.read`` with one ``Markdown`` per reader, reset between files as
    Python-Markdown documents it, not one made for each file (a fifth of the reading), and one
    that converts plain paragraphs itself (``quick_markdown``: most of the rest). Pelican
    takes the ``meta`` preprocessor out to read the summary: it is put back, where it was."""
    md = self.__dict__.get("_kept_md")
    if md is None:
        md = self._kept_md = QuickMarkdown(**self.settings["MARKDOWN"])
        self._kept_meta = next(
            ((md.preprocessors[p.name], p.name, p.priority) for p in md.preprocessors._priority
             if p.name == "meta"),
            None,
        )  # fmt: skip
    else:
        md.reset()
        if self._kept_meta is not None and "meta" not in md.preprocessors:
            md.preprocessors.register(*self._kept_meta)
    self._source_path = source_path
    self._md = md
    with pelican_open(source_path) as text:
        content = md.convert(text)
    metadata = self._parse_metadata(md.Meta) if hasattr(md, "Meta") else {}
    return content, metadata


@functools.cache
def _kept_markdown(reader: type) -> type:
    return type(reader.__name__, (reader,), {"read": _kept_markdown_read,
                                              "__qualname__": reader.__qualname__})  # fmt: skip


@functools.cache
def _safe_reader(reader: type) -> type:
    def read(self, source_path):
        content, metadata = reader.read(self, source_path)
        if isinstance(content, str) and content:
            content = made_safe(content)
        if isinstance(metadata.get("summary"), str):
            metadata["summary"] = made_safe(metadata["summary"])
        return content, metadata

    # Pelican names a file's reader from its class ("markdown"): the same name.
    return type(reader.__name__, (reader,), {"read": read, "__qualname__": reader.__qualname__})


SCHEMA_TYPES = {"person": "Person", "place": "Place", "organisation": "Organization"}


def schema_mentions(entity_groups, lang: str) -> list[dict[str, str]]:
    """The ``schema_mentions`` filter: the schema.org ``mentions`` of an article's page, each
    entity of its ``entity_groups`` (kind, entities) with its type and its name in ``lang``.
    (One call for the page: the same list built in the template cost a call per entity.)"""
    return [
        {"@type": SCHEMA_TYPES.get(kind, "Thing"), "name": entity.name_in(lang)}
        for kind, entities in entity_groups
        for entity in entities
    ]


def named_in(entities, lang: str) -> list[tuple[object, str]]:
    """The ``named_in`` filter: each of ``entities`` with its name in ``lang``, as (entity,
    name) pairs: one call for the list, not one per name from the template."""
    return [(entity, entity.name_in(lang)) for entity in entities]


def text_starts_with(html, start: str) -> bool:
    """The ``text_starts_with`` filter: whether the text of ``html`` (``striptags|trim``, as
    Jinja makes it) starts with ``start``, read only as far as it needs (the page asks
    whether an article's body begins with its summary: a few words, not the whole body).

    The tags are taken out as ``Markup.striptags`` takes them out, from the beginning; once
    the text so far, its spaces collapsed, is as long as ``start`` and holds no ``&`` (a
    character reference could take characters from what follows), the rest of the text
    can only come after it.

    >>> text_starts_with("<p>Le <em>sommet</em> a eu lieu.</p><p>Suite</p>", "Le sommet a")
    True
    >>> text_starts_with("<p>AT&amp;T</p>", "AT&T"), text_starts_with("<p>Non</p>", "Oui")
    (True, False)
    """
    value = str(html.__html__() if hasattr(html, "__html__") else html)
    raw = ""
    at = 0
    while (opening := value.find("<", at)) != -1 and len(raw) < _TEXT_START_MAX:
        comment = value.startswith("<!--", opening)
        end = value.find("-->", opening + 4) if comment else value.find(">", opening)
        if end == -1:
            break  # not closed: the rest is text
        raw += value[at:opening]
        at = end + (3 if comment else 1)
        text = " ".join(raw.split())
        if "&" in text:
            break
        if len(text) >= len(start):
            return text.startswith(start)
    return Markup(value).striptags().strip().startswith(start)


_TEXT_START_MAX = 4096  # characters of text read so (then the whole text is made)


def install_html_rules(generator) -> None:
    """On ``generator_init``, before any template is compiled: autoescape everything; the
    article page's filters."""
    generator.env.autoescape = True
    generator.env.filters["sanitised"] = sanitised
    generator.env.filters["article_html"] = article_html
    generator.env.filters["schema_mentions"] = schema_mentions
    generator.env.filters["named_in"] = named_in
    generator.env.filters["text_starts_with"] = text_starts_with


def register() -> None:
    signals.article_generator_context.connect(keep_skipped)
    signals.page_generator_context.connect(keep_skipped)
    signals.content_object_init.connect(guard_content)
    signals.generator_init.connect(install_html_rules)
    signals.readers_init.connect(safe_readers)
    signals.article_generator_finalized.connect(annotate)
