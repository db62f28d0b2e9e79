"""Browser fixtures: the tools (installed when missing), the served seed site, Chromium, pages.

Chromium, Java and npm (with Node.js) come from Debian (installed with apt-get when running as
root), axe-core and vnu-jar from the npm registry as pinned in package-lock.json (``npm ci`` when
node_modules is missing). A missing tool that cannot be installed fails the test with the
command to run: nothing here is skipped silently.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_harness import (
    AXE_JS,
    AXE_TAGS,
    DESKTOP,
    VNU_JAR,
    StaticServer,
    ToolMissing,
    apt_install,
    block_outside,
    ensure_chromium,
    ensure_java,
    ensure_node_tools,
    launch_chromium,
)


@pytest.fixture(scope="session")
def say(pytestconfig) -> Callable[[str], None]:
    """Print at once, past pytest's capture: installing a tool takes a while and should show."""
    capture = pytestconfig.pluginmanager.getplugin("capturemanager")

    def say(message: str) -> None:
        if capture is None:  # pytest -p no:capture
            print(f"[browser tests] {message}", file=sys.stderr, flush=True)
            return
        with capture.global_and_fixture_disabled():
            print(f"[browser tests] {message}", file=sys.stderr, flush=True)

    return say


def _tool(ensure, say, installing):
    try:
        with installing():
            return ensure(say)
    except ToolMissing as missing:
        pytest.fail(str(missing), pytrace=False)


@pytest.fixture(scope="session")
def chromium_path(say, installing) -> Path:
    return _tool(ensure_chromium, say, installing)


@pytest.fixture(scope="session")
def java(say, installing) -> str:
    return _tool(ensure_java, say, installing)


@pytest.fixture(scope="session")
def node_tools(say, installing) -> Path:
    """tests/browser/node_modules with axe-core and vnu-jar (npm itself installed if missing)."""

    def ensure(say):
        if not (AXE_JS.exists() and VNU_JAR.exists()) and shutil.which("npm") is None:
            apt_install(["npm"], "npm (and Node.js) is needed to fetch axe-core and vnu-jar", say)
        return ensure_node_tools(say)

    return _tool(ensure, say, installing)


@pytest.fixture(scope="session")
def site_output(request) -> Path:
    """The seed site's output folder (built by `seed_site`), or the already built site named by
    $BROWSER_TESTS_SITE (e.g. output/, to iterate on the theme without rebuilding)."""
    chosen = os.environ.get("BROWSER_TESTS_SITE")
    output = Path(chosen).resolve() if chosen else request.getfixturevalue("seed_site").output
    articles = sorted((output / "articles").glob("*.html"))
    assert articles, f"the site has no article page in {output / 'articles'}"
    return output


@pytest.fixture(scope="session")
def server(site_output) -> Iterator[StaticServer]:
    """The seed site on http://127.0.0.1:<port>/ and under /digest/."""
    with StaticServer(site_output) as running:
        yield running


@pytest.fixture(scope="session")
def browser(chromium_path, playwright_session):
    chromium = launch_chromium(playwright_session, chromium_path)
    yield chromium
    chromium.close()


class PageProblems:
    """What went wrong while a page was open: console errors, page errors, failed requests."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.expected: list[re.Pattern[str]] = []

    def add(self, problem: str) -> None:
        self.seen.append(problem)

    def expect(self, pattern: str) -> None:
        """Let one kind of problem through, for a test that provokes it on purpose."""
        self.expected.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [p for p in self.seen if not any(e.search(p) for e in self.expected)]

    def watch(self, page) -> None:
        page.on(
            "console",
            lambda msg: (
                msg.type == "error"
                and self.add(f"console error on {page.url}: {msg.text} ({_where(msg)})")
            ),
        )
        page.on("pageerror", lambda error: self.add(f"uncaught exception on {page.url}: {error}"))
        page.on(
            "requestfailed",
            lambda request: self.add(f"request failed: {request.url} ({request.failure})"),
        )
        page.on(
            "response",
            lambda response: (
                response.status >= 400 and self.add(f"HTTP {response.status} for {response.url}")
            ),
        )


def _where(message) -> str:
    location = message.location or {}
    return f"{location.get('url', '?')}:{location.get('lineNumber', '?')}"


@pytest.fixture
def page_problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def context(browser, page_problems):
    """A fresh browser context at desktop size that may not leave 127.0.0.1 or file://."""
    fresh = browser.new_context(viewport=DESKTOP, locale="fr-FR")
    fresh.set_default_timeout(10_000)  # a static site on 127.0.0.1, but a busy 2-core machine
    block_outside(fresh, page_problems.add)
    yield fresh
    fresh.close()


@pytest.fixture
def page(context, page_problems):
    """A page that records console errors and failed requests; any of them fails the test."""
    opened = context.new_page()
    page_problems.watch(opened)
    context.on("page", page_problems.watch)  # pages opened by a click on target=_blank
    yield opened
    problems = page_problems.unexpected()
    if problems:
        pytest.fail("the browser reported problems:\n  " + "\n  ".join(problems), pytrace=False)


def _format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']} "
            f"[{violation.get('helpUrl', '')}]"
        )
        for node in violation["nodes"][:8]:
            target = " ".join(t if isinstance(t, str) else json.dumps(t) for t in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    at {target}: {summary}")
            lines.append(f"       {node.get('html', '')[:200]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    ... and {len(violation['nodes']) - 8} more elements")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe(node_tools) -> Callable:
    """axe(page, label) runs axe-core's WCAG 2.1 A and AA rules and asserts zero violations."""
    source = AXE_JS.read_text(encoding="utf-8")

    def check(page, label: str) -> None:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol: a strict Content-Security-Policy of the
            # site would block a <script> tag added to the page.
            page.evaluate(source + "\n;0")
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        violations = result["violations"]
        if violations:
            pytest.fail(
                f"axe-core found {len(violations)} WCAG 2.1 AA violation(s) on {label} "
                f"({page.url}):\n{_format_violations(violations)}",
                pytrace=False,
            )

    return check
