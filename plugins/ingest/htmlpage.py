"""Parse a saved HTML news page: main text with trafilatura, metadata fixed where it errs.

trafilatura finds the article body and most metadata; FIELD-NOTES.md says where it is wrong: the
title often carries "| Site" (fixed here from the on-page <h1> or the site name), and the date is
best taken from htmldate with ``original_date=True``. The body is rebuilt from trafilatura's
extracted tree as escaped plain text, so no tag, handler or URL of the page reaches the Markdown.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass, field

import htmldate
import lxml.html
import trafilatura
from lxml import etree

from ingest.model import DateValue, Found, IngestError, ParsedArticle, RawText
from ingest.plaintext import PARIS, escape_markdown, word_set

logger = logging.getLogger(__name__)

NO_TEXT = (
    "no article text found in this HTML page: save the complete article page again "
    "(not the home page or a cut-short file), or paste the article's text into a .txt file"
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"\s+")
_TITLE_SEPARATORS = (" | ", " - ", " — ", " – ", " · ", " :: ")
_FURNITURE_WORDS = word_set(
    "digg reddit facebook twitter x linkedin whatsapp telegram pinterest flipboard email e-mail "
    "mail messenger bluesky mastodon share partager partagez imprimer print tweet envoyer send "
    "copier copy lien link sur on par by via this article cet le la l’article"
)
_TRAILING_FURNITURE = re.compile(
    r"\s*(?:read more|lire la suite|lire aussi|en savoir plus|continue reading)\W*$", re.IGNORECASE
)


def squash(text: str | None) -> str:
    """Whitespace runs made one space, ends stripped; None gives "".

    >>> squash("  Le\\n  président ")
    'Le président'
    """
    return _SPACES.sub(" ", text or "").strip()


# --------------------------------------------------------------------------------------------
# What the page's head says, read directly so that each value's origin can be named


@dataclass
class PageMeta:
    """Metadata read from the page itself: ``meta`` maps "property=og:title", "name=author"...
    to content; ``ld`` is the first JSON-LD object whose @type ends in "Article"."""

    meta: dict[str, str] = field(default_factory=dict)
    title_tag: str = ""
    h1s: list[str] = field(default_factory=list)
    canonical: str = ""
    html_lang: str = ""
    ld: dict = field(default_factory=dict)


def _html_tree(text: str) -> lxml.html.HtmlElement | None:
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _json_ld_article(tree: lxml.html.HtmlElement) -> dict:
    """The first JSON-LD object typed as an article ("NewsArticle", "Article"...), or {}."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
            kinds = item.get("@type", "")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(str(kind).endswith("Article") for kind in kinds):
                return item
    return {}


def page_meta(tree: lxml.html.HtmlElement) -> PageMeta:
    """Read <meta>, <title>, <h1>, <link rel=canonical>, <html lang> and JSON-LD."""
    meta = PageMeta()
    for element in tree.xpath("//meta[@content]"):
        for attribute in ("property", "name", "itemprop"):
            key = (element.get(attribute) or "").strip().lower()
            if key:
                meta.meta.setdefault(f"{attribute}={key}", squash(element.get("content")))
    meta.title_tag = squash(tree.findtext(".//title"))
    meta.h1s = [squash(h1.text_content()) for h1 in tree.iter("h1")]
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    meta.canonical = squash(canonical[0]) if canonical else ""
    meta.html_lang = squash(tree.get("lang") or tree.get("xml:lang"))
    meta.ld = _json_ld_article(tree)
    return meta


def _ld_names(value: object) -> list[str]:
    """Names in a JSON-LD author or publisher value: a string, an object or a list of them."""
    items = value if isinstance(value, list) else [value]
    names = [item.get("name") if isinstance(item, dict) else item for item in items]
    return [squash(str(name)) for name in names if name]


# --------------------------------------------------------------------------------------------
# Fixing trafilatura's metadata


def same(a: str, b: str) -> bool:
    """Texts equal when case and spacing are ignored.

    >>> same(" Le  Monde", "le monde")
    True
    """
    return bool(a) and squash(a).casefold() == squash(b).casefold()


def strip_site_suffix(title: str, site_names: list[str]) -> str:
    """The title without a trailing " | X", " - X", " — X" (or " – ", " · ") when X is one of
    the site's names.

    >>> strip_site_suffix("Kim et Poutine se retrouvent | Le Journal", ["Le Journal"])
    'Kim et Poutine se retrouvent'
    >>> strip_site_suffix("Kim et Poutine - Vostotchny", ["Le Journal"])
    'Kim et Poutine - Vostotchny'
    """
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and any(same(tail, name) for name in site_names):
            return head.strip()
    return title


