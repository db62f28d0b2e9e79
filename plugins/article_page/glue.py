"""Pelican glue: reading time, source, credit line and chronological neighbours on each article."""

from __future__ import annotations

from bs4 import BeautifulSoup
from pelican import signals

from .credit import credit_for, reading_time


def annotate(generator) -> None:
    """On ``article_generator_finalized``: articles are read and sorted, not yet written."""
    articles = sorted(generator.articles, key=lambda a: (a.date, a.slug))
    for index, article in enumerate(articles):
        meta = article.metadata
        article.source = meta.get("source")
        article.source_url = meta.get("source_url")
        article.credit = credit_for(meta)
        text = BeautifulSoup(article._content, "html.parser").get_text(" ")
        article.reading_time = reading_time(text)
        article.prev_article = articles[index - 1] if index > 0 else None
        article.next_article = articles[index + 1] if index + 1 < len(articles) else None


def register() -> None:
    signals.article_generator_finalized.connect(annotate)
