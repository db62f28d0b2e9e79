"""Strict builds for CI: every error is logged as it happens, the site still builds, and the
build fails at the very end when there was any (``DIGEST_STRICT = True``, or
``invoke build --strict``).

It starts counting when it is registered, so that a plugin listed after it that fails to
register counts too; its check is connected on ``initialized``, after every plugin registered
its own ``finalized`` handlers, so that it runs last.
"""

from __future__ import annotations

import logging

from pelican import signals

logger = logging.getLogger(__name__)


class ErrorCount(logging.Handler):
    """Counts ERROR records and remembers the first few, for the closing summary."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class StrictBuildFailed(RuntimeError):
    exitcode = 1


def error_count() -> ErrorCount:
    """The process's one counting handler on the root logger (created the first time)."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, ErrorCount):
            return handler
    counter = ErrorCount()
    root.addHandler(counter)
    return counter


def start_counting(pelican) -> None:
    """Bind the count to this build; a plugin that could not register stops it at once, strict
    or not: without it the site would silently lack whole sections."""
    counter = error_count()
    broken = [m for m in counter.messages if m.startswith("Cannot register plugin")]
    if broken:
        raise StrictBuildFailed(
            f"{'; '.join(broken)}: the site would be incomplete. The error above says why "
            "(often a package missing from the virtual environment: reinstall requirements/)."
        )
    pelican.strict_error_count = counter
    signals.finalized.connect(fail_if_errors)


def fail_if_errors(pelican) -> None:
    counter = getattr(pelican, "strict_error_count", None)
    if counter is None:
        return
    messages, counter.messages = counter.messages, []
    if not messages or not pelican.settings.get("DIGEST_STRICT", False):
        return
    listing = "\n".join(f"  - {message}" for message in messages[:20])
    more = f"\n  ... and {len(messages) - 20} more" if len(messages) > 20 else ""
    raise StrictBuildFailed(
        f"strict build: {len(messages)} error(s) above; the site was written, but fix them "
        f"before publishing:\n{listing}{more}"
    )


def register() -> None:
    # Counting starts here, while Pelican registers the plugins listed after this one: a plugin
    # that cannot be registered (an import error) is logged as an error and must fail too.
    error_count().messages.clear()
    signals.initialized.connect(start_counting)
