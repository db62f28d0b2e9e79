"""The ingest run as editors live it: idempotence, edits kept, removals, bad files, slugs.

The spaCy model is replaced by a recorder here (these tests are about files, not NER); the
whole-site tests in tests/site run the real model.
"""

import json
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


TITLE_SLUG = "le-president-russe-vladimir-poutine-et-le-dirigeant-nord-coreen-kim-jong-un"


def article_names(project):
    return sorted(path.name for path in (project / "content" / "articles").glob("*.md"))


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


def test_two_seeds_sharing_a_lede_both_become_articles(project, caplog):
    (project / "seeds" / "2023-09-14_copy.txt").write_bytes(SEED.read_bytes())
    with caplog.at_level(logging.WARNING):
        outcomes = make_ingest(project, FakeRecognizer()).run()
    assert statuses(outcomes) == [
        ("seeds/2023-09-13_seed.txt", "converted"),
        ("seeds/2023-09-14_copy.txt", "converted"),
    ]
    assert caplog.messages == [
        f"seeds/2023-09-14_copy.txt: slug '{TITLE_SLUG}' is already used by content/articles/"
        f"{TITLE_SLUG}.md (from seeds/2023-09-13_seed.txt); this article gets the slug "
        f"'{TITLE_SLUG}-2023-09-14' instead. To choose another, give it a slug in a sidecar "
        "(slug: ...)"
    ]
    assert article_names(project) == [f"{TITLE_SLUG}-2023-09-14.md", f"{TITLE_SLUG}.md"]


def test_the_earlier_raw_file_keeps_the_plain_slug_whatever_the_order(project):
    seeds = project / "seeds"
    for name in ("2023-09-13_b.txt", "2023-09-13_a.txt"):
        (seeds / name).write_bytes(SEED.read_bytes())
    listed = [seeds / "2023-09-13_seed.txt", seeds / "2023-09-13_b.txt", seeds / "2023-09-13_a.txt"]
    outcomes = make_ingest(project, FakeRecognizer()).run(only=listed)
    assert [(o.path, o.target) for o in outcomes] == [
        ("seeds/2023-09-13_a.txt", f"content/articles/{TITLE_SLUG}.md"),
        ("seeds/2023-09-13_b.txt", f"content/articles/{TITLE_SLUG}-2023-09-13.md"),
        ("seeds/2023-09-13_seed.txt", f"content/articles/{TITLE_SLUG}-2023-09-13-2.md"),
    ]
    again = make_ingest(project, FakeRecognizer()).run()
    assert [o.status for o in again] == ["unchanged"] * 3


def test_an_editors_slug_held_by_another_article_is_an_error_naming_both(project, caplog):
    make_ingest(project, FakeRecognizer()).run()
    (project / "seeds" / "autre.txt").write_text("Un autre article.\n\nRFI", encoding="utf-8")
    (project / "seeds" / "autre.yml").write_text(f"slug: {TITLE_SLUG}\n", encoding="utf-8")
    [article] = (project / "content" / "articles").glob("*.md")
    before = article.read_bytes()
    with caplog.at_level(logging.ERROR):
        outcomes = make_ingest(project, FakeRecognizer()).run()
    assert statuses(outcomes) == [
        ("seeds/2023-09-13_seed.txt", "unchanged"),
        ("seeds/autre.txt", "failed"),
    ]
    assert caplog.messages == [
        f"seeds/autre.txt: slug '{TITLE_SLUG}' is already used by content/articles/"
        f"{TITLE_SLUG}.md (from seeds/2023-09-13_seed.txt); two articles cannot share one URL, "
        "so neither is written over. Give this one another slug (slug: ... in its sidecar)"
    ]
    assert article.read_bytes() == before


