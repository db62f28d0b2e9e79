"""Tasks for editors, developers and CI: ``invoke --list`` shows them all.

Pelican's quickstart names (build, rebuild, regenerate, serve, livereload, publish) plus ours
(ingest, test, check, bench, eval, screenshots, lock). Run them with the project's virtual
environment, e.g. ``.venv/bin/invoke build``.
"""

import html
import mimetypes
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
os.chdir(ROOT)  # tasks run from the project folder, wherever invoke was called from
PY = shlex.quote(sys.executable)
PLUGINS_ON_PATH = {
    "PYTHONPATH": os.pathsep.join(
        filter(None, [str(ROOT / "plugins"), str(ROOT), os.environ.get("PYTHONPATH")])
    )
}
# On a terminal, builds and ingest run in a pseudo-terminal, so that they show a progress bar
# (and colours); in CI logs and pipes they write plain lines.
ON_TERMINAL = sys.stdout.isatty()
CONFIG = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "deploy_path": "output",
    "host": "127.0.0.1",
    "port": 8000,
}


def pelican(c, *args, strict=False):
    extra = ["-e", "DIGEST_STRICT=true"] if strict else []
    command = shlex.join([sys.executable, "-m", "pelican", *args, *extra])
    done = c.run(command, pty=ON_TERMINAL, warn=True)
    if done.exited:  # the build said why (its summary); no second report from invoke
        raise Exit(code=done.exited)


@task
def clean(c):
    """Remove the generated site (output/) and Pelican's caches (.pelican-cache/)."""
    shutil.rmtree(ROOT / CONFIG["deploy_path"], ignore_errors=True)
    shutil.rmtree(ROOT / ".pelican-cache", ignore_errors=True)


@task(help={"strict": "fail at the end if any file had an error (what CI does)"})
def build(c, strict=False):
    """Convert seeds/ into content/ and build the site into output/."""
    pelican(c, "content", "-s", CONFIG["settings_base"], strict=strict)


@task(help={"strict": "fail at the end if any file had an error"})
def rebuild(c, strict=False):
    """Build from scratch: remove output/ and Pelican's caches first."""
    clean(c)
    build(c, strict=strict)


WATCHED = ("seeds", "content", "theme", "pelicanconf.py")


class Preview:
    """Builds for ``invoke regenerate`` and ``invoke livereload``: what changed in seeds/,
    content/, theme/ or pelicanconf.py (polled), one build in its own process (its output shown
    as it comes), and the problems of the last build, for the page."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.seen = self.snapshot()

    @staticmethod
    def snapshot() -> dict[str, tuple[int, int]]:
        found = {}
        for name in WATCHED:
            top = ROOT / name
            for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
                relative = path.relative_to(ROOT)
                if path.is_file() and not any(p.startswith(".") for p in relative.parts):
                    stat = path.stat()
                    found[relative.as_posix()] = (stat.st_mtime_ns, stat.st_size)
        return found

    def changes(self) -> list[str]:
        """What changed since the last look (the build's own writes are taken in after it)."""
        now = self.snapshot()
        changed = sorted(k for k in now.keys() | self.seen.keys() if now.get(k) != self.seen.get(k))
        self.seen = now
        return changed

    def build(self, changed: list[str] = ()) -> None:
        if changed:
            more = f" and {len(changed) - 5} more" if changed[5:] else ""
            shown = ", ".join(changed[:5]) + more
            print(f"Changed: {shown}: building", flush=True)
        columns = str(shutil.get_terminal_size().columns)
        command = [sys.executable, "-m", "pelican", "content", "-s", CONFIG["settings_base"]]
        run = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "COLUMNS": columns}, cwd=ROOT,
        )  # fmt: skip
        lines = []
        for line in run.stdout:
            sys.stdout.write(line)
            lines.append(line.rstrip("\n"))
        status = run.wait()
        self.problems = problems_of(lines, status)
        self.seen = self.snapshot()


def problems_of(lines: list[str], status: int) -> list[str]:
    """The problems the build's summary lists (strict_build prints them, one a line), and the
    end of its output when it stopped early."""
    problems = [line.strip() for line in lines if re.match(r"  (ERROR|WARNING) ", line)]
    if status:
        # Pelican's own report of what stopped it comes first, then its traceback
        stop = next((n for n, line in enumerate(lines) if "CRITICAL" in line), None)
        shown = lines[stop : stop + 30] if stop is not None else lines[-25:]
        problems.append(f"The build stopped (exit status {status}); its output says:")
        problems += shown
    return problems


