"""A finished build leaves without freeing its memory.

When ``pelican`` ends, Python's own shutdown takes every object of the build apart one by one
before the process exits: at 5,000 articles that is about 1.5 s of CPU (a tenth of a rebuild
after adding one article) spent freeing memory the system takes back at once anyway. So a
command-line build that finished (its summary printed, not failing) leaves as soon as the exit
functions the program registered have run: handlers flushed, temporary folders removed, worker
processes ended. The interpreter's own teardown is skipped, nothing else.

The quick exit is taken only when it cannot change what the build did or says:

- in the ``pelican`` command itself, never where Pelican runs inside another program (the test
  suite, ``invoke``), whose exit status and later work are its own;
- after a build whose closing summary said it did not fail (``arm``), and that logged nothing
  CRITICAL since (Pelican's command line logs one before it exits with status 1);
- when the program's exit functions leave no child process running (multiprocessing's waits
  for its children).

Anything else, and Python ends as usual.
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
from pathlib import Path


class _State(logging.Handler):
    """Armed or not; and whether a CRITICAL record was logged since arming."""

    def __init__(self) -> None:
        super().__init__(level=logging.CRITICAL)
        self.armed = False
        self.registered = False

    def emit(self, record: logging.LogRecord) -> None:
        self.armed = False


_state = _State()


def pelican_command(argv0: str | None = None, main: object = None) -> bool:
    """Whether this process is the ``pelican`` command (``pelican ...`` or ``python -m pelican``).

    >>> pelican_command("/venv/bin/pelican"), pelican_command("/x/pelican/__main__.py")
    (True, True)
    >>> pelican_command("/venv/bin/pytest"), pelican_command("/venv/bin/invoke")
    (False, False)
    """
    argv0 = sys.argv[0] if argv0 is None else argv0
    path = Path(argv0 or "")
    if path.name == "pelican":
        return True
    return path.name == "__main__.py" and path.parent.name == "pelican"


def disarm() -> None:
    """At the start of a build: Python ends as usual unless this build finishes well."""
    _state.armed = False


def arm() -> None:
    """The build finished and does not fail: leave quickly at exit (in the ``pelican``
    command only)."""
    if not pelican_command():
        return
    if not _state.registered:
        logging.getLogger().addHandler(_state)
        atexit.register(_leave)
        _state.registered = True
    _state.armed = True


def _children_running() -> bool:
    multiprocessing = sys.modules.get("multiprocessing")
    return bool(multiprocessing and multiprocessing.active_children())


def _leave(exit_now=os._exit) -> None:
    """At exit: run the program's other exit functions, flush, and end the process with
    status 0, skipping the interpreter's teardown; or do nothing (Python ends as usual)."""
    if not _state.armed:
        return
    run_others = getattr(atexit, "_run_exitfuncs", None)
    if run_others is None:  # not CPython: end as usual
        return
    atexit.unregister(_leave)
    run_others()  # logging's shutdown, temporary folders, child processes: as Python would
    if not _state.armed or _children_running():
        return  # something went wrong in them: Python's own ending reports it
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            return
    exit_now(0)
