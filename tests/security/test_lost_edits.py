"""Editors' edits are never lost, whatever the next ingest run meets: an edited article re-saved
with a UTF-8 BOM (as some Windows editors do), a new seed whose sidecar slug names an article an
editor edited or wrote by hand. Real ingest runs (``ingest.runner``); the spaCy model is
replaced by a recorder, as in tests/ingest/test_runner.py, since this is about files."""

from __future__ import annotations

import zoneinfo
from pathlib import Path

import pytest
from ingest.convert import EntityCache, Inference
from ingest.runner import Ingest, IngestSettings

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_c3b89795a0f00579.txt"
SLUG = "le-president-russe-vladimir-poutine-et-le-dirigeant-nord-coreen-kim-jong-un"
BOM = "\ufeff".encode()


class Recognizer:
    def model_version(self, lang):
        return "fake 1.0"

    def spans(self, text, lang):
        return []


class NoAliases:
    def resolve(self, name):
        return None


def ingest(root: Path) -> list:
    settings = IngestSettings(
        root=root,
        seeds=root / "seeds",
        articles=root / "content" / "articles",
        alias_files=(),
        models=(("en", "none"), ("fr", "none")),
    )
    inference = Inference(
        tz=zoneinfo.ZoneInfo("Europe/Paris"),
        languages=("en", "fr"),
        recognizer=Recognizer,
        aliases=NoAliases(),
        cache=EntityCache(None),
    )
    return Ingest(settings, lambda: inference).run()


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "seeds" / "seed.yml").write_text("date: 2023-09-13\n", encoding="utf-8")
    ingest(tmp_path)
    return tmp_path


def edit(article: Path, bom: bool) -> bytes:
    """What an editor does: a better title, then save (maybe with a BOM)."""
    text = article.read_text(encoding="utf-8").replace(
        "Title: Le président russe", "Title: Édité à la main : le président russe", 1
    )
    assert "Édité à la main" in text
    data = (BOM if bom else b"") + text.encode("utf-8")
    article.write_bytes(data)
    return data


def article(root: Path, slug: str = SLUG) -> Path:
    return root / "content" / "articles" / f"{slug}.md"


def assert_kept(path: Path, edited: bytes, tally, flow: str) -> None:
    lost = int(not path.is_file() or path.read_bytes() != edited)
    tally.record("payloads tried", flow, 1)
    tally.record("lost edits", flow, lost)
    assert path.is_file(), f"{flow}: the edited article {path.name} was deleted"
    assert path.read_bytes() == edited, f"{flow}: the edited article {path.name} was rewritten"


@pytest.mark.parametrize("bom", [False, True], ids=["plain", "bom"])
def test_an_edited_article_is_kept_when_its_seed_is_unchanged(project, bom, tally):
    edited = edit(article(project), bom)
    ingest(project)
    assert_kept(article(project), edited, tally, f"edited ({'BOM' if bom else 'plain'}), re-run")


@pytest.mark.parametrize("bom", [False, True], ids=["plain", "bom"])
def test_an_edited_article_is_kept_when_its_sidecar_changes(project, bom, tally):
    edited = edit(article(project), bom)
    (project / "seeds" / "seed.yml").write_text("date: 2023-09-14\n", encoding="utf-8")
    outcomes = ingest(project)
    assert_kept(article(project), edited, tally, f"edited ({'BOM' if bom else 'plain'}), sidecar")
    assert [o.status for o in outcomes] == ["kept"]


@pytest.mark.parametrize("bom", [False, True], ids=["plain", "bom"])
def test_a_new_seed_cannot_take_the_slug_of_an_edited_article(project, bom, tally):
    edited = edit(article(project), bom)
    (project / "seeds" / "other.txt").write_text(
        "Un tout autre article, avec assez de texte pour en être un.\n\nRFI\n", encoding="utf-8"
    )
    (project / "seeds" / "other.yml").write_text(f"slug: {SLUG}\n", encoding="utf-8")
    outcomes = ingest(project)
    assert_kept(article(project), edited, tally, f"edited ({'BOM' if bom else 'plain'}), new seed")
    assert {o.path: o.status for o in outcomes}["seeds/other.txt"] == "failed"


@pytest.mark.parametrize("bom", [False, True], ids=["plain", "bom"])
def test_a_new_seed_cannot_take_the_slug_of_an_article_written_by_hand(tmp_path, bom, tally):
    """An article an editor wrote in content/articles/ has no Raw: line; it is still theirs."""
    (tmp_path / "seeds").mkdir()
    mine = article(tmp_path, "mon-article")
    mine.parent.mkdir(parents=True)
    written = (BOM if bom else b"") + (
        "Title: Mon article\nDate: 2023-09-13\n\nÉcrit à la main dans content/articles/.\n"
    ).encode()
    mine.write_bytes(written)
    (tmp_path / "seeds" / "new.txt").write_text(
        "Un nouvel article dont le sidecar vise un article écrit à la main.\n\nRFI\n",
        encoding="utf-8",
    )
    (tmp_path / "seeds" / "new.yml").write_text("slug: mon-article\n", encoding="utf-8")
    outcomes = ingest(tmp_path)
    assert_kept(mine, written, tally, f"hand-written ({'BOM' if bom else 'plain'}), new seed")
    assert [o.status for o in outcomes] == ["failed"]
