"""Shared fixtures: the real models load once per test session (about 3 s each)."""

from __future__ import annotations

from pathlib import Path

import pytest
from entities.aliases import load_alias_book
from sitekit import corpus_dir

ROOT = Path(__file__).resolve().parents[2]
BUILTIN = ROOT / "plugins" / "entities" / "builtin_aliases.yml"
SEED = ROOT / "seeds" / "000_c3b89795a0f00579.txt"


@pytest.fixture(scope="session")
def builtin_book():
    return load_alias_book([BUILTIN], ["builtin_aliases.yml"])


@pytest.fixture(scope="session")
def recognizer():
    """One recognizer for the session: each language's model loads on first use."""
    from entities.extraction import EntityRecognizer

    return EntityRecognizer()


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article's text without its last line (the source name, "RFI")."""
    lines = SEED.read_text(encoding="utf-8").rstrip().splitlines()
    return "\n".join(lines[:-1]).strip()


@pytest.fixture(scope="session")
def corpus() -> Path:
    return corpus_dir()  # fails, saying where it should be, when it is missing