def with_banner(page: bytes, problems: list[str]) -> bytes:
    """The page with the last build's problems at its top (escaped, readable, fixed on top)."""
    text = html.escape("\n".join(["Last build: problems (fix them, save, it reloads)", *problems]))
    banner = (
        '<pre id="build-problems" role="alert" style="position:fixed;top:0;left:0;right:0;'
        "z-index:2147483647;margin:0;max-height:50vh;overflow:auto;padding:1em;"
        "background:#fff1f0;color:#5c0011;border-bottom:3px solid #cf1322;"
        'font:14px/1.4 monospace;white-space:pre-wrap">'
        f"{text}</pre>"
    ).encode()
    body = re.search(rb"<body[^>]*>", page)
    if body is None:
        return page + banner
    return page[: body.end()] + banner + page[body.end() :]


def preview_app(preview: Preview, output: Path):
    """A WSGI app serving ``output`` (livereload injects its script into every page), with the
    problems of the last build shown in every page; a missing page gets one of its own."""
    root = output.resolve()

    def app(environ, start_response):
        target = (root / unquote(environ.get("PATH_INFO", "/")).lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        status = "200 OK"
        if not target.is_relative_to(root) or not target.is_file():
            status, target = "404 Not Found", root / "404.html"
        if target.is_file():
            body, kind = target.read_bytes(), mimetypes.guess_type(target.name)[0]
        else:  # no site yet: the build failed before writing it
            body = b"<!DOCTYPE html><html><head><title>No site yet</title></head><body></html>"
            kind = "text/html"
        kind = kind or "application/octet-stream"
        if kind == "text/html" and preview.problems:
            body = with_banner(body, preview.problems)
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        start_response(status, [("Content-Type", kind), ("Cache-Control", "no-store")])
        return [body]

    return app


@task
def regenerate(c):
    """Rebuild whenever seeds/, content/, theme/ or pelicanconf.py change (Ctrl-C stops)."""
    preview = Preview()
    preview.build()
    print(f"Watching {', '.join(WATCHED)} for changes (Ctrl-C stops)", flush=True)
    try:
        while True:
            time.sleep(1)
            if changed := preview.changes():
                preview.build(changed)
    except KeyboardInterrupt:
        pass


@task
def serve(c):
    """Serve output/ on http://127.0.0.1:8000/."""
    pelican(c, "-l", "-b", CONFIG["host"], "-p", str(CONFIG["port"]), "-s", CONFIG["settings_base"])


@task(help={"port": "port to serve on (default 8000)"})
def livereload(c, port=CONFIG["port"]):
    """Serve the site, rebuild when seeds/, content/ or theme/ change, and reload the open page."""
    from livereload import Server
    from livereload.watcher import Watcher

    preview = Preview()

    class SourceWatcher(Watcher):
        """livereload's watcher, told of changes by ``Preview`` (one build per change)."""

        def examine(self):
            if self._changes:  # the server's own start-up message
                return self._changes.pop()
            changed = preview.changes()
            if not changed:
                return None, None
            preview.build(changed)
            self.filepath = changed[0]
            return self.filepath, None

    preview.build()
    server = Server(app=preview_app(preview, ROOT / CONFIG["deploy_path"]), watcher=SourceWatcher())
    print(f"Watching {', '.join(WATCHED)}; open http://{CONFIG['host']}:{port}/", flush=True)
    server.serve(host=CONFIG["host"], port=int(port), debug=False, restart_delay=0)


@task
def publish(c):
    """Build for deployment with publishconf.py (absolute SITEURL from $SITEURL), strictly."""
    pelican(c, "content", "-s", CONFIG["settings_publish"], strict=True)


@task(
    help={
        "paths": "raw files to convert, separated by commas (default: all of seeds/)",
        "force": "regenerate articles even if edited by hand (their edits are lost)",
        "processes": "processes that run the model (default: one per core)",
        "workers": "run the model on a local Dask cluster of this many workers",
        "scheduler": "run the model on the Dask cluster at this address (tcp://host:8786)",
    },
)
def ingest(c, paths="", force=False, processes=0, workers=0, scheduler=""):
    """Convert raw articles in seeds/ into Markdown in content/ for review (no site build)."""
    files = [p for p in paths.replace(",", " ").split() if p]
    args = [sys.executable, "-m", "ingest.cli", *files] + (["--force"] if force else [])
    for flag, value in (("--processes", processes), ("--workers", workers)):
        if value:
            args += [flag, str(value)]
    if scheduler:
        args += ["--scheduler", scheduler]
    c.run(shlex.join(args), env=PLUGINS_ON_PATH, pty=ON_TERMINAL)


@task(
    help={
        "k": "only tests matching this expression",
        "fast": "skip site and browser tests",
        "processes": "how many test processes (pytest-xdist): auto is one per core, 0 is none",
    }
)
def test(c, k="", fast=False, processes="auto"):
    """Run the whole test suite (unit, whole-site and browser tests), one process per core."""
    args = [sys.executable, "-m", "pytest"]
    if processes != "0":
        # loadgroup: a test file's tests, and tests/security's or tests/browser's, share one
        # process and its fixtures (tests/conftest.py); the whole-site groups start first.
        args += ["-n", processes, "--dist", "loadgroup"]
    if k:
        args += ["-k", k]
    if fast:
        args += ["-m", "not site and not browser"]
    c.run(shlex.join(args), pty=False)


@task
def check(c):
    """Lint (ruff) and build strictly: what CI checks besides the tests."""
    c.run(f"{PY} -m ruff check plugins tests tasks.py pelicanconf.py publishconf.py", pty=False)
    build(c, strict=True)


@task(
    help={
        "out": "where to write the figures (JSON)",
        "sizes": "article counts, e.g. 1000,5000,10000",
        "quick": "a 30-article digest, one cold build per tool: checks the benchmark runs",
        "hostile": "time conversion on a 2 MB one-line paragraph instead (bench/hostile.json)",
        "ingest": "time cold ingest against spaCy alone instead (bench/ingest.json)",
        "articles": "with --ingest: how many texts (the demo corpus repeated)",
        "cold_only": "sizes measured with a cold build only (e.g. 10000: its ratio and memory)",
        "repeat": "cold builds per tool, alternating; the median is reported",
        "work": "the folder the sites are built in (default: the system's temporary folder)",
    }
)
def bench(
    c,
    out="bench/results.json",
    sizes="1000,5000,10000",
    quick=False,
    hostile=False,
    ingest=False,
    articles=2000,
    cold_only="",
    work="",
    repeat=3,
):
    """Benchmark the shipped site against stock Pelican and Hugo; figures in bench/results.json."""
    if hostile:
        script = [sys.executable, "bench/hostile.py", "--ner"]
    elif ingest:
        script = [sys.executable, "bench/ingest.py", "--articles", str(articles)]
    else:
        script = [sys.executable, "bench/run.py", "--out", out, "--sizes", sizes]
        script += ["--quick"] if quick else []
        script += ["--cold-only", cold_only] if cold_only else []
        script += ["--work", work] if work else []
        script += ["--repeat", str(repeat)]
    c.run(shlex.join(script), env=PLUGINS_ON_PATH, pty=False)
    if not (hostile or ingest or quick):
        report(c)


@task
def report(c):
    """Report how often inferred title, date and language agree with the corpus pages."""
    c.run(shlex.join([sys.executable, "bench/corpus_report.py"]), env=PLUGINS_ON_PATH, pty=False)


@task(
    name="eval",
    help={
        "langs": "gold sets to score: fr, en or both",
        "html": "also run bench/eval_html.py",
        "audit": "instead: list the demo corpus site's entity pages an editor should never see",
    },
)
def eval_quality(c, langs="fr,en", html=False, audit=False):
    """Score the project's entities against the hand-annotated gold sets, beside spaCy alone."""
    if audit:
        c.run(
            shlex.join([sys.executable, "bench/eval_entities.py", "--audit"]),
            env=PLUGINS_ON_PATH,
            pty=False,
        )
        return
    c.run(
        shlex.join([sys.executable, "bench/eval_entities.py", "--langs", langs]),
        env=PLUGINS_ON_PATH,
        pty=False,
    )
    if html:
        if (ROOT / "bench" / "eval_html.py").exists():
            script = shlex.join([sys.executable, "bench/eval_html.py"])
            c.run(script, env=PLUGINS_ON_PATH, pty=False)
        else:
            print("--html: bench/eval_html.py is not there yet; HTML metadata was not scored")


@task(help={"out": "folder for the PNG files"})
def screenshots(c, out="screenshots"):
    """Save home, article, entity and timeline pages at phone and desktop widths, for review."""
    c.run(
        shlex.join([sys.executable, "tests/browser/screenshots.py", "--out", out]),
        env=PLUGINS_ON_PATH,
        pty=False,
    )


@task
def lock(c):
    """Re-pin requirements/*.txt (with hashes) from requirements/*.in."""
    for name in ("site", "test"):
        c.run(
            f"cd requirements && {PY} -m piptools compile --generate-hashes --allow-unsafe "
            f"--strip-extras --no-emit-index-url --no-emit-find-links -q -o {name}.txt {name}.in"
        )
