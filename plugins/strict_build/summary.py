"""The build's closing summary, as plain lines: no Pelican here.

>>> print("\\n".join(summary_lines(None, [Problem("ERROR", "seeds/a.txt:3: bad date"),
...                                      Problem("ERROR", "seeds/a.txt:3: bad date")])))
Problems: 1, each once (ERROR 1, WARNING 0):
  ERROR    seeds/a.txt:3: bad date
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

STATUSES = ("converted", "unchanged", "kept", "removed", "failed")
LABELS = {"kept": "kept (edited by hand)"}


@dataclasses.dataclass(frozen=True)
class Problem:
    level: str  # "ERROR" or "WARNING"
    message: str  # names the file (and line) first, as every message of ours does


def summary_lines(ingest: Any, problems: Iterable[Problem]) -> Iterator[str]:
    """``ingest``: ``(outcomes, dated_by_file_time)`` from the ingest plugin, or None when it did
    not run; outcomes have ``status``, ``path``, ``target`` and ``message``."""
    shown: set[str] = set()
    if ingest is not None:
        outcomes, dated = ingest
        counts = {status: 0 for status in STATUSES}
        for outcome in outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
        done = ", ".join(f"{counts[s]} {LABELS.get(s, s)}" for s in STATUSES)
        yield f"Ingest: {done}; {len(dated)} dated by file time"
        for outcome in outcomes:
            if outcome.status == "kept":
                shown.add(outcome.message)
                yield f"  kept     {outcome.message}"
        for target in dated:
            yield (
                f"  dated    {target}: its date is the raw file's modification time; give the "
                "real one in a sidecar (date: YYYY-MM-DD)"
            )
    # Sorted by what they name (each message starts with its file): the same list whatever
    # order the files were read in (ingest reads ahead for its workers).
    once = sorted(
        dict.fromkeys(p for p in problems if p.message not in shown),
        key=lambda p: (p.message, p.level),
    )
    if not once:
        yield "Problems: none"
        return
    errors = sum(p.level == "ERROR" for p in once)
    yield f"Problems: {len(once)}, each once (ERROR {errors}, WARNING {len(once) - errors}):"
    for problem in once:
        yield f"  {problem.level:8} {problem.message}"
