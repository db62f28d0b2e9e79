"""Meta-tests: every setting of our plugins is documented, every task explains itself, and the
README's Quick start is what CI runs."""

import re
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SETTING = re.compile(r"""settings(?:\.get\(|\[)\s*["']([A-Z][A-Z0-9_]+)["']""")


def our_settings() -> set[str]:
    names = set()
    for path in (ROOT / "plugins").rglob("*.py"):
        names |= set(SETTING.findall(path.read_text(encoding="utf-8")))
    from ingest.settings import DEFAULTS

    names |= set(DEFAULTS)
    pelican_without_default = {"TIMEZONE"}
    return {n for n in names if n not in DEFAULT_CONFIG and n not in pelican_without_default}


def test_every_plugin_setting_is_documented_in_the_readme():
    table = README.split("## Settings", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", table, flags=re.M))
    assert our_settings() - documented == set()
    assert len(our_settings()) >= 10  # the scan itself works


def test_every_task_has_a_one_line_docstring():
    import tasks

    found = [obj for obj in vars(tasks).values() if type(obj).__name__ == "Task"]
    assert {task.name for task in found} >= {
        "build", "rebuild", "regenerate", "serve", "livereload", "publish",
        "ingest", "test", "check", "bench",
    }  # fmt: skip
    for task in found:
        doc = (task.__doc__ or "").strip()
        assert doc and "\n" not in doc, task.name


def test_ci_runs_the_readme_test_command():
    block = README.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [line for line in block.splitlines()[1:] if line.strip()]
    build, test = commands[:2]
    assert "invoke build" in build and "invoke test" in test
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
