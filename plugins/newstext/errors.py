"""The one shape of an error about an input file: ``path:line: what is wrong, and what to do``.

Every plugin reports bad input this way (ingest's ``IngestError``, the YAML loader's
``YamlFileError``), so that an editor reads every message alike and tests compare them exactly.
"""

from __future__ import annotations


class FileError(ValueError):
    """An input file that cannot be used, said so that an editor can fix it.

    >>> str(FileError("seeds/a.txt", "date '31/02/2023' is not a real day", line=12))
    "seeds/a.txt:12: date '31/02/2023' is not a real day"
    """

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.message = message
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
