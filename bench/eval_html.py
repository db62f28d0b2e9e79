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
    python bench/eval_html.py --misses   # also each page the project gets wrong, and why

Scores, per page: the title exactly as annotated (spacing ignored); the date on the same day as
annotated (the day the page gives, in the page's own offset), and the same instant when both the
annotation and the answer have a time; the authors as the same set of names (case ignored).

Every tool is scored twice: against trafilatura's annotation as it is, and against the
hand-checked annotation, that is the same with the corrections of
``bench/eval-html-corrections.json`` applied: each made only where the page itself shows the
annotation wrong, with the evidence quoted from the page (checked on every run: a quote missing
from the page, or an annotated value that is no longer the one corrected, stops the run).
Issue 11's targets are measured on the hand-checked annotation.

Each miss of the project is given a probable cause, a hint for the hand check: a problem of the
annotation when the page suggests it (the annotated day written nowhere on the page, or the
page's modified date while the page states another publication date; a title annotated in
capitals the page writes in small letters; an author named nowhere on the page), else the
project's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html as html_text
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
CORRECTIONS = ROOT / "bench" / "eval-html-corrections.json"
FIELDS = (("title", "title"), ("date", "date"), ("authors", "author"))  # scored, annotated
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
_CREDIT_WORD = re.compile(r"^(?i:von|by|par|por)\s+(?=[A-ZÀ-Ý])")


def names(value: object) -> set[str]:
    """A credit as a set of names: a leading "Von", "By", "Par", "Por" dropped (issue 11 wants
    bylines without them), split on ";", ",", "&", "/", "und", "and", "et", "y"; case, dots and
    spacing ignored, so that "Von A und B" and ["A", "B"] are the same credit."""
    items = value if isinstance(value, list | tuple) else [value]
    items = [_CREDIT_WORD.sub("", squash(item)) for item in items]
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


# --------------------------------------------------------------------------------------------
# Why the project misses: the annotation's problem, shown by the page itself, or the project's

MONTHS = {
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
}
REFERENCE = "annotation"  # the start of every cause that is the annotation's problem


def page_text(html: bytes) -> str:
    """The page's source as text, entities decoded and spacing squashed, for "is it written on
    the page" checks (any encoding error replaced: this is only a search)."""
    return squash(html_text.unescape(html.decode("utf-8", "replace")))


def shown_text(html: bytes) -> str:
    """The page's text without its tags, scripts and styles, squashed: what a reader sees."""
    text = re.sub(
        r"<(script|style)\b.*?</\1\s*>", " ", html.decode("utf-8", "replace"), flags=re.S | re.I
    )
    return squash(html_text.unescape(re.sub(r"<[^>]*>", " ", text)))


def load_corrections(path: Path, annotations: dict, data: Path) -> dict[str, dict]:
    """The hand-checked corrections by page: {file: {annotation key: corrected value}}. Each
    entry's annotated value must be the annotation's, and each of its quotes must be on the page
    (in its source or its shown text); else the run stops, naming the entry."""
    if not path.is_file():
        return {}
    by_file = {item["file"]: item for item in annotations.values()}
    corrected: dict[str, dict] = {}
    for number, entry in enumerate(json.loads(path.read_text("utf-8"))["corrections"], 1):
        where = f"{path.name}: correction {number} ({entry['page']}, {entry['field']})"
        item = by_file.get(entry["page"])
        if item is None or item.get(entry["field"]) != entry["reference"]:
            found = item.get(entry["field"]) if item else "no such page"
            raise SystemExit(f"{where}: the annotation is {found!r}, not {entry['reference']!r}")
        html = (data / "pages" / entry["page"]).read_bytes()
        source, shown = page_text(html), shown_text(html)
        for quote in entry["evidence"]:
            if quote not in source and quote not in shown:
                raise SystemExit(f"{where}: evidence not on the page: {quote!r}")
        corrected.setdefault(entry["page"], {})[entry["field"]] = entry["corrected"]
    return corrected


def day_forms(day: dt.date) -> list[str]:
    """The ways a page may write ``day``: ISO, numeric day first, and with the month's name."""
    d, m, y = day.day, day.month, day.year
    forms = [day.isoformat(), f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{y}", f"{d:02d}/{m:02d}/{y}"]
    forms += [f"{d:02d}.{m:02d}.{y % 100:02d}", f"{d}/{m}/{y}", f"{y}/{m:02d}/{d:02d}"]
    for names in MONTHS.values():
        month = names.split()[m - 1]
        forms += [f"{d}. {month} {y}", f"{d:02d}. {month} {y}", f"{d} {month} {y}"]
        forms += [f"{month} {d}, {y}", f"{d} de {month}", f"{month} {d:02d}, {y}"]
    return forms


def _modified_days(text: str) -> set[str]:
    found = re.findall(
        r'(?:dateModified"\s*:\s*"|modified_time"\s+content="|content="([^"]*)"\s+property='
        r'"article:modified_time)(\d{4}-\d{2}-\d{2})',
        text,
    )
    return {day for _, day in found}


def why_date(gold: str, found: str | None, text: str) -> str:
    truth = _when(gold.replace(".", "-") if re.match(r"^\d{4}-\d{2}\.\d{2}$", gold) else gold)
    if not isinstance(truth, dt.date) or not re.match(r"^\d{4}-\d{2}-\d{2}$", gold[:10]):
        return f"{REFERENCE} is not a date ({gold!r})"
    day = truth.date() if isinstance(truth, dt.datetime) else truth
    if not any(re.search(rf"(?<!\d){re.escape(form)}(?!\d)", text) for form in day_forms(day)):
        return f"{REFERENCE}: {day} is written nowhere on the page"
    if found is None:
        return "no date found"
    when = _when(found)
    if day.isoformat() in _modified_days(text) and str(found)[:10] not in _modified_days(text):
        return f"{REFERENCE} is the page's modified date; the page states {str(found)[:10]}"
    if (
        isinstance(when, dt.datetime)
        and when.tzinfo is not None
        and when.astimezone(dt.UTC).date() == day
    ):
        return f"{REFERENCE} is the UTC day of the instant {found}, not the page's own day"
    return "project"


_QUOTES = str.maketrans({c: '"' for c in "„“”«»‚‘’‹›"})


def why_title(gold: str, found: str | None, text: str) -> str:
    gold, got = squash(gold), squash(found)
    if gold.isupper() and got and got.upper() == gold:
        return f"{REFERENCE} in capitals, the page in small letters (CSS text-transform)"
    if got and gold.translate(_QUOTES).strip('"') == got.translate(_QUOTES).strip('"'):
        return f"{REFERENCE} and page differ in quotation marks only"
    if gold.casefold() not in text.casefold():
        return f"{REFERENCE}: the title is written nowhere on the page"
    return "project"


# An agency or a desk in a credit ("dpa", "red", "Redaktion", "FR mit dpa", "NDR"): issue 11
# leaves them out of the authors unless they are the whole credit.
_AGENCY = re.compile(
    r"^(?:dpa|afp|ap|apa|reuters|kna|epd|sid|ndr|wdr|swr|red|redaktion|agenturen)$"
    r"|\bmit dpa\b",
    re.IGNORECASE,
)


def why_authors(gold: object, found: list, text: str) -> str:
    wanted = names(gold)
    if not any(name in text.casefold() for name in wanted):
        return f"{REFERENCE}: no annotated name is written on the page"
    raw = [squash(part) for part in (gold if isinstance(gold, list) else [gold])]
    credits = [piece for part in raw for piece in re.split(r"\s*[,;&/]\s*|\s+und\s+", part)]
    agencies = [credit for credit in credits if _AGENCY.search(credit)]
    people = [c for c in credits if " " in c and "." not in c and c not in agencies]
    if agencies and people:
        return f"{REFERENCE} credits an agency or desk beside the author, which issue 11 omits"
    if names(found) and names(found) < wanted:
        return "project: some names missing"
    return "project"


WHY = {"title": why_title, "date": why_date, "authors": why_authors}


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
    parser.add_argument(
        "--corrections", type=Path, default=CORRECTIONS, help="the hand-checked corrections"
    )
    parser.add_argument(
        "--misses", action="store_true", help="print each page the project gets wrong, and why"
    )
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
    corrections = load_corrections(args.corrections, annotations, args.data)
    tools = args.tools.split(",")
    rows: dict[str, dict] = {}
    seconds = dict.fromkeys(tools, 0.0)
    for item in pages:
        path = args.data / "pages" / item["file"]
        html = path.read_bytes()
        rows[item["file"]] = {"gold": {k: item[k] for k in ("title", "date", "author")}}
        checked = {**item, **corrections.get(item["file"], {})}
        if checked != item:
            rows[item["file"]]["checked"] = corrections[item["file"]]
        for tool in tools:
            start = time.perf_counter()
            try:
                result = RUNNERS[tool](path, html)
            except Exception as error:
                result = (None, None, [], None)
                rows[item["file"]][f"{tool}_error"] = f"{type(error).__name__}: {error}"
            seconds[tool] += time.perf_counter() - start
            rows[item["file"]][tool] = score(tool, item, result)
            rows[item["file"]][tool]["checked"] = {
                field: value
                for field, value in score(tool, checked, result).items()
                if field != "found"
            }
            if tool == "project" and result[3] is not None:
                rows[item["file"]][tool]["date_how"] = result[3].how
            if tool == "project":
                row = rows[item["file"]][tool]
                text = page_text(html)
                row["why"] = {
                    field: WHY[field](item[gold], row["found"][field], text)
                    for field, gold in (("title", "title"), ("date", "date"), ("authors", "author"))
                    if not row[field]
                }
    totals = {
        tool: {
            field: round(100 * sum(r[tool][field] for r in rows.values()) / len(rows), 1)
            for field in ("title", "date", "authors")
            if field in next(iter(rows.values()))[tool]
        }
        | {"seconds": round(seconds[tool], 1)}
        for tool in tools
    }
    checked_totals = {
        tool: {
            field: round(100 * sum(r[tool]["checked"][field] for r in rows.values()) / len(rows), 1)
            for field in ("title", "date", "authors")
            if field in next(iter(rows.values()))[tool]["checked"]
        }
        for tool in tools
    }
    counts = {
        field: sum(gold in r.get("checked", {}) for r in rows.values()) for field, gold in FIELDS
    }
    report = {
        "pages": len(rows),
        "totals": totals,
        "hand_checked": {"corrections": counts, "totals": checked_totals},
        "rows": rows,
    }
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")
    if args.misses:
        print_misses(rows)
    print(f"{len(rows)} pages ({args.data})")
    print(f"{'':12} {'title exact':>12} {'date day':>9} {'authors':>8} {'seconds':>8}")
    for tool, total in totals.items():
        cells = [f"{total[f]:.1f}%" if f in total else "-" for f in ("title", "date", "authors")]
        print(f"{tool:12} {cells[0]:>12} {cells[1]:>9} {cells[2]:>8} {total['seconds']:>8}")
    fixed = ", ".join(f"{count} {field}" for field, count in counts.items())
    print(f"against the hand-checked annotation ({fixed} corrected, {args.corrections.name}):")
    for tool, total in checked_totals.items():
        cells = [f"{total[f]:.1f}%" if f in total else "-" for f in ("title", "date", "authors")]
        print(f"{tool:12} {cells[0]:>12} {cells[1]:>9} {cells[2]:>8}")
    return 0


def print_misses(rows: dict) -> None:
    """Each page the project gets wrong, field by field: page, annotated, found, cause; then
    the count of each cause."""
    for field, gold_key in FIELDS:
        misses = [
            (name, r["gold"][gold_key], r["project"]["found"][field], r["project"]["why"][field])
            for name, r in rows.items()
            if not r["project"][field]
        ]
        misses = [
            (name, gold, found, why + ("; hand-checked: right" if checked else ""))
            for name, gold, found, why in misses
            for checked in [rows[name]["project"]["checked"][field]]
        ]
        print(f"\n{field}: {len(misses)} misses")
        print(f"{'page':40} | {'annotated':40} | {'found':40} | why")
        for name, gold, found, why in sorted(misses, key=lambda m: (m[3], m[0])):
            cells = [squash(v)[:40] for v in (name, gold, found)]
            print(f"{cells[0]:40} | {cells[1]:40} | {cells[2]:40} | {why}")
        causes: dict[str, int] = {}
        for *_, why in misses:
            cause = why.split(":")[0].split(";")[0].split(" (")[0]
            cause = re.sub(r"\d{4}-\d{2}-\d{2}.*", "...", cause)
            causes[cause] = causes.get(cause, 0) + 1
        for cause, count in sorted(causes.items(), key=lambda c: -c[1]):
            print(f"  {count:3}  {cause}")
    print()


if __name__ == "__main__":
    sys.exit(main())
