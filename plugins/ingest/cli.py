"""``invoke ingest [--paths A,B] [--force]``: convert raw articles for review, without a build.

The model runs on every core by default (``--processes N``), or on a Dask cluster: a running
scheduler (``--scheduler tcp://host:8786``) or a local one of N workers (``--workers N``).

Run as ``python -m ingest.cli`` with ``plugins/`` on the path (tasks.py does this).
Exit status 1 when any file failed, so that scripts and CI notice.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    # Imported here, not above: each worker process of the pool imports this module again (it
    # is the run's __main__), and needs none of Pelican, rich or the runner to read texts.
    from newstext.safety import printable
    from pelican.settings import read_settings
    from rich.console import Console

    from .glue import dated_by_file_time, make_ingest, progress_bar
    from .recognition import make_engine
    from .runner import summary_line

    parser = argparse.ArgumentParser(prog="invoke ingest", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="raw files (default: all of seeds/)")
    parser.add_argument(
        "--force", action="store_true", help="regenerate even articles edited by hand"
    )
    parser.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    engines = parser.add_mutually_exclusive_group()
    engines.add_argument(
        "--processes", type=int, default=0, help="worker processes on this machine (0: every core)"
    )
    engines.add_argument("--workers", type=int, default=0, help="start a local Dask cluster of N")
    engines.add_argument("--scheduler", default="", help="address of a running Dask scheduler")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")

    ingest = make_ingest(read_settings(args.settings))
    missing = [printable(str(path)) for path in args.paths if not path.is_file()]
    if missing:
        print(f"error: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2

    # On a terminal: a progress bar, and a line for each file that did not stay unchanged.
    # Elsewhere (CI logs, pipes): one plain line per file, no bar.
    out = Console(soft_wrap=True, highlight=False)
    engine = make_engine(args.processes or ingest.settings.processes, args.scheduler, args.workers)
    with (
        progress_bar(out, minimum=2, label="Recognising entities") as recognised,
        progress_bar(out, minimum=2) as bar,
    ):

        def progress(number: int, total: int, outcome) -> None:
            # a file name reaches the terminal: control characters (ANSI escapes) show as "?"
            line = f"[{number}/{total}] {outcome.status:9} {printable(outcome.path)}"
            if not out.is_terminal:
                print(line, flush=True)
                return
            if outcome.status != "unchanged":
                out.print(line, markup=False)
            bar(number, total, outcome)

        try:
            outcomes = ingest.run(
                only=args.paths or None,
                force=args.force,
                progress=progress,
                engine=engine,
                recognised=recognised,
            )
        finally:
            engine.close()
    print(summary_line(outcomes))
    for outcome in outcomes:
        if outcome.status == "kept":  # said once here, not as a warning on each run
            print(f"  kept     {outcome.message}")
    for target in dated_by_file_time(ingest.settings, outcomes):
        print(f"  dated    {target}: its date is the raw file's modification time; give the real "
              "one in a sidecar (date: YYYY-MM-DD)")  # fmt: skip
    return 1 if any(outcome.status == "failed" for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
