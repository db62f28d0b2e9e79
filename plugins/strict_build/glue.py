"""The build's one summary, and strict builds for CI.

Every warning and error is logged as it happens and the site still builds; at the very end the
build prints one summary: what ingest did (converted, unchanged, kept, removed, failed, dated by
file time), each article kept because an editor edited it, then each problem once, with its file
and line, one unwrapped line each (terminals and CI logs alike). With ``DIGEST_STRICT = True``
(``invoke build --strict``) a build with any error then exits with status 1: no traceback, the
list is not printed again. A build that does not fail leaves without freeing its memory
(``leave``).

It starts counting when it is registered, so that a plugin listed after it that fails to
register counts too; its summary is connected on ``initialized``, after every plugin registered
its own ``finalized`` handlers, so that it runs last.
"""

from __future__ import annotations

import logging

from pelican import signals
from pelican.log import console

from . import leave
from .summary import Problem, summary_lines

logger = logging.getLogger(__name__)


class ErrorCount(logging.Handler):
    """Remembers every WARNING and ERROR record of the build, for the closing summary."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.problems: list[Problem] = []

    @property
    def messages(self) -> list[str]:
        """The errors' messages."""
        return [problem.message for problem in self.problems if problem.level == "ERROR"]

    def emit(self, record: logging.LogRecord) -> None:
        level = "ERROR" if record.levelno >= logging.ERROR else "WARNING"
        self.problems.append(Problem(level, record.getMessage()))


class StrictBuildFailed(SystemExit):
    """Ends the build with exit status 1 and no traceback (Pelican's command line reports any
    other exception with one); the message is the summary's list, already printed."""

    exitcode = 1

    def __init__(self, message: str) -> None:
        super().__init__(1)
        self.message = message

    def __str__(self) -> str:
        return self.message


def error_count() -> ErrorCount:
    """The process's one counting handler on the root logger (created the first time)."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, ErrorCount):
            return handler
    counter = ErrorCount()
    root.addHandler(counter)
    return counter


def say(line: str) -> None:
    """One line on Pelican's console, never wrapped nor coloured (paths stay whole)."""
    console.print(line, soft_wrap=True, markup=False, highlight=False, emoji=False)


def start_counting(pelican) -> None:
    """Bind the count to this build; a plugin that could not register stops it at once, strict
    or not: without it the site would silently lack whole sections."""
    counter = error_count()
    broken = [m for m in counter.messages if m.startswith("Cannot register plugin")]
    if broken:
        message = (
            f"{'; '.join(broken)}: the site would be incomplete. The error above says why "
            "(often a package missing from the virtual environment: reinstall requirements/)."
        )
        say(message)
        raise StrictBuildFailed(message)
    pelican.strict_error_count = counter
    leave.disarm()
    signals.finalized.connect(summarise)


def summarise(pelican) -> None:
    """Print the build's summary; in a strict build with errors, exit with status 1."""
    counter = getattr(pelican, "strict_error_count", None)
    if counter is None:
        return
    problems, counter.problems = counter.problems, []
    ingest = getattr(pelican, "ingest_report", None)
    for line in summary_lines(ingest, problems):
        say(line)
    errors = list(dict.fromkeys(p.message for p in problems if p.level == "ERROR"))
    if not errors or not pelican.settings.get("DIGEST_STRICT", False):
        leave.arm()  # the build is done and does not fail: the process may end at once
        return
    say(
        f"Strict build failed: {len(errors)} error(s), listed above. The site was written, "
        "but fix them before publishing."
    )
    listing = "\n".join(f"  - {message}" for message in errors)
    raise StrictBuildFailed(
        f"strict build: {len(errors)} error(s) above; the site was written, but fix them "
        f"before publishing:\n{listing}"
    )


def register() -> None:
    # Counting starts here, while Pelican registers the plugins listed after this one: a plugin
    # that cannot be registered (an import error) is logged as an error and must fail too.
    error_count().problems.clear()
    signals.initialized.connect(start_counting)
