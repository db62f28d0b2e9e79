"""Benchmark: every piece of conversion on a hostile article, a 2 MB paragraph on one line.

Each piece (reading the raw file, parsing it, title and summary, sentences, text dates, quotes,
Markdown to HTML, and optionally the entity model) is timed on the line at a quarter of the size
and at the full size: linear work grows about 4 times, quadratic work 16 times. The line mixes
what the splitter and the regexes react to (abbreviations, quotes, dates, names, runs of
spaces). Figures go to a JSON file (``invoke bench --hostile`` -> bench/hostile.json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNIT = (
    "Le président M. Poutine a dit « Oui. Non. » à Kim Jong-un, hier, le 13 septembre 2023 à "
    "Vostotchny ; « nous serons toujours avec la Russie », a déclaré le dirigeant nord-coréen "
    'Kim Jong-un. Les U.S. ont voté 3 fois "contre" en 2016, de 2014 à 2016, il y a sept ans.'
    "                                                            "
)


def hostile_line(chars: int) -> str:
    return (UNIT * (chars // len(UNIT) + 1))[:chars]


def pieces(line: str, folder: Path, with_ner: bool) -> dict[str, callable]:
    from entities.mentions import find_quotes
    from ingest.convert import ner_text
    from ingest.plaintext import parse_plain_text, summary_from_lede, title_from_lede
    from ingest.rawfile import read_raw
    from markdown import Markdown
    from newstext.sentences import split_sentences
    from timelines.textdates import find_dated_events

    raw_path = folder / "hostile.txt"
    raw_path.write_text(line + "\n", encoding="utf-8")
    raw = read_raw(raw_path, "seeds/hostile.txt", max_bytes=10 * len(line) + 10)
    parsed = parse_plain_text(raw)
    people = {"Kim Jong-un": ["Kim Jong-un"], "Vladimir Poutine": ["Poutine"]}
    found = {
        "read_raw": lambda: read_raw(raw_path, "seeds/hostile.txt", max_bytes=10 * len(line)),
        "parse_plain_text": lambda: parse_plain_text(raw),
        "title_and_summary": lambda: (title_from_lede(line), summary_from_lede([line])),
        "split_sentences": lambda: split_sentences(line),
        "find_dated_events": lambda: find_dated_events(line, "fr", dt.date(2023, 9, 13)),
        "find_quotes": lambda: find_quotes(line, people, "fr"),
        "markdown_to_html": lambda: Markdown(extensions=["markdown.extensions.extra"]).convert(
            parsed.body_markdown
        ),
    }
    if with_ner:
        from entities.extraction import EntityRecognizer

        recognizer = EntityRecognizer({"fr": "fr_core_news_md"})
        recognizer.spans("Chauffe.", "fr")  # load the model outside the timing
        found["ner_bounded"] = lambda: recognizer.spans(ner_text([line], "seeds/x.txt"), "fr")
    return found


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return round(time.perf_counter() - start, 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="bench/hostile.json")
    parser.add_argument("--chars", type=int, default=2_000_000)
    parser.add_argument("--ner", action="store_true", help="also time the (bounded) NER")
    args = parser.parse_args()
    sizes = (args.chars // 4, args.chars)
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            for name, work in pieces(hostile_line(size), Path(folder), args.ner).items():
                results.setdefault(name, {})[str(size)] = timed(work)
                print(f"{name:20} {size:>9,} chars {results[name][str(size)]:>8.3f} s", flush=True)
    for figures in results.values():
        small, large = figures[str(sizes[0])], figures[str(sizes[1])]
        figures["growth_x4_size"] = round(large / small, 1) if small > 0.01 else None
    report = {
        "what": "seconds per piece on a one-line paragraph; growth near 4 is linear, 16 quadratic",
        "machine": {"python": sys.version.split()[0], "platform": platform.platform()},
        "sizes": list(sizes),
        "pieces": results,
    }
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.path[:0] = [str(ROOT / "plugins")]
    raise SystemExit(main())
