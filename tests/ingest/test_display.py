"""Paths as editors see them (``Raw:``, messages, the summary): relative to the project however
ingest was given them."""

import os
from pathlib import Path

import pytest
from ingest.runner import IngestSettings


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "a.txt").write_text("a")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "b.txt").write_text("b")
    (root / "seeds" / "linked").symlink_to(corpus, target_is_directory=True)
    monkeypatch.chdir(root)
    return IngestSettings(root, root / "seeds", root / "content" / "articles", (), ())


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("seeds/a.txt", "seeds/a.txt"),  # relative to the current folder, the project
        ("{root}/seeds/a.txt", "seeds/a.txt"),  # absolute
        ("{root}/seeds/../seeds/a.txt", "seeds/a.txt"),
        ("{root}/seeds/linked/b.txt", "seeds/linked/b.txt"),  # a corpus linked into seeds/
        ("seeds/linked/b.txt", "seeds/linked/b.txt"),
        ("{root}/../corpus/b.txt", "{root}/../corpus/b.txt"),  # outside: as given
    ],
)
def test_a_path_is_shown_relative_to_the_project(project, given, shown):
    root = str(project.root)
    path = given.format(root=root)
    assert project.display(Path(path)) == shown.format(root=root).replace(os.sep, "/")
