"""The hostile sites, built once per session.

- ``hostile_site``: every input field with payloads, plus files that try to write or read
  outside the project, built in this process by real Pelican (non-strict, search index on).
- ``crash_runs``: the files that each could stop or hang a build, built twice by the
  ``pelican`` command in its own process (time and memory bounded): once as ``invoke build``
  does, then strictly after truncating the ingest cache.

The ``tally`` fixture, where tests record their counts, is in ``tally.py`` (a plugin of the whole
session, so that the main process of a pytest-xdist run sums up its workers' counts).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from pathlib import Path

import pytest
from hostile import Run, pelican_run, write_crash_project, write_hostile_project
from payloads import Planter
from scan import snapshot
from sitekit import Records, Site


@dataclasses.dataclass
class HostileBuild:
    site: Site
    root: Path  # holds project/ and canary/
    canary: Path
    planter: Planter
    records: list[tuple[str, str]]
    crash: str | None  # the exception that stopped the build, if one did
    seconds: float
    before: dict[str, bytes]  # every file of root before the build

    def named(self, text: str) -> list[str]:
        return [message for _, message in self.records if text in message]


PUBLISHED = {
    "SITEURL": "https://digest.example.org",
    "FEED_DOMAIN": "https://digest.example.org",
    "FEED_ALL_ATOM": "feeds/all.atom.xml",
}


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> HostileBuild:
    root = tmp_path_factory.mktemp("hostile")
    site, canary, planter = write_hostile_project(root)
    before = snapshot(root)
    records = Records()
    logging.getLogger().addHandler(records)
    started = time.monotonic()
    crash = None
    try:
        # Built as `invoke publish` builds (absolute SITEURL: sitemap and site feed), links
        # still relative so that the local server serves it for the browser tests.
        site.build(SEARCH_INDEX=True, **PUBLISHED)
    except Exception as error:  # the build must finish: the tests say so, with this
        crash = f"{type(error).__name__}: {error}"
    finally:
        logging.getLogger().removeHandler(records)
    return HostileBuild(
        site, root, canary, planter, records.records, crash, time.monotonic() - started, before
    )


@dataclasses.dataclass
class CrashRuns:
    site: Site
    canary: Path
    first: Run  # as `invoke build` runs it
    second: Run  # strict, after the ingest cache was truncated
    truncated: list[str]


@pytest.fixture(scope="session")
def crash_runs(tmp_path_factory) -> CrashRuns:
    site, canary = write_crash_project(tmp_path_factory.mktemp("crash"))
    first = pelican_run(site, strict=False)
    truncated = []
    for entry in sorted((site.root / ".ingest-cache").rglob("*.json")):
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2])
        truncated.append(entry.relative_to(site.root).as_posix())
    for article in site.article_files():  # converted again, through the truncated cache
        if "Raw: seeds/good.txt" in article.read_text(encoding="utf-8", errors="replace"):
            article.unlink()
    second = pelican_run(site, strict=True)
    return CrashRuns(site, canary, first, second, truncated)
