"""The build as the README runs it: the real ``pelican`` command in its own process, with only
what pelicanconf.py sets up (tests put plugins/ on the path themselves; Pelican does not)."""

import shutil
import subprocess
import sys

import pytest
from sitekit import ROOT

pytestmark = pytest.mark.site


def test_the_pelican_command_builds_the_project_strictly(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pelicanconf.py", "seeds", "content", "theme", "plugins"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / name)
    completed = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py",
         "-e", "DIGEST_STRICT=true", "SEARCH_INDEX=false"],
        cwd=project, capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "COLUMNS": "200"},
    )  # fmt: skip
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert "ERROR" not in output and "Cannot register" not in output
    assert "Ingest: 0 converted, 1 unchanged" in output
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
