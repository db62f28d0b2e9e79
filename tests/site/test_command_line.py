"""The build as the README runs it: the real ``pelican`` command in its own process, with only
what pelicanconf.py sets up (tests put plugins/ on the path themselves; Pelican does not)."""

import shutil
import subprocess
import sys

import pytest
from sitekit import ROOT, Site, copy_code

pytestmark = pytest.mark.site


def pelican(project, *settings: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-e", *settings],
        cwd=project, capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(project), "COLUMNS": "60"},
    )  # fmt: skip


def summary(output: str) -> list[str]:
    """The build's closing summary: from its "Ingest:" line to Pelican's "Done:" line."""
    lines = output.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("Ingest: "))
    end = next((n for n, line in enumerate(lines) if line.startswith("Done: ")), len(lines))
    return lines[start:end]


def test_a_strict_build_ends_with_one_summary_and_exit_status_1(tmp_path):
    project = copy_code(tmp_path / "project")
    site = Site(project)
    site.add_example()
    first = pelican(project, "SEARCH_INDEX=false")
    assert first.returncode == 0, first.stdout + first.stderr
    [article] = site.article_files()
    article.write_text(article.read_text(encoding="utf-8") + "\nNote de la rédaction.\n")
    (site.seeds / "2023-09-14_vide.txt").write_text("", encoding="utf-8")
    long_name = "une-depeche-au-nom-de-fichier-bien-plus-long-que-la-largeur-du-terminal.txt"
    (site.seeds / long_name).write_bytes("Le président a parlé.\n\nRFI".encode("cp1252"))
    completed = pelican(project, "SEARCH_INDEX=false", "DIGEST_STRICT=true")
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert "Traceback" not in output and "CRITICAL" not in output
    assert "was edited by hand" not in output.split("Ingest: ")[0]  # no warning, a summary line
    assert summary(output) == [
        "Ingest: 1 converted, 0 unchanged, 1 kept (edited by hand), 0 removed, 1 failed; "
        "1 dated by file time",
        f"  kept     content/articles/{article.name} was edited by hand; it is kept as it is. "
        "To regenerate it from seeds/000_c3b89795a0f00579.txt (losing the edits): "
        "invoke ingest --force --paths seeds/000_c3b89795a0f00579.txt",
        "  dated    content/articles/le-president-a-parle.md: its date is the raw file's "
        "modification time; give the real one in a sidecar (date: YYYY-MM-DD)",
        "Problems: 2, each once (ERROR 1, WARNING 1):",
        "  ERROR    seeds/2023-09-14_vide.txt: file is empty: put the article's text in it, "
        "or delete it",
        f"  WARNING  seeds/{long_name}: converted from latin-1; save it as UTF-8 to silence this",
        "Strict build failed: 1 error(s), listed above. The site was written, but fix them "
        "before publishing.",
    ]


def test_the_pelican_command_builds_the_project_strictly(tmp_path):
    project = copy_code(tmp_path / "project")
    Site(project).add_example(digest=True)
    completed = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py",
         "-e", "DIGEST_STRICT=true", "SEARCH_INDEX=false"],
        cwd=project, capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "COLUMNS": "200"},
    )  # fmt: skip
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert "ERROR" not in output and "Cannot register" not in output
    assert "WARNING" not in output  # no feed warning either: the site feed is publish's
    assert summary(output) == [
        "Ingest: 1 converted, 0 unchanged, 0 kept (edited by hand), 0 removed, 0 failed; "
        "0 dated by file time",
        "Problems: none",
    ]
    assert (project / "output" / "entities" / "people" / "vladimir-poutine.html").is_file()
    assert (project / "output" / "timeline" / "index.html").is_file()


@pytest.mark.parametrize("strict", [True, False])
def test_a_plugin_that_cannot_register_stops_the_build(tmp_path, strict):
    project = tmp_path / "project"
    shutil.copytree(
        ROOT / "plugins", project / "plugins", ignore=shutil.ignore_patterns("__pycache__")
    )
    (project / "content").mkdir()
    (project / "plugins" / "broken").mkdir()
    (project / "plugins" / "broken" / "__init__.py").write_text(
        "def register():\n    import no_such_module  # noqa: F401\n", encoding="utf-8"
    )
    (project / "pelicanconf.py").write_text(
        'PATH = "content"\nPLUGIN_PATHS = ["plugins"]\nPLUGINS = ["strict_build", "broken"]\n'
        f"DIGEST_STRICT = {strict}\n",
        encoding="utf-8",
    )
    completed = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py"],
        cwd=project, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "COLUMNS": "200"},
    )  # fmt: skip
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert "Cannot register plugin `broken`: the site would be incomplete" in " ".join(
        output.split()
    )
    assert not (project / "output" / "index.html").exists()
