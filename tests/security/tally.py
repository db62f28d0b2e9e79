"""The security counts: what the tests of tests/security found, summed up after the session
(``Security counts: ...``) and written to ``<pytest basetemp>/security-counts.json`` for the
README's Reliability section.

A plugin of the whole session (``pytest_plugins`` in tests/conftest.py) rather than part of
tests/security/conftest.py: with pytest-xdist the main process collects no test, so it never
reads that conftest, yet it is the one that adds up what each worker counted and reports it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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

    def write(self, path: Path) -> None:
        self.path = path
        detail = {"totals": self.totals(), "by test": self.counts}
        path.write_text(json.dumps(detail, indent=1, sort_keys=True) + "\n", encoding="utf-8")


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


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """With pytest-xdist: a worker's counts join the session's, in the main process, which
    writes them all to its own temporary folder (the workers' folders are inside it)."""
    sent = getattr(node, "workeroutput", {}).get("security counts")
    if not sent:
        return
    tally = node.config.stash[TALLY]
    for count, parts in sent["counts"].items():
        tally.counts[count].update(parts)
    tally.write(Path(sent["path"]).parent.parent / "security-counts.json")


@pytest.fixture(scope="session")
def tally(pytestconfig, tmp_path_factory):
    """Where tests record what they measured; written out as JSON when the session ends (and
    sent to the main process when this is a pytest-xdist worker)."""
    counted = pytestconfig.stash[TALLY]
    yield counted
    counted.write(tmp_path_factory.getbasetemp() / "security-counts.json")
    if hasattr(pytestconfig, "workeroutput"):
        pytestconfig.workeroutput["security counts"] = {
            "counts": counted.counts,
            "path": str(counted.path),
        }