def h1_title(title: str, h1s: list[str]) -> str | None:
    """The on-page <h1> that the title starts with (alone, or followed by a separator such as
    " | Site"), else None.

    >>> h1_title("Kim et Poutine | Le Journal", ["Le Journal", "Kim et Poutine"])
    'Kim et Poutine'
    >>> h1_title("Kim et Poutine se retrouvent", ["Kim"]) is None
    True
    """
    for h1 in h1s:
        if not h1 or not title.casefold().startswith(h1.casefold()):
            continue
        rest = title[len(h1) :]
        if not rest.strip() or rest.startswith(_TITLE_SEPARATORS) or rest.lstrip().startswith(":"):
            return h1
    return None


def _title(found: str, page: PageMeta, site_names: list[str]) -> Found | None:
    """The page title: the <h1> it starts with, or the title without a " | Site" suffix."""
    headline = squash(page.ld.get("headline")) if isinstance(page.ld.get("headline"), str) else ""
    found = squash(found) or headline or page.meta.get("property=og:title", "")
    if not found:
        return Found(page.h1s[0], "html <h1>") if page.h1s and page.h1s[0] else None
    h1 = h1_title(found, page.h1s)
    if h1:
        return Found(h1, "html <h1>")
    origins = [
        (page.meta.get("property=og:title", ""), "html <meta property=og:title>"),
        (page.meta.get("name=twitter:title", ""), "html <meta name=twitter:title>"),
        (page.title_tag, "html <title>"),
        (headline, "html JSON-LD headline"),
    ]
    how = next(
        (how for text, how in origins if text and h1_title(text, [found])),
        "html title (trafilatura)",
    )
    return Found(strip_site_suffix(found, site_names), how)


def _source(sitename: str | None, page: PageMeta) -> Found | None:
    sitename = squash(sitename)
    if not sitename:
        return None
    if same(sitename, page.meta.get("property=og:site_name", "")):
        return Found(sitename, "html <meta property=og:site_name>")
    if any(same(sitename, name) for name in _ld_names(page.ld.get("publisher"))):
        return Found(sitename, "html JSON-LD publisher")
    return Found(sitename, "html site name (trafilatura)")


def _authors(author: str | None, page: PageMeta) -> Found | None:
    names = tuple(name for name in (squash(n) for n in (author or "").split(";")) if name)
    if not names:
        return None
    meta_names = [squash(n) for n in re.split(r"[;,]", page.meta.get("name=author", ""))]
    if all(any(same(name, other) for other in meta_names) for name in names):
        return Found(names, "html <meta name=author>")
    ld_names = _ld_names(page.ld.get("author"))
    if all(any(same(name, other) for other in ld_names) for name in names):
        return Found(names, "html JSON-LD author")
    return Found(names, "html byline (trafilatura)")


