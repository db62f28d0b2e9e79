"""Pelican glue: convert seeds/ into content/ before Pelican reads content/."""

from __future__ import annotations

import logging
import zoneinfo

from pelican import signals
from pelican.log import console

from .convert import EntityCache, Inference
from .runner import Ingest, summary_line
from .settings import cache_path, ingest_settings

logger = logging.getLogger(__name__)


def make_ingest(pelican_settings: dict) -> Ingest:
    """An ``Ingest`` whose spaCy models and alias book load only if a file needs converting."""
    settings = ingest_settings(pelican_settings)

    def make_inference() -> Inference:
        from entities.extraction import EntityRecognizer
        from entities.glue import alias_book

        recognizer = None

        def lazy_recognizer():
            nonlocal recognizer
            if recognizer is None:
                recognizer = EntityRecognizer(dict(settings.models))
            return recognizer

        return Inference(
            tz=zoneinfo.ZoneInfo(settings.timezone),
            languages=tuple(lang for lang, _ in settings.models),
            recognizer=lazy_recognizer,
            aliases=alias_book(pelican_settings),
            cache=EntityCache(cache_path(pelican_settings)),
            title_max_chars=settings.title_max_chars,
            summary_max_chars=settings.summary_max_chars,
        )

    return Ingest(settings, make_inference)


def ingest_seeds(pelican) -> None:
    """Convert seeds/ before any generator reads content/.

    Connected to ``get_generators`` rather than ``initialized``: Pelican sends it at the start
    of every run, so ``invoke regenerate`` converts again on each rebuild. It adds no generator.
    """
    if not pelican.settings.get("INGEST_ON_BUILD", True):
        return None
    outcomes = make_ingest(pelican.settings).run()
    console.print(f"Ingest: {summary_line(outcomes)}")  # beside Pelican's own "Done: ..." line
    return None


def register() -> None:
    signals.get_generators.connect(ingest_seeds)
