"""``invoke ingest``: progress on many files, a summary, and an exit status scripts can trust."""

import shutil

import pytest
from ingest.cli import main
from sitekit import ROOT

pytestmark = pytest.mark.site  # runs the real model once


@pytest.fixture
def project(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "content").mkdir()
    shutil.copy(ROOT / "seeds" / "000_c3b89795a0f00579.txt", tmp_path / "seeds" / "a.txt")
    shutil.copy(ROOT / "seeds" / "000_c3b89795a0f00579.yml", tmp_path / "seeds" / "a.yml")
    (tmp_path / "seeds" / "empty.txt").write_text("", encoding="utf-8")
    settings = tmp_path / "pelicanconf.py"
    settings.write_text('PATH = "content"\nTIMEZONE = "Europe/Paris"\n', encoding="utf-8")
    return tmp_path


def test_progress_then_summary_and_failure_status(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    assert main(["--settings", "pelicanconf.py"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "[1/2] converted seeds/a.txt",
        "[2/2] failed    seeds/empty.txt",
        "1 converted, 0 unchanged, 0 kept (edited by hand), 0 removed, 1 failed",
    ]
    (project / "seeds" / "empty.txt").unlink()
    assert main(["--settings", "pelicanconf.py"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "0 converted, 1 unchanged, 0 kept (edited by hand), 0 removed, 0 failed"
    )


def test_only_the_named_files_and_force(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    main(["--settings", "pelicanconf.py", "seeds/a.txt"])
    [article] = (project / "content" / "articles").glob("*.md")
    article.write_text(article.read_text(encoding="utf-8") + "\nAjout.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--settings", "pelicanconf.py", "seeds/a.txt"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "[1/1] kept      seeds/a.txt"
    assert main(["--settings", "pelicanconf.py", "--force", "seeds/a.txt"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "[1/1] converted seeds/a.txt"
    assert "Ajout." not in article.read_text(encoding="utf-8")


def test_a_missing_path_is_refused(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    assert main(["--settings", "pelicanconf.py", "seeds/nope.txt"]) == 2
    assert capsys.readouterr().err == "error: no such file: seeds/nope.txt\n"


def test_control_characters_in_file_names_never_reach_the_terminal(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    (project / "seeds" / "empty.txt").rename(project / "seeds" / "x\x1b[2J.txt")
    assert main(["--settings", "pelicanconf.py"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[:2] == [
        "[1/2] converted seeds/a.txt",
        "[2/2] failed    seeds/x?[2J.txt",
    ]
    assert "\x1b" not in captured.out + captured.err
    assert main(["--settings", "pelicanconf.py", "seeds/\x1b[31mnope.txt"]) == 2
    assert capsys.readouterr().err == "error: no such file: seeds/?[31mnope.txt\n"
