"""The hostile site in headless Chromium: no payload runs on any page, nor in search.

Every page that holds a payload's marker is loaded with dialogs, console and page errors
watched; then every element that carries an event handler gets that event dispatched (an
``onmouseover`` a reader would trigger), and ``window.__pwned_<n>`` is read. search.html gets
queries that match the hostile sources and entity names, with its filters opened.
"""

from __future__ import annotations

import pytest
from browser.browser_harness import (
    DESKTOP,
    StaticServer,
    block_outside,
    ensure_chromium,
    launch_chromium,
)
from payloads import MARKER

pytestmark = [pytest.mark.site, pytest.mark.browser]

SEARCH_WAIT = 15_000  # Pagefind loads WebAssembly and its index: slow on a busy machine

# Fire every handler the page has (none in the theme), then list what ran.
FIRE_AND_READ = """() => {
    for (const element of document.querySelectorAll('*')) {
        for (const attribute of Array.from(element.attributes)) {
            const name = attribute.name.toLowerCase();
            if (name.startsWith('on')) {
                try { element.dispatchEvent(new Event(name.slice(2), {bubbles: false})); }
                catch (error) {}
            }
        }
    }
    const frames = Array.from(document.querySelectorAll('iframe'));
    const ran = Object.keys(window).filter(key => key.startsWith('__pwned_'));
    return ran.concat(frames.length ? ['iframe x' + frames.length] : []);
}"""


class Watch:
    """Dialogs, console errors and uncaught exceptions, with the page they happened on."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []

    def attach(self, page) -> None:
        def on_dialog(dialog) -> None:
            self.dialogs.append(f"{page.url}: {dialog.type} {dialog.message!r}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on(
            "console",
            # A payload's <img src=x>, kept by the allow-list as an image, fails to load: that
            # is no code running, and CSP violations and script errors are still caught.
            lambda m: (
                m.type == "error"
                and not m.text.startswith("Failed to load resource")
                and self.errors.append(f"{page.url}: console: {m.text}")
            ),
        )
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: uncaught: {e}"))


@pytest.fixture(scope="module")
def hostile_browser(hostile_site, playwright_session, installing):
    output = hostile_site.site.output
    if not (output / "index.html").is_file():
        pytest.fail(f"the hostile site was not built: {hostile_site.crash}", pytrace=False)
    with installing():
        chromium = ensure_chromium()
    with StaticServer(output) as server:
        browser = launch_chromium(playwright_session, chromium)
        context = browser.new_context(viewport=DESKTOP, locale="fr-FR")
        context.set_default_timeout(10_000)
        watch = Watch()
        outside: list[str] = []
        block_outside(context, outside.append)
        page = context.new_page()
        watch.attach(page)
        context.on("page", watch.attach)
        yield server, page, watch, outside
        context.close()
        browser.close()


def _pages_with_markers(output) -> list[str]:
    pages = []
    for path in sorted(output.rglob("*.html")):
        if "pagefind" not in path.parts and MARKER.search(path.read_text(encoding="utf-8")):
            pages.append(path.relative_to(output).as_posix())
    return pages


def _distinct_runs(ran: list[str], watch: Watch) -> int:
    """How many payloads ran: distinct markers among what ran and the dialogs (a frame counts
    once per page)."""
    runs = {f"#{n}" for line in ran + watch.dialogs for n in MARKER.findall(line)}
    runs |= {line for line in ran if not MARKER.search(line)}
    return len(runs)


def _report(hostile_site, ran: list[str], watch: Watch, outside: list[str]) -> str:
    planter = hostile_site.planter
    lines = [f"- ran: {r} <- {planter.name(r)}" for r in ran]
    lines += [f"- dialog: {d} <- {planter.name(d)}" for d in watch.dialogs]
    lines += [f"- {e}" for e in watch.errors[:30]]
    lines += [f"- {o}" for o in outside[:10]]
    return "\n".join(lines)


def _fresh(hostile_browser):
    server, page, watch, outside = hostile_browser
    watch.dialogs.clear()
    watch.errors.clear()
    outside.clear()
    return server, page, watch, outside


def test_no_payload_runs_on_any_page(hostile_site, hostile_browser, tally):
    server, page, watch, outside = _fresh(hostile_browser)
    ran = []
    pages = _pages_with_markers(hostile_site.site.output)
    assert pages, "no page of the hostile site holds a payload's marker: nothing was tested"
    for path in pages:
        page.goto(server.url(path), wait_until="load")
        ran += [f"{path}: {name}" for name in page.evaluate(FIRE_AND_READ)]
    tally.record("run", "pages in Chromium", _distinct_runs(ran, watch))
    assert not (ran or watch.dialogs or watch.errors or outside), (
        f"on {len(pages)} pages with payload markers:\n"
        + _report(hostile_site, ran, watch, outside)
    )


SEARCHES = ["SEC", "acquisitions", "window", "script", "Poutine", "Parlement"]


def test_no_payload_runs_in_search(hostile_site, hostile_browser, tally):
    """Queries that match the hostile titles, sources and entity names; every filter opened,
    so that the source and entity names the index holds are shown."""
    server, page, watch, outside = _fresh(hostile_browser)
    page.goto(server.url("search.html"))
    box = page.locator(".search-input")
    box.wait_for(state="visible", timeout=SEARCH_WAIT)
    ran, shown, filters = [], 0, []
    for term in SEARCHES:
        box.fill(term)
        page.wait_for_timeout(400)  # site.js waits after typing
        page.wait_for_function(
            "() => !document.querySelector('#search[aria-busy]')"
            " && /\\d/.test(document.querySelector('.search-message')?.textContent || '')",
            timeout=SEARCH_WAIT,
        )
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        page.wait_for_timeout(100)
        shown += page.locator(".search-result-link").count()
        filters += page.locator(".search-filter label").all_text_contents()
        ran += [f"search {term!r}: {name}" for name in page.evaluate(FIRE_AND_READ)]
    tally.record("run", "search in Chromium", _distinct_runs(ran, watch))
    assert shown, "no search result: the queries did not reach the hostile articles"
    assert any(MARKER.search(text) for text in filters), (
        "the search filters show no hostile source or entity name: nothing was tested"
    )
    assert not (ran or watch.dialogs or watch.errors or outside), _report(
        hostile_site, ran, watch, outside
    )
