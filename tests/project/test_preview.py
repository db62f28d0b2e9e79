"""``invoke livereload`` and ``invoke regenerate``: what changed, the problems of the last build
and how the page shows them (the server and the rebuilds themselves were verified by hand:
README, "Tasks")."""

import io

import pytest

import tasks


def test_the_problem_lines_of_the_summary_are_what_the_page_shows():
    lines = [
        "[07:00:00] ERROR    seeds/x.txt: file is empty: put    runner.py:182",
        "Ingest: 0 converted, 1 unchanged, 0 kept (edited by hand), 0 removed, 1 failed; "
        "0 dated by file time",
        "Problems: 2, each once (ERROR 1, WARNING 1):",
        "  ERROR    seeds/x.txt: file is empty: put the article's text in it, or delete it",
        "  WARNING  seeds/y.txt: converted from cp1252; save it as UTF-8 to silence this",
        "Done: Processed 1 article",
    ]
    assert tasks.problems_of(lines, 0) == [
        "ERROR    seeds/x.txt: file is empty: put the article's text in it, or delete it",
        "WARNING  seeds/y.txt: converted from cp1252; save it as UTF-8 to silence this",
    ]
    output = ["Ingest: ...", "CRITICAL TemplateSyntaxError: unexpected end", "  Traceback"]
    assert tasks.problems_of(output, 1) == [
        "The build stopped (exit status 1); its output says:",
        "CRITICAL TemplateSyntaxError: unexpected end",
        "  Traceback",
    ]
    assert tasks.problems_of(["a", "b"], 2) == [
        "The build stopped (exit status 2); its output says:",
        "a",
        "b",
    ]


def test_the_banner_comes_first_in_the_body_and_is_escaped():
    from bs4 import BeautifulSoup

    page = b'<html><head></head><body class="a">\n<p>Texte</p></body></html>'
    shown = tasks.with_banner(page, ["ERROR    seeds/<script>.txt: file is empty"])
    body = BeautifulSoup(shown, "html.parser").body
    banner = body.find(True)
    assert (banner.name, banner["id"], banner["role"]) == ("pre", "build-problems", "alert")
    assert banner.get_text() == (
        "Last build: problems (fix them, save, it reloads)\n"
        "ERROR    seeds/<script>.txt: file is empty"
    )
    assert body.find("script") is None  # shown as text, never run
    assert body.p.get_text() == "Texte"


@pytest.fixture
def served(tmp_path):
    output = tmp_path / "output"
    (output / "articles").mkdir(parents=True)
    (output / "index.html").write_text("<html><head></head><body>Accueil</body></html>")
    (output / "404.html").write_text("<html><head></head><body>Introuvable</body></html>")
    (output / "site.css").write_text("body{}")
    (tmp_path / "secret.txt").write_text("no")
    preview = tasks.Preview.__new__(tasks.Preview)  # no snapshot of the project needed here
    preview.problems = []
    app = tasks.preview_app(preview, output)

    def get(path):
        answer = {}

        def start_response(status, headers):
            answer.update(status=status, headers=dict(headers))

        body = b"".join(app({"PATH_INFO": path, "wsgi.input": io.BytesIO()}, start_response))
        return answer["status"], answer["headers"]["Content-Type"], body.decode()

    return preview, get


def test_the_preview_serves_the_site_and_its_404_page(served):
    get = served[1]
    assert get("/") == ("200 OK", "text/html; charset=utf-8", page("Accueil"))
    assert get("/site.css") == ("200 OK", "text/css; charset=utf-8", "body{}")
    assert get("/nope.html")[0:2] == ("404 Not Found", "text/html; charset=utf-8")
    assert "Introuvable" in get("/nope.html")[2]
    assert "Introuvable" in get("/../secret.txt")[2]  # never outside output/


def page(text):
    return f"<html><head></head><body>{text}</body></html>"


def test_every_page_shows_the_last_builds_problems_until_they_are_fixed(served):
    preview, get = served
    preview.problems = ["ERROR    seeds/x.txt: file is empty"]
    assert 'role="alert"' in get("/")[2] and "seeds/x.txt: file is empty" in get("/")[2]
    assert get("/site.css")[2] == "body{}"
    preview.problems = []
    assert 'role="alert"' not in get("/")[2]


def test_changes_name_what_was_added_changed_or_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(tasks, "ROOT", tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("a")
    (tmp_path / "content" / "b.md").write_text("b")
    preview = tasks.Preview()
    assert preview.changes() == []
    (tmp_path / "seeds" / "new.txt").write_text("nouveau")
    (tmp_path / "seeds" / ".hidden.swp").write_text("ignoré")
    (tmp_path / "content" / "b.md").unlink()
    (tmp_path / "seeds" / "a.txt").write_text("a, plus long")
    assert preview.changes() == ["content/b.md", "seeds/a.txt", "seeds/new.txt"]
    assert preview.changes() == []
