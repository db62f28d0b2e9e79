"""The hostile site, built once: payloads in every input field never reach a page, a feed, the
sitemap, an export or the search index as markup; nothing is written or read outside the
project; the build finishes and every hostile file is either built or named in a log line.

Each failure names the payloads (number, form, field, file) behind what it found.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from hostile import CANARY_SECRET, ESCAPES, GOOD_PAGE
from payloads import MARKER
from scan import (
    WRITABLE_NAME,
    containing,
    html_files,
    scan_feed,
    scan_html_file,
    scan_json,
    scan_pagefind,
    scan_sitemap,
    snapshot,
)

pytestmark = pytest.mark.site


def explain(findings: list[str], planter, most: int = 40) -> str:
    """Findings, each followed by the payloads its markers name."""
    lines = []
    for finding in findings[:most]:
        lines.append(f"- {finding}")
        numbers = sorted({int(n) for n in MARKER.findall(finding)})
        lines.extend(f"    <- {planter.by_number(n)}" for n in numbers if planter.by_number(n))
    if len(findings) > most:
        lines.append(f"... and {len(findings) - most} more")
    return "\n".join(lines)


def _crashed(hostile_site) -> str:
    return f" (the build stopped early: {hostile_site.crash})" if hostile_site.crash else ""


def test_the_hostile_build_finishes(hostile_site, tally):
    tally.record("crashes", "hostile site build", int(hostile_site.crash is not None))
    assert hostile_site.crash is None, f"one hostile file stopped the build: {hostile_site.crash}"


def test_the_benign_article_is_built(hostile_site):
    page = hostile_site.site.output / GOOD_PAGE
    assert page.is_file(), f"{GOOD_PAGE} is missing{_crashed(hostile_site)}"
    assert hostile_site.site.page(GOOD_PAGE).h1.get_text().startswith("Vladimir Poutine et Kim")


def _articles_by_raw(site) -> dict[str, str]:
    found = {}
    for path in site.article_files():
        match = re.search(r"^Raw: (.*)$", path.read_text(encoding="utf-8", errors="replace"), re.M)
        if match:
            found[match.group(1)] = path.name
    return found


def test_every_hostile_file_is_built_or_named(hostile_site, tally):
    """A file that neither became an article nor got an error or warning was lost in silence."""
    site = hostile_site.site
    built = _articles_by_raw(site)
    digest_titles = {
        h1.get_text() for path in (site.output / "digests").glob("*.html") for h1 in
        [BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").h1] if h1
    } if (site.output / "digests").is_dir() else set()  # fmt: skip
    silent = []
    for path in sorted(site.seeds.iterdir()):
        shown = f"seeds/{path.name}"
        sidecar = f"seeds/{path.stem}.yml"  # an error may name the sidecar that holds the value
        if path.suffix in (".yml", ".json") or shown in built:
            continue
        if not (hostile_site.named(shown) or hostile_site.named(sidecar)):
            silent.append(shown)
    for path in sorted((site.content / "digests").glob("*.md")):
        shown = f"content/digests/{path.name}"
        title = re.search(r"^Title: (.*)$", path.read_text(encoding="utf-8"), re.M).group(1)
        # Built when a digest page's heading holds the title, or its marker (the allow-list may
        # have taken the markup out of the title shown).
        marker = re.search(r"SEC-\d+", title)
        if (
            hostile_site.named(shown)
            or any(title.strip() in t for t in digest_titles)
            or (marker and any(re.search(rf"{marker.group(0)}(?!\d)", t) for t in digest_titles))
        ):
            continue
        silent.append(shown)
    tried = len(hostile_site.planter.planted) + len(ESCAPES)
    tally.record("payloads tried", "hostile site", tried)
    assert not silent, (
        f"neither built nor named in an error or warning{_crashed(hostile_site)}:\n"
        + "\n".join(silent)
    )


def _scan(hostile_site, tally, label: str, findings: list[str]) -> None:
    tally.record("unescaped", label, len(findings))
    assert not findings, (
        f"{len(findings)} finding(s) in the {label}{_crashed(hostile_site)}:\n"
        + explain(findings, hostile_site.planter)
    )


def _require_output(hostile_site, pattern: str) -> list:
    output = hostile_site.site.output
    files = sorted(output.rglob(pattern)) if output.is_dir() else []
    assert files, f"the hostile site has no {pattern} to scan{_crashed(hostile_site)}"
    return files


def test_pages_carry_no_payload_markup(hostile_site, tally):
    """Every .html: no foreign script, handler, script URL, frame, CSS expression; JSON-LD is
    JSON; no Jinja evaluated; nothing escaped twice."""
    output = hostile_site.site.output
    _require_output(hostile_site, "*.html")
    findings = [f for path in html_files(output) for f in scan_html_file(path, output)]
    _scan(hostile_site, tally, "pages", findings)


def test_feeds_carry_no_payload_markup(hostile_site, tally):
    output = hostile_site.site.output
    feeds = [p for p in _require_output(hostile_site, "*.xml") if "sitemap" not in p.name]
    _scan(hostile_site, tally, "feeds", [f for path in feeds for f in scan_feed(path, output)])


def test_the_sitemap_lists_only_addresses_inside_the_site(hostile_site, tally):
    output = hostile_site.site.output
    maps = [p for p in _require_output(hostile_site, "*.xml") if "sitemap" in p.name]
    assert maps, f"no sitemap in the hostile site{_crashed(hostile_site)}"
    _scan(hostile_site, tally, "sitemap", [f for path in maps for f in scan_sitemap(path, output)])


def test_json_exports_carry_no_payload_markup(hostile_site, tally):
    output = hostile_site.site.output
    exports = [p for p in _require_output(hostile_site, "*.json") if "pagefind" not in p.parts]
    _scan(hostile_site, tally, "JSON exports", [f for p in exports for f in scan_json(p, output)])


def test_the_search_index_carries_no_payload_markup(hostile_site, tally):
    _require_output(hostile_site, "*.pf_fragment")
    _scan(hostile_site, tally, "search index", scan_pagefind(hostile_site.site.output))


def test_output_file_names_are_plain(hostile_site, tally):
    """A slug or a digest slug never names a file with markup, quotes or spaces in it."""
    output = hostile_site.site.output
    _require_output(hostile_site, "*.html")
    odd = [
        p.relative_to(output).as_posix()
        for p in output.rglob("*")
        if not WRITABLE_NAME.fullmatch(p.relative_to(output).as_posix())
    ]
    _scan(hostile_site, tally, "output file names", [f"output/{name}" for name in odd])


def test_titles_with_ampersands_are_escaped_once(hostile_site):
    """`Fusions & acquisitions : 3 < 5 && R&D` reads the same in every <h1> and <title>."""
    output = hostile_site.site.output
    _require_output(hostile_site, "*.html")
    planted = [
        p for p in hostile_site.planter.planted if p.form == "amp" and "title" in p.field.lower()
    ]
    wrong = []
    for path in html_files(output):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in [soup.h1, soup.title]:
            if tag is None:
                continue
            text = tag.get_text()
            for value in (p for p in planted if f"SEC-{p.n}" in text):
                if value.value not in text:
                    wrong.append(f"{path.relative_to(output)} <{tag.name}>: {text!r}")
    assert planted
    assert not wrong, "titles escaped twice (or mangled):\n" + "\n".join(wrong[:30])


def _outside_changes(hostile_site) -> list[str]:
    after = snapshot(hostile_site.root)
    before = hostile_site.before
    changes = []
    for name in sorted(set(before) | set(after)):
        if name.startswith(tuple(f"{w}/" for w in WRITABLE)) or name in WRITABLE:
            continue
        parent, _, leaf = name.rpartition("/")
        if parent == "project/content/articles" and leaf.endswith(".md") and name not in before:
            continue  # a generated article: the one place ingest writes
        if before.get(name) != after.get(name):
            what = "written" if name not in before else "changed" if name in after else "removed"
            changes.append(f"{what}: {name}")
    return changes


WRITABLE = ("project/output", "project/.ingest-cache", "project/.pelican-cache")  # caches


def test_nothing_is_written_outside_output_and_content_articles(hostile_site, tally):
    """Slugs, Save_as and digest slugs that climb out (../../../x, absolute paths,
    ../digests/keep) write nothing outside output/ and content/articles/, nor in canary/."""
    changes = _outside_changes(hostile_site)
    tally.record("writes outside", "hostile site", len(changes))
    assert not changes, (
        f"files written outside output/ and content/articles/{_crashed(hostile_site)}:\n"
        + "\n".join(changes)
        + "\n(tried: "
        + "; ".join(f"{k}: {v}" for k, v in ESCAPES.items())
        + ")"
    )


def test_nothing_outside_the_project_is_read(hostile_site, tally):
    """seeds/leak.txt, seeds/leak-sidecar.yml and seeds/leak-folder/ are symlinks to canary/:
    its secret reaches neither content/ nor output/."""
    site = hostile_site.site
    leaked = [f"content/{p}" for p in containing(site.content, CANARY_SECRET)]
    if site.output.is_dir():
        leaked += [f"output/{p}" for p in containing(site.output, CANARY_SECRET)]
    tally.record("reads outside", "hostile site", len(leaked))
    assert not leaked, f"the secret of a file outside the project is in: {', '.join(leaked)}"
