"""Building real sites with real Pelican in a temporary folder, and finding the corpus.

Tests own their data: a site is built from what the test writes, the example seed copied from
the project (``EXAMPLE_SEED``) and the alias file and digest below, never from whatever editors
have put in the project's ``seeds/`` or ``content/``.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews"
# The example seed the project ships (its text and its sidecar).
EXAMPLE_SEED = [ROOT / "seeds" / f"000_c3b89795a0f00579.{ext}" for ext in ("txt", "yml")]
EXAMPLE_SLUG = "vladimir-poutine-et-kim-jong-un-se-sont-retrouves-au-cosmodrome-russe"
# The alias file and the digest the example site is tested with (as first committed in content/,
# which editors then change at will).
EXAMPLE_ALIASES = """\
Nicolas Rocca:
  kind: person
  aliases: [Rocca]
  description: {fr: Correspondant de RFI à Séoul, en: RFI correspondent in Seoul}
Vostotchny:
  kind: place
  names: {fr: Vostotchny, en: Vostochny}
  aliases: [Vostochny, cosmodrome de Vostotchny]
Angara: ignore            # a rocket, not a place
"""
EXAMPLE_DIGEST = f"""\
Title: Poutine et Kim à Vostotchny
Date: 2023-09-13
Lang: fr
Slug: vostotchny
Articles: {EXAMPLE_SLUG}

Le cosmodrome de Vostotchny, vitrine spatiale de la Russie, a accueilli la rencontre entre
Vladimir Poutine et Kim Jong-un. Une sélection pour suivre ce rapprochement.
"""


def corpus_dir() -> Path:
    """The demo corpus beside the project; a clear failure when it is missing."""
    if not CORPUS.is_dir():
        pytest.fail(
            f"the demo corpus is missing: expected {CORPUS} (../shared/corpus/wikinews beside "
            "the project). It is used from there, never copied into the project."
        )
    return CORPUS


def copy_code(project: Path) -> Path:
    """The project's code (settings, theme, plugins) in ``project``, without its seeds/ or
    content/: a ``Site(project)`` then gets the data its test gives it."""
    project.mkdir(parents=True, exist_ok=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, project / name)
    for name in ("theme", "plugins"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    return project


def corpus_articles(lang: str | None = None) -> list[Path]:
    langs = [lang] if lang else ["en", "fr"]
    return sorted(p for code in langs for p in (corpus_dir() / code).glob("*.txt"))


class Records(logging.Handler):
    """The (level, message) of every warning and error logged while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelname, record.getMessage()))


class Site:
    """A project laid out in a temporary folder: seeds/, content/, output/."""

    def __init__(self, root: Path):
        self.root = root
        self.seeds = root / "seeds"
        self.content = root / "content"
        self.output = root / "output"
        self.defaults: dict = {}
        self.seeds.mkdir(parents=True, exist_ok=True)
        (self.content / "articles").mkdir(parents=True, exist_ok=True)

    def settings(self, conf: str = "pelicanconf.py", **overrides) -> dict:
        """The project's settings file ``conf`` (pelicanconf.py or publishconf.py), pointed at
        this folder, then ``overrides``."""
        from pelican.settings import read_settings

        values = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(self.output),
            "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT / "plugins")],
            "INGEST_CACHE_PATH": str(self.root / ".ingest-cache"),
            "CACHE_PATH": str(self.root / ".pelican-cache"),
            "SEARCH_INDEX": False,
        }
        values.update(overrides)
        return read_settings(str(ROOT / conf), override=values)

    def build(self, conf: str = "pelicanconf.py", **overrides) -> None:
        """A real Pelican run; ``self.defaults`` are applied first, then ``overrides``."""
        from pelican import Pelican

        Pelican(self.settings(conf, **{**self.defaults, **overrides})).run()

    def add_example(self, digest: bool = False) -> None:
        """The example seed with its sidecar, the example alias file and, if asked, its digest."""
        for path in EXAMPLE_SEED:
            shutil.copy(path, self.seeds / path.name)
        (self.content / "entities.yml").write_text(EXAMPLE_ALIASES, encoding="utf-8")
        if digest:
            (self.content / "digests").mkdir(exist_ok=True)
            (self.content / "digests" / "vostotchny.md").write_text(
                EXAMPLE_DIGEST, encoding="utf-8"
            )

    def build_recording(self, **overrides) -> None:
        """``build``, keeping every warning and error it logs in ``self.records``."""
        records = Records()
        logging.getLogger().addHandler(records)
        try:
            self.build(**overrides)
        finally:
            logging.getLogger().removeHandler(records)
            self.records = records.records

    def page(self, path: str):
        from bs4 import BeautifulSoup

        return BeautifulSoup((self.output / path).read_text(encoding="utf-8"), "html.parser")

    def article_files(self) -> list[Path]:
        return sorted((self.content / "articles").glob("*.md"))
