"""The built pages are valid HTML, by the Nu HTML checker (vnu.jar, pinned in package-lock.json).

The checker runs once over every page checked (one Java start-up), then each page is its own
test, so that a report names the page and lists its errors with their line and column.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser_harness import VNU_JAR

pytestmark = pytest.mark.browser

PAGES = {
    "home": "index.html",
    "article": "articles/*.html",
    "entity": "entities/people/*.html",
    "entity index": "entities/index.html",
    "timeline": "timeline/index.html",
    "edition": "editions/????-??-??.html",
    "editions": "editions/index.html",
    "search": "search.html",
    "404": "404.html",
}


def first_match(site: Path, pattern: str) -> Path | None:
    return next(iter(sorted(site.glob(pattern))), None)


@pytest.fixture(scope="session")
def vnu_report(site_output, java, node_tools) -> dict[str, list[dict]]:
    """Errors of the Nu HTML checker for each page of PAGES that the site has, by path."""
    files = [p for p in (first_match(site_output, g) for g in PAGES.values()) if p is not None]
    done = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(done.stderr or done.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu HTML checker gave no JSON report:\n{done.stderr}\n{done.stdout}")
    report: dict[str, list[dict]] = {str(p.resolve()): [] for p in files}
    for message in messages:
        path = str(Path(unquote(urlsplit(message.get("url", "")).path)).resolve())
        report.setdefault(path, []).append(message)
    return report


def describe(message: dict) -> str:
    where = f"line {message.get('lastLine', '?')}, column {message.get('firstColumn', '?')}"
    extract = " ".join(message.get("extract", "").split())
    return f"{where}: {message.get('message')}\n      {extract}"


@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_valid_html(site_output, vnu_report, name):
    path = first_match(site_output, PAGES[name])
    assert path is not None, f"the site has no {name} page ({PAGES[name]})"
    errors = [m for m in vnu_report[str(path.resolve())] if m.get("type") != "info"]
    if errors:
        pytest.fail(
            f"{len(errors)} HTML error(s) in {path.relative_to(site_output)}:\n  "
            + "\n  ".join(describe(m) for m in errors),
            pytrace=False,
        )
