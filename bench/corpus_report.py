"""How often what ingest infers from the text alone agrees with what the corpus pages say.

A report, not a test: for every article of ../shared/corpus, the title (title line or lede),
the date (dateline in the text, then the date in the file name) and the language are inferred
WITHOUT the JSON sidecar, then compared with the JSON. Figures go to bench/corpus-report.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews"


def words(text: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", text.lower())
    return {w for w in "".join(c if c.isalnum() else " " for c in plain).split() if len(w) > 2}


def main() -> int:
    from ingest.dating import date_from_file_name
    from ingest.language import detect_language
    from ingest.plaintext import PARIS, parse_plain_text, title_from_lede
    from ingest.rawfile import read_raw

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="bench/corpus-report.json")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"the corpus is missing: expected {CORPUS}", file=sys.stderr)
        return 2
    rows = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        parsed = parse_plain_text(read_raw(path, path.name))
        title = parsed.title.value if parsed.title else title_from_lede(parsed.paragraphs[0])
        overlap = words(title) & words(truth["title"])
        text_date = parsed.date.value.when.date().isoformat() if parsed.date else None
        name_date = date_from_file_name(path, path.name, PARIS)
        chain_date = text_date or (name_date.value.when.date().isoformat() if name_date else None)
        rows.append(
            {
                "article": path.name,
                "title_exact": title == truth["title"],
                "title_overlap": len(overlap) / max(1, len(words(truth["title"]))),
                "date_from_text": text_date == truth["date"],
                "date_from_chain": chain_date == truth["date"],
                "lang": detect_language(parsed.paragraphs, ("en", "fr")).value == truth["language"],
            }
        )
    n = len(rows)
    share = lambda key: round(sum(1 for r in rows if r[key]) / n, 3)  # noqa: E731
    report = {
        "articles": n,
        "title_exact": share("title_exact"),
        "title_half_the_words": round(sum(1 for r in rows if r["title_overlap"] >= 0.5) / n, 3),
        "date_from_text_alone": share("date_from_text"),
        "date_from_text_then_file_name": share("date_from_chain"),
        "language": share("lang"),
    }
    print(json.dumps(report, indent=1))
    out = ROOT / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"summary": report, "articles": rows}, indent=1) + "\n", "utf-8")
    print(f"report written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
