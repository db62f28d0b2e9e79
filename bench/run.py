"""Benchmark: our entity pages against stock Pelican tag pages, for the same names.

For each size N (articles), a synthetic site is written to a temporary folder: N Markdown
articles of ~600 words (text from ../shared/corpus when present), each naming 20 entities drawn
from a pool of N names with a Zipf-like skew (a few names everywhere, most rare). The same names
are given to stock Pelican as tags. Two builds per size, in this one process:

- stock: Pelican with tag pages on, our entity plugin off; we time ``generate_tags`` and the
  tag part of the context;
- ours: tag pages off, the entities plugin on; we time its ``generate_context`` and
  ``generate_output``.

Figures go to a JSON file (``invoke bench`` -> bench/results.json), with ratios measured in the
same run, since absolute seconds vary from machine to machine.
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import random
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews"
KINDS = ("People", "Places", "Organisations")


def words_source() -> list[str]:
    texts = sorted(CORPUS.glob("*/*.txt")) if CORPUS.is_dir() else []
    words = " ".join(p.read_text(encoding="utf-8") for p in texts[:60]).split()
    return words or ("lorem ipsum dolor sit amet " * 200).split()


def pool(n: int) -> list[str]:
    rng = random.Random(7)
    syllables = ["ka", "lo", "mi", "ra", "to", "vin", "sel", "dor", "an", "be", "cu", "zh"]
    names = set()
    while len(names) < n:
        first = "".join(rng.choice(syllables) for _ in range(2)).capitalize()
        last = "".join(rng.choice(syllables) for _ in range(3)).capitalize()
        names.add(f"{first} {last}")
    return sorted(names)


def write_site(folder: Path, n: int, per_article: int = 20) -> None:
    rng = random.Random(n)
    names = pool(n)
    kind_of = {name: number % 3 for number, name in enumerate(names)}
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(names))]
    words = words_source()
    articles = folder / "content" / "articles"
    articles.mkdir(parents=True)
    for number in range(n):
        chosen = []
        while len(chosen) < per_article:
            for name in rng.choices(names, weights, k=per_article):
                if name not in chosen and len(chosen) < per_article:
                    chosen.append(name)
        start = rng.randrange(0, max(1, len(words) - 600))
        body = " ".join(words[start : start + 600])
        # Each name keeps one kind everywhere, as real entities do.
        groups = [[name for name in chosen if kind_of[name] == k] for k in range(3)]
        day = 1 + number % 28
        month = 1 + (number // 28) % 12
        year = 2004 + number // (28 * 12)
        meta = "\n".join(
            [
                f"Title: Article {number}",
                f"Date: {year}-{month:02d}-{day:02d}T10:00:00+00:00",
                f"Slug: article-{number}",
                "Lang: en",
                f"Tags: {', '.join(chosen)}",
                *(f"{kind}: {'; '.join(group)}" for kind, group in zip(KINDS, groups, strict=True)),
            ]
        )
        (articles / f"article-{number}.md").write_text(f"{meta}\n\n{body}\n", encoding="utf-8")


@contextmanager
def timed(owner, name: str, totals: dict, key: str):
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            totals[key] = totals.get(key, 0.0) + time.perf_counter() - start

    setattr(owner, name, wrapper)
    try:
        yield
    finally:
        setattr(owner, name, original)


def build(folder: Path, ours: bool) -> dict:
    sys.path.insert(0, str(ROOT / "plugins"))
    from entities.glue import EntityPagesGenerator
    from pelican import Pelican
    from pelican.generators import ArticlesGenerator
    from pelican.settings import read_settings

    plugins = (
        ["strict_build", "article_page", "site_language", "entities"]
        if ours
        else ["strict_build", "site_language"]
    )
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(folder / "content"),
            "OUTPUT_PATH": str(folder / ("out-ours" if ours else "out-stock")),
            "THEME": str(ROOT / "theme") if ours else "simple",
            "PLUGIN_PATHS": [str(ROOT / "plugins")],
            "PLUGINS": plugins,
            "INGEST_ON_BUILD": False,
            "SEARCH_INDEX": False,
            "TAG_SAVE_AS": "" if ours else "tag/{slug}.html",
            "TAG_URL": "tag/{slug}.html",
            "DIRECT_TEMPLATES": ["index"],
            "FEED_ALL_ATOM": None,
            "ENTITIES_ALIAS_FILE": "none.yml",
        },
    )
    totals: dict[str, float] = {}
    start = time.perf_counter()
    with (
        timed(ArticlesGenerator, "generate_tags", totals, "tag_pages"),
        timed(EntityPagesGenerator, "generate_context", totals, "entity_context"),
        timed(EntityPagesGenerator, "generate_output", totals, "entity_pages"),
    ):
        Pelican(settings).run()
    totals["whole_build"] = time.perf_counter() - start
    return {key: round(value, 3) for key, value in totals.items()}


def build_in_child(folder: Path, ours: bool) -> dict:
    """Each build in a fresh process: Pelican's signals are global, so plugins registered by
    one build would otherwise still be connected in the next."""
    command = [sys.executable, __file__, "--one", str(folder), "ours" if ours else "stock"]
    completed = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="bench/results.json")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--one", nargs=2, metavar=("FOLDER", "KIND"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if args.one:
        print(json.dumps(build(Path(args.one[0]), ours=args.one[1] == "ours")))
        return 0
    results = {"machine": platform.platform(), "python": platform.python_version(), "sizes": {}}
    for n in (int(size) for size in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            write_site(folder, n)
            stock = build_in_child(folder, ours=False)
            ours = build_in_child(folder, ours=True)
        ours_total = ours.get("entity_context", 0) + ours.get("entity_pages", 0)
        row = {
            "articles": n,
            "names": n,
            "names_per_article": 20,
            "stock_tag_pages_s": stock.get("tag_pages"),
            "stock_whole_build_s": stock["whole_build"],
            "entity_pages_s": round(ours_total, 3),
            "entity_context_s": ours.get("entity_context"),
            "ours_whole_build_s": ours["whole_build"],
            "entity_pages_over_tag_pages": round(ours_total / stock["tag_pages"], 3)
            if stock.get("tag_pages")
            else None,
        }
        results["sizes"][str(n)] = row
        print(json.dumps(row), flush=True)
    sizes = sorted(results["sizes"], key=int)
    if len(sizes) >= 2:
        small, large = results["sizes"][sizes[0]], results["sizes"][sizes[-1]]
        growth = int(sizes[-1]) / int(sizes[0])
        results["scaling"] = {
            "articles_ratio": growth,
            "entity_pages_time_ratio": round(large["entity_pages_s"] / small["entity_pages_s"], 2),
            "stock_tag_pages_time_ratio": round(
                large["stock_tag_pages_s"] / small["stock_tag_pages_s"], 2
            ),
        }
        print(json.dumps(results["scaling"]))
    out = ROOT / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"figures written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