def test_a_new_seeds_slug_never_replaces_an_edited_article(project, caplog):
    make_ingest(project, FakeRecognizer()).run()
    [article] = (project / "content" / "articles").glob("*.md")
    edited = "\ufeff" + article.read_text(encoding="utf-8").replace(
        "Lang: fr", "Lang: fr\nNote: vu"
    )
    article.write_bytes(edited.replace("\n", "\r\n").encode("utf-8"))
    before = article.read_bytes()
    (project / "seeds" / "2023-09-13_seed.txt").write_text("Changé.\n\nRFI", encoding="utf-8")
    (project / "seeds" / "0_new.txt").write_text("Un nouvel article.\n\nRFI", encoding="utf-8")
    (project / "seeds" / "0_new.yml").write_text(f"slug: {TITLE_SLUG}\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        outcomes = make_ingest(project, FakeRecognizer()).run()
    assert statuses(outcomes) == [
        ("seeds/0_new.txt", "failed"),
        ("seeds/2023-09-13_seed.txt", "kept"),
    ]
    # (outcome messages: Pelican's logging, once imported, drops a warning logged before)
    assert [o.message for o in outcomes] == [
        f"seeds/0_new.txt: slug '{TITLE_SLUG}' is already used by content/articles/{TITLE_SLUG}"
        ".md (from seeds/2023-09-13_seed.txt); two articles cannot share one URL, so neither is "
        "written over. Give this one another slug (slug: ... in its sidecar)",
        f"content/articles/{TITLE_SLUG}.md was edited by hand; its raw file changed since, but it "
        "is kept as it is. To regenerate it from seeds/2023-09-13_seed.txt (losing the edits): "
        "invoke ingest --force --paths seeds/2023-09-13_seed.txt",
    ]
    assert article.read_bytes() == before
    assert article_names(project) == [f"{TITLE_SLUG}.md"]


def test_a_hand_written_article_is_never_written_over(project, caplog):
    mine = project / "content" / "articles" / f"{TITLE_SLUG}.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("Title: Mon article\nDate: 2023-09-13\n\nÉcrit à la main.\n", "utf-8")
    with caplog.at_level(logging.ERROR):
        outcomes = make_ingest(project, FakeRecognizer()).run()
    assert statuses(outcomes) == [("seeds/2023-09-13_seed.txt", "failed")]
    assert caplog.messages == [
        f"seeds/2023-09-13_seed.txt: slug '{TITLE_SLUG}' is already used by content/articles/"
        f"{TITLE_SLUG}.md; two articles cannot share one URL, so neither is written over. Give "
        "this one another slug (slug: ... in its sidecar)"
    ]
    assert mine.read_text(encoding="utf-8").endswith("Écrit à la main.\n")


def test_a_hand_written_articles_slug_line_is_held_too(project):
    mine = project / "content" / "articles" / "mine.md"
    mine.parent.mkdir(parents=True)
    mine.write_text(f"Title: Mon article\nSlug: {TITLE_SLUG}\n\nÉcrit.\n", encoding="utf-8")
    outcomes = make_ingest(project, FakeRecognizer()).run()
    assert statuses(outcomes) == [("seeds/2023-09-13_seed.txt", "failed")]
    assert "is already used by content/articles/mine.md;" in outcomes[0].message


def test_a_renamed_raw_file_keeps_its_slug(project):
    make_ingest(project, FakeRecognizer()).run()
    seeds = project / "seeds"
    (seeds / "2023-09-13_seed.txt").rename(seeds / "2023-09-13_renamed.txt")
    outcomes = make_ingest(project, FakeRecognizer()).run()
    assert statuses(outcomes) == [
        ("seeds/2023-09-13_renamed.txt", "converted"),
        ("seeds/2023-09-13_seed.txt", "removed"),
    ]
    assert article_names(project) == [f"{TITLE_SLUG}.md"]


def test_an_empty_title_gives_a_slug_from_the_file_name(project):
    (project / "seeds" / "2023-09-13_seed.txt").unlink()
    (project / "seeds" / "Sommet_Vostotchny.md").write_text(
        "Title: « … »\nDate: 2023-09-13\n\nUn texte.\n", encoding="utf-8"
    )
    outcomes = make_ingest(project, FakeRecognizer()).run()
    assert [o.target for o in outcomes] == ["content/articles/sommet-vostotchny.md"]


def test_no_slug_from_title_nor_file_name_is_an_error(project):
    (project / "seeds" / "2023-09-13_seed.txt").unlink()
    (project / "seeds" / "«_».md").write_text("Title: « … »\n\nUn texte.\n", encoding="utf-8")
    outcomes = make_ingest(project, FakeRecognizer()).run()
    assert [o.message for o in outcomes] == [
        "seeds/«_».md: cannot make a URL slug from the title '« … »' nor the file name: give "
        "one in a sidecar (slug: ...)"
    ]


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
    assert "Date: 2023-09-13\n" in text
    assert "date from file name" in text


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def test_a_link_to_a_file_outside_seeds_is_refused_and_not_read(project, tmp_path_factory, caplog):
    secret = tmp_path_factory.mktemp("elsewhere") / "passwd.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n\nsecret", encoding="utf-8")
    (project / "seeds" / "passwd.txt").symlink_to(secret)
    (project / "seeds" / "dir").symlink_to(secret.parent, target_is_directory=True)
    with caplog.at_level(logging.WARNING):
        outcomes = make_ingest(project, FakeRecognizer()).run()
    assert statuses(outcomes) == [("seeds/2023-09-13_seed.txt", "converted")]
    assert caplog.messages == [
        f"seeds/dir: is a link to {secret.parent}, outside seeds/; it is not read. Copy the "
        "file itself there",
        f"seeds/passwd.txt: is a link to {secret}, outside seeds/; it is not read. Copy the "
        "file itself there",
    ]
    assert article_names(project) == [f"{TITLE_SLUG}.md"]


