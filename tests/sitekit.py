"""Building real sites with real Pelican in a temporary folder, and finding the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews"


def corpus_dir() -> Path:
    """The demo corpus beside the project; a clear failure when it is missing."""
    if not CORPUS.is_dir():
        pytest.fail(
            f"the demo corpus is missing: expected {CORPUS} (../shared/corpus/wikinews beside "
            "the project). It is used from there, never copied into the project."
        )
    return CORPUS


def corpus_articles(lang: str | None = None) -> list[Path]:
    langs = [lang] if lang else ["en", "fr"]
    return sorted(p for code in langs for p in (corpus_dir() / code).glob("*.txt"))


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

    def settings(self, **overrides) -> dict:
        from pelican.settings import read_settings

        values = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(self.output),
            "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT / "plugins")],
            "INGEST_CACHE_PATH": str(self.root / ".ingest-cache"),
            "SEARCH_INDEX": False,
        }
        values.update(overrides)
        return read_settings(str(ROOT / "pelicanconf.py"), override=values)

    def build(self, **overrides) -> None:
        """A real Pelican run; ``self.defaults`` are applied first, then ``overrides``."""
        from pelican import Pelican

        Pelican(self.settings(**{**self.defaults, **overrides})).run()

    def page(self, path: str):
        from bs4 import BeautifulSoup

        return BeautifulSoup((self.output / path).read_text(encoding="utf-8"), "html.parser")

    def article_files(self) -> list[Path]:
        return sorted((self.content / "articles").glob("*.md"))
