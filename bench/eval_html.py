"""How often a saved news page's metadata comes out right: the project, trafilatura, htmldate.

A report, not a test. The pages are trafilatura's own evaluation set (github.com/adbar/trafilatura,
``tests/evaldata.json`` with ``tests/eval/`` and ``tests/cache/``), kept OUTSIDE the project: they
are other people's pages and are never committed. The set used is every page whose annotation
gives a title, a date, an author and a region (news and blog pages from many countries).

Get them once (a bare git directory or a clone of trafilatura both work)::

    git clone --depth 1 https://github.com/adbar/trafilatura /tmp/trafilatura
    python bench/eval_html.py --extract /tmp/trafilatura/.git

then score (``--data`` defaults to /work/evaldata, or $EVALDATA when set)::

    python bench/eval_html.py            # writes bench/eval-html.json, prints the table

Scores, per page: the title exactly as annotated (spacing ignored); the date on the same day as
annotated (the day the page gives, in the page's own offset), and the same instant when both the
annotation and the answer have a time; the authors as the same set of names (case ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
DEFAULT_DATA = Path(os.environ.get("EVALDATA", "/work/evaldata"))
TOOLS = ("project", "trafilatura", "htmldate")
_SPACES = re.compile(r"\s+")


def squash(text: object) -> str:
    return _SPACES.sub(" ", str(text or "")).strip()


def selected(annotation: dict) -> bool:
    """Pages annotated with a title, a date, an author and a region."""
    return all(annotation.get(key) for key in ("title", "date", "author", "region"))


def extract(git_dir: Path, data: Path) -> int:
    """Copy evaldata.json and the selected pages out of trafilatura's git history into ``data``."""

    def git(*args: str) -> bytes:
        return subprocess.run(
            ["git", f"--git-dir={git_dir}", *args], capture_output=True, check=True
        ).stdout

    annotations = json.loads(git("show", "HEAD:tests/evaldata.json"))
    listing = git("ls-tree", "-r", "-z", "--name-only", "HEAD", "tests/cache", "tests/eval")
    paths = {Path(p).name: p for p in listing.decode("utf-8").split("\0") if p}
    (data / "pages").mkdir(parents=True, exist_ok=True)
    (data / "evaldata.json").write_text(json.dumps(annotations, ensure_ascii=False), "utf-8")
    count = 0
    for item in annotations.values():
        if selected(item) and item["file"] in paths:
            (data / "pages" / item["file"]).write_bytes(git("show", f"HEAD:{paths[item['file']]}"))
            count += 1
    print(f"{count} pages written to {data / 'pages'}")
    return 0


# --------------------------------------------------------------------------------------------
# What each tool says: (title, date or datetime or None, authors)


def _when(text: str | None) -> dt.date | dt.datetime | None:
    if not text:
        return None
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if ("T" in text or " " in text) else when.date()


def run_project(path: Path, html: bytes):
    from ingest.htmlpage import parse_html_page
    from ingest.rawfile import read_raw

    parsed = parse_html_page(read_raw(path, path.name, max_bytes=20_000_000))
    date = None
    if parsed.date is not None:
        value = parsed.date.value
        date = value.when if value.precision == "minute" else value.when.date()
    authors = parsed.authors.value if parsed.authors else ()
    return (parsed.title.value if parsed.title else None), date, list(authors), parsed.date


def run_trafilatura(path: Path, html: bytes):
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True)
    if document is None:
        return None, None, [], None
    authors = [a for a in (document.author or "").split(";") if a.strip()]
    return document.title, _when(document.date), authors, None


def run_htmldate(path: Path, html: bytes):
    import htmldate

    return None, _when(htmldate.find_date(html, original_date=True)), [], None


RUNNERS = {"project": run_project, "trafilatura": run_trafilatura, "htmldate": run_htmldate}


# --------------------------------------------------------------------------------------------
# Scoring