def test_a_link_inside_seeds_is_read_as_itself(project):
    (project / "seeds" / "sub").mkdir()
    (project / "seeds" / "sub" / "link.txt").symlink_to(project / "seeds" / "2023-09-13_seed.txt")
    outcomes = make_ingest(project, FakeRecognizer()).run()
    assert statuses(outcomes) == [
        ("seeds/2023-09-13_seed.txt", "converted"),
        ("seeds/sub/link.txt", "converted"),
    ]


def test_a_named_file_outside_seeds_or_a_sidecar_linking_out_is_an_error(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "a.txt").write_text("Un texte hors du projet.\n\nRFI", encoding="utf-8")
    (elsewhere / "b.yml").write_text("title: secret\n", encoding="utf-8")
    (project / "seeds" / "b.txt").write_text("Un texte.\n\nRFI", encoding="utf-8")
    (project / "seeds" / "b.yml").symlink_to(elsewhere / "b.yml")
    ingest = make_ingest(project, FakeRecognizer())
    outcomes = ingest.run(only=[elsewhere / "a.txt", project / "seeds" / "b.txt"])
    assert [o.message for o in outcomes] == [
        f"{elsewhere}/a.txt: {elsewhere}/a.txt is not in seeds/ (or links out of it); it is not "
        "read: copy the file itself into the folder",
        "seeds/b.txt: seeds/b.yml is not in seeds/ (or links out of it); it is not read: copy "
        "the file itself into the folder",
    ]
    assert article_names(project) == []


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("a\nTitle: injected.txt", "seeds/a?Title: injected.txt"),
        ("a\x1b[31mred.txt", "seeds/a?[31mred.txt"),
        ("a\rb.txt", "seeds/a?b.txt"),
        ("a\u2028b.txt", "seeds/a?b.txt"),
    ],
)
def test_a_file_name_with_control_characters_is_refused(project, caplog, name, shown):
    (project / "seeds" / "2023-09-13_seed.txt").rename(project / "seeds" / name)
    with caplog.at_level(logging.ERROR):
        outcomes = make_ingest(project, FakeRecognizer()).run()
    message = (
        f"{shown}: the file name has control characters (shown as ?); it is not read: rename "
        "the file"
    )
    assert [(o.path, o.status, o.message) for o in outcomes] == [(shown, "failed", message)]
    assert caplog.messages == [message]
    assert article_names(project) == []


def test_an_article_that_cannot_be_decoded_is_an_error_and_never_written_over(project, caplog):
    articles = project / "content" / "articles"
    articles.mkdir(parents=True)
    broken = "Title: Vieux\n\nCaf\xe9 noir.\n".encode("cp1252")
    (articles / f"{TITLE_SLUG}.md").write_bytes(broken)
    (articles / "other.md").write_bytes(broken)
    with caplog.at_level(logging.ERROR):
        outcomes = make_ingest(project, FakeRecognizer()).run()
    unreadable = (
        "not valid UTF-8 (byte 0xe9): save it again as UTF-8; until then ingest leaves it as it is"
    )
    assert caplog.messages == [
        f"content/articles/{TITLE_SLUG}.md:3: {unreadable}",
        f"content/articles/other.md:3: {unreadable}",
        f"seeds/2023-09-13_seed.txt: slug '{TITLE_SLUG}' is already used by content/articles/"
        f"{TITLE_SLUG}.md; two articles cannot share one URL, so neither is written over. Give "
        "this one another slug (slug: ... in its sidecar)",
    ]
    assert statuses(outcomes) == [
        ("seeds/2023-09-13_seed.txt", "failed"),
        (f"content/articles/{TITLE_SLUG}.md", "failed"),
        ("content/articles/other.md", "failed"),
    ]
    assert (articles / f"{TITLE_SLUG}.md").read_bytes() == broken
    assert (articles / "other.md").read_bytes() == broken


@pytest.mark.parametrize(
    "damaged", [b'[["Kim", "PE', b"\xff\xfe", b'{"a": 1}', b'[["Kim"]]', b"", b"[[1, 2]]"]
)
def test_a_damaged_cache_entry_is_computed_again(tmp_path, caplog, damaged):
    cache = EntityCache(tmp_path)
    text = f"texte {damaged!r}"  # one entry per case: Pelican's logger drops repeated warnings
    assert cache.spans(text, "m", lambda: [("Kim", "PER")]) == [("Kim", "PER")]
    [entry] = (tmp_path / "ner").glob("*.json")
    entry.write_bytes(damaged)
    with caplog.at_level(logging.WARNING, logger="ingest.convert"):
        assert cache.spans(text, "m", lambda: [("Kim", "PER")]) == [("Kim", "PER")]
    assert caplog.messages == [f"{entry}: cache entry is damaged; it is removed and computed again"]
    assert json.loads(entry.read_text(encoding="utf-8")) == [["Kim", "PER"]]
    assert [p.name for p in (tmp_path / "ner").iterdir()] == [entry.name]  # no temporary file


