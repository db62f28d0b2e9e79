"""The hostile sites, built once per session, and the security counts printed at the end.

- ``hostile_site``: every input field with payloads, plus files that try to write or read
  outside the project, built in this process by real Pelican (non-strict, search index on).
- ``crash_runs``: the files that each could stop or hang a build, built twice by the
  ``pelican`` command in its own process (time and memory bounded): once as ``invoke build``
  does, then strictly after truncating the ingest cache.
- ``tally``: what the tests found, summed up after the session (``Security counts: ...``) and
  written to ``<pytest basetemp>/security-counts.json`` for the README's Reliability section.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from pathlib import Path

import pytest
from hostile import Run, pelican_run, write_crash_project, write_hostile_project
from payloads import Planter
from scan import snapshot
from sitekit import Records, Site

COUNTS = (
    "payloads tried", "run", "unescaped", "writes outside", "reads outside", "crashes",
    "lost edits",
)  # fmt: skip
TALLY = pytest.StashKey["Tally"]()


class Tally:
    """Counts per class, each set by the test that measures it (a re-run replaces, never adds)."""

    def __init__(self) -> None:
        self.counts: dict[str, dict[str, int]] = {name: {} for name in COUNTS}
        self.path: Path | None = None

    def record(self, count: str, source: str, value: int) -> None:
        self.counts[count][source] = value

    def totals(self) -> dict[str, int]:
        return {name: sum(parts.values()) for name, parts in self.counts.items() if parts}


def pytest_configure(config) -> None:
    config.stash[TALLY] = Tally()


def pytest_terminal_summary(terminalreporter, config) -> None:
    totals = config.stash[TALLY].totals()
    if not totals:
        return
    line = ", ".join(f"{name} {value}" for name, value in totals.items())
    terminalreporter.write_sep("-", "security counts")
    terminalreporter.write_line(f"Security counts: {line}")
    if config.stash[TALLY].path:
        terminalreporter.write_line(f"(by test in {config.stash[TALLY].path})")


@pytest.fixture(scope="session")
def tally(pytestconfig, tmp_path_factory):
    """Where tests record what they measured; written out as JSON when the session ends."""
    counted = pytestconfig.stash[TALLY]
    yield counted
    counted.path = tmp_path_factory.getbasetemp() / "security-counts.json"
    detail = {"totals": counted.totals(), "by test": counted.counts}
    counted.path.write_text(json.dumps(detail, indent=1, sort_keys=True) + "\n", encoding="utf-8")


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
