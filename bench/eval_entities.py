"""Entity quality: the project's people, places and organisations against hand annotations.

For every article of a gold file (the 119 French WiNER articles in ../shared/corpus/gold, and
the English hand set in tests/entities/gold_en.jsonl), the raw file goes through the code that
builds the site: ingest's reader and parser, ``EntityRecognizer.spans`` and
``extraction.place_mentions`` with the built-in and editors' alias files. Each mention kept is
written with its kind, its final name and its character offsets into the raw file (what the
gold's offsets refer to). The shared scorer (../shared/eval/score_entities.py) then scores it
beside the spaCy model alone, span by span (gold spans nested in another removed) and per
article (the name sets the article's metadata lists: each entity by the article's own name
for it, ``extraction.article_name``); per article again with each mention named as the
article wrote it, which measures recognition alone, and with each entity named as its page
is (the alias book's name in the article's language: "U.S." listed as "United States").
Figures go to bench/entity-quality.json.

``--audit`` instead builds the registry of the demo corpus (175 articles) and prints the
entity pages an editor should never see (``entities.audit``).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "eval" / "score_entities.py"
GOLD = {
    "fr": CORPUS / "gold" / "entities-fr.jsonl",
    "en": ROOT / "tests" / "entities" / "gold_en.jsonl",
}
KINDS = ("PER", "LOC", "ORG", "micro")
_APOSTROPHE = re.compile("['’ʼ‘`]")


def text_regex(text: str) -> str:
    """A regex for ``text`` as the raw file may write it: any apostrophe, any run of spaces
    (ingest joins hard-wrapped lines and collapses spaces)."""
    words = [_APOSTROPHE.sub("['’ʼ‘`]", re.escape(word)) for word in text.split()]
    return r"\s+".join(words)


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_entities", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def alias_book():
    from entities.aliases import load_alias_book

    layers = [
        (ROOT / "plugins" / "entities" / "builtin_aliases.yml", "builtin_aliases.yml"),
        (ROOT / "content" / "entities.yml", "content/entities.yml"),
    ]
    layers = [(path, shown) for path, shown in layers if path.exists()]
    return load_alias_book([path for path, _ in layers], [shown for _, shown in layers])


def article_predictions(raw_path: Path, lang: str, recognizer, aliases) -> list[dict]:
    """The project's mentions of one raw article, with offsets into the raw file's text."""
    from entities.extraction import book_lookup, place_mentions
    from ingest.convert import parse
    from ingest.plaintext import PARIS
    from ingest.rawfile import read_raw

    raw = read_raw(raw_path, raw_path.name)
    parsed = parse(raw, raw_path, PARIS)
    text = "\n\n".join(parsed.paragraphs)
    spans = recognizer.spans(text, lang)
    predictions = []
    cursor = 0
    for placed in place_mentions(spans, aliases, lang, text):
        # in text order: each span is found after the previous one, in the raw file's text
        found = re.compile(text_regex(placed.span)).search(raw.text, cursor)
        if found is None:
            continue
        cursor = found.end()  # mentions never overlap
        where = found.span()
        inside = re.compile(text_regex(placed.surface)).search(raw.text, where[0], where[1])
        start, end = inside.span() if inside else where
        book, _ = book_lookup(placed.name, aliases)
        predictions.append(
            {
                "kind": placed.kind,
                "name": placed.name,
                "page": aliases.name_in(book.key, lang) if book else placed.name,
                "written": placed.surface,
                "start": start,
                "end": end,
            }
        )
    return predictions


def article_text(raw_path: Path) -> str:
    """The text of a raw article as ingest gives it to the entity model."""
    from ingest.convert import ner_text, parse
    from ingest.plaintext import PARIS
    from ingest.rawfile import read_raw

    parsed = parse(read_raw(raw_path, raw_path.name), raw_path, PARIS)
    return ner_text(parsed.paragraphs, raw_path.name, quiet=True)


def audit_corpus(folder: Path, recognizer, aliases) -> list:
    """The entity pages' problems (``entities.audit``) of a site made of the articles in
    ``folder/fr`` and ``folder/en`` (``YYYY-MM-DD_name.txt``, as the demo corpus): each read as
    ingest reads it, its entities as its metadata would list them, one registry."""
    import datetime

    from entities.audit import site_problems
    from entities.registry import ArticleRef, build_registry

    refs, texts = [], {}
    for lang in ("fr", "en"):
        for path in sorted((folder / lang).glob("*.txt")):
            text = article_text(path)
            date = datetime.date.fromisoformat(path.name[:10])
            found = recognizer.recognise(text, lang, aliases)
            refs.append(ArticleRef(f"{lang}/{path.stem}", date, lang, found))
            texts[f"{lang}/{path.stem}"] = text
    return site_problems(build_registry(refs, aliases), refs, aliases, texts)


def audit(folder: Path) -> int:
    """Print the problems of the entity pages of ``folder``'s site; 1 when there are some."""
    from entities.extraction import EntityRecognizer

    articles = sum(1 for lang in ("fr", "en") for _ in (folder / lang).glob("*.txt"))
    problems = audit_corpus(folder, EntityRecognizer(), alias_book())
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problems in the entity pages of {articles} articles ({folder})")
    return 1 if problems else 0


