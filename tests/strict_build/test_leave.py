"""A finished ``pelican`` command leaves without taking its objects apart; anything else ends as
Python does. Each case runs in its own process, as the command does: an object's ``__del__``
shows whether the interpreter's teardown ran, an exit function whether the program's own ran."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"

PROGRAM = textwrap.dedent(
    """
    import atexit, logging, sys
    from pathlib import Path
    sys.argv[0] = {argv0!r}
    sys.path.insert(0, {plugins!r})
    from strict_build import leave

    marks = Path({marks!r})

    class Teardown:
        def __init__(self, path, write):
            self.path, self.write = path, write  # module globals may be gone when it runs

        def __del__(self):
            self.write(self.path, "teardown\\n")

    def write(path, text):
        with path.open("a") as stream:
            stream.write(text)

    kept = Teardown(marks, write)  # alive to the end: freed only by the interpreter's teardown
    atexit.register(lambda: marks.open("a").write("exit function\\n"))
    leave.disarm()
    {step}
    print("summary printed", end="")  # unflushed until the end: the quick exit flushes it
    {after}
    """
)


def run(tmp_path, step: str, after: str = "", argv0: str = "/venv/bin/pelican"):
    marks = tmp_path / "marks.txt"
    program = PROGRAM.format(
        argv0=argv0, plugins=str(PLUGINS), marks=str(marks), step=step, after=after
    )
    completed = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60
    )
    shown = marks.read_text().splitlines() if marks.exists() else []
    return completed, shown


def test_a_finished_build_runs_the_exit_functions_and_skips_the_teardown(tmp_path):
    completed, marks = run(tmp_path, "leave.arm()")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "summary printed"
    assert marks == ["exit function"]


def test_a_child_process_finishes_its_work_before_the_quick_exit(tmp_path):
    child = (
        "import multiprocessing, time\n"
        "def work(path):\n"
        "    time.sleep(0.5)\n"
        "    write(path, 'child\\n')\n"
        "multiprocessing.Process(target=work, args=(marks,)).start()"
    )
    completed, marks = run(tmp_path, "leave.arm()", child)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "summary printed"
    assert marks == ["child", "exit function"]


@pytest.mark.parametrize(
    ("case", "step", "after", "argv0", "status"),
    [
        ("not armed: the build failed", "", "sys.exit(1)", "/venv/bin/pelican", 1),
        ("armed, then a CRITICAL record and status 1", "leave.arm()",
         "logging.getLogger('pelican').critical('boom'); sys.exit(1)", "/venv/bin/pelican", 1),
        ("armed, then the next build started", "leave.arm(); leave.disarm()", "sys.exit(3)",
         "/venv/bin/pelican", 3),
        ("Pelican inside another program", "leave.arm()", "", "/venv/bin/pytest", 0),
    ],
)  # fmt: skip
def test_otherwise_python_ends_as_usual(tmp_path, case, step, after, argv0, status):
    completed, marks = run(tmp_path, step, after, argv0)
    assert completed.returncode == status, (case, completed.stderr)
    assert completed.stdout == "summary printed", case
    assert marks == ["exit function", "teardown"], case
