"""Tests own their data: the README's test suite still passes in a project an editor has filled.

The project is copied into a temporary folder (with the demo corpus beside it, as here), the 175
corpus articles are added to its seeds/, an article of the editor's own and an edit of the
example article to its content/, and an entry of its alias file is changed; then the fast part
of the suite (what ``-m "not site and not browser"`` selects) and the example site's tests (one
build) run there, in one pytest process of their own (one start, one load of each model). The
other whole-site tests build from ``tmp_path`` through tests/sitekit.py too; running them all
again here would double the suite's time.
"""

import os
import shutil
import subprocess
import sys

import pytest
from sitekit import CORPUS, EXAMPLE_SLUG, ROOT

pytestmark = pytest.mark.site

LEFT_OUT = shutil.ignore_patterns(
    ".git", ".venv", "output", "node_modules", "__pycache__", ".*cache", ".ingest-cache",
    "screenshots", "results",
)  # fmt: skip
# A pytest plugin for the run in the editor's project: the fast tests and the example site's.
SELECTION = """\
def pytest_collection_modifyitems(config, items):
    chosen, left = [], []
    for item in items:
        fast = not (item.get_closest_marker("site") or item.get_closest_marker("browser"))
        example_site = item.nodeid.startswith("tests/site/test_seed_site.py::")
        (chosen if fast or example_site else left).append(item)
    items[:] = chosen
    config.hook.pytest_deselected(items=left)
"""
OWN_ARTICLE = """Title: Un pont pour Lyon
Date: 2026-11-28
Lang: fr
Slug: un-pont-pour-lyon

Le maire de Lyon a inauguré un nouveau pont sur le Rhône.
"""


def test_the_fast_suite_passes_in_a_project_full_of_editors_content(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=LEFT_OUT)
    # the demo corpus is found beside the project, as here
    (tmp_path / "shared").symlink_to(CORPUS.parent.parent, target_is_directory=True)
    shutil.copytree(CORPUS, project / "seeds" / "wikinews", dirs_exist_ok=True)
    (project / "content" / "articles" / "un-pont-pour-lyon.md").write_text(OWN_ARTICLE)
    example = project / "content" / "articles" / f"{EXAMPLE_SLUG}.md"
    if example.is_file():  # editors may have removed it
        example.write_text(example.read_text(encoding="utf-8") + "\nNote de la rédaction.\n")
    aliases = project / "content" / "entities.yml"
    edited = aliases.read_text(encoding="utf-8").replace("Angara: ignore", "Angara: place")
    aliases.write_text(edited + "Kremlin: ignore\n", encoding="utf-8")
    (tmp_path / "plugin").mkdir()
    (tmp_path / "plugin" / "editor_selection.py").write_text(SELECTION, encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider",
         "-p", "editor_selection", f"--basetemp={tmp_path / 'inner'}"],
        cwd=project, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(tmp_path / "plugin")},
    )  # fmt: skip
    out = completed.stdout.strip()
    last = out.splitlines()[-1] if out else ""
    assert completed.returncode == 0, out[-4000:] + completed.stderr[-2000:]
    assert " passed" in last and "failed" not in last and "error" not in last, last
    ran = [line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("PASSED ")]
    assert any(test.startswith("tests/site/test_seed_site.py::") for test in ran), last
    assert any(test.startswith("tests/entities/") for test in ran), last  # the fast tests
    site_tests = {test.split("::")[0] for test in ran if test.startswith("tests/site/")}
    assert site_tests == {"tests/site/test_seed_site.py"}  # the only whole-site tests run
    assert not any(test.startswith("tests/browser/") for test in ran)