def test_anything_unexpected_in_one_file_is_that_files_error(project, caplog, monkeypatch):
    import ingest.runner

    (project / "seeds" / "2023-09-14_b.txt").write_text("Un autre texte.\n\nRFI", "utf-8")
    real_infer = ingest.runner.infer

    def infer(raw, *args):
        if raw.path.endswith("_b.txt"):
            raise KeyError("boom")
        return real_infer(raw, *args)

    monkeypatch.setattr(ingest.runner, "infer", infer)
    with caplog.at_level(logging.DEBUG, logger="ingest.runner"):
        outcomes = make_ingest(project, FakeRecognizer()).run()
    assert statuses(outcomes) == [
        ("seeds/2023-09-13_seed.txt", "converted"),
        ("seeds/2023-09-14_b.txt", "failed"),
    ]
    error, debug = [r for r in caplog.records if r.name == "ingest.runner"]
    assert (error.levelname, error.getMessage()) == (
        "ERROR",
        "seeds/2023-09-14_b.txt: could not be converted (KeyError: 'boom'); the other files "
        "still convert. This is a bug: please report it with the file (the traceback is logged "
        "at debug level)",
    )
    assert debug.levelname == "DEBUG" and debug.exc_info[0] is KeyError


def test_pelican_keys_of_a_markdown_seed_never_reach_the_article(project, caplog):
    (project / "seeds" / "2023-09-13_seed.txt").unlink()
    (project / "seeds" / "2023-09-13_a.md").write_text(
        "Title: Un titre\nSlug: un-titre\nSave_as: ../../evil.html\nTemplate: ../x\n"
        "Status: draft\nNote: ok\n\nUn texte.\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING):
        make_ingest(project, FakeRecognizer()).run()
    text = (project / "content" / "articles" / "un-titre.md").read_text(encoding="utf-8")
    keys = [line.split(":")[0] for line in text.split("\n\n")[0].split("\n")]
    assert "Note" in keys
    assert not {"Save_as", "Template", "Status"} & set(keys)
    assert len(caplog.messages) == 3


def test_nothing_is_written_outside_the_articles_folder(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "x.md").write_text("mine", encoding="utf-8")
    seeds = project / "seeds"
    hostile = {
        "a.txt": "slug: ../../x\n",
        "b.txt": f"slug: {outside}/x\n",
        "c.txt": "slug: ../digests/vostotchny\n",
        "d.txt": "slug: .hidden\n",
    }
    for name, sidecar in hostile.items():
        (seeds / name).write_text(f"Texte {name}.\n\nRFI", encoding="utf-8")
        (seeds / name).with_suffix(".yml").write_text(sidecar, encoding="utf-8")
    (project / "content" / "digests").mkdir(parents=True)
    (project / "content" / "digests" / "vostotchny.md").write_text("digest", encoding="utf-8")
    before_outside = files_in(outside)
    outcomes = make_ingest(project, FakeRecognizer()).run()
    assert [o.status for o in outcomes] == ["converted"] + ["failed"] * 4
    assert files_in(outside) == before_outside
    assert files_in(project / "content" / "digests") == {"vostotchny.md": b"digest"}
    assert article_names(project) == [f"{TITLE_SLUG}.md"]
    assert sorted(files_in(project)) == sorted(
        [*(f"seeds/{n}" for n in [*hostile, "a.yml", "b.yml", "c.yml", "d.yml"]),
         "seeds/2023-09-13_seed.txt", f"content/articles/{TITLE_SLUG}.md",
         "content/digests/vostotchny.md"]
    )  # fmt: skip


def test_a_link_in_the_articles_folder_is_never_read_nor_written_through(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "mine.md"
    outside.write_text("Title: Mine\n\nNot to be touched.\n", encoding="utf-8")
    articles = project / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / f"{TITLE_SLUG}.md").symlink_to(outside)
    outcomes = make_ingest(project, FakeRecognizer()).run()
    assert statuses(outcomes) == [("seeds/2023-09-13_seed.txt", "failed")]
    assert outcomes[0].message.startswith(
        f"seeds/2023-09-13_seed.txt: slug '{TITLE_SLUG}' is already used by content/articles/"
        f"{TITLE_SLUG}.md; "
    )
    assert outside.read_text(encoding="utf-8") == "Title: Mine\n\nNot to be touched.\n"
