"""Tasks for editors, developers and CI: ``invoke --list`` shows them all.

Pelican's quickstart names (build, rebuild, regenerate, serve, livereload, publish) plus ours
(ingest, test, check, bench, screenshots, lock). Run them with the project's virtual
environment, e.g. ``.venv/bin/invoke build``.
"""

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
os.chdir(ROOT)  # tasks run from the project folder, wherever invoke was called from
PY = shlex.quote(sys.executable)
PLUGINS_ON_PATH = {
    "PYTHONPATH": os.pathsep.join(
        filter(None, [str(ROOT / "plugins"), str(ROOT), os.environ.get("PYTHONPATH")])
    )
}
CONFIG = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "deploy_path": "output",
    "host": "127.0.0.1",
    "port": 8000,
}


def pelican(c, *args, strict=False):
    extra = ["-e", "DIGEST_STRICT=true"] if strict else []
    c.run(shlex.join([sys.executable, "-m", "pelican", *args, *extra]), pty=False)


@task
def clean(c):
    """Remove the generated site (output/)."""
    shutil.rmtree(ROOT / CONFIG["deploy_path"], ignore_errors=True)


@task(help={"strict": "fail at the end if any file had an error (what CI does)"})
def build(c, strict=False):
    """Convert seeds/ into content/ and build the site into output/."""
    pelican(c, "content", "-s", CONFIG["settings_base"], strict=strict)


@task(help={"strict": "fail at the end if any file had an error"})
def rebuild(c, strict=False):
    """Build from scratch: remove output/ first."""
    clean(c)
    build(c, strict=strict)


@task
def regenerate(c):
    """Rebuild whenever content/ or theme/ changes."""
    pelican(c, "-r", "content", "-s", CONFIG["settings_base"])


@task
def serve(c):
    """Serve output/ on http://127.0.0.1:8000/."""
    pelican(c, "-l", "-b", CONFIG["host"], "-p", str(CONFIG["port"]), "-s", CONFIG["settings_base"])


@task
def livereload(c):
    """Rebuild on change and serve output/ (Pelican's --autoreload --listen)."""
    pelican(
        c,
        "-r",
        "-l",
        "content",
        "-b",
        CONFIG["host"],
        "-p",
        str(CONFIG["port"]),
        "-s",
        CONFIG["settings_base"],
    )


@task
def publish(c):
    """Build for deployment with publishconf.py (absolute SITEURL from $SITEURL), strictly."""
    pelican(c, "content", "-s", CONFIG["settings_publish"], strict=True)


@task(
    help={
        "paths": "raw files to convert, separated by commas (default: all of seeds/)",
        "force": "regenerate articles even if edited by hand (their edits are lost)",
    },
)
def ingest(c, paths="", force=False):
    """Convert raw articles in seeds/ into Markdown in content/ for review (no site build)."""
    files = [p for p in paths.replace(",", " ").split() if p]
    args = [sys.executable, "-m", "ingest.cli", *files] + (["--force"] if force else [])
    c.run(shlex.join(args), env=PLUGINS_ON_PATH, pty=False)


@task(help={"k": "only tests matching this expression", "fast": "skip site and browser tests"})
def test(c, k="", fast=False):
    """Run the whole test suite (unit, whole-site and browser tests)."""
    args = [sys.executable, "-m", "pytest"]
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
        "sizes": "article counts, e.g. 1000,10000",
        "hostile": "time conversion on a 2 MB one-line paragraph instead (bench/hostile.json)",
    }
)
def bench(c, out="bench/results.json", sizes="1000,10000", hostile=False):
    """Benchmark entity pages against stock Pelican tag pages; figures go to bench/results.json."""
    if hostile:
        script = [sys.executable, "bench/hostile.py", "--ner"]
        c.run(shlex.join(script), env=PLUGINS_ON_PATH, pty=False)
        return
    c.run(
        shlex.join([sys.executable, "bench/run.py", "--out", out, "--sizes", sizes]),
        env=PLUGINS_ON_PATH,
        pty=False,
    )
    report(c)


@task
def report(c):
    """Report how often inferred title, date and language agree with the corpus pages."""
    c.run(shlex.join([sys.executable, "bench/corpus_report.py"]), env=PLUGINS_ON_PATH, pty=False)


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
