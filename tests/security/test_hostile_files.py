"""Files that each could stop or hang a build, in one project built by the ``pelican`` command
(in its own process, bounded in time and memory): the build finishes, the good article is
built, each hostile file is built or named in an error or warning; a strict build then fails
at the end, naming the errors, even with a truncated ingest cache entry.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import CANARY_SECRET, CRASH_FILES, GOOD_PAGE
from newstext.safety import printable
from scan import containing

pytestmark = pytest.mark.site

# A phrase of each file, found in output/ when the file was built.
PHRASES = {
    "seeds/long-line.txt": "Une très longue dépêche",
    "seeds/bomb-sidecar.yml": "Un article piégé",
    "seeds/bomb-front-matter.md": "Une bombe en front matter",
    "seeds/far-date.txt": "Le sommet aura lieu demain",
    "content/entities.yml": "Poutine Poutine Poutine Poutine",
    "seeds/draft.md": "Un brouillon",
    "seeds/template.md": "Un gabarit piégé",
    "seeds/new\nline.txt": "Un nom de fichier sur deux lignes",
    "content/articles/latin1.md": "Un article édité en cp1252",
}


def crashed(run) -> str | None:
    """Why a run counts as a crash: a timeout, or a traceback instead of logged errors."""
    if run.exitcode is None:
        return f"it did not finish: {run.output[-300:]}"
    if "Traceback (most recent call last)" in run.output or "CRITICAL" in run.output:
        return "it stopped on an exception:\n" + run.output[-2500:]
    return None


def named(run, file: str) -> bool:
    """``file`` appears in a log line, however a control character in its name is shown; an
    error naming its sidecar (``seeds/x.yml:1``, where the bad value is) names it too."""
    forms = {file, printable(file), file.replace("\n", "\\n"), file.replace("\n", " ")}
    if file.startswith("seeds/") and not file.endswith(".yml"):
        forms |= {str(Path(file).with_suffix(suffix)) + ":" for suffix in (".yml", ".json")}
    text = " ".join(run.output.split())  # the console wraps long lines
    return any(form in text or form in run.output for form in forms)


class ErrorLines:
    """A run's output reduced to its ERROR lines (for ``named``)."""

    def __init__(self, run):
        self.output = "\n".join(line for line in run.output.splitlines() if "ERROR" in line)


def test_the_build_finishes(crash_runs, tally):
    problem = crashed(crash_runs.first)
    tally.record("payloads tried", "hostile files", len(CRASH_FILES) + 1)  # + the cache entry
    tally.record("crashes", "hostile files build", int(problem is not None))
    assert problem is None, f"`pelican` over the hostile files: {problem}"
    assert crash_runs.first.exitcode == 0, crash_runs.first.output[-2500:]


def test_the_good_article_is_built(crash_runs):
    assert (crash_runs.site.output / GOOD_PAGE).is_file(), crash_runs.first.output[-2500:]


# A YAML alias bomb is refused, never expanded: its entries are only shared references until
# something walks them, and a real one (9 ** 9 entries) takes all memory.
REFUSED = {"seeds/bomb-sidecar.yml", "seeds/bomb-front-matter.md"}


@pytest.mark.parametrize("file", sorted(CRASH_FILES), ids=lambda f: f.replace("\n", "\\n"))
def test_each_hostile_file_is_built_or_named(crash_runs, file):
    output = crash_runs.site.output
    built = output.is_dir() and containing(output, PHRASES[file]) and file not in REFUSED
    assert built or named(crash_runs.first, file), (
        f"{printable(file)} ({CRASH_FILES[file]}) was neither built nor named in an error or "
        f"warning:\n{crash_runs.first.output[-2500:]}"
    )


def test_the_template_line_reads_nothing_outside(crash_runs, tally):
    output = crash_runs.site.output
    leaked = containing(output, CANARY_SECRET) if output.is_dir() else []
    tally.record("reads outside", "Template: line", len(leaked))
    assert not leaked


def test_a_truncated_cache_entry_does_not_stop_the_build(crash_runs, tally):
    assert crash_runs.truncated, "the first build left no ingest cache entry to truncate"
    problem = crashed(crash_runs.second)
    tally.record("crashes", "truncated cache build", int(problem is not None))
    assert problem is None, f"with {len(crash_runs.truncated)} truncated cache entries: {problem}"
    assert (crash_runs.site.output / GOOD_PAGE).is_file()


def test_a_strict_build_fails_at_the_end_naming_the_errors(crash_runs):
    second = crash_runs.second
    assert second.exitcode not in (0, None), second.output[-2500:]
    assert "Strict build failed:" in second.output and "error(s), listed above" in " ".join(
        second.output.split()
    ), second.output[-2500:]
    errors = [line for line in crash_runs.first.output.splitlines() if "ERROR" in line]
    assert errors, "the hostile files gave no error at all"
    # A file whose conversion failed is tried again, and its error said again; a warning
    # belongs to a conversion that is done once (the second run finds the file unchanged).
    first_errors = ErrorLines(crash_runs.first)
    unnamed = [f for f in CRASH_FILES if named(first_errors, f) and not named(second, f)]
    assert not unnamed, f"an error in the first build but not in the strict one: {unnamed}"


def test_every_generated_article_names_an_existing_raw_file(crash_runs):
    """A newline in a file name must not cut an article's header (``Raw: seeds/new`` and a
    body starting ``line.txt``): each generated article keeps its whole header."""
    from ingest.article_file import read_header

    broken, generated = [], 0
    for path in crash_runs.site.article_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        header = read_header(text)
        if "Ingest_checksum:" not in text:
            continue  # written by an editor
        generated += 1
        raw = header.get("raw")
        if not raw or "ingest_checksum" not in header or not (crash_runs.site.root / raw).is_file():
            broken.append(f"{path.name}: Raw: {raw!r}, header keys {sorted(header)}")
    assert generated, "no article was generated"
    assert not broken, "\n".join(broken)