_NAME_SEPARATORS = re.compile(r"\s*(?:;|,|&|/|\bund\b|\band\b|\bet\b|\by\b)\s*", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[^\w\s'’-]")


def names(value: object) -> set[str]:
    """A credit as a set of names: split on ";", ",", "&", "/", "und", "and", "et", "y"; case,
    dots and spacing ignored, so that "A und B" and ["A", "B"] are the same credit."""
    items = value if isinstance(value, list | tuple) else [value]
    parts = [part for item in items for part in _NAME_SEPARATORS.split(str(item or ""))]
    return {squash(_PUNCTUATION.sub(" ", part)).casefold() for part in parts if squash(part)}


def date_right(gold: str, found: dt.date | dt.datetime | None) -> bool:
    """Same day as annotated (in the page's own offset); same instant when both have a time."""
    if found is None:
        return False
    truth = _when(gold)
    both = isinstance(truth, dt.datetime) and isinstance(found, dt.datetime)
    if both and truth.tzinfo is not None and found.tzinfo is not None:
        return truth == found
    day = found.date() if isinstance(found, dt.datetime) else found
    return day == (truth.date() if isinstance(truth, dt.datetime) else truth)


def score(tool: str, annotation: dict, result) -> dict:
    title, date, authors, _ = result
    row = {
        "title": squash(title) == squash(annotation["title"]),
        "date": date_right(annotation["date"], date),
        "authors": names(authors) == names(annotation["author"]),
    }
    if tool == "htmldate":
        row = {"date": row["date"]}
    row["found"] = {"title": title, "date": str(date) if date else None, "authors": authors}
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="evaldata.json + pages/")
    parser.add_argument("--extract", type=Path, metavar="GIT_DIR", help="get the pages first")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "eval-html.json")
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--only", help="score only files whose name contains this")
    args = parser.parse_args()
    if args.extract:
        return extract(args.extract, args.data)
    if not (args.data / "evaldata.json").is_file():
        print(f"no evaluation pages in {args.data}: run with --extract first", file=sys.stderr)
        return 2
    logging.disable(logging.WARNING)
    annotations = json.loads((args.data / "evaldata.json").read_text("utf-8"))
    pages = [
        item
        for item in annotations.values()
        if selected(item) and (args.data / "pages" / item["file"]).is_file()
    ]
    if args.only:
        pages = [item for item in pages if args.only in item["file"]]
    tools = args.tools.split(",")
    rows: dict[str, dict] = {}
    seconds = dict.fromkeys(tools, 0.0)
    for item in pages:
        path = args.data / "pages" / item["file"]
        html = path.read_bytes()
        rows[item["file"]] = {"gold": {k: item[k] for k in ("title", "date", "author")}}
        for tool in tools:
            start = time.perf_counter()
            try:
                result = RUNNERS[tool](path, html)
            except Exception as error:
                result = (None, None, [], None)
                rows[item["file"]][f"{tool}_error"] = f"{type(error).__name__}: {error}"
            seconds[tool] += time.perf_counter() - start
            rows[item["file"]][tool] = score(tool, item, result)
            if tool == "project" and result[3] is not None:
                rows[item["file"]][tool]["date_how"] = result[3].how
    totals = {
        tool: {
            field: round(100 * sum(r[tool][field] for r in rows.values()) / len(rows), 1)
            for field in ("title", "date", "authors")
            if field in next(iter(rows.values()))[tool]
        }
        | {"seconds": round(seconds[tool], 1)}
        for tool in tools
    }
    report = {"pages": len(rows), "totals": totals, "rows": rows}
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(rows)} pages ({args.data})")
    print(f"{'':12} {'title exact':>12} {'date day':>9} {'authors':>8} {'seconds':>8}")
    for tool, total in totals.items():
        cells = [f"{total[f]:.1f}%" if f in total else "-" for f in ("title", "date", "authors")]
        print(f"{tool:12} {cells[0]:>12} {cells[1]:>9} {cells[2]:>8} {total['seconds']:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