def predict(gold: Path, lang: str, out: Path) -> int:
    """Write the project's predictions for every article of ``gold``; the article count."""
    from entities.extraction import EntityRecognizer

    recognizer, aliases = EntityRecognizer(), alias_book()
    lines = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        article = json.loads(line)
        raw_path = CORPUS / (article.get("file") or f"{article['id']}.txt")
        entities = article_predictions(raw_path, lang, recognizer, aliases)
        lines.append({"id": article["id"], "entities": entities})
    write_jsonl(out, lines)
    # the same mentions named as the article wrote them: recognition apart from naming
    written = [
        {"id": line["id"], "entities": [dict(e, name=e["written"]) for e in line["entities"]]}
        for line in lines
    ]
    write_jsonl(out.with_suffix(".written.jsonl"), written)
    # named by the alias book's name in the article's language, as the entity's page is
    paged = [
        {"id": line["id"], "entities": [dict(e, name=e["page"]) for e in line["entities"]]}
        for line in lines
    ]
    write_jsonl(out.with_suffix(".page.jsonl"), paged)
    return len(lines)


def write_jsonl(path: Path, lines: list[dict]) -> None:
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    path.write_text(text, encoding="utf-8")


def score(scorer, gold: Path, source: list[str]) -> dict:
    args = ["--data", str(CORPUS), "--gold", str(gold), *source]
    with contextlib.redirect_stdout(io.StringIO()):
        return scorer.main(args)


def table(lang: str, model: str, alone: dict, ours: dict) -> str:
    rows = [
        f"{lang}: {ours['meta']['articles']} articles, F1 (P/R), spaCy {model} alone -> project",
        f"  {'kind':6}{'span-level (nested gold removed)':>42}{'document-level':>42}",
    ]
    for kind in KINDS:
        cells = []
        for metric in ("span_outermost_gold", "doc_level"):
            a, o = alone[metric][kind], ours[metric][kind]
            cells.append(
                f"{100 * a['f1']:5.1f} ({100 * a['p']:4.1f}/{100 * a['r']:4.1f}) -> "
                f"{100 * o['f1']:5.1f} ({100 * o['p']:4.1f}/{100 * o['r']:4.1f})"
            )
        rows.append(f"  {kind:6}{cells[0]:>42}{cells[1]:>42}")
    return "\n".join(rows)


def main(argv=None) -> int:
    from entities.extraction import DEFAULT_MODELS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", default="fr,en", help="gold sets to score: fr, en or both")
    parser.add_argument("--out", default="bench/entity-quality.json", help="figures (JSON)")
    parser.add_argument("--predictions", default="cache/entity-predictions-{lang}.jsonl")
    parser.add_argument(
        "--audit",
        nargs="?",
        const=str(CORPUS / "wikinews"),
        help="instead: list the entity pages an editor should never see, for the site of "
        "this folder's fr/ and en/ articles (default: the demo corpus)",
    )
    args = parser.parse_args(argv)
    if args.audit:
        return audit(Path(args.audit))
    if not SCORER.exists() or not CORPUS.is_dir():
        print(f"the shared corpus or scorer is missing: expected {CORPUS} and {SCORER}")
        return 2
    scorer = load_scorer()
    figures = {}
    for lang in [code.strip() for code in args.langs.split(",") if code.strip()]:
        gold = GOLD[lang]
        out = ROOT / args.predictions.format(lang=lang)
        out.parent.mkdir(parents=True, exist_ok=True)
        predict(gold, lang, out)
        ours = score(scorer, gold, ["--predictions", str(out)])
        written = score(scorer, gold, ["--predictions", str(out.with_suffix(".written.jsonl"))])
        paged = score(scorer, gold, ["--predictions", str(out.with_suffix(".page.jsonl"))])
        alone = score(scorer, gold, ["--spacy-model", DEFAULT_MODELS[lang]])
        print(table(lang, DEFAULT_MODELS[lang], alone, ours))
        for what, figure in (
            ("each mention as the article wrote it (recognition alone)", written),
            ("each entity by its page's name in the article's language", paged),
        ):
            print(
                f"  document-level, {what}: "
                + ", ".join(f"{k} {100 * figure['doc_level'][k]['f1']:.1f}" for k in KINDS)
            )
        figures[lang] = {
            "spacy_alone": alone,
            "project": ours,
            "project_names_as_written": written,
            "project_page_names": paged,
        }
    (ROOT / args.out).write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
