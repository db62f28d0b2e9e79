"""The ingest run as editors live it: idempotence, edits kept, removals, bad files, slugs.

The spaCy model is replaced by a recorder here (these tests are about files, not NER); the
whole-site tests in tests/site run the real model.
"""

import logging
import zoneinfo
from pathlib import Path

import pytest
from ingest.convert import EntityCache, Inference
from ingest.runner import Ingest, IngestSettings, summary_line

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_c3b89795a0f00579.txt"


class FakeRecognizer:
    def __init__(self):
        self.texts = []

    def model_version(self, lang):
        return "fake 1.0"

    def spans(self, text, lang):
        self.texts.append(text)
        return []


class Aliases:
    def resolve(self, name):
        return None


def make_ingest(root: Path, recognizer: FakeRecognizer) -> Ingest:
    settings = IngestSettings(
        root=root,
        seeds=root / "seeds",
        articles=root / "content" / "articles",
        alias_files=(),
        models=(("en", "none"), ("fr", "none")),
    )

    def inference():
        return Inference(
            tz=zoneinfo.ZoneInfo("Europe/Paris"),
            languages=("en", "fr"),
            recognizer=lambda: recognizer,
            aliases=Aliases(),
            cache=EntityCache(None),
        )

    return Ingest(settings, inference)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "2023-09-13_seed.txt").write_bytes(SEED.read_bytes())
    return tmp_path


def statuses(outcomes):
    return [(o.path, o.status) for o in outcomes]


def test_first_run_converts_and_second_changes_nothing(project):
    recognizer = FakeRecognizer()
    first = make_ingest(project, recognizer).run()
    assert statuses(first) == [("seeds/2023-09-13_seed.txt", "converted")]
    [article] = (project / "content" / "articles").glob("*.md")
    before = article.read_bytes()
    second = make_ingest(project, recognizer).run()
    assert statuses(second) == [("seeds/2023-09-13_seed.txt", "unchanged")]
    assert article.read_bytes() == before
    assert len(recognizer.texts) == 1  # the model saw the text once


def test_conversion_is_deterministic(project, tmp_path_factory):
    make_ingest(project, FakeRecognizer()).run()
    [first] = (project / "content" / "articles").glob("*.md")
    text = first.read_bytes()
    first.unlink()
    make_ingest(project, FakeRecognizer()).run()
    assert first.read_bytes() == text


def test_an_edited_article_is_kept_and_the_warning_says_how_to_regenerate(project, caplog):
    make_ingest(project, FakeRecognizer()).run()
    [article] = (project / "content" / "articles").glob("*.md")
    edited = article.read_text(encoding="utf-8").replace("Lang: fr", "Lang: fr\nNote: vérifié")
    article.write_text(edited, encoding="utf-8")
    (project / "seeds" / "2023-09-13_seed.txt").write_text("Autre texte.\n\nRFI", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        outcomes = make_ingest(project, FakeRecognizer()).run()
    assert statuses(outcomes) == [("seeds/2023-09-13_seed.txt", "kept")]
    assert article.read_text(encoding="utf-8") == edited
    assert caplog.messages == []  # reported once in the build's summary, not as a warning
    assert [outcome.message for outcome in outcomes] == [
        f"content/articles/{article.name} was edited by hand; its raw file changed since, but it "
        "is kept as it is. To regenerate it from seeds/2023-09-13_seed.txt (losing the edits): "
        "invoke ingest --force --paths seeds/2023-09-13_seed.txt"
    ]


def test_force_regenerates_an_edited_article(project):
    make_ingest(project, FakeRecognizer()).run()
    [article] = (project / "content" / "articles").glob("*.md")
    generated = article.read_text(encoding="utf-8")
    article.write_text(generated + "\nAjout.\n", encoding="utf-8")
    outcomes = make_ingest(project, FakeRecognizer()).run(force=True)
    assert statuses(outcomes) == [("seeds/2023-09-13_seed.txt", "converted")]
    assert article.read_text(encoding="utf-8") == generated


def test_removing_a_raw_file_removes_its_unedited_article(project):
    make_ingest(project, FakeRecognizer()).run()
    (project / "seeds" / "2023-09-13_seed.txt").unlink()
    outcomes = make_ingest(project, FakeRecognizer()).run()
    assert statuses(outcomes) == [("seeds/2023-09-13_seed.txt", "removed")]
    assert list((project / "content" / "articles").glob("*.md")) == []


def test_removing_a_raw_file_never_deletes_an_edited_article(project, caplog):
    make_ingest(project, FakeRecognizer()).run()
    [article] = (project / "content" / "articles").glob("*.md")
    article.write_text(article.read_text(encoding="utf-8") + "\nAjout.\n", encoding="utf-8")
    (project / "seeds" / "2023-09-13_seed.txt").unlink()
    with caplog.at_level(logging.WARNING):
        outcomes = make_ingest(project, FakeRecognizer()).run()
    assert statuses(outcomes) == [("seeds/2023-09-13_seed.txt", "kept")]
    assert article.exists()
    assert "is gone, but the article was edited by hand, so it is kept" in caplog.text


def test_a_bad_file_is_reported_and_the_others_still_convert(project, caplog):
    (project / "seeds" / "empty.txt").write_text("  \n", encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        outcomes = make_ingest(project, FakeRecognizer()).run()
    assert dict(statuses(outcomes)) == {
        "seeds/2023-09-13_seed.txt": "converted",
        "seeds/empty.txt": "failed",
    }
    assert caplog.records[0].getMessage().startswith("seeds/empty.txt: ")
    assert summary_line(outcomes) == (
        "1 converted, 0 unchanged, 0 kept (edited by hand), 0 removed, 1 failed"
    )


def test_two_files_with_one_slug_the_second_is_an_error(project, caplog):
    (project / "seeds" / "2023-09-14_copy.txt").write_bytes(SEED.read_bytes())
    with caplog.at_level(logging.ERROR):
        outcomes = make_ingest(project, FakeRecognizer()).run()
    assert statuses(outcomes) == [
        ("seeds/2023-09-13_seed.txt", "converted"),
        ("seeds/2023-09-14_copy.txt", "failed"),
    ]
    [message] = caplog.messages
    assert message.startswith("seeds/2023-09-14_copy.txt: slug '")
    assert message.endswith(
        "' is already used by seeds/2023-09-13_seed.txt; two articles cannot share one URL. "
        "Give this one another title or a slug in a sidecar (slug: ...)"
    )


def test_a_sidecar_slug_resolves_the_clash(project):
    (project / "seeds" / "2023-09-14_copy.txt").write_bytes(SEED.read_bytes())
    (project / "seeds" / "2023-09-14_copy.yml").write_text("slug: copie\n", encoding="utf-8")
    outcomes = make_ingest(project, FakeRecognizer()).run()
    assert [o.status for o in outcomes] == ["converted", "converted"]
    assert (project / "content" / "articles" / "copie.md").exists()


def test_the_file_name_date_is_used_and_said(project):
    make_ingest(project, FakeRecognizer()).run()
    [article] = (project / "content" / "articles").glob("*.md")
    text = article.read_text(encoding="utf-8")
    assert "Date: 2023-09-13T00:00:00+02:00\n" in text
    assert "date from file name" in text
