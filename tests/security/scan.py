"""Scanning a built site for what a payload introduced. Plain functions, no pytest.

Each ``scan_*`` function returns findings, one line each: the file, what was found and the
payload markers it carries. The theme's own markup is the baseline: a clean site (the seed
site) gives no finding, which ``test_scanners.py`` checks, along with each rule firing.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from payloads import MARKER, evaluated_templates

# The theme's scripts: site.js on every page, Pagefind's UI on search.html, and JSON-LD data.
THEME_SCRIPTS = ("/js/site.js", "pagefind/pagefind-ui.js")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcdoc", "data", "xlink:href", "poster")
FOREIGN_TAGS = ("iframe", "frame", "frameset", "object", "embed", "base", "applet", "form")
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
SAFE_SCHEMES = ("http", "https", "mailto")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")  # removed anywhere by URL parsers
_C0_AND_SPACE = "".join(map(chr, range(0x21)))  # stripped at both ends
# What an output file's path may be made of: slugs, dates, hashes (no quotes, markup, spaces).
WRITABLE_NAME = re.compile(r"[A-Za-z0-9._/-]+")


def markers(text: str) -> str:
    found = sorted({int(n) for n in MARKER.findall(text)})
    return ", ".join(f"#{n}" for n in found) or "no marker"


def unsafe_url(value: str) -> bool:
    """True for a URL whose scheme is not http(s)/mailto, however it is spelt (case, entities,
    spaces and control characters inside the scheme, as browsers read it).

    >>> [unsafe_url(u) for u in ["https://a.b/c", "../x.html", "#top", "mailto:a@b.c", "a b:c"]]
    [False, False, False, False, False]
    >>> [unsafe_url(u) for u in ["javascript:x", " JaVaScRiPt:x", "&#x6A;avascript:x",
    ...                          "java\\tscript:x", "data:text/html;base64,AA", "vbscript:x"]]
    [True, True, True, True, True, True]
    """
    url = _TAB_OR_NEWLINE.sub("", html.unescape(value)).strip(_C0_AND_SPACE)
    scheme = SCHEME.match(url)
    return scheme is not None and scheme.group(1).lower() not in SAFE_SCHEMES


def _script_is_theme(tag) -> bool:
    if tag.get("type") == "application/ld+json":
        return True
    source = tag.get("src") or ""
    return any(source.endswith(name) for name in THEME_SCRIPTS) and not tag.string


def scan_markup(soup: BeautifulSoup, where: str) -> list[str]:
    """Elements and attributes no theme template writes: foreign scripts, event handlers, URLs
    with a script scheme, frames, CSS expressions, markers in tag or attribute names, and JSON-LD
    that is not JSON (a payload closed its script element)."""
    findings = []
    for tag in soup.find_all(True):
        shown = str(tag)[:160]
        if MARKER.search(tag.name) or any(MARKER.search(name) for name in tag.attrs):
            findings.append(f"{where}: a marker in a tag or attribute name: {shown}")
        if tag.name == "script" and not _script_is_theme(tag):
            findings.append(f"{where}: a script the theme does not write: {shown}")
        if tag.name == "script" and tag.get("type") == "application/ld+json":
            findings.extend(_json_ld(tag, where))
        if tag.name in FOREIGN_TAGS:
            findings.append(f"{where}: <{tag.name}> in the page: {shown}")
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                findings.append(f"{where}: an event handler {name}= on <{tag.name}>: {shown}")
            elif name.lower() in URL_ATTRIBUTES and unsafe_url(text):
                if not (tag.name == "link" and text == "data:,"):  # the theme's empty favicon
                    findings.append(f"{where}: a {name} with a script scheme: {shown}")
            elif name.lower() == "style" and "expression(" in text.lower():
                findings.append(f"{where}: a CSS expression: {shown}")
        if tag.name == "style" and MARKER.search(tag.get_text()):
            findings.append(f"{where}: a payload in a <style> element: {shown}")
    return findings


def _json_ld(tag, where: str) -> list[str]:
    text = tag.string or ""
    problems = []
    if re.search(r"</|<!--", text):
        problems.append(f"{where}: JSON-LD holds '</' or '<!--' unescaped ({markers(text)})")
    try:
        json.loads(text)
    except ValueError:
        problems.append(f"{where}: JSON-LD is not JSON ({markers(text)}): {text[:160]}")
    return problems


def scan_html_text(text: str, where: str) -> list[str]:
    """What the source text shows: Jinja evaluated, or ``&`` escaped twice."""
    findings = [f"{where}: Jinja payload #{n} was evaluated" for n in evaluated_templates(text)]
    for match in re.finditer(r"&amp;(?:amp|lt|gt|quot|#\d+);", text, re.IGNORECASE):
        context = text[max(0, match.start() - 60) : match.end() + 20]
        findings.append(f"{where}: escaped twice ({markers(context)}): {context!r}")
    return findings


def html_files(output: Path) -> Iterator[Path]:
    yield from sorted(p for p in output.rglob("*.html") if "pagefind" not in p.parts)


def scan_html_file(path: Path, output: Path) -> list[str]:
    where = path.relative_to(output).as_posix()
    text = path.read_text(encoding="utf-8", errors="replace")
    soup = BeautifulSoup(text, "html.parser")
    return scan_markup(soup, where) + scan_html_text(text, where)


def _html_fragment(text: str, where: str) -> list[str]:
    """Text that a reader renders as HTML (feed content, TimelineJS text)."""
    return scan_markup(BeautifulSoup(text, "html.parser"), where) + [
        f"{where}: Jinja payload #{n} was evaluated" for n in evaluated_templates(text)
    ]


ATOM = "{http://www.w3.org/2005/Atom}"


def _is_html(element, tag: str) -> bool:
    """Atom says per element (``type="html"``, text by default); RSS descriptions are HTML."""
    if element.tag.startswith(ATOM):
        return element.get("type") in ("html", "xhtml")
    return tag == "description"


def _xml(path: Path, output: Path) -> tuple[str, ET.ElementTree | None, list[str]]:
    """``(where, tree, findings)``: the tree, or None and the finding that it is not XML."""
    where = path.relative_to(output).as_posix()
    try:
        return where, ET.parse(path), []
    except ET.ParseError as error:
        return where, None, [f"{where}: not well-formed XML ({error})"]


def scan_feed(path: Path, output: Path) -> list[str]:
    """An Atom/RSS feed: well-formed XML; its HTML fields (``type="html"`` titles, summaries and
    content) rendered as readers render them; its links http(s) or relative."""
    where, tree, findings = _xml(path, output)
    if tree is None:
        return findings
    for element in tree.iter():
        tag = element.tag.replace(ATOM, "")
        if _is_html(element, tag) and element.text:
            findings.extend(_html_fragment(element.text, f"{where} <{tag}>"))
        for name in ("href", "src"):
            if element.get(name) and unsafe_url(element.get(name)):
                findings.append(f"{where}: <{tag} {name}={element.get(name)!r}>")
        address = (element.text or "").strip()
        is_address = tag in ("link", "id", "uri", "url") and not address.startswith("tag:")
        if is_address and address and unsafe_url(address):
            findings.append(f"{where}: <{tag}>{address}</{tag}> is not an http(s) URL")
    return findings


SAFE_PATH = re.compile(r"[A-Za-z0-9/_.\-]*")


def scan_sitemap(path: Path, output: Path) -> list[str]:
    """Every address in the sitemap is an http(s) or relative URL that stays in the site, its
    path in the safe alphabet of slugs (a slug made from a hostile title may spell its marker,
    "sec-407", which is text, not markup)."""
    where, tree, findings = _xml(path, output)
    if tree is None:
        return findings
    for element in tree.iter():
        if element.tag.endswith("loc") and element.text:
            loc = element.text.strip()
            path_part = urlsplit(loc).path
            if unsafe_url(loc) or "/../" in f"/{loc}" or not SAFE_PATH.fullmatch(path_part):
                findings.append(f"{where}: <loc>{loc}</loc> ({markers(loc)})")
    return findings


def _strings(data, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, f"{path}[{index}]")
    elif isinstance(data, str):
        yield path, data


# TimelineJS renders these as HTML; in the other exports every string is data.
TIMELINEJS_HTML = re.compile(r"\.(?:headline|text)$")
URL_KEYS = re.compile(r"\.(?:url|link|href|page|feed|timeline)$")


def scan_json(path: Path, output: Path) -> list[str]:
    """A JSON export: parses; URLs are http(s) or relative and stay in the site; in TimelineJS
    files (``*.timeline.json``, ``timeline.json``) text shown as HTML carries no markup."""
    where = path.relative_to(output).as_posix()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        return [f"{where}: not valid JSON ({error})"]
    findings = []
    timelinejs = path.name.endswith("timeline.json")
    for key, value in _strings(data):
        if timelinejs and TIMELINEJS_HTML.search(key):
            findings.extend(_html_fragment(value, f"{where} {key}"))
        climbs = "/../" in "/" + value.removeprefix("../../")  # entity timelines: up to the root
        if URL_KEYS.search(key) and (unsafe_url(value) or climbs):
            findings.append(f"{where} {key}: {value!r} ({markers(value)})")
    return findings


def pagefind_fragments(output: Path) -> Iterator[tuple[Path, dict]]:
    """Pagefind's page fragments, decompressed (gzip after a ``pagefind_dcd`` signature)."""
    for path in sorted((output / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        if raw.startswith(b"pagefind_dcd"):
            raw = raw[len(b"pagefind_dcd") :]
        yield path, json.loads(raw)


def scan_pagefind(output: Path) -> list[str]:
    """The search index: result URLs stay in the site, and the search page never loads
    Pagefind's stock UI, which sets filter values (sources, entity names) with ``innerHTML``.

    The index holds titles, sources and names as plain text, whatever they look like: Pagefind
    decodes entities in filter values, so they cannot be stored escaped. The theme's search
    (site.js, on Pagefind's JavaScript API) prints every value with ``textContent``; the browser
    test types queries with every filter open and watches for anything running."""
    findings = []
    for path, fragment in pagefind_fragments(output):
        where = f"pagefind/fragment/{path.name} ({fragment.get('url')})"
        url = fragment.get("url", "")
        if unsafe_url(url) or "/../" in url:
            findings.append(f"{where}: result URL {url!r}")
    search_page = output / "search.html"
    if search_page.is_file() and "pagefind-ui.js" in search_page.read_text(encoding="utf-8"):
        findings.append("search.html loads Pagefind's stock UI, which prints values as HTML")
    return findings


def scan_site(output: Path) -> list[str]:
    """Every finding in the output folder: pages, feeds, sitemap, JSON exports, search index."""
    findings: list[str] = []
    for path in html_files(output):
        findings.extend(scan_html_file(path, output))
    for path in sorted(output.rglob("*.xml")):
        scan = scan_sitemap if "sitemap" in path.name else scan_feed
        findings.extend(scan(path, output))
    for path in sorted(output.rglob("*.json")):
        if "pagefind" not in path.parts:
            findings.extend(scan_json(path, output))
    if (output / "pagefind").is_dir():
        findings.extend(scan_pagefind(output))
    return findings


def containing(folder: Path, needle: str) -> list[str]:
    """Files under ``folder`` whose bytes (or decompressed Pagefind fragments) hold ``needle``."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".pf_fragment":
            data = gzip.decompress(data)
        if needle.encode() in data:
            found.append(path.relative_to(folder).as_posix())
    return found


def snapshot(folder: Path, skip: Iterable[str] = ()) -> dict[str, bytes]:
    """Every file under ``folder`` (symlinks not followed) and its bytes, folders in ``skip``
    (relative POSIX paths) left out."""
    skipped = tuple(skip)
    files = {}
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).as_posix()
        if any(relative == s or relative.startswith(s + "/") for s in skipped):
            continue
        if path.is_symlink():
            files[relative] = b"-> " + str(path.readlink()).encode()
        elif path.is_file():
            files[relative] = path.read_bytes()
    return files