def page_date(html: str, tz: dt.tzinfo = PARIS) -> Found | None:
    """The publication date from htmldate (``original_date=True``): precision "minute" when it
    gives a time with an offset or a time other than midnight, else "day" at midnight in ``tz``.
    """
    found = htmldate.find_date(html, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S%z")
    if not found:
        return None
    when = dt.datetime.fromisoformat(found)
    if when.tzinfo is not None:
        return Found(DateValue(when.astimezone(tz), "minute"), "html date (htmldate)")
    if when.time() != dt.time():
        return Found(DateValue(when.replace(tzinfo=tz), "minute"), "html date (htmldate)")
    return Found(DateValue(when.replace(tzinfo=tz), "day"), "html date (htmldate)")


def _lang(page: PageMeta, detected: str | None) -> Found | None:
    if page.html_lang:
        return Found(page.html_lang.split("-")[0].split("_")[0].lower(), "html <html lang>")
    locale = page.meta.get("property=og:locale", "")
    if locale:
        return Found(locale.split("_")[0].split("-")[0].lower(), "html <meta property=og:locale>")
    return Found(detected, "html language (trafilatura)") if detected else None


def _source_url(page: PageMeta, found: str | None) -> Found | None:
    candidates = [
        (page.canonical, "html <link rel=canonical>"),
        (page.meta.get("property=og:url", ""), "html <meta property=og:url>"),
        (squash(found), "html url (trafilatura)"),
    ]
    for url, how in candidates:
        if url.startswith(("http://", "https://")):
            return Found(url, how)
    return None


def _summary(page: PageMeta, description: str | None) -> Found | None:
    for key in ("name=description", "property=og:description"):
        if page.meta.get(key):
            return Found(page.meta[key], f"html <meta {key}>")
    return Found(squash(description), "html description (trafilatura)") if description else None


# --------------------------------------------------------------------------------------------
# The body


def is_page_furniture(text: str) -> bool:
    """A block that is only share buttons or similar page furniture: every word is one of
    "Digg", "Reddit", "Facebook", "Partager", "Imprimer", "Email"...

    >>> is_page_furniture("Digg Reddit Email"), is_page_furniture("Partager sur Facebook")
    (True, True)
    >>> is_page_furniture("Reddit a été introduit en bourse")
    False
    """
    words = [word.strip("|•·,:;()[]").casefold() for word in text.split()]
    words = [word for word in words if word]
    return bool(words) and all(word in _FURNITURE_WORDS for word in words)


def _block_text(element: etree._Element) -> str:
    for line_break in element.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    return _TRAILING_FURNITURE.sub("", squash("".join(element.itertext())))


def extracted_blocks(body: etree._Element) -> list[tuple[str, str]]:
    """trafilatura's extracted tree as (kind, text) blocks: kind is "head", "p", "item" (one per
    list item), "quote" or "row" (table cells joined by " | "); furniture blocks are dropped."""
    blocks: list[tuple[str, str]] = []
    for element in body:
        if element.tag == "list":
            blocks.extend(("item", _block_text(item)) for item in element.iter("item"))
        elif element.tag == "table":
            for row in element.iter("row"):
                cells = [_block_text(cell) for cell in row.iter("cell")]
                blocks.append(("row", " | ".join(cell for cell in cells if cell)))
        elif element.tag in ("head", "quote"):
            blocks.append((element.tag, _block_text(element)))
        else:
            blocks.append(("p", _block_text(element)))
    return [(kind, text) for kind, text in blocks if text and not is_page_furniture(text)]


_MARKERS = {"head": "## ", "item": "- ", "quote": "> ", "p": "", "row": ""}


def blocks_markdown(blocks: list[tuple[str, str]]) -> str:
    """Blocks as Markdown: each text escaped (see ``escape_markdown``), headings as "## ",
    list items as "- ", quotes as "> "; consecutive list items form one list.

    >>> print(blocks_markdown([("head", "Un lieu"), ("item", "un"), ("item", "<b>deux</b>")]))
    ## Un lieu
    <BLANKLINE>
    - un
    - &lt;b>deux&lt;/b>
    """
    parts: list[str] = []
    previous = ""
    for kind, text in blocks:
        joiner = "\n" if kind == previous == "item" else "\n\n"
        parts.append((joiner if parts else "") + _MARKERS[kind] + escape_markdown(text))
        previous = kind
    return "".join(parts)


def _extract(html: str) -> trafilatura.settings.Document | None:
    try:
        return trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            favor_precision=True,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
        )
    except (ValueError, etree.LxmlError) as error:  # trafilatura lets some lxml errors through
        logger.debug("trafilatura failed: %s", error)
        return None


def parse_html_page(raw: RawText, tz: dt.tzinfo = PARIS) -> ParsedArticle:
    """Read a saved HTML article page. Raises ``IngestError`` (``NO_TEXT``) when no article text
    can be found in it (a home page, a cut-short or empty file)."""
    html = _XML_DECLARATION.sub("", raw.text, count=1)
    tree = _html_tree(html)
    document = _extract(html) if tree is not None else None
    if document is None or document.body is None:
        raise IngestError(raw.path, NO_TEXT)
    page = page_meta(tree)
    site_names = [document.sitename or "", page.meta.get("property=og:site_name", "")]
    site_names += _ld_names(page.ld.get("publisher"))
    title = _title(document.title or "", page, site_names)
    blocks = extracted_blocks(document.body)
    if title is not None:
        blocks = [b for b in blocks if not (b[0] == "head" and same(b[1], str(title.value)))]
    paragraphs = [text for kind, text in blocks if kind != "head"]
    if not paragraphs:
        raise IngestError(raw.path, NO_TEXT)
    return ParsedArticle(
        path=raw.path,
        kind=raw.kind,
        paragraphs=paragraphs,
        body_markdown=blocks_markdown(blocks),
        title=title,
        date=page_date(html, tz),
        authors=_authors(document.author, page),
        source=_source(document.sitename, page),
        source_url=_source_url(page, document.url),
        lang=_lang(page, document.language),
        summary=_summary(page, document.description),
        license=Found(document.license, "html license link (trafilatura)")
        if document.license
        else None,
    )
