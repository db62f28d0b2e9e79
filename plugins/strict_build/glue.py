"""Strict builds for CI: every error is logged as it happens, the site still builds, and the
build fails at the very end when there was any (``DIGEST_STRICT = True``, or
``invoke build --strict``).

It starts counting on ``initialized``, before any run (and so before ingest, which runs at
the start of each run); its check is connected then, after every plugin registered its own
``finalized`` handlers, so that it runs last.
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


def start_counting(pelican) -> None:
    counter = ErrorCount()
    logging.getLogger().addHandler(counter)
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
    signals.initialized.connect(start_counting)
