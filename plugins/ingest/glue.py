"""Pelican glue: convert seeds/ into content/ before Pelican reads content/."""

from __future__ import annotations

import contextlib
import logging
import time
import zoneinfo
from collections.abc import Callable, Iterator

from pelican import signals
from pelican.log import console
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import article_file
from .convert import EntityCache, HeadlineCache, Inference
from .dating import FirstCommits
from .runner import Ingest, IngestSettings, Outcome
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
            headlines=HeadlineCache(cache_path(pelican_settings)),
            git_history=FirstCommits(settings.seeds),
            title_max_chars=settings.title_max_chars,
            summary_max_chars=settings.summary_max_chars,
        )

    return Ingest(settings, make_inference)


@contextlib.contextmanager
def progress_bar(
    out: Console, minimum: int = 10, label: str = "Converting seeds/"
) -> Iterator[Callable[..., None]]:
    """A progress callback for ``Ingest.run`` (``progress(number, total, outcome)``, or
    ``recognised(done, total)`` with ``label="Recognising entities"``): a rich bar with the rate
    and the time left, for runs of ``minimum`` items or more, on a terminal only (a CI log or a
    pipe gets no bar, nothing to clean up)."""
    running: list[Progress] = []

    def advance(number: int, total: int, *_) -> None:
        if total < minimum or not out.is_terminal:
            return
        if not running:
            bar = Progress(
                TextColumn(label), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                console=out, transient=True,
            )  # fmt: skip
            bar.add_task("ingest", total=total, rate="")
            bar.start()
            running.append(bar)
            started.append(time.monotonic())
        elapsed = max(time.monotonic() - started[0], 1e-9)
        rate = f"{number / elapsed:.1f} articles/s" if number else ""
        running[0].update(running[0].task_ids[0], completed=number, rate=rate)

    started: list[float] = []

    try:
        yield advance
    finally:
        for bar in running:
            bar.stop()


def dated_by_file_time(settings: IngestSettings, outcomes: list[Outcome]) -> list[str]:
    """Articles whose date is their raw file's modification time: the one guess that varies."""
    dated = []
    for outcome in outcomes:
        if outcome.status not in ("converted", "unchanged") or not outcome.target:
            continue
        path = settings.root / outcome.target
        found = article_file.read_header(path.read_text(encoding="utf-8")).get("found", "")
        if "date from file modification time" in found:
            dated.append(outcome.target)
    return dated


def ingest_seeds(pelican) -> None:
    """Convert seeds/ before any generator reads content/.

    Connected to ``get_generators`` rather than ``initialized``: Pelican sends it at the start
    of every run, so ``invoke regenerate`` converts again on each rebuild. It adds no generator.
    """
    if not pelican.settings.get("INGEST_ON_BUILD", True):
        return None
    ingest = make_ingest(pelican.settings)
    with (
        progress_bar(console, label="Recognising entities") as recognised,
        progress_bar(console) as progress,
    ):
        outcomes = ingest.run(progress=progress, recognised=recognised)
    # for the build's one summary, printed at the end by strict_build
    pelican.ingest_report = (outcomes, dated_by_file_time(ingest.settings, outcomes))
    return None


def register() -> None:
    signals.get_generators.connect(ingest_seeds)
