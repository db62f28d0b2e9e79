"""Pelican glue: safe HTML, reading time, source, credit line and chronological neighbours."""

from __future__ import annotations

import logging

from bs4 import BeautifulSoup
from pelican import signals

from .credit import credit_for, reading_time, web_url
from .sanitise import safe_html

logger = logging.getLogger(__name__)

BLOCKS = ["p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "td", "pre"]


def plain_text(html: str) -> str:
    """The text of an article body, one block (paragraph, list item...) a line.

    Inline tags do not break lines, so sentences stay whole for the entity and date finders.
    """
    soup = BeautifulSoup(html, "html.parser")
    blocks = [" ".join(tag.get_text(" ").split()) for tag in soup.find_all(BLOCKS)]
    return "\n".join(block for block in blocks if block) or " ".join(soup.get_text(" ").split())


def annotate(generator) -> None:
    """On ``article_generator_finalized``: articles are read and sorted, not yet written."""
    articles = sorted(generator.articles, key=lambda a: (a.date, a.slug))
    for index, article in enumerate(articles):
        meta = article.metadata
        article._content = safe_html(article._content)
        if "summary" in meta:
            meta["summary"] = article._summary = safe_html(meta["summary"])
        article.source = meta.get("source")
        article.source_url = web_url(meta.get("source_url"))
        if meta.get("source_url") and not article.source_url:
            logger.warning(
                "%s: Source_url %r is not an http(s) address; it is not linked",
                article.relative_source_path, meta["source_url"],
            )  # fmt: skip
        article.credit = credit_for(meta)
        article.plain_text = plain_text(article._content)
        article.reading_time = reading_time(article.plain_text)
        article.prev_article = articles[index - 1] if index > 0 else None
        article.next_article = articles[index + 1] if index + 1 < len(articles) else None


def register() -> None:
    signals.article_generator_finalized.connect(annotate)
